"""The ten stylised facts of docs/validation.md and the calibration targets of §6.

Each fact's statistic, minimum effect and replicate counts are fixed in
``ssrsim.validation.facts`` (and shown in ``docs/validation.md``). The default test command runs
the fast size (a few replicates per arm, a smaller citizen sample) and asks only that no fact
is contradicted; ``-m slow`` runs the full size that ``ssrsim validate`` reports and asks that
every fact holds. Every arm is run once per session and shared.
"""

from __future__ import annotations

import numpy as np
import pytest

from ssrsim.config.compose import compose
from ssrsim.run.runner import simulate
from ssrsim.validation.arms import run_arms
from ssrsim.validation.calibration import TARGETS, check
from ssrsim.validation.facts import FACTS, t_interval, half_time, hazard_by_decade, paired

ALL_ARMS = [a for f in FACTS for a in f.arms]


@pytest.fixture(scope="session")
def full_arms():
    return run_arms(ALL_ARMS, "full", workers=2)


def _assert_fact(fact, data):
    for c in fact.checks:
        if c.redone:  # its tested formula is gone; the validation issue redoes it
            continue
        o = c.outcome(data)
        assert o.lo > 0, f"fact {fact.number}: {c.statistic}: interval [{o.lo:.3g}, {o.hi:.3g}] includes zero"
        assert o.effect >= o.minimum, f"fact {fact.number}: {c.statistic}: {o.effect:.3g} < minimum {o.minimum:g}"


#: Checks the model now contradicts, reported rather than re-specified (fact number, check index):
#: the test asserts they still fail, so it turns red when one starts to hold again.
KNOWN_FAILURES = {
    (9, 0): "the justice chain (docs/model.md §8.3) makes sanctions rare: oversight 0.75 against 0.2 lowers "
            "impunity at year 20 by about 0.026, not 0.05 (model version 2 step 4)",
    (5, 0): "fast demobilisation lowers battle deaths: 2,400 a month against 600 gives -5,024 [-11,207, 1,160] "
            "at 8 replicates after the step-8 recalibration (fighters still waiting at the first election can "
            "take their group back to war; it fails at full size since step 6, docs/validation.md)",
    (6, 0): "quick wins' credibility fades in about two years since docs/model.md §8.6 (credibility_decay 0.125), "
            "faster the more is spent: quick-win share 0.4 against 0.1 raises confidence in months 1-24 by 0.0025 "
            "[0.0016, 0.0034] at 8 replicates and 0.0022 at full size, against a minimum of 0.005 (commit 7878574)",
    (1, 0): "relapse hazard, years 0-10 minus 10-20: -0.174 [-0.372, 0.183] at 8 replicates after the seventh "
            "calibration round (coups struck on grievance times odds); at full size 0.0368 [-0.006, 0.0777], failing "
            "too: armed conflict comes again after the third election, month 144 (docs/validation.md §2)",
    (8, 0): "confidence's lag behind safety: -25.1 [-106, 56.1] months at 8 replicates after the seventh calibration "
            "round, two replicates at -201 and -146; at full size 16.6 [3.23, 30], passing (docs/validation.md §2)",
}


@pytest.mark.slow  # the fast-size arms take minutes; the default suite stays under 10 minutes
@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f"fact{f.number}")
def test_fact_fast(fact, fast_arms):
    """At 8 replicates a fact must not be contradicted (``Outcome.not_contradicted``): rare-event
    checks cannot reach their minimum with confidence at this size, and demanding it made the
    suite fail by chance. The full size (``-m slow``, ``ssrsim validate``) makes the claim."""
    for i, c in enumerate(fact.checks):
        if c.redone:
            continue
        o = c.outcome(fast_arms)
        if (fact.number, i) in KNOWN_FAILURES:
            assert not o.not_contradicted, f"fact {fact.number}.{i + 1} holds again: remove it from KNOWN_FAILURES"
            continue
        assert o.not_contradicted, (f"fact {fact.number}: {c.statistic}: {o.effect:.3g} "
                                    f"[{o.lo:.3g}, {o.hi:.3g}] contradicts the minimum {o.minimum:g}")


@pytest.mark.slow
@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f"fact{f.number}")
def test_fact_full(fact, full_arms):
    _assert_fact(fact, full_arms)


@pytest.mark.slow  # 40 replicates x 120 months; the default suite stays under 10 minutes
def test_calibration_fast():
    """40 replicates over 10 years: the published bands are not contradicted (each estimate's 95%
    interval overlaps its band). At 40 replicates the interval is about ±0.15 wide, so asking the
    point estimate to fall inside a band ±0.1 wide failed by chance; the full size (-m slow,
    ``ssrsim validate``, 200 replicates) asks it."""
    cfg = compose("baseline", ["replicates=40", "months=120"])
    table = check(simulate(cfg, workers=2).summary, 120)
    assert ((table.hi >= table.band_low) & (table.lo <= table.band_high)).all(), table.to_string()


@pytest.mark.slow
def test_calibration_full():
    cfg = compose("baseline", ["replicates=200"])
    table = check(simulate(cfg, workers=2).summary, cfg.months)
    assert table.passed.all(), table.to_string()


# ---------------------------------------------------------------- the statistics themselves
@pytest.mark.slow  # the fast-size arms take minutes; the default suite stays under 10 minutes
def test_a_reversed_contrast_fails(fast_arms):
    """The checks can fail: the same comparison the other way round does not pass."""
    fact9 = next(f for f in FACTS if f.number == 9)
    check9 = fact9.checks[1]  # abuses over 20 years, weak minus strong oversight
    reversed_ = paired("reversed", "abuses_total", {"strong_oversight": 1, "weak_oversight": -1},
                       check9.minimum, check9.unit)
    assert check9.outcome(fast_arms).passed
    assert not reversed_.outcome(fast_arms).passed
    assert not reversed_.outcome(fast_arms).not_contradicted


def test_hazard_by_decade():
    # 10 runs: 4 relapse in years 0-10 (at month 60), 1 in years 10-20 (month 180), 5 never.
    months = np.array([60.0] * 4 + [180.0] + [np.nan] * 5)
    first = 4 / ((4 * 60 + 6 * 120) / 12)  # events per year at risk
    second = 1 / ((60 + 5 * 120) / 12)
    assert hazard_by_decade(months, 240) == pytest.approx(first - second)


def test_half_time():
    assert half_time(np.array([0.0, 0.1, 0.4, 0.6, 1.0])) == 3
    assert half_time(np.array([1.0, 0.8, 0.4, 0.0])) == 2
    assert np.isnan(half_time(np.ones(5)))


def testt_interval_ignores_missing_values():
    mean, lo, hi, _, n = t_interval(np.array([1.0, 2.0, np.nan, 3.0]))
    assert (mean, n) == (2.0, 3)
    assert lo < 2 < hi


def test_every_target_has_a_band():
    assert all(t.low < t.value < t.high for t in TARGETS)
