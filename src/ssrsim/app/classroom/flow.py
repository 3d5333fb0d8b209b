"""What can happen in a classroom session, checked: open, join, choose, submit, advance, run, debrief.

Every function here takes the credential of whoever acts and checks it first: the facilitator's
key for what steers the session (advance, run the games, write the debrief), a team's token for
what a team sees and decides. A team only ever gets its own decisions back; the facilitator's
board says who has submitted, not what. A wrong code, key or token, a name already taken, or a
choice the exercise refuses (over the budget, over the political capital, past its date) is a
``UserError`` whose message the page shows as it is.

The exercise is :mod:`ssrsim.exercise`'s, used as the terminal uses it: a team's decisions so far
are a decision file (``TeamFile``) checked by ``check_team``, so a decision the browser accepts is
one ``ssrsim exercise play`` accepts, at the same capital; the running tally is
``capital_in_force`` on the choices in force. Nothing is kept between decision points but the
decisions: a team's situation at a decision point is its decisions so far run from the start to
the month before that point (``play_config``, as ``play`` runs them, with the session's situation
replicates), on the app's run queue. The same decisions on the same seed give the same situation,
so it is computed once per distinct set of decisions (at the first decision point, once for the
whole class) and kept in the database. The final games and the debrief use the session's
replicates and seed, so the teams are paired on common random numbers.

No Solara here: the pages (:mod:`.facilitator`, :mod:`.team`) call these functions, and the tests call them directly.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ...config import Config
from ...config.calendar import label_of
from ...config.errors import UserError
from ...exercise.debrief import write_debrief
from ...exercise.decisions import (Decision, Money, Team, TeamFile, capital_in_force, check_team, expired, load_team,
                                   slug)
from ...exercise.menu import (MONEY, Exercise, Phase, case_folder, exercise_id, has_historical_track, historical_track,
                              load_exercise, phases, status_quo_options)
from ...exercise.play import (decisions_text, draw_saved_play, play_config, save_play, situation_heading,
                              situation_rows, standing_at)
from ...exercise.teams import MIN_REPLICATES
from .store import NameTaken, Session, Store, TeamRow

#: Join codes: six characters without the ones read alike (0/O, 1/I/L), typed from a projector.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
#: Stages of a session after its decision points.
PLAYING, PLAYED, DEBRIEFED = "playing", "played", "debriefed"
#: A situation appears in seconds with this many replicates; the facilitator may ask for more.
SITUATION_REPLICATES = 20
#: What the games and the debrief run: the debrief asks for 40 per team.
REPLICATES = MIN_REPLICATES
#: More would keep a classroom waiting for hours on two cores.
MAX_REPLICATES, MAX_SITUATION_REPLICATES = 400, 100


# ---------------------------------------------------------------------------------- the case
@dataclass(frozen=True)
class Case:
    """A session's exercise, as the flow reads it."""

    exercise: Exercise
    cfg: Config
    plan: list[Phase]
    quo: dict[str, str]  # per family, the scenario's own option (free)

    @property
    def start(self) -> str:
        return self.cfg.calendar.start


def case_of(session: Session) -> Case:
    exercise, cfg = load_exercise(session.exercise)
    return Case(exercise, cfg, phases(exercise, cfg), status_quo_options(exercise, cfg))


def current_phase(session: Session, case: Case) -> Phase | None:
    """The decision point being decided, or None once all are past."""
    return case.plan[session.point] if session.stage == PLAYING and session.point < len(case.plan) else None


def at_point(store: Store, token: str) -> tuple[TeamRow, Session, Case, Phase | None]:
    """The team of ``token`` (checked), its session and case, and the decision point open now
    (None once all are past)."""
    team, session = team_of(store, token)
    case = case_of(session)
    return team, session, case, current_phase(session, case)


# ---------------------------------------------------------------------------------- opening, joining
@dataclass(frozen=True)
class Opened:
    """A new session and its facilitator key (shown once: only its hash is kept)."""

    session: Session
    key: str


