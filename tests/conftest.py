"""Shared test helpers: small configurations that run in a fraction of a second."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

from ssrsim.config import Config  # noqa: E402
from ssrsim.model import SSRModel  # noqa: E402


def small_config(months: int = 60, scale: float = 0.1, citizens: int = 2000, **top) -> Config:
    """The baseline scaled down: fewer fighters, forces, citizens and months (same structure)."""
    data = Config().model_dump()
    for f in data["context"]["factions"]:
        f["fighters"] = max(1, int(f["fighters"] * scale)) if f["in_process"] else f["fighters"]
    for f in data["context"]["forces"]:
        f["size"] = int(f["size"] * scale)
        f["target_size"] = int(f["target_size"] * scale)
    data["levers"]["ddr"]["demobilization_per_month"] = int(600 * scale)
    data["levers"]["ddr"]["reintegration_capacity"] = int(8000 * scale)
    data["context"]["peacekeeping"]["troops"] = int(8000 * scale)
    data["context"]["citizens"] = citizens
    data["months"] = months
    data["replicates"] = 2
    data.update(top)
    return Config.model_validate(data)


def run(cfg: Config, replicate: int = 0, months: int | None = None) -> SSRModel:
    model = SSRModel(cfg, replicate)
    model.run(months)
    return model


@pytest.fixture
def small():
    return small_config()


# A sweep small enough for the default suite: 3 points x 2 replicates x 24 months.
TINY = ["months=24", "replicates=2", "context.citizens=1000"]
AXIS = "levers.political_will=0.2,0.5,0.8"


def ssrsim(*args, cwd=None):
    """The command line in a fresh process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "ssrsim.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


def sweep(folder, *extra):
    """Run the small sweep into ``folder``; fail the test with its stderr if it fails."""
    done = ssrsim("run", "-m", AXIS, *TINY, f"hydra.sweep.dir={folder}", *extra)
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="session")
def two_workers(tmp_path_factory):
    """The small sweep run once with two joblib workers: the reference other runs must equal."""
    folder = tmp_path_factory.mktemp("sweep") / "two"
    return folder, sweep(folder, "hydra.launcher.n_jobs=2")
