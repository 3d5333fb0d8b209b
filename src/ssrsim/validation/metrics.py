"""One row of outcome statistics per replicate, the unit every validation statistic is built on.

Replicate r of every arm draws from ``SeedSequence([seed, r])``, so rows with the same
replicate number in two arms are paired on common random numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..run.results import Results


def _at(ts: pd.DataFrame, column: str, month: int) -> pd.Series:
    """``column`` at ``month`` (or the last month recorded) for each replicate."""
    last = ts[ts.month <= month].groupby("replicate").month.transform("max")
    rows = ts[ts.month == last.reindex(ts.index)]
    return rows.set_index("replicate")[column]


def _window_mean(ts: pd.DataFrame, column: str, first: int, last: int) -> pd.Series:
    rows = ts[(ts.month >= first) & (ts.month <= last)]
    return rows.groupby("replicate")[column].mean()


def per_replicate(results: Results) -> pd.DataFrame:
    """Outcome statistics by replicate (index ``replicate``).

    ``relapse_5y``/``relapse_10y`` are 0/1 indicators of a first relapse by 60/120 months;
    ``*_final`` read the last month; ``confidence_early`` is the mean of months 1–24,
    the period in which quick wins are meant to show.
    """
    s = results.summary.set_index("replicate").sort_index()
    ts = results.timeseries
    months = int(ts.month.max())
    relapse = pd.to_numeric(s.relapse_month, errors="coerce").astype(float)
    deaths = ts.groupby("replicate").battle_deaths
    out = pd.DataFrame({
        "relapse_5y": (relapse <= 60).astype(float),
        "relapse_10y": (relapse <= 120).astype(float),
        "relapse_month": relapse,
        "relapse_ever": relapse.notna().astype(float),
        "deaths_total": deaths.sum(),
        "deaths_10y": ts[ts.month <= 120].groupby("replicate").battle_deaths.sum(),
        "confidence_early": _window_mean(ts, "public_confidence", 1, 24),
        "confidence_mean": s.mean_public_confidence,
        "confidence_final": s.final_public_confidence,
        "effectiveness_3y": _at(ts, "effectiveness_index", 36),
        "effectiveness_7y": _at(ts, "effectiveness_index", 84),
        "effectiveness_10y": _at(ts, "effectiveness_index", 120),
        "effectiveness_final": _at(ts, "effectiveness_index", months),
        "accountability_10y": _at(ts, "accountability_index", 120),
        "accountability_final": _at(ts, "accountability_index", months),
        "impunity_final": _at(ts, "impunity", months),
        "abuses_total": ts.groupby("replicate").abuses.sum(),
        "coups": s.coup_attempts.astype(float),
        "coup_risk": 12 * ts.groupby("replicate").coup_risk.mean(),
        "remobilized": s.total_remobilized.astype(float),
    })
    out["effectiveness_lost"] = out.effectiveness_7y - out.effectiveness_10y
    out["reform_final"] = np.sqrt(out.effectiveness_final * out.accountability_final)
    return out
