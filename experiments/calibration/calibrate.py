"""Fit the assumed parameters of ssrsim's baseline to published relapse rates.

    python experiments/calibration/calibrate.py [--trials 40] [--replicates 40] [--workers 2]

Searches the ranges in ``ssrsim.validation.calibration.CALIBRATED`` with Optuna's TPE sampler
(seeded, so the search is reproducible) to minimise the squared distance of P(relapse within 5
and 10 years) from the published targets (Collier, Hoeffler & Söderbom 2008; Suhrke & Samset
2007; see docs/validation.md §1). Every trial runs the same replicates (common random numbers)
over 120 months, so trials differ only by their parameters. The best values
are printed as overrides and a YAML block to paste into the schema's defaults; confirm them at
full size with ``ssrsim validate``. Needs the ``calibration`` extra (``pip install ".[calibration]"``).
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
from ssrsim.validation.calibration import CALIBRATED, check, loss


def evaluate(values: dict[str, float], replicates: int, workers: int, seed: int):
    overrides = [f"{path}={value:.4f}" for path, value in values.items()]
    cfg = compose("baseline", [*overrides, f"replicates={replicates}", "months=120", f"seed={seed}"])
    return ssrsim.simulate(cfg, workers=workers).summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=40, help="optimisation budget (trials)")
    ap.add_argument("--replicates", type=int, default=40, help="replicates per trial")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=12345, help="model seed (common to all trials)")
    ap.add_argument("--sampler-seed", type=int, default=7)
    args = ap.parse_args()
    optuna.logging.set_verbosity(logging.WARNING)
    start = time.perf_counter()

    def objective(trial: optuna.Trial) -> float:
        values = {path: trial.suggest_float(path, lo, hi) for path, (lo, hi) in CALIBRATED.items()}
        summary = evaluate(values, args.replicates, args.workers, args.seed)
        value = loss(summary, 120)
        table = check(summary, 120)
        print(f"trial {trial.number + 1}/{args.trials}  loss {value:.4f}  "
              f"P5 {table.model[0]:.2f}  P10 {table.model[1]:.2f}  "
              f"({time.perf_counter() - start:.0f}s)  "
              + " ".join(f"{k.split('.')[-1]}={v:.2f}" for k, v in values.items()), file=sys.stderr, flush=True)
        return value

    study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=args.sampler_seed))
    study.optimize(objective, n_trials=args.trials)
    best = {k: round(v, 2) for k, v in study.best_params.items()}
    print(json.dumps({"best": best, "loss": study.best_value, "trials": args.trials,
                      "replicates": args.replicates, "seed": args.seed,
                      "sampler_seed": args.sampler_seed}, indent=2))
    print("overrides:", " ".join(f"{k}={v}" for k, v in best.items()))


if __name__ == "__main__":
    main()
