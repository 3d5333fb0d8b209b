"""Summaries of a run's tables (see ``docs/outputs.md``): relapse and atrocity risk, bands, a text report.

Everything here is numpy/pandas only, so the numbers behind a figure or a console report can be
computed and tested without a plotting stack. Figures live in :mod:`ssrsim.run.figures`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..config import SERVICES

Z95 = 1.959963984540054  # standard normal 97.5% quantile (two-sided 95%)


def wilson_interval(successes: np.ndarray, n: np.ndarray | int,
                    z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a binomial proportion.

    Unlike the normal (Wald) interval it is not degenerate at 0 or 1: with 0 of 50 replicates
    relapsing it still says the risk may be up to ~7%, which is the honest answer.
    """
    x = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    centre = (x + z**2 / 2) / (n + z**2)
    half = z / (n + z**2) * np.sqrt(x * (n - x) / n + z**2 / 4)
    # exact at the edges (0 and n), where rounding would otherwise leave ~1e-17
    return np.where(x <= 0, 0.0, centre - half), np.where(x >= n, 1.0, centre + half)


def _event_months(summary: pd.DataFrame, column: str) -> np.ndarray:
    """The column as floats, NaN where no event happened (nullable ints, None, NA)."""
    values = pd.to_numeric(summary[column], errors="coerce")
    return values.to_numpy(dtype=float, na_value=np.nan)


def cumulative_incidence(summary: pd.DataFrame, months: int,
                         column: str = "relapse_month") -> pd.DataFrame:
    """Kaplan–Meier cumulative incidence 1 - S(t) of the first event month in ``column``.

    Each row of ``summary`` is one replicate; a missing month (or one after the horizon) means
    no event was seen, i.e. the replicate is censored at ``months``. Since every run lasts the
    full horizon the estimate equals the share of replicates that failed by month t, but the
    Kaplan–Meier form stays right if runs of unequal length are ever pooled.

    The 95% band uses Greenwood's variance on the log(-log S) scale, which keeps it inside
    [0, 1] and asymmetric near the edges. Where S is exactly 1 (no event yet) or 0 (all
    failed) Greenwood's variance is zero or undefined, so the Wilson score interval for the
    proportion failed among the replicates is used instead: the band is never degenerate.

    Returns one row per month 0..months with ``month``, ``p``, ``lo``, ``hi``, ``at_risk``
    (replicates still event-free at the start of the month) and ``events`` (first events in it).
    """
    n = len(summary)
    if n == 0:
        raise ValueError("cumulative_incidence needs at least one replicate")
    raw = _event_months(summary, column)
    if np.any(raw < 0):
        raise ValueError(f"{column} has negative months")
    failed = ~np.isnan(raw) & (raw <= months)
    time = np.where(failed, raw, months).astype(np.int64)

    events = np.bincount(time[failed], minlength=months + 1)
    exits = np.bincount(time, minlength=months + 1)  # failures and censorings per month
    at_risk = n - np.concatenate(([0], np.cumsum(exits)[:-1]))

    with np.errstate(divide="ignore", invalid="ignore"):
        # once nobody is left at risk nothing more can happen: hazard 0, not 0/0
        hazard = np.where(at_risk > 0, events / at_risk, 0.0)
        surv = np.cumprod(1.0 - hazard)
        greenwood = np.cumsum(np.where(events > 0, events / (at_risk * (at_risk - events)), 0.0))
        log_s = np.log(surv)
        se = np.sqrt(greenwood) / np.abs(log_s)
        s_lo = surv ** np.exp(Z95 * se)
        s_hi = surv ** np.exp(-Z95 * se)

    p = 1.0 - surv
    lo, hi = 1.0 - s_hi, 1.0 - s_lo
    # Censoring only happens at the horizon, so every replicate's status is known up to it.
    edge = (surv <= 0.0) | (surv >= 1.0)
    w_lo, w_hi = wilson_interval(np.round(p * n), n)
    lo = np.where(edge, w_lo, lo)
    hi = np.where(edge, w_hi, hi)
    return pd.DataFrame({"month": np.arange(months + 1), "p": p, "lo": lo, "hi": hi,
                         "at_risk": at_risk, "events": events})


