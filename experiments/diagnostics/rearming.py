"""How often excluded factions re-arm in the baseline (a diagnosis).

    python experiments/diagnostics/rearming.py [--replicates 40] [set overrides ...]

Counts, over the runs of ``baseline`` (120 months), the incumbent's exclusions (``settlement``
events that exclude a faction) and the re-armings that follow (``rearm`` events), with war-level
relapse within 10 years. Before an excluded faction's own dormant wing could re-arm while it held
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
    print(f"{exclusions} exclusions, {int((ev.kind == 'rearm').sum())} re-armings, "
          f"war-level relapse within 10 years in {war} of {len(s)} runs")


if __name__ == "__main__":
    main()
