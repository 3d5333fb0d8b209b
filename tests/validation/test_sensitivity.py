"""The global sensitivity study's ranges, indices and summaries, on inputs whose answer is known."""

import json
import math

import numpy as np
import pandas as pd
import pytest

from ssrsim.config import Config
from ssrsim.config.compose import compose
from ssrsim.config.errors import UserError
from ssrsim.sweeps.designs import problem, sample
from ssrsim.validation import screening
from ssrsim.validation.ranges import closed, model_parameters, parameter_table
from ssrsim.validation.robustness import validation_seed
from ssrsim.validation.sensitivity import MANIFEST, latest_summary, top_parameters

from helpers import finished_morris


def test_every_parameter_is_moved_over_its_schema_range_or_its_narrower_study_range():
    table = parameter_table()
    params = model_parameters()
    assert len(table) == len(params) > 300 and table["parameter"].is_unique
    assert (table["low"] < table["high"]).all() and set(table["range_from"]) == {"schema", "study"}
    rows = table.set_index("parameter")
    row = rows.loc["params.government.corruption_rate"]
    assert (row["low"], row["value"], row["high"]) == (0.001, Config().params.government.corruption_rate, 0.1)
    row = rows.loc["params.spoilers.fighters_per_resource"]  # schema 1 to 1,000,000: a technical limit
    assert (row["range_from"], row["low"], row["high"]) == ("study", 500, 8000)


def test_a_study_range_lies_within_the_schema_range_and_holds_the_calibrated_value():
    from ssrsim.config import Config as Root
    from ssrsim.config.fields import field_info, limits

    studied = parameter_table().query("range_from == 'study'")
    assert len(studied) >= 20
    for path, value, low, high in studied[["parameter", "value", "low", "high"]].itertuples(index=False):
        lo, hi = limits(field_info(Root, path))
        assert lo <= low < value < high <= hi, path


@pytest.mark.parametrize("value, lo, hi, expected", [
    (5.0, 0.0, math.inf, (0.0, 15.0)),        # ≥ 0: the value moved twice its magnitude above
    (-3.0, -math.inf, 0.0, (-9.0, 0.0)),      # ≤ 0: below
    (0.0, -math.inf, math.inf, (-1.0, 1.0)),  # a value of 0: ± 1
    (5.0, 20.0, math.inf, (20.0, 30.0)),      # a value outside its span is still a range above the bound
    (0.2, 0.0, 1.0, (0.0, 1.0)),              # closed bounds are kept
])
def test_an_open_bound_is_closed_around_the_value(value, lo, hi, expected):
    assert closed(value, lo, hi) == expected


def runs_table(relapse, war, months=240):
    n = len(relapse)
    return pd.DataFrame({"row": range(n), "relapse_month": pd.array(relapse, dtype="Int64"),
                         "war_relapse_month": pd.array(war, dtype="Int64"), "battle_deaths_10y": [5] * n,
                         "total_one_sided_deaths": [7] * n, "mean_public_confidence": [0.5] * n})


def test_relapse_is_censored_at_the_horizon_and_counted_within_10_years():
    rows = screening.run_outcomes(runs_table([30, None, 121], [None, None, 120]), months=240)
    assert list(rows["relapse_month"]) == [30, 240, 121] and list(rows["war_relapse_month"]) == [240, 240, 120]
    assert list(rows["relapse_10y"]) == [1, 0, 0] and list(rows["war_relapse_10y"]) == [0, 0, 1]
    short = screening.run_outcomes(runs_table([20, None], [None, 24]), months=24)  # within the run if shorter
    assert list(short["relapse_10y"]) == [1, 0] and list(short["war_relapse_10y"]) == [0, 1]


def test_morris_ranks_the_parameter_that_moves_an_outcome_and_the_ranking_is_scale_free():
    prob = problem({"a": (0, 1), "b": (0, 1), "c": (0, 1)})
    X = sample(prob, "morris", n=10, seed=2)
    rows = pd.DataFrame({o: 0.01 * X[:, 2] for o in screening.MORRIS_OUTCOMES})
    rows["battle_deaths_10y"] = 1000 * X[:, 0] + X[:, 2]  # a large unit: a dominates it
    rows["mean_public_confidence"] = 0.1 * X[:, 1] + 0.001 * X[:, 2]  # a small unit: b dominates it
    indices = screening.morris_indices(prob, X, rows, seed=1)
    assert set(indices["outcome"]) == set(screening.MORRIS_OUTCOMES)
    first = indices[indices["rank"] == 1].set_index("outcome")["parameter"]
    assert first["battle_deaths_10y"] == "a" and first["mean_public_confidence"] == "b" and first["relapse_month"] == "c"
    ranked = screening.ranking(indices)
    assert set(ranked["parameter"].head(3)) == {"a", "b", "c"} and (ranked["score"].head(3) == 1).all()
    text = screening.morris_summary(indices, ranked, "what ran", top=2)
    assert "what ran" in text and "| 1 | `a` |" in text and text.count("| rank |") == len(screening.MORRIS_OUTCOMES)


