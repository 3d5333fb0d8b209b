"""How often coups are attempted in a scenario, against the published rate after civil wars.

    python experiments/diagnostics/coups.py [SCENARIO] [--replicates 40] [--months 120] [--workers 2] [overrides ...]

Runs SCENARIO (default ``baseline``; seed 12345 unless an override sets ``seed``) and counts the
``coup_attempt`` events: attempts per year, the share of runs with at least one attempt within the
run, how many succeeded (also by the chance of success the plotters expected) and who attempted, with war-level relapse and relapse into armed conflict within the run for
comparison. Powell & Thyne (2011) put the yearly chance of an attempt after a civil war at about
0.02-0.05, and so at least one within 10 years at about 0.15-0.40 (docs/sources.md); the model's
coup rules and ``params.settlement.coup_*`` set how often factions strike (docs/model.md §6.4).
"""

from __future__ import annotations

import argparse

import pandas as pd


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="baseline")
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("overrides", nargs="*", help="key=value overrides, as on the command line")
    args = parser.parse_args()
    if "=" in args.scenario:  # an override given without a scenario
        args.overrides.insert(0, args.scenario)
        args.scenario = "baseline"

    import ssrsim

    cfg = ssrsim.compose(args.scenario, [f"replicates={args.replicates}", f"months={args.months}", *args.overrides])
    results = ssrsim.simulate(cfg, workers=args.workers)
    attempts = results.events[results.events.kind == "coup_attempt"]
    years = args.months / 12
    summary = results.summary
    print(f"{args.scenario}: {args.replicates} runs x {args.months} months, seed {cfg.seed}")
    print(f"coup attempts: {len(attempts)}, {len(attempts) / args.replicates / years:.4f} a year per run; "
          f"runs with at least one: {attempts.replicate.nunique() / args.replicates:.3f} "
          "(after civil wars: 0.02-0.05 a year, 0.15-0.40 within 10 years; Powell & Thyne 2011)")
    succeeded = int(attempts.detail.str.startswith("succeeded").sum())
    if len(attempts):
        print(f"succeeded: {succeeded} of {len(attempts)} ({succeeded / len(attempts):.2f}; about half in Powell & Thyne 2011)")
    for actor, n in attempts.groupby("actor", observed=True).size().items():
        print(f"  by {actor}: {n}")
    if len(attempts):
        # The chance of success the plotters expected, as the event records it, against the outcome.
        expected = attempts.detail.str.extract(r"expected (?P<p>[\d.]+)").p.astype(float)
        bands = pd.cut(expected, [0, 0.3, 0.4, 0.5, 0.6, 1], include_lowest=True,
                       labels=["0-0.3", "0.3-0.4", "0.4-0.5", "0.5-0.6", "0.6-1"])
        won = attempts.detail.str.startswith("succeeded")
        print("succeeded by the chance the plotters expected:",
              {str(band): f"{int(won[bands == band].sum())} of {int((bands == band).sum())}"
               for band in bands.cat.categories if (bands == band).any()})
    for column, label in (("war_relapse_month", "war-level relapse"), ("relapse_month", "relapse into armed conflict")):
        share = (summary[column].astype(float) <= args.months).mean()
        print(f"{label} within the run: {share:.3f}")


if __name__ == "__main__":
    main()
