"""Run folders: written whole, refused when they hold results, read back equal."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from helpers import small_config

import ssrsim
from ssrsim.config.errors import UserError
from ssrsim.model import MODEL_VERSION
from ssrsim.run.files import RECORD
from ssrsim.run.results import RESULT_FILES, TABLE_FILES, FolderHasResults, load_run
from ssrsim.run.runner import simulate


@pytest.fixture(scope="module")
def results():
    return simulate(small_config(months=12, replicates=2))


def test_save_writes_every_table_config_and_manifest(results, tmp_path):
    results.save(tmp_path / "run", command="ssrsim run (test)")
    files = {p.name for p in (tmp_path / "run").iterdir()}
    assert files == {*RESULT_FILES, "config.yaml", RECORD}  # no temporary file left behind
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert manifest["command"] == "ssrsim run (test)" and manifest["replicates"] == 2
    assert manifest["seeds"] == [{"replicate": r, "seed_sequence_entropy": [results.config.seed, r]} for r in (0, 1)]
    assert {"git_commit", "versions", "wall_seconds"} <= manifest.keys() and manifest["versions"]["mesa"]


def test_the_manifest_names_the_model_version_beside_the_package_version(results, tmp_path):
    """Numbers change with the model version, not the package's: a run folder records both."""
    manifest = json.loads((results.save(tmp_path / "run") / "manifest.json").read_text())
    assert manifest["model_version"] == MODEL_VERSION and isinstance(MODEL_VERSION, str)
    assert manifest["versions"]["ssrsim"] == ssrsim.__version__
    assert load_run(tmp_path / "run").manifest["model_version"] == MODEL_VERSION


def test_load_run_gives_the_same_tables_and_config(results, tmp_path):
    results.save(tmp_path)
    again = load_run(tmp_path)
    assert again.config == results.config
    for name in TABLE_FILES:
        # text columns come back as pandas' string dtype rather than object: same values
        pd.testing.assert_frame_equal(getattr(again, name), getattr(results, name), obj=name, check_dtype=False)
        numeric = getattr(results, name).select_dtypes("number").columns
        assert (getattr(again, name)[numeric].dtypes == getattr(results, name)[numeric].dtypes).all()


def test_load_run_can_read_the_summary_alone(results, tmp_path):
    results.save(tmp_path)
    (tmp_path / "timeseries.parquet").write_bytes(b"not read")  # a table not asked for is not opened
    again = load_run(tmp_path, tables=["summary"])
    pd.testing.assert_frame_equal(again.summary, results.summary)
    assert again.timeseries.empty and again.groups.empty
    with pytest.raises(UserError, match="no table summaries; allowed: timeseries, summary"):
        load_run(tmp_path, tables=["summaries"])


def test_a_folder_with_results_is_refused_unless_overwriting(results, tmp_path):
    results.save(tmp_path)
    before = (tmp_path / "summary.parquet").read_bytes()
    with pytest.raises(FolderHasResults, match="overwrite"):
        results.save(tmp_path)
    assert (tmp_path / "summary.parquet").read_bytes() == before
    results.save(tmp_path, overwrite=True)
    assert issubclass(FolderHasResults, UserError)  # reported as a message, not a traceback


def test_a_damaged_table_is_named(results, tmp_path):
    from ssrsim.config.errors import UserError

    results.save(tmp_path)
    table = tmp_path / "timeseries.parquet"
    table.write_bytes(table.read_bytes()[:100])
    with pytest.raises(UserError, match="timeseries.parquet is damaged"):
        load_run(tmp_path)


def test_an_unfinished_folder_does_not_load(results, tmp_path):
    results.save(tmp_path)
    (tmp_path / "events.parquet").unlink()
    with pytest.raises(FileNotFoundError, match="events.parquet"):
        load_run(tmp_path)
