"""The peacekeeping test's arms on more replicates: how much a mission cuts violence (a diagnosis).

    python experiments/diagnostics/mission_arms.py [--replicates 40] [--workers 2]

``test_troops_protect_and_deter_where_observers_alone_do_little`` (tests/model/
test_mission_elections_region.py) compares the baseline (120 months, 2,000 citizens) with no
mission, 800 observers alone and 8,000 troops on 10 paired replicates, and asks that troops cut
battle deaths plus civilians killed to at most 0.6 of no mission's. Wars are rare and each adds
thousands of deaths, so 10 replicates say little about a ratio near 0.6. This script runs the same
arms on more replicates (the same seeds in every arm) and prints, for each, the mean battle deaths
plus civilians killed, the civilians killed alone, and the runs reaching war-level relapse; then
each arm's ratio to no mission's.
"""

from __future__ import annotations

import argparse

ARMS = {"no mission": (0, 0), "800 observers": (0, 800), "8,000 troops": (8000, 0)}


def violence(troops: int, observers: int, replicates: int, workers: int) -> tuple[float, float, int]:
    """Mean battle deaths plus civilians killed, mean civilians killed, and runs reaching war."""
    import ssrsim
    from ssrsim.run.runner import simulate

    cfg = ssrsim.compose("baseline", ["months=120", f"replicates={replicates}", "context.citizens=2000",
                                      f"context.peacekeeping.troops={troops}",
                                      f"context.peacekeeping.observers={observers}"])
    s = simulate(cfg, workers=workers, progress=False).summary
    killed = s["total_one_sided_deaths"]
    return float((s["total_battle_deaths"] + killed).mean()), float(killed.mean()), int(s["war_relapse_month"].notna().sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    results = {name: violence(*arm, args.replicates, args.workers) for name, arm in ARMS.items()}
    base = results["no mission"][0]
    print(f"baseline, 120 months, {args.replicates} paired replicates")
    for name, (both, killed, wars) in results.items():
        print(f"  {name:14s} battle deaths + civilians killed {both:8,.0f} ({both / base:.2f} of no mission's); "
              f"civilians killed {killed:6,.0f}; war in {wars} of {args.replicates}")


if __name__ == "__main__":
    main()
