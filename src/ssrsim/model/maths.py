"""Bounded update rules shared by every actor.

State variables in [0, 1] move by convex combination toward a target that is itself in [0, 1],
so they stay in range by construction; no clipping hides an error.
"""

from __future__ import annotations

import numpy as np


def logistic(x):
    """The logistic map 1 / (1 + e^-x): turns a log-odds score into a probability."""
    return 1.0 / (1.0 + np.exp(-x))


def toward(value, target, rate):
    """Move ``value`` a fraction ``rate`` (0-1) of the way to ``target``."""
    return value + rate * (target - value)


def saturation(amount, half):
    """Diminishing returns: 0 at 0, 1/2 at ``half``, approaching 1."""
    return amount / (amount + half)


def shock(value, up: bool, size: float):
    """A bounded jump: ``size`` of the way to 1 (``up``) or to 0."""
    return toward(value, 1.0 if up else 0.0, size)
