"""How often excluded factions re-arm in the baseline (a diagnosis).

    python experiments/diagnostics/rearming.py [--replicates 40] [set overrides ...]

Counts, over the runs of ``baseline`` (120 months; ``months=240`` for the whole run), the
incumbent's exclusions (``settlement`` events that exclude a faction), the partners that left the
government over an election judged flawed (``boycott`` events "leaves the government", by month
and faction) and the re-armings (``rearm`` events), with war-level relapse within 10 years. Before an excluded faction's own dormant wing could re-arm while it held
a few recruits (docs/model.md §6.5), 40 replicates gave 87 exclusions and no re-arming.
"""

from __future__ import annotations

import argparse

from ssrsim.config.compose import compose
from ssrsim.run.runner import console_progress, simulate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("overrides", nargs="*", help="key=value, as on the command line")
    args = parser.parse_args()
    cfg = compose("baseline", [f"replicates={args.replicates}", "months=120", *args.overrides])
    res = simulate(cfg, workers=1, progress=console_progress())
    ev, s = res.events, res.summary
    exclusions = int(((ev.kind == "settlement") & ev.detail.str.startswith("exclude")).sum())
    war = int((s.war_relapse_month.astype(float) <= 120).sum())
    left = ev[(ev.kind == "boycott") & ev.detail.str.startswith("leaves")]
    print(f"{exclusions} exclusions, {len(left)} partners left the government, "
          f"{int((ev.kind == 'rearm').sum())} re-armings, war-level relapse within 10 years in {war} of {len(s)} runs")
    if len(left):
        print("left, by election month and faction:", left.groupby(["month", "actor"]).size().to_dict())


if __name__ == "__main__":
    main()
