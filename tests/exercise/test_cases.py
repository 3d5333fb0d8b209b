"""A case of one's own is a folder of YAML: no code names a case.

The tiny case (``tests/cases/tiny``: its own scenario, two decision points, a historical track
and a short debrief section) is loaded from outside the package, played in one go and at the
prompt, briefed and debriefed; a copy without its historical track is debriefed team against
team; a copy dropped into a copy of the configs tree is a shipped case. Mistakes in a case are
readable errors. Everything runs at 2 or 3 replicates of 30 months: seconds.
"""

from __future__ import annotations

import io
import json
import logging
import shutil

import pandas as pd
import pytest
import yaml
from helpers import ROOT, ssrsim
from pandas.testing import assert_frame_equal

from ssrsim.cli.exercise import main
from ssrsim.config.compose import CONFIG_DIR, scenarios
from ssrsim.config.errors import UserError
from ssrsim.exercise import menu
from ssrsim.exercise.brief import write_brief
from ssrsim.exercise.debrief import write_debrief
from ssrsim.exercise.decisions import load_team
from ssrsim.exercise.menu import case_folder, default_exercise, exercises, load_exercise, phases
from ssrsim.exercise.play import play, play_interactive, resolve_team, save_play
from ssrsim.run.files import write_text

logging.getLogger("MESA").setLevel(logging.WARNING)
TINY = ROOT / "tests" / "cases" / "tiny"
REPLICATES = 3


def tiny_copy(where, historical: bool = True):
    """A copy of the tiny case in ``where`` (a fresh folder: nothing cached), without its
    historical track unless ``historical``."""
    folder = where / "tiny"
    shutil.copytree(TINY, folder, ignore=None if historical else shutil.ignore_patterns("historical.yaml"))
    return folder


# ------------------------------------------------------------------------------ loading
def test_the_tiny_case_loads_from_its_folder():
    exercise, cfg = load_exercise(TINY)
    assert exercise.folder == TINY.resolve() and exercise.name == str(TINY.resolve())
    assert cfg.name == "tiny" and "tiny" not in scenarios()  # its own scenario, through Hydra's search path
    assert cfg.calendar.start == "2020-01" and cfg.months == 30
    assert [(p.label, p.month) for p in phases(exercise, cfg)] == [("2020-06", 5), ("2021-06", 17)]
    assert exercise.debrief.horizon == "2022-06" and exercise.brief.holdout == "the front"


def test_a_brief_notes_the_regular_elections_of_a_case_that_lists_its_own(tmp_path):
    """A scenario that lists its elections still holds those of the regular calendar unless its
    cycle is 0: writing the brief says so (the tiny case sets 0: no note)."""
    from ssrsim.exercise.brief import _calendar_note

    _, cfg = load_exercise(TINY)
    assert cfg.context.government.election_cycle_months == 0 and _calendar_note(cfg) == ""
    cycled = cfg.model_copy(update={"context": cfg.context.model_copy(update={
        "government": cfg.context.government.model_copy(update={"election_cycle_months": 60})})})
    note = _calendar_note(cycled)
    assert "election_cycle_months = 60" in note and "2022-01" in note, note  # month 24 of 2020-01
    unlisted = cycled.model_copy(update={"events": [e for e in cycled.events if e.kind != "election"]})
    assert _calendar_note(unlisted) == ""  # no elections listed: the calendar is the case's own choice


def test_a_decision_file_names_its_case_relative_to_itself(tmp_path):
    case = tiny_copy(tmp_path)
    (tmp_path / "teams").mkdir()
    path = tmp_path / "teams" / "a.yaml"
    path.write_text(yaml.safe_dump({"team": "A", "exercise": "../tiny", "decisions": {"2020-06": {
        "ddr_pace": "fast"}}}))
    team = load_team(path)
    assert team.exercise == str(case.resolve()) and team.choices[0]["ddr_pace"] == "fast"
    assert load_team(case / "historical.yaml").exercise == str(case.resolve())  # `exercise: .`


