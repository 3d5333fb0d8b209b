"""The country brief of an exercise: what a participant reads before playing, and a team template.

``write_brief(name, out)`` writes into ``out``:

    brief.md            the brief in Markdown (figures in ``figures/``)
    brief.html          the same, self-contained and printable (inline CSS, figures embedded)
    team_template.yaml  a commented decision file that loads as it is (the scenario's own
                        settings at every decision point) and that a team edits
    figures/            start.png (the first months, no decisions), timeline.png (the scheduled
                        processes)

Everything comes from the case (``exercise.yaml``: the situation, the sourced facts, the menu,
what is sourced and assumed) and its scenario (values, ``sources``, events). The starting
indicators are simulated: the scenario without any decision, ``replicates`` replicates up to the
month before the first decision point. Decisions only act from their decision point on, so these
are exactly the first months of every team's replicates 0..replicates-1.

The module follows the brief's material, in the order it is put together:

    the parameter sheet  every value the scenario sets, with its source or why it is assumed
    the starting state   the scenario without decisions up to the first decision point
    the timeline         scheduled events, the mission's and donors' calendar, decision points
    the template         the decision file a team copies, each family showing the scenario's
                         own option (``menu.status_quo_options``), which costs no capital
    the brief            ``write_brief`` and its sections, one function each

The figures are drawn in :mod:`ssrsim.exercise.brief_figures`; the Markdown and HTML come from
:mod:`ssrsim.exercise.document`, shared with the debrief.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from pydantic import BaseModel

from ..config import SERVICES, Config, fields, paths
from ..config.calendar import label_of, long_date
from ..config.compose import CONFIG_DIR
from ..config.params import DonorParams
from ..model import STATUSES
from ..model.events import EventSchedule
from ..run.files import save_figure, write_text
from ..run.story import in_words
from .brief_figures import start_figure, timeline_figure
from .decisions import expired, money_from_levers
from .document import Document, fmt_number, refuse_overwrite
from .menu import (ACTIONS, MONEY, MONEY_WORDS, Exercise, Option, Phase, exercises, load_exercise, phases,
                   scenario_file, status_quo_options)

Progress = Callable[[int, int], None]
FILES = ("brief.md", "brief.html", "team_template.yaml")
FIGURES = ("start.png", "timeline.png")


# --------------------------------------------------------------------------- the parameter sheet
def _fmt_value(value: object) -> str:
    """A scenario value as the parameter sheet prints it (list entries without their name)."""
    if isinstance(value, BaseModel):
        data = value.model_dump(exclude_unset=True)
        data.pop("name", None)
        data.pop("service", None)
        return ", ".join(f"{k} {_fmt_value(v)}" for k, v in data.items())
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_fmt_value(v) for v in value) + "]"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    return str(value)


def source_kind(source: str) -> str:
    """How a ``sources`` entry grounds its value: assumption, run setting, sourced (part assumed)."""
    text = source.strip().lower()
    if text.startswith("assumption"):
        return "assumption"
    if text.startswith("run setting"):
        return "run setting"
    return "sourced, part assumed" if "assum" in text else "sourced"


def parameter_sheet(cfg: Config, path: Path) -> tuple[list[list[str]], list[str]]:
    """Rows (key, value, source, sourced/assumed) for every ``sources`` entry, and the paths the
    scenario file ``path`` sets that no ``sources`` entry covers."""
    rows = []
    for key, source in cfg.sources.items():
        if key.startswith("events."):
            value = "dated events: see the timeline"
        else:
            found = paths.get(cfg, key)
            value = "?" if found is None else _fmt_value(found)
        rows.append([f"`{key}`", value, source, source_kind(source)])
    uncovered = []
    if path.is_file():
        raw = yaml.safe_load(path.read_text()) or {}
        for k in ("name", "description", "sources", "events", "defaults"):
            raw.pop(k, None)
        for p in paths.flatten(raw, named_lists=True):
            if not any(p == k or p.startswith(k + ".") for k in cfg.sources):
                uncovered.append(p)
    return rows, uncovered


# --------------------------------------------------------------------------- starting state
@dataclass
class StartingState:
    """The scenario without decisions, up to ``month`` (inclusive), ``replicates`` replicates."""

    month: int
    timeseries: pd.DataFrame
    forces: pd.DataFrame  # replicate, service, size, target, capacity, integrity
    replicates: int


def simulate_start(cfg: Config, month: int, replicates: int = 20,
                   progress: Progress | None = None) -> StartingState:
    """Run replicates 0..replicates-1 of ``cfg`` (no decisions) to ``month``, in this process."""
    from ..model import SSRModel
    from ..run.runner import release

    frames, forces = [], []
    for r in range(replicates):
        model = SSRModel(cfg, r)
        model.run(month)
        frames.append(model.tables()["timeseries"])
        for f in model.forces:
            forces.append({"replicate": r, "service": f.service, "size": f.size, "target": f.target_size,
                           "capacity": f.capacity, "integrity": f.integrity})
        release(model)
        if progress:
            progress(r + 1, replicates)
    return StartingState(month=month, timeseries=pd.concat(frames, ignore_index=True),
                         forces=pd.DataFrame(forces), replicates=replicates)


def _median_range(values: pd.Series | np.ndarray) -> tuple[str, str]:
    """Median and 5–95% range as text; counts stay whole numbers."""
    raw = np.asarray(values)
    v = raw.astype(float)
    med, lo, hi = np.median(v), np.quantile(v, 0.05), np.quantile(v, 0.95)
    if np.issubdtype(raw.dtype, np.integer):  # counts: whole numbers
        med, lo, hi = (float(round(x)) for x in (med, lo, hi))
    return fmt_number(med), f"{fmt_number(lo)} – {fmt_number(hi)}"


def starting_rows(state: StartingState) -> list[list[str]]:
    """The starting indicators: median and 5–95% range across replicates."""
    ts = state.timeseries
    last = ts[ts["month"] == state.month]
    cum = ts[ts["month"] >= 1].groupby("replicate")[["battle_deaths", "abuses"]].sum()
    rows: list[list[str]] = []

    def add(group: str, label: str, values) -> None:
        rows.append([group, label, *_median_range(values)])

    for s in STATUSES:
        col = f"excombatants_{s}"
        if col in last:
            add("Fighters by status", s, last[col])
    add("Fighters by status", "under a spoiler (holdout and remobilised, incl. recruits)", last["spoiler_fighters"])
    for service in SERVICES:
        f = state.forces[state.forces["service"] == service]
        if len(f):
            target = f["target"].iloc[0]
            add("Forces (personnel)", f"{service} (planned size {target:,.0f})", f["size"])
    for service in SERVICES:
        f = state.forces[state.forces["service"] == service]
        if len(f):
            add("Forces (0–1)", f"{service} capacity", f["capacity"])
            add("Forces (0–1)", f"{service} integrity", f["integrity"])
    add("Violence", f"battle deaths since the agreement ({state.month} months)", cum["battle_deaths"])
    add("Violence", "abuses of civilians by the forces since the agreement", cum["abuses"])
    add("Public confidence (share who trust)", "security sector overall", last["public_confidence"])
    for service in SERVICES:
        add("Public confidence (share who trust)", service, last[f"confidence_{service}"])
    for col, label in (("political_will", "political will (0–1)"), ("legitimacy", "legitimacy (0–1)"),
                       ("effectiveness_index", "effectiveness index (0–1)"),
                       ("accountability_index", "accountability index (0–1)"),
                       ("oversight_capacity", "oversight capacity (0–1)"), ("impunity", "impunity (0–1)"),
                       ("coup_risk", "coup risk (chance per month)")):
        add("Government and oversight", label, last[col])
    add("International", "peacekeepers", last["peacekeepers"])
    return rows


# --------------------------------------------------------------------------- the timeline
def _lever_text(path: str, value: float) -> str:
    """A lever set by an event, in the schema's words: its description up to the first colon
    ("Cantonment intake") and the value with its unit, never the config path."""
    model, key = fields.field(Config, path)
    info = model.model_fields[key]
    name = (info.description or key.replace("_", " ")).split(":")[0]
    return f"{name}: {value:,g} {fields.extra(info).get('unit', '')}".strip()


def _event_text(cfg: Config, e) -> str:
    """A scenario event as one line of the timeline, in words."""
    if e.kind == "set_lever":
        return _lever_text(e.path, e.value)
    if e.kind == "ceasefire":
        return f"ceasefire with {in_words(cfg)(e.target)} ({e.value:g} months)"
    if e.kind in ("peace_deal", "donor_exit", "offer", "share_power"):
        return f"{e.kind.replace('_', ' ')}: {in_words(cfg)(e.target)}"
    return e.kind.replace("_", " ")


def timeline_rows(cfg: Config, plan: list[Phase]) -> list[tuple[int, str, str, str]]:
    """(month, what, note, where it comes from) for every scheduled event, the mission's and the
    donors' calendar and the decision points, in date order."""
    rows = [(e.month, _event_text(cfg, e), e.note, "scenario event") for e in cfg.events]
    pk = cfg.context.peacekeeping
    if pk.initial_troops is not None and pk.full_strength_month > 0:
        rows.append((0, f"peacekeepers: {pk.initial_troops:,} troops", "first mission", "peacekeeping mission"))
        rows.append((pk.full_strength_month, f"peacekeepers at full strength: {pk.troops:,}", "",
                     "peacekeeping mission"))
    rows.append((pk.mandate_months, "peacekeeping mandate ends: drawdown starts",
                 "unless a team asks for more time", "peacekeeping mission"))
    rows.append((pk.mandate_months + pk.drawdown_months, "last peacekeepers leave",
                 "unless a team asks for more time", "peacekeeping mission"))
    for d in cfg.context.donors:
        envelope = cfg.levers.funding.annual_envelope * d.envelope_scale
        rows.append((d.cycle_offset, f"donor {d.called} commits its first cycle",
                     f"US${envelope:g}m a year in {cfg.levers.funding.cycle_months}-month cycles", "donors"))
    for i, p in enumerate(plan, 1):
        rows.append((p.month, f"**decision point {i}**",
                     f"budget US${p.budget:g}m for two years; {p.capital} points of political capital", "exercise"))
    return sorted(rows, key=lambda r: (r[0], r[3] != "scenario event"))


