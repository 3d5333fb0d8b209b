"""The plenary pack: played teams side by side, with the historical track.

``write_debrief(folders, out)`` reads the run folders of ``ssrsim exercise play`` (tables,
``team.json``), runs the historical track on the teams' seed if no folder holds it (saved under
``out/historical``), and writes into ``out``:

    debrief.md, debrief.html   the pack (the HTML is self-contained and printable)
    events_by_year.csv         per team, calendar year and event kind: events per replicate
                               (mean) and the share of replicates with at least one
    summary.csv                the headline numbers per team (as on the slides)
    figures/                   war_relapse.png, confidence.png, effectiveness_accountability.png,
                               benchmarks.png, events.png, warning_signs.png
    slides/slide_<team>.png    one 16:9 summary slide per team (and the historical track)

Outcomes for Burundi: the model's ``relapse_month`` (the first 12 months with at least 25 battle
deaths) fires in the first months because the FNL holdout keeps fighting, so the pack shows the
war-level relapse (at least 1,000 battle deaths in 12 months, ``war_relapse_month``) as a
cumulative probability with 95% intervals, and for each calendar year the share of replicates
with an armed conflict (at least 25 battle deaths that year) with Wilson intervals.

Teams played on the same seed are paired (replicate r of every team draws the same random
numbers), so their differences are their decisions; a warning says when seeds differ.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..analysis import bands, cumulative_incidence, wilson_interval
from ..config import SERVICES
from ..errors import UserError
from ..model.record import BENCHMARKS
from ..results import Results, load_run, write_text
from .brief import Document, _status_quo_options, long_date, refuse_overwrite, save_figure
from .decisions import _slug
from .menu import MONEY, exercises, historical_track, label_of, load_exercise, month_of

Progress = Callable[..., None]
MIN_REPLICATES = 40
FILES = ("debrief.md", "debrief.html", "events_by_year.csv", "summary.csv")
FIGURES = ("war_relapse.png", "confidence.png", "effectiveness_accountability.png", "benchmarks.png",
           "events.png", "warning_signs.png")
TEAM_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#882255")
HISTORICAL_COLOUR = "#000000"
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Event kinds of the log, in the order the tables show them, with a plural label.
EVENT_KINDS = {
    "clash": "clashes (spoiler attacks, ≥ 10 deaths)",
    "remobilization_wave": "remobilisation waves",
    "coup_attempt": "coup attempts",
    "funding_cliff": "funding cliffs",
    "ceasefire": "ceasefires",
    "peace_deal": "peace deals",
    "spoiler_defeated": "spoilers defeated",
    "mandate_end": "peacekeeping mandate ends",
    "donor_exit": "donor exits",
    "election": "elections",
    "war_relapse": "war-level relapses",
}
SHORT_KIND = {"clash": "clashes", "remobilization_wave": "remob. waves", "coup_attempt": "coups",
              "funding_cliff": "funding cliffs", "ceasefire": "ceasefires", "peace_deal": "peace deals",
              "spoiler_defeated": "spoilers defeated", "mandate_end": "mandate end", "donor_exit": "donor exits",
              "election": "elections", "war_relapse": "war relapse"}
BENCHMARK_LABELS = {
    "short_ddr_underway": "Short: DDR under way",
    "short_funding_agreed": "Short: funding agreed",
    "medium_strategy_agreed": "Medium: strategy agreed (ownership)",
    "medium_oversight_functioning": "Medium: oversight functioning",
    "long_implementation_advanced": "Long: implementation advanced",
    "long_public_confidence_restored": "Long: public confidence restored",
    "long_oversight_controlling": "Long: oversight controlling",
}
WARNING_SERIES = {"political_will": "Political will", "legitimacy": "Legitimacy", "impunity": "Impunity",
                  "coup_risk": "Coup risk (chance per month)", "confidence_army": "Confidence in the army",
                  "trailing_deaths": "Battle deaths, last 12 months"}

#: The debrief questions (docs/training.md lists the same, with notes for the facilitator).
DEBRIEF_QUESTIONS = [
    ("DDR and SSR pacing (004:77)",
     "\"SSR reforms do not keep pace with DDR processes\" is a named risk. Did your intake outrun the "
     "reintegration places and the reformed forces? Look for remobilisation waves and armed-conflict years "
     "after demobilisation peaked, and compare the demobilised by the end of 2008 with the places you paid for."),
    ("Quick wins against deep reform (004:99-101)",
     "\"While quick wins might build credibility, they can undermine deeper reform.\" Did quick-win money buy "
     "early confidence, and what happened to integrity, accountability and confidence later?"),
    ("One approach, two objectives, three dimensions (002:51)",
     "Local ownership; effectiveness and accountability; political, holistic and technical. Which objective "
     "did your team buy? Where did you end on the effectiveness-accountability chart, and did the 004:53 "
     "benchmark (implementation advanced) come within reach?"),
    ("Local ownership (002:55)",
     "\"Donors do not DO but SUPPORT SSR.\" What held when the money fell (the MDRP closing at the end of "
     "2008, the Netherlands programme suspended after 2015)? Which funding cliffs hurt, and whom?"),
    ("Security and development (002:75)",
     "\"Human security is at the heart of SSR ... No security, no development.\" When did citizens' "
     "confidence in each service move, and did it follow battle deaths, abuses, oversight or quick wins?"),
    ("Remember (002:115)",
     "\"Do not engage in projects for which the conditions are not met. Promote certainty, formality, "
     "visibility, trust and civic empowerment.\" Which of your choices promoted each, and which of the "
     "model's indicators stand in for them (confidence, oversight, impunity)?"),
    ("The 2015 crisis",
     "The 2014 course predates the third-term crisis of 2015 (protests, a failed coup on 13 May, 500-2,000 "
     "killed, about 400,000 refugees; ICG 2017). Did the model show warning signs before it, in your run or "
     "the historical track: falling will or legitimacy, rising impunity or coup risk, a distrusted army? "
     "What could it not show (polarisation inside the army between ex-FAB and ex-CNDD-FDD is not "
     "represented: docs/model.md §3)?"),
    ("The model's assumptions",
     "Which assumption in the brief's parameter sheet would have to be wrong for the ranking of the teams to "
     "change? Which result would you not take to a real steering committee, and why?"),
]


class DebriefWarning(UserWarning):
    """Something the facilitator should know (seeds differ: teams are not paired)."""


# --------------------------------------------------------------------------- reading the teams
@dataclass
class TeamRun:
    """One played team: its run, its decisions per phase (from ``team.json``) and its colour."""

    name: str
    folder: Path
    results: Results
    record: dict = field(default_factory=dict)
    historical: bool = False
    colour: str = "#000000"

    @property
    def cfg(self):
        return self.results.config

    @property
    def replicates(self) -> int:
        return len(self.results.summary)

    @property
    def slug(self) -> str:
        return _slug(self.name)

    @property
    def style(self) -> dict:
        return {"color": self.colour, "linestyle": "--" if self.historical else "-",
                "linewidth": 2.6 if self.historical else 2.0}


def _record_from_team(team) -> dict:
    """A ``team.json``-like record of a checked decision file (when the folder has no team.json)."""
    return {"team": team.name, "exercise": team.exercise, "description": team.description,
            "phases": [{"label": p.label, "month": p.month, "budget": p.budget, "capital_available": p.capital,
                        "capital_spent": s, "money": m, "choices": c}
                       for p, s, m, c in zip(team.phases, team.capital_spent, team.money, team.choices)]}


def read_play(folder: Path) -> TeamRun:
    """A play folder as a ``TeamRun``: ``team.json``, else ``decisions.yaml``, else the config name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder (give the run folders of `ssrsim exercise play`)")
    try:
        results = load_run(folder)
    except FileNotFoundError as e:
        raise UserError(f"{e} (give the run folders of `ssrsim exercise play`)") from None
    record: dict = {}
    if (folder / "team.json").is_file():
        try:
            record = json.loads((folder / "team.json").read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise UserError(f"{folder / 'team.json'}: not valid JSON: {e}") from None
    elif (folder / "decisions.yaml").is_file():
        from .decisions import load_team
        try:
            record = _record_from_team(load_team(folder / "decisions.yaml"))
        except UserError:
            record = {}
    name = str(record.get("team") or record.get("name") or results.config.name)
    return TeamRun(name=name, folder=folder, results=results, record=record)


def _exercise_of(teams: list[TeamRun]) -> str:
    names = {t.record.get("exercise") for t in teams if t.record.get("exercise")}
    if len(names) > 1:
        raise UserError("the folders come from different exercises: " + ", ".join(sorted(names)))
    if names:
        return names.pop()
    scenario = teams[0].cfg.name.split("-")[0]
    for name in exercises():
        if load_exercise(name)[0].scenario == scenario:
            return name
    raise UserError(f"cannot tell which exercise {teams[0].folder} belongs to (no team.json)")


def _rerun_command(team: TeamRun, replicates: int) -> str:
    decisions = team.folder / "decisions.yaml"
    source = str(decisions) if decisions.is_file() else "TEAMFILE"
    return (f"ssrsim exercise play {source} --replicates {replicates} --seed {team.cfg.seed} "
            f"--out {team.folder} --overwrite")


def check_teams(teams: list[TeamRun], min_replicates: int) -> list[str]:
    """Refuse teams with too few replicates or another horizon; return warnings (seeds differ)."""
    for t in teams:
        if t.replicates < min_replicates:
            raise UserError(f"{t.folder} ({t.name}) has {t.replicates} replicates; the debrief needs at least "
                            f"{min_replicates} per team for intervals worth comparing. Play it again with:\n  "
                            + _rerun_command(t, min_replicates))
    months = {t.cfg.months for t in teams}
    starts = {t.cfg.calendar.start for t in teams}
    if len(months) > 1 or len(starts) > 1:
        raise UserError("the folders have different horizons or calendars: "
                        + ", ".join(f"{t.folder}: {t.cfg.months} months from {t.cfg.calendar.start}" for t in teams))
    notes = []
    seeds = {t.cfg.seed for t in teams}
    if len(seeds) > 1:
        notes.append("the teams were played on different seeds ("
                     + ", ".join(f"{t.name}: {t.cfg.seed}" for t in teams)
                     + "), so they are not paired: replicate r of one team did not face the same luck as replicate "
                     "r of another, and part of their differences is chance. Play them again with the same --seed "
                     "to compare decisions alone.")
    return notes


def _same_config(a, b) -> bool:
    ignore = ("replicates", "workers", "overwrite")
    da, db = a.model_dump(mode="json"), b.model_dump(mode="json")
    return {k: v for k, v in da.items() if k not in ignore} == {k: v for k, v in db.items() if k not in ignore}


def historical_run(exercise: str, out: Path, seed: int, replicates: int, workers: int,
                   min_replicates: int, overwrite: bool, progress: Progress | None) -> TeamRun:
    """The historical track on ``seed``: reused from ``out`` if it is already there with the same
    configuration and enough replicates, else played and saved there."""
    from .decisions import load_team
    from .play import _config, _overrides, play, save_play

    team = load_team(historical_track(exercise))
    cfg = _config(team, _overrides(replicates, seed, workers))
    if (out / "summary.parquet").exists():
        try:
            existing = read_play(out)
        except UserError:
            existing = None
        if existing is not None and existing.cfg.seed == seed and existing.replicates >= min_replicates \
                and _same_config(existing.cfg, cfg):
            existing.historical = True
            if progress:
                progress(f"historical track: reusing {out} ({existing.replicates} replicates, seed {seed})")
            return existing
    if replicates < min_replicates:
        raise UserError(f"the historical track would have {replicates} replicates; the debrief needs at least "
                        f"{min_replicates} (--replicates)")
    if progress:
        progress(f"historical track: {replicates} replicates on seed {seed} ({workers} workers) -> {out}")
    results = play(team, replicates=replicates, workers=workers, seed=seed,
                   progress=(lambda d, n: progress(d, n)) if progress else None)
    save_play(results, team, out, overwrite=overwrite,
              command=f"ssrsim exercise play historical --replicates {replicates} --seed {seed} --out {out}")
    run = read_play(out)
    run.historical = True
    return run


# --------------------------------------------------------------------------- numbers
def year_of(month: np.ndarray | int, start: str) -> np.ndarray:
    y0, m0 = (int(x) for x in start.split("-"))
    return y0 + (m0 - 1 + np.asarray(month)) // 12


def full_years(months: int, start: str) -> list[int]:
    """Calendar years whose twelve months all lie in months 1..months."""
    years = year_of(np.arange(1, months + 1), start)
    counts = pd.Series(years).value_counts()
    return sorted(int(y) for y, c in counts.items() if c == 12)


def conflict_years(timeseries: pd.DataFrame, start: str, months: int, threshold: int = 25) -> pd.DataFrame:
    """Per full calendar year: replicates with at least ``threshold`` battle deaths that year
    (an armed conflict by the UCDP's count), their share and its Wilson 95% interval."""
    ts = timeseries[timeseries["month"] >= 1]
    deaths = ts.assign(year=year_of(ts["month"].to_numpy(), start)).groupby(["replicate", "year"])["battle_deaths"].sum()
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
    ts = timeseries[timeseries["month"] >= 1]
    years = full_years(months, start)
    deaths = ts.assign(year=year_of(ts["month"].to_numpy(), start)).groupby(["replicate", "year"])["battle_deaths"].sum()
    deaths = deaths[deaths.index.get_level_values("year").isin(years)]
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
    for name in BENCHMARKS:
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


def median_replicate(team: TeamRun) -> int:
    """The replicate whose total battle deaths are closest to the median (lowest index on ties)."""
    totals = team.results.timeseries.groupby("replicate")["battle_deaths"].sum()
    med = totals.median()
    gap = (totals - med).abs()
    return int(gap[gap == gap.min()].index.min())


def narrative(team: TeamRun, replicate: int) -> list[str]:
    """What happened when in one replicate, a line per calendar year."""
    cfg = team.cfg
    start = cfg.calendar.start
    ev = team.results.events
    ev = ev[(ev["replicate"] == replicate) & ~ev["kind"].isin(["set_lever", "clash", "relapse"])]
    ts = team.results.timeseries
    ts = ts[(ts["replicate"] == replicate) & (ts["month"] >= 1)]
    deaths = ts.assign(year=year_of(ts["month"].to_numpy(), start)).groupby("year")["battle_deaths"].sum()
    clashes = team.results.events
    clashes = clashes[(clashes["replicate"] == replicate) & (clashes["kind"] == "clash")]
    clash_count = clashes.groupby(year_of(clashes["month"].to_numpy(), start)).size()
    dated: list[tuple[int, str]] = [(int(p["month"]), f"decision point {i}")
                                    for i, p in enumerate(team.record.get("phases", []), 1)]
    for _, row in ev.iterrows():
        kind, actor, detail = row["kind"], row["actor"], str(row["detail"] or "")
        text = {"election": f"election ({detail})",
                "remobilization_wave": f"remobilisation wave ({detail})",
                "coup_attempt": f"COUP ATTEMPT by the {actor} ({detail})",
                "war_relapse": f"WAR-LEVEL RELAPSE ({detail})",
                "mandate_end": f"peacekeeping mandate ends ({detail})"}.get(
            kind, f"{kind.replace('_', ' ')} {actor}" + (f" ({detail})" if detail else ""))
        dated.append((int(row["month"]), text))
    dated.sort(key=lambda x: x[0])
    lines = []
    for y in sorted(set(year_of(np.arange(0, cfg.months + 1), start).tolist())):
        parts = []
        d, c = int(deaths.get(y, 0)), int(clash_count.get(y, 0))
        if d or c:
            parts.append(f"{d:,} battle deaths" + (f" ({c} clash{'es' if c != 1 else ''} of 10 or more)" if c else ""))
        for month, text in dated:
            if year_of(month, start) == y:
                parts.append(f"{MONTH_ABBR[int(label_of(month, start)[5:]) - 1]}: {text}")
        if parts:
            lines.append(f"**{y}**: " + "; ".join(parts) + ".")
    return lines


def summary_numbers(team: TeamRun) -> dict:
    """The headline numbers of a team (the slides, ``summary.csv``)."""
    cfg = team.cfg
    start, months = cfg.calendar.start, cfg.months
    ts, s = team.results.timeseries, team.results.summary
    war_month = min(month_of("2015-12", start), months)
    ci = cumulative_incidence(s, months, "war_relapse_month").iloc[war_month]
    years = conflict_year_counts(ts, start, months, cfg.thresholds.relapse_deaths)
    bench = benchmark_table(team)
    row = {"team": team.name, "folder": str(team.folder), "replicates": team.replicates, "seed": cfg.seed,
           "p_war_by_2015": float(ci["p"]), "p_war_by_2015_lo": float(ci["lo"]), "p_war_by_2015_hi": float(ci["hi"]),
           "conflict_years_mean": float(years.mean()), "conflict_years_of": len(full_years(months, start)),
           "demobilized_end_2008_median": float(at_month(ts, month_of("2008-12", start), "demobilized_total").median())}
    for label in ("2010-12", "2015-12"):
        m = month_of(label, start)
        row[f"confidence_{label[:4]}"] = float(at_month(ts, m, "public_confidence").median())
        for service in SERVICES:
            row[f"confidence_{service}_{label[:4]}"] = float(at_month(ts, m, f"confidence_{service}").median())
    row["benchmarks_reached"] = int((bench["share"] >= 0.5).sum())
    row["benchmarks_reached_names"] = ", ".join(bench.loc[bench["share"] >= 0.5, "benchmark"])
    return row


# --------------------------------------------------------------------------- figures
def _dates(team: TeamRun):
    from ..plots import calendar_dates
    return calendar_dates(team.cfg.calendar.start, team.cfg.months)


def _date_axis(ax) -> None:
    import matplotlib.dates as mdates
    locator = mdates.YearLocator(2)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(labelsize=11)
    ax.grid(alpha=0.3)


def _elections(ax, team: TeamRun, label: bool = False) -> None:
    dates = _dates(team)
    for i, e in enumerate(x for x in team.cfg.events if x.kind == "election"):
        ax.axvline(dates[e.month], color="#999999", linestyle=":", linewidth=1.2,
                   label="elections" if label and i == 0 else None)


def war_figure(teams: list[TeamRun]) -> Figure:
    """Cumulative P(war-level relapse) with 95% bands, and the yearly armed-conflict share."""
    fig = Figure(figsize=(17, 6.5), layout="constrained")
    a, b = fig.subplots(1, 2, width_ratios=(1, 1.3))
    for t in teams:
        ci = cumulative_incidence(t.results.summary, t.cfg.months, "war_relapse_month")
        x = _dates(t)[ci["month"].to_numpy()]
        a.fill_between(x, ci["lo"], ci["hi"], step="post", color=t.colour, alpha=0.12, linewidth=0)
        a.step(x, ci["p"], where="post", label=t.name, **t.style)
    a.set_ylim(0, 1)
    a.set_title("War-level relapse (≥ 1,000 battle deaths in 12 months):\ncumulative probability, 95% band", fontsize=14)
    a.set_ylabel("Probability", fontsize=12)
    _date_axis(a)
    a.legend(fontsize=11, loc="upper left")
    width = 0.8 / len(teams)
    for i, t in enumerate(teams):
        cy = conflict_years(t.results.timeseries, t.cfg.calendar.start, t.cfg.months, t.cfg.thresholds.relapse_deaths)
        x = cy["year"].to_numpy() + (i - (len(teams) - 1) / 2) * width
        b.bar(x, cy["share"], width=width * 0.95, color=t.colour, alpha=0.55 if t.historical else 0.85,
              hatch="//" if t.historical else None, edgecolor=t.colour, label=t.name)
        b.errorbar(x, cy["share"], yerr=[cy["share"] - cy["lo"], cy["hi"] - cy["share"]], fmt="none",
                   ecolor="#333333", elinewidth=1, capsize=2)
    b.set_ylim(0, 1.05)
    b.set_title(f"Armed conflict (≥ {teams[0].cfg.thresholds.relapse_deaths} battle deaths in the calendar year):\n"
                "share of replicates, Wilson 95% interval", fontsize=14)
    b.set_ylabel("Share of replicates", fontsize=12)
    years = full_years(teams[0].cfg.months, teams[0].cfg.calendar.start)
    b.set_xticks(years, [str(y) for y in years], fontsize=11)
    b.grid(axis="y", alpha=0.3)
    b.legend(fontsize=11, loc="upper right")
    return fig


def _band_panels(teams: list[TeamRun], series: dict[str, str], ncols: int, title: str,
                 ylim: tuple | None = (0, 1), first_month: int = 0, size=(17, 10)) -> Figure:
    """One panel per variable; in each, every team's median with its interquartile band."""
    nrows = math.ceil(len(series) / ncols)
    fig = Figure(figsize=size, layout="constrained")
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True)).ravel()
    tidy = {t.name: bands(t.results.timeseries, list(series), quantiles=(0.25, 0.5, 0.75)) for t in teams}
    for ax, (var, label) in zip(axes, series.items()):
        for t in teams:
            d = tidy[t.name]
            d = d[(d["variable"] == var) & (d["month"] >= first_month)]
            x = _dates(t)[d["month"].to_numpy()]
            ax.fill_between(x, d["q25"], d["q75"], color=t.colour, alpha=0.15, linewidth=0)
            ax.plot(x, d["q50"], label=t.name, **t.style)
        _elections(ax, teams[0], label=ax is axes[0])
        dates = _dates(teams[0])
        ax.set_xlim(dates[first_month], dates[teams[0].cfg.months])
        ax.set_title(label, fontsize=14)
        if ylim is not None and var not in ("coup_risk", "trailing_deaths"):
            ax.set_ylim(*ylim)
        else:
            ax.set_ylim(bottom=0)
        _date_axis(ax)
    for ax in axes[len(series):]:
        ax.set_visible(False)
    axes[0].legend(fontsize=11, loc="best")
    fig.suptitle(title, fontsize=16)
    return fig


