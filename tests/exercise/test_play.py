"""Playing the exercise: decision-file errors, batch play's run folder, and interactive play.

The key property: a game played at the prompt gives the same tables as the decision file it
writes played straight through (same replicates and seed), with one or two workers.
"""

from __future__ import annotations

import io
import json
import logging

import pandas as pd
import pytest
import yaml
from helpers import ssrsim
from pandas.testing import assert_frame_equal

from ssrsim.cli.exercise import main
from ssrsim.config.errors import UserError
from ssrsim.exercise.decisions import load_team
from ssrsim.exercise.menu import historical_track
from ssrsim.exercise.play import play, play_interactive, resolve_team

logging.getLogger("MESA").setLevel(logging.WARNING)

TABLES = ("timeseries", "summary", "events", "provinces", "funding")


def in_process(capsys, *args) -> tuple[int, str, str]:
    """``ssrsim exercise ARGS`` in this process (the command's own code, without a Python
    start-up; ``ssrsim`` runs it as a user does): exit code, stdout, stderr."""
    try:
        main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code
    shown = capsys.readouterr()
    return code, shown.out, shown.err


def team_file(tmp_path, decisions: dict, name: str = "Group A"):
    path = tmp_path / "team.yaml"
    path.write_text(yaml.safe_dump({"team": name, "exercise": "burundi", "decisions": decisions}))
    return path


# ------------------------------------------------------------------------ decision-file errors
BAD = {
    "unknown option": ({"2004-12": {"ddr_pace": "turbo"}},
                       ["decisions.2004-12.ddr_pace", "unknown option 'turbo'", "allowed: pause, slow, steady, fast, rapid"]),
    "over budget": ({"2004-12": {"money": {"ddr": 60, "capacity": 30, "governance": 10, "quick_wins": 5}}},
                    ["decisions.2004-12.money", "US$105m", "budget of US$72m"]),
    "capital": ({"2006-12": {"oversight": "strong", "fnl": "inclusive", "ddr_pace": "fast"}},
                ["decisions.2006-12", "cost 9 points of political capital", "6 are available"]),
    "mandate too late": ({"2006-12": {"un_mandate": "one_year"}},
                         ["decisions.2006-12.un_mandate", "until 2006-05"]),
    "unknown decision point": ({"2005-06": {"ddr_pace": "fast"}},
                               ["decisions.2005-06", "not a decision point", "2004-12, 2006-12"]),
    "unknown family": ({"2004-12": {"amnesty": "yes"}}, ["unknown decision", "ddr_pace"]),
}


@pytest.mark.parametrize("case", BAD)
def test_decision_file_errors_are_readable(tmp_path, case):
    decisions, words = BAD[case]
    with pytest.raises(UserError) as e:
        load_team(team_file(tmp_path, decisions))
    for word in words:
        assert word in str(e.value), (word, str(e.value))


def test_resolve_team():
    assert resolve_team("historical") == historical_track("burundi")
    assert str(resolve_team("a/b.yaml")) == "a/b.yaml"
    assert load_team(resolve_team("historical")).name == "Historical track"


@pytest.mark.parametrize("case", ["unknown option", "over budget", "mandate too late"])
def test_cli_rejects_a_bad_decision_file(tmp_path, capsys, case):
    decisions, words = BAD[case]
    path = team_file(tmp_path, decisions)
    out = tmp_path / "out"
    code, _, err = in_process(capsys, "play", str(path), "--replicates", "2", "--out", str(out))
    assert code == 2 and err.startswith("ssrsim: error:") and words[-1] in err, err
    assert not out.exists()


def test_cli_other_mistakes(tmp_path):
    out = tmp_path / "out"
    for args, words in [(["missing.yaml"], "does not exist"),
                        (["historical", "--replicates", "0"], "--replicates must be at least 1"),
                        ([], "give a decision file")]:
        done = ssrsim("exercise", "play", *args, "--out", str(out), cwd=tmp_path)
        assert done.returncode == 2 and words in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    assert not out.exists()
    done = ssrsim("exercise", "--help")
    assert done.returncode == 0
    for sub in ("play", "brief", "debrief"):
        assert f"ssrsim exercise {sub}" in done.stdout


# ------------------------------------------------------------------------ batch play
def test_batch_play_writes_a_run_folder_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "historical"
    done = ssrsim("exercise", "play", "historical", "--replicates", "2", "--workers", "1", "--out", str(out))
    assert done.returncode == 0, done.stderr
    for name in ("timeseries.parquet", "summary.parquet", "events.parquet", "config.yaml", "manifest.json",
                 "decisions.yaml", "team.json", "overview.png", "relapse_risk.png"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "decisions.yaml").read_text() == historical_track("burundi").read_text()
    record = json.loads((out / "team.json").read_text())
    assert record["team"] == "Historical track" and record["replicates"] == 2
    assert [p["label"] for p in record["phases"]] == ["2004-12", "2006-12", "2008-12", "2010-12",
                                                      "2012-12", "2014-12"]
    first = record["phases"][0]
    assert first["money"] == {"ddr": 36, "capacity": 24, "governance": 8, "quick_wins": 4}
    assert first["budget"] == 72.0 and first["capital_available"] == 6 and first["capital_spent"] == 3  # rapid; arusha is the scenario's
    assert first["choices"]["integration"] == "arusha"
    assert "P(war-level relapse) by Dec 2015" in done.stdout and str(out) in done.stdout
    assert "replicate 2/2" in done.stderr
    events = pd.read_parquet(out / "events.parquet")
    assert (events["detail"] == "levers.ddr.demobilization_per_month=3000").sum() == 2  # both replicates
    before = {t: pd.read_parquet(out / f"{t}.parquet") for t in TABLES}
    stamp = (out / "manifest.json").stat().st_mtime_ns

    code, _, err = in_process(capsys, "play", "historical", "--replicates", "2", "--out", str(out))
    assert code == 2 and "--overwrite" in err
    assert (out / "manifest.json").stat().st_mtime_ns == stamp

    code, _, err = in_process(capsys, "play", "historical", "--replicates", "2", "--workers", "2", "--out", str(out),
                              "--overwrite")
    assert code == 0, err
    for t in TABLES:  # the same file played twice: the same numbers
        assert_frame_equal(pd.read_parquet(out / f"{t}.parquet"), before[t], obj=t)


