"""An interrupted single run keeps its finished replicates, and resumes with the same numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from ssrsim.run.partial import FOLDER, KeptReplicates
from ssrsim.run.runner import run_replicate, simulate

from helpers import small_config, ssrsim


def _config(**changes):
    return small_config(months=12, citizens=500).model_copy(update={"replicates": 3, **changes})


def test_a_resumed_run_equals_an_uninterrupted_one(tmp_path):
    cfg = _config()
    kept = KeptReplicates(tmp_path, cfg)
    kept.start()
    for r in (0, 2):  # replicate 1 was running when the run was interrupted
        kept.keep(r, run_replicate(cfg, r))
    finished = KeptReplicates(tmp_path, cfg.model_copy(update={"workers": 2})).load()  # workers: same numbers
    assert sorted(finished) == [0, 2]
    ran = []
    resumed = simulate(cfg, finished=finished, keep=lambda r, out: ran.append(r))
    whole = simulate(cfg)
    assert ran == [1]
    for table in ("timeseries", "summary", "events", "provinces", "funding", "groups"):
        pd.testing.assert_frame_equal(getattr(resumed, table), getattr(whole, table))
    kept.discard()
    assert not (tmp_path / FOLDER).exists()


def test_replicates_of_another_configuration_or_edited_are_not_read(tmp_path):
    cfg = _config()
    kept = KeptReplicates(tmp_path, cfg)
    kept.start()
    kept.keep(0, run_replicate(cfg, 0))
    kept.keep(1, run_replicate(cfg, 1))
    (tmp_path / FOLDER / "00001_events.parquet").write_bytes(b"damaged")
    assert sorted(kept.load()) == [0]  # an edited file is not ssrsim's: replicate 1 runs again
    other = KeptReplicates(tmp_path, _config(seed=7))
    assert other.other_configuration() and other.load() == {}
    other.start()  # another configuration's replicates are discarded (ssrsim's files only)
    assert not other.other_configuration() and other.load() == {}
    assert sorted(p.name for p in (tmp_path / FOLDER).iterdir() if not p.name.startswith(".")) == \
        ["00001_events.parquet", "run.json"]  # the edited file stays: it is no longer ssrsim's


def test_the_command_refuses_a_folder_with_another_configurations_replicates(tmp_path):
    cfg = _config()
    kept = KeptReplicates(tmp_path / "r", cfg)
    kept.start()
    kept.keep(0, run_replicate(cfg, 0))
    done = ssrsim("run", "replicates=2", "months=6", "context.citizens=500", f"hydra.run.dir={tmp_path / 'r'}")
    assert done.returncode == 2 and "replicates of another configuration" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and (tmp_path / "r" / FOLDER / "00000_summary.parquet").exists()
