"""Fit the assumed parameters of ssrsim's baseline to published relapse rates.

    python experiments/calibration/calibrate.py [--trials 40] [--replicates 40] [--workers 2]
    python experiments/calibration/calibrate.py --check PATH=VALUE ... --replicates 120   # one setting

Searches the ranges in ``ssrsim.validation.calibration.CALIBRATED`` with Optuna's TPE sampler
(seeded, so the search is reproducible) to minimise the squared distance of three relapse risks
from the published targets' central values: war-level relapse within 5 and 10 years and relapse
into armed conflict within 10 years (``TARGETS``; docs/validation.md §1). Every trial runs the
same replicates (common random numbers) over 120 months, so trials differ only by their
parameters. The default model seed (99) is not the validation's (12345), so ``ssrsim validate``
checks the fit on replicates the fit never saw. The best values are printed as overrides, to be
written into the schema's defaults; confirm them at full size with ``ssrsim validate``. Needs the
``calibration`` extra (``pip install ".[calibration]"``).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time

import optuna

import ssrsim
from ssrsim.config.compose import compose
from ssrsim.validation.calibration import CALIBRATED, TARGETS, check, loss

#: Short labels of the targets for the progress lines (war5, war10, any10).
SHORT = [("war" if t.column.startswith("war") else "any") + str(t.years) for t in TARGETS]


def evaluate(values: dict[str, float], replicates: int, workers: int, seed: int):
    overrides = [f"{path}={value:.4f}" for path, value in values.items()]
    cfg = compose("baseline", [*overrides, f"replicates={replicates}", "months=120", f"seed={seed}"])
    return ssrsim.simulate(cfg, workers=workers, progress=False).summary


def _values(ap: argparse.ArgumentParser, option: str, items: list[str]) -> dict[str, float]:
    """``PATH=VALUE`` items as values of the searched parameters (any other path is refused)."""
    values = dict(item.split("=", 1) for item in items)
    unknown = sorted(set(values) - set(CALIBRATED))
    if unknown:
        ap.error(f"{option}: {', '.join(unknown)} not searched; allowed: {', '.join(CALIBRATED)}")
    return {k: float(v) for k, v in values.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=40, help="optimisation budget (trials)")
    ap.add_argument("--replicates", type=int, default=40, help="replicates per trial")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=99,
                    help="model seed, common to all trials (not the validation's 12345)")
    ap.add_argument("--sampler-seed", type=int, default=7)
    ap.add_argument("--start", nargs="*", default=[], metavar="PATH=VALUE",
                    help="a first trial to try before sampling (for example an earlier search's best)")
    ap.add_argument("--check", nargs="*", default=None, metavar="PATH=VALUE",
                    help="no search: run these values on --replicates and print the targets' table")
    args = ap.parse_args()
    if args.check is not None:
        values = _values(ap, "--check", args.check)
        summary = evaluate(values, args.replicates, args.workers, args.seed)
        print(f"loss {loss(summary, 120):.4f}  ({args.replicates} replicates, seed {args.seed})")
        print(check(summary, 120).to_string(index=False))
        return
    optuna.logging.set_verbosity(logging.WARNING)
    start = time.perf_counter()

    def objective(trial: optuna.Trial) -> float:
        values = {path: trial.suggest_float(path, lo, hi) for path, (lo, hi) in CALIBRATED.items()}
        summary = evaluate(values, args.replicates, args.workers, args.seed)
        value = loss(summary, 120)
        table = check(summary, 120)
        print(f"trial {trial.number + 1}/{args.trials}  loss {value:.4f}  "
              + "  ".join(f"{t} {m:.2f}" for t, m in zip(SHORT, table.model))
              + f"  ({time.perf_counter() - start:.0f}s)  "
              + " ".join(f"{k.split('.')[-1]}={v:.2f}" for k, v in values.items()), file=sys.stderr, flush=True)
        return value

    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=args.sampler_seed))
    if args.start:
        study.enqueue_trial(_values(ap, "--start", args.start))
    study.optimize(objective, n_trials=args.trials)
    best = {k: round(v, 2) for k, v in study.best_params.items()}
    print(json.dumps({"best": best, "loss": study.best_value, "trials": args.trials,
                      "replicates": args.replicates, "seed": args.seed,
                      "sampler_seed": args.sampler_seed}, indent=2))
    print("overrides:", " ".join(f"{k}={v}" for k, v in best.items()))


if __name__ == "__main__":
    main()