def confidence_figure(teams: list[TeamRun]) -> Figure:
    series = {"public_confidence": "Security sector overall", **{f"confidence_{s}": s.capitalize() for s in SERVICES}}
    return _band_panels(teams, series, 2, "Public confidence: share of citizens who trust (median and interquartile "
                        "band; dotted: elections)")


def warning_figure(teams: list[TeamRun]) -> Figure:
    start = teams[0].cfg.calendar.start
    first = max(0, month_of("2009-01", start))
    return _band_panels(teams, WARNING_SERIES, 3, "Before the 2015 crisis: warning signs? (median and "
                        "interquartile band, from 2009; dotted: elections)", first_month=first, size=(17, 9))


def effectiveness_figure(teams: list[TeamRun]) -> Figure:
    """Median effectiveness against median accountability over time, and both over time."""
    fig = Figure(figsize=(17, 7), layout="constrained")
    a, b = fig.subplots(1, 2)
    a.axvspan(0.6, 1.0, ymin=0.45, ymax=1.0, color="#009E73", alpha=0.08)
    a.text(0.61, 0.97, "004:53 benchmark:\neffectiveness ≥ 0.6 and\naccountability ≥ 0.45", fontsize=10, va="top")
    start = teams[0].cfg.calendar.start
    marks = [y for y in (2005, 2008, 2011, 2015) if 0 <= month_of(f"{y}-12", start) <= teams[0].cfg.months]
    for t in teams:
        ts = t.results.timeseries
        med = ts.groupby("month")[["effectiveness_index", "accountability_index"]].median()
        a.plot(med["effectiveness_index"], med["accountability_index"], label=t.name, **t.style)
        for y in marks:
            m = month_of(f"{y}-12", start)
            a.plot(med["effectiveness_index"].iloc[m], med["accountability_index"].iloc[m], "o", color=t.colour,
                   markersize=6)
            a.annotate(str(y), (med["effectiveness_index"].iloc[m], med["accountability_index"].iloc[m]),
                       xytext=(4, 4), textcoords="offset points", fontsize=9, color=t.colour)
        last = ts[ts["month"] == ts["month"].max()]
        a.scatter(last["effectiveness_index"], last["accountability_index"], s=10, color=t.colour, alpha=0.35)
        x = _dates(t)[med.index.to_numpy()]
        b.plot(x, med["effectiveness_index"], label=f"{t.name}: effectiveness", **t.style)
        b.plot(x, med["accountability_index"], color=t.colour, linestyle=":", linewidth=2.2,
               label=f"{t.name}: accountability")
    a.set_xlim(0, 1)
    a.set_ylim(0, 1)
    a.set_xlabel("Effectiveness index (capacity of the forces)", fontsize=12)
    a.set_ylabel("Accountability index (integrity × oversight)", fontsize=12)
    a.set_title("Effectiveness against accountability (median path; dots: Dec of the years marked;\n"
                "small dots: each replicate at the end)", fontsize=13)
    a.grid(alpha=0.3)
    a.legend(fontsize=11, loc="upper left", bbox_to_anchor=(0, 0.85))
    b.set_ylim(0, 1)
    b.set_title("Over time (median): effectiveness solid, accountability dotted", fontsize=13)
    _date_axis(b)
    b.legend(fontsize=9, loc="upper left", ncol=2)
    return fig


