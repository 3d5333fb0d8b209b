"""The numbers of the plenary pack: what the debrief's tables, figures and slides show.

    Headline         the dates a case reads its headline numbers at (its ``debrief:`` section),
                     and the names of their columns in ``summary.csv``
    summary_numbers  a team's headline numbers (the slides, ``summary.csv``, the play report)
    conflict_years   per calendar year, the share of replicates in armed conflict (Wilson 95%)
    benchmark_table  per benchmark, the share of replicates that met it and when
    events_by_year   per calendar year and event kind, events per replicate

Why war-level relapse: the model's ``relapse_month`` (the onset of 25 battle deaths in 12 months
after a year below) says little where an armed holdout's fighting waxes and wanes, so the pack shows the
war-level relapse (at least 1,000 battle deaths in 12 months, ``war_relapse_month``) as a
cumulative probability with 95% intervals, and for each calendar year the share of replicates
with an armed conflict (at least 25 battle deaths that year) with Wilson intervals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..config import SERVICES, Config
from ..config.calendar import label_of, month_of, short_month, year_of
from ..model.benchmarks import BY_NAME
from ..run.analysis import cumulative_incidence, wilson_interval
from .menu import Checkpoint, DebriefText
from .teams import TeamRun

#: Event kinds of the log, in the order the tables show them, with a plural label.
EVENT_KINDS = {
    "clash": "clashes (spoiler attacks, ≥ 10 deaths)",
    "remobilization_wave": "remobilisation waves",
    "coup_attempt": "coup attempts",
    "funding_cliff": "funding cliffs",
    "ceasefire": "ceasefires",
    "offer": "offers to armed groups",
    "peace_deal": "peace deals",
    "deal_broken": "deals broken",
    "election_rejected": "election results rejected by armed groups",
    "boycott": "election boycotts",
    "rearm": "armed wings re-arming",
    "spoiler_defeated": "spoilers defeated",
    "mandate_end": "peacekeeping mandate ends",
    "donor_exit": "donor exits",
    "election": "elections",
    "war_relapse": "war-level relapses",
}
SHORT_KIND = {"clash": "clashes", "remobilization_wave": "remob. waves", "coup_attempt": "coups",
              "funding_cliff": "funding cliffs", "ceasefire": "ceasefires", "offer": "offers", "peace_deal": "peace deals",
              "deal_broken": "deals broken", "election_rejected": "results rejected", "boycott": "boycotts",
              "rearm": "re-armings",
              "spoiler_defeated": "spoilers defeated", "mandate_end": "mandate end", "donor_exit": "donor exits",
              "election": "elections", "war_relapse": "war relapse"}
#: The indicators of the warning-signs section, with their labels.
WARNING_SERIES = {"political_will": "Political will", "legitimacy": "Legitimacy", "impunity": "Impunity",
                  "coup_risk": "Coup risk (chance per month)", "confidence_army": "Confidence in the army",
                  "trailing_deaths": "Battle deaths, last 12 months"}


# --------------------------------------------------------------------------- the headline's dates
def stamp(label: str) -> str:
    """A month in a column name: the year for a December (``2022``), else ``2021_08``."""
    return label[:4] if label.endswith("-12") else label.replace("-", "_")


def short_date(label: str) -> str:
    """``'2022-12'`` -> ``'Dec 2022'``."""
    return f"{short_month(label)} {label[:4]}"


def end_of(label: str) -> str:
    """The end of a month as the text says it: ``end 2022`` for a December, else ``end Aug 2021``."""
    return f"end {label[:4]}" if label.endswith("-12") else f"end {short_date(label)}"


@dataclass(frozen=True)
class Headline:
    """The months a case reads its headline numbers at, and their columns in ``summary.csv``.

    From the case's ``debrief:`` section: the horizon of P(war-level relapse) (default: the end
    of the run), the demobilisation checkpoint (none: no such row) and the months of public
    confidence (default: the horizon).
    """

    start: str
    months: int
    horizon: str
    demobilised: Checkpoint | None
    confidence: tuple[str, ...]

    @classmethod
    def of(cls, text: DebriefText, cfg: Config) -> "Headline":
        start, months = cfg.calendar.start, cfg.months
        horizon = text.horizon or label_of(months, start)
        return cls(start, months, horizon, text.demobilised_by, tuple(text.confidence_at) or (horizon,))

    def month(self, label: str) -> int:
        """The month of ``label`` in the run, within 0..months."""
        return min(max(month_of(label, self.start), 0), self.months)

    @property
    def war_key(self) -> str:
        return f"p_war_by_{stamp(self.horizon)}"

    @property
    def demobilised_key(self) -> str | None:
        return f"demobilized_end_{stamp(self.demobilised.when)}_median" if self.demobilised else None

    @staticmethod
    def confidence_key(label: str, service: str | None = None) -> str:
        return f"confidence_{service + '_' if service else ''}{stamp(label)}"


# --------------------------------------------------------------------------- per year and per replicate
def full_years(months: int, start: str) -> list[int]:
    """Calendar years whose twelve months all lie in months 1..months."""
    years = year_of(np.arange(1, months + 1), start)
    counts = pd.Series(years).value_counts()
    return sorted(int(y) for y, c in counts.items() if c == 12)


def deaths_by_year(timeseries: pd.DataFrame, start: str) -> pd.Series:
    """Battle deaths per replicate and calendar year (months 1 on: month 0 is the starting state);
    ``.unstack()`` gives one row per replicate, one column per year."""
    ts = timeseries[timeseries["month"] >= 1]
    return ts.assign(year=year_of(ts["month"].to_numpy(), start)).groupby(["replicate", "year"])["battle_deaths"].sum()


def conflict_years(timeseries: pd.DataFrame, start: str, months: int, threshold: int = 25) -> pd.DataFrame:
    """Per full calendar year: replicates with at least ``threshold`` battle deaths that year
    (an armed conflict by the UCDP's count), their share and its Wilson 95% interval."""
    deaths = deaths_by_year(timeseries, start)
    n = timeseries["replicate"].nunique()
    rows = []
    for y in full_years(months, start):
        per = deaths.xs(y, level="year") if y in deaths.index.get_level_values("year") else pd.Series(dtype=float)
        k = int((per >= threshold).sum())
        lo, hi = wilson_interval(np.array([k]), n)
        rows.append({"year": y, "replicates": n, "conflict": k, "share": k / n, "lo": float(lo[0]),
                     "hi": float(hi[0]), "median_deaths": float(per.median()) if len(per) else 0.0})
    return pd.DataFrame(rows)


def conflict_year_counts(timeseries: pd.DataFrame, start: str, months: int, threshold: int = 25) -> pd.Series:
    """Per replicate: how many full calendar years had an armed conflict."""
    deaths = deaths_by_year(timeseries, start)
    deaths = deaths[deaths.index.get_level_values("year").isin(full_years(months, start))]
    return (deaths >= threshold).groupby(level="replicate").sum().reindex(
        sorted(timeseries["replicate"].unique()), fill_value=0)


def at_month(timeseries: pd.DataFrame, month: int, column: str) -> pd.Series:
    """Each replicate's value of ``column`` in ``month`` (the last month if beyond)."""
    m = min(month, int(timeseries["month"].max()))
    return timeseries.loc[timeseries["month"] == m, column]


def benchmark_table(team: TeamRun) -> pd.DataFrame:
    """Per benchmark: share of replicates that met it (Wilson 95%) and the months it was met."""
    s = team.results.summary
    n = len(s)
    rows = []
    for name in BY_NAME:
        col = f"benchmark_{name}_month"
        months = pd.to_numeric(s[col], errors="coerce").dropna() if col in s else pd.Series(dtype=float)
        k = len(months)
        lo, hi = wilson_interval(np.array([k]), n)
        rows.append({"team": team.name, "benchmark": name, "replicates": n, "reached": k, "share": k / n,
                     "lo": float(lo[0]), "hi": float(hi[0]),
                     "median_month": float(months.median()) if k else math.nan,
                     "q25_month": float(months.quantile(0.25)) if k else math.nan,
                     "q75_month": float(months.quantile(0.75)) if k else math.nan})
    return pd.DataFrame(rows)


def events_by_year(team: TeamRun) -> pd.DataFrame:
    """Per calendar year and event kind: events per replicate (mean over all replicates) and the
    share of replicates with at least one; battle deaths in clashes per replicate for clashes."""
    cfg = team.cfg
    start = cfg.calendar.start
    n = team.replicates
    ev = team.results.events
    ev = ev[ev["kind"].isin(list(EVENT_KINDS))]
    ev = ev.assign(year=year_of(ev["month"].to_numpy(), start))
    in_year = pd.Series(year_of(np.arange(0, cfg.months + 1), start)).value_counts()
    years = sorted(int(y) for y in in_year.index)
    rows = []
    for kind in EVENT_KINDS:
        k = ev[ev["kind"] == kind]
        counts = k.groupby("year").size()
        with_one = k.groupby("year")["replicate"].nunique()
        size = k.groupby("year")["size"].sum()
        for y in years:
            rows.append({"team": team.name, "year": int(y), "months_in_run": int(in_year[y]), "kind": kind,
                         "per_replicate": float(counts.get(y, 0)) / n,
                         "share_of_replicates": float(with_one.get(y, 0)) / n,
                         "deaths_per_replicate": float(size.get(y, 0)) / n if kind == "clash" else math.nan})
    return pd.DataFrame(rows)


def summary_numbers(team: TeamRun, headline: Headline) -> dict:
    """The headline numbers of a team (the slides, ``summary.csv``), at the months of ``headline``."""
    cfg = team.cfg
    start, months = cfg.calendar.start, cfg.months
    ts, s = team.results.timeseries, team.results.summary
    ci = cumulative_incidence(s, months, "war_relapse_month").iloc[headline.month(headline.horizon)]
    years = conflict_year_counts(ts, start, months, cfg.thresholds.relapse_deaths)
    bench = benchmark_table(team)
    war = headline.war_key
    row = {"team": team.name, "folder": str(team.folder), "replicates": team.replicates, "seed": cfg.seed,
           war: float(ci["p"]), f"{war}_lo": float(ci["lo"]), f"{war}_hi": float(ci["hi"]),
           "conflict_years_mean": float(years.mean()), "conflict_years_of": len(full_years(months, start))}
    if headline.demobilised is not None:
        m = headline.month(headline.demobilised.when)
        row[headline.demobilised_key] = float(at_month(ts, m, "demobilized_total").median())
    for label in headline.confidence:
        m = headline.month(label)
        row[headline.confidence_key(label)] = float(at_month(ts, m, "public_confidence").median())
        for service in SERVICES:
            row[headline.confidence_key(label, service)] = float(at_month(ts, m, f"confidence_{service}").median())
    row["benchmarks_reached"] = int((bench["share"] >= 0.5).sum())
    row["benchmarks_reached_names"] = ", ".join(bench.loc[bench["share"] >= 0.5, "benchmark"])
    return row
