"""A case of the exercise: its folder, its definition (the menu and the case's texts) and its money.

A case is a folder of YAML: ``exercise.yaml`` (this module's ``Exercise``), optionally
``historical.yaml`` (the decisions actually taken, as a team's decision file) and
``scenario/<name>.yaml`` (the case's own scenario, if it does not use a shipped one). The
shipped cases are the folders of ``configs/exercise/``; a user's case is any folder holding an
``exercise.yaml``, named by its path. Nothing in the code knows a particular case: the dates the
debrief reads, its questions and the brief's case-specific paragraphs are all data.

This module validates a definition against the model (every lever path and value must be one the
schema accepts, every date a month label, every action's target one the scenario has) and works
out what the menu means against the scenario: each decision point's money (``phases``: the
donors' envelopes over the two years that follow it, as the scenario schedules them) and, per
family, the option the scenario already follows (``status_quo_options``), which costs no capital.

An option sets levers from its decision point on, and may also act once at the decision point
it is chosen (``actions``): an offer to an armed group, power shared with a party. A lever cannot
say that, because a lever holds from then on and an offer is one act.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, BaseModel, Field, PrivateAttr, ValidationError, model_validator

from ..config import Config, apply_lever, paths
from ..config.calendar import is_label, month_of
from ..config.compose import CONFIG_DIR, compose
from ..config.errors import UserError, readable_errors
from ..config.fields import Strict, explain
from ..run.files import read_text

EXERCISE_DIR = CONFIG_DIR / "exercise"
#: The four programmes a team's money goes to, in the model's terms (``levers.funding``).
MONEY = ("ddr", "capacity", "governance", "quick_wins")
#: The same programmes in words, as participants read them.
MONEY_WORDS = {"ddr": "DDR", "capacity": "capacity", "governance": "governance", "quick_wins": "quick wins"}
CASE_LAYOUT = "a case folder holds exercise.yaml, and may hold historical.yaml and scenario/NAME.yaml"


def family_words(family: str) -> str:
    """A menu family's name as words: ``ddr_pace`` -> "DDR pace", ``fnl`` -> "FNL", ``un_mandate``
    -> "UN mandate" (short words are acronyms)."""
    return " ".join(w.upper() if len(w) <= 3 else w for w in family.split("_"))


def _month_label(text: str) -> str:
    if not is_label(text):
        raise ValueError("not a month as YYYY-MM (e.g. 2004-12)")
    return text


#: A month of the calendar, ``YYYY-MM``.
Month = Annotated[str, AfterValidator(_month_label)]


# --------------------------------------------------------------------------- the menu
#: What each kind of action does, in the words of the brief and the team template.
ACTIONS = {
    "offer": "puts the government's current terms (integration places, the DDR package, an amnesty) to the "
             "armed group once, at the decision point; the group accepts or fights on",
    "share_power": "shares posts in government and the army with the party once, at the decision point, "
                   "as an agreement (the party is brought in if it was out)",
}


class Action(Strict):
    """A one-time act at the decision point an option is chosen: an event of the scenario's kind
    (``offer``, ``share_power``) at that month."""

    kind: Literal["offer", "share_power"] = Field(description="offer: put the current terms to an armed group; "
                                                              "share_power: share posts with an elite faction")
    target: str = Field(description="offer: a spoiler of the scenario (context.spoilers[].name), a signatory "
                                    "movement (context.factions[].name) or an elite faction's armed wing "
                                    "(<faction>_armed_wing); share_power: "
                                    "an elite faction other than the incumbent (context.settlement.factions[].name)")


class Option(Strict):
    label: str
    capital: int = Field(ge=0, le=100, description="Political capital it costs")
    levers: dict[str, float] = Field(default_factory=dict, description="Lever path -> value from the decision on")
    actions: list[Action] = Field(default_factory=list, description="One-time acts at the decision point it is "
                                                                    "chosen (again each time it is chosen)")

    @property
    def empty(self) -> bool:
        """Sets no lever and takes no action: keeping the course."""
        return not self.levers and not self.actions


class Family(Strict):
    question: str
    source: str
    available_until: Month | None = Field(None, description="Last month (YYYY-MM) it may be chosen")
    options: dict[str, Option] = Field(min_length=1)


class Fact(Strict):
    """One row of the country brief's facts table, with its source."""

    when: str
    fact: str
    source: str


# --------------------------------------------------------------------------- the case's texts
class BriefText(Strict):
    """What the country brief says of this case besides its situation and facts."""

    holdout: str = Field("", description="The armed holdout's name in the figures' legends")
    sourced: str = Field("", description="What the scenario takes from sources (a bullet)")
    assumed: str = Field("", description="What the scenario assumes (a bullet)")
    not_represented: str = Field("", description="What of this case the model does not represent (a bullet)")


class Checkpoint(Strict):
    """A count the debrief compares with the record at a date."""

    when: Month
    record: str = Field("", description="The recorded figure, as text (e.g. 'about 12,000')")
    source: str = Field("", description="Where the record comes from")


