"""The stylised facts and calibration targets of docs/validation.md, at the fast size.

Each check's statistic, minimum effect and replicate counts are fixed in
``ssrsim.validation.facts`` and ``calibration`` (and shown in ``docs/validation.md``). The fast
size runs on the validation's seed, which the calibration never saw. It asserts that each
calibration target's interval overlaps its band, and the direction of a fact's check only where
the latest full-size report (``docs/validation/facts.csv``) found an effect of at least three
standard errors of the fast size; the other checks are computed and reported, not asserted.
``-m slow`` runs the full size that ``ssrsim validate`` reports and asks that every check holds.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ssrsim.validation.arms import run_arms
from ssrsim.validation.calibration import check, check_emergent, EMERGENT, TARGETS
from ssrsim.validation.checks import (KNOCK_OUT, Outcome, hazard_by_decade, paired, t_interval,
                                      tail_exponent, violence_lag)
from ssrsim.validation.facts import FACTS, SIZES, VALIDATED
from ssrsim.validation.report import CALIBRATION_ARMS, CALIBRATION_REPLICATES

ROOT = Path(__file__).resolve().parents[2]
#: The latest full-size report's checks (copied by hand from ``ssrsim validate``'s facts.csv).
FULL_REPORT = ROOT / "docs" / "validation" / "facts.csv"
CHECKS = [(f, i, c) for f in FACTS for i, c in enumerate(f.checks)]


def settled(fact: int, index: int) -> float:
    """The full-size effect in standard errors of the fast size (0 where the report lacks it):
    the full size's standard error scaled by √(full replicates / fast replicates)."""
    table = pd.read_csv(FULL_REPORT)
    row = table[(table.fact == fact) & (table.check == index + 1)]
    if row.empty:
        return 0.0
    r = row.iloc[0]
    se_fast = r.se * np.sqrt(SIZES["full"]["replicates"] / SIZES["fast"]["replicates"])
    return float(r.effect / se_fast) if se_fast > 0 else 0.0


@pytest.mark.parametrize("fact,index,check_", CHECKS, ids=[f"fact{f.number}.{i + 1}" for f, i, _ in CHECKS])
def test_fact_fast(fact, index, check_, fast_arms):
    """The direction of a check the full size settles at three fast-size standard errors: an effect
    points the way the full size found (a failing check whose failure is that clear stays failing);
    a knock-out that held at full size has an interval overlapping its tolerance."""
    o = check_.outcome(fast_arms)
    print(f"fact {fact.number}.{index + 1}: {o.effect:.4g} [{o.lo:.4g}, {o.hi:.4g}] {check_.unit}")
    full = pd.read_csv(FULL_REPORT)
    row = full[(full.fact == fact.number) & (full.check == index + 1)]
    if check_.kind == KNOCK_OUT:
        if row.empty or not bool(row.iloc[0].passed):
            pytest.skip("knock-out not held at full size: reported, not asserted")
        assert o.lo <= o.minimum and o.hi >= -o.minimum, f"{check_.statistic}: {o}"
        return
    z = settled(fact.number, index)
    if abs(z) < 3:
        pytest.skip(f"full-size effect {z:.1f} fast-size standard errors: reported, not asserted")
    assert np.sign(o.effect) == np.sign(z), f"{check_.statistic}: {o.effect:.4g} [{o.lo:.4g}, {o.hi:.4g}]"


def test_every_check_is_in_the_full_report():
    """The committed full-size report covers every check as stated now, the individual-level
    patterns too (a new check needs a full run)."""
    table = pd.read_csv(FULL_REPORT)
    stated = {(f.number, i + 1, c.statistic) for f in VALIDATED for i, c in enumerate(f.checks)}
    reported = set(zip(table.fact, table.check, table.statistic))
    assert stated == reported, stated ^ reported


@pytest.fixture(scope="module")
def calibration_arms():
    return run_arms(CALIBRATION_ARMS, "fast", workers=2,
                    extra=[f"replicates={CALIBRATION_REPLICATES['fast']}"])


