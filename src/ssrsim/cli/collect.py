"""``ssrsim collect DIR``: build a sweep folder's tables from its finished jobs."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import fail


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(
        prog="ssrsim collect", description="Build sweep.parquet, sweep.csv, sweep_confidence.parquet and "
        "manifest.json from the finished jobs of a sweep folder (made by ssrsim run -m).")
    parser.add_argument("folder", type=Path, metavar="SWEEP_DIR")
    opts = parser.parse_args(argv)
    from ..sweeps.collect import collect

    try:
        table = collect(opts.folder)
    except FileNotFoundError as e:
        fail(str(e))
    print(f"{len(table)} jobs collected into {opts.folder / 'sweep.parquet'}")
