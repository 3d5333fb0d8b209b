"""``ssrsim sensitivity``: a SALib design run as a study (blocks of rows, resumable), then ranked indices.

The design's folder and the analysis are :mod:`ssrsim.sweeps.sensitivity`, its blocks
:mod:`ssrsim.sweeps.study`; the blocks run as the jobs of a sweep, exactly as ``ssrsim run -m``
runs its jobs (:func:`ssrsim.cli.run.multirun`).
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
                   [--n N] [--seed S] [--seeds rows|common] [--block ROWS] [overrides...]

  e.g. ssrsim sensitivity --method morris --n 6 --range levers.political_will=0.1:0.9 \\
         --range levers.oversight_strength=0.1:0.9 --range levers.ddr.reintegration_months=6:48 \\
         replicates=10 months=120 hydra.launcher.n_jobs=2
"""


def main(argv: list[str]) -> None:
    from omegaconf import open_dict

    from ..config.compose import compose_dictconfig, to_config
    from ..config.errors import readable_errors
    from ..sweeps.designs import METHODS, design_table, problem, sample
    from ..config.errors import UserError
    from ..sweeps.plan import DONE_FILE, check_sweep_folder, with_install_hint
    from ..sweeps.sensitivity import analyse_study, default_folder, ranges_from, with_search_path
    from ..sweeps.study import ROWS_TABLE, block_rows, check_rows, check_same_design, write_study
    from .run import multirun

    parser = argparse.ArgumentParser(prog="ssrsim sensitivity", usage=USAGE)
    parser.add_argument("--range", action="append", default=[], metavar="KEY=LOW:HIGH", dest="ranges")
    parser.add_argument("--method", choices=METHODS, default="morris")
    parser.add_argument("--n", type=int, default=6,
                        help="trajectories (morris), base sample, a power of 2 (sobol), points (lhs)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the design (not of the model)")
    parser.add_argument("--seeds", choices=tuple(SEEDS), default="rows",
                        help="rows: every run its own stream (default); common: run r of every row on stream r "
                             "(common random numbers: rows differ only in their values)")
    parser.add_argument("--block", type=int, metavar="ROWS",
                        help=f"design rows per job (default: enough for {MIN_BLOCKS} jobs, at most {MAX_BLOCK_ROWS})")
    args, overrides = parser.parse_known_args(argv)
    overrides = [o for o in overrides if o not in ("-m", "--multirun")]
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
    overwrite = any(o.lower() == "overwrite=true" for o in overrides)
    # the folder, the base configuration (composed once) and every design row on it, before the
    # design goes into the folder; planning checks the folder again with the blocks' configs
    with user_errors():
        check_sweep_folder(folder, overwrite=overwrite)
        try:
            with readable_errors():
                base = compose_dictconfig([o for o in overrides if not o.startswith("hydra.sweep.dir=")],
                                          return_hydra_config=True)
        except UserError as e:  # a launcher whose plugin is missing: say which extra brings it
            raise UserError(with_install_hint(str(e))) from None
        with open_dict(base):
            base.pop("hydra")
        with readable_errors():
            base = to_config(base)
        check_same_design(folder, design, base, overwrite, args.seeds)
        check_rows(base, design)
    names = write_study(folder, design, rows_per_block, base,
                        {"method": args.method, "n": args.n, "design_seed": args.seed, "seeding": args.seeds})
    sweep_args = [f"+design={','.join(names)}", *with_search_path(overrides, folder)]
    if not given:
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
    rows = pd.read_parquet(folder / ROWS_TABLE)
    result = analyse_study(folder, prob, args.method, X, rows)
    print(result.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"sensitivity: indices in {folder / 'sensitivity.parquet'}, figures sensitivity_*.png")
