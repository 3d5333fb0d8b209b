"""The shared helpers of ``maths`` give the values they promise, bit for bit."""

from __future__ import annotations

import numpy as np

from ssrsim.model.maths import dot


def test_dot_adds_the_products_in_order_from_zero():
    """``dot`` is the in-order sum of products (``np.add.accumulate`` adds one by one). That is
    what numpy's ``@`` gave on short vectors with the OpenBLAS build the model was checked on, so
    the model's numbers did not change; a test against ``@`` itself would test the BLAS build."""
    rng = np.random.default_rng(11)
    for size in range(1, 16):
        for _ in range(200):
            xs = rng.random(size) * 10.0 ** rng.integers(-3, 5, size)
            ys = rng.random(size) * 10.0 ** rng.integers(-3, 5, size)
            assert dot(xs.tolist(), ys.tolist()) == np.add.accumulate(np.concatenate([[0.0], xs * ys]))[-1]
