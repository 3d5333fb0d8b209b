"""``ssrsim app``: the browser app (the Explore page), served on 127.0.0.1 by default.

Needs the ``app`` extra (Solara); without it the command says how to install it, with exit
status 2 and no traceback. The app itself is :mod:`ssrsim.app`.
"""

from __future__ import annotations

import argparse

from . import fail, user_errors

#: Solara's own default port.
PORT = 8765


def main(argv: list[str]) -> None:
    from ..app.run_queue import MAX_WORKERS

    parser = argparse.ArgumentParser(prog="ssrsim app", description=(
        "Serve the browser app: choose a scenario and its levers, run replicates, compare two settings on the "
        "same seeds, download the run folder. Open the address it prints in a browser; Ctrl-C stops it."))
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0 opens the "
                             "app to the network, without a login and over plain HTTP)")
    parser.add_argument("--port", type=int, default=PORT, help=f"port to listen on (default {PORT})")
    parser.add_argument("--workers", type=int, default=MAX_WORKERS,
                        help=f"worker processes that run the simulations, shared by every page "
                             f"(1 – {MAX_WORKERS}, default {MAX_WORKERS})")
    opts = parser.parse_args(argv)
    if not 1 <= opts.port <= 65535:
        fail(f"--port must be 1 – 65535, got {opts.port}")
    if not 1 <= opts.workers <= MAX_WORKERS:
        fail(f"--workers must be 1 – {MAX_WORKERS}, got {opts.workers}")
    from ..app.server import missing_extra, serve

    problem = missing_extra()
    if problem:
        fail(problem)
    with user_errors():
        serve(opts.host, opts.port, opts.workers)
