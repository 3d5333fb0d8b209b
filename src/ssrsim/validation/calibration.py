"""Calibration targets: the generic baseline's relapse risk against published figures.

Targets: P(relapse within 5 years) about 0.23 (band 0.15–0.32) and within 10 years about
0.40 (band 0.30–0.50) (Collier, Hoeffler & Söderbom 2008; the 5-year revision as reported by
Suhrke & Samset 2007). The *assumed* parameters in ``CALIBRATED`` were fitted to these by
``experiments/calibration/calibrate.py``; the levers were not touched.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..run.analysis import relapse_probabilities


@dataclass(frozen=True)
class Target:
    years: int
    value: float
    low: float
    high: float


TARGETS = (Target(5, 0.23, 0.15, 0.32), Target(10, 0.40, 0.30, 0.50))
SOURCE = ("Collier, Hoeffler & Söderbom (2008) 'Post-conflict risks', J. Peace Research 45(4); "
          "5-year figure as reported by Suhrke & Samset (2007)")

#: The assumed parameters fitted to the targets, and the ranges searched.
CALIBRATED = {
    "params.spoilers.attack_base": (-6.0, -3.5),
    "params.spoilers.attack_strength": (0.8, 1.6),
    "params.fighters.remobilization_base": (-10.0, -7.5),
    "params.forces.deterrence_per_peacekeeper": (0.2, 1.5),
}


def check(summary: pd.DataFrame, months: int) -> pd.DataFrame:
    """One row per target: the model's P(relapse) with its 95% interval, and whether it is in band.

    A target passes when the estimate lies inside the published band.
    """
    probs = relapse_probabilities(summary, months, [t.years for t in TARGETS])
    rows = []
    for t, (_, p) in zip(TARGETS, probs.iterrows()):
        rows.append({"target": f"P(relapse within {t.years} years)", "published": t.value,
                     "band_low": t.low, "band_high": t.high, "model": p["p"], "lo": p["lo"],
                     "hi": p["hi"], "passed": t.low <= p["p"] <= t.high})
    return pd.DataFrame(rows)


def loss(summary: pd.DataFrame, months: int) -> float:
    """Squared distance of the model's 5- and 10-year relapse risk from the published targets."""
    table = check(summary, months)
    return float(((table.model - table.published) ** 2).sum())
