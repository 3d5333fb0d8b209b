"""The notebooks run top to bottom in a fresh kernel, at toy sizes."""


import pytest
from helpers import ROOT

NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK = NOTEBOOKS / "explore_scenarios.ipynb"


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


@pytest.mark.slow  # about 35 s; the default suite stays under 10 minutes
def test_burundi_notebook_runs(tmp_path, monkeypatch):
    """Historical track, one team, the comparison and the plenary pack, at 3 replicates."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("SSRSIM_NOTEBOOK_REPLICATES", "3")
    monkeypatch.setenv("SSRSIM_NOTEBOOK_WORKERS", "1")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    notebook = nbformat.read(NOTEBOOKS / "burundi_exercise.ipynb", as_version=4)
    nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 3  # two comparisons and a slide
    text = "".join(o.get("text", "") for o in outputs)
    assert "more than the budget" in text
    work = next(tmp_path.glob("ssrsim-burundi-*"))
    assert (work / "plenary" / "debrief.md").is_file()
    assert (work / "group_a" / "team.json").is_file()


def test_discovery_notebook_runs(tmp_path):
    """Scenario discovery on the shipped study (no model runs): the boxes and three figures."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ema_workbench")
    notebook = nbformat.read(NOTEBOOKS / "discover_scenarios.ipynb", as_version=4)
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 2  # two trade-off figures
    text = "".join(o.get("text", "") for o in outputs)
    assert "Box 1: war-level relapse within 10 years" in text
    assert not list((NOTEBOOKS / "data" / "discovery_study").glob("discovery"))  # it writes nothing there
