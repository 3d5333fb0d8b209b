"""Why fast demobilisation lowers battle deaths in fact 5, with and without elections (a diagnosis).

    python experiments/diagnostics/fact5_elections.py [--replicates 30] [--workers 2]

Fact 5 (docs/validation.md) expects demobilisation that outpaces reintegration to raise relapse
risk: battle deaths in the first 10 years at 2,400 demobilised a month minus 600 should be at
least +20. The model gives the opposite, and the suspected channel is the one behind Burundi's
wars before 2015 (``burundi_wars.py``): at an election, a movement whose fighters still wait for
cantonment may reject the result and go back to war (docs/model.md §10.2), and slow demobilisation
leaves more of them waiting at the first election (month 24). This script runs fact 5's two arms
on paired replicates (same seeds, 120 months) twice: with the baseline's elections, and with no
elections at all (``context.government.election_cycle_months=0``). If the channel is the cause,
the difference should turn toward the fact's direction without elections. Prints, for each
condition, the mean battle deaths of each arm, their paired difference with a 95% interval (t),
and the runs reaching war in each arm.
"""

from __future__ import annotations

import argparse

import numpy as np

ARMS = {"600 a month (the baseline)": [], "2,400 a month": ["levers.ddr.demobilization_per_month=2400"]}
CONDITIONS = {"with elections": [], "no elections": ["context.government.election_cycle_months=0"]}


def deaths(overrides: list[str], replicates: int, workers: int) -> tuple[np.ndarray, int]:
    """Battle deaths per replicate over 120 months, and the replicates reaching war."""
    import ssrsim
    from ssrsim.run.runner import simulate

    cfg = ssrsim.compose("baseline", ["months=120", f"replicates={replicates}", *overrides])
    res = simulate(cfg, workers=workers, progress=False)
    per = res.timeseries.groupby("replicate")["battle_deaths"].sum().to_numpy()
    return per, int(res.summary["war_relapse_month"].notna().sum())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from scipy import stats

    for condition, extra in CONDITIONS.items():
        (slow, slow_wars), (fast, fast_wars) = (deaths([*extra, *arm], args.replicates, args.workers)
                                                for arm in ARMS.values())
        diff = fast - slow
        half = stats.t.ppf(0.975, len(diff) - 1) * diff.std(ddof=1) / np.sqrt(len(diff))
        print(f"{condition}: battle deaths in 10 years, 600 a month {slow.mean():,.0f}, 2,400 a month "
              f"{fast.mean():,.0f}; 2,400 minus 600 {diff.mean():+,.0f} [{diff.mean() - half:+,.0f}, "
              f"{diff.mean() + half:+,.0f}] over {len(diff)} pairs; runs at war {slow_wars} and {fast_wars}")


if __name__ == "__main__":
    main()
