"""The plenary pack: played teams side by side, with the historical track.

``write_debrief(folders, out)`` reads the run folders of ``ssrsim exercise play`` (tables,
``team.json``), runs the case's historical track on the teams' seed if no folder holds it (saved
under ``out/historical``; a case without one is compared team against team), and writes into
``out``:

    debrief.md, debrief.html   the pack (the HTML is self-contained and printable)
    events_by_year.csv         per team, calendar year and event kind: events per replicate
                               (mean) and the share of replicates with at least one
    summary.csv                the headline numbers per team (as on the slides)
    figures/                   war_relapse.png, confidence.png, effectiveness_accountability.png,
                               benchmarks.png, events.png, and warning_signs.png if the case
                               names a crisis to look for warning signs of
    slides/slide_<team>.png    one 16:9 summary slide per team (and the historical track)

What is particular to a case comes from its ``debrief:`` section (``menu.DebriefText``): the
months of the headline numbers, the record to compare demobilisation with, the warning-signs
section, the questions and what the model cannot show of the case.

Teams played on the same seed are paired (replicate r of every team draws the same random
numbers), so their differences are their decisions; a warning says when seeds differ.

The pack is read from the folders by :mod:`ssrsim.exercise.teams`, its numbers come from
:mod:`ssrsim.exercise.outcomes`, its figures and slides from
:mod:`ssrsim.exercise.plenary_figures`, and its Markdown and HTML from
:mod:`ssrsim.exercise.document`; this module puts them together, a section at a time.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..config import SERVICES
from ..config.calendar import label_of, long_date, month_of
from ..config.errors import UserError
from ..model.benchmarks import BENCHMARKS, heading
from ..run.files import save_figure, write_text
from ..run.story import median_replicate, narrative
from .citations import cite
from .document import Document, refuse_overwrite
from .menu import MONEY, Exercise, family_words, load_exercise, status_quo_options
from .outcomes import (EVENT_KINDS, SHORT_KIND, WARNING_SERIES, Headline, at_month, benchmark_table,
                       conflict_years, deaths_by_year, end_of, events_by_year, full_years,
                       short_date, summary_numbers)
from .play import PLAY_FILES
from .plenary_figures import (benchmark_figure, confidence_figure, effectiveness_figure, events_figure,
                              slide_figure, war_figure, warning_figure)
from .teams import (MIN_REPLICATES, Progress, TeamRun, check_teams, exercise_of, historical_name, historical_run,
                    read_play)

__all__ = ["FILES", "FIGURES", "DebriefWarning", "deaths_by_year", "write_debrief"]

FILES = ("debrief.md", "debrief.html", "events_by_year.csv", "summary.csv")
FIGURES = ("war_relapse.png", "confidence.png", "effectiveness_accountability.png", "benchmarks.png",
           "events.png", "warning_signs.png")
#: Everything a debrief writes: its pack, a slide per team and the historical track it plays.
OUTPUTS = (*FILES, *(f"figures/{f}" for f in FIGURES), "slides/slide_*.png",
           *(f"historical/{f}" for f in PLAY_FILES))
TEAM_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#882255")
HISTORICAL_COLOUR = "#000000"


class DebriefWarning(UserWarning):
    """Something the facilitator should know (seeds differ: teams are not paired)."""


@dataclass
class Pack:
    """Everything the pack's sections show: the teams, their numbers, the figures drawn."""

    exercise: Exercise
    teams: list[TeamRun]
    reference: TeamRun | None  # the historical track, if the case has one
    notes: list[str]
    out: Path
    headline: Headline
    quo: dict[str, str]  # per family, the scenario's own option
    numbers: dict[str, dict] = field(default_factory=dict)
    bench: dict[str, pd.DataFrame] = field(default_factory=dict)
    conflict: dict[str, pd.DataFrame] = field(default_factory=dict)
    events: pd.DataFrame | None = None
    figures: dict[str, Path] = field(default_factory=dict)
    slides: dict[str, Path] = field(default_factory=dict)

    @property
    def cfg(self):
        return self.teams[0].cfg


