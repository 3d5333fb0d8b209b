"""What breaks the peace in the qualitative cases? A diagnosis of their failures (docs/validation.md §5).

    python experiments/diagnostics/cases.py mozambique|liberia [--replicates 20] [--seed 271828]

Runs the case's scenario as shipped and prints: in how many runs each political development
happens, by actor (boycotts, elections rejected, deals broken, re-armings, coup attempts); the
judgements at the first election (staying in against fighting on, as the model logs them); and,
for each run with a war-level relapse, the last deal broken before it and its cause.
"""

from __future__ import annotations

import argparse

import pandas as pd

from ssrsim.config.compose import compose
from ssrsim.run.runner import simulate

WATCHED = ("boycott", "election_rejected", "deal_broken", "rearm", "coup_attempt")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("case", choices=["mozambique", "liberia"])
    parser.add_argument("--replicates", type=int, default=20)
    parser.add_argument("--seed", type=int, default=271828)
    opts = parser.parse_args()
    res = simulate(compose(opts.case, [f"replicates={opts.replicates}", f"seed={opts.seed}"]), workers=1, progress=False)
    ev, summary = res.events, res.summary.set_index("replicate")
    n = len(summary)
    print(f"{opts.case}: {n} replicates, seed {opts.seed}")
    print(f"relapse into armed conflict: {summary.relapse_month.notna().sum()} runs, median month "
          f"{summary.relapse_month.median():g}; war-level: {summary.war_relapse_month.notna().sum()} runs, "
          f"median month {summary.war_relapse_month.median():g}")
    print("\nruns with each development, by actor (first month: median):")
    watched = ev[ev.kind.isin(WATCHED)]
    first = watched.groupby(["kind", "actor", "replicate"]).month.min().reset_index()
    print(first.groupby(["kind", "actor"]).month.agg(runs="size", median_month="median").to_string())
    elections = ev[ev.kind == "election"].month
    if len(elections):
        at = int(elections.min())
        print(f"\njudgements at the first election (month {at}):")
        judged = ev[(ev.month == at) & ev.kind.isin(["election_rejected", "boycott"])]
        print(judged.groupby(["kind", "actor"]).detail.agg(["size", "first"]).to_string())
    print("\nthe last deal broken before each war-level relapse:")
    rows = []
    for r, war in summary.war_relapse_month.dropna().items():
        broken = ev[(ev.replicate == r) & (ev.kind == "deal_broken") & (ev.month <= war)]
        last = broken.iloc[-1] if len(broken) else None
        rows.append({"replicate": r, "war_month": int(war), "deal_broken": None if last is None else int(last.month),
                     "actor": None if last is None else last.actor, "detail": None if last is None else last.detail})
    print(pd.DataFrame(rows).to_string(index=False, max_colwidth=90))


if __name__ == "__main__":
    main()