def open_session(store: Store, exercise: str, replicates: int = REPLICATES,
                 situation_replicates: int = SITUATION_REPLICATES, seed: int | None = None) -> Opened:
    """A new session of ``exercise`` (a shipped case or a case folder) with a fresh join code."""
    exercise = (exercise or "").strip()
    if not exercise:
        raise UserError("name the case: a shipped case (e.g. burundi) or the path of a case folder")
    case = exercise_id(case_folder(exercise))
    _, cfg = load_exercise(case)  # a case that does not load is refused now, not at the first team
    for what, value, most in (("replicates", replicates, MAX_REPLICATES),
                              ("replicates at each decision point", situation_replicates, MAX_SITUATION_REPLICATES)):
        if not isinstance(value, int) or not 1 <= value <= most:
            raise UserError(f"{what} must be a whole number from 1 to {most}, got {value}")
    seed = cfg.seed if seed is None else seed
    if not 0 <= seed < 2**63:
        raise UserError(f"seed must be between 0 and 2**63-1, got {seed}")
    secret = secrets.token_urlsafe(24)
    for _ in range(20):
        session = store.add_session(new_code(), secret, case, replicates, situation_replicates, seed)
        if session is not None:
            return Opened(session, f"{session.id}.{secret}")
    raise RuntimeError("no free join code after 20 draws")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(code: str) -> str:
    """A join code as typed (spaces, dashes, lower case) as stored."""
    return re.sub(r"[\s-]", "", code or "").upper()


def facilitator_session(store: Store, key: str) -> Session:
    """The session ``key`` is the facilitator key of; ``UserError`` otherwise."""
    session = store.session_by_key(key or "")
    if session is None:
        raise UserError("this is not the key of any session: check the facilitator key (it was shown when the "
                        "session was opened)")
    return session


def join(store: Store, code: str, name: str) -> str:
    """Join the session of join code ``code`` as team ``name``; the team's token."""
    session = store.session_by_code(normal_code(code))
    if session is None:
        raise UserError(f"no session has the join code {code.strip()!r}: check it with the facilitator")
    name = " ".join((name or "").split())
    if not name:
        raise UserError("give your team a name")
    if len(name) > 80:
        raise UserError("a team name has at most 80 characters")
    if session.stage != PLAYING:
        raise UserError("this session's games have been run: no team can join now")
    case = case_of(session)
    if has_historical_track(case.exercise) \
            and slug(name) == slug(load_team(historical_track(case.exercise.name)).name):
        raise UserError(f"{name!r} is the name of the historical track: choose another name")
    secret = secrets.token_urlsafe(24)
    try:
        team = store.add_team(session.id, name, slug(name), secret)
    except NameTaken:
        raise UserError(f"a team named {name!r} (or a name written alike) has already joined this session: "
                        "choose another name") from None
    return f"{team.id}.{secret}"


def team_of(store: Store, token: str) -> tuple[TeamRow, Session]:
    """The team ``token`` is the token of, and its session; ``UserError`` otherwise."""
    team = store.team_by_token(token or "")
    if team is None:
        raise UserError("this team link is not valid (its token is unknown): join again with the session's "
                        "join code")
    return team, store.session(team.session_id)


# ---------------------------------------------------------------------------------- a team's decisions
def team_file(store: Store, team: TeamRow, session: Session, before: int | None = None) -> TeamFile:
    """The team's decisions as a decision file (those before decision point ``before`` only, if given)."""
    case = case_of(session)
    labels = [p.label for p in case.plan[:before]] if before is not None else [p.label for p in case.plan]
    saved = store.decisions(team.id)
    decisions = {label: as_decision(saved[label]) for label in labels if label in saved}
    return TeamFile(team=team.name, exercise=session.exercise, decisions=decisions)


def as_decision(saved: dict) -> Decision:
    money = saved.get("money")
    return Decision(money=Money(**money) if money is not None else None, **saved.get("choices", {}))


def decision_of(money: dict[str, float] | None, choices: dict[str, str]) -> Decision:
    """A decision from a page's fields: ``UserError`` for a negative or missing amount."""
    if money is not None:
        if set(money) != set(MONEY) or any(v is None for v in money.values()):
            raise UserError("give an amount (US$ million) for each of " + ", ".join(MONEY))
        try:
            money = Money(**money)
        except ValidationError:
            raise UserError("amounts cannot be negative") from None
    return Decision(money=money, **{f: o for f, o in choices.items() if o})


@dataclass(frozen=True)
class OptionView:
    name: str
    label: str
    capital: int
    acts: bool  # choosing it is an act (an offer), done again each time it is chosen


@dataclass(frozen=True)
class FamilyView:
    name: str
    question: str
    options: list[OptionView]
    in_force: str | None  # the option in force before this decision point (None: the scenario's own setting)
    quo: str | None  # the scenario's own option (free)

    def label_of(self, option: str | None) -> str:
        for o in self.options:
            if o.name == option:
                return o.label
        return "as the scenario has it"