def test_calibration_fast(calibration_arms):
    """40 replicates: each target the latest full-size report met has a 95% interval overlapping its
    band (at this size an interval is about ±0.15 wide, so asking the point estimate to fall inside
    a band failed by chance; the full size, ``ssrsim validate``, asks it). The targets the full size
    failed are printed, not asserted: they fail there with their numbers (docs/validation.md §4)."""
    base = calibration_arms["baseline"]
    fitted = check(pd.DataFrame({"relapse_month": base.metrics.relapse_month,
                                 "war_relapse_month": base.metrics.war_relapse_month}).reset_index(), 240)
    table = pd.concat([fitted, check_emergent(calibration_arms)], ignore_index=True)
    print(table[["target", "model", "lo", "hi", "band_low", "band_high"]].to_string())
    met = set(pd.read_csv(FULL_REPORT.with_name("calibration.csv")).query("passed").target)
    overlaps = (table.hi >= table.band_low) & (table.lo <= table.band_high)
    asserted = table.target.isin(met)
    assert set(table.target[asserted]) == met, "a target the full size met is missing from the fast table"
    assert overlaps[asserted].all(), table[asserted & ~overlaps].to_string()


@pytest.fixture(scope="session")
def full_arms():
    return run_arms([a for f in FACTS for a in f.arms], "full", workers=2)


@pytest.mark.slow
@pytest.mark.parametrize("fact", FACTS, ids=lambda f: f"fact{f.number}")
def test_fact_full(fact, full_arms):
    for c in fact.checks:
        o = c.outcome(full_arms)
        assert o.passed, f"fact {fact.number}: {c.statistic}: {o.effect:.3g} [{o.lo:.3g}, {o.hi:.3g}]"


# ---------------------------------------------------------------- the statistics themselves
def test_a_reversed_contrast_fails():
    """The checks can fail: a contrast and its reverse cannot both pass, and a knock-out fails when
    its interval leaves the tolerance."""
    data = {"a": _arm([3.0, 4.0, 5.0, 4.0]), "b": _arm([1.0, 1.5, 2.0, 1.5])}
    forward = paired("a minus b", "m", {"a": 1, "b": -1}, 1.0, "units")
    backward = paired("b minus a", "m", {"b": 1, "a": -1}, 1.0, "units")
    knocked = paired("knock-out", "m", {"a": 1, "b": -1}, 1.0, "units", KNOCK_OUT)
    assert forward.outcome(data).passed and not backward.outcome(data).passed
    assert not knocked.outcome(data).passed  # 2.5 is outside ±1


def _arm(values):
    from ssrsim.validation.checks import ArmData
    return ArmData(pd.DataFrame({"m": values}), pd.DataFrame(), np.array([]))


def test_a_knock_out_passes_only_inside_its_tolerance():
    near = Outcome(0.01, -0.02, 0.04, 0.05, 10, np.array([]), KNOCK_OUT)
    wide = Outcome(0.01, -0.08, 0.10, 0.05, 10, np.array([]), KNOCK_OUT)
    assert near.passed and not wide.passed


def test_hazard_by_decade():
    # 10 runs: 4 relapse in years 0-10 (at month 60), 1 in years 10-20 (month 180), 5 never.
    months = np.array([60.0] * 4 + [180.0] + [np.nan] * 5)
    first = 4 / ((4 * 60 + 6 * 120) / 12)  # events per year at risk
    second = 1 / ((60 + 5 * 120) / 12)
    assert hazard_by_decade(months, 240) == pytest.approx(first - second)


def test_violence_lag_finds_a_delayed_response():
    """Confidence that dips 5 months after each burst of violence gives a lag of 5."""
    rng = np.random.default_rng(1)
    deaths = (rng.random(200) < 0.1) * 100.0
    confidence = 0.5 - 0.001 * np.roll(deaths, 5)
    run = pd.DataFrame({"battle_deaths": deaths, "one_sided_deaths": 0.0, "public_confidence": confidence})
    assert violence_lag(run) == 5
    assert np.isnan(violence_lag(run.assign(battle_deaths=0.0)))


