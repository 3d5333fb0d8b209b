"""Does the former rebels' exclusion last? A diagnosis of fact 11 (docs/validation.md §4).

    python experiments/diagnostics/exclusion.py [--replicates 40] [--workers 2] [--seed 271828] [overrides ...]

Runs ``ssrsim validate``'s two arms of fact 11, ``baseline`` (every faction included) and
``rival_excluded`` (the former rebels excluded at month 0), on the same replicates (240 months),
and prints, per arm: the exclusion index (the share of power held by excluded factions) by year,
the share of runs in which the incumbent shares power with the former rebels or moves rents to
them in the first year (a ``settlement`` event; for an excluded faction, its readmission) and when, the incumbent's choices
by kind, coup attempts, re-armings and battle deaths over 20 years, with the paired difference.
Fact 11 compares arms that differ in exclusion only while it lasts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from paired import arguments, paired_runs

ARMS = {"baseline": [], "rival_excluded": ["context.settlement.factions.1.included=false"]}
REBELS = "former_rebels"


def replicate(overrides: list[str], r: int) -> dict:
    from ssrsim.config.compose import compose
    from ssrsim.run.runner import run_replicate

    out = run_replicate(compose("baseline", overrides), r)
    ev, ts = out["events"], out["timeseries"]
    choices = ev[ev.kind == "settlement"]
    readmit = choices[choices.detail.str.match(rf"(share|co_opt) {REBELS}\b")]
    return {"exclusion": ts["exclusion"].to_numpy()[::12],
            "readmitted": int(readmit.month.iloc[0]) if len(readmit) else None,
            "choices": choices.detail.str.split().str[0].value_counts().to_dict(),
            "coups": int((ev.kind == "coup_attempt").sum()), "rearms": int((ev.kind == "rearm").sum()),
            "deaths": float(ts["battle_deaths"].sum())}


def main() -> None:
    parser = arguments(__doc__)
    parser.set_defaults(seed=271828)
    parser.add_argument("overrides", nargs="*", help="key=value, as on the command line")
    args = parser.parse_args()
    common = [f"seed={args.seed}", "months=240", *args.overrides]
    runs = dict(zip(ARMS, paired_runs(replicate, list(ARMS.values()), args.replicates, args.workers, common)))
    for arm, rows in runs.items():
        first = [row["readmitted"] for row in rows]
        early = [m for m in first if m is not None and m <= 12]
        print(f"\n{arm}: {args.replicates} runs, seed {args.seed}")
        print("  exclusion index, mean at the start of each year:",
              " ".join(f"{x:.2f}" for x in np.mean([row["exclusion"] for row in rows], axis=0)))
        print(f"  power shared with or rents moved to the former rebels within 12 months: {len(early)} of {len(rows)} runs"
              + (f" (median month {int(np.median(early))})" if early else ""))
        choices = pd.DataFrame([row["choices"] for row in rows]).fillna(0).sum().astype(int)
        print("  the incumbent's choices:", choices.sort_values(ascending=False).to_dict())
        print(f"  coup attempts {np.mean([row['coups'] for row in rows]):.2f} a run, re-armings "
              f"{np.mean([row['rearms'] for row in rows]):.2f}, battle deaths over 20 years "
              f"{np.mean([row['deaths'] for row in rows]):,.0f}")
    gap = np.array([b["deaths"] - a["deaths"] for a, b in zip(runs["baseline"], runs["rival_excluded"])])
    half = 1.96 * gap.std(ddof=1) / np.sqrt(len(gap))
    print(f"\nbattle deaths over 20 years, excluded minus included: {gap.mean():+,.0f} "
          f"[{gap.mean() - half:+,.0f}, {gap.mean() + half:+,.0f}] (paired, normal 95%)")


if __name__ == "__main__":
    main()