@dataclass(frozen=True)
class Menu:
    """What a team decides at the current decision point, and what is in force before it."""

    index: int
    phase: Phase
    points: int
    families: list[FamilyView]
    money_in_force: dict[str, float]
    submitted: dict | None  # the decision it submitted at this point, if any ({"money", "choices"})
    history: list[tuple[str, dict]]  # its decisions at earlier decision points


def menu(store: Store, token: str) -> Menu | None:
    """The team's menu at the session's decision point (None when no decision point is open)."""
    team, session, case, phase = at_point(store, token)
    if phase is None:
        return None
    index = session.point
    before = check_team(team_file(store, team, session, before=index), source=team.name)
    in_force = before.choices[index]
    families = [FamilyView(f, spec.question,
                           [OptionView(o, opt.label, opt.capital, bool(opt.actions))
                            for o, opt in spec.options.items()],
                           in_force.get(f), case.quo.get(f))
                for f, spec in case.exercise.families.items() if not expired(spec, phase, case.start)]
    saved = store.decisions(team.id)
    history = [(p.label, saved[p.label]) for p in case.plan[:index] if p.label in saved]
    return Menu(index, phase, len(case.plan), families, dict(before.money[index]), saved.get(phase.label), history)


@dataclass(frozen=True)
class Tally:
    """A decision weighed as it is being made: capital and money against what is available, and
    the exercise's objection if it would be refused."""

    capital: int
    capital_available: int
    money: float
    budget: float
    problem: str | None = None


def tally(store: Store, token: str, money: dict[str, float] | None, choices: dict[str, str]) -> Tally:
    """The capital and money a decision would spend at the current decision point (nothing saved)."""
    team, session, case, phase = at_point(store, token)
    if phase is None:
        raise UserError("no decision point is open in this session now")
    decision = decision_of(money, choices)
    before = check_team(team_file(store, team, session, before=session.point), source=team.name)
    in_force = {**before.choices[session.point], **decision.choices}
    unknown = [f for f, o in decision.choices.items()
               if f not in case.exercise.families or o not in case.exercise.families[f].options]
    capital = 0 if unknown else capital_in_force(case.exercise, case.cfg, in_force, decision, phase)
    spent = decision.money.total if decision.money is not None else sum(before.money[session.point].values())
    problem = None
    try:
        check(store, team, session, decision)
    except UserError as e:
        problem = str(e)
    return Tally(capital, phase.capital, round(spent, 2), phase.budget, problem)


def check(store: Store, team: TeamRow, session: Session, decision: Decision) -> Team:
    """The team's decisions so far with ``decision`` at the current point, checked as a decision file."""
    raw = team_file(store, team, session, before=session.point)
    raw.decisions[case_of(session).plan[session.point].label] = decision
    return check_team(raw, source=team.name)


def submit(store: Store, token: str, money: dict[str, float] | None, choices: dict[str, str]) -> Tally:
    """Save the team's decision at the current decision point (replacing an earlier submission at
    the same point); ``UserError`` with the exercise's message if it would be refused."""
    team, session, case, phase = at_point(store, token)
    if phase is None:
        raise UserError("no decision point is open in this session now: the facilitator has moved on")
    decision = decision_of(money, choices)
    checked = check(store, team, session, decision)
    store.save_decision(team.id, phase.label, {"money": decision.money.model_dump() if decision.money else None,
                                               "choices": decision.choices})
    return Tally(checked.capital_spent[session.point], phase.capital, sum(checked.money[session.point].values()),
                 phase.budget)


# ---------------------------------------------------------------------------------- where things stand
@dataclass(frozen=True)
class SituationRequest:
    """The run that shows a team where things stand at its decision point."""

    decided: TeamFile  # the team's decisions before the decision point
    replicates: int
    seed: int
    start: str  # the case's first month, YYYY-MM
    month: int  # the models run to the end of this month: the month before the decision point
    label: str
    inputs: str  # what the situation depends on, hashed: the cache's key

    def config(self) -> Config:
        """The runs' configuration. Composing it is the costly part of a request, so only the page
        that runs a situation does it: twenty teams joining at once share one run (``situation``)."""
        return play_config(check_team(self.decided, source=self.decided.team), self.replicates, self.seed)