# --------------------------------------------------------------------------- the pack
def write_debrief(folders: Sequence[Path], out: Path, overwrite: bool = False, replicates: int = 40,
                  workers: int = 2, progress: Progress | None = None, *,
                  min_replicates: int = MIN_REPLICATES) -> list[Path]:
    """Write the plenary pack of the played teams in ``folders`` into ``out``; return the files.

    Each team needs at least ``min_replicates`` replicates (``UserError`` naming the folder and
    the command to play it again otherwise). If no folder holds the historical track and the
    case has one, it is played on the teams' seed (``replicates`` replicates, ``workers``
    processes) and saved in ``out/historical``. ``progress`` is called as ``progress(line)`` at
    each stage and ``progress(done, total)`` while the historical track runs. Differing seeds
    raise a ``DebriefWarning`` and are noted in the pack.
    """
    if not folders:
        raise UserError("give at least one play folder")
    out = Path(out)
    refuse_overwrite(out, OUTPUTS, overwrite, "a debrief")
    say = progress or (lambda *a: None)
    teams = _read_teams(folders)
    notes = check_teams(teams, min_replicates)
    for note in notes:
        warnings.warn(note, DebriefWarning, stacklevel=2)
    name = exercise_of(teams)
    exercise, exercise_cfg = load_exercise(name)
    teams = _with_historical(teams, exercise, out, replicates, workers, min_replicates, overwrite, say)
    say(f"debrief: {len(teams)} runs ({', '.join(t.name for t in teams)}) -> {out}")
    out.mkdir(parents=True, exist_ok=True)
    pack = Pack(exercise=exercise, teams=teams, reference=next((t for t in teams if t.historical), None),
                notes=notes, out=out, headline=Headline.of(exercise.debrief, teams[0].cfg),
                quo=status_quo_options(exercise, exercise_cfg))
    _count(pack)
    pack.figures = _draw_figures(pack)
    pack.slides = _draw_slides(pack)
    tables = _write_tables(pack)
    written = _document(pack).write(out, "debrief") + [*pack.figures.values(), *pack.slides.values(), *tables]
    say(f"debrief written: {out / 'debrief.html'}")
    return written


def _read_teams(folders: Sequence[Path]) -> list[TeamRun]:
    """The play folders as teams; two folders of the same team are told apart by their folder."""
    teams = [read_play(Path(f)) for f in folders]
    seen: dict[str, int] = {}
    for t in teams:
        seen[t.name] = seen.get(t.name, 0) + 1
        if seen[t.name] > 1:
            t.name = f"{t.name} ({t.folder.name})"
    return teams


def _with_historical(teams: list[TeamRun], exercise: Exercise, out: Path, replicates: int, workers: int,
                     min_replicates: int, overwrite: bool, say: Progress) -> list[TeamRun]:
    """The teams with the case's historical track last (played if no folder holds it), each in
    its colour; the teams alone if the case has no historical track."""
    hist_name = historical_name(exercise)
    for t in teams:
        t.historical = t.name == hist_name
    if hist_name is not None and not any(t.historical for t in teams):
        hist = historical_run(exercise.name, out / "historical", teams[0].cfg.seed, replicates, workers,
                              min_replicates, overwrite, say)
        if hist.cfg.months != teams[0].cfg.months:
            raise UserError(f"the historical track runs {hist.cfg.months} months, the teams {teams[0].cfg.months}")
        teams = [*teams, hist]
    else:
        teams = sorted(teams, key=lambda t: t.historical)
    colours = iter(TEAM_COLOURS * 4)
    for t in teams:
        t.colour = HISTORICAL_COLOUR if t.historical else next(colours)
    return teams


def _count(pack: Pack) -> None:
    """The numbers behind the pack: headline numbers, benchmarks, conflict years and events."""
    start, months = pack.cfg.calendar.start, pack.cfg.months
    for t in pack.teams:
        pack.numbers[t.name] = summary_numbers(t, pack.headline)
        pack.bench[t.name] = benchmark_table(t)
        pack.conflict[t.name] = conflict_years(t.results.timeseries, start, months, pack.cfg.thresholds.relapse_deaths)
    pack.events = pd.concat([events_by_year(t) for t in pack.teams], ignore_index=True)


