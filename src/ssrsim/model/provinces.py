"""Provinces as a small network: a ring of neighbours plus a few random chords.

Violence, abuses and confidence are local first; insecurity spills over to
neighbouring provinces (003:87, 003:674), which the row-normalised adjacency ``spill`` carries.
"""

from __future__ import annotations

import numpy as np

from ..config.params import ProvinceParams


class ProvinceNetwork:
    """Province graph, population shares and the spill-over operator."""

    def __init__(self, count: int, extra_links: int, rng: np.random.Generator,
                 params: ProvinceParams | None = None):
        """``params`` (``params.provinces``) defaults to the schema's defaults."""
        if params is None:
            params = ProvinceParams()
        self.count = count
        adjacency = np.zeros((count, count), dtype=bool)
        ring = np.arange(count)
        adjacency[ring, (ring + 1) % count] = True
        for _ in range(extra_links):
            a, b = rng.choice(count, size=2, replace=False)
            adjacency[a, b] = True
        adjacency |= adjacency.T
        np.fill_diagonal(adjacency, False)
        self.adjacency = adjacency
        self.spill = adjacency / adjacency.sum(axis=1, keepdims=True)
        # Population shares (assumption: as unequal as ``population_concentration`` makes them).
        self.population = rng.dirichlet(np.full(count, params.population_concentration))

    def neighbours(self, p: int) -> np.ndarray:
        return np.flatnonzero(self.adjacency[p])

    def edges(self) -> list[tuple[int, int]]:
        a, b = np.nonzero(np.triu(self.adjacency))
        return list(zip(a.tolist(), b.tolist()))
