"""Scenario discovery (``ssrsim discover``): PRIM finds a box planted in known data, the same each
time, and a folder or outcome it cannot use ends with a message."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ssrsim.config.errors import UserError
from ssrsim.sweeps.discovery import Question, Scenarios, discover, scenarios, write

from helpers import ROOT, ssrsim

pytest.importorskip("ema_workbench")

#: The study the discovery notebook reads (shipped: notebooks/data/).
SHIPPED = ROOT / "notebooks" / "data" / "discovery_study"


def planted(folder: Path, n: int = 400, seed: int = 3) -> Scenarios:
    """Scenarios where war is likely (90%) exactly when will is below 0.35 and demobilisation
    above 1,500 a month, else rare (10%); oversight does nothing."""
    rng = np.random.default_rng(seed)
    x = pd.DataFrame({"levers.political_will": rng.uniform(0, 1, n),
                      "levers.ddr.demobilization_per_month": rng.uniform(0, 3000, n),
                      "levers.oversight_strength": rng.uniform(0, 1, n)})
    inside = (x["levers.political_will"] < 0.35) & (x["levers.ddr.demobilization_per_month"] > 1500)
    war = (rng.random(n) < np.where(inside, 0.9, 0.1)).astype(float)
    return Scenarios(folder, "study", x, pd.DataFrame({"war_relapse": war}), {"war_relapse": "war"})


def test_prim_finds_the_planted_box_and_says_it_in_words(tmp_path):
    found = planted(tmp_path)
    result = discover(found, Question("war_relapse", 0.5), density=0.8)
    first = result.boxes.iloc[0]
    assert first.density >= 0.8 and first.coverage > 0.5
    ranges = result.restrictions[result.restrictions.box == 1].set_index("key")
    assert set(ranges.index) == {"levers.political_will", "levers.ddr.demobilization_per_month"}  # not oversight
    assert 0.25 < ranges.loc["levers.political_will", "high"] < 0.45 and np.isnan(ranges.loc["levers.political_will", "low"])
    assert 1300 < ranges.loc["levers.ddr.demobilization_per_month", "low"] < 1800
    assert (ranges.qp_high.fillna(0) < 0.05).all() and (ranges.qp_low.fillna(0) < 0.05).all()
    assert "political will is below 0.3" in result.sentences[0] or "political will is below 0.4" in result.sentences[0]
    assert "demobilization per month is above 1," in result.sentences[0]


def test_the_same_question_gives_the_same_boxes(tmp_path):
    found = planted(tmp_path)
    before = np.random.get_state()[1].copy()
    a, b = (discover(found, Question("war_relapse", 0.5), seed=7) for _ in range(2))
    pd.testing.assert_frame_equal(a.restrictions, b.restrictions)
    pd.testing.assert_frame_equal(a.trajectory, b.trajectory)
    assert (a.restrictions.reproduced >= 0.3).all()  # PRIM, greedy, stops early on some halves: not on most
    assert (np.random.get_state()[1] == before).all()  # numpy's global generator is not drawn from


def test_write_puts_tables_figure_and_summary_in_the_folder(tmp_path):
    found = planted(tmp_path)
    result = discover(found, Question("war_relapse", 0.5))
    out = write(found, result, "ssrsim discover test")
    assert out == tmp_path / "discovery" / "war_relapse_above_0.5"
    assert {p.name for p in out.iterdir()} >= {"boxes.csv", "restrictions.csv", "trajectory.csv", "tradeoff.png",
                                                 "discovery.md", "manifest.json"}
    assert "Box 1: war at or above 0.5 is likely" in (out / "discovery.md").read_text()
    write(found, result, "ssrsim discover test")  # its own files are replaced
    (out / "boxes.csv").write_text("mine")
    with pytest.raises(UserError, match="not its own"):  # a file edited since is not
        write(found, result, "ssrsim discover test")


def test_a_restriction_the_box_barely_needs_is_dropped(tmp_path):
    """Oversight does nothing in the planted data: a box restricting it keeps its density without
    it, so it is dropped (its quasi-p value above 0.05), while the two planted keys stay."""
    found = planted(tmp_path)
    result = discover(found, Question("war_relapse", 0.5), density=0.8)
    kept = result.trajectory[result.trajectory.kept]
    assert "levers.oversight_strength" not in set(result.restrictions.key)
    assert int(kept.res_dim.iloc[0]) == 2


def test_an_outcome_or_threshold_that_cannot_be_used_is_named(tmp_path):
    found = planted(tmp_path)
    with pytest.raises(UserError, match="--outcome deaths: not an outcome of this study; allowed: war_relapse"):
        discover(found, Question("deaths", 0.5))
    with pytest.raises(UserError, match="--above 2: no scenario has war_relapse at or above it"):
        discover(found, Question("war_relapse", 2))


def test_a_folder_that_is_not_a_study_or_sweep_is_refused(tmp_path):
    with pytest.raises(UserError, match="not a study or a sweep folder"):
        scenarios(tmp_path)
    (tmp_path / "study.json").write_text('{"parameters": ["levers.political_will"]}')
    with pytest.raises(UserError, match="its runs are not collected; run `ssrsim collect"):
        scenarios(tmp_path)


def test_the_command_on_the_shipped_study(tmp_path):
    import shutil

    study = shutil.copytree(SHIPPED, tmp_path / "study")
    done = ssrsim("discover", str(study), "--outcome", "war_relapse", "--above", "0.5")
    assert done.returncode == 0, done.stderr
    assert "scenarios with war-level relapse within 10 years (a scenario's share of runs) at or above 0.5" in done.stdout
    assert (study / "discovery" / "war_relapse_above_0.5" / "tradeoff.png").is_file()
    wrong = ssrsim("discover", str(study), "--outcome", "wars", "--above", "0.5")
    assert wrong.returncode == 2 and "--outcome wars: not an outcome of this study; allowed: relapse" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    nothing = ssrsim("discover", str(tmp_path / "none"), "--outcome", "war_relapse", "--above", "0.5")
    assert nothing.returncode == 2 and "no such folder" in nothing.stderr
