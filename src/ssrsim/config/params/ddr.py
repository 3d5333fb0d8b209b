"""Parameters of the dDR: the programme's intake and reinsertion."""

from __future__ import annotations

from ..fields import F, Strict


class DDRParams(Strict):
    intake_without_will: float = F(0.4, 0, 1, unit="share", source="000:15; 003:478 (direction); value assumed",
                                   doc="Share of the cantonment pace reached with no political will "
                                       "(intake = pace x (this + (1 - this) x will))")
    reinsertion_cost_share: float = F(0.5, 0.1, 1.5, unit="programme months",
                                      doc="Monthly reinsertion support of a newly discharged fighter, as a share "
                                          "of the monthly cost of a reintegration place")
    support_depth_months: float = F(12.0, 4, 36, unit="months",
                                    source="000:12 (programmes of 1-2+ years); value assumed",
                                    doc="Time scale over which a reintegration programme's support deepens: depth is "
                                        "1 - exp(-programme length / this)")
