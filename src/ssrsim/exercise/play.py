"""Playing the exercise: a team's decisions run as replicates, in one go or decision point by decision point.

    play              a checked decision file -> ``Results`` (replicates of the scenario with the
                      team's events), paired with every other team on the same seed
    save_play         a standard run folder plus ``decisions.yaml``, ``team.json`` and the figures
    play_interactive  the same game taken one decision point at a time at a prompt: the models
                      run to the month before each decision point, the team sees where things
                      stand and decides, and the models continue from that exact state
    situation         where things stand across replicates (``standing`` of each model, as plain
                      numbers, then ``situation_rows``); ``standing_at`` recomputes it from the
                      start in a worker process, as the browser's classroom does

Interactive play gives the same numbers as ``play`` of the decision file it writes: the models
are built from the same config, a decision enters only as events from its month on (checked by
``check_team`` exactly as a file is), and the schedule is rebuilt from a config
with the events appended, so events of the same month run in the same order as straight through.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import yaml
from pydantic import ValidationError

from ..config import SERVICES, Config
from ..config.calendar import label_of
from ..config.errors import UserError
from ..run.files import write_text
from ..run.results import RUN_FILES, SAVED_FILES, Results
from ..run.runner import combine
from .decisions import Decision, Money, Team, TeamFile, check_team, checked_option, expired, team_config
from .document import refuse_overwrite
from .menu import MONEY, Exercise, Phase, case_folder, exercise_id, historical_track, load_exercise, phases, \
    status_quo_options

#: What ``save_play`` writes: never replaced without ``overwrite``.
PLAY_FILES = (*RUN_FILES, "decisions.yaml", "team.json")


def resolve_team(arg: str | Path, exercise: str | Path | None = None) -> Path:
    """The decision file ``arg`` names: a path, or the word ``historical`` (the track shipped with
    ``exercise``, by default the only shipped case)."""
    if str(arg) == "historical":
        return historical_track(case_folder(exercise))
    return Path(arg)


def play_config(team: Team, replicates: int, seed: int | None = None, workers: int = 1) -> Config:
    """The config a play of ``team`` runs: the scenario, the team's events, ``replicates``
    replicates on ``seed`` (the scenario's if None) with ``workers`` processes."""
    if replicates < 1:
        raise UserError(f"replicates must be at least 1, got {replicates}")
    if workers < 1:
        raise UserError(f"workers must be at least 1, got {workers}")
    if seed is not None and not 0 <= seed < 2**63:
        raise UserError(f"seed must be between 0 and 2**63-1, got {seed}")
    overrides = [f"replicates={replicates}", f"workers={workers}"]
    return team_config(team, overrides if seed is None else [*overrides, f"seed={seed}"])


def play(team: Team, replicates: int = 40, workers: int = 2, seed: int | None = None,
         progress: Callable[[int, int], None] | None = None) -> Results:
    """Run ``replicates`` replicates of the team's game (the scenario's seed unless ``seed``).

    Replicate r draws from ``SeedSequence([seed, r])`` whatever the decisions, so teams played on
    the same seed face the same luck (common random numbers) and differ only by their choices.
    """
    from ..run.runner import simulate

    return simulate(play_config(team, replicates, seed, workers), workers=workers, progress=progress)


def check_play_folder(folder: Path, overwrite: bool) -> None:
    """``UserError`` if ``folder`` holds anything ``save_play`` writes and ``overwrite`` is false,
    or files that are not ssrsim's (``refuse_overwrite``)."""
    refuse_overwrite(folder, PLAY_FILES, overwrite, "results")


def team_record(team: Team, results: Results | None = None) -> dict:
    """What ``team.json`` holds: the team, and per decision point its money, capital, choices in
    force and the families whose option acted there (``acted``: an offer, power sharing)."""
    exercise, _ = load_exercise(team.exercise)
    record = {"team": team.name, "exercise": team.exercise, "title": exercise.title,
              "description": team.description, "source": team.source}
    if results is not None:
        record.update(scenario=results.config.name, replicates=results.config.replicates,
                      seed=results.config.seed, months=results.config.months,
                      calendar_start=results.config.calendar.start)
    record["phases"] = [
        {"label": phase.label, "month": phase.month, "budget": phase.budget,
         "capital_available": phase.capital, "capital_spent": spent, "money": money,
         "choices": choices, "acted": acted,
         "choice_labels": {f: exercise.families[f].options[o].label for f, o in choices.items()}}
        for phase, spent, money, choices, acted in zip(team.phases, team.capital_spent, team.money, team.choices,
                                                       team.acted)]
    return record


def save_play(results: Results, team: Team, folder: str | Path, overwrite: bool = False,
              decisions: str | None = None, command: str | None = None, figures: bool = True) -> list[Path]:
    """Write the run folder of a played game; return the paths written.

    ``decisions`` is the decision file's text (default: the text of the file the team came
    from). Nothing already in ``folder`` is replaced unless ``overwrite``. ``figures=False``
    leaves the figures to ``draw_saved_play`` (the classroom draws them in its worker processes).
    """
    folder = Path(folder)
    check_play_folder(folder, overwrite)
    if decisions is None:
        decisions = Path(team.source).read_text(encoding="utf-8")
    results.save(folder, overwrite=overwrite, command=command)
    write_text(folder / "decisions.yaml", decisions)
    write_text(folder / "team.json", json.dumps(team_record(team, results), indent=2) + "\n")
    written = [folder / f for f in (*SAVED_FILES, "decisions.yaml", "team.json")]
    return written + (draw_play(results, team.name, folder) if figures else [])


def draw_play(results: Results, name: str, folder: Path) -> list[Path]:
    """The four figures of team ``name``'s game, written into ``folder``."""
    from ..run.figures import save_figures

    cfg = results.config
    return save_figures(results.summary, results.timeseries, cfg.months, folder,
                        title=f"{name} ({cfg.replicates} replicates)", calendar_start=cfg.calendar.start)


def draw_saved_play(folder: str) -> list[str]:
    """The figures of a game whose run folder ``save_play`` wrote without them, read back from the
    folder (a job for worker processes: drawing takes seconds a game)."""
    from ..run.results import load_run

    folder = Path(folder)
    name = json.loads(folder.joinpath("team.json").read_text(encoding="utf-8"))["team"]
    return [str(p) for p in draw_play(load_run(folder, ("summary", "timeseries")), name, folder)]


# ---------------------------------------------------------------------------------- interactive
class GameAbandoned(Exception):
    """The players stopped (end of input or Ctrl-C); ``decisions`` is the file text so far."""

    def __init__(self, label: str, decisions: str):
        super().__init__(f"game abandoned at decision point {label}")
        self.label = label
        self.decisions = decisions


def decisions_text(raw: TeamFile, header: str = "") -> str:
    """``raw`` as a decision file (YAML) that ``load_team`` reads back to the same decisions."""
    data = {"team": raw.team, "exercise": raw.exercise}
    if raw.description:
        data["description"] = raw.description
    data["decisions"] = {}
    for label, decision in raw.decisions.items():
        entry = {}
        if decision.money is not None:
            entry["money"] = _Flow({k: _number(getattr(decision.money, k)) for k in MONEY})
        entry.update(decision.choices)
        data["decisions"][label] = entry
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=100)
    text = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines()) + body
    back = TeamFile.model_validate(yaml.safe_load(text))
    if back != raw:
        raise RuntimeError("the decision file does not read back to the decisions taken")
    return text