def _draw_figures(pack: Pack) -> dict[str, Path]:
    """The pack's figures, saved under ``figures/``."""
    folder, teams = pack.out / "figures", pack.teams
    paths = {
        "war": save_figure(war_figure(teams), folder / "war_relapse.png"),
        "confidence": save_figure(confidence_figure(teams), folder / "confidence.png"),
        "effect": save_figure(effectiveness_figure(teams, pack.exercise.debrief.effectiveness_marks),
                              folder / "effectiveness_accountability.png"),
        "bench": save_figure(benchmark_figure(teams, pack.bench), folder / "benchmarks.png"),
        "events": save_figure(events_figure(teams, pack.events), folder / "events.png"),
    }
    if pack.exercise.debrief.warning_signs is not None:
        paths["warning"] = save_figure(warning_figure(teams, pack.exercise.debrief.warning_signs),
                                       folder / "warning_signs.png")
    return paths


def _draw_slides(pack: Pack) -> dict[str, Path]:
    """One slide per team under ``slides/``, each against the historical track (if any)."""
    ref = pack.reference
    paths = {}
    for t in pack.teams:
        against = ref is not None and not t.historical
        fig = slide_figure(t, pack.numbers[t.name], pack.numbers[ref.name] if against else None,
                           pack.conflict[t.name], pack.conflict[ref.name] if against else None,
                           ref.name if ref is not None else "", pack.headline)
        paths[t.name] = save_figure(fig, pack.out / "slides" / f"slide_{t.slug}.png")
    return paths


def _write_tables(pack: Pack) -> list[Path]:
    """``events_by_year.csv`` and ``summary.csv``."""
    csv = pack.out / "events_by_year.csv"
    write_text(csv, pack.events.to_csv(index=False, float_format="%.6g"))
    summary = pack.out / "summary.csv"
    write_text(summary, pd.DataFrame([pack.numbers[t.name] for t in pack.teams]).to_csv(index=False,
                                                                                         float_format="%.6g"))
    return [csv, summary]


# --------------------------------------------------------------------------- the document
def _document(pack: Pack) -> Document:
    """The pack's text: the tables and figures in the order of the plenary, with how to read them."""
    text = pack.exercise.debrief
    sections = [
        ("Headline numbers", _headline_section, False),
        ("Relapse into war and armed conflict", _relapse_section, True),
        ("Public confidence", _confidence_section, True),
        ("Effectiveness and accountability", _effectiveness_section, True),
        ("Benchmarks", _benchmark_section, True),
        ("What happened when", _events_section, True),
        *([(text.warning_signs.title, _warning_section, True)] if text.warning_signs else []),
        ("The teams' choices", _choices_section, True),
        *([("Debrief questions", _questions_section, True)] if text.questions else []),
        ("The slides", _slides_section, True),
        ("Reading the numbers", _reading_section, False),
    ]
    doc = Document(f"Debrief: {pack.exercise.title}")
    _opening(doc, pack, [title for title, _, _ in sections])
    for number, (title, write, page_break) in enumerate(sections, 1):
        doc.heading(f"{number}. {title}", page_break=page_break)
        write(doc, pack)
    return doc


def _figure(doc: Document, pack: Pack, path: Path, caption: str) -> None:
    """A figure of the pack, referred to relative to the pack's folder."""
    doc.figure(path, caption, path.relative_to(pack.out).as_posix())


def _contents_name(title: str) -> str:
    """A section as the contents line names it: no citation, no question mark, lower case."""
    name = title.split(" (")[0].rstrip("?")
    return name[:1].lower() + name[1:]


