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

The module follows the pack from the folders to the document:

    reading the teams  play folders as ``TeamRun``, the checks (enough replicates, one horizon,
                       seeds) and the historical track, played when no folder holds it
    numbers            the tables behind the figures and the text: armed-conflict years,
                       benchmarks, events by year, a median replicate's story, headline numbers
    the pack           ``write_debrief`` and the document's sections

The figures and slides are drawn in :mod:`ssrsim.exercise.plenary_figures`; the Markdown and HTML
come from :mod:`ssrsim.exercise.document`, shared with the brief.
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

from ..config import SERVICES
from ..config.calendar import label_of, long_date, month_of, short_month, year_of
from ..config.errors import UserError
from ..model.benchmarks import BENCHMARKS, BY_NAME, heading
from ..run.analysis import cumulative_incidence, wilson_interval
from ..run.files import save_figure, write_text
from ..run.results import Results, load_run
from .decisions import slug
from .document import Document, refuse_overwrite
from .menu import MONEY, exercises, historical_track, load_exercise, status_quo_options

Progress = Callable[..., None]
MIN_REPLICATES = 40
FILES = ("debrief.md", "debrief.html", "events_by_year.csv", "summary.csv")
FIGURES = ("war_relapse.png", "confidence.png", "effectiveness_accountability.png", "benchmarks.png",
           "events.png", "warning_signs.png")
TEAM_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#882255")
HISTORICAL_COLOUR = "#000000"
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
        return slug(self.name)

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
    """The exercise the folders were played in (``team.json``, else the scenario's name); one only."""
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
    """The command that plays a team again with enough replicates, on its seed and into its folder."""
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
    """Whether two runs have the same model settings (replicates and process settings aside)."""
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
                parts.append(f"{short_month(label_of(month, start))}: {text}")
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


# --------------------------------------------------------------------------- the pack
def _cell_choice(p: dict | None, family: str, before: dict | None, quo: dict[str, str]) -> str:
    """The option in force in ``family`` at a decision point; bold where it changed there."""
    if p is None:
        return "–"
    option = p.get("choices", {}).get(family)
    if option is None:  # never chosen: the scenario's own setting is in force
        return f"{quo[family]} (scenario)" if family in quo else "(scenario)"
    changed = before is None or before.get("choices", {}).get(family) != option
    return f"**{option}**" if changed else option


def _money_cell(p: dict | None) -> str:
    """A decision point's money: DDR / capacity / governance / quick wins."""
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
    exercise, exercise_cfg = load_exercise(exercise_name)
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

    # plenary_figures draws from this module's numbers (it imports them), so it is imported here,
    # when the pack is written, and not at the top: no import cycle.
    from .plenary_figures import (benchmark_figure, confidence_figure, effectiveness_figure, events_figure,
                                  slide_figure, war_figure, warning_figure)

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
        slide_paths[t.name] = save_figure(fig, slides / f"slide_{t.slug}.png")
    written += slide_paths.values()

    csv = out / "events_by_year.csv"
    write_text(csv, events.to_csv(index=False, float_format="%.6g"))
    summary_csv = out / "summary.csv"
    write_text(summary_csv, pd.DataFrame([numbers[t.name] for t in teams]).to_csv(index=False, float_format="%.6g"))
    written += [csv, summary_csv]

    quo = status_quo_options(exercise, exercise_cfg)
    doc = _document(exercise, quo, teams, reference, numbers, bench, conflict, events, notes, paths, slide_paths, out)
    written = doc.write(out, "debrief") + written
    say(f"debrief written: {out / 'debrief.html'}")
    return written


def _historical_name(exercise: str) -> str:
    """The historical track's team name, to recognise it among the folders given."""
    from .decisions import load_team
    return load_team(historical_track(exercise)).name


