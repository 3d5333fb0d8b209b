"""Parameters of the government: political will, elections, repression, budget."""

from __future__ import annotations

from ..fields import F, Strict


class GovernmentParams(Strict):
    will_rate: float = F(0.03, 0.001, 1, unit="per month", doc="Speed of will toward its drivers")
    election_shock: float = F(0.15, 0, 1, unit="0-1",
                              doc="Size of the political shock of an election")
    repression_threshold: float = F(0.35, 0, 1, unit="will", doc="Below it, exposure brings repression")