class WarningSigns(Strict):
    """A section of the debrief on the indicators before a crisis."""

    title: str = Field(description="The section's heading, e.g. 'Warning signs before the coup?'")
    text: str = Field(description="What the model can and cannot show of the crisis")
    since: Month = Field(description="First month of the figure")
    marks: list[Month] = Field(min_length=1, description="Months of the table's columns")


class Question(Strict):
    title: str
    text: str


class DebriefText(Strict):
    """The dates the debrief reads its headline numbers at, and what it says of this case."""

    horizon: Month | None = Field(None, description="P(war-level relapse) by this month (default: the end)")
    demobilised_by: Checkpoint | None = Field(None, description="Demobilised by a date, against the record")
    confidence_at: list[Month] = Field(default_factory=list, description="Public confidence at these months "
                                                                         "(default: the horizon)")
    effectiveness_marks: list[int] = Field(default_factory=list, description="Years whose December is marked "
                                                                            "on the effectiveness chart")
    relapse_note: str = Field("", description="Why the usual relapse test says little in this case")
    warning_signs: WarningSigns | None = None
    questions: list[Question] = Field(default_factory=list, description="The plenary's questions")
    limits: list[str] = Field(default_factory=list, description="What the model cannot show of this case")


# --------------------------------------------------------------------------- the definition
class Exercise(Strict):
    scenario: str = Field(description="A shipped scenario, or one in the case folder's scenario/")
    title: str
    decision_points: list[Month] = Field(min_length=1)
    political_capital: int = Field(ge=0, le=100)
    families: dict[str, Family]
    situation: str = Field("", description="The country brief's narrative (about one page)")
    facts: list[Fact] = Field(default_factory=list, description="Sourced facts for the brief")
    references: str = Field("", description="Where the sources named in short are listed in full")
    brief: BriefText = Field(default_factory=BriefText)
    debrief: DebriefText = Field(default_factory=DebriefText)
    _folder: Path | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _options_act(self) -> "Exercise":
        """Every lever exists with a value in range, and every option does something, except one
        per family that keeps the course (e.g. "as is" beside options that only act)."""
        levers = Config().levers
        for fname, family in self.families.items():
            empty = [o for o, option in family.options.items() if option.empty]
            if len(empty) > 1:
                raise ValueError(f"families.{fname}.options.{empty[1]}: sets no lever and takes no action, like "
                                 f"{empty[0]}; a family may have one such option (keeping the course)")
            for oname, option in family.options.items():
                for path, value in option.levers.items():
                    apply_lever(levers, path, value, where=f"families.{fname}.options.{oname}.levers")
        return self

    @property
    def folder(self) -> Path | None:
        """The case folder the definition was read from (None if built in code)."""
        return self._folder

    @property
    def name(self) -> str:
        """How decision files name the case: a shipped case's name, else its folder's path."""
        return exercise_id(self._folder) if self._folder is not None else ""


class Phase(BaseModel):
    """One decision point: its month, label and the money and capital it brings."""

    label: str  # YYYY-MM
    month: int
    budget: float  # US$ million over the next two years, at the scenario's envelopes
    capital: int


# --------------------------------------------------------------------------- finding a case
def exercises(folder: Path | None = None) -> list[str]:
    """Names of the shipped exercises: the folders of ``configs/exercise/`` holding an exercise.yaml."""
    folder = folder or EXERCISE_DIR
    return sorted(p.name for p in folder.iterdir() if (p / "exercise.yaml").is_file())


def default_exercise() -> str:
    """The exercise when none is named: the only shipped one (``UserError`` listing them otherwise)."""
    shipped = exercises()
    if len(shipped) != 1:
        raise UserError("name the exercise: one of " + ", ".join(shipped) + ", or a folder holding exercise.yaml")
    return shipped[0]


def case_folder(exercise: str | Path | None, relative_to: Path | None = None) -> Path:
    """The folder of ``exercise``: a shipped case's name, or the path of a folder holding
    exercise.yaml (relative to ``relative_to`` if given, e.g. a decision file's folder).
    ``None`` is the only shipped case."""
    text = default_exercise() if exercise is None else str(exercise)
    shipped = EXERCISE_DIR / text
    if Path(text).name == text and (shipped / "exercise.yaml").is_file():
        return shipped.resolve()
    folder = Path(text).expanduser()
    if relative_to is not None and not folder.is_absolute():
        folder = relative_to / folder
    if (folder / "exercise.yaml").is_file():
        return folder.resolve()
    if folder.is_dir():
        raise UserError(f"{folder}: no exercise.yaml in this folder ({CASE_LAYOUT})")
    raise UserError(f"unknown exercise {text!r}: neither a shipped case ({', '.join(exercises())}) "
                    "nor a folder holding exercise.yaml")


def exercise_id(folder: Path) -> str:
    """How a case is named in decision files and run folders: a shipped case by its name, any
    other by its folder's absolute path (so that the name works from anywhere)."""
    folder = folder.resolve()
    return folder.name if folder.parent == EXERCISE_DIR.resolve() else str(folder)


def load_exercise(name: str | Path) -> tuple[Exercise, Config]:
    """The exercise ``name`` (a shipped case or a case folder) and its scenario's validated
    config (cached per folder)."""
    return _load(case_folder(name))


