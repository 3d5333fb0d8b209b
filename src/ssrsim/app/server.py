"""Starting the app's Solara server, offline and on this machine only unless told otherwise.

Solara serves its JavaScript from the ``solara-assets`` package when that package is of the same
release as ``solara``; otherwise the page asks a CDN for it and stays blank without internet (a
classroom often has none), so a mismatch is refused here with the command that fixes it. Solara's
usage report and its check for a newer release, both requests to the internet, are turned off.

The server runs in this process (``solara run`` in production mode, without a browser of its
own, and with the plain loader: no "runs on Solara" banner over the figures); the run queue's
worker processes are its children and stop with it.
"""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import sys
import threading
import time
import warnings
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..config.errors import UserError

#: The module Solara serves: its ``routes`` are the Explore page and the classroom's pages.
APP_MODULE = "ssrsim.app.pages"
INSTALL = 'pip install ".[app]" (in the ssrsim source folder)'
#: Solara's own settings, read from the environment when Solara is imported.
OFFLINE = {"SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False"}


def missing_extra() -> str | None:
    """What is wrong with the installed browser-app packages, or None if they will serve offline."""
    try:
        solara, assets = version("solara"), version("solara-assets")
    except PackageNotFoundError as e:
        return f"the browser app needs the app extra, which is not installed ({e.name} is missing): {INSTALL}"
    if solara != assets:
        return (f"solara {solara} and solara-assets {assets} are of different releases, so the page would fetch "
                f"its JavaScript from the internet: {INSTALL} installs the matching pair")
    return None


def refuse_busy_port(host: str, port: int) -> None:
    """``UserError`` if ``host:port`` cannot be listened on (taken by another program, or not an
    address of this machine), before Solara starts and reports it as a traceback."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will: a port a stopped
        try:                                                          # server left in TIME_WAIT is free
            probe.bind((host, port))
        except OSError as e:
            raise UserError(f"cannot listen on {host}:{port} ({e.strerror}); choose another --port "
                            "(or --host)") from None


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer only (127.0.0.1, ::1, localhost)."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def url(host: str, port: int) -> str:
    """The page's address (an IPv6 address in brackets)."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def announce_when_ready(host: str, port: int) -> None:
    """Print the page's address once the server answers (Solara says it is starting long before)."""
    target = "127.0.0.1" if host in ("0.0.0.0", "") else "::1" if host == "::" else host

    def wait() -> None:
        while True:
            try:
                socket.create_connection((target, port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        print(f"ssrsim app: ready: open {url(host, port)} in a browser (Ctrl-C stops the app)", flush=True)

    threading.Thread(target=wait, daemon=True, name="ssrsim-app-ready").start()


def interrupt(signum, frame) -> None:
    """SIGTERM taken as Ctrl-C."""
    raise KeyboardInterrupt


def serve(host: str, port: int, workers: int, data: Path | None = None, abandon_after: float | None = None) -> None:
    """Serve the app on ``host:port`` until Ctrl-C, simulating in ``workers`` processes and keeping
    the classroom's sessions in ``data`` (default ``./ssrsim-classroom``); an explorer run that no
    page shows is withdrawn after ``abandon_after`` seconds (default ``run_queue.ABANDONED_AFTER``)."""
    from .classroom.store import DATA_ENV, data_folder

    refuse_busy_port(host, port)
    if data is not None:
        os.environ[DATA_ENV] = str(Path(data).expanduser().resolve())
    folder = data_folder()
    if folder.exists() and not folder.is_dir():
        raise UserError(f"--data {folder}: not a folder")
    if not is_loopback(host):
        print(f"ssrsim app: listening on {host}: anyone who can reach this address can run simulations here, and "
              "teams join classroom sessions with their join codes; the connection is plain HTTP (not encrypted)",
              file=sys.stderr)
    print(f"ssrsim app: classroom sessions are kept in {folder}", file=sys.stderr)
    os.environ.update(OFFLINE)  # before Solara reads its settings
    import click
    from solara.__main__ import cli

    from . import assets, pages, run_queue

    if abandon_after is not None:
        run_queue.ABANDONED_AFTER = abandon_after  # read by each explorer run while it waits in the queue

    # Solara warns at every page that a cookie cannot be SameSite=None over plain HTTP, and falls
    # back to SameSite=Lax, which is what a page served from this machine needs.
    warnings.filterwarnings("ignore", message="Cookies with samesite=none", category=UserWarning)
    # A service manager stops the app with SIGTERM: it ends the server as Ctrl-C does (the server
    # raises the signal again once shut down), so the workers are stopped with it, not orphaned.
    signal.signal(signal.SIGTERM, interrupt)

    pages.prepare()  # the pages' code and first scenario loaded before the server answers
    assets.install()  # Solara's JavaScript compressed once, not for every team's laptop
    queue = run_queue.shared(workers)
    announce_when_ready(host, port)
    try:
        cli.main(["run", APP_MODULE, "--host", host, "--port", str(port), "--production", "--no-open",
                  "--no-check-version", "--theme-loader", "plain"], prog_name="ssrsim app", standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort):
        pass  # Ctrl-C: the server has shut down (it raises the signal again once done), as asked
    finally:
        queue.stop()
    print("ssrsim app: stopped", file=sys.stderr)
