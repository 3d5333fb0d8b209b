"""Sensitivity sanity: Morris screening of the model parameters, then ±25% on the
ten most influential to see whether any stylised fact flips.

    python experiments/robustness/robustness.py --out robustness [--trajectories 4] [--workers 2]

Writes ``morris_<output>.csv``, ``morris_<output>.png``, ``facts_perturbed.csv`` and
``summary.md`` into ``--out`` (the last two after each perturbation). The Morris step took 43
minutes here with another job sharing the cores; the perturbation about 2 minutes per setting
at 8 replicates per arm on a quiet machine.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import pandas as pd

from ssrsim.sweeps.designs import draw_ranking
from ssrsim.validation.robustness import (OUTPUTS, model_parameters, morris, most_influential,
                                          perturb_facts, screening_ranges)


def write_summary(args, ranges, top, facts, seconds: float) -> None:
    done = [p for p in top if p in set(facts.parameter)]
    flips = facts[facts.flipped]
    close = facts[facts.close & ~facts.flipped & (facts.parameter != "(calibrated)")]
    lines = ["# Robustness of the stylised facts", "",
             f"Morris: {len(ranges)} parameters, {args.trajectories} trajectories, {args.replicates} "
             f"replicates per point, 120 months. Perturbation: the top {args.top} at ±25%, facts at "
             f"{args.size} size ({args.fact_replicates or 'default'} replicates per arm). "
             f"{seconds:.0f} s.", "",
             "Most influential: " + ", ".join(f"`{p}`" for p in top), "",
             f"Perturbed so far: {len(done)} of {len(top)}.", "",
             f"Flipped checks: {len(flips)}", ""]
    lines += [f"- fact {r.fact}.{r.check} with `{r.parameter}` = {r.value:.4g}: effect {r.effect:.3g} "
              f"[lower {r.lo:.3g}], minimum {r.minimum:g}" for r in flips.itertuples()]
    lines += ["", f"Close (interval's lower end below half the minimum): {len(close)}", ""]
    lines += [f"- fact {r.fact}.{r.check} with `{r.parameter}` = {r.value:.4g}: effect {r.effect:.3g} "
              f"[lower {r.lo:.3g}], minimum {r.minimum:g}" for r in close.itertuples()]
    (args.out / "summary.md").write_text("\n".join(lines) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--trajectories", type=int, default=4, help="Morris trajectories")
    ap.add_argument("--replicates", type=int, default=20, help="replicates per Morris point")
    ap.add_argument("--top", type=int, default=10, help="parameters perturbed ±25%%")
    ap.add_argument("--size", choices=("fast", "full"), default="fast", help="fact size per perturbation")
    ap.add_argument("--fact-replicates", type=int, default=None,
                    help="replicates per fact arm when perturbing (default: the size's)")
    ap.add_argument("--morris-from", type=Path, default=None,
                    help="reuse the morris_*.csv of an earlier run in this folder instead of screening")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    logging.getLogger("MESA").setLevel(logging.WARNING)
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()

    def say(text: str) -> None:
        print(f"[{time.perf_counter() - start:5.0f}s] {text}", file=sys.stderr, flush=True)

    values = model_parameters()
    ranges = screening_ranges(values)
    if args.morris_from:
        tables = {key: pd.read_csv(args.morris_from / f"morris_{key}.csv") for key in OUTPUTS}
    else:
        say(f"Morris screening of {len(ranges)} parameters, {args.trajectories} trajectories")
        tables = morris(ranges, args.trajectories, args.replicates, 120, args.workers,
                        progress=lambda i, n: say(f"Morris point {i}/{n}") if i % 10 == 0 or i == n else None)
    for key, table in tables.items():
        table.to_csv(args.out / f"morris_{key}.csv", index=False)
        draw_ranking(table.head(15), title=f"Morris screening: {OUTPUTS[key]} (±25% of each value)") \
            .savefig(args.out / f"morris_{key}.png", dpi=110)
    top = most_influential(tables, args.top)
    say(f"most influential: {', '.join(top)}")
    for facts in perturb_facts(top, values, args.size, args.workers, replicates=args.fact_replicates,
                               progress=say):
        facts.to_csv(args.out / "facts_perturbed.csv", index=False)
        write_summary(args, ranges, top, facts, time.perf_counter() - start)
    say(f"done: {args.out / 'summary.md'}")


if __name__ == "__main__":
    main()
