"""Parameters of the fighters: grievance, livelihood and the pull back to arms."""

from __future__ import annotations

from ..fields import F, Strict
from .provenance import CALIBRATED


class FighterParams(Strict):
    grievance_rate: float = F(0.08, 0.001, 1, study=(0.02, 0.32), unit="per month",
                              doc="Speed at which grievance moves toward its status target")
    waiting_grievance: float = F(0.85, 0, 1, unit="0-1", source="004:77; 000:12; 003:132",
                                 doc="Grievance target of a demobilised fighter with no programme")
    remobilization_base: float = F(-7.54, -20, 5, study=(-10.54, -4.54), unit="logit / month", source=CALIBRATED,
                           doc="Baseline log-odds of remobilising per month")
    remobilization_grievance: float = F(4.5, 0, 20, unit="logit", source="003:132",
                                        doc="Weight of grievance on remobilisation")
    remobilization_livelihood: float = F(3.0, 0, 20, unit="logit", source="000:12",
                                         doc="Weight of livelihood (a 'place') against remobilisation")
    remobilization_tie: float = F(1.5, 0, 20, unit="logit", doc="Weight of the commander tie")
    livelihood_rate: float = F(0.06, 0.001, 1, study=(0.015, 0.24), unit="per month",
                               doc="Speed at which livelihood moves toward its target")
    # Grievance each status drifts toward (ordering from 000:12, 004:77: waiting without a programme
    # is worst, a completed programme or a paid post is best). The waiting fighter's target is
    # ``waiting_grievance``; an integrated fighter's follows its pay (``integrated_grievance_*``).
    combatant_grievance: float = F(0.5, 0, 1, unit="0-1", source="000:12; 004:77 (ordering); value assumed",
                                   doc="Grievance target of a combatant not yet in the programme")
    cantonment_grievance: float = F(0.3, 0, 1, unit="0-1", source="000:12; 004:77 (ordering); value assumed",
                                    doc="Grievance target of a fighter in cantonment")
    poor_cantonment_grievance: float = F(0.8, 0, 1, unit="0-1",
                                        source="Knight & Özerdem 2004 (direction); value assumed",
                                        doc="Grievance target in a cantonment site with no upkeep paid and no room "
                                            "(good conditions: cantonment_grievance)")
    programme_grievance: float = F(0.25, 0, 1, unit="0-1", source="000:12; 004:77 (ordering); value assumed",
                                   doc="Grievance target of a fighter in a funded reintegration programme")
    reintegrated_grievance: float = F(0.15, 0, 1, unit="0-1", source="000:12; 004:77 (ordering); value assumed",
                                      doc="Grievance target of a fighter who completed a reintegration programme")
    remobilized_grievance: float = F(0.6, 0, 1, unit="0-1", source="000:12; 004:77 (ordering); value assumed",
                                     doc="Grievance target of a fighter back under arms for a spoiler")
    hardship_grievance_weight: float = F(0.2, 0, 0.6, unit="share", source="003:675 (direction); value assumed",
                                         doc="Weight of local youth unemployment in every grievance target (the "
                                             "status target keeps 1 minus this weight)")
    reinsertion_grievance: float = F(0.4, 0, 1, unit="0-1",
                                     doc="Grievance target of a recently discharged fighter whose reinsertion "
                                         "support is fully paid (unpaid: waiting_grievance)")
    integrated_grievance_floor: float = F(0.1, 0, 0.5, unit="0-1", source="004:78 (direction); value assumed",
                                          doc="Grievance target of an integrated fighter whose service pays fully")
    integrated_grievance_pay: float = F(0.7, 0, 0.9, unit="0-1", source="004:78 (direction); value assumed",
                                        doc="Grievance added to an integrated fighter's target per unit of pay "
                                            "shortfall (1 - pay adequacy)")
    # Livelihood each status drifts toward: a funded programme or a completed one gives a "place"
    # (000:12). An integrated fighter's livelihood is its service's pay adequacy.
    combatant_livelihood: float = F(0.3, 0, 1, unit="0-1",
                                    doc="Livelihood target of a combatant not yet in the programme")
    cantonment_livelihood: float = F(0.3, 0, 1, unit="0-1", doc="Livelihood target of a fighter in cantonment")
    waiting_livelihood: float = F(0.25, 0, 1, unit="0-1",
                                  doc="Livelihood target of a demobilised fighter waiting for a programme, "
                                      "before the local labour market's discount")
    programme_livelihood: float = F(0.85, 0, 1, unit="0-1", source="000:12 (direction); value assumed",
                                    doc="Livelihood target of a fighter in a funded reintegration programme, "
                                        "before the local labour market's discount")
    paused_programme_livelihood: float = F(0.3, 0, 1, unit="0-1",
                                           doc="Livelihood target of a programme participant whose month the fund "
                                               "did not pay, before the local labour market's discount")
    reintegrated_livelihood: float = F(0.75, 0, 1, unit="0-1", source="000:12 (direction); value assumed",
                                       doc="Livelihood target after a completed programme of full depth, before "
                                           "the local labour market's discount")
    reintegrated_livelihood_floor: float = F(0.4, 0, 1, unit="share", source="000:12 (direction); value assumed",
                                             doc="Share of reintegrated_livelihood kept after a programme of no depth")
    reintegrated_livelihood_support: float = F(0.6, 0, 1, unit="share", source="000:12 (direction); value assumed",
                                               doc="Share of reintegrated_livelihood added per unit of programme "
                                                   "depth (floor + this = 1 at full depth)")
    remobilized_livelihood: float = F(0.3, 0, 1, unit="0-1",
                                      doc="Livelihood target of a fighter back under arms for a spoiler")
    unemployment_livelihood_loss: float = F(0.5, 0, 1, unit="share", source="003:646 (direction); value assumed",
                                            doc="Livelihood lost outside a paid post per unit of local youth "
                                                "unemployment (labour-market discount 1 - this x unemployment)")
    # The commander tie.
    programme_tie: float = F(0.1, 0, 0.5, unit="0-1", source="003:132 (direction); value assumed",
                             doc="Commander tie that a programme, a completed programme or a paid post loosens "
                                 "a fighter's tie toward")
    tie_loosening_rate: float = F(0.03, 0.01, 0.1, unit="per month", source="003:132 (direction); value assumed",
                                  doc="Speed at which the commander tie loosens toward programme_tie")
    remobilization_pull: float = F(3.0, 0, 10, unit="logit",
                                   doc="Weight of the strongest local spoiler pull on remobilisation")
    remobilization_youth: float = F(0.5, 0, 2, unit="logit", source="003:132 (direction); value assumed",
                                    doc="Added log-odds of remobilisation for a youth")
    # The fighters at month 0 and the recruits who join later (beta distributions).
    initial_tie_concentration: float = F(4.0, 1, 12, unit="beta concentration",
                                         doc="Concentration of the beta draw of a fighter's commander tie around its "
                                             "faction's commander_tie (shapes 4 x tie + pseudo-count, "
                                             "4 x (1 - tie) + pseudo-count, with this as 4)")
    initial_tie_pseudocount: float = F(0.5, 0.1, 2, unit="beta shape",
                                       doc="Pseudo-count added to both shapes of the commander tie's beta draw "
                                           "(keeps some spread at a faction tie of 0 or 1)")
    initial_grievance_alpha: float = F(2.0, 0.5, 6, unit="beta shape",
                                       doc="First shape of the beta draw of a fighter's grievance at month 0 "
                                           "(mean alpha / (alpha + beta))")
    initial_grievance_beta: float = F(3.0, 1, 9, unit="beta shape",
                                      doc="Second shape of the beta draw of a fighter's grievance at month 0")
    initial_livelihood_alpha: float = F(2.0, 0.5, 6, unit="beta shape",
                                        doc="First shape of the beta draw of a fighter's livelihood at month 0")
    initial_livelihood_beta: float = F(5.0, 1.5, 15, unit="beta shape",
                                       doc="Second shape of the beta draw of a fighter's livelihood at month 0")
    youth_share: float = F(0.4, 0.1, 0.75, unit="share",
                           source="003:667 (more than 75% of West Africans under 30); value assumed",
                           doc="Share of youths among the fighters at month 0")
    recruit_tie_alpha: float = F(5.0, 1.5, 15, unit="beta shape",
                                 doc="First shape of the beta draw of a new recruit's commander tie")
    recruit_tie_beta: float = F(2.0, 0.5, 6, unit="beta shape",
                                doc="Second shape of the beta draw of a new recruit's commander tie")
    recruit_grievance_alpha: float = F(5.0, 1.5, 15, unit="beta shape",
                                       doc="First shape of the beta draw of a new recruit's grievance")
    recruit_grievance_beta: float = F(2.0, 0.5, 6, unit="beta shape",
                                      doc="Second shape of the beta draw of a new recruit's grievance")
    recruit_livelihood_alpha: float = F(1.0, 0.3, 3, unit="beta shape",
                                        doc="First shape of the beta draw of a new recruit's livelihood")
    recruit_livelihood_beta: float = F(6.0, 2, 18, unit="beta shape",
                                       doc="Second shape of the beta draw of a new recruit's livelihood")