def test_sobol_takes_chance_out_of_the_indices():
    """y = 3 a + b + noise with half the variance noise: a carries 0.9 of the rest and b 0.1. Raw
    total indices add the noise share to every parameter (b's and c's above 0.5: flagged as
    intercepts though they carry 0.1 and 0); with the noise rows' estimate taken out, they are not."""
    prob = problem({"a": (0, 1), "b": (0, 1), "c": (0, 1)})
    n = 1024
    X = screening.sobol_design(prob, n, seed=1, noise_rows=512)
    assert np.array_equal(X[n * 5:], X[: n * 5: 5][:512])  # noise rows: the first A rows again
    rng = np.random.default_rng(0)
    y = 3 * X[:, 0] + X[:, 1] + rng.normal(0, math.sqrt(10 / 12), len(X))  # Var(3a + b) = 10/12
    rows = pd.DataFrame({o: y for o in screening.SOBOL_OUTCOMES})
    table = screening.sobol_indices(prob, X, rows, n, seed=1)
    relapse = table[table["outcome"] == "relapse_10y"].set_index("parameter")
    assert relapse["noise_share"].iloc[0] == pytest.approx(0.5, abs=0.08)
    assert (relapse.loc[["b", "c"], "ST"] > 0.5).all()  # what the raw indices would flag
    for p, expected in (("a", 0.9), ("b", 0.1), ("c", 0.0)):
        for index in ("S1_adj", "ST_adj"):
            assert abs(relapse.loc[p, index] - expected) <= max(0.1, relapse.loc[p, f"{index}_conf"]), (p, index)
    assert list(relapse.index[relapse["flagged"]]) == ["a"] and relapse.index[0] == "a"
    assert not table[table["outcome"] == "mean_public_confidence"]["flagged"].any()  # only relapse is flagged
    text = screening.sobol_summary(table, "what ran")
    assert "`a` on relapse_10y" in text and "chance (run to run) is 0.5" in text


def test_a_constant_outcome_has_nothing_to_apportion():
    prob = problem({"a": (0, 1), "b": (0, 1)})
    X = screening.sobol_design(prob, 8, seed=1, noise_rows=4)
    rows = pd.DataFrame({o: X[:, 0] for o in screening.SOBOL_OUTCOMES}).assign(war_relapse_10y=0.0)
    table = screening.sobol_indices(prob, X, rows, 8, seed=1)
    assert table[table["outcome"] == "war_relapse_10y"]["ST_adj"].isna().all()
    assert "war_relapse_10y**: war-level relapse within 10 years (0/1 a run: its probability); the same in every " \
           "run" in screening.sobol_summary(table, "")
    rng = np.random.default_rng(1)
    noise = pd.DataFrame({o: rng.normal(size=len(X)) for o in screening.SOBOL_OUTCOMES})
    noise.iloc[-4:] = noise.iloc[:8 * 4:4].iloc[:4].to_numpy() + 10 * rng.normal(size=(4, 4))  # chance > variance
    table = screening.sobol_indices(prob, X, noise, 8, seed=1)
    assert (table["noise_share"] > 1).all() and table["ST_adj"].isna().all()
    assert "no parameter's share can be told from it" in screening.sobol_summary(table, "")


def test_the_most_influential_come_from_a_finished_morris_piece_of_the_same_model(tmp_path):
    seed = f"seed={validation_seed()}"
    with pytest.raises(UserError, match="--piece morris"):
        top_parameters(tmp_path, compose("baseline", [seed, "months=12"]))
    finished_morris(tmp_path, ["months=12"])
    top = top_parameters(tmp_path, compose("baseline", [seed, "months=12", "replicates=7"]), count=2)
    assert list(top["parameter"]) == ["params.fighters.grievance_rate", "params.spoilers.min_fighters"]
    assert list(top["low"]) == [0.02, 6.0] and list(top["high"]) == [0.32, 100.0]  # their study ranges
    with pytest.raises(UserError, match=r"screened another configuration of the model: months \(12 there, 24 here\)"):
        top_parameters(tmp_path, compose("baseline", [seed, "months=24"]))


def test_a_morris_piece_run_before_a_key_existed_screened_the_same_model(tmp_path):
    """A key added to the model since Morris ran (a knock-out switch, off by default) takes its
    default in the recorded configuration: the piece is not refused for it; a value it recorded
    otherwise still is."""
    seed = f"seed={validation_seed()}"
    folder = finished_morris(tmp_path, ["months=12"])
    manifest = json.loads((folder / MANIFEST).read_text())
    del manifest["config"]["params"]["ddr"]["pace_fixed_intake"]  # as written before the switch existed
    (folder / MANIFEST).write_text(json.dumps(manifest))
    assert len(top_parameters(tmp_path, compose("baseline", [seed, "months=12"]), count=2)) == 2
    manifest["config"]["params"]["ddr"]["pace_fixed_intake"] = 600
    (folder / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(UserError, match=r"params.ddr.pace_fixed_intake \(600 there, None here\)"):
        top_parameters(tmp_path, compose("baseline", [seed, "months=12"]))


def test_latest_summary_quotes_each_finished_piece_and_its_commit(tmp_path):
    assert "No finished piece" in latest_summary(tmp_path / "nothing")
    folder = finished_morris(tmp_path, ["months=12"])
    manifest = json.loads((folder / MANIFEST).read_text())
    text = latest_summary(tmp_path)
    assert text.startswith("## Global sensitivity") and "made by a test" in text
    assert str(manifest["git_commits"][0]) in text and "Not yet run: sobol, robustness" in text
    assert "2 min of runs" in text and manifest["config"]["months"] == 12 and manifest["versions"]["SALib"]