def _opening(doc: Document, pack: Pack, titles: list[str]) -> None:
    """Who played, on which seed and horizon, what to be careful of, and the contents."""
    cfg, teams, ref = pack.cfg, pack.teams, pack.reference
    played = [t for t in teams if not t.historical]
    paired = len({t.cfg.seed for t in teams}) == 1
    who = f"{len(played)} team{'s' if len(played) != 1 else ''} ({', '.join(t.name for t in played)})"
    who += (f" and the historical track ({ref.name}: the decisions actually taken)." if ref is not None else
            ". The case has no historical track, so the teams are compared with each other only.")
    doc.para(who + " Each ran " + ", ".join(f"{t.replicates}" for t in teams) + f" replicates of {cfg.months} "
             f"months from {long_date(cfg.calendar.start)}"
             + (f", all on seed {cfg.seed}: replicate r of every team faced the same luck, so differences between "
                "teams come from their decisions." if paired else "."))
    for note in pack.notes:
        doc.note("Note: " + note)
    doc.para("Contents: " + "; ".join(f"{i} {_contents_name(t)}" for i, t in enumerate(titles, 1)) + ".")


def _headline_section(doc: Document, pack: Pack) -> None:
    """The numbers the plenary starts from, one column per team (as in ``summary.csv``)."""
    cfg, teams, h = pack.cfg, pack.teams, pack.headline
    years = full_years(cfg.months, cfg.calendar.start)
    span = "(the run has none)" if not years else str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
    doc.para("Medians over replicates unless stated; intervals are 95%. Armed-conflict years: full calendar years "
             f"{span} with at least {cfg.thresholds.relapse_deaths} battle deaths. Benchmarks: met by at least "
             "half the replicates.")
    n = [pack.numbers[t.name] for t in teams]
    war = h.war_key
    rows = [[f"P(war-level relapse) by {short_date(h.horizon)}",
             *(f"{d[war]:.2f} [{d[war + '_lo']:.2f}, {d[war + '_hi']:.2f}]" for d in n)],
            ["armed-conflict years (mean)",
             *(f"{d['conflict_years_mean']:.1f} of {d['conflict_years_of']}" for d in n)]]
    if h.demobilised is not None:
        record = ", ".join(x for x in (h.demobilised.record, h.demobilised.source) if x)
        rows.append([f"demobilised by {end_of(h.demobilised.when)}" + (f" (the record: {record})" if record else ""),
                     *(f"{d[h.demobilised_key]:,.0f}" for d in n)])
    for label in h.confidence:
        rows.append([f"confidence {short_date(label)}: overall", *(f"{d[h.confidence_key(label)]:.2f}" for d in n)])
        for s in SERVICES:
            rows.append([f"confidence {short_date(label)}: {s}",
                         *(f"{d[h.confidence_key(label, s)]:.2f}" for d in n)])
    rows.append([f"benchmarks reached, of {len(BENCHMARKS)}", *(str(d["benchmarks_reached"]) for d in n)])
    doc.table(["", *(t.name for t in teams)], rows, numeric=range(1, len(teams) + 1))
    doc.para("The same numbers are in `summary.csv`.")


def _relapse_section(doc: Document, pack: Pack) -> None:
    """War-level relapse over time, each year's battle deaths, and its share of replicates in armed conflict."""
    cfg, teams = pack.cfg, pack.teams
    thr = cfg.thresholds
    note = pack.exercise.debrief.relapse_note.strip()
    doc.para((" ".join(note.split()) + " The pack shows instead " if note else "The pack shows ")
             + f"the war-level relapse ({thr.war_deaths:,} battle deaths in {thr.window_months} months, the UCDP war "
             "threshold), the battle deaths of each calendar year, and (table) each year's share of replicates "
             f"with an armed conflict ({thr.relapse_deaths} or more battle deaths that year).")
    _figure(doc, pack, pack.figures["war"], "Left: P(war-level relapse) with 95% bands (Kaplan–Meier, "
            "Greenwood). Right: battle deaths per calendar year, mean per replicate with its 95% interval; "
            "hatched: the historical track.")
    doc.table(["year", *(t.name for t in teams)],
              [[y, *(_share_cell(pack.conflict[t.name], y) for t in teams)]
               for y in full_years(cfg.months, cfg.calendar.start)], numeric=range(0, len(teams) + 1))


def _confidence_section(doc: Document, pack: Pack) -> None:
    """Public confidence, overall and per service."""
    _figure(doc, pack, pack.figures["confidence"], "Share of citizens who trust the security sector and each "
            "service: median and interquartile band across replicates; dotted lines: elections.")


