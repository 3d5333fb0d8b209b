"""A team's decision file: what it chose at each decision point, checked and turned into events.

A decision file is YAML (``ssrsim exercise brief`` writes a commented template)::

    team: Group A
    exercise: my_case           # a shipped case, or a case folder (relative to this file)
    decisions:
      "2004-12":
        money: {ddr: 36, capacity: 24, governance: 8, quick_wins: 4}   # US$ million, two years
        ddr_pace: fast
      "2006-12":
        oversight: support          # families not named keep their previous choice

``exercise`` may be left out while a single case is shipped. Checks, each failing with a message
that names the place and what is allowed: known decision points and families, known options,
options still available at that date, money within the phase's budget and not negative,
political capital within the phase's allowance (every choice in force that departs from the
scenario's own setting costs its capital at every decision point: capital is spent on changing
course, and keeping a demanding course keeps costing; an option that acts costs its capital
wherever it is chosen, since choosing it is the act).

Decisions enter the model only as events, never by setting fighters or outcomes: ``set_lever``
events from their decision point on (the money split becomes ``levers.funding`` shares and the
envelope's level, each option its levers; only levers whose value changes are emitted), and an
option's actions (an ``offer``, a ``share_power``) as events at the decision point where the
option is named. An action is one act: an option kept in force without being named again does
not repeat it, and naming it again does (at its capital again).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..config import Config, Event, paths
from ..config.calendar import month_of
from ..config.errors import UserError, validated
from ..config.schema import REMOVED_KEYS
from ..config.fields import explain
from ..run.files import read_text
from .menu import (MONEY, Exercise, Option, Phase, case_config, case_folder, exercise_id, load_exercise, phases,
                   scenario_levers)


class Money(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ddr: float = Field(0.0, ge=0, description="US$ million for DDR and reintegration")
    capacity: float = Field(0.0, ge=0, description="US$ million for train and equip")
    governance: float = Field(0.0, ge=0, description="US$ million for oversight and accountability")
    quick_wins: float = Field(0.0, ge=0, description="US$ million for visible quick wins")

    @property
    def total(self) -> float:
        return self.ddr + self.capacity + self.governance + self.quick_wins


class Decision(BaseModel):
    """One decision point's choices: the money split and one option per named family."""

    model_config = ConfigDict(extra="allow")  # families are checked against the exercise's menu
    money: Money | None = None

    @property
    def choices(self) -> dict[str, str]:
        return {k: v for k, v in (self.model_extra or {}).items()}


class TeamFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team: str = Field(min_length=1, max_length=80)
    exercise: str | None = Field(None, description="A shipped case or a case folder; may be left out "
                                                   "while a single case is shipped")
    description: str = ""
    decisions: dict[str, Decision] = Field(default_factory=dict)


class Team(BaseModel):
    """A checked decision file: its phases, the choices in force at each, and its events."""

    name: str
    exercise: str  # the case: a shipped case's name, or its folder's absolute path
    description: str
    source: str  # the file it came from
    phases: list[Phase]
    choices: list[dict[str, str]]  # per phase: family -> option in force
    money: list[dict[str, float]]  # per phase: programme -> US$ million (in force)
    capital_spent: list[int]
    acted: list[list[str]]  # per phase: the families whose option acted there (an offer, power sharing)
    events: list[Event]