# --------------------------------------------------------------------------- the template
def status_quo_money(cfg: Config, budget: float) -> dict[str, float]:
    """The scenario's own split of ``budget`` (US$ million), rounded down to cents so it fits."""
    shares = money_from_levers(cfg)
    return {k: math.floor(shares[k] * budget * 100 + 1e-6) / 100 for k in MONEY}


def team_template(name: str, exercise: Exercise, cfg: Config, plan: list[Phase]) -> str:
    """A commented decision file that loads unchanged.

    The first decision point's money line is written out with the scenario's own split; every
    option line is commented out and shows the scenario's setting (a family not named keeps it
    and costs no capital, as Enter does in interactive play). Later decision points are commented
    out, each with its budget and the status quo split of it, so that a split chosen earlier
    carries on until a team uncomments a later ``money`` line.
    """
    start = cfg.calendar.start
    quo = status_quo_options(exercise, cfg)
    lines = [
        f"# Decision file for the exercise {name!r}: {exercise.title}",
        f"# Written by `ssrsim exercise brief {name}`. Copy it (e.g. to group_a.yaml), fill it in, then run",
        "#     ssrsim exercise play group_a.yaml",
        "#",
        "# As it is, the file loads and keeps the scenario's own settings (the status quo).",
        "# At each decision point you may set:",
        "#   money:  US$ million for the TWO years that follow, split between ddr, capacity, governance",
        "#           and quick_wins. The total may not exceed the budget in the comment; money you leave",
        "#           unallocated is not spent. Without a money line the previous split is kept, scaled",
        "#           to the new budget.",
        "#   one option per decision family (below). A family you do not name keeps its previous option.",
        "# Political capital: every option in force costs its points again at every decision point unless",
        "# it is the scenario's own setting (marked <- below: keeping that course is free). At most",
        f"# {exercise.political_capital} points at each decision point; an option past its date no longer counts.",
        "# Options marked 'acts once' also act at the decision point where they are named (an offer to an",
        "# armed group, power shared with a party): a later decision point repeats the act only if the option",
        "# is named there again, and then it costs its points again.",
        "# Option lines are commented out and show the scenario's own setting: a family you do not name",
        "# keeps it and costs no capital. To choose, remove the '# ' in front of the line (keep the",
        "# indentation) and write the option. Later decision points are commented out too: to decide",
        "# there, uncomment the decision point's line and each line you want.",
        "#",
        "# The decision families (option, label, capital cost):",
    ]
    for fname, family in exercise.families.items():
        until = f"  [only until {family.available_until}]" if family.available_until else ""
        lines.append(f"#   {fname}: {family.question}{until}")
        for oname, option in family.options.items():
            mark = "   <- the scenario's setting (free)" if quo.get(fname) == oname else ""
            once = "; acts once" if option.actions else ""
            lines.append(f"#     {oname:<11} {option.label} ({option.capital} capital{once}){mark}")
    lines += ["", 'team: "Group A"          # your team\'s name: it labels every figure of the debrief',
              f"exercise: {name if name.isidentifier() else json.dumps(name)}",
              'description: ""          # one line: your strategy', "decisions:"]
    for i, phase in enumerate(plan, 1):
        c = "" if i == 1 else "# "
        o = "# "  # options: commented, the scenario's setting shown
        money = status_quo_money(cfg, phase.budget)
        inline = ", ".join(f"{k}: {v:g}" for k, v in money.items())
        body = [(f'  {c}"{phase.label}":',
                 f"decision point {i}, {long_date(phase.label)} (month {phase.month}): budget US${phase.budget:g}m "
                 f"for two years, {phase.capital} points of capital"),
                (f"    {c}money: {{{inline}}}", f"US$ million; total at most {phase.budget:g}")]
        for fname, family in exercise.families.items():
            if expired(family, phase, start):
                continue
            choices = " | ".join(f"{o} {opt.capital}" for o, opt in family.options.items())
            body.append((f"    {o}{fname}: {quo.get(fname, next(iter(family.options)))}", f"{choices}  (capital)"))
        width = max(len(code) for code, _ in body[2:]) + 2
        lines += [f"{code.ljust(width) if len(code) < width else code + '   '}# {comment}" for code, comment in body]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- the brief
