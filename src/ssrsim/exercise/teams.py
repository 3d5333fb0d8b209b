"""The played teams, as the debrief reads them: run folders, their checks and the historical track.

    TeamRun          one played team: its run, its decisions per phase (``team.json``), its colour
    read_play        a run folder of ``ssrsim exercise play`` as a ``TeamRun``
    exercise_of      the case the folders were played in (one only)
    check_teams      enough replicates, one horizon; a note when the seeds differ (not paired)
    historical_run   the case's historical track on the teams' seed: reused from the debrief's
                     folder when it is already there, else played and saved there
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config.errors import UserError
from ..run.files import read_json
from ..run.results import Results, load_run
from .decisions import Team, load_team, slug
from .menu import Exercise, exercises, has_historical_track, historical_track, load_exercise
from .play import check_play_folder, play, play_config, save_play

Progress = Callable[..., None]
#: Replicates per team the debrief asks for: with 40, a share of 0 still allows about 9%.
MIN_REPLICATES = 40


@dataclass
class TeamRun:
    """One played team: its run, its decisions per phase (from ``team.json``) and its colour."""

    name: str
    folder: Path
    results: Results
    record: dict = field(default_factory=dict)
    historical: bool = False
    colour: str = "#000000"

    @property
    def cfg(self):
        return self.results.config

    @property
    def replicates(self) -> int:
        return len(self.results.summary)

    @property
    def slug(self) -> str:
        return slug(self.name)

    @property
    def style(self) -> dict:
        return {"color": self.colour, "linestyle": "--" if self.historical else "-",
                "linewidth": 2.6 if self.historical else 2.0}


def _record_from_team(team: Team) -> dict:
    """A ``team.json``-like record of a checked decision file (when the folder has no team.json)."""
    return {"team": team.name, "exercise": team.exercise, "description": team.description,
            "phases": [{"label": p.label, "month": p.month, "budget": p.budget, "capital_available": p.capital,
                        "capital_spent": s, "money": m, "choices": c, "acted": a}
                       for p, s, m, c, a in zip(team.phases, team.capital_spent, team.money, team.choices,
                                                team.acted)]}


def read_play(folder: Path) -> TeamRun:
    """A play folder as a ``TeamRun``: ``team.json``, else ``decisions.yaml``, else the config name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder (give the run folders of `ssrsim exercise play`)")
    try:
        results = load_run(folder)
    except FileNotFoundError as e:
        raise UserError(f"{e} (give the run folders of `ssrsim exercise play`)") from None
    record: dict = {}
    if (folder / "team.json").is_file():
        record = read_json(folder / "team.json")
    elif (folder / "decisions.yaml").is_file():
        try:
            record = _record_from_team(load_team(folder / "decisions.yaml"))
        except UserError:
            record = {}
    name = str(record.get("team") or record.get("name") or results.config.name)
    return TeamRun(name=name, folder=folder, results=results, record=record)


def exercise_of(teams: list[TeamRun]) -> str:
    """The exercise the folders were played in (``team.json``, else the scenario's name); one only."""
    names = {t.record.get("exercise") for t in teams if t.record.get("exercise")}
    if len(names) > 1:
        raise UserError("the folders come from different exercises: " + ", ".join(sorted(names)))
    if names:
        return names.pop()
    scenario = teams[0].cfg.name.split("-")[0]
    for name in exercises():
        if load_exercise(name)[0].scenario == scenario:
            return name
    raise UserError(f"cannot tell which exercise {teams[0].folder} belongs to (no team.json)")


def _rerun_command(team: TeamRun, replicates: int) -> str:
    """The command that plays a team again with enough replicates, on its seed and into its folder."""
    decisions = team.folder / "decisions.yaml"
    source = str(decisions) if decisions.is_file() else "TEAMFILE"
    return (f"ssrsim exercise play {source} --replicates {replicates} --seed {team.cfg.seed} "
            f"--out {team.folder} --overwrite")


def check_teams(teams: list[TeamRun], min_replicates: int) -> list[str]:
    """Refuse teams with too few replicates or another horizon; return warnings (seeds differ)."""
    for t in teams:
        if t.replicates < min_replicates:
            raise UserError(f"{t.folder} ({t.name}) has {t.replicates} replicates; the debrief needs at least "
                            f"{min_replicates} per team for intervals worth comparing. Play it again with:\n  "
                            + _rerun_command(t, min_replicates))
    months = {t.cfg.months for t in teams}
    starts = {t.cfg.calendar.start for t in teams}
    if len(months) > 1 or len(starts) > 1:
        raise UserError("the folders have different horizons or calendars: "
                        + ", ".join(f"{t.folder}: {t.cfg.months} months from {t.cfg.calendar.start}" for t in teams))
    notes = []
    seeds = {t.cfg.seed for t in teams}
    if len(seeds) > 1:
        notes.append("the teams were played on different seeds ("
                     + ", ".join(f"{t.name}: {t.cfg.seed}" for t in teams)
                     + "), so they are not paired: replicate r of one team did not face the same luck as replicate "
                     "r of another, and part of their differences is chance. Play them again with the same --seed "
                     "to compare decisions alone.")
    return notes


def _same_config(a, b) -> bool:
    """Whether two runs have the same model settings (replicates and process settings aside)."""
    ignore = ("replicates", "workers", "overwrite")
    da, db = a.model_dump(mode="json"), b.model_dump(mode="json")
    return {k: v for k, v in da.items() if k not in ignore} == {k: v for k, v in db.items() if k not in ignore}


def historical_run(exercise: str, out: Path, seed: int, replicates: int, workers: int,
                   min_replicates: int, overwrite: bool, progress: Progress | None) -> TeamRun:
    """The historical track on ``seed``: reused from ``out`` if it is already there with the same
    configuration and enough replicates, else played and saved there."""
    team = load_team(historical_track(exercise))
    cfg = play_config(team, replicates, seed, workers)
    if (out / "summary.parquet").exists():
        try:
            existing = read_play(out)
        except UserError:
            existing = None
        if existing is not None and existing.cfg.seed == seed and existing.replicates >= min_replicates \
                and _same_config(existing.cfg, cfg):
            existing.historical = True
            if progress:
                progress(f"historical track: reusing {out} ({existing.replicates} replicates, seed {seed})")
            return existing
    if replicates < min_replicates:
        raise UserError(f"the historical track would have {replicates} replicates; the debrief needs at least "
                        f"{min_replicates} (--replicates)")
    check_play_folder(out, overwrite)  # before the track is played, not after
    if progress:
        progress(f"historical track: {replicates} replicates on seed {seed} ({workers} workers) -> {out}")
    results = play(team, replicates=replicates, workers=workers, seed=seed,
                   progress=(lambda d, n: progress(d, n)) if progress else None)
    save_play(results, team, out, overwrite=overwrite,
              command=f"ssrsim exercise play historical --exercise {exercise} --replicates {replicates} "
                      f"--seed {seed} --out {out}")
    run = read_play(out)
    run.historical = True
    return run


def historical_name(exercise: Exercise) -> str | None:
    """The historical track's team name, to recognise it among the folders given (None if the
    case has no historical track)."""
    return load_team(historical_track(exercise.name)).name if has_historical_track(exercise) else None