def _effectiveness_section(doc: Document, pack: Pack) -> None:
    """The two core objectives: effective forces against accountable ones."""
    doc.para("\"Two core objectives\" (002:59): effective forces and accountable ones. The effectiveness index is the "
             "forces' capacity; the accountability index is their integrity together with oversight.")
    _figure(doc, pack, pack.figures["effect"], "Left: the median path of each team in the "
            "effectiveness-accountability plane; the shaded corner is the long-term benchmark \"implementation "
            "advanced\" (004:53). Right: both over time.")


def _benchmark_section(doc: Document, pack: Pack) -> None:
    """Which of the UN's benchmarks each team met, and when."""
    start = pack.cfg.calendar.start
    doc.para("The short, medium and long-term benchmarks of the UN's SSR guidance (004:37-58) that the model can "
             "express; the thresholds are assumptions (docs/model.md §4.2). Each cell: share of replicates that met "
             "it by the end, and the median date they met it.")
    _figure(doc, pack, pack.figures["bench"], "Benchmark timeline: median date reached, interquartile line, share "
            "of replicates.")
    doc.table(["benchmark", "where in the guidance", *(t.name for t in pack.teams)],
              [[heading(b), cite(b.source, titles=False), *(_bench_cell(pack.bench[t.name], b.name, start) for t in pack.teams)]
               for b in BENCHMARKS])


def _events_section(doc: Document, pack: Pack) -> None:
    """Events per year for each team, and the story of one median replicate."""
    events = pack.events
    doc.para("Events per replicate in each calendar year (the mean over replicates; `events_by_year.csv` also gives "
             "the share of replicates with at least one). Scheduled events (elections, ceasefires, the mandate's end, "
             "donor exits) are the same for every team unless a decision moved them; the rest are the model's: "
             "offers, peace deals and broken deals, results rejected, boycotts, re-armings, clashes, remobilisation "
             "waves, funding cliffs and coups.")
    _figure(doc, pack, pack.figures["events"], "Clashes, remobilisation waves, funding cliffs and coup attempts "
            "per replicate and year.")
    kinds = [k for k in EVENT_KINDS if events.loc[events["kind"] == k, "per_replicate"].sum() > 0]
    for t in pack.teams:
        doc.heading(t.name, 3)
        doc.table(["year", *(SHORT_KIND[k] for k in kinds), "deaths in clashes"],
                  _event_rows(events[events["team"] == t.name], kinds), numeric=range(0, len(kinds) + 2))
        r = median_replicate(t.results)
        doc.para(f"The story of one median replicate (replicate {r}: its total battle deaths are the median's):")
        doc.bullets(narrative(t.results, r, [p["month"] for p in t.record.get("phases", [])]))


def _event_rows(events: pd.DataFrame, kinds: list[str]) -> list[list[str]]:
    """A team's events table: a row per year with any of ``kinds``, and the deaths in clashes."""
    rows = []
    for y in sorted(events["year"].unique()):
        ey = events[events["year"] == y].set_index("kind")
        cells = [_per_rep(ey.loc[k, "per_replicate"]) for k in kinds]
        if any(c != "" for c in cells):
            deaths = ey.loc["clash", "deaths_per_replicate"] if "clash" in ey.index else 0.0
            n_months = int(ey["months_in_run"].iloc[0])
            rows.append([f"{y}" if n_months == 12 else f"{y} ({n_months} months)", *cells, f"{deaths:,.0f}"])
    return rows


def _warning_section(doc: Document, pack: Pack) -> None:
    """The indicators before the crisis the case names: did any warn?"""
    signs, start, months = pack.exercise.debrief.warning_signs, pack.cfg.calendar.start, pack.cfg.months
    doc.para(" ".join(signs.text.split()))
    _figure(doc, pack, pack.figures["warning"], f"Indicators from {short_date(signs.since)}: median and "
            "interquartile band; dotted: elections.")
    marks = [label for label in signs.marks if month_of(label, start) <= months]
    rows = []
    for t in pack.teams:
        for var, label in WARNING_SERIES.items():
            fmt = "{:,.0f}" if var == "trailing_deaths" else ("{:.4f}" if var == "coup_risk" else "{:.2f}")
            rows.append([t.name, label, *(fmt.format(at_month(t.results.timeseries, month_of(m, start), var).median())
                                          for m in marks)])
    doc.table(["team", "indicator (median)", *(long_date(m) for m in marks)], rows, numeric=range(2, 2 + len(marks)))