@dataclass
class CountryBrief:
    """What the brief's sections show: the case, its scenario, the decision points and the
    starting state simulated for them."""

    name: str  # how the case is named: a shipped case's name or its folder's path
    exercise: Exercise
    cfg: Config
    plan: list[Phase]
    state: StartingState
    figures: dict[str, Path] = field(default_factory=dict)

    @property
    def start(self) -> str:
        return self.cfg.calendar.start

    @property
    def before(self) -> int:
        """The last month before the first decision point."""
        return self.state.month


def write_brief(name: str | Path, out: Path, overwrite: bool = False, progress: Progress | None = None,
                replicates: int = 20) -> list[Path]:
    """Write the country brief of exercise ``name`` (a shipped case or a case folder) into
    ``out``; return the files written.

    ``progress(done, total)`` is called after each of the ``replicates`` replicates simulated
    for the starting indicators. Refuses (``OutputExists``) to replace an existing brief unless
    ``overwrite``.
    """
    exercise, cfg = load_exercise(name)
    out = Path(out)
    refuse_overwrite(out, [*FILES, *(f"figures/{f}" for f in FIGURES)], overwrite, "a brief")
    if progress is not None and (note := _calendar_note(cfg)):
        progress(note)
    out.mkdir(parents=True, exist_ok=True)
    plan = phases(exercise, cfg)
    state = simulate_start(cfg, max(plan[0].month - 1, 0), replicates, progress)
    brief = CountryBrief(exercise.name, exercise, cfg, plan, state)
    brief.figures = _draw_figures(brief, out / "figures")
    doc = Document(f"Country brief: {exercise.title}")
    for section in (_opening, _situation_section, _facts_section, _starting_section, _timeline_section,
                    _menu_section, _how_to_play_section, _grounds_section, _annex):
        section(doc, brief)
    written = doc.write(out, "brief")
    template = out / "team_template.yaml"
    write_text(template, team_template(brief.name, exercise, cfg, plan))
    return [*written, template, *brief.figures.values()]


