"""The facilitator's page (``/classroom``): open a session, watch who has submitted, move on, run, debrief.

Opening a session gives a join code (for the room: teams type it on ``/team``) and a facilitator
key (for the facilitator only: shown once, and kept in this page's address, ``/classroom?key=...``,
so a bookmark or a reload brings the session back; only its hash is stored). Every control here
checks the key (:mod:`.flow`). The page shows, for each team, at which decision points it has
submitted, never what it chose; the debrief shows every team's choices and results at once.
"""

from __future__ import annotations

import solara

from ...config.calendar import long_date
from ...config.errors import UserError
from ...exercise.menu import exercises
from .. import run_queue
from . import flow
from .store import data_folder
from .widgets import PAGE_STYLE, Table, query, store, use_ticks

#: The key of the session this browser tab has just opened: shown once, above the board.
just_opened = solara.reactive("")


@solara.component
def Open():
    """Open a new session, or go back to one with its key."""
    shipped = exercises()
    case, set_case = solara.use_state(shipped[0] if shipped else "")
    replicates, set_replicates = solara.use_state(flow.REPLICATES)
    situation, set_situation = solara.use_state(flow.SITUATION_REPLICATES)
    key, set_key = solara.use_state("")
    problem, set_problem = solara.use_state("")
    router = solara.use_router()

    def open_session():
        try:
            opened = flow.open_session(store(), case, int(replicates or 0), int(situation or 0))
        except UserError as e:
            set_problem(str(e))
            return
        just_opened.value = opened.key
        router.push(f"/classroom?key={opened.key}")

    def resume():
        try:
            flow.facilitator_session(store(), key)
        except UserError as e:
            set_problem(str(e))
            return
        router.push(f"/classroom?key={key.strip()}")

    solara.Title("ssrsim: classroom")
    with solara.Column(style={"max-width": "44em"}):
        solara.Markdown("## Classroom exercise\nOpen a session for a case; teams join it from their own browsers "
                        "with its join code, on this server's `/team` page.")
        solara.InputText("Case", value=case, on_value=set_case, continuous_update=True,
                         message=f"a shipped case ({', '.join(shipped)}) or the path of a case folder")
        with solara.Row():
            solara.InputInt("Replicates of the games", value=replicates, on_value=set_replicates,
                            continuous_update=True)
            solara.InputInt("Replicates at each decision point", value=situation, on_value=set_situation,
                            continuous_update=True)
        solara.Text("The games and the debrief use the first number (the debrief asks for 40); where things "
                    "stand at each decision point uses the second, so that it appears in seconds.",
                    style={"font-size": "0.85em", "color": "#555"})
        solara.Button("Open a session", on_click=open_session, color="primary")
        solara.Markdown("#### Or go back to a session")
        solara.InputText("Facilitator key", value=key, on_value=set_key, continuous_update=True, password=True)
        solara.Button("Go to the session", on_click=resume)
        if problem:
            solara.Error(problem)
        solara.Text(f"Sessions are kept in {data_folder()}.", style={"font-size": "0.85em", "color": "#555"})


@solara.component
def Games(key: str):
    """Run the teams' games (with progress), then open the debrief."""
    progress = solara.use_ref((0, 0))

    def run():
        flow.run_games(store(), key, run_queue.shared(), progress=lambda d, n: setattr(progress, "current", (d, n)))
        return flow.debrief(store(), key)

    task = solara.lab.use_task(run, dependencies=None, raise_error=False)
    use_ticks(1.0, watch=lambda: progress.current, active=task.pending)  # renders as the count of runs done grows
    done, total = progress.current
    running = f"Running the teams' games and drawing their figures: {done} of {total} done" if total else \
        "Running the teams' games"
    _task_button(task, running,
                 "The games were not run", "Run the teams' games and open the debrief")


@solara.component
def Debrief(key: str):
    """Write the debrief again (the games are run), for a session whose debrief was not written."""
    task = solara.lab.use_task(lambda: flow.debrief(store(), key), dependencies=None, raise_error=False)
    _task_button(task, "Writing the debrief", "The debrief was not written", "Open the debrief")


