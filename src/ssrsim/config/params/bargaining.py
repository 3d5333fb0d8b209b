"""Parameters of bargaining with armed groups: offers, the belief that a deal will be honoured,
splits and breakdowns (docs/model.md §7)."""

from __future__ import annotations

from ..fields import F, Strict
from .provenance import CALIBRATED, FITTED

STEDMAN = "Stedman 1997; Greenhill & Major 2006 (direction); value assumed"
WALTER = "Walter 2002 (direction); value assumed"


class BargainingParams(Strict):
    # When offers are made (7.2).
    offer_rate: float = F(0.0175, 0, 0.5, study=(0.004375, 0.07), unit="per month",
                          source="value set by hand so that the relapse calibration holds (docs/validation.md)",
                          doc="Monthly chance that the government puts an offer to an armed group, at negotiation "
                              "effort 1 (levers.holdout_talks multiplies it)")
    # What an offer is worth to the group's leaders (7.2).
    weight_places: float = F(1.0, 0, 4, unit="utility per share", source="Hartzell & Hoddie 2003 (military power sharing; direction); value assumed",
                             doc="Value of integration places, per share of the group's fighters offered a place")
    weight_package: float = F(1.5, 0, 6, unit="utility", source="000:12 (reinsertion support; direction); value assumed",
                              doc="Value of a full DDR package (reinsertion support)")
    package_half_months: float = F(6.0, 1, 24, unit="months",
                                   doc="Months of reinsertion support giving half a full package's value")
    weight_amnesty: float = F(1.0, 0, 4, unit="utility", source="001:11 (leaders who fear prosecution; direction); value assumed",
                              doc="Value of a full amnesty for the group's leaders")
    # What fighting on is worth (7.2).
    weight_balance: float = F(2.21, 0, 6, unit="utility",
                              source=f"Stedman 1997; Greenhill & Major 2006 (direction); {FITTED}",
                              doc="Value of fighting on for a group that holds the whole balance of force "
                                  "(its armed fighters against the state's deterrence)")
    force_ratio: float = F(10.0, 2, 50, unit="soldier-equivalents per fighter", source=STEDMAN,
                           doc="Deterrence (forces and peacekeepers, in soldier-equivalents) a group weighs as one of its own "
                               "fighters when it judges the balance of force")
    assembled_force_ratio: float = F(3.0, 1, 50, unit="soldier-equivalents per fighter",
                                     source="Mearsheimer 1989 (the 3:1 rule against a located force; analogy); value assumed",
                                     doc="Deterrence a group weighs as one of its fighters waiting in pre-assembly areas "
                                         "(context.factions[].assembled): registered and located, they can be held at a "
                                         "conventional ratio rather than at force_ratio's for an elusive guerrilla")
    weight_resources: float = F(1.0, 0, 4, unit="utility", doc="Value of fighting on with full resources")
    demand_greedy: float = F(0.2, 0, 3, unit="utility", source=STEDMAN,
                             doc="What a greedy group asks above a limited one")
    demand_total: float = F(3.0, 0, 10, unit="utility", source=STEDMAN,
                            doc="What a total spoiler asks above a limited one (no offer on the menu meets it)")
    winning_balance: float = F(0.7, 0.5, 1, unit="share of the balance", source=STEDMAN,
                               doc="Balance above which a greedy group acts as a total spoiler (winning groups raise their goals)")
    losing_balance: float = F(0.2, 0, 0.5, unit="share of the balance", source=STEDMAN,
                              doc="Balance below which any group acts as a limited one (losing groups lower their goals)")
    choice_sensitivity: float = F(6.0, 0.5, 20, unit="1 / utility", source=CALIBRATED,
                                  doc="Logit sensitivity of the group's choice between the offer and fighting on")
    # The belief that a deal will be honoured (7.3).
    initial_belief: float = F(0.5, 0, 1, unit="probability", doc="A group's belief at month 0 that an offer will be honoured")
    learning_rate: float = F(0.05, 0.005, 0.3, unit="per month", source=WALTER,
                             doc="Speed at which a group's belief follows how promises are being kept")
    guarantee_mission: float = F(0.3, 0, 1, unit="share", source="Walter 2002; Fortna 2008 (a mission monitors; direction); value assumed",
                                 doc="Share of a broken promise a full peacekeeping mission makes up for by monitoring")
    guarantee_mediator: float = F(0.3, 0, 1, unit="share", source=WALTER,
                                  doc="Share of a broken promise a full third-party guarantor (levers.offer.guarantor 1) makes up for")
    weight_power_sharing: float = F(2.2, 0, 8, unit="utility",
                                    source=f"Hartzell & Hoddie 2003; Brancati & Snyder 2013; Fortna 2008 (direction); {FITTED}",
                                    doc="Value to a group under a deal, judging it again at an election, of power it can "
                                        "wholly count on: the government posts held by included factions other than the "
                                        "incumbent's, and of the rest the share a peacekeeping mission and a guarantor "
                                        "secure (Bargaining.secured_power)")
    grace_months: int = F(12, 1, 60, unit="months",
                          doc="Months after a deal before unfilled integration places count as a broken promise")
    ddr_timetable_months: float = F(36.0, 6, 120, unit="months", source="Walter 2002 (direction); value assumed",
                                    doc="Months in which a deal's fighters expect to have entered cantonment: one "
                                        "still waiting after that counts as a promise broken (the pace kept is the "
                                        "share processed over the share due by now)")
    arrest_months: int = F(12, 1, 60, unit="months",
                           doc="Months an arrest of a group's leaders counts as a broken promise")
    # Splits and breakdowns (7.4).
    split_chance: float = F(0.5, 0, 1, unit="probability", source="Cunningham 2006 (direction); value assumed",
                            doc="Chance that a deal splits a group whose leaders believe it will not be honoured at all "
                                "(times one minus the belief)")
    hardliner_share: float = F(0.3, 0.05, 0.9, unit="share", source="Cunningham 2006 (direction); value assumed",
                               doc="Share of a split group's armed fighters who refuse the deal and fight on")
    breakdown_belief: float = F(0.2, 0, 0.5, unit="probability", source="Themnér 2011; Daly 2016 (direction); value assumed",
                                doc="Belief below which a group that made a deal takes up arms again")
    recall: float = F(0.33, 0, 1, unit="share", source=f"Themnér 2011; Daly 2016 (commanders' networks); {FITTED}",
                      doc="Chance that a former fighter with full tie to the commander answers the call to arms "
                          "(times its tie)")
    rearm_resources: float = F(0.3, 0, 1, unit="0-1", doc="Resources of a group that takes up arms again after a broken deal")