@cache
def _load(folder: Path) -> tuple[Exercise, Config]:
    path = folder / "exercise.yaml"
    try:
        exercise = Exercise.model_validate(yaml.safe_load(read_text(path)))
    except yaml.YAMLError as e:
        raise UserError(f"{path}: not valid YAML: {e}") from None
    except ValidationError as e:  # a facilitator's edit: say where, not a traceback
        raise UserError(f"{path}:\n" + explain(e, Exercise)) from None
    exercise._folder = folder
    try:
        cfg = case_config(exercise)
    except UserError as e:
        raise UserError(f"{path}: scenario {exercise.scenario!r}: {e}") from None
    _check_dates(exercise, cfg, path)
    _check_actions(exercise, cfg, path)
    return exercise, cfg


def _check_dates(exercise: Exercise, cfg: Config, path: Path) -> None:
    """The decision points in order and inside the run (the scenario must have a calendar)."""
    start = cfg.calendar.start
    if start is None:
        raise UserError(f"{path}: scenario {exercise.scenario!r} has no calendar.start; an exercise needs one "
                        "(its decision points are months)")
    months = [month_of(label, start) for label in exercise.decision_points]
    for label, month in zip(exercise.decision_points, months):
        if not 0 < month < cfg.months:
            raise UserError(f"{path}: decision_points: {label} is outside the run "
                            f"(month 1 to {cfg.months - 1} from {start})")
    if months != sorted(set(months)):
        raise UserError(f"{path}: decision_points: give each month once, in order")


def action_targets(cfg: Config) -> dict[str, list[str]]:
    """Per kind of action, the names the scenario allows as its target (as ``Config`` checks the
    events): an offer goes to a spoiler, including a signatory movement (which may be back at war
    after its deal broke) and an elite faction's armed wing; power is shared with a faction other
    than the incumbent."""
    return {"offer": [s.name for s in cfg.context.all_spoilers()],
            "share_power": [f.name for f in cfg.context.settlement.factions if not f.incumbent]}


def _check_actions(exercise: Exercise, cfg: Config, path: Path) -> None:
    """Every action's target is one of the scenario's: a typo is caught when the case is read,
    not when a team's run is built."""
    allowed = action_targets(cfg)
    what = {"offer": "not a spoiler", "share_power": "not an elite faction other than the incumbent"}
    for fname, family in exercise.families.items():
        for oname, option in family.options.items():
            for i, action in enumerate(option.actions):
                if action.target not in allowed[action.kind]:
                    raise UserError(f"{path}: families.{fname}.options.{oname}.actions[{i}].target: "
                                    f"{action.target!r} is {what[action.kind]} of scenario {exercise.scenario!r}; "
                                    f"allowed: {', '.join(allowed[action.kind]) or 'none'}")


def scenario_file(exercise: Exercise) -> Path:
    """The scenario file the case uses: its own (``<case>/scenario/<name>.yaml``) or a shipped one."""
    own = exercise.folder / "scenario" / f"{exercise.scenario}.yaml" if exercise.folder else None
    return own if own is not None and own.is_file() else CONFIG_DIR / "scenario" / f"{exercise.scenario}.yaml"


def case_config(exercise: Exercise, overrides: list[str] = ()) -> Config:
    """The case's scenario composed with ``overrides``: the case folder is on Hydra's search path
    when it has a ``scenario/`` folder of its own."""
    extra = []
    own = exercise.folder / "scenario" if exercise.folder else None
    if own is not None and own.is_dir():
        if (own / f"{exercise.scenario}.yaml").is_file() \
                and (CONFIG_DIR / "scenario" / f"{exercise.scenario}.yaml").is_file():
            raise UserError(f"{own / exercise.scenario}.yaml: a shipped scenario has the same name, and Hydra "
                            "would read the shipped one; rename the case's scenario")
        extra = [f'hydra.searchpath=["file://{exercise.folder}"]']
    with readable_errors():
        return compose(exercise.scenario, [*extra, *overrides])


def historical_track(name: str | Path) -> Path:
    """The decision file of what was actually decided, shipped with the case
    (``UserError`` if the case has none)."""
    path = case_folder(name) / "historical.yaml"
    if not path.is_file():
        raise UserError(f"{path.parent} has no historical track (historical.yaml)")
    return path


def has_historical_track(exercise: Exercise) -> bool:
    """Whether the case ships the decisions actually taken (``historical.yaml``)."""
    return exercise.folder is not None and (exercise.folder / "historical.yaml").is_file()


# --------------------------------------------------------------------------- the menu's money
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
    the first decision point (the status quo), if any; an option that acts (an offer) never is.

    Keeping the scenario's course costs no political capital, so the brief's menu, the team
    template and the debrief's table of choices all mark this option as the scenario's own.
    """
    current = scenario_levers(cfg, phases(exercise, cfg)[0].month)
    out = {}
    for fname, family in exercise.families.items():
        for oname, option in family.options.items():
            if not option.actions and all(math.isclose(float(current.get(p, math.nan)), v)
                                          for p, v in option.levers.items()):
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
