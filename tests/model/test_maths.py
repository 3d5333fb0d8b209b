"""The shared helpers of ``maths`` give numpy's values bit for bit."""

from __future__ import annotations

import numpy as np

from ssrsim.model.maths import dot


def test_dot_of_short_vectors_is_numpys():
    rng = np.random.default_rng(11)
    for size in range(1, 16):
        for _ in range(500):
            xs = rng.random(size) * 10.0 ** rng.integers(-3, 5, size)
            ys = rng.random(size) * 10.0 ** rng.integers(-3, 5, size)
            assert dot(xs.tolist(), ys.tolist()) == xs @ ys
