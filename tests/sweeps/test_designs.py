"""SALib designs and indices on a function whose answer is known: x0 matters, x1 barely."""

import numpy as np
import pytest

from ssrsim.sweeps.designs import analyze, draw_ranking, point_overrides, problem, sample

RANGES = {"levers.political_will": (0.0, 1.0), "levers.ddr.reintegration_months": (6, 48)}


def response(X):
    return 3.0 * X[:, 0] + 0.001 * X[:, 1]


@pytest.mark.parametrize("method, n, measure", [("morris", 10, "mu_star"), ("sobol", 64, "ST"),
                                                ("lhs", 60, "S1")])
def test_indices_rank_the_influential_input_first(method, n, measure):
    prob = problem(RANGES)
    X = sample(prob, method, n=n, seed=3)
    assert np.array_equal(X, sample(prob, method, n=n, seed=3))  # seeded
    table = analyze(prob, method, X, response(X), seed=1)
    assert list(table["parameter"]) == list(RANGES)
    assert table[measure].iloc[0] > 10 * abs(table[measure].iloc[1])
    assert (table.filter(like="_conf").to_numpy() >= 0).all()
    assert draw_ranking(table, title="t").get_suptitle() == "t"


def test_overrides_round_integer_fields():
    prob = problem(RANGES)
    assert point_overrides(prob, [0.25, 17.6]) == ["levers.political_will=0.25",
                                                   "levers.ddr.reintegration_months=18"]


@pytest.mark.parametrize("call, message", [
    (lambda: problem({"levers.political_will": (0.5, 0.5)}), "empty range"),
    (lambda: problem({}), "at least one"),
    (lambda: sample(problem(RANGES), "sobol", n=10, seed=0), "power of 2"),
    (lambda: sample(problem(RANGES), "fast", n=8, seed=0), "allowed: morris, sobol, lhs"),
])
def test_mistakes_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("method, n", [("morris", 20), ("sobol", 64), ("lhs", 30)])
def test_designs_stay_inside_their_ranges(method, n):
    """SALib scales 0.1 + 1 x 0.2 to 0.30000000000000004: past a schema bound of 0.3, whose row
    the schema would then refuse."""
    prob = problem({"params.forces.pay_adjustment_rate": (0.03, 0.3), "params.citizens.violence_share_return": (0.1, 0.3)})
    X = sample(prob, method, n=n, seed=1)
    bounds = np.array(prob["bounds"])
    assert (X >= bounds[:, 0]).all() and (X <= bounds[:, 1]).all()
    if method == "morris":  # the four levels reach both ends
        assert (X.max(axis=0) == bounds[:, 1]).all() and (X.min(axis=0) == bounds[:, 0]).all()
