"""Calibration targets: the generic baseline's relapse risk at both thresholds against published figures.

Relapse is counted as UCDP counts episodes (docs/model.md): an onset after at least 12 months
below the threshold. The targets are model version 2's (three of them, each a band):

- war-level relapse (1,000 battle deaths in 12 months) within 5 years, 0.15–0.32, and within 10
  years, 0.25–0.45: Collier, Hoeffler & Söderbom (2008) count wars, and their 40% is the risk
  their model predicts for a typical post-conflict country; Suhrke & Samset (2007) revise the
  5-year figure to about 23–26%; Walter (2004): 36% of civil wars were followed by another;
- relapse into armed conflict (25 battle deaths) within 10 years, 0.40–0.60 (provisional: about
  60% of UCDP conflicts recur at some point, Gates, Nygård & Trappeniers 2016; Kreutz 2010).

The *assumed* parameters in ``CALIBRATED`` are fitted to these by
``experiments/calibration/calibrate.py``; the levers are never touched.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..run.analysis import relapse_probabilities


@dataclass(frozen=True)
class Target:
    label: str
    column: str  # the summary column holding the month of the first relapse at this threshold
    years: int
    value: float
    low: float
    high: float

    @property
    def name(self) -> str:
        return f"P({self.label} within {self.years} years)"


TARGETS = (
    Target("war-level relapse", "war_relapse_month", 5, 0.235, 0.15, 0.32),
    Target("war-level relapse", "war_relapse_month", 10, 0.35, 0.25, 0.45),
    Target("relapse into armed conflict", "relapse_month", 10, 0.50, 0.40, 0.60),
)
SOURCE = ("Collier, Hoeffler & Söderbom (2008) 'Post-conflict risks', J. Peace Research 45(4); "
          "Suhrke & Samset (2007); Walter (2004); for any armed conflict, Gates, Nygård & "
          "Trappeniers (2016) and Kreutz (2010), provisional")

#: The assumed parameters fitted to the targets, and the ranges searched.
CALIBRATED = {
    "params.spoilers.attack_base": (-7.2, -6.2),
    "params.bargaining.weight_power_sharing": (2.0, 3.2),
    "params.bargaining.weight_balance": (1.9, 2.3),
    "params.bargaining.choice_sensitivity": (3.0, 10.0),
    "params.spoilers.deaths_per_clash": (0.5, 1.2),
    "params.bargaining.recall": (0.25, 0.45),
    "params.settlement.purged_take_up_arms": (0.0, 1.0),
}


def check(summary: pd.DataFrame, months: int) -> pd.DataFrame:
    """One row per target: the model's probability with its 95% interval, and whether it is in band.

    A target passes when the estimate lies inside the published band.
    """
    rows = []
    for t in TARGETS:
        p = relapse_probabilities(summary, months, [t.years], column=t.column).iloc[0]
        rows.append({"target": t.name, "published": t.value, "band_low": t.low,
                     "band_high": t.high, "model": p["p"], "lo": p["lo"], "hi": p["hi"],
                     "passed": t.low <= p["p"] <= t.high})
    return pd.DataFrame(rows)


def loss(summary: pd.DataFrame, months: int) -> float:
    """Squared distance of the model's relapse risks from the published targets' central values."""
    table = check(summary, months)
    return float(((table.model - table.published) ** 2).sum())
