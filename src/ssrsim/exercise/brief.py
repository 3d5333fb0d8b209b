"""The country brief of an exercise: what a participant reads before playing, and a team template.

``write_brief(name, out)`` writes into ``out``:

    brief.md            the brief in Markdown (figures in ``figures/``)
    brief.html          the same, self-contained and printable (inline CSS, figures embedded)
    team_template.yaml  a commented decision file that loads as it is (the scenario's own
                        settings at every decision point) and that a team edits
    figures/            start.png (the first months, no decisions), timeline.png (the scheduled
                        processes)

Everything comes from the exercise definition (``configs/exercise/<name>/exercise.yaml``: the
situation, the sourced facts, the menu) and its scenario (values, ``sources``, events). The
starting indicators are simulated: the scenario without any decision, ``replicates`` replicates
up to the month before the first decision point. Decisions only act from their decision point
on, so these are exactly the first months of every team's replicates 0..replicates-1.

The module follows the brief's material, in the order it is put together:

    the parameter sheet  every value the scenario sets, with its source or why it is assumed
    the starting state   the scenario without decisions up to the first decision point
    the timeline         scheduled events, the mission's and donors' calendar, decision points
    the template         the decision file a team copies, each family showing the scenario's
                         own option (``menu.status_quo_options``), which costs no capital
    the brief            ``write_brief`` and its sections

The Markdown and HTML come from :mod:`ssrsim.exercise.document`, shared with the debrief.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from matplotlib.figure import Figure
from pydantic import BaseModel

from ..config import SERVICES, Config, paths
from ..config.calendar import dates as calendar_dates
from ..config.calendar import label_of, long_date
from ..config.compose import CONFIG_DIR
from ..config.params import DonorParams
from ..model import STATUSES
from ..run.files import save_figure, write_text
from .decisions import expired, money_from_levers
from .document import Document, fmt_number, refuse_overwrite
from .menu import MONEY, Exercise, Phase, load_exercise, phases, status_quo_options

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


def parameter_sheet(cfg: Config, scenario: str) -> tuple[list[list[str]], list[str]]:
    """Rows (key, value, source, sourced/assumed) for every ``sources`` entry, and the paths the
    scenario file sets that no ``sources`` entry covers."""
    rows = []
    for key, source in cfg.sources.items():
        if key.startswith("events."):
            value = "dated events: see the timeline"
        else:
            found = paths.get(cfg, key)
            value = "?" if found is None else _fmt_value(found)
        rows.append([f"`{key}`", value, source, source_kind(source)])
    uncovered = []
    path = CONFIG_DIR / "scenario" / f"{scenario}.yaml"
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


def start_figure(state: StartingState, start: str, title: str) -> Figure:
    """Four small panels of the months before the first decision (median and 5–95% band)."""
    from ..run.analysis import bands
    from ..run.figures import CONFIDENCE_SERIES

    ts = state.timeseries
    dates = calendar_dates(start, state.month)
    cols = ["battle_deaths", "public_confidence", *(f"confidence_{s}" for s in SERVICES),
            "political_will", "legitimacy", "effectiveness_index", "accountability_index",
            "peacekeepers", "spoiler_fighters"]
    b = bands(ts, cols)
    fig = Figure(figsize=(12, 7.5), layout="constrained")
    axes = fig.subplots(2, 2)

    def draw(ax, variables: dict[str, tuple[str, str]], ylabel: str, panel: str) -> None:
        for var, (label, colour) in variables.items():
            d = b[b["variable"] == var]
            x = dates[d["month"].to_numpy()]
            ax.fill_between(x, d["q05"], d["q95"], color=colour, alpha=0.15, linewidth=0)
            ax.plot(x, d["q50"], color=colour, linewidth=2, label=label)
        ax.set_title(panel, fontsize=13)
        ax.set_ylabel(ylabel, fontsize=11)
        ax.tick_params(labelsize=10)
        ax.tick_params(axis="x", rotation=30)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=10, loc="best")

    draw(axes[0, 0], {"battle_deaths": ("Battle deaths", "#D55E00")}, "per month", "Violence")
    draw(axes[0, 1], CONFIDENCE_SERIES, "share who trust", "Public confidence")
    axes[0, 1].set_ylim(0, 1)
    draw(axes[1, 0], {"political_will": ("Political will", "#000000"), "legitimacy": ("Legitimacy", "#CC79A7"),
                      "effectiveness_index": ("Effectiveness", "#0072B2"),
                      "accountability_index": ("Accountability", "#009E73")}, "0–1", "Government and forces")
    axes[1, 0].set_ylim(0, 1)
    draw(axes[1, 1], {"peacekeepers": ("Peacekeepers", "#56B4E9"),
                      "spoiler_fighters": ("Spoiler fighters (FNL)", "#D55E00")}, "people", "Peacekeepers and holdout")
    axes[1, 1].set_ylim(bottom=0)
    fig.suptitle(title, fontsize=15)
    return fig


# --------------------------------------------------------------------------- the timeline
def _event_text(e) -> str:
    """A scenario event as one line of the timeline."""
    if e.kind == "set_lever":
        return f"{e.path} = {e.value:g}"
    if e.kind == "ceasefire":
        return f"ceasefire with {e.target} ({e.value:g} months)"
    if e.kind in ("peace_deal", "donor_exit"):
        return f"{e.kind.replace('_', ' ')}: {e.target}"
    return e.kind.replace("_", " ")


def timeline_rows(exercise: Exercise, cfg: Config, plan: list[Phase]) -> list[tuple[int, str, str, str]]:
    """(month, what, note, where it comes from) for every scheduled event, the mission's and the
    donors' calendar and the decision points, in date order."""
    rows = [(e.month, _event_text(e), e.note, "scenario event") for e in cfg.events]
    pk = cfg.context.peacekeeping
    if pk.initial_troops is not None and pk.full_strength_month > 0:
        rows.append((0, f"peacekeepers: {pk.initial_troops:,} troops", "first mission", "context.peacekeeping"))
        rows.append((pk.full_strength_month, f"peacekeepers at full strength: {pk.troops:,}", "",
                     "context.peacekeeping"))
    rows.append((pk.mandate_months, "peacekeeping mandate ends: drawdown starts",
                 "unless a team asks for more time", "context.peacekeeping"))
    rows.append((pk.mandate_months + pk.drawdown_months, "last peacekeepers leave",
                 "unless a team asks for more time", "context.peacekeeping"))
    for d in cfg.context.donors:
        envelope = cfg.levers.funding.annual_envelope * d.envelope_scale
        rows.append((d.cycle_offset, f"donor {d.name} commits its first cycle",
                     f"US${envelope:g}m a year in {cfg.levers.funding.cycle_months}-month cycles", "context.donors"))
    for i, p in enumerate(plan, 1):
        rows.append((p.month, f"**decision point {i}**",
                     f"budget US${p.budget:g}m for two years; {p.capital} points of political capital", "exercise"))
    return sorted(rows, key=lambda r: (r[0], r[3] != "scenario event"))