def load_team(path: str | Path) -> Team:
    """Read and check a decision file; ``UserError`` with a readable message if it is wrong."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"decision file {path} does not exist")
    try:
        data = yaml.safe_load(read_text(path))
    except yaml.YAMLError as e:
        raise UserError(f"{path}: not valid YAML: {e}") from None
    if not isinstance(data, dict):
        raise UserError(f"{path}: expected keys team, exercise, decisions")
    try:
        raw = TeamFile.model_validate(data)
    except ValidationError as e:
        raise UserError(f"{path}:\n" + explain(e, TeamFile)) from None
    return check_team(raw, source=str(path), relative_to=path.parent)


def team_exercise(raw: TeamFile, source: str, relative_to: Path | None = None) -> str:
    """The case a decision file names (see ``menu.case_folder``), as ``Team.exercise`` holds it."""
    try:
        return exercise_id(case_folder(raw.exercise, relative_to))
    except UserError as e:
        raise UserError(f"{source}: exercise: {e}") from None


def check_team(raw: TeamFile, source: str = "<decisions>", relative_to: Path | None = None) -> Team:
    """Check a parsed decision file against its exercise; build its events (``set_lever``, and
    the actions of the options named at each decision point).

    A case folder named by a relative path is looked for from ``relative_to`` (the decision
    file's folder), else from the working directory.
    """
    case = team_exercise(raw, source, relative_to)
    exercise, cfg = load_exercise(case)
    plan = phases(exercise, cfg)
    known = {p.label: p for p in plan}
    for label in raw.decisions:
        if label not in known:
            raise UserError(f"{source}: decisions.{label}: not a decision point; "
                            f"allowed: {', '.join(known)}")
    current = paths.flatten(cfg.levers.model_dump(), "levers")  # as the events so far leave them
    previous = -1
    in_force: dict[str, str] = {}
    shares = money_from_levers(cfg)
    events: list[Event] = []
    per_phase_choices, per_phase_money, spent, acted = [], [], [], []
    for phase in plan:
        decision = raw.decisions.get(phase.label, Decision())
        where = f"{source}: decisions.{phase.label}"
        # The scenario's own lever events since the last decision point come first.
        current.update({e.path: e.value for e in cfg.events
                        if e.kind == "set_lever" and previous < e.month <= phase.month})
        previous = phase.month
        wanted: dict[str, float] = {}
        chosen: dict[str, Option] = {}
        for family, option in decision.choices.items():
            chosen[family] = checked_option(exercise, family, option, phase, cfg.calendar.start, where)
            wanted.update(chosen[family].levers)
            in_force[family] = option
        capital = capital_in_force(exercise, cfg, in_force, decision, phase)
        if capital > phase.capital:
            raise UserError(f"{where}: the choices in force cost {capital} points of political capital; "
                            f"{phase.capital} are available at each decision point")
        shares = _money_in_force(decision.money, shares, phase, cfg, where)
        wanted.update(_money_levers(shares, phase.budget, cfg))
        for path, value in wanted.items():
            if current.get(path) != value:
                events.append(Event(month=phase.month, kind="set_lever", path=path, value=value,
                                    note=f"{raw.team}: decision {phase.label}"))
                current[path] = value
        # After the levers, so that an offer carries the terms chosen with it.
        for family, option in chosen.items():
            events += [Event(month=phase.month, kind=a.kind, target=a.target,
                             note=f"{raw.team}: decision {phase.label}") for a in option.actions]
        per_phase_choices.append(dict(in_force))
        per_phase_money.append({k: round(v, 2) for k, v in shares.items()})
        spent.append(capital)
        acted.append([f for f, option in chosen.items() if option.actions])
    return Team(name=raw.team, exercise=case, description=raw.description, source=source,
                phases=plan, choices=per_phase_choices, money=per_phase_money,
                capital_spent=spent, acted=acted, events=events)


def capital_in_force(exercise: Exercise, cfg: Config, in_force: dict[str, str], decision: Decision,
                     phase: Phase) -> int:
    """The political capital the choices in force cost at ``phase``.

    Every choice that departs from the scenario's own setting costs its capital at every decision
    point: sustaining a demanding policy keeps costing goodwill. An option that acts (an offer)
    departs wherever it is chosen, since the act is a departure, and only by its levers where it
    is merely kept. Options past their date (a mandate request) no longer count unless chosen at
    this very point.
    """
    status_quo = scenario_levers(cfg, phase.month)
    capital = 0
    for f, o in in_force.items():
        option = exercise.families[f].options[o]
        acts = f in decision.choices and bool(option.actions)
        departs = acts or any(status_quo.get(path) != value for path, value in option.levers.items())
        if departs and (f in decision.choices or not expired(exercise.families[f], phase, cfg.calendar.start)):
            capital += option.capital
    return capital


def _money_in_force(money: Money | None, shares: dict[str, float], phase: Phase, cfg: Config,
                    where: str) -> dict[str, float]:
    """The split in force at ``phase`` (US$ million): the one given, checked against the budget,
    else the previous split scaled to this phase's whole budget (the scenario's if none yet)."""
    if money is not None:
        if money.total > phase.budget + 1e-9:
            raise UserError(f"{where}.money: US${money.total:g}m is more than the budget of "
                            f"US${phase.budget:g}m for the two years from {phase.label}")
        return {k: getattr(money, k) for k in MONEY}
    if sum(shares.values()) <= 0:
        shares = money_from_levers(cfg)
    total = sum(shares.values())
    return {k: v / total * phase.budget for k, v in shares.items()}


def team_config(team: Team, overrides: list[str] = ()) -> Config:
    """The scenario's config with the team's decisions appended as events (validated again)."""
    exercise, _ = load_exercise(team.exercise)
    cfg = case_config(exercise, list(overrides))
    data = cfg.model_dump()
    data["name"] = f"{exercise.scenario}-{slug(team.name)}"
    data["description"] = f"{cfg.description}; decisions of {team.name}"
    data["events"] = [*data["events"], *(e.model_dump() for e in team.events)]
    return validated(Config, data, REMOVED_KEYS)


def checked_option(exercise: Exercise, family: str, option: str, phase: Phase, start: str, where: str) -> Option:
    """The menu's option ``family: option`` at ``phase``, or a ``UserError`` naming ``where`` and
    what is allowed (also used by interactive play to check each answer as it is typed)."""
    if not isinstance(option, str):
        allowed = ", ".join(exercise.families[family].options) if family in exercise.families else ""
        raise UserError(f"{where}.{family}: expected an option name, got {option!r}"
                        + (f"; allowed: {allowed}" if allowed else ""))
    if family not in exercise.families:
        raise UserError(f"{where}.{family}: unknown decision; allowed: money, {', '.join(exercise.families)}")
    spec = exercise.families[family]
    if option not in spec.options:
        raise UserError(f"{where}.{family}: unknown option {option!r}; allowed: {', '.join(spec.options)}")
    if expired(spec, phase, start):
        raise UserError(f"{where}.{family}: can only be decided until {spec.available_until}")
    return spec.options[option]


def expired(family, phase: Phase, start: str) -> bool:
    """Whether a family with a deadline (``available_until``) can no longer be decided at ``phase``."""
    return bool(family.available_until) and phase.month > month_of(family.available_until, start)


def _money_levers(money: dict[str, float], budget: float, cfg: Config) -> dict[str, float]:
    """The money split as ``levers.funding``: the envelope's level (spent / budget x the
    scenario's envelope) and the shares the donors' ``_shares`` read."""
    total = sum(money.values())
    base = cfg.levers.funding.annual_envelope
    out = {"levers.funding.annual_envelope": round(base * total / budget, 6) if budget > 0 else 0.0}
    if total > 0:
        rest = total - money["quick_wins"]
        out["levers.funding.quick_win_share"] = round(money["quick_wins"] / total, 6)
        if rest > 0:
            out["levers.funding.ddr_share"] = round(money["ddr"] / rest, 6)
        programmes = money["capacity"] + money["governance"]
        if programmes > 0:
            out["levers.funding.governance_share"] = round(money["governance"] / programmes, 6)
    return out


def money_from_levers(cfg: Config) -> dict[str, float]:
    """The scenario's own split, as shares of one (before any decision)."""
    f = cfg.levers.funding
    q, d = f.quick_win_share, f.ddr_share * (1 - f.quick_win_share)
    rest = 1 - q - d
    return {"ddr": d, "capacity": rest * (1 - f.governance_share),
            "governance": rest * f.governance_share, "quick_wins": q}


def slug(text: str) -> str:
    """A team name as a folder and config name: lower case, non-alphanumerics as underscores."""
    return "".join(c if c.isalnum() else "_" for c in text.lower()).strip("_") or "team"
