"""The team's page (``/team``): join with the session's code, then decide at each decision point.

A team joins with the join code the facilitator shows and a name; the page's address then holds
the team's token (``/team?token=...``), which every read and every submission is checked against
(:mod:`.flow`): the address is the team's, and reopening it brings the team back. At each
decision point the team sees where things stand (its decisions so far run to the month before,
as numbers with their range across the replicates), chooses one option per family and splits the
money, with the political capital and money spent shown beside as it chooses, and submits; it can
change its mind and submit again until the facilitator moves on. It sees its own decisions and
no other team's, until the debrief, which every team sees.
"""

from __future__ import annotations

import reacton.ipyvuetify as rv
import solara

from ...config.calendar import long_date
from ...config.errors import UserError
from ...exercise.decisions import Money
from ...exercise.menu import MONEY
from .. import run_queue
from . import flow
from .widgets import PAGE_STYLE, Table, points, query, store, use_ticks

#: The programmes' names on the page.
PROGRAMMES = {k: (lambda text: text[:1].upper() + text[1:])(Money.model_fields[k].description.removeprefix(
    "US$ million for ")) for k in MONEY}


@solara.component
def Join():
    """The join form: the session's code and the team's name."""
    code, set_code = solara.use_state("")
    name, set_name = solara.use_state("")
    problem, set_problem = solara.use_state("")
    router = solara.use_router()

    def join():
        try:
            token = flow.join(store(), code, name)
        except UserError as e:
            set_problem(str(e))
            return
        router.push(f"/team?token={token}")

    solara.Title("ssrsim: join a classroom session")
    with solara.Column(style={"max-width": "36em"}):
        solara.Markdown("## Join a classroom session\nType the join code the facilitator shows, and your team's name.")
        solara.InputText("Join code", value=code, on_value=set_code, continuous_update=True)
        solara.InputText("Team name", value=name, on_value=set_name, continuous_update=True)
        if problem:
            solara.Error(problem)
        solara.Button("Join", on_click=join, color="primary")


@solara.component
def Standing(token: str, label: str):
    """Where things stand for the team before decision point ``label``, once computed."""
    run = solara.use_ref(None)

    def compute():
        return flow.situation(store(), token, run_queue.shared(), on_run=lambda r: setattr(run, "current", r))

    task = solara.lab.use_task(compute, dependencies=[token, label], raise_error=False)
    # Renders when the count of replicates done changes, not every second: twenty pages waiting for
    # one shared run each rendered every second (benchmarks/bench_classroom_load.py).
    use_ticks(1.0, watch=lambda: run.current.done() if run.current is not None else None, active=task.pending)
    solara.Markdown("### Where things stand")
    if task.finished and task.value is not None:
        seen = task.value
        solara.Text(f"At the end of {long_date(seen.when)}, your decisions so far played {seen.runs} times: "
                    "the mean across the runs, and in brackets the lowest and highest.", style={"font-size": "0.9em"})
        Table(["", "mean (lowest to highest)"],
              [["\u2003" + name.strip() if name.startswith("  ") else name, value] for name, value in seen.rows])
    elif task.error:
        solara.Error(f"Where things stand could not be computed: {task.exception}")
    else:
        done = f": {run.current.done()} of {run.current.total} runs done" if run.current is not None else ""
        solara.Info(f"Running the model to the month before this decision point{done}")
        solara.ProgressLinear(True)


def option_text(option: flow.OptionView, family: flow.FamilyView) -> str:
    notes = []
    if option.name == family.quo and not option.acts:
        notes.append("the scenario's own setting: free")
    else:
        notes.append(f"{points(option.capital)}")
    if option.acts:
        notes.append("acts once, now")
    return f"{option.label} ({'; '.join(notes)})"


