"""The citizens' monthly kernels equal the straightforward numpy they replace, bit for bit.

``CitizenPopulation.step`` is written for speed (buffers reused each month, bit tricks); each
helper here is checked against the plain expression it stands for.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from ssrsim.config.params import CitizenParams
from ssrsim.model.citizens import CitizenPopulation, _approach, _sparse_flatnonzero
from ssrsim.model.provinces import ProvinceNetwork


@pytest.mark.parametrize("density", [0.0, 0.0005, 0.025, 0.3, 1.0])
@pytest.mark.parametrize("size", [8, 61, 6000])
def test_sparse_flatnonzero_is_flatnonzero(density, size):
    rng = np.random.default_rng(size)
    words = np.zeros(-(-size // 8), np.uint64)
    mask = words.view(bool)[:size]
    mask[...] = rng.random(size) < density
    found = _sparse_flatnonzero(words)
    expected = np.flatnonzero(mask)
    assert found.dtype == expected.dtype
    np.testing.assert_array_equal(found, expected)


def test_approach_is_select_of_the_rates():
    rng = np.random.default_rng(1)
    trust = rng.random((3, 5000), dtype=np.float32)
    target = rng.random((3, 5000), dtype=np.float32)
    target[:, :100] = trust[:, :100]  # no gap at all
    target[0, 100:200] = np.nextafter(trust[0, 100:200], np.float32(2))  # the smallest gaps
    target[1, 100:200] = np.nextafter(trust[1, 100:200], np.float32(-1))
    up, down = np.float32(0.02), np.float32(0.15)
    expected = trust + np.where(target > trust, up, down) * (target - trust)
    _approach(trust, target, up, down, np.empty_like(trust))
    assert np.array_equal(trust.view(np.int32), expected.view(np.int32))


@pytest.mark.parametrize("groups", [1, 2, 3])
def test_by_group_is_the_gather(groups):
    rng = np.random.default_rng(groups)
    citizens = CitizenPopulation(500, ProvinceNetwork(4, 0, rng), np.full(groups, 1 / groups), 0.2,
                                 np.full((3, groups), 0.5), rng, CitizenParams(), 5.0)
    by_group = rng.random((3, groups)).astype(np.float32)
    out = citizens._by_group(by_group, np.empty((3, citizens.n), np.float32))
    assert np.array_equal(out.view(np.int32), by_group[:, citizens.group].view(np.int32))


def test_a_copy_steps_as_the_original():
    """Buffers are kept between months; a copy of the population (as of a model) must not share
    or lose them."""
    rng = np.random.default_rng(3)
    citizens = CitizenPopulation(800, ProvinceNetwork(4, 0, rng), np.array([0.6, 0.4]), 0.2,
                                 np.full((3, 2), 0.5), rng, CitizenParams(), 5.0)
    month = dict(violence_p=np.full(4, 0.3), news_ps=np.full((4, 3), 0.5), bias_sg=np.zeros((3, 2)),
                 delivery_sg=np.full((3, 2), 0.6), misconduct_sgx=np.full((3, 2, 2), 0.3),
                 contact_s=np.array([0.1, 0.3, 0.2]), unemployment_p=np.full(4, 0.2), credibility=0.1,
                 lent_s=np.full(3, 0.05), information=0.2)
    twin, twin_rng = copy.deepcopy(citizens), copy.deepcopy(rng)
    for _ in range(3):
        citizens.step(CitizenParams(), rng, **month)
        twin.step(CitizenParams(), twin_rng, **month)
    np.testing.assert_array_equal(twin.trust, citizens.trust)
    assert twin.meetings.sum() > 0 and np.array_equal(twin.meetings, citizens.meetings)


def test_mean_perceived_safety_is_numpy_mean():
    rng = np.random.default_rng(4)
    citizens = CitizenPopulation(20000, ProvinceNetwork(4, 0, rng), np.ones(1), 0.2, np.full((3, 1), 0.5), rng,
                                 CitizenParams(), 5.0)
    for _ in range(20):
        citizens.perceived_safety = rng.random(citizens.n, dtype=np.float32)
        assert citizens.mean_perceived_safety() == float(citizens.perceived_safety.mean())


def test_the_months_tables_of_conduct_are_numpys():
    """The model's per-service tables, computed as Python floats, equal the numpy expressions."""
    import ssrsim
    from ssrsim.model import SSRModel

    m = SSRModel(ssrsim.compose("baseline", ["months=24", "context.citizens=500"]), 0, tables=False).run()
    cp, fp = m.cfg.params.citizens, m.cfg.params.forces
    represented = np.minimum(1.0, np.array([f.groups for f in m.forces]) / m.group_shares)
    delivery = np.array([np.sqrt(f.capacity * f.integrity) for f in m.forces])[:, None] * represented
    predation = np.array([cp.misconduct_per_predation * f.predation for f in m.forces])
    few_women = np.array([1 - min(1.0, f.women_share / fp.women_critical_share) for f in m.forces])
    base = predation[:, None] * (1 + np.array([f.bias for f in m.forces]))
    misconduct = np.minimum(1.0, np.stack([base, base * (1 + cp.few_women_penalty * few_women)[:, None]], axis=2))
    for ours, numpys in ((np.array(m._represented_rows()), represented), (m._delivery(), delivery), (m._misconduct(), misconduct)):
        assert ours.dtype == numpys.dtype and np.array_equal(ours, numpys)
