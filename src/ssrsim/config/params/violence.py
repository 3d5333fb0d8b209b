"""Parameters of violence: its three kinds (battle deaths, one-sided violence, abuses), the small
arms that make it possible, and the escalation that lets a minor conflict grow into war."""

from __future__ import annotations

from ..fields import F, Strict


class ViolenceParams(Strict):
    # Small arms (a province's stock of weapons outside state armouries).
    weapons_per_fighter: float = F(1.0, 0.5, 2.0, unit="weapons / fighter",
                                   doc="Weapons a fighter needs to count fully in a clash; a group with fewer "
                                       "weapons than this in its province fights with the armed share of its members")
    arms_inflow: float = F(300.0, 0, 2000, unit="weapons / month at full regional support",
                           source="003:87 (direction); value assumed",
                           doc="Weapons crossing the borders each month, spread by population, times regional "
                               "support (docs/model.md §10.3)")
    handed_in_share: float = F(0.085, 0, 1, unit="weapons / fighter entering cantonment",
                               source="IRIN 2009 (the FNL handed in 722 weapons for about 8,500 fighters)",
                               doc="Weapons handed in per fighter entering cantonment: few are")
    capture_share: float = F(0.5, 0, 1, unit="share",
                             doc="Share of a killed spoiler fighter's weapon that the forces take out of circulation")
    # Escalation: clashes feed grievance, recruitment and militarisation (Hultman 2007; Wood 2010).
    tension_half_deaths: float = F(20.0, 5, 100, unit="deaths / month",
                                   doc="Deaths felt in a province (battle and one-sided, with half of the "
                                       "neighbours') at which its tension target is one half")
    tension_rise: float = F(0.3, 0.05, 1, unit="per month", doc="Speed at which tension rises toward its target")
    tension_fall: float = F(0.05, 0.01, 0.5, unit="per month", doc="Speed at which tension falls back (slower than it rises)")
    escalation_attack: float = F(2.0, 0, 5, unit="logit at full tension",
                                 doc="How much a tense province raises a spoiler's log-odds of engaging")
    escalation_recruitment: float = F(2.0, 0, 6, unit="x recruitment at full tension",
                                      doc="Extra youth recruitment in a tense province (1 + this x tension)")
    escalation_lethality: float = F(1.0, 0, 4, unit="x deaths per clash at full tension",
                                    doc="Extra deaths per clash in a tense province (1 + this x tension): "
                                        "militarised provinces fight harder")
    # One-sided violence by armed groups losing ground (Hultman 2007; Wood 2010).
    setback_rate: float = F(0.2, 0.05, 1, unit="per month",
                            doc="Speed at which a spoiler's setback follows its share of fighters lost this month")
    rebel_killing: float = F(0.05, 0, 0.5, unit="civilians killed / armed fighter-month at full setback",
                             source="Hultman 2007; Wood 2010 (direction); value assumed",
                             doc="Civilians killed by a spoiler's armed fighters in a province when it is losing ground")
    # One-sided violence by the state: only from decisions to repress (Davenport 2007).
    repression_killing: float = F(0.0005, 0, 0.005, unit="civilians killed / personnel-month at full repression",
                                  source="Davenport 2007 (direction); value assumed",
                                  doc="Civilians killed by deployed forces under full repression and no integrity")
    repression_integrity_restraint: float = F(0.8, 0, 1, unit="share",
                                              doc="Share of repression killing that a fully upright force refuses "
                                                  "(killing x (1 - this x integrity))")
