"""Uniform draws in single precision: the numbers numpy's generator gives, at less cost.

``Generator.random(shape, dtype=np.float32)`` makes each number from one 32-bit word of its bit
generator: the word's top 24 bits (a float32's significand) times 2^-24. PCG64 hands out 32-bit
words from its 64-bit outputs, the low half first, and keeps the high half for the next request
(``has_uint32`` and ``uinteger`` in its state). Word by word, through two function pointers per
number, that costs numpy about twice what computing the 64-bit outputs does. ``random_raw`` gives
the 64-bit outputs in one loop; viewed as 32-bit words (on a little-endian machine, the low half
first) they are the same words in the same order, and a shift and a scale in numpy make the same
floats. The citizens draw two such uniforms per citizen and service each month: most of the
model's random numbers.
"""

from __future__ import annotations

import math
import sys

import numpy as np


def uniform_float32(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """``rng.random(shape, dtype=np.float32)``: the same numbers, and the generator left in the
    same state (the same 64-bit outputs consumed, the same half word kept), at about two thirds
    of the cost. Any other bit generator, or a big-endian machine, takes numpy's own path."""
    bits = rng.bit_generator
    if sys.byteorder != "little" or not isinstance(bits, np.random.PCG64):
        return rng.random(shape, dtype=np.float32)
    before = bits.state
    kept = before["has_uint32"]  # a half word left by an earlier request is the first word
    fresh = math.prod(shape) - kept  # words taken from new 64-bit outputs
    if fresh <= 0:  # nothing, or only the half word kept: numpy's own path, as cheap
        return rng.random(shape, dtype=np.float32)
    per_output = np.dtype(np.uint64).itemsize // np.dtype(np.uint32).itemsize
    words = bits.random_raw(-(-fresh // per_output)).view(np.uint32)
    after = bits.state  # advanced by the outputs just drawn; the half-word buffer as it was
    # numpy leaves the last output's high half in the buffer, live only if it was not used.
    after["uinteger"] = int(words[-1])
    after["has_uint32"] = int(words.size > fresh)
    bits.state = after
    significand = np.finfo(np.float32).nmant + 1  # bits of each word that make the number
    shift = np.iinfo(np.uint32).bits - significand
    words = words[:fresh]
    words >>= shift  # below 2^24: the same integers as int32
    uniforms = np.empty(kept + fresh, np.float32)
    if kept:
        uniforms[0] = before["uinteger"] >> shift
    uniforms[kept:] = words.view(np.int32)  # exact (integers below 2^24)
    uniforms *= np.float32(np.ldexp(1.0, -significand))  # a power of two: exact
    return uniforms.reshape(shape)
