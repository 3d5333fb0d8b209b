"""Parameters of the justice chain: reporting, investigation, prosecution, sanction (docs/model.md §8.3)."""

from __future__ import annotations

from ..fields import F, Strict


class JusticeParams(Strict):
    female_victim_share: float = F(0.5, 0.2, 0.8, unit="share", source="003:1040-1042 (direction); value assumed",
                                   doc="Share of the victims of the services' abuses who are women")
    women_reporting_floor: float = F(0.4, 0, 1, unit="share", source="003:846 (direction); value assumed",
                                     doc="Women's reporting of abuse, relative to men's, where the police have no "
                                         "women; it reaches men's at params.forces.women_critical_share")
    investigation_floor: float = F(0.5, 0, 1, unit="share", source="003:302 (direction); value assumed",
                                   doc="Share of reported abuses investigated by a police with no capacity; the rest "
                                       "grows with the police's capacity")
    prosecution_resistance: float = F(0.3, 0, 1, unit="share", source="001:11 (direction); value assumed",
                                      doc="Share of prosecutions blocked by an incumbent that fully fears "
                                          "prosecution (prosecuted x (1 - this x fear))")
    courts_rate: float = F(0.03, 0.005, 0.2, unit="per month",
                           doc="Speed at which the courts' independence follows its target")
    courts_exposure: float = F(0.5, 0, 1, unit="0-1", source="001:11 (direction); value assumed",
                               doc="Share of the courts' independence lost under full repression")
    truth_reconciliation: float = F(0.3, 0, 1, unit="share",
                                    doc="After a truth commission: how far the personal lean of a citizen who hears "
                                        "it moves toward trust (the war-time distrust it lifts), once the first "
                                        "shock has passed")
