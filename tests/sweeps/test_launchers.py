"""The same sweep through the cluster launchers gives the joblib launcher's numbers.

The launchers are optional extras (``pip install "ssrsim[slurm]"`` / ``"ssrsim[ray]"``), not part
of the default test install: these tests are skipped where the plugin is missing. SLURM itself
is exercised through submitit's local executor, the same code path without a scheduler.
"""

import pandas as pd
import pytest
from helpers import sweep


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
