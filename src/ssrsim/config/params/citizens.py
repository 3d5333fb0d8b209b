"""Parameters of the citizens: trust, perceived safety, remembered violence, and what they perceive
of violence and abuse."""

from __future__ import annotations

from ..fields import F, Strict


class CitizenParams(Strict):
    trust_up: float = F(0.02, 0.001, 1, study=(0.005, 0.08), unit="per month", source="004:54; 003:1630",
                        doc="Speed of trust gains (slow)")
    trust_down: float = F(0.15, 0.001, 1, study=(0.0375, 0.6), unit="per month", source="assumption: trust falls faster than it rises",
                          doc="Speed of trust losses (fast)")
    unemployment_weight: float = F(0.5, 0, 1, unit="0-1",
                                   source="003:646 (unemployment the gravest threat; value assumed)",
                                   doc="How much being unemployed lowers perceived security")
    exposure_decay: float = F(0.25, 0.01, 1, study=(0.0625, 1), unit="per month", doc="Fading of remembered violence")
    # Month 0: who the citizens are after the war.
    lean_shape_a: float = F(2.0, 0.5, 6, unit="beta shape", source="002:111 (direction); value assumed",
                            doc="First shape of the beta distribution of citizens' personal lean (history, "
                                "group, politics; war-time distrust): mean a / (a + b), 0.4 by default")
    lean_shape_b: float = F(3.0, 1, 9, unit="beta shape", source="002:111 (direction); value assumed",
                            doc="Second shape of the beta distribution of citizens' personal lean")
    exposure_shape_a: float = F(2.0, 0.5, 6, unit="beta shape",
                                doc="First shape of the beta distribution of remembered exposure to violence "
                                    "at month 0 (the war is fresh in memory): mean a / (a + b), a third by default")
    exposure_shape_b: float = F(4.0, 1, 12, unit="beta shape",
                                doc="Second shape of the beta distribution of remembered exposure at month 0")
    initial_trust_shape_a: float = F(9.0, 3, 27, unit="beta shape",
                                     doc="First shape of the beta draw that scales each citizen's month-0 trust "
                                         "below the month-0 judgement (trust has to be rebuilt after the war): "
                                         "mean a / (a + b), nine tenths by default")
    initial_trust_shape_b: float = F(1.0, 0.5, 3, unit="beta shape",
                                     doc="Second shape of the beta draw that scales month-0 trust")
    # Each month: jobs, perceived safety, judgement and trust.
    job_churn: float = F(0.05, 0.01, 0.2, unit="per month",
                         doc="Share of citizens who re-draw their employment each month (jobs churn toward "
                             "the local unemployment rate)")
    safety_perception_rate: float = F(0.2, 0.05, 0.6, unit="per month",
                                      doc="Speed at which perceived safety follows felt security (remembered "
                                          "violence, unemployment, quick wins)")
    perception_weight: float = F(0.5, 0, 1, unit="share", source="002:43",
                                 doc="Weight of perceived safety in a citizen's assessment of a service; what "
                                     "the service delivers for the citizen's group (its performance, the "
                                     "geometric mean of capacity and integrity, times the group's representation "
                                     "in it) weighs the rest")
    lean_weight: float = F(0.5, 0, 1, unit="share", source="002:111 (direction); value assumed",
                           doc="Weight of the personal lean in a citizen's judgement of a service; the "
                               "assessment (perception, performance, quick wins) weighs the rest")
    judgement_after_abuse: float = F(0.05, 0, 0.3, unit="trust 0-1",
                                     doc="Judgement of a service by a citizen who learns of an abuse by it this "
                                         "month (the target toward which trust then falls)")
    information_damping: float = F(0.5, 0, 1, unit="share", source="004:49 (direction); value assumed",
                                   doc="Share of the speed of trust losses that fully informing oversight bodies "
                                       "remove (expectation management): losses at trust_down x (1 - this x "
                                       "information)")
    trusting_threshold: float = F(0.5, 0.2, 0.8, unit="trust 0-1",
                                  source="004:54 (public confidence a benchmark); value assumed",
                                  doc="Trust at or above which a citizen counts as trusting a service, and the "
                                      "sector as a whole (mean over services): public confidence is the share "
                                      "trusting")
    # Perceptions of violence and abuse (SSRModel._perceptions, SSRModel.spoiler_activity).
    neighbour_deaths_weight: float = F(0.5, 0, 1, unit="share",
                                       doc="Weight of battle deaths in neighbouring provinces (spill-over links) "
                                           "in the violence a province's citizens feel")
    felt_deaths_scale: float = F(5.0, 1, 15, unit="battle deaths / month",
                                 doc="Felt battle deaths at which local insecurity from deaths alone reaches "
                                     "1 - 1/e (insecurity = 1 - exp(-deaths / this) x exp(-intimidation))")
    intimidation_fighters: float = F(500.0, 150, 1500, unit="armed spoiler fighters",
                                     doc="Armed spoiler fighters in a province whose presence alone makes local "
                                         "insecurity 1 - 1/e (intimidation = fighters / this)")
    abuse_learning: float = F(0.01, 0.003, 0.03, unit="per abuse",
                              doc="Rate at which a service's abuses in a province reach each citizen there, "
                                  "before media amplify it: chance 1 - exp(-this x abuses x (1 + media) x "
                                  "(1 + the service's bias against the citizen's group))")
    violence_share_follow: float = F(0.3, 0.1, 0.9, unit="per month",
                                     doc="Speed at which the map of where violence is (used to deploy the "
                                         "forces) follows the provinces' share of this month's battle deaths")
    violence_share_return: float = F(0.1, 0.03, 0.3, unit="per month",
                                     doc="Speed at which the map of where violence is drifts back to the "
                                         "population once the trailing window holds no battle deaths")
    spoiler_activity_deaths: float = F(25.0, 5, 100, unit="battle deaths / window",
                                       doc="Trailing battle deaths at which spoiler activity, as donors perceive "
                                           "it, reaches 1 - 1/e (activity = 1 - exp(-deaths / this))")
    # Meetings with the services (procedural justice: docs/model.md §8.2).
    contact_army: float = F(0.005, 0.001, 0.05, unit="per month",
                            doc="Chance a citizen meets the army in a month (rarely, away from operations)")
    contact_police: float = F(0.05, 0.005, 0.3, unit="per month",
                              source="Afrobarometer Round 6 (contact with the police is common); value assumed",
                              doc="Chance a citizen meets the police in a month")
    contact_gendarmerie: float = F(0.02, 0.005, 0.15, unit="per month",
                                   doc="Chance a citizen meets the gendarmerie in a month")
    misconduct_per_predation: float = F(1.0, 0.3, 2, unit="share per unit of predation",
                                        source="Afrobarometer Round 6 / Transparency International 2013 (about a "
                                               "third of those in contact with the police paid a bribe); value "
                                               "assumed",
                                        doc="Chance that a meeting with a service goes badly (an abuse or a "
                                            "bribe), per unit of the service's predation (0-1), before its bias "
                                            "against the citizen's group")
    fair_meeting_lift: float = F(0.2, 0, 1, unit="share", source="Skogan 2006 (bad encounters with the police weigh "
                                                                 "several times more than good ones); value assumed",
                                 doc="After a fair meeting, how far the citizen's judgement of the service moves "
                                     "toward full trust for the month (a bad one sets it to judgement_after_abuse)")
    female_share: float = F(0.5, 0.4, 0.6, unit="share", doc="Share of women among the sampled citizens")
    few_women_penalty: float = F(0.5, 0, 2, unit="relative increase", source="003:846 (direction); value assumed",
                                 doc="How much more often a meeting goes badly for a woman where the service has "
                                     "no women, falling linearly to none at params.forces.women_critical_share")
    credibility_decay: float = F(0.125, 0.005, 0.15, study=(0.03125, 0.15), unit="per month of full quick wins",
                                 source="004:101 (quick wins build credibility in the short run); value "
                                        "assumed: halves it in about two years at the baseline's quick wins",
                                 doc="Fading of the credibility quick wins lend: a month of quick wins lends "
                                     "quick_win x exp(-this x quick wins received so far)")
    credibility_conduct_weight: float = F(1.0, 0, 1, unit="share",
                                          source="trust follows conduct: 004:54 (direction); quick wins can "
                                                 "legitimise corrupt, unprofessional organisations: 004:99; "
                                                 "value assumed",
                                          doc="How far the credibility quick wins lend a service is bounded by "
                                              "its conduct: the service's share is credibility x (1 - this + "
                                              "this x its integrity); 0 lends every service the full credibility "
                                              "whatever its conduct")
