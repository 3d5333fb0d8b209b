"""The runner: replicates in order, serially or in workers, combined into one run's tables."""

from __future__ import annotations

import subprocess
import sys

import mesa
import pandas as pd
from helpers import small_config

from ssrsim.model import SSRModel
from ssrsim.run.runner import TABLES, combine, release, run_replicate, simulate


def test_one_replicate_gives_its_tables_and_summary_row():
    cfg = small_config(months=12)
    out = run_replicate(cfg, 1)
    assert set(out) == {*TABLES, "summary"}
    assert (out["timeseries"]["replicate"] == 1).all() and out["timeseries"]["month"].tolist() == list(range(13))
    assert out["summary"]["replicate"] == 1 and out["summary"]["seed"] == cfg.seed


def test_simulate_keeps_replicate_order_and_reports_progress():
    cfg = small_config(months=12, replicates=3)
    seen = []
    results = simulate(cfg, workers=1, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert results.summary["replicate"].tolist() == [0, 1, 2]
    assert results.timeseries.groupby("replicate").size().tolist() == [13, 13, 13]
    assert results.wall_seconds > 0 and results.config == cfg


def test_simulate_shows_progress_on_stderr_unless_told_not_to(capsys):
    cfg = small_config(months=6, replicates=2)
    simulate(cfg, workers=1)
    assert "replicate 2/2" in capsys.readouterr().err  # as ssrsim run shows it
    simulate(cfg, workers=1, progress=False)
    assert capsys.readouterr().err == ""


def test_combine_concatenates_and_types_event_months():
    cfg = small_config(months=6, replicates=2)
    outputs = [run_replicate(cfg, r) for r in range(2)]
    outputs[1]["summary"]["relapse_month"] = 4
    results = combine(outputs, cfg, 1.5)
    assert str(results.summary["relapse_month"].dtype) == "Int64"
    assert results.summary["relapse_month"].isna().tolist() == [outputs[0]["summary"]["relapse_month"] is None, False]
    pd.testing.assert_frame_equal(results.events,
                                  pd.concat([o["events"] for o in outputs], ignore_index=True))
    assert results.wall_seconds == 1.5


def test_release_drops_mesas_global_reference():
    """Mesa 3.3 keeps every model in ``Agent._ids``: a worker running many replicates would leak."""
    model = SSRModel(small_config(months=2))
    assert model in mesa.Agent._ids
    release(model)
    assert model not in mesa.Agent._ids


PROGRAM = """from ssrsim.config.compose import compose
from ssrsim.run.runner import simulate
print(len(simulate(compose("baseline", ["replicates=2", "months=6", "context.citizens=500"]), workers=2).summary))
"""


def test_a_program_read_from_standard_input_runs_on_one_worker_with_a_note():
    """Spawned workers re-run the main program from its file; one read from stdin has none."""
    done = subprocess.run([sys.executable, "-"], input=PROGRAM, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2"
    assert "running on 1 worker instead of 2" in done.stderr and "standard input" in done.stderr


def test_a_script_without_a_main_guard_gets_a_message_naming_it(tmp_path):
    """The classic mistake: every worker re-runs the script's top level and fails at start."""
    script = tmp_path / "unguarded.py"
    script.write_text(PROGRAM)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert 'if __name__ == "__main__":' in done.stderr.strip().splitlines()[-1]
