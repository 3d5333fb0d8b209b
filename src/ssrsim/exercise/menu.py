"""An exercise's definition: decision points, political capital and the decision menu.

Also what the menu means against the scenario: each phase's money (``phases``) and, per family,
the option the scenario already follows (``status_quo_options``), which costs no capital.

The menu is data (``configs/exercise/<name>/exercise.yaml``) so a facilitator can read and adapt
it; this module validates it against the model (every lever path and value must be one the
schema accepts) and works out what each decision point's money is: the donors' envelopes over
the two years that follow it, as the scenario schedules them.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..config import Config, apply_lever, paths
from ..config.calendar import month_of
from ..config.compose import CONFIG_DIR, compose
from ..config.errors import UserError, readable_errors
from ..config.fields import explain

EXERCISE_DIR = CONFIG_DIR / "exercise"
#: The four programmes a team's money goes to, in the model's terms (``levers.funding``).
MONEY = ("ddr", "capacity", "governance", "quick_wins")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Option(_Strict):
    label: str
    capital: int = Field(ge=0, le=100, description="Political capital it costs")
    levers: dict[str, float] = Field(min_length=1, description="Lever path -> value from the decision on")


class Family(_Strict):
    question: str
    source: str
    available_until: str | None = Field(None, description="Last month (YYYY-MM) it may be chosen")
    options: dict[str, Option] = Field(min_length=1)


class Fact(_Strict):
    """One row of the country brief's facts table, with its source."""

    when: str
    fact: str
    source: str


class Exercise(_Strict):
    scenario: str
    title: str
    decision_points: list[str] = Field(min_length=1)
    political_capital: int = Field(ge=0, le=100)
    families: dict[str, Family]
    situation: str = Field("", description="The country brief's narrative (about one page)")
    facts: list[Fact] = Field(default_factory=list, description="Sourced facts for the brief")

    @model_validator(mode="after")
    def _levers_exist(self) -> "Exercise":
        levers = Config().levers
        for fname, family in self.families.items():
            for oname, option in family.options.items():
                for path, value in option.levers.items():
                    apply_lever(levers, path, value, where=f"families.{fname}.options.{oname}.levers")
        return self


class Phase(BaseModel):
    """One decision point: its month, label and the money and capital it brings."""

    label: str  # YYYY-MM
    month: int
    budget: float  # US$ million over the next two years, at the scenario's envelopes
    capital: int


def exercises() -> list[str]:
    """Names of the shipped exercises."""
    return sorted(p.name for p in EXERCISE_DIR.iterdir() if (p / "exercise.yaml").is_file())


@cache
def load_exercise(name: str) -> tuple[Exercise, Config]:
    """The exercise ``name`` and its scenario's validated config (cached)."""
    path = EXERCISE_DIR / name / "exercise.yaml"
    if not path.is_file():
        raise UserError(f"unknown exercise {name!r}; available: {', '.join(exercises())}")
    try:
        exercise = Exercise.model_validate(yaml.safe_load(path.read_text()))
    except yaml.YAMLError as e:
        raise UserError(f"{path}: not valid YAML: {e}") from None
    except ValidationError as e:  # a facilitator's edit: say where, not a traceback
        raise UserError(f"{path}:\n" + explain(e, Exercise)) from None
    with readable_errors():
        return exercise, compose(exercise.scenario)


def historical_track(name: str) -> Path:
    """The decision file of what was actually decided (shipped with the exercise)."""
    return EXERCISE_DIR / name / "historical.yaml"


def phases(exercise: Exercise, cfg: Config) -> list[Phase]:
    """Each decision point with its money: every donor's envelope over the two years that follow,
    counting only the months it is present (from its first cycle until a scheduled exit)."""
    start = cfg.calendar.start
    exits = {e.target: e.month for e in cfg.events if e.kind == "donor_exit"}
    out = []
    for label in exercise.decision_points:
        month = month_of(label, start)
        budget = 0.0
        for donor in cfg.context.donors:
            first, last = donor.cycle_offset, exits.get(donor.name, month + 24)
            months = max(0, min(month + 24, last) - max(month, first))
            budget += cfg.levers.funding.annual_envelope * donor.envelope_scale * months / 12
        out.append(Phase(label=label, month=month, budget=round(budget, 1), capital=exercise.political_capital))
    return out


def status_quo_options(exercise: Exercise, cfg: Config) -> dict[str, str]:
    """Per family, the option whose levers equal the scenario's settings after its own events at
    the first decision point (the status quo), if any.

    Keeping the scenario's course costs no political capital, so the brief's menu, the team
    template and the debrief's table of choices all mark this option as the scenario's own.
    """
    current = scenario_levers(cfg, phases(exercise, cfg)[0].month)
    out = {}
    for fname, family in exercise.families.items():
        for oname, option in family.options.items():
            if all(math.isclose(float(current.get(p, math.nan)), v) for p, v in option.levers.items()):
                out[fname] = oname
                break
    return out


def scenario_levers(cfg: Config, month: int) -> dict[str, float]:
    """The levers as the scenario alone sets them by ``month`` (its own ``set_lever`` events
    included), by dotted path: the status quo a team's choice departs from."""
    levers = paths.flatten(cfg.levers.model_dump(), "levers")
    for e in cfg.events:
        if e.kind == "set_lever" and e.month <= month:
            levers[e.path] = e.value
    return levers

