"""Parameters of the citizens: trust, perceived safety, remembered violence."""

from __future__ import annotations

from ..fields import F, Strict


class CitizenParams(Strict):
    trust_up: float = F(0.02, 0.001, 1, unit="per month", source="004:54; 003:1630",
                        doc="Speed of trust gains (slow)")
    trust_down: float = F(0.15, 0.001, 1, unit="per month", source="assumption: trust falls faster than it rises",
                          doc="Speed of trust losses (fast)")
    unemployment_weight: float = F(0.5, 0, 1, unit="0-1",
                                   source="003:646 (unemployment the gravest threat; value assumed)",
                                   doc="How much being unemployed lowers perceived security")
    exposure_decay: float = F(0.25, 0.01, 1, unit="per month", doc="Fading of remembered violence")