def _calendar_note(cfg) -> str:
    """A case author's reminder, or "": a scenario that lists its elections still holds those of
    the regular calendar (``context.government.election_cycle_months``) unless the cycle is 0,
    which is easy to miss (the timeline marks them all)."""
    listed = any(e.kind == "election" for e in cfg.events)
    regular = EventSchedule(cfg).regular_elections
    if not (listed and regular):
        return ""
    months = ", ".join(label_of(m, cfg.calendar.start) for m in regular)
    return (f"note: besides the elections the scenario lists, the regular calendar "
            f"(context.government.election_cycle_months = {cfg.context.government.election_cycle_months}) "
            f"holds elections in {months}; set it to 0 in the scenario to hold only the listed ones")


def _draw_figures(brief: CountryBrief, folder: Path) -> dict[str, Path]:
    """The start figure and the timeline, saved in ``folder``."""
    start, before, state = brief.start, brief.before, brief.state
    holdout = brief.exercise.brief.holdout or ", ".join(
        s.name for s in brief.cfg.context.spoilers if s.kind == "armed_holdout")
    title = (f"Before the first decision: {label_of(0, start)} to {label_of(before, start)}, median and 5–95% of "
             f"{state.replicates} replicates")
    return {"start": save_figure(start_figure(state.timeseries, before, start, title, holdout), folder / "start.png"),
            "timeline": save_figure(timeline_figure(brief.cfg, brief.plan), folder / "timeline.png")}


