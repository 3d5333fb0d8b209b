"""``ssrsim sensitivity``: a SALib design run as a study (blocks of rows, resumable), then ranked indices.

The design's folder and the analysis are :mod:`ssrsim.sweeps.sensitivity`, its blocks
:mod:`ssrsim.sweeps.study`; the blocks run as the jobs of a sweep, exactly as ``ssrsim run -m``
runs its jobs (:func:`ssrsim.cli.run.multirun`). ``prepare`` and ``launch`` run any design
as a study.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import pandas as pd

from ..sweeps.study import MAX_BLOCK_ROWS, MIN_BLOCKS, SEEDS
from . import fail, user_errors

USAGE = """ssrsim sensitivity --range KEY=LOW:HIGH [--range ...] [--method morris|sobol|lhs]
                   [--n N] [--seed S] [--seeds rows|common|trajectories] [--block ROWS] [overrides...]

  e.g. ssrsim sensitivity --method morris --n 6 --range levers.political_will=0.1:0.9 \\
         --range levers.oversight_strength=0.1:0.9 --range levers.ddr.reintegration_months=6:48 \\
         replicates=10 months=120 hydra.launcher.n_jobs=2
"""


def main(argv: list[str]) -> None:
    """A design over the named ranges, run as a study, then its indices and figures."""
    from ..sweeps.designs import METHODS, design_table, problem, sample
    from ..sweeps.plan import check_sweep_folder
    from ..sweeps.sensitivity import analyse_study, default_folder, ranges_from
    from ..sweeps.study import block_rows

    parser = argparse.ArgumentParser(prog="ssrsim sensitivity", usage=USAGE)
    parser.add_argument("--range", action="append", default=[], metavar="KEY=LOW:HIGH", dest="ranges")
    parser.add_argument("--method", choices=METHODS, default="morris")
    parser.add_argument("--n", type=int, default=6,
                        help="trajectories (morris), base sample, a power of 2 (sobol), points (lhs)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the design (not of the model)")
    parser.add_argument("--seeds", choices=tuple(SEEDS), default="rows",
                        help="rows: every run its own stream (default); common: run r of every row on stream r "
                             "(common random numbers: rows differ only in their values); trajectories (morris): "
                             "common random numbers within each trajectory, another stream for each")
    parser.add_argument("--block", type=int, metavar="ROWS",
                        help=f"design rows per job (default: enough for {MIN_BLOCKS} jobs, at most {MAX_BLOCK_ROWS})")
    args, overrides = parser.parse_known_args(argv)
    overrides = [o for o in overrides if o not in ("-m", "--multirun")]
    if args.seeds == "trajectories" and args.method != "morris":
        fail(f"--seeds trajectories: only a Morris design has trajectories (not --method {args.method})")
    try:
        prob = problem(ranges_from(args.ranges))
        X = sample(prob, args.method, n=args.n, seed=args.seed)
        rows_per_block = block_rows(len(X), args.block)
    except ValueError as e:
        fail(str(e))
    design = design_table(prob["names"], X)
    given = [o for o in overrides if o.startswith("hydra.sweep.dir=")]
    folder = Path(given[0].split("=", 1)[1]) if given else \
        default_folder(args.ranges, args.method, args.n, args.seed, overrides)
    new = not folder.exists()
    overwrite = is_overwrite(overrides)
    about = {"method": args.method, "n": args.n, "design_seed": args.seed, "seeding": args.seeds,
             **({"rows_per_trajectory": prob["num_vars"] + 1} if args.seeds == "trajectories" else {})}
    # the folder, the base configuration (composed once) and every design row on it, before the
    # design goes into the folder; planning checks the folder again with the blocks' configs
    with user_errors():
        check_sweep_folder(folder, overwrite=overwrite)
        base = compose_base(overrides)
        names = prepare(folder, design, base, overwrite, rows_per_block, about)
    rows = launch(folder, names, overrides, new)
    result = analyse_study(folder, prob, args.method, X, rows)
    print(result.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"sensitivity: indices in {folder / 'sensitivity.parquet'}, figures sensitivity_*.png")


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
