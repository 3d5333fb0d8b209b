"""Parameters of the security forces: reform, abuses, pay, deterrence."""

from __future__ import annotations

from ..fields import F, Strict


class ForceParams(Strict):
    reform_rate: float = F(0.02, 0.0001, 0.3, unit="per month", source="002:55 (slow pace)",
                           doc="Speed of capacity and integrity toward their targets")
    capacity_half_saturation: float = F(5.0, 0.01, 1000, unit="US$ million / year",
                                        doc="Capacity spending giving half the attainable gain")
    abuse_rate: float = F(0.0008, 0, 0.1, unit="abuses per member-month at worst",
                          doc="Abuses by an unchecked, unpaid, predatory force")
    coup_base: float = F(-9.0, -30, 5, unit="logit / month", source="003:708",
                         doc="Baseline log-odds of a coup attempt")
    coup_disaffection: float = F(6.0, 0, 30, unit="logit", source="004:78; 003:708",
                                 doc="Weight of army disaffection on a coup attempt")
    pay_cost: float = F(0.0012, 0, 1, unit="US$ million / member-year",
                        doc="Annual pay per member at full adequacy")
    deterrence_per_peacekeeper: float = F(0.23, 0, 10, unit="soldier-equivalents",
                                            source="003:124 (direction); value calibrated to Collier, Hoeffler & Söderbom 2008 and Suhrke & Samset 2007 (docs/validation.md)")
