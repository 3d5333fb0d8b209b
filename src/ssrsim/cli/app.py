"""``ssrsim app``: the browser app (the Explore page, the classroom exercise), served on 127.0.0.1 by default.

Needs the ``app`` extra (Solara); without it the command says how to install it, with exit
status 2 and no traceback. The app itself is :mod:`ssrsim.app`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import fail, user_errors

#: Solara's own default port.
PORT = 8765


def main(argv: list[str]) -> None:
    from ..app.run_queue import ABANDONED_AFTER, MAX_WORKERS

    from ..app.classroom.store import DATABASE, DEFAULT_FOLDER

    parser = argparse.ArgumentParser(prog="ssrsim app", description=(
        "Serve the browser app: choose a scenario and its levers, run replicates, compare two settings on the "
        "same seeds, download the run folder (the page /); run the classroom exercise, the facilitator on "
        "/classroom and each team from its own browser on /team with the session's join code. Open the address "
        "it prints in a browser; Ctrl-C stops it."))
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0 opens the "
                             "app to the network, e.g. a classroom's: without a login, teams join sessions with "
                             "join codes, and everything travels as plain HTTP, not encrypted)")
    parser.add_argument("--port", type=int, default=PORT, help=f"port to listen on (default {PORT})")
    parser.add_argument("--workers", type=int, default=MAX_WORKERS,
                        help=f"worker processes that run the simulations, shared by every page "
                             f"(1 – {MAX_WORKERS}, default {MAX_WORKERS})")
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help=f"folder of the classroom's sessions: the database ({DATABASE}), the teams' run "
                             f"folders and the debriefs (default ./{DEFAULT_FOLDER}); a restarted app resumes "
                             "its sessions from it")
    parser.add_argument("--abandon-after", type=float, default=ABANDONED_AFTER, metavar="SECONDS",
                        help="how long an explorer run keeps its place in the queue once no open page shows it: "
                             "a reload or a dropped connection within this time keeps it, a closed tab's run is "
                             f"then withdrawn (1 – 3600 s, default {ABANDONED_AFTER:g}; longer on an unreliable "
                             "classroom network)")
    opts = parser.parse_args(argv)
    if not 1 <= opts.abandon_after <= 3600:
        fail(f"--abandon-after must be 1 – 3600 seconds, got {opts.abandon_after:g}")
    if not 1 <= opts.port <= 65535:
        fail(f"--port must be 1 – 65535, got {opts.port}")
    if not 1 <= opts.workers <= MAX_WORKERS:
        fail(f"--workers must be 1 – {MAX_WORKERS}, got {opts.workers}")
    from ..app.server import missing_extra, serve

    problem = missing_extra()
    if problem:
        fail(problem)
    with user_errors():
        serve(opts.host, opts.port, opts.workers, opts.data, opts.abandon_after)