def _choices_section(doc: Document, pack: Pack) -> None:
    """What each team chose at each decision point, changes in bold, and its strategy."""
    doc.para("Per decision point: the money (US$ million for two years: DDR / capacity / governance / quick wins), the "
             "option in force in each family (bold: changed at this decision point, or an option that acts, such as "
             "an offer, chosen again there) and the political capital spent.")
    teams = pack.teams
    ref = pack.reference
    labels = [p["label"] for p in ((ref.record.get("phases") if ref else None) or [])] \
        or pack.exercise.decision_points
    rows = []
    for label in labels:
        per = {t.name: _phase(t, label) for t in teams}
        prev = {t.name: _phase_before(t, label) for t in teams}
        rows.append([f"**{long_date(label)}**", "money", *(_money_cell(per[t.name]) for t in teams)])
        for f in pack.exercise.families:
            labels = {o: option.label for o, option in pack.exercise.families[f].options.items()}
            rows.append(["", family_words(f), *(_cell_choice(per[t.name], f, prev[t.name], pack.quo, labels)
                                                for t in teams)])
        rows.append(["", "capital spent", *(str(per[t.name].get("capital_spent", "–")) if per[t.name] else "–"
                                            for t in teams)])
    doc.table(["decision point", "", *(t.name for t in teams)], rows)
    for t in teams:
        if t.record.get("description"):
            doc.para(f"**{t.name}**: {t.record['description']}")


def _questions_section(doc: Document, pack: Pack) -> None:
    """The case's questions for the plenary discussion."""
    doc.para("For the plenary discussion.")
    doc.bullets([f"**{q.title}.** {' '.join(q.text.split())}" for q in pack.exercise.debrief.questions],
                ordered=True)


def _slides_section(doc: Document, pack: Pack) -> None:
    """Every team's slide, to project while it presents."""
    against = ", each against the historical track" if pack.reference is not None else ""
    doc.para(f"One 16:9 slide per team (`slides/`){against}.")
    for t in pack.teams:
        _figure(doc, pack, pack.slides[t.name], t.name)


def _reading_section(doc: Document, pack: Pack) -> None:
    """How far the numbers can be trusted: chance, replicates, what the model leaves out."""
    doc.bullets([
        "Each run is many replicates of the same decisions: the spread is the model's uncertainty about luck, not "
        "about its assumptions (the brief's parameter sheet lists what is assumed).",
        "With 40 replicates, a share of 0 still allows up to about 9% (Wilson interval); differences of a few "
        "percentage points between teams are noise unless the teams are paired and the gap is consistent.",
        *(" ".join(limit.split()) for limit in pack.exercise.debrief.limits),
        "Runs: " + "; ".join(f"{t.name}: `{t.folder}` ({t.replicates} replicates, seed {t.cfg.seed})"
                             for t in pack.teams) + ".",
    ])


# --------------------------------------------------------------------------- table cells
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


def _cell_choice(p: dict | None, family: str, before: dict | None, quo: dict[str, str],
                 labels: dict[str, str]) -> str:
    """The option in force in ``family`` at a decision point, by its label in the menu; bold where
    it changed there or acted there again (an offer repeated is a decision, though the option in
    force is the same)."""
    if p is None:
        return "–"
    option = p.get("choices", {}).get(family)
    if option is None:  # never chosen: the scenario's own setting is in force
        return f"{labels.get(quo[family], quo[family])} (scenario)" if family in quo else "(scenario)"
    changed = before is None or before.get("choices", {}).get(family) != option or family in p.get("acted", [])
    label = labels.get(option, option)
    return f"**{label}**" if changed else label


def _money_cell(p: dict | None) -> str:
    """A decision point's money: DDR / capacity / governance / quick wins."""
    if p is None or not p.get("money"):
        return "–"
    m = p["money"]
    return " / ".join(f"{m.get(k, 0):g}" for k in MONEY)


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
