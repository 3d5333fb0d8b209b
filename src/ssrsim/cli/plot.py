"""``ssrsim plot DIR``: draw a collected sweep's figures."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import fail


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="ssrsim plot", description="Draw the figures of a collected sweep folder (ssrsim collect).")
    parser.add_argument("folder", type=Path, metavar="SWEEP_DIR")
    opts = parser.parse_args(argv)
    from ..sweeps.figures import save_sweep_figures

    try:
        paths = save_sweep_figures(opts.folder)
    except FileNotFoundError as e:
        fail(str(e))
    print("\n".join(str(p) for p in paths))
