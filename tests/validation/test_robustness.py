"""The robustness piece: the stylised facts at Latin-hypercube points, resumable, the same in a worker."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from ssrsim.config.errors import UserError
from ssrsim.run.files import read_table
from ssrsim.validation import robustness as piece
from ssrsim.validation.checks import KNOCK_OUT

#: Small enough for the default suite: 6 months, few citizens, 2 replicates per arm.
OVERRIDES = ["months=6", "context.citizens=200"]
TOP = pd.DataFrame({"parameter": ["params.fighters.grievance_rate", "params.spoilers.min_fighters"],
                    "low": [0.05, 10.0], "high": [0.2, 40.0]})


def test_points_fill_the_ranges_and_integer_keys_stay_integers():
    design = piece.lhs_design(TOP, 30, seed=3)
    assert list(design.columns) == list(TOP["parameter"]) and len(design) == 30
    rate, fighters = design.iloc[:, 0], design.iloc[:, 1]
    assert rate.between(0.05, 0.2).all() and fighters.between(10, 40).all()
    assert pd.api.types.is_integer_dtype(fighters) and fighters.nunique() > 10
    strata = pd.cut(rate, np.linspace(0.05, 0.2, 31), labels=False, include_lowest=True)
    assert sorted(strata) == list(range(30))  # one point in each thirtieth of the range
    assert piece.overrides_of(design.to_dict("records")[0])[1] == f"params.spoilers.min_fighters={fighters[0]}"


def test_each_check_reports_whether_it_passed_and_the_sign_of_its_effect():
    """Facts are read through their interface only: number, checks, each check's statistic and outcome."""
    def check(effect, passed, kind="effect"):
        outcome = SimpleNamespace(effect=effect, lo=effect - 1, hi=effect + 1, minimum=0.5, passed=passed)
        return SimpleNamespace(statistic=f"effect {effect}", kind=kind, outcome=lambda data: outcome)

    facts = (SimpleNamespace(number=1, checks=(check(2.0, True), check(-1.0, False))),
             SimpleNamespace(number=2, checks=(check(0.2, False), check(0.1, True, KNOCK_OUT))))
    rows = pd.concat([piece.evaluate({}, facts).assign(point=p) for p in range(4)], ignore_index=True)
    assert list(rows.columns[:5]) == ["fact", "check", "statistic", "kind", "effect"]
    table = piece.shares(rows)
    assert table[["fact", "check", "points", "passed", "positive"]].fillna(-1).values.tolist() == [
        [1, 1, 4, 1.0, 1.0], [1, 2, 4, 0.0, 0.0], [2, 1, 4, 0.0, 1.0], [2, 2, 4, 1.0, -1]]
    text = piece.summary(table, "what ran")
    assert "| 2 | 1 | effect 0.2 | 0.5 | 0% | 100% | 0.2 |" in text
    assert "| 2 | 2 | effect 0.1 (knock-out) | 0.5 | 100% | – | 0.1 |" in text  # no effect asked: no sign


@pytest.fixture(scope="module")
def one_point(tmp_path_factory):
    folder = tmp_path_factory.mktemp("robustness") / "r"
    design = piece.lhs_design(TOP, 1, seed=3)
    todo = piece.plan(folder, design, OVERRIDES, 2, overwrite=False)
    lines = []
    piece.run_points(folder, todo, OVERRIDES, 2, workers=1, say=lines.append)
    return folder, design, todo, lines


def test_every_fact_check_runs_at_every_point_and_finished_points_are_skipped(one_point):
    from ssrsim.validation.facts import FACTS

    folder, design, todo, lines = one_point
    assert todo == [0] and "robustness: 1 point x" in lines[0] and "1/1 points complete" in lines[-1]
    checks = piece.collect(folder)
    assert len(checks) == sum(len(f.checks) for f in FACTS) and set(checks["point"]) == {0}
    knock_outs = checks["kind"] == KNOCK_OUT
    assert checks["passed"].dtype == bool and checks.loc[~knock_outs, "positive"].isin([0.0, 1.0]).all()
    assert checks.loc[knock_outs, "positive"].isna().all()
    assert (checks["params.spoilers.min_fighters"] == design.iloc[0]["params.spoilers.min_fighters"]).all()
    assert piece.plan(folder, design, OVERRIDES, 2, overwrite=False) == []  # the same command: nothing to run
    with pytest.raises(UserError, match="another design, points"):
        piece.plan(folder, piece.lhs_design(TOP, 2, seed=3), OVERRIDES, 2, overwrite=False)


def test_a_bad_point_or_an_override_of_an_arm_is_named_before_anything_is_written(tmp_path):
    with pytest.raises(UserError, match="point 0, arm 'baseline'"):  # every arm at every point, before any runs
        piece.plan(tmp_path / "bad", pd.DataFrame({"params.fighters.grievance_rate": [2.0]}), OVERRIDES, 2, False)
    with pytest.raises(UserError, match="levers.political_will: set by the arm 'good_governance'"):
        piece.plan(tmp_path / "bad", piece.lhs_design(TOP, 1, seed=3), [*OVERRIDES, "levers.political_will=0.5"], 2,
                   False)
    assert not (tmp_path / "bad").exists()


def test_an_arm_keeps_its_own_value_of_a_parameter_the_point_moves():
    arm = next(a for a in piece.arms_of() if piece.set_by(a))
    key = sorted(piece.set_by(arm))[0]
    assert piece.at_point(arm, {key: 0.5, "params.x": 1.0}) == {"params.x": 1.0}
    other = next(a for a in piece.arms_of() if key not in piece.set_by(a))
    assert piece.at_point(other, {key: 0.5}) == {key: 0.5}


def test_a_point_runs_the_same_in_a_worker_process(one_point, tmp_path):
    folder, design, _, _ = one_point
    again = tmp_path / "again"
    piece.plan(again, design, OVERRIDES, 2, overwrite=False)
    task = (again, 0, design.to_dict("records")[0], OVERRIDES, 2)
    assert [point for point, _ in piece.pooled([task], workers=1)] == [0]
    pd.testing.assert_frame_equal(read_table(piece.point_file(again, 0)).drop(columns="seconds"),
                                  read_table(piece.point_file(folder, 0)).drop(columns="seconds"))
    assert piece.plan(again, design, OVERRIDES, 2, overwrite=True) == [0]  # overwrite: every point again
    assert not piece.point_file(again, 0).exists()


def test_a_kill_of_the_command_stops_its_workers(tmp_path):
    """SIGTERM to the process running the points (``pkill``, a scheduler's time limit) stops its
    worker processes too, as Ctrl-C does; they used to run on after the command had ended."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from helpers import ROOT

    script = tmp_path / "points.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT / 'tests')!r})\n"
        "from helpers import pid_then_sleep\n"
        "from ssrsim.validation.robustness import pooled\n"
        "if __name__ == '__main__':\n"
        f"    for _ in pooled([({str(tmp_path)!r},)] * 4, 2, task=pid_then_sleep):\n"
        "        pass\n")
    parent = subprocess.Popen([sys.executable, str(script)], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(workers := [int(p.name) for p in tmp_path.iterdir() if p.name.isdigit()]) < 2:
        assert time.monotonic() < deadline and parent.poll() is None, parent.stderr.read() if parent.poll() else "slow"
        time.sleep(0.2)
    parent.send_signal(signal.SIGTERM)
    parent.wait(timeout=30)

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in workers), "a worker outlived the killed command"