def _document(exercise, quo, teams, reference, numbers, bench, conflict, events, notes, paths, slide_paths,
              out) -> Document:
    """The pack's text: the tables and figures in the order of the plenary, with how to read them."""
    cfg = teams[0].cfg
    start, months = cfg.calendar.start, cfg.months
    played = [t for t in teams if not t.historical]
    doc = Document(f"Debrief: {exercise.title}")

    def figure(path: Path, caption: str) -> None:  # the Markdown refers to it relative to the pack
        doc.figure(path, caption, path.relative_to(out).as_posix())

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
    figure(paths["war"], "Left: P(war-level relapse) with 95% bands (Kaplan–Meier, Greenwood). Right: share of "
           "replicates with an armed conflict each year, Wilson 95% intervals; hatched: the historical track.")
    years = full_years(months, start)
    doc.table(["year", *(t.name for t in teams)],
              [[y, *(_share_cell(conflict[t.name], y) for t in teams)] for y in years], numeric=range(0, len(teams) + 1))

    doc.heading("3. Public confidence", page_break=True)
    figure(paths["confidence"], "Share of citizens who trust the security sector and each service: median and "
           "interquartile band across replicates; dotted lines: elections.")

    doc.heading("4. Effectiveness and accountability", page_break=True)
    doc.para("\"Two core objectives\" (002:51): effective forces and accountable ones. The effectiveness index is the "
             "forces' capacity; the accountability index is their integrity together with oversight.")
    figure(paths["effect"], "Left: the median path of each team in the effectiveness-accountability plane; the "
           "shaded corner is the 004:53 benchmark. Right: both over time.")

    doc.heading("5. Benchmarks (004:37-58)", page_break=True)
    doc.para("The short, medium and long-term benchmarks of the UN's SSR guidance (004:37-58) that the model can "
             "express; the thresholds are assumptions (docs/model.md §4.2). Each cell: share of replicates that met "
             "it by the end, and the median date they met it.")
    figure(paths["bench"], "Benchmark timeline: median date reached, interquartile line, share of replicates.")
    doc.table(["benchmark", "source", *(t.name for t in teams)],
              [[heading(b), b.source, *(_bench_cell(bench[t.name], b.name, start) for t in teams)]
               for b in BENCHMARKS])

    doc.heading("6. What happened when", page_break=True)
    doc.para("Events per replicate in each calendar year (the mean over replicates; `events_by_year.csv` also gives "
             "the share of replicates with at least one). Scheduled events (elections, the FNL's ceasefires and "
             "deal, the mandate's end, donor exits) are the same for every team unless a decision moved them; "
             "clashes, remobilisation waves, funding cliffs and coups are the model's.")
    figure(paths["events"], "Clashes, remobilisation waves, funding cliffs and coup attempts per replicate and year.")
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
    figure(paths["warning"], "Indicators from 2009: median and interquartile band; dotted: elections.")
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
        figure(slide_paths[t.name], f"{t.name}")

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
    """The team's record at decision point ``label`` (None if it has none)."""
    for p in team.record.get("phases", []):
        if p.get("label") == label:
            return p
    return None


def _phase_before(team: TeamRun, label: str) -> dict | None:
    """The team's record at the decision point before ``label`` (None at the first)."""
    before = None
    for p in team.record.get("phases", []):
        if p.get("label") == label:
            return before
        before = p
    return None


def _share_cell(table: pd.DataFrame, year: int) -> str:
    """A year's armed-conflict share with its interval, as the table shows it."""
    r = table[table["year"] == year]
    if r.empty:
        return "–"
    r = r.iloc[0]
    return f"{r['share']:.0%} [{r['lo']:.0%}–{r['hi']:.0%}]"


def _bench_cell(table: pd.DataFrame, name: str, start: str) -> str:
    """A benchmark's share of replicates and median date reached, as the table shows it."""
    r = table[table["benchmark"] == name].iloc[0]
    if r["reached"] == 0:
        return "0%"
    return f"{r['share']:.0%} ({long_date(label_of(int(round(r['median_month'])), start))})"


def _per_rep(x: float) -> str:
    """Events per replicate: blank for none, so that the tables show what happened."""
    if x == 0:
        return ""
    return f"{x:.2f}" if x < 10 else f"{x:.0f}"
