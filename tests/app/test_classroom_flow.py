"""A classroom session without a browser: join codes, keys and tokens, the running tally, refusals
with the exercise's messages, a restart that loses nothing, and the situation recomputed at a
decision point equal to what interactive play shows there.

Played on the tiny test case (two decision points, 30 months) with a few replicates: seconds.
"""

from __future__ import annotations

import io
import logging
import re
import threading

import pytest
from helpers import ROOT

from ssrsim.app.classroom import flow
from ssrsim.app.classroom.store import DATABASE, Store
from ssrsim.config.errors import UserError
from ssrsim.exercise.play import play_interactive, situation_text, standing_at
from ssrsim.run.results import FIGURE_FILES
from ssrsim.run.runner import combine

logging.getLogger("MESA").setLevel(logging.WARNING)
TINY = str(ROOT / "tests" / "cases" / "tiny")
BUDGET = {"ddr": 20, "capacity": 15, "governance": 6, "quick_wins": 2}  # US$43m of 45.8


class SerialQueue:
    """The run queue's interface, running each job at once in this process."""

    def __init__(self):
        self.submitted = []

    def submit(self, cfg, job=None, args=()):
        from ssrsim.run.runner import run_replicate

        job = job or run_replicate
        self.submitted.append((cfg, job, args))
        return SerialRun(cfg, [job(cfg, r, *args) for r in range(cfg.replicates)])

    def call(self, job, *args):
        self.submitted.append((None, job, args))
        return SerialRun(None, [job(*args)])


class SerialRun:
    def __init__(self, cfg, outputs):
        self.cfg, self._outputs, self.total = cfg, outputs, len(outputs)

    def done(self):
        return self.total

    def finished(self):
        return True

    def wait(self, timeout):
        return True

    def cancel(self):
        pass

    def outputs(self):
        return self._outputs

    def results(self):
        return combine(self._outputs, self.cfg, 0.0)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / DATABASE)


@pytest.fixture
def opened(store):
    return flow.open_session(store, TINY, replicates=2, situation_replicates=2)


def test_opening_a_session_gives_a_readable_code_and_a_key(store, opened):
    assert re.fullmatch(f"[{flow.CODE_ALPHABET}]{{6}}", opened.session.code)
    assert flow.facilitator_session(store, opened.key) == opened.session
    assert opened.session.seed == 12345  # the scenario's: every team on one seed
    with pytest.raises(UserError, match="unknown exercise 'atlantis'"):
        flow.open_session(store, "atlantis")
    with pytest.raises(UserError, match="replicates at each decision point must be a whole number from 1 to 100, "
                                        "got 0"):
        flow.open_session(store, TINY, situation_replicates=0)


def test_joining_needs_the_right_code_and_a_free_name(store, opened):
    code = opened.session.code
    token = flow.join(store, f" {code[:3].lower()}-{code[3:]} ", "Red team")  # as typed from a projector
    assert flow.team_of(store, token)[0].name == "Red team"
    wrong = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"
    with pytest.raises(UserError, match=f"no session has the join code '{wrong}'"):
        flow.join(store, wrong, "Blue team")
    with pytest.raises(UserError, match=r"a team named 'red TEAM' \(or a name written alike\) has already joined"):
        flow.join(store, code, "red  TEAM")
    with pytest.raises(UserError, match="name of the historical track"):
        flow.join(store, code, "Historical track")
    with pytest.raises(UserError, match="give your team a name"):
        flow.join(store, code, "  ")
    with pytest.raises(UserError, match="team link is not valid"):
        flow.menu(store, token[:-1] + ("x" if token[-1] != "x" else "y"))