def timeline_figure(exercise: Exercise, cfg: Config, plan: list[Phase]) -> Figure:
    """The processes that run side by side (after 002:107): peacekeeping, DDR, donors, the FNL
    track, elections and the decision points, on the calendar."""
    months = cfg.months
    dates = calendar_dates(cfg.calendar.start, months + 1)
    fig = Figure(figsize=(13, 6.2), layout="constrained")
    ax = fig.add_subplot()
    lanes: list[str] = []

    def lane(name: str) -> int:
        if name not in lanes:
            lanes.append(name)
        return lanes.index(name)

    def bar(name: str, a: int, b: int, colour: str, alpha: float = 0.8, text: str = "") -> None:
        y = lane(name)
        a, b = max(0, a), min(months, b)
        if b <= a:
            return
        ax.barh(y, dates[b] - dates[a], left=dates[a], height=0.55, color=colour, alpha=alpha)
        if text:
            ax.text(dates[a], y, " " + text, va="center", fontsize=9)

    pk = cfg.context.peacekeeping
    name = "Peacekeeping"
    if pk.initial_troops is not None and pk.full_strength_month > 0:
        bar(name, 0, pk.full_strength_month, "#56B4E9", 0.5, f"{pk.initial_troops:,}")
    bar(name, pk.full_strength_month if pk.initial_troops is not None else 0, pk.mandate_months,
        "#56B4E9", 0.9, f"{pk.troops:,}")
    bar(name, pk.mandate_months, pk.mandate_months + pk.drawdown_months, "#56B4E9", 0.4, "drawdown")
    ddr_start = min((e.month for e in cfg.events if e.kind == "set_lever"
                     and e.path == "levers.ddr.demobilization_per_month" and (e.value or 0) > 0),
                    default=0 if cfg.levers.ddr.demobilization_per_month > 0 else None)
    exits = {e.target: e.month for e in cfg.events if e.kind == "donor_exit"}
    if ddr_start is not None:
        bar("DDR", ddr_start, months, "#E69F00", 0.8, "intake and reintegration")
    for d in cfg.context.donors:
        bar(f"Donor: {d.name}", d.cycle_offset, exits.get(d.name, months), "#009E73", 0.7)
    for s in cfg.context.spoilers:
        if s.kind != "armed_holdout":
            continue
        y = lane(f"Holdout: {s.name}")
        deal = min((e.month for e in cfg.events if e.target == s.name and e.kind == "peace_deal"), default=months)
        bar(f"Holdout: {s.name}", 0, deal, "#D55E00", 0.25)
        for e in cfg.events:
            if e.target == s.name and e.kind == "ceasefire":
                bar(f"Holdout: {s.name}", e.month, e.month + int(e.value or 0), "#0072B2", 0.8, "ceasefire")
            if e.target == s.name and e.kind == "peace_deal":
                ax.plot([dates[e.month]], [y], marker="*", markersize=16, color="#000000")
                ax.text(dates[e.month], y + 0.35, "peace deal", fontsize=9, ha="center")
    y = lane("Elections")
    for e in cfg.events:
        if e.kind == "election":
            ax.plot([dates[e.month]], [y], marker="D", markersize=10, color="#CC79A7")
            ax.text(dates[e.month], y + 0.35, dates[e.month].strftime("%Y"), fontsize=9, ha="center")
    for i, p in enumerate(plan, 1):
        ax.axvline(dates[p.month], color="#333333", linestyle="--", linewidth=1)
        ax.text(dates[p.month], -0.9, f"D{i}", ha="center", fontsize=10, fontweight="bold")
    ax.set_yticks(range(len(lanes)), lanes, fontsize=10)
    ax.set_ylim(len(lanes) - 0.4, -1.3)
    ax.set_xlim(dates[0], dates[months])
    ax.tick_params(axis="x", labelsize=10)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(f"Scheduled processes and decision points D1–D{len(plan)}", fontsize=13)
    return fig


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
            lines.append(f"#     {oname:<11} {option.label} ({option.capital} capital){mark}")
    lines += ["", 'team: "Group A"          # your team\'s name: it labels every figure of the debrief',
              f"exercise: {name}", 'description: ""          # one line: your strategy', "decisions:"]
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
def commands(name: str) -> str:
    """The commands of a session, as the ``ssrsim exercise`` defaults name the folders."""
    return "\n".join([
        f"ssrsim exercise brief {name}                       # this brief: exercise/{name}_brief/",
        f"cp exercise/{name}_brief/team_template.yaml group_a.yaml   # one decision file per team",
        "ssrsim exercise play group_a.yaml                    # checks it, 40 replicates -> exercise/group_a/",
        'ssrsim exercise play --interactive --team "Group B" --replicates 40   # or decide at the prompt',
        "ssrsim exercise debrief exercise/group_a exercise/group_b   # plenary pack -> exercise/debrief/",
    ])


