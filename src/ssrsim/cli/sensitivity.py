"""``ssrsim sensitivity``: a SALib design run as a study (blocks of rows, resumable), then ranked indices.

The design's folder and the analysis are :mod:`ssrsim.sweeps.sensitivity`, its blocks
:mod:`ssrsim.sweeps.study`; the blocks run as the jobs of a sweep, exactly as ``ssrsim run -m``
runs its jobs (:func:`ssrsim.cli.run.multirun`; launched by :mod:`ssrsim.cli.studies`).
``--study validation`` runs the validation's global sensitivity study instead
(:mod:`ssrsim.cli.sensitivity_validation`), whose Morris and Sobol pieces are launched the same way.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..sweeps.study import MAX_BLOCK_ROWS, MIN_BLOCKS, SEEDS
from . import fail, user_errors

USAGE = """ssrsim sensitivity --range KEY=LOW:HIGH [--range ...] [--method morris|sobol|lhs]
                   [--n N] [--seed S] [--seeds rows|common|trajectories] [--block ROWS] [overrides...]
       ssrsim sensitivity --study validation [--piece morris|sobol|robustness|all] [options] [overrides...]

  e.g. ssrsim sensitivity --method morris --n 6 --range levers.political_will=0.1:0.9 \\
         --range levers.oversight_strength=0.1:0.9 --range levers.ddr.reintegration_months=6:48 \\
         replicates=10 months=120 hydra.launcher.n_jobs=2
       ssrsim sensitivity --study validation --help     the validation's global sensitivity study
"""


def main(argv: list[str]) -> None:
    first = argparse.ArgumentParser(add_help=False)
    first.add_argument("--study", choices=("validation",))
    chosen, rest = first.parse_known_args(argv)
    if chosen.study == "validation":
        from .sensitivity_validation import main as validation_study

        validation_study(rest)
        return
    design_study(argv)


def design_study(argv: list[str]) -> None:
    """A design over the named ranges, run as a study, then its indices and figures."""
    from ..sweeps.designs import METHODS, design_table, problem, sample
    from ..sweeps.plan import check_sweep_folder
    from ..sweeps.sensitivity import analyse_study, default_folder, ranges_from
    from ..sweeps.study import block_rows
    from .studies import compose_base, is_overwrite, launch, prepare

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