@solara.component
def Decide(token: str, menu: flow.Menu):
    """The decision form: money, one option per family, the running tally and Submit."""
    submitted = menu.submitted or {}
    money, set_money = solara.use_state(submitted.get("money"))  # None: the split in force, scaled
    choices, set_choices = solara.use_state(dict(submitted.get("choices", {})))  # family -> option ("" keeps)
    said, set_said = solara.use_state("")
    problem, set_problem = solara.use_state("")
    phase = menu.phase
    shown_money = money if money is not None else menu.money_in_force

    try:
        tally, refused = flow.tally(store(), token, money, choices), ""
    except UserError as e:  # e.g. an amount left empty
        tally, refused = None, str(e)

    def set_amount(k: str):
        def set_value(value):
            set_money({**shown_money, k: value})
            set_said("")
            set_problem("")
        return set_value

    def choose(family: str):
        def set_value(option):
            set_choices({**choices, family: option or ""})
            set_said("")
            set_problem("")
        return set_value

    def submit():
        try:
            done = flow.submit(store(), token, money, choices)
        except UserError as e:
            set_problem(str(e))
            return
        set_problem("")
        set_said(f"Submitted for {long_date(phase.label)}: {points(done.capital)} of political capital, "
                 f"US${done.money:g} million. You can change it and submit again until the facilitator moves on.")

    with solara.Sidebar():
        solara.Markdown(f"### Your decision for {long_date(phase.label)}")
        if tally is not None:
            over_capital = tally.capital > tally.capital_available
            over_money = tally.money > tally.budget + 1e-9
            (solara.Error if over_capital else solara.Success)(
                f"Political capital: {tally.capital} of {points(tally.capital_available)}"
                + (" — too much" if over_capital else ""))
            (solara.Error if over_money else solara.Success)(
                f"Money: US${tally.money:g} of US${tally.budget:g} million" + (" — too much" if over_money else ""))
            if tally.problem and not (over_capital or over_money):
                solara.Warning(tally.problem)
        if refused or problem:
            solara.Error(f"Not submitted: {refused or problem}")
        if said:
            solara.Success(said)
        elif menu.submitted is not None:
            solara.Info("You have submitted a decision for this point; submitting again replaces it.")
        solara.Button("Submit", on_click=submit, color="primary",
                      disabled=tally is None or tally.problem is not None)

    solara.Markdown(f"### Money for the two years from {long_date(phase.label)}: US${phase.budget:g} million\n"
                    "In US$ million. Leave the amounts as they are to keep your previous split.")
    with solara.Row(style={"flex-wrap": "wrap"}):
        for k in MONEY:
            solara.InputFloat(PROGRAMMES[k], value=shown_money[k], on_value=set_amount(k), continuous_update=True,
                              style={"max-width": "14em"}).key(k)
    solara.Markdown(f"### Choices\nEvery choice in force that departs from the scenario's own setting costs its "
                    f"political capital at every decision point; you have {points(phase.capital)} at each.")
    for family in menu.families:
        with solara.Column(gap="0px", style={"margin-bottom": "8px"}):
            solara.Markdown(f"**{family.question}**")
            keep = f"No change: keep {family.label_of(family.in_force or family.quo)}"
            if family.in_force is None and family.quo is None:
                keep = "No change: as the scenario has it"
            with rv.RadioGroup(v_model=choices.get(family.name, ""), on_v_model=choose(family.name), dense=True,
                               hide_details=True, class_="mt-0"):
                rv.Radio(label=keep, value="")
                for option in family.options:
                    rv.Radio(label=option_text(option, family), value=option.name)


def decision_summary(decision: dict, families: dict) -> str:
    """A saved decision in words: the money, then each option chosen."""
    parts = []
    if decision.get("money"):
        m = decision["money"]
        parts.append("money " + " / ".join(f"{m[k]:g}" for k in MONEY))
    for f, o in decision.get("choices", {}).items():
        parts.append(families[f].options[o].label if f in families and o in families[f].options else f"{f}: {o}")
    return "; ".join(parts) or "no change"


@solara.component
def Debrief(pack: flow.Pack):
    solara.Markdown("### The debrief\nOne slide per team, against the historical track where the case has one.")
    solara.FileDownload(lambda: pack.html.read_bytes(), filename="debrief.html", label="Download the debrief (HTML)")
    for name, path in pack.slides.items():
        solara.Markdown(f"#### {name}")
        solara.Image(path.read_bytes(), width="100%")


@solara.component
def Page():
    """The team's page: the join form, or the team's decision point, or the debrief."""
    with solara.Column(style=PAGE_STYLE):
        TeamPage()


@solara.component
def TeamPage():
    token = query("token")
    tick = use_ticks(watch=lambda: flow.team_version(store(), token), on=(token,))
    if not token:
        Join()
        return
    try:
        team, session = flow.team_of(store(), token)
        case = flow.case_of(session)
        menu = flow.menu(store(), token)
    except UserError as e:
        solara.Error(str(e))
        with solara.Link("/team"):
            solara.Button("Join a session", text=True)
        return
    solara.Title(f"ssrsim: {team.name}")
    solara.Markdown(f"## {case.exercise.title}\nTeam **{team.name}** · session {session.code}")
    families = case.exercise.families
    saved = store().decisions(team.id)
    if menu is not None:
        solara.Markdown(f"## Decision point {menu.index + 1} of {menu.points}: {long_date(menu.phase.label)}")
        Standing(token, menu.phase.label).key(f"standing-{menu.phase.label}")
        Decide(token, menu).key(f"decide-{menu.phase.label}")
    elif session.stage == flow.PLAYING:
        solara.Info("Every decision point is past: the facilitator runs the teams' games, then opens the debrief.")
    elif session.stage == flow.PLAYED:
        solara.Info("The games have been run: the debrief opens soon.")
    else:
        pack = flow.team_pack(store(), token)
        if pack is not None:
            Debrief(pack)
    history = [(p.label, saved[p.label]) for p in case.plan if p.label in saved]
    if history:
        solara.Markdown("### Your decisions so far")
        Table(["decision point", "what you decided"],
              [[long_date(label), decision_summary(d, families)] for label, d in history])
    solara.Text(f"(updated every few seconds; {tick})", style={"display": "none"})