def benchmark_figure(teams: list[TeamRun], tables: dict[str, pd.DataFrame]) -> Figure:
    """For each benchmark of 004:37-58: per team, the median date reached (interquartile line)
    and the share of replicates that reached it."""
    dates = _dates(teams[0])
    months = teams[0].cfg.months
    names = list(BENCHMARKS)
    fig = Figure(figsize=(17, 8.5), layout="constrained")
    ax = fig.add_subplot()
    step = 0.8 / len(teams)
    for i, t in enumerate(teams):
        tab = tables[t.name].set_index("benchmark")
        for row, name in enumerate(names):
            y = row + (i - (len(teams) - 1) / 2) * step
            r = tab.loc[name]
            if r["reached"] == 0:
                ax.plot(dates[months], y, marker="x", color=t.colour, markersize=9)
                ax.text(dates[months], y, "  0%", va="center", fontsize=10, color=t.colour)
                continue
            lo, mid, hi = (dates[int(round(r[c]))] for c in ("q25_month", "median_month", "q75_month"))
            ax.plot([lo, hi], [y, y], color=t.colour, linewidth=2.5, alpha=0.7)
            ax.plot(mid, y, marker="D" if t.historical else "o", color=t.colour, markersize=9,
                    label=t.name if row == 0 or not any(tab["reached"].iloc[:row]) else None)
            ax.text(hi, y, f"  {r['share']:.0%}", va="center", fontsize=10, color=t.colour)
    handles = [ax.plot([], [], marker="D" if t.historical else "o", color=t.colour, linestyle="-",
                       label=t.name)[0] for t in teams]
    ax.legend(handles=handles, fontsize=11, loc="lower left")
    ax.set_yticks(range(len(names)), [f"{BENCHMARK_LABELS.get(n, n)}\n({BENCHMARKS[n].split(' - ')[0]})"
                                      for n in names], fontsize=11)
    ax.set_ylim(len(names) - 0.5, -0.5)
    for row in range(len(names) - 1):
        ax.axhline(row + 0.5, color="#dddddd", linewidth=1)
    ax.set_xlim(dates[0], dates[months] + pd.Timedelta(days=400))
    _date_axis(ax)
    ax.set_title("Benchmarks of 004:37-58: median date reached\n(line: interquartile range of the replicates that "
                 "reached it; %: share of replicates that reached it; x: none did)", fontsize=13)
    return fig


