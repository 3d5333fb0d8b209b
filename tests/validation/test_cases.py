"""The qualitative cases (docs/validation.md §5): their scenarios are the record, not a fit, and the
runner computes the stated checks. The full-size result is in the docs, not asserted here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import yaml

import ssrsim
from ssrsim.config import paths
from ssrsim.config.compose import CONFIG_DIR
from ssrsim.validation import cases

STATED = {"mozambique": ["M1", "M2", "M3"], "liberia": ["L1", "L2"]}


@pytest.mark.parametrize("case", sorted(STATED))
def test_the_scenario_sets_no_parameter_and_sources_every_value(case):
    data = yaml.safe_load((CONFIG_DIR / "scenario" / f"{case}.yaml").read_text(encoding="utf-8"))
    assert "params" not in data and "thresholds" not in data, "a case is context and levers only"
    sources, events = data.pop("sources"), data.pop("events")
    for key in ("name", "description"):
        data.pop(key)
    values = paths.flatten(data, named_lists=True)
    missing = [p for p in values if not any(p == s or p.startswith(s + ".") for s in sources)]
    assert not missing, f"values without a source or an 'assumption' note: {missing}"
    stale = [s for s in sources if not s.startswith("events.") and not any(p == s or p.startswith(s + ".") for p in values)]
    assert not stale, f"sources for values the scenario does not set: {stale}"
    assert all(e.get("note") for e in events)
    # Political developments (deals, ceasefires, coups, power sharing) must emerge, not be scheduled.
    assert {e["kind"] for e in events} <= {"election", "set_lever", "donor_exit"}
    assert ssrsim.compose(case).params == ssrsim.compose("baseline").params


def test_the_checks_are_the_stated_ones():
    assert {case: [c.name for c in checks] for case, checks in cases.CHECKS.items()} == STATED
    assert cases.REPLICATES == 100 and cases.SEED == 271828


def _rows(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base = {name: np.zeros(n) for name in ("relapse", "war_relapse", "relapse_10y", "war_relapse_10y",
                                           "conflict_early", "conflict_late", "late_minus_early")}
    base["relapse_month"] = np.full(n, np.nan)
    return pd.DataFrame({**base, **columns})


def test_a_share_passes_at_its_bound_and_fails_past_it():
    ok = cases.checks_table("mozambique", _rows(war_relapse=[1, 0, 0, 0, 0], relapse=[1, 1, 1, 0, 0])).set_index("check")
    assert ok.loc["M1", "estimate"] == pytest.approx(0.2) and ok.loc["M1", "passed"]
    assert ok.loc["M2", "passed"] and ok.loc["M1", "lo"] < 0.2 < ok.loc["M1", "hi"]
    bad = cases.checks_table("mozambique", _rows(war_relapse=[1, 1, 0, 0, 0], relapse=[1, 1, 0, 0, 0])).set_index("check")
    assert not bad.loc["M1", "passed"] and not bad.loc["M2", "passed"]
    assert not cases.checks_table("liberia", _rows(relapse=[1, 1, 1, 0, 0])).set_index("check").loc["L2", "passed"]


def test_late_fighting_must_be_clearly_above_zero():
    late = cases.checks_table("mozambique", _rows(late_minus_early=[0.25, 0.25, 0.5, 0.25, 0.0, 0.25, 0.5, 0.25])).set_index("check")
    assert late.loc["M3", "passed"] and late.loc["M3", "estimate"] == pytest.approx(0.28125)
    mixed = cases.checks_table("mozambique", _rows(late_minus_early=[0.75, -0.5, 0.25, -0.2])).set_index("check")
    assert mixed.loc["M3", "estimate"] >= cases.LATE_EXCESS and mixed.loc["M3", "lo"] < 0
    assert not mixed.loc["M3", "passed"]  # its mean reaches the minimum, its interval reaches below zero


@pytest.mark.parametrize("case, months", [("mozambique", 264), ("liberia", 36)])
def test_a_tiny_run_gives_every_stated_check_a_sane_value(case, months):
    rows = cases.run_case(case, replicates=2, overrides=["context.citizens=2000", f"months={months}"])
    assert list(rows.index) == [0, 1]
    for column in ("relapse", "war_relapse", "conflict_early"):
        assert rows[column].between(0, 1).all(), column
    if case == "mozambique":  # 22 whole years: years 21-22 are the late period
        assert rows.conflict_late.between(0, 1).all()
        assert np.allclose(rows.late_minus_early, rows.conflict_late - rows.conflict_early)
    checks = cases.checks_table(case, rows)
    assert list(checks.check) == STATED[case]
    shares = checks[checks.check != "M3"]
    assert ((shares.lo <= shares.estimate) & (shares.estimate <= shares.hi)).all() and (shares.n == 2).all()
    assert checks.passed.map(type).eq(bool).all()
    text = cases.markdown(checks, cases.reported_table(case, rows))
    assert all(f"| {name} |" in text for name in STATED[case])
    if case == "liberia":  # three whole years: M3's periods are labelled by the years the run has
        assert "years 1-3 with" in text and "years 21" not in text
