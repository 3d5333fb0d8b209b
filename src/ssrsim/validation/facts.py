"""The ten stylised facts of post-conflict SSR and DDR (docs/validation.md), each stated before it is tested.

A fact is one or more *checks*. A paired check compares arms that differ in one lever or
context value: replicate r of every arm runs on the same random stream (common random numbers),
the per-replicate contrast ``sum(weight x metric)`` is averaged, and its 95% t-interval must
exclude zero with the mean reaching a fixed minimum. A within-run check (facts 1 and 8) computes
a statistic inside the runs of one arm, with a bootstrap or exact interval. Every arm starts
from the generic ``baseline`` scenario. The statistic, minimum and replicate counts are written
here once and shown in ``docs/validation.md`` and the ``ssrsim validate`` report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy import stats

from ..run.analysis import wilson_interval

#: Replicates per arm and months per run for the two sizes. The fast size runs in the default
#: test command (a smaller citizen sample keeps it quick); the full size in ``ssrsim validate``.
SIZES = {
    "fast": {"replicates": 8, "overrides": ("context.citizens=4000",)},
    "full": {"replicates": 100, "overrides": ()},
}
MONTHS = 240
DONORS = ("world_bank_mdtf", "bilateral_a", "bilateral_b")
#: Every donor leaves at month 84, so what remains at month 120 is what lasts (fact 3).
DONORS_LEAVE = "events=[" + ",".join(f"{{month:84,kind:donor_exit,target:{d}}}" for d in DONORS) + "]"

ARMS: dict[str, tuple[str, ...]] = {
    "baseline": (),
    "good_governance": ("levers.political_will=0.8", "levers.oversight_strength=0.7",
                        "levers.funding.predictability=0.95"),
    "low_will": ("levers.political_will=0.2", DONORS_LEAVE),
    "low_will_more_money": ("levers.political_will=0.2", "levers.funding.annual_envelope=40", DONORS_LEAVE),
    "high_will": ("levers.political_will=0.8", DONORS_LEAVE),
    "high_will_more_money": ("levers.political_will=0.8", "levers.funding.annual_envelope=40", DONORS_LEAVE),
    "owned_then_exit": ("levers.funding.substitution=0", DONORS_LEAVE),
    "donor_driven_then_exit": ("levers.funding.substitution=0.8", DONORS_LEAVE),
    "balanced": ("levers.funding.governance_share=0.4", "levers.oversight_strength=0.5"),
    "capacity_only": ("levers.funding.governance_share=0.05", "levers.oversight_strength=0.1"),
    "accountability_only": ("levers.funding.governance_share=0.9", "levers.oversight_strength=0.9"),
    "fast_demobilisation": ("levers.ddr.demobilization_per_month=2400",),
    "many_quick_wins": ("levers.funding.quick_win_share=0.4",),
    "unpredictable_funding": ("levers.funding.predictability=0.4",),
    "high_unemployment": ("context.economy.unemployment=0.4", "context.economy.youth_unemployment=0.65"),
    "strong_oversight": ("levers.oversight_strength=0.75",),
    "weak_oversight": ("levers.oversight_strength=0.2",),
    "predatory": ("context.economy.corruption=0.65", "context.economy.illicit_rents=0.6",
                  "context.economy.revenue=80"),
}


@dataclass(frozen=True)
class Outcome:
    """A check's result: the effect, its 95% interval, the minimum it must reach."""

    effect: float
    lo: float
    hi: float
    minimum: float
    n: int
    values: np.ndarray  # what the interval is built on: per-replicate contrasts, lags or draws

    @property
    def passed(self) -> bool:
        return self.lo > 0 and self.effect >= self.minimum

    @property
    def not_contradicted(self) -> bool:
        """The effect does not point the wrong way and its interval still reaches the minimum.

        What a small sample can settle: 8 replicates cannot show a rare-event effect of the
        stated size (battle deaths, relapse by decade) but can show that it is not reversed or
        ruled out. An effect of exactly zero is allowed when its interval reaches the minimum:
        a proportion with no event in 8 runs (interval up to 0.32) does not contradict "at least
        0.08", which such a sample misses about half the time. A zero contrast whose interval is
        zero still fails. ``passed`` is the claim, made at the full size."""
        return self.effect >= 0 and self.hi >= self.minimum


@dataclass(frozen=True)
class Check:
    """One statement about the runs, oriented so that the fact predicts a positive effect."""

    statistic: str  # what is measured, in words (shown in the docs and the report)
    minimum: float
    unit: str
    arms: tuple[str, ...]
    #: data -> (effect, lo, hi, values, replicates used)
    evaluate: Callable[[dict[str, "ArmData"]], tuple[float, float, float, np.ndarray, int]]
    #: Why the check is left to the validation issue (its tested formula was removed), else "".
    #: Its result is still computed and shown; it does not count for or against the model.
    redone: str = ""

    def outcome(self, data: dict[str, "ArmData"]) -> Outcome:
        effect, lo, hi, values, n = self.evaluate(data)
        return Outcome(float(effect), float(lo), float(hi), self.minimum, int(n), values)