def test_a_team_sees_only_its_own_decisions(store, opened):
    red = flow.join(store, opened.session.code, "Red")
    blue = flow.join(store, opened.session.code, "Blue")
    flow.submit(store, red, None, {"ddr_pace": "fast"})
    flow.submit(store, blue, None, {"oversight": "strong"})
    assert flow.menu(store, red).submitted == {"money": None, "choices": {"ddr_pace": "fast"}}
    assert flow.menu(store, blue).submitted == {"money": None, "choices": {"oversight": "strong"}}
    # Blue's row id with Red's secret is no token at all
    blue_id, red_secret = blue.split(".")[0], red.split(".", 1)[1]
    with pytest.raises(UserError, match="team link is not valid"):
        flow.menu(store, f"{blue_id}.{red_secret}")
    # the facilitator's board says who submitted, never what
    board = flow.board(store, opened.key)
    seen = repr((board.session, board.teams, board.submitted))
    assert board.waiting_for() == [] and "fast" not in seen and "strong" not in seen


def test_the_facilitators_controls_need_the_key(store, opened):
    red = flow.join(store, opened.session.code, "Red")
    for wrong in ("", "nonsense", red, f"{opened.session.id}.not-the-secret"):
        for control in (flow.advance, flow.board, flow.debrief):
            with pytest.raises(UserError, match="not the key of any session"):
                control(store, wrong)
        with pytest.raises(UserError, match="not the key of any session"):
            flow.run_games(store, wrong, SerialQueue())
    assert flow.facilitator_session(store, opened.key).point == 0  # nothing moved


def test_the_tally_shows_overspending_before_submitting_and_submit_refuses_it(store, opened):
    red = flow.join(store, opened.session.code, "Red")
    tally = flow.tally(store, red, None, {"ddr_pace": "fast", "oversight": "strong"})
    assert (tally.capital, tally.capital_available, tally.problem) == (4, 4, None)
    over = flow.tally(store, red, None, {"ddr_pace": "fast", "oversight": "strong", "mandate": "longer"})
    assert over.capital == 5 and "cost 5 points of political capital; 4 are available" in over.problem
    with pytest.raises(UserError, match="cost 5 points of political capital; 4 are available"):
        flow.submit(store, red, None, {"ddr_pace": "fast", "oversight": "strong", "mandate": "longer"})
    money = {**BUDGET, "quick_wins": 10}
    assert flow.tally(store, red, money, {}).money == 51
    with pytest.raises(UserError, match=r"US\$51m is more than the budget of US\$45.8m"):
        flow.submit(store, red, money, {})
    with pytest.raises(UserError, match="amounts cannot be negative"):
        flow.submit(store, red, {**BUDGET, "ddr": -1}, {})
    assert flow.menu(store, red).submitted is None  # nothing refused was saved
    assert flow.submit(store, red, BUDGET, {"ddr_pace": "fast"}).capital == 2


def test_a_restart_resumes_the_session_at_its_decision_point(store, opened):
    red = flow.join(store, opened.session.code, "Red")
    flow.submit(store, red, BUDGET, {"ddr_pace": "fast", "mandate": "longer"})
    flow.advance(store, opened.key)
    again = Store(store.path)  # the app restarted: a new store on the same file
    menu = flow.menu(again, red)
    assert menu.index == 1 and menu.phase.label == "2021-06" and menu.submitted is None
    assert menu.history == [("2020-06", {"money": BUDGET, "choices": {"ddr_pace": "fast", "mandate": "longer"}})]
    assert {f.name: f.in_force for f in menu.families} == {"ddr_pace": "fast", "oversight": None}  # mandate expired
    assert flow.board(again, opened.key).waiting_for() == ["Red"]


