"""Parameters of the dDR: the programme's intake and reinsertion."""

from __future__ import annotations

from ..fields import KNOCK_OUT, F, Strict, held


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
    cantonment_cost_share: float = F(0.5, 0.1, 1.5, unit="programme months",
                                     source="Knight & Özerdem 2004 (camps must be supplied; direction); value assumed",
                                     doc="Monthly upkeep of a fighter in cantonment (food, shelter, pay), as a share of "
                                         "the monthly cost of a reintegration place; paid from the fund first")
    protest_threshold: float = F(0.5, 0, 1, unit="grievance 0-1",
                                 source="Knight & Özerdem 2004 (direction); value assumed",
                                 doc="Grievance above which fighters waiting (in cantonment, for a programme or in a "
                                     "paused one) take part in protests")
    protest_rate: float = F(0.0001, 0, 0.002, unit="protests / aggrieved fighter-month",
                            doc="Protests a month per waiting fighter at full grievance (times its grievance above "
                                "protest_threshold, as a share of the room above it): 10,000 fighters waiting at "
                                "grievance 0.75 protest about six times a year")
    protest_tension: float = F(0.05, 0, 0.5, unit="0-1",
                               doc="Share of the way to full tension that a protest (with looting) moves its province")
    protest_legitimacy: float = F(0.02, 0, 0.2, unit="0-1",
                                  doc="Share of the government's legitimacy lost with each protest")

    # Knock-out of the DDR pace's one channel (docs/validation.md §2).
    pace_fixed_intake: int | None = F(
        None, 0, 20000, unit="fighters / month", source=KNOCK_OUT,
        doc=held("Pace read by the cantonment intake (times will's gate, intake_without_will)",
                 "levers.ddr.demobilization_per_month", "a programme that takes no one in"))
