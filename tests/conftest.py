"""Fixtures shared by the tests (helper functions are in ``helpers.py``)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")

from helpers import small_config, sweep  # noqa: E402


@pytest.fixture
def small():
    return small_config()


@pytest.fixture(scope="session")
def two_workers(tmp_path_factory):
    """The small sweep run once with two joblib workers: the reference other runs must equal."""
    folder = tmp_path_factory.mktemp("sweep") / "two"
    return folder, sweep(folder, "hydra.launcher.n_jobs=2")


@pytest.fixture(scope="session")
def fast_arms():
    """Every stylised fact's arms at the fast size (what ``ssrsim validate --fast`` runs), once."""
    from ssrsim.validation.arms import run_arms
    from ssrsim.validation.facts import FACTS

    return run_arms([a for f in FACTS for a in f.arms], "fast", workers=2)
