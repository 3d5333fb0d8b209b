"""One random stream per submodel and month, so that paired runs stay paired.

Two runs of a replicate that differ only in a lever share the seed, and the comparison between them
is only as sharp as their random draws are shared. With one stream for the whole model, one extra
draw anywhere (a fighter more in a programme, a clash fought) shifts every later draw of every
submodel: the two arms become independent runs after a few months, and a lever's effect drowns in
noise that pairing was meant to remove. Here each submodel draws from a stream of its own, and each
stream starts every month at a fixed point of its sequence: what citizens draw in month 40 does not
depend on how many fighters the DDR programme drew for in month 39. The arms of a pair then part
only where the lever's consequences reach.

The streams are spawned from ``SeedSequence([seed, replicate])`` (the first child is the stream the
atrocity submodel had before the others got theirs). A month's block is 2**64 - 1 draws of a
PCG64 stream (whose period is 2**128), far more than a month ever takes; ``start_month`` jumps to the block with PCG64's
``advance``, which costs microseconds.
"""

from __future__ import annotations

import numpy as np

SUBMODELS = ("atrocity", "bargaining", "citizens", "ddr", "donors", "fighters", "forces", "politics",
             "prevention", "violence")
MONTH_BLOCK = int(np.iinfo(np.uint64).max)  # draws reserved for each month of each stream: 2**64 - 1


class Streams:
    """The random generators of one replicate's monthly draws, one attribute per submodel."""

    def __init__(self, seed: int, replicate: int):
        children = np.random.SeedSequence([seed, replicate]).spawn(len(SUBMODELS))
        generators = [np.random.Generator(np.random.PCG64(child)) for child in children]
        self._start = [g.bit_generator.state for g in generators]
        for name, generator in zip(SUBMODELS, generators):
            setattr(self, name, generator)

    def start_month(self, month: int) -> None:
        """Put every stream at the start of its block for ``month``."""
        # Through the attributes, not a list of bit generators: a copied model's generators are new.
        for name, start in zip(SUBMODELS, self._start):
            bits = getattr(self, name).bit_generator
            bits.state = start
            bits.advance(month * MONTH_BLOCK)

    # Declared for readers and type checkers; set in __init__.
    atrocity: np.random.Generator
    bargaining: np.random.Generator
    citizens: np.random.Generator
    ddr: np.random.Generator
    donors: np.random.Generator
    fighters: np.random.Generator
    forces: np.random.Generator
    politics: np.random.Generator
    prevention: np.random.Generator
    violence: np.random.Generator