def events_figure(teams: list[TeamRun], table: pd.DataFrame) -> Figure:
    """Events per replicate and year for the kinds that tell the story."""
    kinds = ["clash", "remobilization_wave", "funding_cliff", "coup_attempt"]
    years = full_years(teams[0].cfg.months, teams[0].cfg.calendar.start)
    table = table[table["year"].isin(years)]
    fig = Figure(figsize=(17, 8), layout="constrained")
    axes = fig.subplots(2, 2).ravel()
    for ax, kind in zip(axes, kinds):
        for t in teams:
            d = table[(table["team"] == t.name) & (table["kind"] == kind)]
            ax.plot(d["year"], d["per_replicate"], marker="o", markersize=4, label=t.name, **t.style)
        ax.set_title(EVENT_KINDS[kind].capitalize() + " per replicate and year", fontsize=13)
        ax.set_ylim(bottom=0)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=11)
    axes[0].legend(fontsize=11)
    return fig


# --------------------------------------------------------------------------- the slides
def _choice_lines(team: TeamRun, width: int = 70) -> list[str]:
    """The team's main choices: the first decision point in full, then what changed."""
    phases = team.record.get("phases", [])
    if not phases:
        return ["(no team.json: choices unknown)"]
    lines, before = [], {}
    money_before = None
    for p in phases:
        changed = {f: o for f, o in p.get("choices", {}).items() if before.get(f) != o}
        money = p.get("money") or {}
        total = sum(money.values()) or 1.0
        split = " / ".join(f"{money.get(k, 0) / total:.0%}" for k in MONEY)
        parts = [f"{f.replace('_', ' ')} {o.replace('_', ' ')}" for f, o in changed.items()]
        shares = tuple(round(money.get(k, 0) / total, 2) for k in MONEY)
        if money and shares != money_before:
            parts.append(f"money {split}")
        money_before = shares
        before = dict(p.get("choices", {}))
        if parts:
            text = f"{p['label'][:4]}: " + ", ".join(parts)
            while len(text) > width:  # wrap at a comma
                cut = text.rfind(", ", 0, width)
                cut = cut if cut > 0 else width
                lines.append(text[:cut + 1])
                text = "      " + text[cut + 2:]
            lines.append(text)
    return lines


