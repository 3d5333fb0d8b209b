"""The records the validation's individual-level patterns read, and the patterns' statistics
(``ssrsim.validation.patterns``, docs/validation.md §2)."""

from __future__ import annotations

import numpy as np
import pytest

from ssrsim.model.fighters import Status
from ssrsim.model.model import SSRModel
from ssrsim.validation.patterns import COLUMNS, bad_meeting_gap, clustering, pattern_replicate

from helpers import small_config


def test_each_remobilisation_is_counted_on_its_fighter():
    model = SSRModel(small_config(months=12, citizens=200), 0)
    fi = model.fighters
    ids = fi.where(Status.COMBATANT)[:5].copy()
    for status in (Status.CANTONED, Status.DEMOBILIZED, Status.REMOBILIZED, Status.CANTONED,
                   Status.DEMOBILIZED, Status.REMOBILIZED):
        fi.move(ids, status)
    fi.move(ids[:2], Status.KILLED)
    assert fi.remobilizations[ids].tolist() == [2] * 5
    assert fi.remobilizations[: fi.n].sum() == fi.flows[:, Status.REMOBILIZED].sum() == 10
    fi.add_recruits(0, 0, 0, 3, np.random.default_rng(0))
    assert fi.remobilizations[fi.n - 3: fi.n].tolist() == [0, 0, 0]


def test_a_run_counts_every_remobilisation_on_its_fighters():
    model = SSRModel(small_config(months=36, citizens=200), 0).run()
    fi = model.fighters
    assert fi.remobilizations[: fi.n].sum() == fi.flows[:, Status.REMOBILIZED].sum()


def test_the_months_meetings_are_kept_as_the_counts_say():
    model = SSRModel(small_config(months=6, citizens=2000), 0)
    c = model.citizens
    for _ in range(6):
        model.step()
        starts = np.arange(len(c.meetings) + 1) * c.n
        assert (np.diff(c.met.searchsorted(starts)) == c.meetings).all()
        assert (np.diff(c.bad.searchsorted(starts)) == c.bad_meetings).all()
        assert np.isin(c.bad, c.met).all() and (np.diff(c.met) > 0).all()
    assert c.meetings.sum() > 0


def test_clustering_ranks_provinces_by_their_ties():
    province = np.repeat(np.arange(5), 100)
    tie = np.repeat(np.linspace(0.2, 0.8, 5), 100) + np.tile(np.linspace(-0.1, 0.1, 100), 5)
    more = (np.arange(500) % 100 < np.repeat([1, 5, 10, 20, 40], 100)).astype(float)
    rho, loose = clustering(province, tie, more, 5)
    assert rho == pytest.approx(1) and loose == pytest.approx(1)
    rho, loose = clustering(province, tie, more[::-1].copy(), 5)
    assert rho == pytest.approx(-1)
    assert np.isnan(clustering(province, tie, np.zeros(500), 5)[0])  # no remobilisation


def test_clustering_of_the_loosely_tied_reads_their_rates_only():
    """Where only the strongly tied remobilise, the loosely tied show no clustering (NaN: none)."""
    province = np.repeat(np.arange(4), 10)
    tie = np.tile(np.linspace(0, 1, 10), 4) + np.repeat(np.arange(4), 10) * 0.01
    strong = (tie > 0.6).astype(float) * np.repeat([1, 2, 3, 4], 10)
    rho, loose = clustering(province, tie, strong, 4)
    assert rho == pytest.approx(1) and np.isnan(loose)


def test_the_bad_meeting_gap_compares_within_strata():
    rng = np.random.default_rng(1)
    months, n = 30, 400
    stratum = np.repeat([0, 1], n // 2)
    base = np.where(stratum == 0, 0.3, 0.7)
    trust = np.tile(base, (months + 1, 1)) + rng.normal(0, 0.01, (months + 1, n))
    bad = np.zeros((months + 1, n), bool)
    bad[5, :20] = True  # all in the low-trust stratum: a naive comparison would give 0.4
    bad[9, 200:230] = True
    gap, counted = bad_meeting_gap(trust, bad, stratum)
    assert counted == 50 and abs(gap) < 0.01
    trust[6:, :20] -= 0.1  # a lasting fall after the meeting
    trust[10:, 200:230] -= 0.1
    gap, _ = bad_meeting_gap(trust, bad, stratum)
    assert abs(gap - 0.1) < 0.01
    before, _ = bad_meeting_gap(trust, bad, stratum, lag=-1)
    assert abs(before) < 0.01
    trust[6:18, :20] += 0.1  # recovered within the year
    trust[10:22, 200:230] += 0.1
    assert bad_meeting_gap(trust, bad, stratum)[0] < 0.01  # the gap at 12 months can vanish


def test_a_pattern_replicate_computes_every_statistic():
    row = pattern_replicate(small_config(months=30, citizens=1000), 0)
    assert set(row) == {"replicate", *COLUMNS}
    assert row["bad_meetings_counted"] > 0 and np.isfinite(row["bad_meeting_trust_gap"])


def test_validate_runs_the_pattern_arm_on_individuals_and_evaluates_its_checks():
    """The pattern arm is the baseline's runs stepped by ``patterns``: every pattern check computes
    from its metrics, and ``ssrsim validate`` (``VALIDATED``, its definitions table) has them."""
    from ssrsim.validation.arms import arm_config, run_arm
    from ssrsim.validation.facts import ARMS, PATTERN_ARMS, PATTERNS, VALIDATED
    from ssrsim.validation.report import definitions

    assert all(ARMS[arm] == ARMS["baseline"] for arm in PATTERN_ARMS)
    data = run_arm(arm_config("baseline_patterns", "fast", ["replicates=2", "months=24",
                                                             "context.citizens=1000"]), "baseline_patterns")
    assert list(data.metrics.index) == [0, 1] and set(COLUMNS) <= set(data.metrics.columns)
    for fact in PATTERNS:
        assert fact in VALIDATED and f"| {fact.number} |" in definitions()
        for check in fact.checks:
            assert check.arms == ("baseline_patterns",)
            outcome = check.outcome({"baseline_patterns": data})
            assert outcome.n <= 2
    assert data.first(1).metrics.index.tolist() == [0]