def _task_button(task, running: str, failed: str, label: str) -> None:
    """A long task's button: progress while it runs, then the button again (with why, if it failed)."""
    if task.pending:
        solara.Info(running)
        solara.ProgressLinear(True)
        return
    if task.error:
        solara.Error(f"{failed}: {task.exception}")
    solara.Button(label, on_click=task, color="primary")


@solara.component
def Slides(pack: flow.Pack):
    """The debrief pack live: one slide per team, and the whole pack to download."""
    shown, set_shown = solara.use_state(0)
    names = list(pack.slides)
    solara.Markdown("### The debrief")
    solara.FileDownload(lambda: pack.html.read_bytes(), filename="debrief.html",
                        label="Download the debrief pack (HTML, self-contained)")
    if not names:
        return
    with solara.Row():
        solara.Button("Previous", on_click=lambda: set_shown(max(0, shown - 1)), disabled=shown == 0)
        solara.Button("Next", on_click=lambda: set_shown(min(len(names) - 1, shown + 1)),
                      disabled=shown >= len(names) - 1)
        solara.Text(f"Slide {shown + 1} of {len(names)}: {names[shown]}")
    solara.Image(pack.slides[names[shown]].read_bytes(), width="100%")


@solara.component
def Board(key: str):
    """The session: its join code, who has submitted where, and the controls."""
    use_ticks(watch=lambda: flow.board_version(store(), key), on=(key,))
    try:
        board = flow.board(store(), key)
    except UserError as e:
        solara.Error(str(e))
        with solara.Link("/classroom"):
            solara.Button("Open or find a session", text=True)
        return
    session, case = board.session, board.case
    solara.Title(f"ssrsim: classroom {session.code}")
    with solara.Sidebar():
        solara.Markdown(f"### Join code\n# {session.code}")
        solara.Markdown("Teams open this server's **/team** page and type the code. The classroom network "
                        "carries plain HTTP: nothing is encrypted.")
        solara.Markdown(f"Case: {case.exercise.title}. Games: {session.replicates} replicates on seed "
                        f"{session.seed}; each decision point: {session.situation_replicates} replicates.")
    if just_opened.value == key:
        solara.Warning(f"Facilitator key: {key} — keep it: it is shown only now. This page's address holds it: "
                       "bookmark it to come back to the session (after a restart too).")
    solara.Markdown(f"## {case.exercise.title}")
    phase = board.phase
    labels = [p.label for p in case.plan]
    if phase is not None:
        solara.Markdown(f"### Decision point {session.point + 1} of {len(case.plan)}: {long_date(phase.label)}")
    elif session.stage == flow.PLAYING:
        solara.Markdown("### Every decision point is past")
    rows = [[t.name, *("submitted" if label in board.submitted.get(t.id, set())
                       else ("waiting" if i == session.point else "–") if i <= session.point else ""
                       for i, label in enumerate(labels))] for t in board.teams]
    if rows:
        Table(["team", *(long_date(label) for label in labels)], rows)
    else:
        solara.Info(f"No team has joined yet: teams type the join code {session.code} on the /team page.")
    if phase is not None:
        waiting = board.waiting_for()
        if board.teams:
            solara.Text(f"Waiting for: {', '.join(waiting)}" if waiting else "Every team has submitted.")
        last = session.point + 1 == len(case.plan)
        solara.Button(f"Close {long_date(phase.label)} and " + ("end the decisions" if last else
                      f"move to {long_date(case.plan[session.point + 1].label)}"),
                      on_click=lambda: advance(key), color="primary")
        solara.Text("Teams that have not submitted keep the choices and the money split they had in force.",
                    style={"font-size": "0.85em", "color": "#555"})
    elif session.stage == flow.PLAYING:
        Games(key)
    elif session.stage == flow.PLAYED:
        Debrief(key)
    else:
        pack = flow.pack(store(), session)
        if pack is not None:
            Slides(pack)


def advance(key: str) -> None:
    try:
        flow.advance(store(), key)
    except UserError:
        pass  # already moved on (another tab): the board shows where the session is


@solara.component
def Page():
    """The facilitator's page: the session of the key in the address, or the form that opens one."""
    key = query("key")
    with solara.Column(style=PAGE_STYLE):
        if key:
            Board(key)
        else:
            Open()
