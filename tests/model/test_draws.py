"""``uniform_float32`` is numpy's ``Generator.random(shape, dtype=np.float32)``, bit for bit.

The citizens draw their monthly uniforms through it (``ssrsim.model.draws``): it must give the
same numbers and leave the generator in the same state, whatever half word an earlier request
(an odd number of 32-bit integers) left in the bit generator's buffer.
"""

from __future__ import annotations

import numpy as np
import pytest

from ssrsim.model.draws import uniform_float32


@pytest.mark.parametrize("shape", [(1,), (2,), (3,), (3, 5), (3, 20000), (0,), (2, 0), (1, 1), (4, 7)])
@pytest.mark.parametrize("integers_before", [0, 1, 2, 7])
@pytest.mark.parametrize("seed", [0, 1])
def test_same_numbers_and_state_as_numpy(seed, integers_before, shape):
    ours, numpys = np.random.default_rng(seed), np.random.default_rng(seed)
    for rng in (ours, numpys):
        rng.integers(0, 10, integers_before)  # an odd count leaves a half word buffered
    got, expected = uniform_float32(ours, shape), numpys.random(shape, dtype=np.float32)
    assert got.dtype == expected.dtype and got.shape == expected.shape
    assert np.array_equal(got.view(np.uint32), expected.view(np.uint32))
    assert ours.bit_generator.state == numpys.bit_generator.state
    # and what follows is drawn alike
    assert np.array_equal(ours.integers(0, 1000, 5), numpys.integers(0, 1000, 5))
    assert np.array_equal(uniform_float32(ours, (3,)), numpys.random(3, dtype=np.float32))


def test_other_bit_generators_take_numpys_path():
    ours, numpys = np.random.Generator(np.random.MT19937(3)), np.random.Generator(np.random.MT19937(3))
    assert np.array_equal(uniform_float32(ours, (3, 4)), numpys.random((3, 4), dtype=np.float32))