def situation_request(store: Store, token: str) -> SituationRequest | None:
    """What to run for the team's situation at the current decision point (None if none is open)."""
    team, session, case, phase = at_point(store, token)
    if phase is None:
        return None
    raw = team_file(store, team, session, before=session.point)
    decided = {label: d.model_dump() for label, d in raw.decisions.items()}
    inputs = hashlib.sha256(json.dumps([decided, session.situation_replicates, session.seed, phase.month],
                                       sort_keys=True).encode()).hexdigest()[:32]
    return SituationRequest(raw, session.situation_replicates, session.seed, case.start, phase.month - 1,
                            phase.label, inputs)


@dataclass(frozen=True)
class Situation:
    heading: str  # as the terminal prints it
    when: str  # the month the runs stopped at, YYYY-MM
    runs: int
    rows: list[tuple[str, str]]  # (what, mean and range across the runs)


def cached_situation(store: Store, token: str, request: SituationRequest) -> Situation | None:
    """The situation, if it was already computed for the same decisions."""
    _, session = team_of(store, token)
    standings = store.situation(session.id, request.label, request.inputs)
    return describe(standings, request) if standings is not None else None


#: Situations being computed, by (session, decision point, inputs): the run on the queue and the
#: standings it will give. Teams whose decisions are the same (all of them at the first decision
#: point) share one run, instead of twenty teams joining at once queueing twenty identical runs.
_computing: dict[tuple[int, str, str], tuple[Future, Future]] = {}
_computing_lock = threading.Lock()


def situation(store: Store, token: str, queue, on_run: Callable | None = None) -> Situation | None:
    """Where things stand for the team at the current decision point: computed on ``queue`` (the
    app's run queue; ``on_run(run)`` is told of the run, to follow it) unless already known or
    already being computed for the same decisions. None when no decision point is open."""
    request = situation_request(store, token)
    if request is None:
        return None
    known = cached_situation(store, token, request)
    if known is not None:
        return known
    _, session = team_of(store, token)
    key = (session.id, request.label, request.inputs)
    with _computing_lock:
        shared = _computing.get(key)
        if shared is None:
            shared = _computing[key] = (Future(), Future())  # the run, then its standings
            mine = True
        else:
            mine = False
    run_of, standings_of = shared
    if mine:
        try:
            run = queue.submit(request.config(), job=standing_at, args=(request.month,))
            run_of.set_result(run)
            if on_run is not None:
                on_run(run)
            try:
                standings = run.outputs()
            finally:
                run.cancel()
            store.save_situation(session.id, request.label, request.inputs, standings)
            standings_of.set_result(standings)
        except BaseException as e:
            for f in shared:
                if not f.done():
                    f.set_exception(e)
            raise
        finally:
            with _computing_lock:
                _computing.pop(key, None)
    elif on_run is not None:
        on_run(run_of.result())  # the other team's run, to follow its progress
    return describe(standings_of.result(), request)


def describe(standings: list[dict], request: SituationRequest) -> Situation:
    start = request.start
    return Situation(situation_heading(request.month, start, len(standings)), label_of(request.month, start),
                     len(standings), situation_rows(standings))


# ---------------------------------------------------------------------------------- the facilitator
@dataclass(frozen=True)
class Board:
    """What the facilitator sees: the session, its decision points, the teams and who submitted."""

    session: Session
    case: Case
    teams: list[TeamRow]
    submitted: dict[int, set[str]] = field(default_factory=dict)

    @property
    def phase(self) -> Phase | None:
        return current_phase(self.session, self.case)

    def waiting_for(self) -> list[str]:
        """Teams that have not submitted at the current decision point."""
        phase = self.phase
        if phase is None:
            return []
        return [t.name for t in self.teams if phase.label not in self.submitted.get(t.id, set())]


def board_version(store: Store, key: str) -> tuple:
    """What the facilitator's page shows from the database (``Store.version``); () for a wrong key."""
    session = store.session_by_key(key or "")
    return store.version(session.id) if session is not None else ()


def team_version(store: Store, token: str) -> tuple:
    """What a team's page shows from the database (``Store.version``); () for a wrong token."""
    team = store.team_by_token(token or "")
    return store.version(team.session_id) if team is not None else ()


def board(store: Store, key: str) -> Board:
    session = facilitator_session(store, key)
    return Board(session, case_of(session), store.teams(session.id), store.submitted(session.id))


def advance(store: Store, key: str) -> Session:
    """Close the current decision point and open the next (after the last: the games can run).
    Teams that did not submit keep what they had in force, as a decision file that skips a point."""
    session = facilitator_session(store, key)
    case = case_of(session)
    if current_phase(session, case) is None:
        raise UserError("every decision point is past: run the teams' games")
    store.set_point(session.id, session.point + 1)
    return store.session(session.id)


