"""When war-level relapse comes, and what comes before it: a diagnostic for the calibration.

    python experiments/calibration/onsets.py [--seed 99] [--replicates 100] [--months 240] [PATH=VALUE ...]

Runs `baseline` (with any overrides) and prints, by year: first war-level and first armed-conflict
onsets (each replicate counted once), and the events that can start a war (broken deals, rejected
election results, re-arming, coups, splits, boycotts, deals). The published targets want war to
keep coming in years 5-10 (docs/validation.md §1); this shows whether it does, and which
mechanism brings the wars there are. Then, for the breakdowns and re-armings after the first
election's year (from month 36), what followed each: the fighters who answered the call, the battle
deaths of the next 24 months and whether war-level relapse began in them. Last, for each first
armed-conflict onset within ``--horizon`` years: the latest of those events in the 24 months before
it, the armed group whose reported clashes killed most in the 12 months up to it, and whether
war-level relapse followed within the horizon (which armed conflicts stay below war, and why).
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

import ssrsim
from ssrsim.config.compose import compose

#: Months after a breakdown over which what followed it is counted.
AFTER = 24
KINDS = ("deal_broken", "election_rejected", "rearm", "coup_attempt", "split", "boycott", "peace_deal")


def by_year(months, years: int) -> str:
    counts = np.bincount((np.asarray(months, dtype=int) // 12), minlength=years)[:years]
    return " ".join(f"{c:3d}" for c in counts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=99, help="model seed (99: the calibration's; 12345: the validation's)")
    ap.add_argument("--replicates", type=int, default=100)
    ap.add_argument("--months", type=int, default=240)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--horizon", type=int, default=10, help="years within which onsets are attributed")
    ap.add_argument("overrides", nargs="*", metavar="PATH=VALUE")
    args = ap.parse_args()
    cfg = compose("baseline", [f"replicates={args.replicates}", f"months={args.months}", f"seed={args.seed}",
                               *args.overrides])
    results = ssrsim.simulate(cfg, workers=args.workers)
    years = args.months // 12
    summary, events = results.summary, results.events
    war = summary["war_relapse_month"].dropna()
    print(f"{args.replicates} replicates x {args.months} months, seed {args.seed}"
          + (f", {' '.join(args.overrides)}" if args.overrides else ""))
    print(f"{'year':>22} " + " ".join(f"{y:3d}" for y in range(years)))
    print(f"{'war-level onsets':>22} {by_year(war, years)}")
    print(f"{'armed-conflict onsets':>22} {by_year(summary['relapse_month'].dropna(), years)}")
    for kind in KINDS:
        print(f"{kind:>22} {by_year(events.loc[events.kind == kind, 'month'], years)}")
    for horizon in (5, 10):
        print(f"P(war-level relapse within {horizon} years) {(war < 12 * horizon).sum() / args.replicates:.3f}")
    print()
    print(after_breakdowns(events, results.timeseries, summary).to_string())
    print()
    causes = onset_causes(events, summary, 12 * args.horizon)
    print(f"first armed-conflict onsets within {args.horizon} years: {len(causes)} of {args.replicates} runs, "
          f"{int(causes.war.sum())} followed by war-level relapse within {args.horizon} years")
    print(causes.groupby(["trigger", "fighting"]).agg(onsets=("war", "size"), war=("war", "sum"))
          .sort_values("onsets", ascending=False).to_string())


def after_breakdowns(events, timeseries, summary, start: int = 36):
    """Each later broken deal and re-arming: who, the fighters who answered, and what followed."""
    late = events[events.kind.isin(["deal_broken", "rearm"]) & (events.month >= start)]
    deaths = timeseries.set_index(["replicate", "month"])["battle_deaths"]
    war_month = summary.set_index("replicate")["war_relapse_month"].astype(float)  # NaN: no war
    rows = []
    for e in late.itertuples():
        following = deaths.loc[e.replicate].loc[e.month:e.month + AFTER - 1].sum()
        began = e.month <= war_month.loc[e.replicate] < e.month + AFTER
        rows.append((e.kind, e.actor, e.size, following, began))
    table = pd.DataFrame(rows, columns=["kind", "actor", "fighters", "deaths", "war"])
    return table.groupby(["kind", "actor"]).agg(
        events=("fighters", "size"), fighters_answering=("fighters", "mean"),
        **{f"battle_deaths_next_{AFTER}_months": ("deaths", "mean")}, war_began=("war", "sum")).round(0)


def onset_causes(events, summary, horizon: int) -> pd.DataFrame:
    """Each first armed-conflict onset by ``horizon`` months: the latest breakdown-type event in the
    24 months before it (kind and actor, or "none"), the armed group whose reported clashes killed
    most in the 12 months up to it ("unreported": clashes below the report threshold), and whether
    war-level relapse came by the horizon."""
    rows = []
    for s in summary.itertuples():
        m = s.relapse_month
        if pd.isna(m) or m >= horizon:
            continue
        ev = events[events.replicate == s.replicate]
        before = ev[ev.kind.isin(KINDS) & ev.month.between(m - AFTER, m)]
        trigger = "none" if before.empty else f"{before.iloc[-1].kind} {before.iloc[-1].actor}"
        clashes = ev[(ev.kind == "clash") & ev.month.between(m - 11, m)]
        fighting = "unreported" if clashes.empty else clashes.groupby("actor")["size"].sum().idxmax()
        war = not pd.isna(s.war_relapse_month) and s.war_relapse_month < horizon
        rows.append((s.replicate, m, trigger, fighting, war))
    return pd.DataFrame(rows, columns=["replicate", "month", "trigger", "fighting", "war"])


if __name__ == "__main__":
    main()