def write_brief(name: str, out: Path, overwrite: bool = False, progress: Progress | None = None,
                replicates: int = 20) -> list[Path]:
    """Write the country brief of exercise ``name`` into ``out``; return the files written.

    ``progress(done, total)`` is called after each of the ``replicates`` replicates simulated
    for the starting indicators. Refuses (``OutputExists``) to replace an existing brief unless
    ``overwrite``.
    """
    exercise, cfg = load_exercise(name)
    out = Path(out)
    refuse_overwrite(out, [*FILES, *(f"figures/{f}" for f in FIGURES)], overwrite, "a brief")
    out.mkdir(parents=True, exist_ok=True)
    plan = phases(exercise, cfg)
    start = cfg.calendar.start or "0000-01"
    first = plan[0]
    before = max(first.month - 1, 0)
    state = simulate_start(cfg, before, replicates, progress)

    figures = out / "figures"
    start_png = save_figure(start_figure(state, start, f"Before the first decision: {label_of(0, start)} to "
                                         f"{label_of(before, start)}, median and 5–95% of {replicates} replicates"),
                            figures / "start.png")
    timeline_png = save_figure(timeline_figure(exercise, cfg, plan), figures / "timeline.png")

    doc = Document(f"Country brief: {exercise.title}")
    doc.para(f"Exercise `{name}`, scenario `{exercise.scenario}`: month 0 is {long_date(label_of(0, start))}, "
             f"the run lasts {cfg.months} months (to {long_date(label_of(cfg.months, start))}). "
             f"Teams decide at {len(plan)} points: "
             + ", ".join(long_date(p.label) for p in plan) + ".")
    doc.para("Contents: 1 the situation; 2 facts and their sources; 3 starting indicators at the first "
             "decision; 4 timeline of scheduled events; 5 the decision menu and what money buys; 6 how to fill "
             "in and run your team's file; 7 what is sourced and what is assumed; annex: the scenario's "
             "parameter sheet.")

    doc.heading("1. The situation")
    for paragraph in (exercise.situation or "(no narrative in the exercise definition)").strip().split("\n\n"):
        doc.para(" ".join(paragraph.split()))

    doc.heading("2. Facts and their sources", page_break=True)
    doc.para("Published facts behind the scenario (evidence.md §3). Facts dated after the first decision "
             "point are what actually happened: the scenario schedules the dated political events the same "
             "way for every team (section 4), but violence, confidence and reform are for the model, and your "
             "decisions, to produce.")
    doc.table(["when", "fact", "source"], [[f.when, f.fact, f.source] for f in exercise.facts])

    doc.heading(f"3. Starting indicators at the first decision ({long_date(first.label)})", page_break=True)
    doc.para(f"The scenario without any decision, {replicates} replicates, from {long_date(label_of(0, start))} "
             f"to the end of {long_date(label_of(before, start))}: median and the range of 90% of the replicates. "
             "Decisions act only from their decision point on, so these months are the same in every team's "
             f"run (replicates 0–{replicates - 1}). Fighters are the model's individuals: the signatory "
             "movements and the government soldiers listed for demobilisation wait as `combatant` until DDR "
             "intake starts; the holdout's fighters are counted under a spoiler.")
    doc.table(["", "indicator", "median", "5–95%"], starting_rows(state), numeric=(2, 3))
    doc.figure(start_png, f"The first {before + 1} months without decisions (median line, 5–95% band).",
               "figures/start.png")

    doc.heading("4. Timeline of scheduled events", page_break=True)
    doc.para("The same for every team. Scenario events are fixed; the mission's and donors' calendar comes "
             "from the scenario's context; decisions are yours.")
    doc.table(["date", "month", "what", "note", "from"],
              [[long_date(label_of(m, start)), m, what, note, frm]
               for m, what, note, frm in timeline_rows(exercise, cfg, plan)], numeric=(1,))
    doc.figure(timeline_png, "Processes that run side by side (after the ISSAT chart of 002:107): "
               "peacekeeping, DDR, donors, the armed holdout, elections and the decision points.",
               "figures/timeline.png")

    _menu_section(doc, exercise, cfg, plan)

    doc.heading("6. How to fill in and run your team's file", page_break=True)
    doc.para("`team_template.yaml` next to this brief is a decision file that already loads: as it is, it keeps "
             "the scenario's own settings at every decision point. Copy it, give your team a name, change the money "
             "line, and uncomment the options you choose (a family you leave commented keeps the scenario's "
             "setting and costs no capital). To decide at a later decision point, uncomment its line and the lines "
             "you change. The play command checks the file first and names any mistake (an unknown option, money "
             "above the budget, too much political capital). Interactive play asks the same questions at the "
             "prompt, one decision point at a time, and writes the decision file for you.")
    doc.code(commands(name), "sh")
    doc.para(f"A play runs 40 replicates of the {cfg.months} months (about 20 s on two cores; interactive play "
             "about 5 s at each decision point) and writes a run folder with your decisions. The debrief needs "
             "40 replicates per team, played on the same seed (the default), so that every team faces the same "
             "luck.")

    doc.heading("7. What is sourced and what is assumed")
    rows, uncovered = parameter_sheet(cfg, exercise.scenario)
    kinds = {k: sum(r[3] == k for r in rows) for k in ("sourced", "sourced, part assumed", "assumption", "run setting")}
    doc.para(f"The scenario sets {len(rows)} documented values (annex): {kinds['sourced']} sourced, "
             f"{kinds['sourced, part assumed']} sourced in part (the source gives some of the value, the rest is "
             f"assumed), {kinds['assumption']} assumptions and {kinds['run setting']} run settings. Everything "
             "the scenario does not set is the model's default (docs/parameters.md), including the behaviour parameters calibrated to the published relapse "
             "rates (docs/validation.md). The decision menu's options, political capital and costs are "
             "exercise design: each family names its source, the capital costs are assumptions.")
    doc.bullets([
        "Sourced: the dates of the agreements, the DDR launch, the elections, the FNL ceasefires and deal, "
        "the MDRP's closing and the donors' arrivals; the force sizes and targets; the integration rules; "
        "ONUB's size and dates; the DDR terms and cost per participant.",
        "Assumed: the model's behaviour (how fast trust, will and capacity move), the starting capacity and "
        "integrity of the forces, the economy, the spoilers' resources, the split of the caseload between "
        "factions, the donors' sizes beyond the MDRP's, and the provinces (17 as in Burundi, but a stylised "
        "network and population).",
        "Not represented at all: ethnicity (integration caps apply to factions), refugees, transitional "
        "justice, an intelligence service, rivalry inside the army between former enemies, regional backers "
        "as actors (docs/model.md §3).",
    ])
    if uncovered:
        doc.note("Values the scenario file sets without a `sources` entry: " + ", ".join(f"`{p}`" for p in uncovered))

    doc.heading("Annex: the scenario's parameter sheet", page_break=True)
    doc.para(f"Every value `configs/scenario/{exercise.scenario}.yaml` sets, with its source or the reason "
             "for the assumption (the scenario's `sources`).")
    doc.table(["value", "set to", "source", ""], rows)

    written = doc.write(out, "brief")
    template = out / "team_template.yaml"
    write_text(template, team_template(name, exercise, cfg, plan))
    return [*written, template, start_png, timeline_png]


