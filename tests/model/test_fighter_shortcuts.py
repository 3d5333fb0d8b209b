"""The fighters' monthly shortcuts give what the straightforward computation gives, bit for bit.

Each shortcut (a bound that leaves few fighters to score, values kept row by row) is compared
with the plain formula over every fighter, on populations taken from real runs mid-way through
DDR, when every status is present.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers import run, small_config
from ssrsim.model.fighters import IS_POST
from ssrsim.model.maths import logistic


@pytest.fixture(scope="module")
def models():
    cfg = small_config(months=48)
    return [run(cfg, replicate, months=months) for replicate, months in ((0, 30), (1, 48))]


def plain_remobilizing(fi, p, pull_p, draw):
    """Every post-demobilisation fighter scored, as the model first wrote it."""
    local = np.where(pull_p > 0, p.remobilization_base + p.remobilization_pull * pull_p, -np.inf).astype(np.float32)
    post = np.flatnonzero(IS_POST[fi.status[: fi.n]])
    score = local[fi.province[post]]
    score += p.remobilization_grievance * fi.grievance[post]
    score -= p.remobilization_livelihood * fi.livelihood[post]
    score += p.remobilization_tie * fi.tie[post]
    score += p.remobilization_youth * fi.youth[post]
    return post[draw[post] < logistic(score)]


@pytest.mark.parametrize("pulls", ["none", "some", "strong", "everywhere"])
def test_remobilizing_scores_only_candidates_but_picks_the_same_fighters(models, pulls):
    for model in models:
        fi, p = model.fighters, model.cfg.params.fighters
        rng = np.random.default_rng(7)
        provinces = model.provinces.count
        pull_p = {"none": np.zeros(provinces),
                  "some": np.where(rng.random(provinces) < 0.5, rng.random(provinces), 0.0),
                  "strong": np.full(provinces, 3.0),  # a bound of 1: everyone a candidate
                  "everywhere": rng.random(provinces)}[pulls]
        for _ in range(5):
            draw = rng.random(fi.n) ** 3  # many low draws: many movers
            expected = plain_remobilizing(fi, p, pull_p, draw)
            got = fi.remobilizing(p, pull_p, draw)
            assert np.array_equal(got, expected)
            if pulls != "none":
                assert expected.size > 0