def test_a_case_dropped_into_the_configs_tree_is_shipped(tmp_path, monkeypatch):
    configs = tmp_path / "configs"
    shutil.copytree(CONFIG_DIR, configs, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(TINY, configs / "exercise" / "tiny")
    assert exercises(configs / "exercise") == ["burundi", "tiny"]
    monkeypatch.setattr(menu, "EXERCISE_DIR", configs / "exercise")
    exercise, _ = load_exercise("tiny")  # by its name, as a shipped case
    assert exercise.name == "tiny"
    assert load_team(resolve_team("historical", "tiny")).exercise == "tiny"
    with pytest.raises(UserError, match="name the exercise: one of burundi, tiny"):
        default_exercise()  # two cases shipped: which one must be said


# ------------------------------------------------------------------------------ mistakes
@pytest.mark.parametrize("edit, words", [
    (("horizon: \"2022-06\"", "horizon: \"2022-13\""), ["debrief.horizon = '2022-13'", "not a month as YYYY-MM"]),
    (("  effectiveness_marks: [2021]", "  colour: red"), ["debrief.colour: unknown key", "allowed keys: horizon"]),
    (('decision_points: ["2020-06", "2021-06"]', 'decision_points: ["2020-06", "2024-06"]'),
     ["decision_points: 2024-06 is outside the run"]),
    (("scenario: tiny", "scenario: atlantis"),
     ["exercise.yaml: scenario 'atlantis'", "Could not find 'scenario/atlantis'"]),
])
def test_a_mistake_in_a_case_names_the_file_and_field(tmp_path, edit, words):
    case = tiny_copy(tmp_path)
    path = case / "exercise.yaml"
    text = path.read_text()
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1]))
    with pytest.raises(UserError) as e:
        load_exercise(case)
    for word in words:
        assert word in str(e.value), str(e.value)


def test_case_folders_that_are_not_cases(tmp_path):
    with pytest.raises(UserError, match="no exercise.yaml in this folder"):
        case_folder(tmp_path)
    with pytest.raises(UserError, match="unknown exercise 'atlantis': neither a shipped case"):
        load_exercise("atlantis")
    with pytest.raises(UserError, match="has no historical track"):
        resolve_team("historical", tiny_copy(tmp_path, historical=False))


def test_cli_mistakes_about_cases(tmp_path, capsys):
    """In this process (the command line's own code, without a Python start-up)."""
    with pytest.raises(SystemExit) as e:
        main(["play", "--interactive", "--exercise", str(tmp_path), "--out", str(tmp_path / "game")])
    shown = capsys.readouterr()
    assert e.value.code == 2 and shown.err.startswith("ssrsim: error:") and "Traceback" not in shown.err
    assert "no exercise.yaml in this folder" in shown.err and not (tmp_path / "game").exists()


# ------------------------------------------------------------------------------ brief, play, debrief
def test_the_tiny_brief_and_its_template(tmp_path):
    out = tmp_path / "brief"
    write_brief(TINY, out, replicates=2)
    md = (out / "brief.md").read_text()
    for words in ("Country brief: Tiny 2020-2022", "Tiny, June 2020.", "a peace agreement (invented)",
                  "Nothing here is sourced", "Assumed: everything.", "ceasefire with front", "tiny/scenario/tiny.yaml",
                  f"--exercise {TINY.resolve()}"):
        assert words in md, words
    elsewhere = tmp_path / "group" / "a.yaml"  # the template names the case by its absolute path
    elsewhere.parent.mkdir()
    shutil.copy(out / "team_template.yaml", elsewhere)
    team = load_team(elsewhere)
    assert team.exercise == str(TINY.resolve()) and team.capital_spent == [0, 0]


@pytest.fixture(scope="module")
def debriefed(tmp_path_factory):
    """A team of the tiny case and its historical track played, and debriefed together."""
    root = tmp_path_factory.mktemp("tiny")
    path = root / "a.yaml"
    path.write_text(yaml.safe_dump({"team": "Group A", "exercise": str(TINY), "decisions": {
        "2020-06": {"ddr_pace": "fast", "mandate": "longer"}, "2021-06": {"oversight": "strong"}}}))
    folders = [root / "a", root / "historical"]
    for team, folder in zip((load_team(path), load_team(resolve_team("historical", TINY))), folders):
        save_play(play(team, replicates=REPLICATES, workers=1), team, folder)
    out = root / "debrief"
    write_debrief(folders, out, min_replicates=REPLICATES)
    return folders, out


