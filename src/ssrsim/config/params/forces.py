"""Parameters of the security forces: reform, abuses, pay, deterrence."""

from __future__ import annotations

from ..fields import F, Strict


class ForceParams(Strict):
    reform_rate: float = F(0.02, 0.0001, 0.3, study=(0.005, 0.08), unit="per month", source="002:55 (slow pace)",
                           doc="Speed of capacity and integrity toward their targets")
    capacity_half_saturation: float = F(5.0, 0.01, 1000, study=(1.25, 20), unit="US$ million / year",
                                        doc="Capacity spending giving half the attainable gain")
    abuse_rate: float = F(0.0008, 0, 0.1, study=(0.0002, 0.0032), unit="abuses per member-month at worst",
                          doc="Abuses by an unchecked, unpaid, predatory force")
    pay_cost: float = F(0.0012, 0, 1, study=(0.0003, 0.0048), unit="US$ million / member-year",
                        doc="Annual pay per member at full adequacy")
    deterrence_per_peacekeeper: float = F(0.23, 0, 10, study=(0.0575, 0.92), unit="soldier-equivalents",
                                            source="003:124 (direction); value calibrated to Collier, Hoeffler & Söderbom 2008 and Suhrke & Samset 2007 (docs/validation.md)")
    initial_cohesion: float = F(0.8, 0, 1, unit="0-1",
                                doc="Cohesion of every service at the start of a run")
    pay_adjustment_rate: float = F(0.1, 0.03, 0.3, unit="per month", source="004:74; 004:78 (direction); value assumed",
                                   doc="Speed at which a service's pay adequacy follows the budget's pay ratio")
    capacity_floor: float = F(0.1, 0, 0.15, unit="0-1",
                              doc="National capacity a service tends to without any reform money "
                                  "(capacity_floor + capacity_gain must stay at most 1)")
    capacity_gain: float = F(0.85, 0.3, 0.85, unit="0-1",
                             doc="National capacity added by saturating reform money with full pay and full "
                                 "political will")
    capacity_gain_unpaid: float = F(0.4, 0, 1, unit="share",
                                    doc="Share of money's capacity gain obtained by an unpaid service; the rest "
                                        "grows linearly with pay adequacy (weight 1 - this)")
    absorption_without_will: float = F(0.3, 0, 1, unit="share", source="003:478 (direction); value assumed",
                                       doc="Share of reform money turned into national institutions without "
                                           "political will; the rest grows linearly with will (weight 1 - this)")
    donor_build_speedup: float = F(3.0, 1, 9, unit="multiple of reform_rate",
                                   doc="How much faster donor-implemented capacity grows than national capacity")
    integrity_floor: float = F(0.05, 0, 0.1, unit="0-1",
                               doc="Integrity a service tends to with no sanctions, governance money, pay or "
                                   "civilian control (integrity_floor + integrity_gain must stay at most 1)")
    integrity_gain: float = F(0.9, 0.3, 0.9, unit="0-1",
                              doc="Integrity added when all four drivers are at their best and nothing is co-opted")
    integrity_sanction_weight: float = F(0.35, 0, 1, unit="weight", source="003:585; 000:43 (direction); value assumed",
                                         doc="Weight of the sanction rate among integrity's drivers "
                                             "(the four integrity weights sum to 1 by default)")
    integrity_governance_weight: float = F(0.2, 0, 1, unit="weight",
                                           doc="Weight of the governance level (governance money) among integrity's drivers")
    integrity_pay_weight: float = F(0.25, 0, 1, unit="weight",
                                    doc="Weight of pay adequacy among integrity's drivers")
    integrity_civilian_control_weight: float = F(0.2, 0, 1, unit="weight", source="000:13 (direction); value assumed",
                                                 doc="Weight of civilian control among integrity's drivers")
    co_optation_integrity_loss: float = F(0.5, 0, 1, unit="share", source="004:99 (direction); value assumed",
                                          doc="Share of the integrity target lost under full co-optation of predatory actors")
    polarisation_cohesion_loss: float = F(0.7, 0, 1, unit="share",
                                          source="004:7; Montalvo & Reynal-Querol 2005 (direction); value assumed",
                                          doc="Cohesion lost in a service split into two equal blocs (polarisation 1) "
                                              "with no integrity: the old service and each faction integrated")
    treatment_cohesion_loss: float = F(0.5, 0, 1, unit="share", source="004:78 (direction); value assumed",
                                       doc="Cohesion lost per unit of integrated soldiers' mean grievance, times "
                                           "their share of the service (how they are treated: pay, posts)")
    purge_cohesion_loss: float = F(0.5, 0, 1, unit="share", source="Roessler 2016 (direction); value assumed",
                                   doc="Cohesion lost per unit share of a service's units being purged")
    split_cohesion: float = F(0.45, 0, 1, unit="0-1", source="ICG 2017 (Burundi 2015; direction); value assumed",
                              doc="Cohesion below which a service can split along factional lines")
    split_rate: float = F(0.1, 0, 1, unit="probability / month",
                          doc="Monthly chance of a split in a service with no cohesion (times the shortfall "
                              "below split_cohesion, as a share of it)")
    split_defection_share: float = F(0.5, 0, 1, unit="share",
                                     doc="Share of the aggrieved integrated soldiers (grievance above "
                                         "coup_defection_grievance) of the most aggrieved faction who leave with a split")
    cohesion_rate: float = F(0.05, 0.015, 0.15, unit="per month",
                             doc="Speed of cohesion toward its target")
    predation_base: float = F(-1.5, -4.5, 1.5, unit="logit", source="003:709 (direction); value assumed",
                              doc="Log-odds of predation of a paid, clean, unchecked service without rents")
    predation_pay_weight: float = F(3.0, 1, 9, unit="logit", source="003:709 (direction); value assumed",
                                    doc="Weight of missing pay (1 - pay adequacy) on predation")
    predation_corruption_weight: float = F(2.0, 0.7, 6, unit="logit", source="003:709 (direction); value assumed",
                                           doc="Weight of government corruption on predation")
    predation_rents_weight: float = F(2.0, 0.7, 6, unit="logit", source="003:709 (direction); value assumed",
                                      doc="Weight of illicit rents on predation")
    predation_integrity_weight: float = F(3.5, 1.2, 10.5, unit="logit", source="003:709 (direction); value assumed",
                                          doc="Weight of integrity against predation")
    predation_oversight_weight: float = F(2.0, 0.7, 6, unit="logit", source="003:709 (direction); value assumed",
                                          doc="Weight of oversight capacity against predation")
    abuse_base_predation: float = F(0.2, 0.05, 0.6, unit="0-1 (added to predation)",
                                    doc="Abuse propensity of a service with no predation, added to its predation")
    abuse_capacity_gap_weight: float = F(2.0, 0, 6, unit="per unit of capacity - integrity",
                                         source="002:59 (direction); value assumed",
                                         doc="Extra abuses per unit of capacity running ahead of integrity "
                                             "(abuses are multiplied by 1 + this x gap)")
    abuse_oversight_reduction: float = F(0.5, 0, 1, unit="share",
                                         doc="Share of abuses prevented by fully capable oversight")
    size_adjustment_rate: float = F(0.004, 0.001, 0.012, unit="per month",
                                    doc="Attrition and recruitment: share of the gap to the planned size closed each month")
    army_violence_deployment: float = F(0.5, 0, 1, unit="share",
                                        doc="Share of the army deployed by violence rather than by population")
    coup_defection_grievance: float = F(0.4, 0, 1, unit="grievance 0-1",
                                        doc="Grievance above which an integrated soldier may defect after a coup attempt")
    coup_defection_share: float = F(0.5, 0, 1, unit="share",
                                    doc="Share of aggrieved integrated soldiers who defect after a coup attempt")
    coup_patron_windfall: float = F(0.3, 0, 1, unit="0-1",
                                    doc="Share of the way to full resources that a coup attempt brings its patron spoiler")
    women_critical_share: float = F(0.3, 0.1, 0.5, unit="share", source="Kanter 1977 (critical mass); value assumed",
                                    doc="Share of women in a service at which women citizens meet it, and report "
                                        "abuse to the police, as men do")
    women_recruitment_rate: float = F(0.01, 0.002, 0.05, unit="per month",
                                      doc="Speed at which a service's share of women follows levers.forces.women_share "
                                          "(personnel turn over slowly)")
