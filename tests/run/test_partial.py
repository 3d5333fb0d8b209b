"""An interrupted single run keeps its finished replicates, and resumes with the same numbers."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq

from ssrsim.run import partial
from ssrsim.run.partial import FOLDER, KeptReplicates
from ssrsim.run.runner import run_replicate, run_replicates, simulate

from helpers import small_config, ssrsim


def _config(**changes):
    return small_config(months=12, citizens=500).model_copy(update={"replicates": 3, **changes})


def test_a_resumed_run_equals_an_uninterrupted_one(tmp_path):
    """Kept replicates 0 and 2, replicate 1 run after: the tables assembled from disk, a chunk
    of replicates at a time, equal the uninterrupted run's tables held in memory."""
    cfg = _config()
    kept = KeptReplicates(tmp_path, cfg)
    kept.start()
    for r in (0, 2):  # replicate 1 was running when the run was interrupted
        kept.keep(r, run_replicate(cfg, r))
    resumed = KeptReplicates(tmp_path, cfg.model_copy(update={"workers": 2}))  # workers: same numbers
    assert resumed.finished() == [0, 2]
    ran = []
    run_replicates(cfg, [1], 1, lambda r, out: (ran.append(r), resumed.keep(r, out)))
    summary = resumed.assemble(tmp_path)
    whole = simulate(cfg)
    assert ran == [1]
    pd.testing.assert_frame_equal(summary, whole.summary)
    for table in ("timeseries", "summary", "events", "provinces", "funding", "groups"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{table}.parquet"), getattr(whole, table))
    kept.discard()
    assert not (tmp_path / FOLDER).exists()


def test_tables_are_assembled_in_chunks_of_replicates(tmp_path, monkeypatch):
    """Two replicates per row group: the table read back is the one held in memory."""
    monkeypatch.setattr(partial, "CHUNK", 2)
    cfg = _config(replicates=5)
    kept = KeptReplicates(tmp_path, cfg)
    kept.start()
    run_replicates(cfg, range(5), 1, kept.keep)
    kept.assemble(tmp_path)
    whole = simulate(cfg)
    assert pq.ParquetFile(tmp_path / "groups.parquet").num_row_groups == 3
    for table in ("timeseries", "events", "groups", "funding"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / f"{table}.parquet"), getattr(whole, table))


def test_replicates_of_another_configuration_or_edited_are_not_read(tmp_path):
    cfg = _config()
    kept = KeptReplicates(tmp_path, cfg)
    kept.start()
    kept.keep(0, run_replicate(cfg, 0))
    kept.keep(1, run_replicate(cfg, 1))
    (tmp_path / FOLDER / "00000" / "00001_events.parquet").write_bytes(b"damaged")
    assert sorted(kept.finished()) == [0]  # an edited file is not ssrsim's: replicate 1 runs again
    other = KeptReplicates(tmp_path, _config(seed=7))
    assert other.other_configuration() and other.finished() == []
    other.start()  # another configuration's replicates are discarded (ssrsim's files only)
    assert not other.other_configuration() and other.finished() == []
    assert sorted(p.relative_to(tmp_path / FOLDER).as_posix() for p in (tmp_path / FOLDER).rglob("*")
                  if not p.name.startswith(".")) == \
        ["00000", "00000/00001_events.parquet", "run.json"]  # the edited file stays: it is no longer ssrsim's


def test_the_command_refuses_a_folder_with_another_configurations_replicates(tmp_path):
    cfg = _config()
    kept = KeptReplicates(tmp_path / "r", cfg)
    kept.start()
    kept.keep(0, run_replicate(cfg, 0))
    done = ssrsim("run", "replicates=2", "months=6", "context.citizens=500", f"hydra.run.dir={tmp_path / 'r'}")
    assert done.returncode == 2 and "replicates of another configuration" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and (tmp_path / "r" / FOLDER / "00000" / "00000_summary.parquet").exists()
