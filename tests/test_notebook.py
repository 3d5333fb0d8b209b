"""The exploration notebook runs top to bottom in a fresh kernel, at toy sizes."""

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore_scenarios.ipynb"


def test_notebook_runs(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("SSRSIM_NOTEBOOK_REPLICATES", "2")
    monkeypatch.setenv("SSRSIM_NOTEBOOK_MONTHS", "24")
    monkeypatch.setenv("SSRSIM_NOTEBOOK_WORKERS", "1")  # no process pools to start at this size
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # the notebook's sweep folder goes here
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    images = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if "image/png" in o.get("data", {})]
    assert len(images) >= 4  # two comparisons, the sweep's lines and its heatmap
    assert list(tmp_path.glob("ssrsim-notebook-2x24/sweep.parquet"))
