"""Parameters of the spoilers: attacks, recruitment, resources."""

from __future__ import annotations

from ..fields import F, Strict
from .provenance import CALIBRATED


class SpoilerParams(Strict):
    attack_base: float = F(-6.9, -20, 5, study=(-9.9, -3.9), unit="logit / month", source=CALIBRATED,
                           doc="Baseline log-odds that a spoiler's force in a province engages")
    attack_strength: float = F(1.14, 0, 10, unit="logit per log force ratio", source=CALIBRATED,
                           doc="Weight of the spoiler/deterrence ratio on engaging")
    deaths_per_clash: float = F(0.85, 0, 5, unit="deaths per sqrt(fighters)", source=CALIBRATED,
                                doc="Scale of a clash's battle deaths")
    min_fighters: int = F(25, 1, 10000, study=(6, 100), unit="fighters",
                          doc="Smallest local group able to mount an attack")
    youth_recruitment: float = F(2.0, 0, 200, study=(0.5, 8), unit="recruits / month at full pull",
                                 source="003:675; 003:132",
                                 doc="Youth recruited per province per month at full pull")
    resource_rate: float = F(0.03, 0, 1, study=(0.0075, 0.12), unit="per month", doc="Speed of resource change")
    fighters_per_resource: float = F(2000.0, 1, 1000000, study=(500, 8000), unit="fighters at full resources",
                                     doc="Fighters a spoiler can arm and feed at resources 1")
    reform_threat: float = F(0.6, 0, 1, unit="0-1", source="001:11; 002:63",
                             doc="How much accountability threatens elite spoilers")

    # Presence
    elite_reach: float = F(0.5, 0, 1, unit="presence 0-1",
                           doc="Presence in every province of an elite spoiler without home provinces "
                               "(patronage reaches everywhere)")
    neighbour_presence: float = F(0.5, 0, 1, unit="share of presence",
                                  doc="Share of a spoiler's presence spread over the province network to "
                                      "the provinces next door")

    # Resources (Spoiler.step)
    criminal_accountability_cut: float = F(0.6, 0, 1, unit="0-1",
                                           source="003:1084 (direction); value assumed",
                                           doc="Share of a criminal spoiler's rents lost at full accountability")
    criminal_effectiveness_cut: float = F(0.5, 0, 1, unit="0-1", source="003:1084 (direction); value assumed",
                                          doc="Share of a criminal spoiler's rents lost where forces are fully "
                                              "effective")
    elite_base_resistance: float = F(0.4, 0, 1, unit="resources per unit of fear",
                                     source="001:11; 002:63 (direction); value assumed",
                                     doc="Resources elites who fear prosecution put into resistance before "
                                         "accountability threatens them (reform_threat x accountability adds to it)")
    elite_cohesion_cut: float = F(0.5, 0, 1, unit="0-1",
                                  doc="Share of elite spoilers' resources withheld when elites are fully cohesive")
    holdout_regional_weight: float = F(0.6, 0, 1, unit="0-1",
                                       doc="Weight of regional support (docs/model.md §10.3) in an armed holdout's "
                                           "resources; illicit rents have the rest")
    holdout_effectiveness_cut: float = F(0.5, 0, 1, unit="0-1",
                                         doc="Share of an armed holdout's resources lost where forces are "
                                             "fully effective")
    cross_border_backing: float = F(0.3, 0, 1, unit="0-1 per unit of regional support",
                                    source="003:87 (direction); value assumed",
                                    doc="Share of the gap to full resources that cross-border backing closes, "
                                        "times regional support, for every spoiler")

    # Clashes (resolve_clashes)
    deterrence_fighter_equivalent: float = F(0.02, 0.005, 0.1, unit="fighters per soldier-equivalent",
                                             doc="Spoiler fighters offset by one soldier-equivalent of deterrence "
                                                 "in the local force ratio (0.02: 50 soldier-equivalents offset "
                                                 "one fighter)")
    attack_resources: float = F(1.5, 0, 5, unit="logit per unit of resources",
                                doc="Weight of a spoiler's resources on engaging")
    attack_election: float = F(0.8, 0, 3, unit="logit",
                               doc="Rise in a spoiler's log-odds of engaging during election tension")
    ceasefire_restraint: float = F(3.0, 0, 10, unit="logit",
                                   doc="Fall in a spoiler's log-odds of engaging while a ceasefire holds; it "
                                       "does not disarm it, so violations still happen (3: about a twentieth "
                                       "of the usual rate)")
    spoiler_casualty_bias: float = F(0.4, -2, 2, unit="logit",
                                     doc="Log-odds added to the spoiler side's share of a clash's dead, beyond "
                                         "the local force ratio")
    casualty_resource_loss: float = F(0.02, 0, 0.2, unit="0-1 per local force lost",
                                      doc="Share of the way to 0 a spoiler's resources move in a clash, times "
                                          "the share of its local force killed")
    clash_report_deaths: int = F(10, 1, 1000, study=(3, 40), unit="deaths",
                                 doc="Reporting threshold: clashes with at least this many deaths are logged "
                                     "as events")
