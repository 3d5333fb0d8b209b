"""Parameters of the oversight bodies: growth, detection."""

from __future__ import annotations

from ..fields import F, Strict


class OversightParams(Strict):
    growth_rate: float = F(0.02, 0.0001, 1, unit="per month", source="003:1733 (slow)")
    detection: float = F(0.7, 0, 1, unit="share", source="003:585; 000:43",
                         doc="Share of abuses exposed by fully capable oversight")