def _opening(doc: Document, brief: CountryBrief) -> None:
    """The case, its calendar and decision points, and the contents."""
    start, cfg, plan = brief.start, brief.cfg, brief.plan
    doc.para("Month 0 of the simulation is "
             f"{long_date(label_of(0, start))}, the run lasts {cfg.months} months (to "
             f"{long_date(label_of(cfg.months, start))}). Teams decide at {len(plan)} points: "
             + ", ".join(long_date(p.label) for p in plan) + ".")
    doc.para("Contents: 1 the situation; 2 facts and their sources; 3 starting indicators at the first "
             "decision; 4 timeline of scheduled events; 5 the decision menu and what money buys; 6 how to fill "
             "in and run your team's file; 7 what is sourced and what is assumed; annex: the scenario's "
             "parameter sheet (for facilitators).")


def _situation_section(doc: Document, brief: CountryBrief) -> None:
    """The case's one-page narrative: where things stand at the first decision point."""
    doc.heading("1. The situation")
    for paragraph in (brief.exercise.situation or "(no narrative in the exercise definition)").strip().split("\n\n"):
        doc.para(" ".join(paragraph.split()))


def _facts_section(doc: Document, brief: CountryBrief) -> None:
    """The published facts behind the scenario, each with its source."""
    doc.heading("2. Facts and their sources", page_break=True)
    references = " ".join(brief.exercise.references.split())
    doc.para("Published facts behind the scenario, each with its source." + (f" {references}" if references else "")
             + " Facts dated after the first decision point are what actually happened: the scenario schedules "
             "the dated political events the same way for every team (section 4), but violence, confidence and "
             "reform are for the model, and your decisions, to produce.")
    doc.table(["when", "fact", "source"], [[f.when, f.fact, f.source] for f in brief.exercise.facts])


