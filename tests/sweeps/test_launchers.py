"""The same sweep through the cluster launchers gives the joblib launcher's numbers.

The launchers are optional extras (``pip install "ssrsim[slurm]"`` / ``"ssrsim[ray]"``), not part
of the default test install: these tests are skipped where the plugin is missing. SLURM itself
is exercised through submitit's local executor, the same code path without a scheduler.
"""

import importlib.util

import pandas as pd
import pytest
from helpers import TINY, ssrsim, sweep


def same_as_joblib(folder, two_workers):
    reference, _ = two_workers
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "sweep.parquet"),
                                  pd.read_parquet(reference / "sweep.parquet"))


def test_submitit_local_launcher(tmp_path, two_workers):
    pytest.importorskip("hydra_plugins.hydra_submitit_launcher")
    done = sweep(tmp_path, "hydra/launcher=submitit_local")
    assert "Submitit 'local'" in done.stdout + done.stderr
    same_as_joblib(tmp_path, two_workers)


@pytest.mark.slow
def test_ray_launcher_on_a_local_runtime(tmp_path, two_workers, monkeypatch):
    pytest.importorskip("hydra_plugins.hydra_ray_launcher")
    monkeypatch.setenv("RAY_AUTH_MODE", "disabled")  # no token written under ~/.ray for a local test
    done = sweep(tmp_path, "hydra/launcher=ray_local", "hydra.launcher.ray.init.num_cpus=2")
    assert "Ray Launcher" in done.stdout + done.stderr
    same_as_joblib(tmp_path, two_workers)


def test_a_study_through_submitit_gives_the_joblib_numbers(tmp_path):
    """A study's blocks are sweep jobs: through submitit's local executor they run in its own
    processes and write the same tables."""
    pytest.importorskip("hydra_plugins.hydra_submitit_launcher")
    study = ["sensitivity", "--method", "morris", "--n", "1", "--range", "levers.political_will=0.1:0.9", *TINY]
    joblib = ssrsim(*study, f"hydra.sweep.dir={tmp_path / 'joblib'}")
    submitit = ssrsim(*study, "hydra/launcher=submitit_local", f"hydra.sweep.dir={tmp_path / 'submitit'}")
    assert joblib.returncode == 0 and submitit.returncode == 0, joblib.stderr + submitit.stderr
    assert "Submitit 'local'" in submitit.stdout + submitit.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "submitit" / "study.parquet"),
                                  pd.read_parquet(tmp_path / "joblib" / "study.parquet"))


@pytest.mark.parametrize("command", [["run", "-m", "levers.political_will=0.2,0.5"],
                                     ["sensitivity", "--method", "morris", "--n", "1",
                                      "--range", "levers.political_will=0.1:0.9"]])
def test_a_missing_launcher_names_the_extra_that_brings_it(tmp_path, command):
    if importlib.util.find_spec("hydra_plugins.hydra_ray_launcher") is not None:
        pytest.skip("the ray extra is installed here")
    done = ssrsim(*command, *TINY, "hydra/launcher=ray_local", f"hydra.sweep.dir={tmp_path / 'out'}")
    assert done.returncode == 2 and "pip install 'ssrsim[ray]'" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "out").exists()