def slide_figure(team: TeamRun, numbers: dict, reference: dict | None, conflict: pd.DataFrame,
                 ref_conflict: pd.DataFrame | None, ref_name: str) -> Figure:
    """One 16:9 slide, readable from the back of a room: the team's name and main choices, its
    headline numbers next to the historical track's, and its armed-conflict years."""
    fig = Figure(figsize=(16, 9))
    fig.patch.set_facecolor("white")
    fig.text(0.03, 0.925, team.name, fontsize=44, fontweight="bold", color=team.colour, va="center")
    sub = team.record.get("description") or ""
    fig.text(0.03, 0.85, (sub + "  ·  " if sub else "") + f"{team.replicates} replicates, seed {team.cfg.seed}",
             fontsize=17, color="#444444", va="center")
    # Left: the choices, and the armed-conflict years below them.
    fig.text(0.03, 0.775, "Main choices", fontsize=21, fontweight="bold", va="center")
    fig.text(0.03, 0.735, "money: share to DDR / capacity / governance / quick wins", fontsize=13,
             color="#444444", va="center")
    lines = _choice_lines(team, width=48)
    if len(lines) > 8:
        lines = lines[:7] + ["… (all choices: debrief section 8)"]
    y = 0.69
    for line in lines:
        fig.text(0.03, y, line, fontsize=16, va="center")
        y -= 0.041
    ax = fig.add_axes((0.05, 0.08, 0.40, 0.22))
    width = 0.4 if ref_conflict is not None else 0.8
    ax.bar(conflict["year"] - (width / 2 if ref_conflict is not None else 0), conflict["share"], width=width,
           color=team.colour, label=team.name)
    if ref_conflict is not None:
        ax.bar(ref_conflict["year"] + width / 2, ref_conflict["share"], width=width, color="#aaaaaa", label=ref_name)
    ax.set_ylim(0, 1)
    ax.set_title("Armed conflict (≥ 25 battle deaths) each year: share of replicates", fontsize=15)
    ax.set_xticks(conflict["year"], [f"'{y % 100:02d}" for y in conflict["year"]], fontsize=13)
    ax.tick_params(axis="y", labelsize=13)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=12, loc="upper right")

    # Right: the numbers, against the historical track.
    def pct(d, key):
        return f"{d[key]:.0%} [{d[key + '_lo']:.0%}–{d[key + '_hi']:.0%}]"

    def trust(d, s):
        return f"{d[f'confidence_{s}_2010']:.2f} → {d[f'confidence_{s}_2015']:.2f}"

    rows = [("P(war-level relapse) by 2015", lambda d: pct(d, "p_war_by_2015")),
            (f"Armed-conflict years (of {numbers['conflict_years_of']})", lambda d: f"{d['conflict_years_mean']:.1f}"),
            ("Demobilised by end 2008", lambda d: f"{d['demobilized_end_2008_median']:,.0f}"),
            ("Trust, Dec 2010 → Dec 2015:", None),
            *((f"      {s}", lambda d, s=s: trust(d, s)) for s in SERVICES),
            (f"Benchmarks reached (of {len(BENCHMARKS)})", lambda d: str(d["benchmarks_reached"]))]
    x0, x1, x2 = 0.49, 0.785, 0.925
    fig.text(x1, 0.775, "this team", fontsize=17, fontweight="bold", ha="center", va="center", color=team.colour)
    if reference is not None:
        fig.text(x2, 0.775, "historical", fontsize=17, fontweight="bold", ha="center", va="center")
    y = 0.71
    for i, (label, value) in enumerate(rows):
        if i % 2 == 0:
            fig.patches.append(Rectangle((x0 - 0.01, y - 0.031), 0.995 - x0, 0.062, transform=fig.transFigure,
                                         color="#f2f2f2", zorder=0))
        fig.text(x0, y, label, fontsize=17, va="center")
        if value is not None:
            fig.text(x1, y, value(numbers), fontsize=21, fontweight="bold", ha="center", va="center",
                     color=team.colour)
            if reference is not None:
                fig.text(x2, y, value(reference), fontsize=17, ha="center", va="center", color="#333333")
        y -= 0.066
    names = numbers["benchmarks_reached_names"]
    text = ", ".join(BENCHMARK_LABELS.get(n, n).split(": ")[1] for n in names.split(", ")) if names else "none"
    fig.text(x0, y + 0.01, "Reached by half the replicates: " + text, fontsize=13, va="center", color="#444444")
    fig.text(0.03, 0.015, "Medians over replicates. P(war): at least 1,000 battle deaths in 12 months, with its 95% "
             "interval. Trust: share of citizens who trust the service, in December.", fontsize=11, color="#666666")
    return fig


