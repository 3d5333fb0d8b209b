"""What a validation check is, and the statistics checks are built from.

A *check* states something about emergent outcomes of the runs (relapse, deaths by kind, trust
shares, coups, remobilisation, deals broken) and how big it must be, before it is run. Two kinds:

- an **effect**: the fact predicts a positive effect; the check passes when the 95% interval
  excludes zero and the effect reaches the stated minimum;
- a **knock-out**: with a lever's named channels switched off, its effect must be about zero; the
  check passes when the 95% interval lies inside ``±tolerance``. If the effect survives, the lever
  acts through a channel the model does not name (a hidden direct term).

A paired check compares arms that differ in one lever or context value: replicate r of every arm
runs on the same random stream (common random numbers), so the per-replicate contrast
``sum(weight x metric)`` carries little of the runs' noise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from ..run.analysis import wilson_interval
from .metrics import months_read

EFFECT, KNOCK_OUT = "effect", "knock-out"


@dataclass(frozen=True)
class Outcome:
    """A check's result: the effect, its 95% interval, and the minimum (or tolerance) it is held to."""

    effect: float
    lo: float
    hi: float
    minimum: float  # for a knock-out: the tolerance
    n: int
    values: np.ndarray  # what the interval is built on: per-replicate contrasts, lags or draws
    kind: str = EFFECT

    @property
    def passed(self) -> bool:
        if self.kind == KNOCK_OUT:
            return -self.minimum <= self.lo and self.hi <= self.minimum
        return bool(self.lo > 0 and self.effect >= self.minimum)

    @property
    def standard_error(self) -> float:
        """The interval's half-width over 1.96 (a normal reading of a t or bootstrap interval)."""
        return (self.hi - self.lo) / (2 * 1.96)


@dataclass(frozen=True)
class Check:
    """One statement about the runs, oriented so that the fact predicts a positive effect
    (or, for a knock-out, no effect)."""

    statistic: str  # what is measured, in words (shown in the docs and the report)
    minimum: float
    unit: str
    arms: tuple[str, ...]
    #: data -> (effect, lo, hi, values, replicates used)
    evaluate: Callable[[dict[str, "ArmData"]], tuple[float, float, float, np.ndarray, int]]
    kind: str = EFFECT
    #: The last month the statistic reads (``metrics.READS``); None: every month of the run.
    months: int | None = None

    def outcome(self, data: dict[str, "ArmData"]) -> Outcome:
        effect, lo, hi, values, n = self.evaluate(data)
        return Outcome(float(effect), float(lo), float(hi), self.minimum, int(n), values, self.kind)


#: The monthly series an arm's data keeps (``ArmData.timeseries``).
SERIES = ("replicate", "month", "battle_deaths", "one_sided_deaths", "public_confidence")


@dataclass
class ArmData:
    """What a check may read about one arm: per-replicate metrics, the monthly series and the
    sizes of its clashes (deaths of every clash event, all replicates)."""

    metrics: pd.DataFrame
    timeseries: pd.DataFrame
    clash_sizes: np.ndarray
    clash_replicates: np.ndarray = field(default_factory=lambda: np.array([], dtype=int))

    def first(self, replicates: int) -> "ArmData":
        """Replicates 0 .. ``replicates`` - 1 alone: exactly what a run of that many gives, since
        replicate r draws from ``SeedSequence([seed, r])`` whatever the count."""
        kept = self.clash_replicates < replicates
        return ArmData(self.metrics[self.metrics.index < replicates],
                       self.timeseries[self.timeseries.replicate < replicates],
                       self.clash_sizes[kept], self.clash_replicates[kept])


def t_interval(values: np.ndarray) -> tuple[float, float, float, np.ndarray, int]:
    """Mean and 95% t-interval of the non-missing values."""
    kept = values[~np.isnan(values)]
    n = kept.size
    mean = float(kept.mean()) if n else np.nan
    if n < 2:
        return mean, -np.inf, np.inf, values, n
    half = stats.t.ppf(0.975, n - 1) * kept.std(ddof=1) / np.sqrt(n)
    return mean, mean - half, mean + half, values, n


def bootstrap(values: np.ndarray, statistic: Callable[[np.ndarray], float],
              draws: int = 2000) -> tuple[float, float, float, np.ndarray, int]:
    """Percentile bootstrap over replicates (rows of ``values``), with a fixed generator so the
    interval is reproducible. Returns the bootstrap draws as the values, so a figure can show them."""
    rng = np.random.default_rng(20240)
    n = len(values)
    boot = np.array([statistic(values[rng.integers(0, n, n)]) for _ in range(draws)])
    lo, hi = np.nanpercentile(boot, [2.5, 97.5])
    return statistic(values), lo, hi, boot, n


def paired(statistic: str, metric: str, weights: dict[str, float], minimum: float, unit: str,
           kind: str = EFFECT) -> Check:
    """Mean over replicates of ``sum(weight x metric)``: a difference (or difference in differences)."""
    def evaluate(data):
        contrast = sum(w * data[arm].metrics[metric] for arm, w in weights.items())
        return t_interval(contrast.to_numpy(float))
    return Check(statistic, minimum, unit, tuple(weights), evaluate, kind, months_read(metric))


