"""``ssrsim validate``: the report's contents, and its command-line errors."""

from __future__ import annotations

import json

from pathlib import Path

import pytest
from helpers import ssrsim

from ssrsim.model import MODEL_VERSION
from ssrsim.validation import facts as facts_mod
from ssrsim.validation import report
from ssrsim.validation.calibration import EMERGENT, TARGETS



def test_report_has_every_target_fact_and_figure(tmp_path, monkeypatch):
    """A tiny validation (3 replicates per arm, 4 for the calibration, one fact, Burundi's three
    strategies at 2 replicates and 2 drawn ones at 1): the report, tables, manifest and figures."""
    from ssrsim.validation import burundi, cases

    monkeypatch.setitem(facts_mod.SIZES, "fast", {"replicates": 3, "overrides": ("context.citizens=1000",)})
    monkeypatch.setitem(report.CALIBRATION_REPLICATES, "fast", 4)
    monkeypatch.setitem(burundi.SIZES, "fast", burundi.Size(fixed=2, random=1, strategies=2))
    fact9 = next(f for f in facts_mod.FACTS if f.number == 9)
    monkeypatch.setitem(cases.SIZES, "fast", (1, ("context.citizens=1000", "months=24")))
    calibration, table, case, (checks, reported) = report.validate(tmp_path, "fast", workers=1, facts=(fact9,))
    assert case.size == "fast" and "## Burundi validation" in (tmp_path / "report.md").read_text()
    assert "## Qualitative cases" in (tmp_path / "report.md").read_text() and "| mozambique | M1 |" in (tmp_path / "report.md").read_text()
    assert list(checks.check) == ["M1", "M2", "M3", "L1", "L2"] and (tmp_path / "cases.csv").exists()
    assert "## Global sensitivity over the plausible ranges" in (tmp_path / "report.md").read_text()
    assert (tmp_path / "burundi_checks.csv").exists() and (tmp_path / "figures" / "burundi_teams.png").exists()
    assert len(calibration) == len(TARGETS) + len(EMERGENT) and len(table) == len(fact9.checks)
    text = (tmp_path / "report.md").read_text()
    assert "P(war-level relapse within 5 years)" in text and "Fact 9" in text
    assert "figures/fact_09.png" in text and "figures/calibration.png" in text
    for name in ("calibration.png", "fact_09.png"):
        assert (tmp_path / "figures" / name).stat().st_size > 10_000
    meta = json.loads((tmp_path / "manifest.json").read_text())
    assert meta["size"] == "fast" and meta["replicates_per_arm"] == 3
    assert meta["calibration_replicates"] == 4
    assert meta["all_passed"] == bool(calibration.passed.all() and table.passed.all())
    assert "mesa" in meta["versions"] and meta["model_version"] == MODEL_VERSION
    assert f"(model version {MODEL_VERSION})" in text


def test_validate_refuses_a_folder_with_a_report(tmp_path):
    """An earlier report (ssrsim's, in the folder's record) is refused without --overwrite; a
    report.md of the user's is refused even with it."""
    from ssrsim.run.files import write_text

    write_text(tmp_path / "report.md", "an earlier report")
    done = ssrsim("validate", "--fast", "--out", str(tmp_path))
    assert done.returncode == 2
    assert "already holds a report" in done.stderr and "Traceback" not in done.stderr
    assert (tmp_path / "report.md").read_text() == "an earlier report"
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.md").write_text("my own report")
    done = ssrsim("validate", "--fast", "--overwrite", "--out", str(mine))
    assert done.returncode == 2 and "not its own" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert (mine / "report.md").read_text() == "my own report"


def test_validate_checks_its_destination_before_computing(tmp_path):
    """A file where the report folder should be, or the root, is refused at once (not after minutes)."""
    blocker = tmp_path / "a_file"
    blocker.write_text("the user's")
    for out, message in ((blocker / "report", "is a file, not a folder"), (Path("/"), "root of the file system")):
        done = ssrsim("validate", "--fast", "--out", str(out), timeout=60)
        assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert blocker.read_text() == "the user's"


@pytest.mark.parametrize("args, message", [
    (["--workers", "0"], "--workers must be at least 1"),
    (["--size", "huge"], "unrecognized arguments"),
])
def test_validate_bad_options(args, message, tmp_path):
    done = ssrsim("validate", *args, "--out", str(tmp_path / "v"))
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "v").exists()
