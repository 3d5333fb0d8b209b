"""The batched engine's prototype (``benchmarks/batched_citizens.py``): the citizens' monthly update
for many replicates as one array program gives the model's update in distribution."""

import sys

import numpy as np

import ssrsim
from helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from batched_citizens import month_inputs, run_batched, run_each  # noqa: E402


def test_the_batched_update_matches_the_model_in_distribution():
    """From the same citizens and inputs, each replicate's share trusting each service after two
    years differs between the two by no more than its random draws: the paired differences average
    within four standard errors of zero and each stays within 0.02; a formula changed (trust rising
    twice as fast) moves them beyond that."""
    cfg = ssrsim.compose("baseline", ["context.citizens=2000", "months=12"])
    populations, inputs, p = month_inputs(cfg, 8)
    each = run_each(populations, inputs, p, 24, seed=1)
    batch = run_batched(populations, inputs, p, 24, seed=1)
    model = np.array([(c.trust >= np.float32(p.trusting_threshold)).mean(axis=1) for c in each])  # [r, s]
    batched = batch.confidence(p)
    faster = run_batched(populations, inputs, p.model_copy(update={"trust_up": 2 * p.trust_up}), 24, seed=1)
    assert np.abs(faster.confidence(p) - model).max() > 0.02  # the comparison can tell a changed formula
    diff = batched - model
    se = diff.std(axis=0, ddof=1) / np.sqrt(len(diff))
    assert (np.abs(diff.mean(axis=0)) <= 4 * np.maximum(se, 1e-4)).all(), (diff.mean(axis=0), se)
    assert np.abs(diff).max() <= 0.02, np.abs(diff).max()
    trusting_each = np.array([c.trusting.mean() for c in each])
    assert np.abs(batch.trusting.mean(axis=1) - trusting_each).max() <= 0.02
