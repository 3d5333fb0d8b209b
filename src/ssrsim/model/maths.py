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


def select(cond: np.ndarray, x, y) -> np.ndarray:
    """``np.where(cond, x, y)`` bit for bit, for ``x`` and ``y`` of one float dtype (arrays of
    ``cond``'s shape or scalars), without a branch per element: each element's bits are
    ``y ^ ((x ^ y) & mask)``, the mask all ones where ``cond``. ``np.where`` branches on each
    element, which is slow on irregular masks."""
    x, y = np.asarray(x), np.asarray(y)
    ints = {np.dtype(t).itemsize: t for t in (np.int32, np.int64)}.get(y.dtype.itemsize)  # same-size integers
    if (ints is None or y.dtype.kind != "f" or x.dtype != y.dtype or cond.dtype != bool
            or x.shape not in ((), cond.shape) or y.shape not in ((), cond.shape)):
        return np.where(cond, x, y)  # the general case
    out = np.negative(cond.view(np.int8)).astype(ints)  # -1 (all bits set) where cond, else 0
    out &= np.bitwise_xor(x.view(ints), y.view(ints))
    out ^= y.view(ints)
    return out.view(y.dtype)


def mean(values) -> float:
    """``np.mean`` of a short list of numbers, the same value (numpy's sum divided by the count)
    without the cost of ``np.mean``'s wrappers, which is many times the arithmetic."""
    return float(np.add.reduce(np.asarray(values, dtype=float)) / len(values))


def dot(xs, ys) -> float:
    """The dot product of two short float vectors given as lists (a number per service, say):
    the products added one by one, in order, from 0, without numpy's cost per call (many times
    the arithmetic). On vectors of fewer than 16 numbers it is what numpy's ``@`` gave with the
    OpenBLAS build the model was checked on (OpenBLAS changes method from 16 up), so the model's
    numbers stayed the same; it no longer depends on the BLAS build."""
    total = 0.0
    for x, y in zip(xs, ys):
        total += x * y
    return total


def held(value, fixed):
    """``value``, or ``fixed`` where a knock-out holds a lever's channel at a fixed value
    (``params.*.*_fixed_*``; ``None``, their default, holds nothing: docs/validation.md §2)."""
    return value if fixed is None else fixed


def saturation(amount, half):
    """Diminishing returns: 0 at 0, 1/2 at ``half``, approaching 1."""
    return amount / (amount + half)


def shock(value, up: bool, size: float):
    """A bounded jump: ``size`` of the way to 1 (``up``) or to 0."""
    return toward(value, 1.0 if up else 0.0, size)


def polarisation(counts) -> np.ndarray:
    """Polarisation of populations split into blocs, one population a row of ``counts``
    (``[population, bloc]``): 1 for two equal blocs, 0 for one bloc and lower for many small
    ones (Montalvo & Reynal-Querol 2005): 1 - sum of ((1/2 - share) / (1/2))^2 x share; 0 for a
    population of no one. All rows at once: the services are measured together each month."""
    counts = np.asarray(counts, dtype=float)
    total = counts.sum(axis=-1, keepdims=True)
    share = np.divide(counts, total, out=np.zeros_like(counts), where=total > 0)
    gap = 1 - share - share  # (1/2 - share) / (1/2)
    return np.where(total[..., 0] > 0, 1 - np.sum(gap * gap * share, axis=-1), 0.0)
