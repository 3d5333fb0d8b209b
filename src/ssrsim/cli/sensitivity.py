"""``ssrsim sensitivity``: a SALib design run as a sweep (resumable), then ranked indices.

The design, its folder and the analysis are :mod:`ssrsim.sweeps.sensitivity`; the sweep itself
runs exactly as ``ssrsim run -m`` does (:func:`ssrsim.cli.run.multirun`).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import pandas as pd

from . import fail, user_errors

USAGE = """ssrsim sensitivity --range KEY=LOW:HIGH [--range ...] [--method morris|sobol|lhs]
                   [--n N] [--seed S] [overrides...]

  e.g. ssrsim sensitivity --method morris --n 6 --range levers.political_will=0.1:0.9 \\
         --range levers.oversight_strength=0.1:0.9 --range levers.ddr.reintegration_months=6:48 \\
         replicates=10 months=120 hydra.launcher.n_jobs=2
"""


def main(argv: list[str]) -> None:
    from ..sweeps.designs import METHODS, problem, sample
    from ..sweeps.plan import DONE_FILE, check_sweep_folder
    from ..sweeps.sensitivity import analyse_study, default_folder, design_files, ranges_from, with_search_path
    from .run import multirun

    parser = argparse.ArgumentParser(prog="ssrsim sensitivity", usage=USAGE)
    parser.add_argument("--range", action="append", default=[], metavar="KEY=LOW:HIGH", dest="ranges")
    parser.add_argument("--method", choices=METHODS, default="morris")
    parser.add_argument("--n", type=int, default=6,
                        help="trajectories (morris), base sample, a power of 2 (sobol), points (lhs)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the design (not of the model)")
    args, overrides = parser.parse_known_args(argv)
    overrides = [o for o in overrides if o not in ("-m", "--multirun")]
    try:
        prob = problem(ranges_from(args.ranges))
        X = sample(prob, args.method, n=args.n, seed=args.seed)
    except ValueError as e:
        fail(str(e))
    given = [o for o in overrides if o.startswith("hydra.sweep.dir=")]
    folder = Path(given[0].split("=", 1)[1]) if given else \
        default_folder(args.ranges, args.method, args.n, args.seed, overrides)
    new = not folder.exists()
    # the folder, before the design files go into it; overwrite as the command line gives it (the
    # points' configs, which planning checks the folder with again, need the design files first)
    with user_errors():
        check_sweep_folder(folder, overwrite=any(o.lower() == "overwrite=true" for o in overrides))
    names = design_files(prob, X, folder)
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
            print(f"ssrsim: {folder} removed (no design point had finished)", file=sys.stderr)
        raise
    table = pd.read_parquet(folder / "sweep.parquet")
    if len(table) != len(X):
        fail(f"{len(X) - len(table)} of {len(X)} design points have no results; "
             "run the same command again to complete them")
    result = analyse_study(folder, prob, args.method, X, table)
    print(result.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"sensitivity: indices in {folder / 'sensitivity.parquet'}, figures sensitivity_*.png")