def session_folder(store: Store, session: Session) -> Path:
    """The session's run folders and debrief, in the data folder."""
    return store.folder / "sessions" / f"session_{session.id:03d}_{session.code}"


def team_folder(store: Store, session: Session, team: TeamRow) -> Path:
    return session_folder(store, session) / "teams" / team.slug


def run_games(store: Store, key: str, queue, progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Play every team's decisions (and the case's historical track) with the session's replicates
    and seed on ``queue``, and save their run folders; the folders. ``progress(done, total)``
    counts replicates."""
    session = facilitator_session(store, key)
    case = case_of(session)
    if current_phase(session, case) is not None:
        raise UserError("the decision points are not all past: move to the next decision point first")
    if session.stage != PLAYING:
        raise UserError("the games have already been run")
    teams = store.teams(session.id)
    if not teams:
        raise UserError("no team has joined this session")
    games = []  # (name, Team, decision file text or None, folder)
    for row in teams:
        raw = team_file(store, row, session)
        team = check_team(raw, source=row.name)
        header = (f"Decisions of {row.name} in the classroom session {session.code} ({case.exercise.title}).\n"
                  f"Replay: ssrsim exercise play decisions.yaml --replicates {session.replicates} "
                  f"--seed {session.seed}")
        games.append((team, decisions_text(raw, header), team_folder(store, session, row)))
    if has_historical_track(case.exercise):
        path = historical_track(case.exercise.name)
        games.append((load_team(path), path.read_text(encoding="utf-8"),
                      session_folder(store, session) / "historical"))
    runs = [queue.submit(play_config(team, session.replicates, session.seed)) for team, _, _ in games]
    total = sum(r.total for r in runs) + len(games)  # the replicates, then each game's figures

    def follow(runs, before: int = 0):
        while not all(r.finished() for r in runs):
            if progress is not None:
                progress(before + sum(r.done() for r in runs), total)
            next(r for r in runs if not r.finished()).wait(0.5)

    drawing = []
    try:
        follow(runs)
        folders = []
        for (team, text, folder), run in zip(games, runs):
            save_play(run.results(), team, folder, overwrite=True, decisions=text, figures=False,
                      command=f"ssrsim app: classroom session {session.code}")
            folders.append(folder)
        # Drawn in the worker processes, in parallel: a few seconds a game, which in this process
        # would hold up every page for minutes with twenty teams.
        drawing = [queue.call(draw_saved_play, str(folder)) for folder in folders]
        follow(drawing, total - len(games))
        for d in drawing:
            d.outputs()  # a figure that failed fails the games
    finally:
        for r in [*runs, *drawing]:
            r.cancel()
    store.set_stage(session.id, PLAYED)
    return folders


@dataclass(frozen=True)
class Pack:
    """The debrief pack: its HTML, and one slide per team (and the historical track)."""

    html: Path
    slides: dict[str, Path]


def debrief(store: Store, key: str) -> Pack:
    """Write the debrief pack of the session's games (once run) into the session's folder."""
    session = facilitator_session(store, key)
    if session.stage == PLAYING:
        raise UserError("run the teams' games first")
    out = session_folder(store, session) / "debrief"
    folders = [team_folder(store, session, t) for t in store.teams(session.id)]
    historical = session_folder(store, session) / "historical"
    if historical.is_dir():
        folders.append(historical)
    write_debrief(folders, out, overwrite=True, replicates=session.replicates, workers=1,
                  min_replicates=min(MIN_REPLICATES, session.replicates))
    store.set_stage(session.id, DEBRIEFED)
    return pack(store, store.session(session.id))


def pack(store: Store, session: Session) -> Pack | None:
    """The written debrief pack of ``session`` (None before it is written)."""
    out = session_folder(store, session) / "debrief"
    if session.stage != DEBRIEFED or not (out / "debrief.html").is_file():
        return None
    slides = {}
    for team in store.teams(session.id):  # in the order they joined, the historical track last
        slides[team.name] = out / "slides" / f"slide_{team.slug}.png"
    exercise = case_of(session).exercise
    if has_historical_track(exercise):
        name = load_team(historical_track(exercise.name)).name
        slides[name] = out / "slides" / f"slide_{slug(name)}.png"
    return Pack(out / "debrief.html", {name: path for name, path in slides.items() if path.is_file()})


def team_pack(store: Store, token: str) -> Pack | None:
    """The debrief pack as a team sees it: once the facilitator has opened it."""
    _, session = team_of(store, token)
    return pack(store, session)