def test_the_tiny_debrief_reads_its_dates_from_the_case(debriefed):
    folders, out = debriefed
    assert not (out / "historical").exists()  # the track's folder was given: nothing was played
    summary = pd.read_csv(out / "summary.csv")
    assert list(summary["team"]) == ["Group A", "Historical track"]
    for column in ("p_war_by_2022_06", "p_war_by_2022_06_lo", "demobilized_end_2021_median", "confidence_2021_06",
                   "confidence_police_2022_06", "conflict_years_of"):
        assert column in summary, column
    assert (summary["demobilized_end_2021_median"] > 0).all()
    md = (out / "debrief.md").read_text()
    for words in ("P(war-level relapse) by Jun 2022", "the record: about 500, invented", "confidence Jun 2021: army",
                  "## 7. Warning signs before mid-2022?", "## 9. Debrief questions", "**What worked.**",
                  "A test case: its numbers mean nothing.", "The front fights from the start. The pack shows instead"):
        assert words in md, words
    assert sorted(p.name for p in (out / "slides").glob("*.png")) == ["slide_group_a.png", "slide_historical_track.png"]
    assert json.loads((folders[1] / "team.json").read_text())["exercise"] == str(TINY.resolve())


def test_a_case_without_historical_track_compares_teams_only(debriefed, tmp_path):
    case = tiny_copy(tmp_path, historical=False)
    played = tmp_path / "a"  # the team's folder, as if played in the copy
    shutil.copytree(debriefed[0][0], played)
    record = json.loads((played / "team.json").read_text())
    (played / "team.json").write_text(json.dumps({**record, "exercise": str(case)}))
    out = tmp_path / "debrief"
    paths = write_debrief([played], out, min_replicates=REPLICATES)
    assert not (out / "historical").exists()
    assert [p.name for p in paths if p.parent.name == "slides"] == ["slide_group_a.png"]
    md = (out / "debrief.md").read_text()
    assert "The case has no historical track, so the teams are compared with each other only." in md


SCRIPT = [("Money", "20 15 6 2"), ("ddr_pace", "fast"), ("oversight", ""), ("mandate", "2"),
          ("Money", ""), ("ddr_pace", ""), ("oversight", "strong")]  # 2021-06: capital 4 of 4, mandate past its date


def test_interactive_play_of_the_tiny_case_equals_its_file(tmp_path):
    answers = list(SCRIPT)

    def ask(prompt):
        start, answer = answers.pop(0)
        assert prompt.startswith(start), (prompt, start)
        return answer

    results, text = play_interactive(TINY, "Group I", replicates=2, seed=5, input=ask, output=io.StringIO())
    assert not answers
    path = tmp_path / "decisions.yaml"
    path.write_text(text)
    team = load_team(path)
    assert yaml.safe_load(text)["exercise"] == str(TINY.resolve())
    assert team.choices[1] == {"ddr_pace": "fast", "mandate": "longer", "oversight": "strong"}
    straight = play(team, replicates=2, workers=1, seed=5)
    for table in ("timeseries", "summary", "events"):
        assert_frame_equal(getattr(results, table), getattr(straight, table), obj=table)


def test_the_command_line_plays_a_case_folder(tmp_path):
    out = tmp_path / "game"
    answers = "\n".join(["", "fast", "", "", "", "", ""]) + "\n"
    done = ssrsim("exercise", "play", "--interactive", "--exercise", str(TINY), "--team", "Group D",
                  "--replicates", "2", "--out", str(out), input=answers)
    assert done.returncode == 0, done.stderr
    assert "Decision point 2 of 2: 2021-06" in done.stdout
    for words in ("P(war-level relapse) by Jun 2022", "demobilised by end 2021", "(the record: about 500, invented)",
                  "public confidence Jun 2022"):
        assert words in done.stdout, words
    team = load_team(out / "decisions.yaml")
    assert team.choices[0]["ddr_pace"] == "fast" and json.loads((out / "team.json").read_text())["replicates"] == 2
    assert_frame_equal(pd.read_parquet(out / "timeseries.parquet"), play(team, replicates=2, workers=1).timeseries)


def test_a_second_game_into_a_folder_is_refused_before_it_starts(tmp_path, capsys):
    write_text(tmp_path / "summary.parquet", "")  # an earlier game's file: ssrsim's, in its record
    with pytest.raises(SystemExit) as e:  # the team is named: nothing would be asked before the game
        main(["play", "--interactive", "--exercise", str(TINY), "--team", "Group D", "--out", str(tmp_path)])
    shown = capsys.readouterr()
    assert e.value.code == 2 and "--overwrite" in shown.err and "Decision point" not in shown.out
