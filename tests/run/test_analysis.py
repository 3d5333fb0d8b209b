"""Behaviour of ssrsim.analysis on small synthetic tables (columns of docs/outputs.md)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssrsim.model import STATUSES
from ssrsim.config.errors import UserError
from ssrsim.run.analysis import (Curves, bands, console_summary, cumulative_incidence,
                             relapse_probabilities, monthly_means, wilson_interval)
from ssrsim.run.figures import BANDED
from ssrsim.run.results import read_curves

Z = 1.959963984540054


def summary_of(relapse, war=None):
    n = len(relapse)
    return pd.DataFrame({
        "replicate": range(n), "seed": 7,
        "relapsed": [m is not None for m in relapse],
        "relapse_month": pd.array(relapse, dtype="Int64"),
        "war_relapse_month": pd.array(war if war is not None else [None] * n, dtype="Int64"),
    })


def timeseries_of(replicates, months, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for r in range(replicates):
        for m in range(months + 1):
            row = {"replicate": r, "seed": seed, "month": m,
                   "public_confidence": rng.uniform(), "battle_deaths": int(rng.poisson(3)),
                   "abuses": int(rng.poisson(2))}
            row |= {f"confidence_{s}": rng.uniform() for s in ("army", "police", "gendarmerie")}
            row |= {f"excombatants_{s}": int(rng.integers(0, 100)) for s in STATUSES}
            rows.append(row)
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ cumulative incidence
months_lists = st.lists(st.one_of(st.none(), st.integers(1, 40)), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(months_lists)
def test_incidence_is_monotone_bounded_and_covers_p(relapse):
    ci = cumulative_incidence(summary_of(relapse), 36)
    assert list(ci.columns) == ["month", "p", "lo", "hi", "at_risk", "events"]
    assert list(ci["month"]) == list(range(37))
    assert np.all(np.diff(ci["p"]) >= -1e-12)
    assert np.all((ci["lo"] <= ci["p"] + 1e-12) & (ci["p"] <= ci["hi"] + 1e-12))
    assert np.all((ci["lo"] >= 0) & (ci["hi"] <= 1))
    assert np.all(ci["hi"] > ci["lo"]), "the band is never degenerate"


@settings(max_examples=60, deadline=None)
@given(months_lists)
def test_incidence_equals_empirical_share_without_censoring(relapse):
    months = 36
    ci = cumulative_incidence(summary_of(relapse), months)
    times = np.array([np.inf if m is None else m for m in relapse], dtype=float)
    expected = [(times <= t).mean() for t in range(months + 1)]
    np.testing.assert_allclose(ci["p"], expected, atol=1e-12)
    assert ci["events"].sum() == (times <= months).sum()


def test_counts_and_events_after_the_horizon_are_censored():
    ci = cumulative_incidence(summary_of([2, 2, 5, None, 30]), 10).set_index("month")
    assert ci.loc[2, "events"] == 2 and ci.loc[5, "events"] == 1
    assert list(ci.loc[[0, 2, 3, 5, 6, 10], "at_risk"]) == [5, 5, 3, 3, 2, 2]
    assert ci.loc[10, "p"] == pytest.approx(3 / 5)


def test_greenwood_loglog_interval_by_hand():
    ci = cumulative_incidence(summary_of([2, 2, 2] + [None] * 7), 5).set_index("month")
    s = 0.7
    se = math.sqrt(3 / (10 * 7)) / abs(math.log(s))
    assert ci.loc[4, "p"] == pytest.approx(0.3)
    assert ci.loc[4, "lo"] == pytest.approx(1 - s ** math.exp(-Z * se))
    assert ci.loc[4, "hi"] == pytest.approx(1 - s ** math.exp(Z * se))


def test_none_and_all_failed_use_wilson():
    n = 20
    none = cumulative_incidence(summary_of([None] * n), 12)
    assert (none["p"] == 0).all() and (none["lo"] == 0).all()
    assert none["hi"].iloc[-1] == pytest.approx(Z**2 / (n + Z**2))

    every = cumulative_incidence(summary_of([3] * n), 12)
    assert every["p"].iloc[-1] == 1 and every["hi"].iloc[-1] == 1
    assert every["lo"].iloc[-1] == pytest.approx(wilson_interval(n, n)[0])
    assert every["lo"].iloc[-1] < 1


def test_band_narrows_with_more_replicates():
    def width(n):
        relapse = [6] * (3 * n // 10) + [None] * (n - 3 * n // 10)
        row = cumulative_incidence(summary_of(relapse), 12).iloc[-1]
        return row["hi"] - row["lo"]

    assert width(20) > width(200) > width(2000)


def test_none_object_column_and_missing_column_values():
    as_int = cumulative_incidence(summary_of([1, None, 4]), 6)
    as_obj = cumulative_incidence(pd.DataFrame({"relapse_month": [1, None, 4]}), 6)
    pd.testing.assert_frame_equal(as_int, as_obj)


def test_empty_summary_is_an_error():
    with pytest.raises(ValueError):
        cumulative_incidence(summary_of([]), 12)


# ------------------------------------------------------------------ relapse probabilities
def test_relapse_probabilities_pick_year_months_and_omit_beyond_horizon():
    relapse = [30, 70, 100, 150, None, None, None, None, None, None]
    probs = relapse_probabilities(summary_of(relapse), 180)
    assert list(probs.columns) == ["years", "month", "p", "lo", "hi", "n"]
    assert list(probs["years"]) == [5, 10] and list(probs["month"]) == [60, 120]
    assert list(probs["p"]) == pytest.approx([0.1, 0.3])
    assert (probs["n"] == 10).all()
    assert relapse_probabilities(summary_of(relapse), 240)["month"].tolist() == [60, 120, 240]
    assert relapse_probabilities(summary_of(relapse), 36).empty


def test_relapse_probabilities_of_war_column():
    s = summary_of([10, 20, None, None], war=[50, None, None, None])
    probs = relapse_probabilities(s, 120, column="war_relapse_month")
    assert list(probs["p"]) == pytest.approx([0.25, 0.25])


# ------------------------------------------------------------------ bands and means
def test_bands_are_tidy_and_ordered():
    ts = timeseries_of(30, 12)
    b = bands(ts, ["public_confidence", "battle_deaths"])
    assert list(b.columns) == ["month", "variable", "q05", "q25", "q50", "q75", "q95"]
    assert len(b) == 13 * 2
    assert list(b["variable"].iloc[:2]) == ["public_confidence", "battle_deaths"]
    q = b[["q05", "q25", "q50", "q75", "q95"]].to_numpy()
    assert np.all(np.diff(q, axis=1) >= 0)
    month3 = ts.loc[ts["month"] == 3, "public_confidence"]
    row = b[(b["month"] == 3) & (b["variable"] == "public_confidence")].iloc[0]
    assert row["q50"] == pytest.approx(month3.median())


def test_monthly_means_are_those_of_every_status_and_the_columns_asked_for():
    ts = timeseries_of(4, 5)
    means = monthly_means(ts, ["public_confidence", "no_such_column"])
    assert list(means.columns) == [*(f"excombatants_{s}" for s in STATUSES), "public_confidence"]
    assert means.loc[4, "public_confidence"] == pytest.approx(ts.loc[ts["month"] == 4, "public_confidence"].mean())
    assert list(means.index) == list(range(6))
    expected = ts.loc[ts["month"] == 2, "excombatants_cantoned"].mean()
    assert means.loc[2, "excombatants_cantoned"] == pytest.approx(expected)


@pytest.mark.parametrize("block_rows", [1, 40, 10**6])  # a month a block, three months, the whole table
def test_curves_read_in_blocks_of_months_equal_those_of_the_whole_table(tmp_path, block_rows):
    ts = timeseries_of(13, 10, seed=3)
    path = tmp_path / "timeseries.parquet"
    ts.to_parquet(path, row_group_size=4 * 11)  # row groups of whole replicates, as a run writes them
    whole, read = Curves.of(ts, BANDED), read_curves(path, BANDED, block_rows=block_rows)
    pd.testing.assert_frame_equal(read.bands, whole.bands)
    pd.testing.assert_frame_equal(read.means, whole.means)
    pd.testing.assert_frame_equal(read.final, whole.final)
    assert read.mean_confidence == pytest.approx(whole.mean_confidence, rel=1e-12)
    assert console_summary(summary_of([None] * 13), read, 10) == console_summary(summary_of([None] * 13), ts, 10)


def test_curves_of_a_damaged_table_name_it(tmp_path):
    path = tmp_path / "timeseries.parquet"
    timeseries_of(3, 4).to_parquet(path)
    path.write_bytes(path.read_bytes()[:-20])
    with pytest.raises(UserError, match="timeseries.parquet is damaged"):
        read_curves(path, BANDED)


# ------------------------------------------------------------------ console summary
def test_console_summary_reports_headline_numbers():
    relapse = [30, 70, 100, 150, 200] + [None] * 15
    s = summary_of(relapse, war=[100] + [None] * 19)
    ts = timeseries_of(20, 240)
    text = console_summary(s, ts, 240, folder="/tmp/run", scenario="baseline")
    assert "baseline" in text and "20" in text
    assert "P(relapse by 5 y) = 0.05 [" in text
    for years in (10, 20):
        assert f"P(relapse by {years} y)" in text
    assert "P(war-level relapse by 20 y) = 0.05" in text
    final = ts[ts["month"] == 240]
    assert f"final median {final['public_confidence'].median():.2f}" in text
    assert f"mean {ts['public_confidence'].mean():.2f}" in text
    assert f"army {final['confidence_army'].median():.2f}" in text
    assert "/tmp/run" in text


def test_console_summary_short_horizon_uses_the_horizon():
    s = summary_of([5, None, None, None], war=[None] * 4)
    text = console_summary(s, timeseries_of(4, 36), 36)
    assert "P(relapse by 3 y) = 0.25" in text
    assert "P(war-level relapse by 3 y)" in text
    assert "Files" not in text


def test_console_summary_reports_atrocity_risk_at_the_horizon():
    s = summary_of([30] + [None] * 19, war=[None] * 20).assign(
        one_sided_violence_month=pd.array([12, 50, 200, 250] + [None] * 16, dtype="Int64"),
        mass_atrocity_month=pd.array([None] * 20, dtype="Int64"))
    text = console_summary(s, timeseries_of(20, 240), 240)
    ci = cumulative_incidence(s, 240, "one_sided_violence_month").iloc[240]
    assert ci["p"] == pytest.approx(0.15)  # 250 is after the horizon
    assert (f"P(one-sided violence against one group by 20 y) = 0.15 [{ci['lo']:.2f}, {ci['hi']:.2f}]"
            in text.splitlines())
    assert "P(mass atrocity by 20 y) = 0.00 [0.00, 0.16]" in text.splitlines()  # Wilson: 0 of 20
    lines = text.splitlines()
    assert lines.index("P(war-level relapse by 20 y) = 0.00 [0.00, 0.16]") < \
        lines.index("P(mass atrocity by 20 y) = 0.00 [0.00, 0.16]")


def test_console_summary_of_a_run_without_atrocity_columns_leaves_them_out():
    s = summary_of([30] + [None] * 3)  # a run folder written before atrocity risk was modelled
    text = console_summary(s, timeseries_of(4, 36), 36)
    assert "P(relapse by 3 y)" in text
    assert "one-sided" not in text and "atrocity" not in text