@dataclass
class ArmData:
    """What a check may read about one arm: per-replicate metrics and the monthly series."""

    metrics: pd.DataFrame
    timeseries: pd.DataFrame


def t_interval(values: np.ndarray) -> tuple[float, float, float, np.ndarray, int]:
    """Mean and 95% t-interval of the non-missing values."""
    kept = values[~np.isnan(values)]
    n = kept.size
    mean = float(kept.mean()) if n else np.nan
    if n < 2:
        return mean, -np.inf, np.inf, values, n
    half = stats.t.ppf(0.975, n - 1) * kept.std(ddof=1) / np.sqrt(n)
    return mean, mean - half, mean + half, values, n


def paired(statistic: str, metric: str, weights: dict[str, float], minimum: float, unit: str) -> Check:
    """Mean over replicates of ``sum(weight x metric)``: a difference (or difference in differences)."""
    def evaluate(data):
        contrast = sum(w * data[arm].metrics[metric] for arm, w in weights.items())
        return t_interval(contrast.to_numpy(float))
    return Check(statistic, minimum, unit, tuple(weights), evaluate)


def proportion(statistic: str, arm: str, metric: str, minimum: float) -> Check:
    """Share of replicates where a 0/1 ``metric`` is 1, with its Wilson interval."""
    def evaluate(data):
        x = data[arm].metrics[metric].to_numpy(float)
        lo, hi = wilson_interval(x.sum(), x.size)
        return x.mean(), lo, hi, x, x.size
    return Check(statistic, minimum, "probability", (arm,), evaluate)


def hazard_by_decade(months: np.ndarray, horizon: int) -> float:
    """First-decade minus second-decade relapse hazard, per year at risk (NaN-censored months)."""
    def hazard(start: int, end: int) -> float:
        at_risk = np.isnan(months) | (months > start)
        events = at_risk & (months <= end)
        exposure = np.clip(np.where(np.isnan(months), end, months), start, end) - start
        years = exposure[at_risk].sum() / 12
        return events.sum() / years if years > 0 else 0.0
    return hazard(0, 120) - hazard(120, horizon)


def _bootstrap(values: np.ndarray, statistic: Callable[[np.ndarray], float],
               draws: int = 2000) -> tuple[float, float, float, np.ndarray, int]:
    """Percentile bootstrap over replicates (a fixed generator: the interval is reproducible).

    Returns the bootstrap draws as the values, so a figure can show their spread."""
    rng = np.random.default_rng(20240)
    boot = np.array([statistic(values[rng.integers(0, values.size, values.size)]) for _ in range(draws)])
    lo, hi = np.percentile(boot, [2.5, 97.5])
    return statistic(values), lo, hi, boot, values.size


def first_decade_hazard(arm: str, minimum: float) -> Check:
    def evaluate(data):
        ts = data[arm].timeseries
        horizon = int(ts.month.max())
        months = data[arm].metrics["relapse_month"].to_numpy(float)
        return _bootstrap(months, lambda m: hazard_by_decade(m, horizon))
    return Check("relapse hazard per year at risk, years 0-10 minus years 10-20", minimum,
                 "per year", (arm,), evaluate)


def half_time(series: np.ndarray) -> float:
    """First month at which a series has covered half of its change from month 0 to the end."""
    start, end = series[0], series[-1]
    if abs(end - start) < 1e-9:
        return np.nan
    covered = (series - start) / (end - start)
    return float(np.flatnonzero(covered >= 0.5)[0])


def confidence_lag(ts: pd.DataFrame) -> np.ndarray:
    """Per replicate, months by which public confidence lags the security people experience.

    Experienced security is perceived safety: remembered exposure to violence, fading within
    months, and unemployment. Each series' half time is the first month it has covered half of
    its change over the run; the lag is public confidence's half time minus perceived safety's.
    """
    lags = []
    for _, run in ts.sort_values("month").groupby("replicate"):
        lags.append(half_time(run.public_confidence.to_numpy(float))
                    - half_time(run.perceived_safety.to_numpy(float)))
    return np.array(lags)


def lag_check(arm: str, minimum: float) -> Check:
    def evaluate(data):
        return t_interval(confidence_lag(data[arm].timeseries))
    return Check("months by which public confidence's half time (half its change over 20 years) "
                 "follows perceived safety's", minimum,
                 "months", (arm,), evaluate)


@dataclass(frozen=True)
class Fact:
    number: int
    title: str
    sources: str
    checks: tuple[Check, ...]
    notes: str = ""
    arms: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        arms = dict.fromkeys(a for c in self.checks for a in c.arms)
        object.__setattr__(self, "arms", tuple(arms))