def relapse_probabilities(summary: pd.DataFrame, months: int,
                          years: Sequence[float] = (5, 10, 20),
                          column: str = "relapse_month") -> pd.DataFrame:
    """P(event by each of ``years``) with its 95% interval, the headline numbers of a run.

    Years whose month (12 × years) lies beyond the horizon are omitted rather than
    extrapolated: the model says nothing about them.
    """
    ci = cumulative_incidence(summary, months, column).set_index("month")
    rows = [{"years": y, "month": int(round(12 * y))} for y in years if 12 * y <= months]
    out = pd.DataFrame(rows, columns=["years", "month"])
    picked = ci.loc[out["month"], ["p", "lo", "hi"]].reset_index(drop=True)
    return pd.concat([out, picked], axis=1).assign(n=len(summary))


def _quantile_name(q: float) -> str:
    return f"q{round(q * 100):02d}"


def bands(timeseries: pd.DataFrame, columns: Sequence[str],
          quantiles: Sequence[float] = (0.05, 0.25, 0.5, 0.75, 0.95)) -> pd.DataFrame:
    """Per month and variable, quantiles across replicates (tidy: ``month``, ``variable``, q..).

    Medians with 50% and 90% bands show both the typical path and how much replicates differ,
    which a mean alone hides (relapse makes many outputs bimodal).
    """
    names = [_quantile_name(q) for q in quantiles]
    if not columns:
        return pd.DataFrame(columns=["month", "variable", *names])
    grouped = timeseries.groupby("month")[list(columns)].quantile(list(quantiles))
    frames = []
    for variable in columns:
        wide = grouped[variable].unstack()
        wide.columns = names
        frames.append(wide.reset_index().assign(variable=variable))
    tidy = pd.concat(frames).sort_values("month", kind="stable", ignore_index=True)
    return tidy[["month", "variable", *names]]


def monthly_means(timeseries: pd.DataFrame, columns: Sequence[str] = ()) -> pd.DataFrame:
    """Mean over replicates per month (wide) of every ``excombatants_<status>`` column and of
    ``columns``.

    Means for the statuses because they are summed in a stacked chart and means add up to the
    mean total, so the stack's height stays the number of fighters; means for violence because
    its median is zero in most months (most runs are at peace in any one month), which hides the
    deaths a mean counts.
    """
    cols = [c for c in timeseries.columns if c.startswith("excombatants_")]
    cols += [c for c in columns if c in timeseries and c not in cols]
    return timeseries.groupby("month")[cols].mean()


#: Each replicate's final public confidence, overall and per service, as the console reports it.
FINAL_CONFIDENCE = ("public_confidence", *(f"confidence_{s}" for s in SERVICES))


#: The timeseries columns read with quantile bands, for the figures and the console: public
#: confidence and confidence per service, then violence by kind.
BANDED = ("public_confidence", *(f"confidence_{s}" for s in SERVICES), "battle_deaths", "one_sided_deaths", "abuses")


@dataclass(frozen=True)
class Curves:
    """What a run's figures and console report draw from its timeseries, month by month.

    ``bands``: quantiles across replicates of the banded columns (tidy, as :func:`bands`);
    ``means``: mean fighters in each status and mean of each banded column
    (:func:`monthly_means`); ``final``: each replicate's
    last month of :data:`FINAL_CONFIDENCE`, by replicate; ``mean_confidence``: public confidence over all months
    and replicates. Every statistic but the last is computed within a month, so a run's curves can
    be built from blocks of whole months (:func:`ssrsim.run.results.read_curves`) with the same
    numbers as from the whole table, whose size grows with the replicates while these do not.
    """

    bands: pd.DataFrame
    means: pd.DataFrame
    final: pd.DataFrame
    mean_confidence: float

    @classmethod
    def of(cls, timeseries: pd.DataFrame, banded: Sequence[str]) -> Curves:
        """The curves of a timeseries table held in memory (the ``banded`` columns it has)."""
        final = _final_rows(timeseries).sort_values("replicate")
        banded = [c for c in banded if c in timeseries]
        return cls(bands=bands(timeseries, banded),
                   means=monthly_means(timeseries, banded),
                   final=final[["replicate", *(c for c in FINAL_CONFIDENCE if c in final)]].reset_index(drop=True),
                   mean_confidence=float(timeseries["public_confidence"].mean()))

    @classmethod
    def joined(cls, blocks: Sequence[Curves], rows: Sequence[int]) -> Curves:
        """The curves of a table from those of its blocks of whole months, in month order, with
        the number of rows in each (the weights of the blocks' mean confidence)."""
        return cls(bands=pd.concat([b.bands for b in blocks], ignore_index=True),
                   means=pd.concat([b.means for b in blocks]),
                   final=blocks[-1].final,
                   mean_confidence=float(np.average([b.mean_confidence for b in blocks], weights=rows)))


