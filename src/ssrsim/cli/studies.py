"""Launching a study (a design's rows in blocks, :mod:`ssrsim.sweeps.study`) from the command line.

``ssrsim sensitivity`` and the Morris and Sobol pieces of ``ssrsim sensitivity --study validation``
run their designs the same way: the base configuration composed once (``compose_base``), the
folder and every row checked and the study written (``prepare``), then its blocks run as the jobs
of a sweep, resumable, and collected (``launch``, through :func:`ssrsim.cli.run.multirun`).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd


def is_overwrite(overrides: list[str]) -> bool:
    return any(o.lower() == "overwrite=true" for o in overrides)


def compose_base(overrides: list[str]):
    """The study's base configuration: the overrides composed once, validated (``UserError``)."""
    from omegaconf import open_dict

    from ..config.compose import compose_dictconfig, to_config
    from ..config.errors import UserError, readable_errors
    from ..sweeps.plan import with_install_hint

    try:
        with readable_errors():
            base = compose_dictconfig([o for o in overrides if not o.startswith("hydra.sweep.dir=")],
                                      return_hydra_config=True)
    except UserError as e:  # a launcher whose plugin is missing: say which extra brings it
        raise UserError(with_install_hint(str(e))) from None
    with open_dict(base):
        base.pop("hydra")
    with readable_errors():
        return to_config(base)


def prepare(folder: Path, design: pd.DataFrame, base, overwrite: bool, rows_per_block: int, about: dict) -> list[str]:
    """Check that ``folder`` holds no other study and that every design row is valid on ``base``,
    then write the study (design, record, block options); return the blocks' option names."""
    from ..sweeps.study import check_rows, check_same_design, write_study

    check_same_design(folder, design, base, overwrite, about["seeding"])
    check_rows(base, design)
    return write_study(folder, design, rows_per_block, base, about)


def launch(folder: Path, names: list[str], overrides: list[str], new: bool) -> pd.DataFrame:
    """Run a prepared study's blocks as the jobs of a sweep (resumable) and collect them; return
    its rows (``study_rows.parquet``). ``new``: the folder did not exist before this command, so
    that it is removed if no block finishes."""
    from ..sweeps.plan import DONE_FILE
    from ..sweeps.sensitivity import with_search_path
    from ..sweeps.study import ROWS_TABLE
    from .run import multirun

    sweep_args = [f"+design={','.join(names)}", *with_search_path(overrides, folder)]
    if not any(o.startswith("hydra.sweep.dir=") for o in overrides):
        sweep_args.append(f"hydra.sweep.dir={folder}")
    try:
        multirun(sweep_args)
    except SystemExit:
        # A mistake found before any job finished leaves nothing behind; once a job has finished
        # (an interruption, a failure later on), the folder is kept so the same command resumes.
        if new and not any(folder.glob(f"*/{DONE_FILE}")):
            shutil.rmtree(folder, ignore_errors=True)
            print(f"ssrsim: {folder} removed (no block of design rows had finished)", file=sys.stderr)
        raise
    return pd.read_parquet(folder / ROWS_TABLE)