def _starting_section(doc: Document, brief: CountryBrief) -> None:
    """Where things stand at the first decision point, simulated without decisions."""
    start, before, replicates = brief.start, brief.before, brief.state.replicates
    doc.heading(f"3. Starting indicators at the first decision ({long_date(brief.plan[0].label)})", page_break=True)
    doc.para(f"The scenario without any decision, {replicates} replicates, from {long_date(label_of(0, start))} "
             f"to the end of {long_date(label_of(before, start))}: median and the range of 90% of the replicates. "
             "Decisions act only from their decision point on, so these months are the same in every team's "
             f"run (replicates 0–{replicates - 1}). Fighters are the model's individuals: the signatory "
             "movements and the government soldiers listed for demobilisation wait as combatants until DDR "
             "intake starts; the holdout's fighters are counted under a spoiler.")
    doc.table(["", "indicator", "median", "5–95%"], starting_rows(brief.state), numeric=(2, 3))
    doc.figure(brief.figures["start"], f"The first {before + 1} months without decisions (median line, 5–95% "
               "band).", "figures/start.png")


def _timeline_section(doc: Document, brief: CountryBrief) -> None:
    """What is scheduled, the same for every team, as a table and a chart."""
    doc.heading("4. Timeline of scheduled events", page_break=True)
    doc.para("The same for every team. Scenario events are fixed; the peacekeeping mission's and the donors' "
             "calendar is part of the scenario; decisions are yours.")
    doc.table(["date", "month", "what", "note", "from"],
              [[long_date(label_of(m, brief.start)), m, what, note, frm]
               for m, what, note, frm in timeline_rows(brief.cfg, brief.plan)], numeric=(1,))
    doc.figure(brief.figures["timeline"], "Processes that run side by side (after the chart in 002:107): "
               "peacekeeping, DDR, donors, the armed holdout, elections and the decision points.",
               "figures/timeline.png")


def _how_to_play_section(doc: Document, brief: CountryBrief) -> None:
    """How a team fills in its decision file and runs it, or plays at the prompt."""
    doc.heading("6. How to fill in and run your team's file", page_break=True)
    doc.para("`team_template.yaml` next to this brief is a decision file that already loads: as it is, it keeps "
             "the scenario's own settings at every decision point. Copy it, give your team a name, change the money "
             "line, and uncomment the options you choose (a family you leave commented keeps the scenario's "
             "setting and costs no capital). To decide at a later decision point, uncomment its line and the lines "
             "you change. The play command checks the file first and names any mistake (an unknown option, money "
             "above the budget, too much political capital). Interactive play asks the same questions at the "
             "prompt, one decision point at a time, and writes the decision file for you.")
    doc.code(commands(brief.name), "sh")
    doc.para(f"A play runs 40 replicates of the {brief.cfg.months} months and writes a run folder with your "
             "decisions. The debrief needs 40 replicates per team, played on the same seed (the default), so that "
             "every team faces the same luck.")


