"""``python -m ssrsim.validation.publish``: the docs' results section is the report's text."""

from __future__ import annotations

import json

import pytest

from ssrsim.validation.publish import main, publish


def _report(folder, size="full"):
    (folder / "figures").mkdir(parents=True)
    (folder / "figures" / "fact_01.png").write_bytes(b"png")
    for name in ("facts.csv", "calibration.csv"):
        (folder / name).write_text("a,b\n1,2\n")
    (folder / "manifest.json").write_text(json.dumps({"size": size}))
    (folder / "report.md").write_text("# ssrsim validation report\n\nSeed 1.\n\n## Calibration\n\n"
                                      "![fact 1](figures/fact_01.png)\n")
    return folder


def _docs(folder):
    (folder / "validation").mkdir(parents=True)
    (folder / "validation.md").write_text("# Validation\n\n## 2. Facts\n\nstated\n\n## 3. Results\n\nold\n\n"
                                          "## 4. Later\n\nkept\n")
    return folder


def test_the_results_section_is_replaced_and_the_rest_kept(tmp_path):
    report, docs = _report(tmp_path / "r"), _docs(tmp_path / "docs")
    publish(report, docs)
    page = (docs / "validation.md").read_text()
    assert "stated" in page and "kept" in page and "old" not in page
    assert "### Calibration" in page and "](validation/fact_01.png)" in page
    assert (docs / "validation" / "fact_01.png").read_bytes() == b"png"
    assert (docs / "validation" / "manifest.json").exists()


def test_a_fast_report_is_refused_by_name(tmp_path, capsys):
    report, docs = _report(tmp_path / "r", size="fast"), _docs(tmp_path / "docs")
    with pytest.raises(SystemExit) as stop:
        main([str(report), "--docs", str(docs)])
    assert stop.value.code == 2
    assert "only a full-size report" in capsys.readouterr().err
    assert "old" in (docs / "validation.md").read_text()


def _sensitivity_docs(folder):
    (folder / "validation").mkdir(parents=True)
    (folder / "validation.md").write_text("# Validation\n\n## 3. Results\n\n### Facts\n\nfacts\n\n"
                                          "### Global sensitivity over the plausible ranges\n\nNo finished piece\n\n"
                                          "### Burundi validation\n\nburundi\n\n## 4. Later\n\nkept\n")
    return folder


def _morris(root, trajectories):
    from helpers import finished_morris

    folder = finished_morris(root, ["months=12"])
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps({**manifest, "n": trajectories}))
    return folder


def test_a_finished_sensitivity_piece_is_copied_and_its_summary_replaces_the_subsection(tmp_path):
    _morris(tmp_path / "study", 10)
    docs = _sensitivity_docs(tmp_path / "docs")
    main(["--sensitivity", str(tmp_path / "study"), "--docs", str(docs)])
    copied = docs / "validation" / "sensitivity" / "morris"
    assert {"summary.md", "manifest.json", "sessions.json", "ranking.csv", "parameters.csv"} <= {
        p.name for p in copied.iterdir()}
    page = (docs / "validation.md").read_text()
    assert "No finished piece" not in page and "made by a test" in page and "#### Morris screening" in page
    assert "Not yet run: sobol, robustness" in page
    assert "facts" in page and "### Burundi validation\n\nburundi" in page and "kept" in page


def test_a_trial_sensitivity_piece_is_refused_and_nothing_changes(tmp_path, capsys):
    _morris(tmp_path / "study", 2)
    docs = _sensitivity_docs(tmp_path / "docs")
    before = (docs / "validation.md").read_text()
    with pytest.raises(SystemExit) as stop:
        main(["--sensitivity", str(tmp_path / "study"), "--docs", str(docs)])
    assert stop.value.code == 2 and "n 2, a trial" in capsys.readouterr().err
    assert (docs / "validation.md").read_text() == before and not (docs / "validation" / "sensitivity").exists()