# --------------------------------------------------------------------------- the pack
def _cell_choice(p: dict | None, family: str, before: dict | None, quo: dict[str, str]) -> str:
    if p is None:
        return "–"
    option = p.get("choices", {}).get(family)
    if option is None:  # never chosen: the scenario's own setting is in force
        return f"{quo[family]} (scenario)" if family in quo else "(scenario)"
    changed = before is None or before.get("choices", {}).get(family) != option
    return f"**{option}**" if changed else option


def _money_cell(p: dict | None) -> str:
    if p is None or not p.get("money"):
        return "–"
    m = p["money"]
    return " / ".join(f"{m.get(k, 0):g}" for k in MONEY)


def write_debrief(folders: Sequence[Path], out: Path, overwrite: bool = False, replicates: int = 40,
                  workers: int = 2, progress: Progress | None = None, *,
                  min_replicates: int = MIN_REPLICATES) -> list[Path]:
    """Write the plenary pack of the played teams in ``folders`` into ``out``; return the files.

    Each team needs at least ``min_replicates`` replicates (``UserError`` naming the folder and
    the command to play it again otherwise). If no folder holds the historical track, it is
    played on the teams' seed (``replicates`` replicates, ``workers`` processes) and saved in
    ``out/historical``. ``progress`` is called as ``progress(line)`` at each stage and
    ``progress(done, total)`` while the historical track runs. Differing seeds raise a
    ``DebriefWarning`` and are noted in the pack.
    """
    if not folders:
        raise UserError("give at least one play folder")
    out = Path(out)
    refuse_overwrite(out, [*FILES, *(f"figures/{f}" for f in FIGURES)], overwrite, "a debrief")
    say = progress or (lambda *a: None)
    teams = [read_play(Path(f)) for f in folders]
    seen: dict[str, int] = {}
    for t in teams:  # two folders of the same team: tell them apart
        seen[t.name] = seen.get(t.name, 0) + 1
        if seen[t.name] > 1:
            t.name = f"{t.name} ({t.folder.name})"
    notes = check_teams(teams, min_replicates)
    for note in notes:
        warnings.warn(note, DebriefWarning, stacklevel=2)
    exercise_name = _exercise_of(teams)
    exercise, _ = load_exercise(exercise_name)
    hist_name = _historical_name(exercise_name)
    for t in teams:
        t.historical = t.name == hist_name
    if not any(t.historical for t in teams):
        hist = historical_run(exercise_name, out / "historical", teams[0].cfg.seed, replicates, workers,
                              min_replicates, overwrite, say)
        if hist.cfg.months != teams[0].cfg.months:
            raise UserError(f"the historical track runs {hist.cfg.months} months, the teams {teams[0].cfg.months}")
        teams.append(hist)
    else:
        teams.sort(key=lambda t: t.historical)  # the historical track last
    colours = iter(TEAM_COLOURS * 4)
    for t in teams:
        t.colour = HISTORICAL_COLOUR if t.historical else next(colours)
    reference = next(t for t in teams if t.historical)
    say(f"debrief: {len(teams)} runs ({', '.join(t.name for t in teams)}) -> {out}")

    out.mkdir(parents=True, exist_ok=True)
    figures, slides = out / "figures", out / "slides"
    cfg = teams[0].cfg
    start, months = cfg.calendar.start, cfg.months
    numbers = {t.name: summary_numbers(t) for t in teams}
    bench = {t.name: benchmark_table(t) for t in teams}
    conflict = {t.name: conflict_years(t.results.timeseries, start, months, cfg.thresholds.relapse_deaths)
                for t in teams}
    events = pd.concat([events_by_year(t) for t in teams], ignore_index=True)

    written: list[Path] = []
    paths = {
        "war": save_figure(war_figure(teams), figures / "war_relapse.png"),
        "confidence": save_figure(confidence_figure(teams), figures / "confidence.png"),
        "effect": save_figure(effectiveness_figure(teams), figures / "effectiveness_accountability.png"),
        "bench": save_figure(benchmark_figure(teams, bench), figures / "benchmarks.png"),
        "events": save_figure(events_figure(teams, events), figures / "events.png"),
        "warning": save_figure(warning_figure(teams), figures / "warning_signs.png"),
    }
    written += paths.values()
    slide_paths = {}
    for t in teams:
        ref = None if t.historical else numbers[reference.name]
        ref_conflict = None if t.historical else conflict[reference.name]
        fig = slide_figure(t, numbers[t.name], ref, conflict[t.name], ref_conflict, reference.name)
        slide_paths[t.name] = save_figure(fig, slides / f"slide_{t.slug}.png", dpi=120)
    written += slide_paths.values()

    csv = out / "events_by_year.csv"
    write_text(csv, events.to_csv(index=False, float_format="%.6g"))
    summary_csv = out / "summary.csv"
    write_text(summary_csv, pd.DataFrame([numbers[t.name] for t in teams]).to_csv(index=False, float_format="%.6g"))
    written += [csv, summary_csv]

    doc = _document(exercise, teams, reference, numbers, bench, conflict, events, notes, paths, slide_paths, out)
    written = doc.write(out, "debrief") + written
    say(f"debrief written: {out / 'debrief.html'}")
    return written


