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