FACTS: tuple[Fact, ...] = (
    Fact(1, "Relapse risk is highest in the first post-conflict decade; a meaningful 10-year risk "
            "remains even in good scenarios", "003:286", (
        first_decade_hazard("baseline", 0.02),
        proportion("P(relapse within 10 years) with high will, strong oversight, predictable funding",
                   "good_governance", "relapse_10y", 0.08),
    )),
    Fact(2, "Political will gates outcomes: with low will, more money does not buy durable reform",
         "004:7; 003:478", (
        paired("gain in effectiveness at year 10, three years after donors left, from doubling the "
               "envelope for seven years: with will 0.8 minus with will 0.2", "effectiveness_10y",
               {"high_will_more_money": 1, "high_will": -1, "low_will_more_money": -1, "low_will": 1},
               0.02, "index points"),
    )),
    Fact(3, "Donor-driven reform is faster early but less durable than locally owned reform",
         "003:1754", (
        paired("effectiveness at year 3, donor-driven (substitution 0.8) minus owned (0)",
               "effectiveness_3y", {"donor_driven_then_exit": 1, "owned_then_exit": -1}, 0.01, "index points"),
        paired("loss of effectiveness in the three years after every donor left (month 84 to 120): "
               "donor-driven minus owned", "effectiveness_lost",
               {"donor_driven_then_exit": 1, "owned_then_exit": -1}, 0.01, "index points"),
    )),
    Fact(4, "Capacity without accountability, or the reverse, does worse than a balance", "002:59", (
        paired("mean public confidence, balanced (governance share 0.4, oversight 0.5) minus capacity "
               "only (0.05, 0.1)", "confidence_mean", {"balanced": 1, "capacity_only": -1}, 0.01,
               "confidence points"),
        paired("effectiveness at year 10, balanced minus accountability only (0.9, 0.9)",
               "effectiveness_10y", {"balanced": 1, "accountability_only": -1}, 0.05, "index points"),
    )),
    Fact(5, "Demobilisation that outpaces reintegration and SSR raises relapse risk", "004:77; 000:12", (
        paired("battle deaths in the first 10 years, 2,400 demobilised a month minus 600", "deaths_10y",
               {"fast_demobilisation": 1, "baseline": -1}, 20.0, "deaths"),
    )),
    Fact(6, "Quick wins raise early confidence but can undermine later reform", "004:99-101", (
        paired("mean public confidence in months 1-24, quick-win share 0.4 minus 0.1", "confidence_early",
               {"many_quick_wins": 1, "baseline": -1}, 0.005, "confidence points"),
        paired("reform at year 20, quick-win share 0.1 minus 0.4", "reform_final",
               {"baseline": 1, "many_quick_wins": -1}, 0.01, "index points"),
    )),
    Fact(7, "Funding cliffs at cycle or mandate ends stall or reverse gains", "004:70; 003:793", (
        paired("effectiveness at year 10, predictability 0.8 minus 0.4", "effectiveness_10y",
               {"baseline": 1, "unpredictable_funding": -1}, 0.01, "index points"),
    )),
    Fact(8, "Public confidence is slow, lags real security, and is hurt by unemployment",
         "004:54; 003:646", (
        lag_check("baseline", 6.0),
        paired("mean public confidence, unemployment 0.25 minus 0.40", "confidence_mean",
               {"baseline": 1, "high_unemployment": -1}, 0.01, "confidence points"),
    )),
    Fact(9, "Stronger oversight lowers impunity and abuses and makes reforms last", "003:585; 000:13", (
        paired("impunity at year 20, oversight 0.2 minus 0.75", "impunity_final",
               {"weak_oversight": 1, "strong_oversight": -1}, 0.05, "0-1"),
        paired("abuses over 20 years, oversight 0.2 minus 0.75", "abuses_total",
               {"weak_oversight": 1, "strong_oversight": -1}, 10.0, "abuses"),
        paired("reform at year 20, oversight 0.75 minus 0.2", "reform_final",
               {"strong_oversight": 1, "weak_oversight": -1}, 0.02, "index points"),
    )),
    Fact(10, "Corruption, low pay and predatory rents raise instability and coup risk", "004:74; 003:708", (
        replace(paired("coup risk (the chance per month that some faction strikes x 12, mean over 20 years), "
                       "predatory (corruption 0.65, rents 0.6, revenue 80) minus baseline",
                       "coup_risk", {"predatory": 1, "baseline": -1}, 0.005, "per year"),
                redone="redone in the validation issue: the army's coup-risk formula it tested was removed in "
                       "model version 2 (coups are now the factions' decisions, docs/model.md §6.4)"),
        paired("battle deaths over 20 years, predatory minus baseline", "deaths_total",
               {"predatory": 1, "baseline": -1}, 10.0, "deaths"),
    )),
)