def _grounds_section(doc: Document, brief: CountryBrief) -> None:
    """How much of the scenario is sourced, how much assumed, and what the model leaves out."""
    doc.heading("7. What is sourced and what is assumed")
    rows, uncovered = parameter_sheet(brief.cfg, scenario_file(brief.exercise))
    kinds = {k: sum(r[3] == k for r in rows) for k in ("sourced", "sourced, part assumed", "assumption", "run setting")}
    doc.para(f"The scenario sets {len(rows)} documented values (annex): {kinds['sourced']} sourced, "
             f"{kinds['sourced, part assumed']} sourced in part (the source gives some of the value, the rest is "
             f"assumed), {kinds['assumption']} assumptions and {kinds['run setting']} run settings. Everything "
             "the scenario does not set is the model's default (docs/parameters.md), including the behaviour "
             "parameters calibrated to the published relapse rates (docs/validation.md). The decision menu's "
             "options, political capital and costs are exercise design: each family names its source, the "
             "capital costs are assumptions.")
    text = brief.exercise.brief
    doc.bullets([f"{label}: {' '.join(body.split())}" for label, body in (
        ("Sourced", text.sourced), ("Assumed", text.assumed), ("Not represented at all", text.not_represented))
        if body.strip()])
    if uncovered:
        doc.note("Values the scenario file sets without a `sources` entry: " + ", ".join(f"`{p}`" for p in uncovered))


def _annex(doc: Document, brief: CountryBrief) -> None:
    """Every value the scenario sets, with its source or the reason for the assumption."""
    path = scenario_file(brief.exercise)
    shown = path.relative_to(CONFIG_DIR.parent) if path.is_relative_to(CONFIG_DIR.parent) else path
    rows, _ = parameter_sheet(brief.cfg, path)
    doc.heading("Annex for facilitators: the scenario's parameter sheet", page_break=True)
    doc.para(f"Every value `{shown.as_posix()}` sets, with its source or the reason for the assumption (the "
             "scenario's `sources`). This annex is for facilitators who adapt the scenario: it names each value "
             "by its path in the configuration files; participants need nothing in it.")
    doc.table(["value", "set to", "source", ""], rows)


def commands(name: str) -> str:
    """The commands of a session, as the ``ssrsim exercise`` defaults name the folders."""
    folder = f"exercise/{Path(name).name}_brief"
    choose = "" if exercises() == [name] else f" --exercise {name}"
    return "\n".join([
        f"ssrsim exercise brief {name}                       # this brief: {folder}/",
        f"cp {folder}/team_template.yaml group_a.yaml   # one decision file per team",
        "ssrsim exercise play group_a.yaml                    # checks it, 40 replicates -> exercise/group_a/",
        f'ssrsim exercise play --interactive --team "Group B" --replicates 40{choose}   # or decide at the prompt',
        "ssrsim exercise debrief exercise/group_a exercise/group_b   # plenary pack -> exercise/debrief/",
    ])


def _fmt_option(option: Option) -> str:
    """When and how an option acts, in words: participants read the label for what it sets and
    whom it concerns, never the model's lever paths (the case's exercise.yaml has them)."""
    acts = [ACTIONS[a.kind] for a in option.actions]
    if option.levers:
        acts.append("its settings hold from the decision point on" if acts else "from the decision point on")
    return "; ".join(acts) or "nothing new: keeps the course"


def _menu_section(doc: Document, brief: CountryBrief) -> None:
    """The decision menu: how capital works, the budgets, the families and what money buys."""
    doc.heading("5. The decision menu and what money buys", page_break=True)
    doc.para("At each decision point your team splits the donors' money for the next two years and chooses one "
             "option per family. Options cost political capital: goodwill with the government and the armed "
             "actors. Every option in force costs its points again at every decision point, unless it is the "
             "scenario's own setting (marked \"scenario\" below: keeping the course is free), and at most "
             f"{brief.exercise.political_capital} points are available at each; capital is not carried over. A "
             "family you do not name keeps its previous option. Decisions enter the model only as lever settings "
             "from their decision point on and, for the options that act, as one act at the decision point where "
             "they are chosen: an offer to an armed group, power shared with a party. Such an act is not repeated "
             "while the option is merely kept; choosing the option again at a later decision point repeats it and "
             "costs its capital again.")
    _budget_tables(doc, brief)
    _family_tables(doc, brief)
    _what_money_buys(doc, brief.cfg)