class _Flow(dict):
    """A mapping written on one line (the money split, as in the shipped decision files)."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Flow, lambda dumper, data: dumper.represent_mapping(
    "tag:yaml.org,2002:map", data.items(), flow_style=True))
_Dumper.add_representer(str, lambda dumper, data: dumper.represent_scalar(
    "tag:yaml.org,2002:str", data, style='"' if _looks_like_date(data) else None))


def _looks_like_date(text: str) -> bool:
    return len(text) == 7 and text[4] == "-" and text.replace("-", "").isdigit()


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def _stat(values, fmt: str) -> str:
    values = np.asarray(values, dtype=float)
    mean, lo, hi = values.mean(), values.min(), values.max()
    if lo == hi:
        return fmt.format(mean)
    return f"{fmt.format(mean)}  ({fmt.format(lo)} to {fmt.format(hi)})"


def standing(model) -> dict[str, float]:
    """One replicate's numbers at its current month, as ``situation`` shows them: plain numbers, so
    that a worker process can send them back (the browser app recomputes a team's situation in
    its run queue rather than keeping live models between decision points)."""
    month = model.month
    s = model.recorder.series
    numbers = {"month": month,
               "deaths": int(model.deaths_history[max(0, month - 11): month + 1].sum()),
               "armed": float(s["excombatants_combatant"][month] + s["excombatants_remobilized"][month]),
               "at_war": model.war_relapse_month is not None}
    for name in ("demobilized_total", "spoiler_fighters", "public_confidence", "political_will", "legitimacy",
                 "coup_risk", "peacekeepers", *(f"confidence_{s_}" for s_ in SERVICES)):
        numbers[name] = float(s[name][month])
    return numbers


def standing_at(cfg: Config, replicate: int, month: int) -> dict[str, float]:
    """Replicate ``replicate`` of ``cfg`` run to the end of ``month``: its ``standing`` (a job for
    worker processes: a team's situation at a decision point, recomputed from its decisions)."""
    from ..model import SSRModel
    from ..run.runner import release

    model = SSRModel(cfg, replicate)
    try:
        model.run(month)
        return standing(model)
    finally:
        release(model)


def situation_rows(standings: list[dict[str, float]]) -> list[tuple[str, str]]:
    """What ``situation`` lists, as (what, mean and range across replicates) pairs, from the
    replicates' ``standing``: the terminal and the browser show the same lines."""
    def now(name):
        return [st[name] for st in standings]

    rows = [
        ("Battle deaths, last 12 months", _stat(now("deaths"), "{:,.0f}")),
        ("Demobilised so far", _stat(now("demobilized_total"), "{:,.0f}")),
        ("Combatants still armed", _stat(now("armed"), "{:,.0f}")),
        ("Fighters under spoilers", _stat(now("spoiler_fighters"), "{:,.0f}")),
        ("Public confidence", _stat(now("public_confidence"), "{:.2f}")),
        *((f"  confidence in the {s}", _stat(now(f"confidence_{s}"), "{:.2f}")) for s in SERVICES),
        ("Political will", _stat(now("political_will"), "{:.2f}")),
        ("Government legitimacy", _stat(now("legitimacy"), "{:.2f}")),
        ("Army coup risk (per month)", _stat(now("coup_risk"), "{:.3f}")),
        ("Peacekeepers", _stat(now("peacekeepers"), "{:,.0f}")),
    ]
    # War level, not the armed-conflict test: a holdout that fights from the start crosses that
    # in the first months in every run.
    at_war = sum(bool(st["at_war"]) for st in standings)
    rows.append(("Relapsed into war (1,000 deaths a year)", f"{at_war} of {len(standings)} runs so far"))
    return rows


def situation_heading(month: int, start: str | None, runs: int) -> str:
    """The line above the situation: when, and over how many runs."""
    when = label_of(month, start) if start else f"month {month}"
    return f"Where things stand at the end of {when} (mean, and the range across {runs} runs):"


def situation_text(standings: list[dict[str, float]], start: str | None) -> str:
    """The situation as the prompt prints it, from the replicates' ``standing`` (all at one month)."""
    rows = situation_rows(standings)
    width = max(len(r[0]) for r in rows)
    lines = [situation_heading(int(standings[0]["month"]), start, len(standings))]
    lines += [f"  {name:<{width}}  {value}" for name, value in rows]
    return "\n".join(lines)


def situation(models: list, start: str | None) -> str:
    """Where things stand in ``models`` (all at the same month): mean (min to max) across replicates."""
    return situation_text([standing(m) for m in models], start)


class _Prompter:
    """Questions at the prompt; every answer is checked and asked again until it is valid."""

    def __init__(self, input, output):
        self.input, self.output = input, output

    def say(self, text: str = "") -> None:
        print(text, file=self.output, flush=True)

    def ask(self, prompt: str) -> str:
        return self.input(prompt).strip()


def _parse_money(answer: str) -> Money:
    parts = answer.replace(",", " ").split()
    if len(parts) != len(MONEY):
        raise UserError(f"give four amounts in US$ million ({' '.join(MONEY)}), e.g. 30 20 10 5; "
                        "or press Enter to keep the previous split")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise UserError(f"amounts must be numbers (US$ million), got {answer!r}") from None
    try:
        return Money(**dict(zip(MONEY, values)))
    except ValidationError:
        raise UserError("amounts cannot be negative") from None


def _ask_money(p: _Prompter, raw: TeamFile, phase: Phase, previous: dict[str, float]) -> Money | None:
    """The money split of ``phase`` (None: keep the previous one), asked until the file so far
    checks (the budget)."""
    shown = " ".join(f"{k}={v:g}" for k, v in previous.items())
    while True:
        answer = p.ask(f"Money in US$ million: {' '.join(MONEY)} [Enter keeps {shown}]: ")
        if not answer:
            return None
        try:
            money = _parse_money(answer)
            trial = raw.model_copy(deep=True)
            trial.decisions[phase.label] = Decision(money=money)
            check_team(trial, source="your decisions")
            return money
        except UserError as e:
            p.say(f"  {e}")


def _ask_option(p: _Prompter, exercise: Exercise, family: str, phase: Phase, start: str, current: str | None,
                quo: str | None) -> str | None:
    """One family's option at ``phase`` (None: keep the one in force), by name or number."""
    spec = exercise.families[family]
    p.say(f"\n{family}: {spec.question}")
    for i, (name, option) in enumerate(spec.options.items(), 1):
        mark = ("  <- in force" if name == (current or quo) else "") + \
            ("  (the scenario's setting: free)" if name == quo else "")
        once = "; acts once, now" if option.actions else ""
        p.say(f"  {i}. {name:<11} {option.label} (capital {option.capital}{once}){mark}")
    if spec.available_until:
        p.say(f"  (can be decided until {spec.available_until})")
    keep = f"Enter keeps {current}" if current else "Enter leaves it as the scenario has it"
    if current and spec.options[current].actions:
        keep += " without acting again"
    while True:
        answer = p.ask(f"{family} [{keep}]: ")
        if not answer:
            return None
        if answer.isdigit() and 1 <= int(answer) <= len(spec.options):
            answer = list(spec.options)[int(answer) - 1]
        try:
            checked_option(exercise, family, answer, phase, start, f"your decisions: decisions.{phase.label}")
            return answer
        except UserError as e:
            p.say(f"  {e}")


def _ask_phase(p: _Prompter, raw: TeamFile, index: int, plan: list[Phase], in_force: Team) -> Decision:
    """The decision of one decision point, asked until ``check_team`` accepts the file so far."""
    exercise, cfg = load_exercise(raw.exercise)
    start = cfg.calendar.start
    phase = plan[index]
    p.say(f"Budget for the two years from {phase.label}: US${phase.budget:g} million. "
          f"Political capital: {phase.capital} points; every choice in force that departs from the scenario's "
          f"own setting costs its points at every decision point (those in force now: "
          f"{in_force.capital_spent[index]}).")
    money = _ask_money(p, raw, phase, in_force.money[index])
    quo = status_quo_options(exercise, cfg)
    while True:
        choices = {}
        for family, spec in exercise.families.items():
            if expired(spec, phase, start):
                continue  # past its date: no longer a decision
            answer = _ask_option(p, exercise, family, phase, start, in_force.choices[index].get(family),
                                 quo.get(family))
            if answer is not None:
                choices[family] = answer
        decision = Decision(money=money, **choices)
        trial = raw.model_copy(deep=True)
        trial.decisions[phase.label] = decision
        try:
            team = check_team(trial, source="your decisions")
        except UserError as e:
            p.say(f"\n  {e}\n  Choose again for {phase.label} (money is kept).")
            continue
        p.say(f"\nDecided for {phase.label}: capital {team.capital_spent[index]} of {phase.capital} points; "
              "money " + ", ".join(f"{k} {v:g}" for k, v in team.money[index].items()) + " (US$ million).")
        return decision


def play_interactive(exercise: str | Path | None = None, team_name: str = "Team", replicates: int = 40,
                     seed: int | None = None, input: Callable[[str], str] = input,
                     output=sys.stdout) -> tuple[Results, str]:
    """Play the exercise (a shipped case or a case folder; default: the only shipped case) at a
    prompt, decision point by decision point.

    Returns the results (shaped as ``play``'s) and the text of a decision file that reproduces
    the game with ``play``. ``GameAbandoned`` (with the decisions so far) if input ends or the
    players press Ctrl-C.
    """
    from ..model import SSRModel
    from ..model.events import EventSchedule
    from ..run.runner import release

    case = exercise_id(case_folder(exercise))  # the decision file names it from anywhere
    spec, base = load_exercise(case)
    plan = phases(spec, base)
    start = base.calendar.start
    raw = TeamFile(team=team_name, exercise=case,
                   description="played interactively with ssrsim exercise play --interactive")
    team = check_team(raw, source="your decisions")
    cfg = play_config(team, replicates, seed)
    header = (f"Decisions of {team_name!s} in the exercise {case}, played with\n"
              f"`ssrsim exercise play --interactive` ({replicates} replicates, seed {cfg.seed}).\n"
              f"Replay: ssrsim exercise play decisions.yaml --replicates {replicates} --seed {cfg.seed}")
    p = _Prompter(input, output)
    p.say(f"{spec.title}\nTeam: {team_name}. {len(plan)} decision points: "
          f"{', '.join(ph.label for ph in plan)}; {replicates} runs of the model, seed {cfg.seed}.")
    models = [SSRModel(cfg, r) for r in range(replicates)]
    simulated = 0.0
    phase = plan[0]
    try:
        for index, phase in enumerate(plan):
            t0 = time.perf_counter()
            for model in models:
                model.run(phase.month - 1)
            simulated += time.perf_counter() - t0
            p.say(f"\n=== Decision point {index + 1} of {len(plan)}: {phase.label} ===")
            p.say(situation(models, start))
            raw.decisions[phase.label] = _ask_phase(p, raw, index, plan, team)
            team = check_team(raw, source="your decisions")
            cfg = play_config(team, replicates, seed)
            for model in models:  # the same order of same-month events as straight through
                model.cfg = cfg
                model.schedule = EventSchedule(cfg)
        t0 = time.perf_counter()
        outputs = []
        for model in models:
            model.run()
            outputs.append({**model.tables(), "summary": model.summary()})
        simulated += time.perf_counter() - t0
    except (EOFError, KeyboardInterrupt):
        raise GameAbandoned(phase.label, decisions_text(raw, header)) from None
    finally:
        for model in models:
            release(model)
    p.say(f"\nThe game is over: the runs continued to {label_of(cfg.months, start)}.")
    return combine(outputs, cfg, simulated), decisions_text(raw, header)