# ------------------------------------------------------------------------ interactive play
# (what the prompt starts with, the answer); every prompt must come in this order.
UNCHANGED = [("prevention", ""), ("inclusion", ""), ("budget_support", "")]
SCRIPT = [
    # 2004-12: money over budget (asked again), an unknown option (asked again), an option by number
    ("Money", "40 20 8 50"), ("Money", "36 24 8 4"),
    ("ddr_pace", "turbo"), ("ddr_pace", "steady"), ("reintegration", "1"), ("integration", "arusha"),
    ("oversight", ""), ("fnl", ""), *UNCHANGED, ("un_mandate", "one_year"),
    # 2006-12: too much political capital: the families are asked again (money kept)
    ("Money", ""), ("ddr_pace", "fast"), ("reintegration", ""), ("integration", ""),
    ("oversight", "strong"), ("fnl", "inclusive"), *UNCHANGED,
    ("ddr_pace", "fast"), ("reintegration", "standard"), ("integration", "pretoria"),
    ("oversight", "support"), ("fnl", ""), *UNCHANGED,
    # 2008-12: an offer to the FNL, made once
    ("Money", "10 30 16 4"), ("ddr_pace", ""), ("reintegration", ""), ("integration", ""),
    ("oversight", ""), ("fnl", "offer"), *UNCHANGED,
    # 2010-12: nothing changes (the offer is kept, not made again)
    ("Money", ""), ("ddr_pace", ""), ("reintegration", ""), ("integration", ""), ("oversight", ""), ("fnl", ""),
    *UNCHANGED,
    # 2012-12
    ("Money", "2 42 18 5"), ("ddr_pace", "pause"), ("reintegration", ""), ("integration", "2"),
    ("oversight", ""), ("fnl", ""), ("prevention", "training"), ("inclusion", ""), ("budget_support", ""),
    # 2014-12
    ("Money", ""), ("ddr_pace", ""), ("reintegration", ""), ("integration", ""), ("oversight", ""), ("fnl", ""),
    *UNCHANGED,
]


def scripted(script):
    answers = list(script)

    def ask(prompt: str) -> str:
        assert answers, f"unexpected question: {prompt}"
        start, answer = answers.pop(0)
        assert prompt.startswith(start), (prompt, start)
        return answer

    return ask, answers


@pytest.fixture(scope="module")
def interactive():
    ask, left = scripted(SCRIPT)
    output = io.StringIO()
    # no exercise named: the only shipped case (the command line's default too)
    results, text = play_interactive(team_name="Group C", replicates=3, seed=99, input=ask, output=output)
    assert not left and yaml.safe_load(text)["exercise"] == "burundi"
    return results, text, output.getvalue()


def test_interactive_asks_again_after_a_mistake(interactive):
    _, text, shown = interactive
    assert "is more than the budget of US$72m" in shown
    assert "unknown option 'turbo'; allowed: pause, slow, steady, fast, rapid" in shown
    assert "cost 9 points of political capital" in shown
    assert "Where things stand at the end of 2004-11" in shown and "2014-11" in shown
    for words in ("Battle deaths, last 12 months", "Demobilised so far", "Combatants still armed",
                  "Fighters under spoilers", "confidence in the police", "Political will", "legitimacy",
                  "coup risk", "Peacekeepers", "US$72 million"):
        assert words in shown, words
    data = yaml.safe_load(text)
    assert data["team"] == "Group C"
    assert data["decisions"]["2004-12"] == {"money": {"ddr": 36, "capacity": 24, "governance": 8, "quick_wins": 4},
                                            "ddr_pace": "steady", "reintegration": "short", "integration": "arusha",
                                            "un_mandate": "one_year"}
    assert data["decisions"]["2006-12"] == {"ddr_pace": "fast", "reintegration": "standard",
                                            "integration": "pretoria", "oversight": "support"}
    assert data["decisions"]["2012-12"]["integration"] == "pretoria"


@pytest.mark.parametrize("workers", [1, 2])
def test_interactive_equals_straight_through(tmp_path, interactive, workers):
    results, text, _ = interactive
    path = tmp_path / "decisions.yaml"
    path.write_text(text)
    team = load_team(path)
    straight = play(team, replicates=3, workers=workers, seed=99)
    assert straight.config.seed == 99 and results.config.seed == 99
    assert straight.config.events == results.config.events
    for t in TABLES:
        assert_frame_equal(getattr(results, t), getattr(straight, t), obj=t)
    # the decisions entered the runs as levers from their decision points, and the offer once
    details = set(results.events["detail"])
    assert {"levers.ddr.demobilization_per_month=2000", "levers.mandate_extension_months=12",
            "levers.prevention.training=0.3", "levers.ddr.demobilization_per_month=0"} <= details
    assert [(e.month, e.target) for e in results.config.events if e.kind == "offer"] == [(61, "fnl")]