def _budget_tables(doc: Document, brief: CountryBrief) -> None:
    """Each decision point's budget and the scenario's own split of it, and the donors behind it."""
    cfg, start = brief.cfg, brief.start
    doc.heading("Decision points and budgets", 3)
    rows = []
    for i, p in enumerate(brief.plan, 1):
        money = status_quo_money(cfg, p.budget)
        rows.append([f"D{i}", long_date(p.label), p.month, f"{p.budget:g}", p.capital,
                     ", ".join(f"{MONEY_WORDS[k]} {v:g}" for k, v in money.items())])
    doc.table(["", "decision point", "month", "budget, US$ million for two years", "capital",
               "the scenario's own split (US$ million)"], rows, numeric=(2, 3, 4))
    exits = {e.target: e.month for e in cfg.events if e.kind == "donor_exit"}
    f = cfg.levers.funding
    doc.para("The budget is the donors' envelopes over the two years after the decision point, counting only "
             "the months each donor is present:")
    doc.table(["donor", "US$ million a year", "from", "until", "source"],
              [[d.called, f"{f.annual_envelope * d.envelope_scale:g}", long_date(label_of(d.cycle_offset, start)),
                long_date(label_of(exits[d.name], start)) if d.name in exits else "the end",
                cfg.sources.get(f"context.donors.{d.name}", "")] for d in cfg.context.donors], numeric=(1,))


def _family_tables(doc: Document, brief: CountryBrief) -> None:
    """Each decision family: its question and source, and its options with their cost and what they do.
    Participants read the question and the options' labels; the code names they write in the team
    file are listed in the template."""
    quo = status_quo_options(brief.exercise, brief.cfg)
    doc.heading("Decision families", 3)
    for fname, family in brief.exercise.families.items():
        until = f" Available until {long_date(family.available_until)}." if family.available_until else ""
        doc.para(f"**{family.question}** Source: {family.source}.{until}")
        doc.table(["option", "capital", "what it does in the model"],
                  [[opt.label + (" (scenario)" if quo.get(fname) == o else ""), opt.capital,
                    _fmt_option(opt)] for o, opt in family.options.items()], numeric=(1,))


def _what_money_buys(doc: Document, cfg: Config) -> None:
    """What each programme's money does in the model, with its cost per participant."""
    p = cfg.params
    cost = p.donors.reintegration_cost * 1e6
    doc.heading("What money buys in the model", 3)
    doc.bullets([
        f"**DDR** money fills the DDR fund. A month of reintegration costs US${cost:,.0f} per participant "
        f"({DonorParams.model_fields['reintegration_cost'].json_schema_extra['source']}); "
        f"reinsertion support half that for the first {cfg.levers.ddr.reinsertion_months} months "
        "after discharge. For example 8,000 places for 12 months cost "
        f"US${8000 * 12 * cost / 1e6:.1f}m; 16,000 places for 24 months US${16000 * 24 * cost / 1e6:.1f}m. "
        "When the fund runs short, participants pause (a funding cliff for them). Once no DDR caseload is "
        "left, donors put the DDR share into capacity and governance.",
        "**Capacity** money trains and equips the forces, shared by size: half the attainable gain at "
        f"US${p.forces.capacity_half_saturation:g}m a year, and it "
        "turns into national capacity only as far as political will and pay allow. Frustrated donors implement "
        "part of it themselves, which builds capacity they hold, not the nation (003:1754).",
        "**Governance** money raises the forces' integrity (half effect at US$6m a year) and funds media and "
        "NGOs (half at US$4m a year); oversight bodies cannot exceed the oversight strength your choices set.",
        "**Quick wins** raise perceived safety and confidence at once (up to "
        f"{p.donors.quick_win_effect:g}; half at US$3m a year) but slowly co-opt predatory actors, eroding "
        "integrity (004:99-101).",
        "Money is a yearly flow in the model: US$12m over two years is US$6m a year. Part of the capacity and "
        "governance money is lost to poor donor coordination. Each donor applies your split when it commits its "
        "next two-year cycle, so a new split takes effect cycle by cycle; money you leave unallocated lowers "
        "the envelopes.",
    ])