def paired_gap(statistic: str, metrics: tuple[str, str], arms: tuple[str, str], minimum: float,
               unit: str) -> Check:
    """Mean over replicates of (arm 1 - arm 2) in the first metric minus the same in the second:
    how much an effect shrinks between two windows of the same runs."""
    (first, second), (a, b) = metrics, arms
    def evaluate(data):
        early = data[a].metrics[first] - data[b].metrics[first]
        late = data[a].metrics[second] - data[b].metrics[second]
        return t_interval((early - late).to_numpy(float))
    return Check(statistic, minimum, unit, arms, evaluate, months=months_read(first, second))


def proportion(statistic: str, arm: str, metric: str, minimum: float) -> Check:
    """Share of replicates where a 0/1 ``metric`` is 1, with its Wilson interval."""
    def evaluate(data):
        x = data[arm].metrics[metric].to_numpy(float)
        lo, hi = wilson_interval(x.sum(), x.size)
        return x.mean(), lo, hi, x, x.size
    return Check(statistic, minimum, "probability", (arm,), evaluate, months=months_read(metric))


def relative_cut(statistic: str, numerator: str, denominator: str, without: str, with_: str,
                 minimum: float, kind: str = EFFECT) -> Check:
    """1 - (rate with) / (rate without), each rate the ratio of two summed metrics, with a paired
    bootstrap over replicates: e.g. civilians killed per unit of repression, so that two arms are
    compared for the same repression whatever each incumbent decided."""
    def evaluate(data):
        cols = [data[arm].metrics[m].to_numpy(float) for arm in (without, with_)
                for m in (numerator, denominator)]
        rows = np.column_stack(cols)

        def cut(r):
            before, after = r[:, 0].sum() / r[:, 1].sum(), r[:, 2].sum() / r[:, 3].sum()
            return 1 - after / before if before > 0 else np.nan
        with np.errstate(divide="ignore", invalid="ignore"):
            return bootstrap(rows, cut)
    return Check(statistic, minimum, "share", (without, with_), evaluate, kind, months_read(numerator, denominator))


def hazard_by_decade(months: np.ndarray, horizon: int) -> float:
    """First-decade minus second-decade relapse hazard, per year at risk (NaN-censored months)."""
    def hazard(start: int, end: int) -> float:
        at_risk = np.isnan(months) | (months > start)
        events = at_risk & (months <= end)
        exposure = np.clip(np.where(np.isnan(months), end, months), start, end) - start
        years = exposure[at_risk].sum() / 12
        return events.sum() / years if years > 0 else 0.0
    return hazard(0, 120) - hazard(120, horizon)


def first_decade_hazard(arm: str, minimum: float) -> Check:
    def evaluate(data):
        horizon = int(data[arm].timeseries.month.max())
        months = data[arm].metrics["relapse_month"].to_numpy(float)
        return bootstrap(months, lambda m: hazard_by_decade(m, horizon))
    return Check("relapse hazard per year at risk, years 0-10 minus years 10-20", minimum,
                 "per year", (arm,), evaluate)


#: Lags (months) over which confidence is matched against violence (fact 8).
MAX_LAG = 24


def violence_lag(run: pd.DataFrame, max_lag: int = MAX_LAG) -> float:
    """The lag k (0..max_lag months) at which this month's violence (battle and one-sided deaths)
    correlates most negatively with public confidence k months later; NaN without violence.

    Confidence that tracked violence at once would give 0; confidence that is slow to react, and
    slow to recover, gives a later lag. The lag emerges from how citizens meet the forces, hear
    news and remember exposure, not from one rate."""
    violence = (run.battle_deaths + run.one_sided_deaths).to_numpy(float)
    confidence = run.public_confidence.to_numpy(float)
    if violence.std() == 0:
        return np.nan
    corr = []
    for k in range(max_lag + 1):
        x, y = violence[: violence.size - k], confidence[k:]
        corr.append(np.corrcoef(x, y)[0, 1] if x.std() > 0 and y.std() > 0 else np.nan)
    corr = np.array(corr)
    return float(np.nanargmin(corr)) if np.isfinite(corr).any() else np.nan


def lag_check(arm: str, minimum: float) -> Check:
    def evaluate(data):
        ts = data[arm].timeseries.sort_values("month")
        return t_interval(np.array([violence_lag(run) for _, run in ts.groupby("replicate")]))
    return Check(f"months from violence (battle plus one-sided deaths) to public confidence's strongest "
                 f"response (the lag 0-{MAX_LAG} of the most negative correlation), replicates with violence",
                 minimum, "months", (arm,), evaluate)


def tail_exponent(sizes: np.ndarray, smallest: float) -> float:
    """Maximum-likelihood exponent alpha of a power law p(x) ~ x^-alpha above ``smallest``
    (Clauset, Shalizi & Newman 2009, eq. 3.1, continuous approximation)."""
    x = sizes[sizes >= smallest]
    return 1 + x.size / np.log(x / smallest).sum() if x.size else np.nan