def test_tail_exponent_recovers_a_power_law():
    rng = np.random.default_rng(2)
    sizes = 10 * (1 - rng.random(20000)) ** (-1 / 1.5)  # alpha = 2.5 above 10
    assert tail_exponent(sizes, 10) == pytest.approx(2.5, abs=0.05)


def test_t_interval_ignores_missing_values():
    mean, lo, hi, _, n = t_interval(np.array([1.0, 2.0, np.nan, 3.0]))
    assert (mean, n) == (2.0, 3)
    assert lo < 2 < hi


def test_every_target_has_a_band():
    assert all(t.low < t.value < t.high for t in TARGETS)
    assert all(t.low < t.high for t in EMERGENT)


def test_the_first_replicates_of_an_arm_are_cut_from_every_table():
    """``ArmData.first`` keeps replicates below the count in the metrics, series and clashes alike
    (``ssrsim validate`` reads a fact arm from a calibration arm's larger run this way)."""
    from ssrsim.validation.checks import ArmData
    arm = ArmData(pd.DataFrame({"m": [1.0, 2.0, 3.0]}), pd.DataFrame({"replicate": [0, 1, 2, 2], "x": 1}),
                  np.array([10.0, 20.0, 30.0]), np.array([0, 2, 1]))
    cut = arm.first(2)
    assert list(cut.metrics.m) == [1.0, 2.0] and list(cut.timeseries.replicate) == [0, 1]
    assert list(cut.clash_sizes) == [10.0, 30.0] and list(cut.clash_replicates) == [0, 1]


def test_a_metric_reads_no_month_after_its_horizon():
    """Every metric of ``metrics.READS`` is the same from a run that stops at its last month as from
    one of the validation's 240 months (a run is the same month by month whatever its length), so
    an arm may run only as long as its checks read; a metric not listed reads the whole run."""
    from ssrsim.validation.arms import arm_config, arm_data
    from ssrsim.run.runner import simulate
    from ssrsim.validation.metrics import READS

    small = ("context.citizens=500", "replicates=2")
    whole = arm_data(simulate(arm_config("baseline", "fast", small, 240), workers=1, progress=False)).metrics
    for months in sorted(set(READS.values())):
        short = arm_data(simulate(arm_config("baseline", "fast", small, months), workers=1, progress=False)).metrics
        for metric in (m for m, last in READS.items() if last == months):
            pd.testing.assert_series_equal(short[metric], whole[metric], obj=f"{metric} at {months} months")
    assert whole["deaths_total"].sum() > whole["deaths_10y"].sum(), "a 20-year metric reads more than the decade"


def test_every_arm_runs_as_long_as_its_checks_read():
    """A check's months come from its metrics; an arm runs to the latest month any of its checks read."""
    from ssrsim.validation.facts import MONTHS, arm_months

    for f in FACTS:
        for c in f.checks:
            assert c.months is None or c.months <= MONTHS
            for arm in c.arms:
                assert arm_months(arm) >= (c.months or MONTHS), (f.number, c.statistic, arm)
    assert arm_months("quick_wins_inert") == 24 and arm_months("no_mission") == 120 and arm_months("baseline") == MONTHS


def test_an_arm_recording_only_what_the_checks_read_gives_the_same_data():
    """A fact arm's runs keep only ``metrics.RECORDED`` (a lean record): its metrics, series and
    clashes are those of the same runs fully recorded."""
    from ssrsim.validation.arms import arm_config, arm_data, run_arm
    from ssrsim.run.runner import simulate

    cfg = arm_config("rival_excluded", "fast", ("context.citizens=500", "replicates=2"), 120)
    full, lean = arm_data(simulate(cfg, workers=1, progress=False)), run_arm(cfg, "rival_excluded")
    pd.testing.assert_frame_equal(lean.metrics, full.metrics)
    pd.testing.assert_frame_equal(lean.timeseries, full.timeseries)
    np.testing.assert_array_equal(lean.clash_sizes, full.clash_sizes)
    np.testing.assert_array_equal(lean.clash_replicates, full.clash_replicates)
    assert full.metrics.deaths_10y.sum() > 0 and full.metrics.coups.notna().all()