def _fmt_levers(levers: dict[str, float]) -> str:
    """What an option sets, as the menu table shows it."""
    return "; ".join(f"{p.removeprefix('levers.')} = {v:g}" for p, v in levers.items())


def _menu_section(doc: Document, exercise: Exercise, cfg: Config, plan: list[Phase]) -> None:
    """Section 5: decision points and budgets, the donors behind them, the families, what money buys."""
    start = cfg.calendar.start
    quo = status_quo_options(exercise, cfg)
    doc.heading("5. The decision menu and what money buys", page_break=True)
    doc.para("At each decision point your team splits the donors' money for the next two years and chooses one "
             "option per family. Options cost political capital: goodwill with the government and the armed "
             "actors. Every option in force costs its points again at every decision point, unless it is the "
             "scenario's own setting (marked \"scenario\" below: keeping the course is free), and at most "
             f"{exercise.political_capital} points are available at each; capital is not carried over. A family "
             "you do not name keeps its previous option. Decisions enter the model only as lever settings from "
             "their decision point on.")
    doc.heading("Decision points and budgets", 3)
    rows = []
    for i, p in enumerate(plan, 1):
        money = status_quo_money(cfg, p.budget)
        rows.append([f"D{i}", long_date(p.label), p.month, f"{p.budget:g}", p.capital,
                     ", ".join(f"{k} {v:g}" for k, v in money.items())])
    doc.table(["", "decision point", "month", "budget, US$ million for two years", "capital",
               "the scenario's own split (US$ million)"], rows, numeric=(2, 3, 4))
    exits = {e.target: e.month for e in cfg.events if e.kind == "donor_exit"}
    f = cfg.levers.funding
    doc.para("The budget is the donors' envelopes over the two years after the decision point, counting only "
             "the months each donor is present:")
    doc.table(["donor", "US$ million a year", "from", "until", "source"],
              [[d.name, f"{f.annual_envelope * d.envelope_scale:g}", long_date(label_of(d.cycle_offset, start)),
                long_date(label_of(exits[d.name], start)) if d.name in exits else "the end",
                cfg.sources.get(f"context.donors.{d.name}", "")] for d in cfg.context.donors], numeric=(1,))

    doc.heading("Decision families", 3)
    for fname, family in exercise.families.items():
        until = f" Available until {long_date(family.available_until)}." if family.available_until else ""
        doc.para(f"**{fname}: {family.question}** Source: {family.source}.{until}")
        doc.table(["option", "label", "capital", "what it sets in the model"],
                  [[f"`{o}`" + (" (scenario)" if quo.get(fname) == o else ""), opt.label, opt.capital,
                    _fmt_levers(opt.levers)] for o, opt in family.options.items()], numeric=(2,))

    p = cfg.params
    cost = p.donors.reintegration_cost * 1e6
    doc.heading("What money buys in the model", 3)
    doc.bullets([
        f"**DDR** money fills the DDR fund. A month of reintegration costs US${cost:,.0f} per participant "
        f"(`params.donors.reintegration_cost` = {p.donors.reintegration_cost:g} US$ million; "
        f"{DonorParams.model_fields['reintegration_cost'].json_schema_extra['source']}); "
        "reinsertion support half that for the first `reinsertion_months` "
        f"({cfg.levers.ddr.reinsertion_months}) after discharge. For example 8,000 places for 12 months cost "
        f"US${8000 * 12 * cost / 1e6:.1f}m; 16,000 places for 24 months US${16000 * 24 * cost / 1e6:.1f}m. "
        "When the fund runs short, participants pause (a funding cliff for them). Once no DDR caseload is "
        "left, donors put the DDR share into capacity and governance.",
        "**Capacity** money trains and equips the forces, shared by size: half the attainable gain at "
        f"US${p.forces.capacity_half_saturation:g}m a year (`params.forces.capacity_half_saturation`), and it "
        "turns into national capacity only as far as political will and pay allow. Frustrated donors implement "
        "part of it themselves, which builds capacity they hold, not the nation (003:1754).",
        "**Governance** money raises the forces' integrity (half effect at US$6m a year) and funds media and "
        "NGOs (half at US$4m a year); oversight bodies cannot exceed the oversight strength your `oversight` "
        "option sets.",
        "**Quick wins** raise perceived safety and confidence at once (up to "
        f"{p.donors.quick_win_effect:g}; half at US$3m a year) but slowly co-opt predatory actors, eroding "
        "integrity (004:99-101).",
        "Money is a yearly flow in the model: US$12m over two years is US$6m a year. Part of the capacity and "
        "governance money is lost to poor donor coordination. Each donor applies your split when it commits its "
        "next two-year cycle, so a new split takes effect cycle by cycle; money you leave unallocated lowers "
        "the envelopes (`levers.funding.annual_envelope`).",
    ])
