"""Checksums of small runs: the numbers a refactoring must not change.

Each table below is hashed (column names, dtypes and values; floats rounded to 9 decimals so
that only a real change shows) and compared with ``tests/checksums.json``. A change to the model
that changes numbers on purpose updates the file and says so in its commit:

    SSRSIM_UPDATE_CHECKSUMS=1 .venv/bin/python -m pytest tests/test_checksums.py

The runs: ``ssrsim run``'s tables (baseline, 2 replicates x 36 months), the small sweep of the
sweep tests (its ``sweep.parquet`` and ``sweep_confidence.parquet``) and the Burundi historical
track (2 replicates); and, marked ``slow`` because they take minutes, the stylised facts at the
size ``ssrsim validate --fast`` runs them. Each test updates only its own entries.
"""

from __future__ import annotations

import hashlib
import json
import os

import numpy as np
import pandas as pd
import pytest
from helpers import ROOT

from ssrsim.config.compose import compose
from ssrsim.run.runner import simulate

EXPECTED = ROOT / "tests" / "checksums.json"
UPDATE = os.environ.get("SSRSIM_UPDATE_CHECKSUMS") == "1"
TABLES = ("timeseries", "summary", "provinces", "funding", "events")


def digest(table: pd.DataFrame) -> str:
    """A hash of a table's columns, dtypes and values (floats to 9 decimals, missing values kept)."""
    h = hashlib.sha256(json.dumps([[c, str(t)] for c, t in table.dtypes.items()]).encode())
    for column in table.columns:
        values = table[column]
        if pd.api.types.is_float_dtype(values):
            values = values.round(9)
        h.update(pd.util.hash_pandas_object(values, index=False).to_numpy().tobytes())
    return h.hexdigest()[:16]


def results_digests(results) -> dict[str, str]:
    return {t: digest(getattr(results, t)) for t in TABLES}


@pytest.fixture(scope="module")
def observed(two_workers):
    from ssrsim.exercise.decisions import load_team
    from ssrsim.exercise.menu import historical_track
    from ssrsim.exercise.play import play

    run = simulate(compose("baseline", ["replicates=2", "months=36", "context.citizens=1000"]))
    folder, _ = two_workers
    historical = play(load_team(historical_track("burundi")), replicates=2, workers=1)
    return {
        "run": results_digests(run),
        "sweep": {name: digest(pd.read_parquet(folder / f"{name}.parquet"))
                  for name in ("sweep", "sweep_confidence")},
        "exercise_historical": results_digests(historical),
    }


def compare(observed: dict) -> None:
    """Compare ``observed``'s entries with the committed ones (or, when updating, write them in)."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    if UPDATE:
        EXPECTED.write_text(json.dumps({**expected, **observed}, indent=2) + "\n", encoding="utf-8")
        pytest.skip(f"wrote {', '.join(observed)} into {EXPECTED}")
    changed = [f"{run}/{table}" for run, tables in observed.items() for table, value in tables.items()
               if expected.get(run, {}).get(table) != value]
    assert not changed, (f"these tables' numbers changed: {changed}. If the change is on purpose, update "
                         "tests/checksums.json (SSRSIM_UPDATE_CHECKSUMS=1) and say so in the commit")
    assert all(expected[run].keys() == tables.keys() for run, tables in observed.items())


def test_small_runs_give_the_committed_numbers(observed):
    compare(observed)


@pytest.mark.slow  # the fast-size arms take minutes; the default suite stays under 10 minutes
def test_the_fast_facts_give_the_committed_numbers(fast_arms):
    from ssrsim.validation.arms import evaluate
    from ssrsim.validation.facts import FACTS

    facts = evaluate(FACTS, fast_arms).drop(columns=["title", "statistic", "unit"])
    compare({"validate_fast_facts": {"facts": digest(facts)}})


def test_the_digest_sees_a_changed_value_and_ignores_rounding_noise():
    table = pd.DataFrame({"a": [1, 2], "b": [0.1, 0.2]})
    assert digest(table) == digest(table.assign(b=table.b + 1e-12))
    assert digest(table) != digest(table.assign(b=[0.1, 0.3]))
    assert digest(table) != digest(table.rename(columns={"b": "c"}))
    assert digest(table) != digest(table[["b", "a"]])
    assert digest(table) != digest(table.astype({"a": np.int32}))