def _historical_name(exercise: str) -> str:
    from .decisions import load_team
    return load_team(historical_track(exercise)).name


def _rel(path: Path, out: Path) -> str:
    return path.relative_to(out).as_posix()


def _document(exercise, teams, reference, numbers, bench, conflict, events, notes, paths, slide_paths, out) -> Document:
    cfg = teams[0].cfg
    start, months = cfg.calendar.start, cfg.months
    played = [t for t in teams if not t.historical]
    doc = Document(f"Debrief: {exercise.title}")
    paired = len({t.cfg.seed for t in teams}) == 1
    doc.para(f"{len(played)} team{'s' if len(played) != 1 else ''} ({', '.join(t.name for t in played)}) and the "
             f"historical track ({reference.name}: the decisions Burundi actually took). Each ran "
             + ", ".join(f"{t.replicates}" for t in teams) + f" replicates of {months} months from "
             f"{long_date(start)}" + (f", all on seed {cfg.seed}: replicate r of every team faced the same luck, so "
                                      "differences between teams come from their decisions." if paired else "."))
    for note in notes:
        doc.note("Note: " + note)
    doc.para("Contents: 1 headline numbers; 2 relapse into war and armed conflict; 3 public confidence; "
             "4 effectiveness and accountability; 5 benchmarks; 6 what happened when; 7 warning signs before "
             "2015; 8 the teams' choices; 9 debrief questions; 10 the slides; 11 reading the numbers.")

    doc.heading("1. Headline numbers")
    doc.para("Medians over replicates unless stated; intervals are 95%. Armed-conflict years: full calendar years "
             f"{full_years(months, start)[0]}–{full_years(months, start)[-1]} with at least "
             f"{cfg.thresholds.relapse_deaths} battle deaths. Benchmarks: met by at least half the replicates.")
    header = ["", *(t.name for t in teams)]
    rows = [
        ["P(war-level relapse) by Dec 2015",
         *(f"{numbers[t.name]['p_war_by_2015']:.2f} [{numbers[t.name]['p_war_by_2015_lo']:.2f}, "
           f"{numbers[t.name]['p_war_by_2015_hi']:.2f}]" for t in teams)],
        ["armed-conflict years (mean)", *(f"{numbers[t.name]['conflict_years_mean']:.1f} of "
                                          f"{numbers[t.name]['conflict_years_of']}" for t in teams)],
        ["demobilised by end 2008", *(f"{numbers[t.name]['demobilized_end_2008_median']:,.0f}" for t in teams)],
    ]
    for year in ("2010", "2015"):
        rows.append([f"confidence Dec {year}: overall", *(f"{numbers[t.name][f'confidence_{year}']:.2f}" for t in teams)])
        for s in SERVICES:
            rows.append([f"confidence Dec {year}: {s}", *(f"{numbers[t.name][f'confidence_{s}_{year}']:.2f}" for t in teams)])
    rows.append([f"benchmarks reached, of {len(BENCHMARKS)}", *(str(numbers[t.name]["benchmarks_reached"]) for t in teams)])
    doc.table(header, rows, numeric=range(1, len(header)))
    doc.para("The same numbers are in `summary.csv`.")

    doc.heading("2. Relapse into war and armed conflict", page_break=True)
    doc.para("The FNL holdout keeps fighting in every replicate, so the usual test (25 battle deaths in 12 months) "
             "fires in the first months for everyone and says nothing about the teams. The pack shows instead the "
             "war-level relapse (1,000 battle deaths in 12 months, the UCDP war threshold), and for each calendar year "
             "the share of replicates with an armed conflict (25 or more battle deaths that year).")
    doc.figure(paths["war"], "Left: P(war-level relapse) with 95% bands (Kaplan–Meier, Greenwood). Right: share of "
               "replicates with an armed conflict each year, Wilson 95% intervals; hatched: the historical track.",
               _rel(paths["war"], out))
    years = full_years(months, start)
    doc.table(["year", *(t.name for t in teams)],
              [[y, *(_share_cell(conflict[t.name], y) for t in teams)] for y in years], numeric=range(0, len(teams) + 1))

    doc.heading("3. Public confidence", page_break=True)
    doc.figure(paths["confidence"], "Share of citizens who trust the security sector and each service: median and "
               "interquartile band across replicates; dotted lines: elections.", _rel(paths["confidence"], out))

    doc.heading("4. Effectiveness and accountability", page_break=True)
    doc.para("\"Two core objectives\" (002:51): effective forces and accountable ones. The effectiveness index is the "
             "forces' capacity; the accountability index is their integrity together with oversight.")
    doc.figure(paths["effect"], "Left: the median path of each team in the effectiveness-accountability plane; the "
               "shaded corner is the 004:53 benchmark. Right: both over time.", _rel(paths["effect"], out))

    doc.heading("5. Benchmarks (004:37-58)", page_break=True)
    doc.para("The short, medium and long-term benchmarks of the UN's SSR guidance (004:37-58) that the model can "
             "express; the thresholds are assumptions (docs/model.md §4.2). Each cell: share of replicates that met "
             "it by the end, and the median date they met it.")
    doc.figure(paths["bench"], "Benchmark timeline: median date reached, interquartile line, share of replicates.",
               _rel(paths["bench"], out))
    doc.table(["benchmark", "source", *(t.name for t in teams)],
              [[BENCHMARK_LABELS.get(b, b), BENCHMARKS[b].split(" - ")[0],
                *(_bench_cell(bench[t.name], b, start) for t in teams)] for b in BENCHMARKS])

    doc.heading("6. What happened when", page_break=True)
    doc.para("Events per replicate in each calendar year (the mean over replicates; `events_by_year.csv` also gives "
             "the share of replicates with at least one). Scheduled events (elections, the FNL's ceasefires and "
             "deal, the mandate's end, donor exits) are the same for every team unless a decision moved them; "
             "clashes, remobilisation waves, funding cliffs and coups are the model's.")
    doc.figure(paths["events"], "Clashes, remobilisation waves, funding cliffs and coup attempts per replicate and year.",
               _rel(paths["events"], out))
    kinds = [k for k in EVENT_KINDS if events.loc[events["kind"] == k, "per_replicate"].sum() > 0]
    for t in teams:
        e = events[events["team"] == t.name]
        doc.heading(t.name, 3)
        table_rows = []
        for y in sorted(e["year"].unique()):
            ey = e[e["year"] == y].set_index("kind")
            cells = [_per_rep(ey.loc[k, "per_replicate"]) for k in kinds]
            if any(c != "" for c in cells):
                deaths = ey.loc["clash", "deaths_per_replicate"] if "clash" in ey.index else 0.0
                n_months = int(ey["months_in_run"].iloc[0])
                table_rows.append([f"{y}" if n_months == 12 else f"{y} ({n_months} months)", *cells, f"{deaths:,.0f}"])
        doc.table(["year", *(SHORT_KIND[k] for k in kinds), "deaths in clashes"], table_rows,
                  numeric=range(0, len(kinds) + 2))
        r = median_replicate(t)
        doc.para(f"The story of one median replicate (replicate {r}: its total battle deaths are the median's):")
        doc.bullets(narrative(t, r))

    doc.heading("7. Warning signs before 2015?", page_break=True)
    doc.para("The 2014 course predates the 2015 crisis. The model represents some of its ingredients (political will, "
             "legitimacy, impunity, the army's coup risk, trust in the army, violence) but not the polarisation inside "
             "the army between ex-FAB and ex-CNDD-FDD, nor a third-term bid as such: the 2015 election is a scheduled "
             "shock, the same for everyone.")
    doc.figure(paths["warning"], "Indicators from 2009: median and interquartile band; dotted: elections.",
               _rel(paths["warning"], out))
    marks = [lab for lab in ("2010-12", "2012-12", "2014-12", "2015-12") if month_of(lab, start) <= months]
    wrows = []
    for t in teams:
        for var, label in WARNING_SERIES.items():
            vals = [at_month(t.results.timeseries, month_of(lab, start), var).median() for lab in marks]
            fmt = (lambda v: f"{v:,.0f}") if var == "trailing_deaths" else \
                  ((lambda v: f"{v:.4f}") if var == "coup_risk" else (lambda v: f"{v:.2f}"))
            wrows.append([t.name, label, *(fmt(v) for v in vals)])
    doc.table(["team", "indicator (median)", *(long_date(m) for m in marks)], wrows, numeric=range(2, 2 + len(marks)))

    doc.heading("8. The teams' choices", page_break=True)
    doc.para("Per decision point: the money (US$ million for two years: DDR / capacity / governance / quick wins), the "
             "option in force in each family (bold: changed at this decision point) and the political capital spent.")
    families = list(exercise.families)
    quo = _status_quo_options(exercise, load_exercise(_exercise_of(teams))[1])
    labels = [p["label"] for p in (reference.record.get("phases") or [])] or exercise.decision_points
    crow = []
    for label in labels:
        per = {t.name: _phase(t, label) for t in teams}
        prev = {t.name: _phase_before(t, label) for t in teams}
        crow.append([f"**{long_date(label)}**", "money", *(_money_cell(per[t.name]) for t in teams)])
        for f in families:
            crow.append(["", f, *(_cell_choice(per[t.name], f, prev[t.name], quo) for t in teams)])
        crow.append(["", "capital spent", *(str(per[t.name].get("capital_spent", "–")) if per[t.name] else "–"
                                            for t in teams)])
    doc.table(["decision point", "", *(t.name for t in teams)], crow)
    for t in teams:
        if t.record.get("description"):
            doc.para(f"**{t.name}**: {t.record['description']}")

    doc.heading("9. Debrief questions", page_break=True)
    doc.para("For the plenary (docs/training.md gives notes for the facilitator).")
    doc.bullets([f"**{title}.** {text}" for title, text in DEBRIEF_QUESTIONS], ordered=True)

    doc.heading("10. The slides", page_break=True)
    doc.para("One 16:9 slide per team (`slides/`), each against the historical track.")
    for t in teams:
        doc.figure(slide_paths[t.name], f"{t.name}", _rel(slide_paths[t.name], out))

    doc.heading("11. Reading the numbers")
    doc.bullets([
        "Each run is many replicates of the same decisions: the spread is the model's uncertainty about luck, not "
        "about its assumptions (the brief's parameter sheet lists what is assumed).",
        "With 40 replicates, a share of 0 still allows up to about 9% (Wilson interval); differences of a few "
        "percentage points between teams are noise unless the teams are paired and the gap is consistent.",
        "The model represents neither ethnicity nor rivalry inside the army, refugees, transitional justice nor "
        "regional backers (docs/model.md §3); some of what made 2015 cannot appear here.",
        "Runs: " + "; ".join(f"{t.name}: `{t.folder}` ({t.replicates} replicates, seed {t.cfg.seed})" for t in teams) + ".",
    ])
    return doc


def _phase(team: TeamRun, label: str) -> dict | None:
    for p in team.record.get("phases", []):
        if p.get("label") == label:
            return p
    return None


def _phase_before(team: TeamRun, label: str) -> dict | None:
    before = None
    for p in team.record.get("phases", []):
        if p.get("label") == label:
            return before
        before = p
    return None


def _share_cell(table: pd.DataFrame, year: int) -> str:
    r = table[table["year"] == year]
    if r.empty:
        return "–"
    r = r.iloc[0]
    return f"{r['share']:.0%} [{r['lo']:.0%}–{r['hi']:.0%}]"


def _bench_cell(table: pd.DataFrame, name: str, start: str) -> str:
    r = table[table["benchmark"] == name].iloc[0]
    if r["reached"] == 0:
        return "0%"
    return f"{r['share']:.0%} ({long_date(label_of(int(round(r['median_month'])), start))})"


def _per_rep(x: float) -> str:
    if x == 0:
        return ""
    return f"{x:.2f}" if x < 10 else f"{x:.0f}"