def test_the_situation_recomputed_equals_interactive_play(store):
    """At the second decision point, the team's decisions run from the start to the month before
    (what the browser does) give the numbers interactive play shows from its live models."""
    answers = iter(["20 15 6 2", "fast", "", "longer",  # 2020-06: money, ddr_pace, oversight, mandate
                    "", "", "strong"])  # 2021-06: money kept, ddr_pace kept, oversight
    output = io.StringIO()
    play_interactive(TINY, "Red", replicates=3, seed=99, input=lambda prompt: next(answers), output=output)
    shown = re.findall(r"Where things stand at the end of 2021-05.*?\n(?:  .*\n)+", output.getvalue())
    assert len(shown) == 1

    opened = flow.open_session(store, TINY, replicates=3, situation_replicates=3, seed=99)
    red = flow.join(store, opened.session.code, "Red")
    queue = SerialQueue()
    first = flow.situation(store, red, queue)
    flow.submit(store, red, BUDGET, {"ddr_pace": "fast", "mandate": "longer"})
    flow.advance(store, opened.key)
    request = flow.situation_request(store, red)
    assert request.month == 16 and request.label == "2021-06"
    recomputed = [standing_at(request.config(), r, request.month) for r in range(3)]
    assert situation_text(recomputed, "2020-01") == shown[0].rstrip("\n")
    # and the page's path (the run queue, then the database) gives the same lines
    situation = flow.situation(store, red, queue)
    assert situation.rows and all(f"  {name}" in shown[0] for name, _ in situation.rows)
    assert all(value in shown[0] for _, value in situation.rows)
    assert first.heading.startswith("Where things stand at the end of 2020-05")
    ran = len(queue.submitted)
    assert flow.situation(store, red, queue) == situation and len(queue.submitted) == ran  # kept, not rerun


class GatedQueue(SerialQueue):
    """A queue whose runs give their outputs only once ``gate`` is set: runs in flight, held."""

    def __init__(self):
        super().__init__()
        self.gate = threading.Event()

    def submit(self, cfg, job=None, args=()):
        run = super().submit(cfg, job, args)
        outputs = run.outputs
        run.outputs = lambda: self.gate.wait(60) and outputs()
        return run


def test_teams_asking_at_once_with_the_same_decisions_share_one_run(store, opened):
    """Five teams open their pages at the first decision point together, before any situation is
    stored: one run is queued, and every team is shown its result."""
    tokens = [flow.join(store, opened.session.code, f"Team {i}") for i in range(5)]
    queue = GatedQueue()
    following, shown = [], {}

    def page(token):
        shown[token] = flow.situation(store, token, queue, on_run=following.append)

    pages = [threading.Thread(target=page, args=(t,)) for t in tokens]
    for p in pages:
        p.start()
    # every page follows a run (its own, or the one it shares) before the runs may finish
    for _ in range(600):
        if len(following) == len(tokens):
            break
        threading.Event().wait(0.05)
    queue.gate.set()
    for p in pages:
        p.join(60)
    assert len(following) == len(tokens)
    assert len(queue.submitted) == 1
    assert len(shown) == len(tokens) and len({s.rows.__repr__() for s in shown.values()}) == 1
    assert not flow._computing  # nothing left in flight


def test_the_games_run_and_the_debrief_has_a_slide_per_team(store, opened):
    red = flow.join(store, opened.session.code, "Red")
    blue = flow.join(store, opened.session.code, "Blue")
    flow.submit(store, red, BUDGET, {"ddr_pace": "fast"})
    with pytest.raises(UserError, match="not all past"):
        flow.run_games(store, opened.key, SerialQueue())
    flow.advance(store, opened.key)
    flow.submit(store, blue, None, {"oversight": "strong"})
    flow.advance(store, opened.key)
    with pytest.raises(UserError, match="no decision point is open"):
        flow.submit(store, red, None, {"oversight": "strong"})
    with pytest.raises(UserError, match="run the teams' games first"):
        flow.debrief(store, opened.key)
    assert flow.team_pack(store, red) is None
    folders = flow.run_games(store, opened.key, SerialQueue())
    assert [f.name for f in folders] == ["red", "blue", "historical"]
    assert "ddr_pace: fast" in (folders[0] / "decisions.yaml").read_text()
    # each game's figures, drawn as a job of their own, are the run folder's, titled with the team
    assert all((f / name).stat().st_size > 10_000 for f in folders for name in FIGURE_FILES)
    pack = flow.debrief(store, opened.key)
    assert pack.html.is_file() and list(pack.slides) == ["Red", "Blue", "Historical track"]
    assert all(p.is_file() for p in pack.slides.values())
    assert flow.team_pack(store, blue) == pack  # the plenary: every team sees the pack
    with pytest.raises(UserError, match="no team can join"):
        flow.join(store, opened.session.code, "Late")