def _years_label(months: int) -> str:
    return f"{months / 12:g} y" if months % 12 == 0 else f"{months} months"


def _interval_line(label: str, row: pd.Series) -> str:
    return f"P({label}) = {row['p']:.2f} [{row['lo']:.2f}, {row['hi']:.2f}]"


#: First-event columns of the summary reported at one horizon after the relapse probabilities, as
#: the report and the sweep table name them: war-level relapse, and atrocity risk (one identity group's
#: civilians deliberately killed over the trailing window, at the one-sided violence and the
#: mass-atrocity thresholds). Each is reported only when the summary has its column: run folders
#: written before atrocity risk was modelled lack the last two.
HORIZON_EVENTS = {"war_relapse_month": "war-level relapse",
                  "one_sided_violence_month": "one-sided violence against one group",
                  "mass_atrocity_month": "mass atrocity"}


def horizon_events(summary: pd.DataFrame, months: int, at: int) -> dict[str, pd.Series]:
    """P(event by month ``at``) with its 95% interval (``p``, ``lo``, ``hi``) for each column of
    :data:`HORIZON_EVENTS` in ``summary``: one rule for the console report and the sweep table."""
    return {column: cumulative_incidence(summary, months, column).iloc[at]
            for column in HORIZON_EVENTS if column in summary}


def _final_rows(timeseries: pd.DataFrame) -> pd.DataFrame:
    """Each replicate's last month."""
    return timeseries.sort_values("month").groupby("replicate").tail(1)


def console_summary(summary: pd.DataFrame, timeseries: pd.DataFrame | Curves, months: int,
                    folder: str | None = None, scenario: str = "") -> str:
    """A short plain-text report of a run, printed at the end of ``ssrsim run``.

    It gives the headline risk numbers (relapse, war-level relapse, atrocity risk) with their 95%
    intervals, so that a reader does not take a point estimate from a few replicates at face value,
    and the public-confidence outcome. ``timeseries`` may be the table or its :class:`Curves`.
    """
    lines = [f"Scenario: {scenario or '(unnamed)'}",
             f"Replicates: {len(summary)} ({months} months each)"]
    probs = relapse_probabilities(summary, months)
    if probs.empty:  # horizon shorter than 5 years: report the horizon itself
        probs = relapse_probabilities(summary, months, years=(months / 12,))
    for _, row in probs.iterrows():
        lines.append(_interval_line(f"relapse by {_years_label(int(row['month']))}", row))
    horizon = min(months, 240)
    for column, row in horizon_events(summary, months, horizon).items():
        lines.append(_interval_line(f"{HORIZON_EVENTS[column]} by {_years_label(horizon)}", row))

    curves = timeseries if isinstance(timeseries, Curves) else Curves.of(timeseries, banded=())
    final = curves.final
    pc = final["public_confidence"]
    lines.append(f"Public confidence: mean {curves.mean_confidence:.2f}; "
                 f"final median {pc.median():.2f} "
                 f"[5-95%: {pc.quantile(0.05):.2f}, {pc.quantile(0.95):.2f}]")
    services = [f"{s} {final[f'confidence_{s}'].median():.2f}"
                for s in SERVICES if f"confidence_{s}" in final]
    if services:
        lines.append("Final confidence by service (median): " + ", ".join(services))
    if folder is not None:
        lines.append(f"Files: {folder}")
    return "\n".join(lines)
