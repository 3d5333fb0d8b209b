"""Parameters of atrocity risk and of the national architecture that prevents it (docs/model.md §11).

Whom one-sided violence strikes (targeting by identity), the killings of militias under
repression, and how the prevention levers act: a human-rights commission's reach into the forces
(000:43), early warning linked to a response, and human-rights and IHL training. No study measures
the size of these effects: their values are assumed."""

from __future__ import annotations

from ..fields import F, Strict

HARFF = "Harff 2003 (exclusionary ideology; direction); value assumed"


class AtrocityParams(Strict):
    targeting: float = F(3.0, 0, 10, unit="x", source=HARFF,
                         doc="How much more often one-sided violence strikes a member of a suspect group: the state "
                             "and militias suspect the groups the armed opposition's fighters come from, armed "
                             "groups the groups other than their own (weight 1 + this x suspicion)")
    ideology_cut: float = F(0.8, 0, 1, unit="share", source="001:35-36 (Tanzania; direction); value assumed",
                            doc="Share of the targeting an inclusive national ideology removes at full strength")
    law_cut: float = F(0.5, 0, 1, unit="share", source="001:37 (direction); value assumed",
                       doc="Share of the targeting a non-discrimination law removes at full strength")
    militia_killing: float = F(0.002, 0, 0.02, unit="civilians killed / armed militia member-month at full repression",
                               source="UN Framework of Analysis 2014 (capacity: militias and arms; direction); "
                                      "value assumed",
                               doc="Civilians killed by an included faction's armed wing (its militia or youth "
                                   "league) when the government represses, where its members live")
    coup_memory_months: int = F(60, 12, 240, unit="months",
                                source="Early Warning Project (coup attempt in the last five years)",
                                doc="Months a coup attempt counts in the risk-factor panel")


class PreventionParams(Strict):
    commission_reporting: float = F(0.6, 0, 1, unit="share", source="000:43 (direction); value assumed",
                                    doc="Share of the abuses not otherwise reported that a commission with full "
                                        "reach reports")
    commission_investigation: float = F(0.6, 0, 1, unit="share", source="000:43 (direction); value assumed",
                                        doc="Share of the reported abuses the police leave uninvestigated that a "
                                            "commission with full reach investigates (accountability from within)")
    elite_resistance: float = F(0.5, 0, 1, unit="share", source="001:11 (direction); value assumed",
                                doc="Share of a commission's reach lost when the incumbent fully fears prosecution")
    sanction_deterrence: float = F(5.0, 0, 20, unit="x sanction rate",
                                   source="000:43; 001:37 (non-impunity lowers atrocity risk; direction); value assumed",
                                   doc="How much the chance that an abuse is sanctioned restrains killing under "
                                       "repression (killing x (1 - this x sanction rate), at least 0)")
    commission_repression_cost: float = F(1.0, 0, 4, unit="utility", source="000:43 (direction); value assumed",
                                          doc="Cost of repression to the incumbent at full commission reach")
    warning_deaths: int = F(10, 1, 1000, study=(3, 40), unit="civilians killed / month",
                            doc="One-sided deaths against one group in a month that an early-warning system "
                                "watches for")
    warning_repression_cost: float = F(2.0, 0, 6, unit="utility", source="001:34 (direction); value assumed",
                                       doc="Cost of repression to the incumbent while a warning stands (the national "
                                           "focal point and partners respond)")
    warning_months: int = F(12, 1, 60, unit="months", doc="Months a warning stands; no new warning meanwhile")
    training_rate: float = F(0.05, 0.005, 0.5, unit="per month",
                             doc="Speed at which the trained share of each service follows the training lever")
    training_restraint: float = F(0.3, 0, 1, unit="share",
                                  source="000:35 (laws of war put into practice; direction); value assumed",
                                  doc="Share of killing under repression that fully trained personnel refuse")
    commission_cost: float = F(1.5, 0, 50, study=(0.375, 6), unit="US$ million / year at full level",
                               doc="Budget of a human-rights commission with full reach (assumed)")
    early_warning_cost: float = F(0.5, 0, 50, study=(0.125, 2), unit="US$ million / year at full level",
                                  doc="Budget of an early-warning system with a national focal point (assumed)")
    training_cost: float = F(2.0, 0, 50, study=(0.5, 8), unit="US$ million / year at full level",
                             doc="Budget of human-rights and IHL training for every service (assumed)")
