"""Parameters of the political settlement: the elite factions' grievance, the incumbent's choice,
coups decided by the balance of units, and what excluded factions do (docs/model.md §6)."""

from __future__ import annotations

from ..fields import F, Strict

ROESSLER = "Roessler 2016; Svolik 2012 (direction); value assumed"


class SettlementParams(Strict):
    # Power and grievance (6.1).
    weight_government: float = F(0.35, 0, 1, unit="weight", source="Hartzell & Hoddie 2003 (two dimensions); value assumed",
                                  doc="Weight of posts in government in a faction's power")
    weight_military: float = F(0.35, 0, 1, unit="weight", source="Hartzell & Hoddie 2003 (two dimensions); value assumed",
                                doc="Weight of senior military posts in a faction's power")
    weight_rents: float = F(0.3, 0, 1, unit="weight", source="Khan 2010; de Waal 2015 (direction); value assumed",
                            doc="Weight of its rent share in a faction's power (the three weights are normalised)")
    grievance_rate: float = F(0.1, 0.02, 0.5, unit="per month", doc="Speed at which a faction's grievance follows its target")
    exclusion_grievance: float = F(0.4, 0, 1, unit="0-1", source="Call 2012; Cederman, Wimmer & Min 2010 (direction); value assumed",
                                   doc="Grievance added by exclusion from power")
    repression_grievance: float = F(0.3, 0, 1, unit="0-1", source="Davenport 2007 (direction); value assumed",
                                    doc="Grievance added to the other factions at full repression")
    term_limit_grievance: float = F(0.3, 0, 1, unit="0-1",
                                    doc="Share of the way to full grievance that a term-limit bid moves every other faction")
    term_limit_grievance_entrenched: float = F(1.0, 0, 1, unit="0-1",
                                               source="Arusha Protocol II, Art. 7(3) (direction); value assumed",
                                               doc="The same for a faction entrenched by the agreement the bid overrides "
                                                   "(1: all the way)")
    # When the incumbent chooses (6.3).
    review_months: int = F(6, 1, 24, unit="months", doc="Months between the incumbent's periodic reviews of the settlement")
    protest_confidence: float = F(0.3, 0.1, 0.6, unit="share of citizens",
                                  doc="Public confidence below which a fall in legitimacy brings protests (a trigger)")
    attack_trigger_deaths: int = F(25, 1, 500, study=(6, 100), unit="battle deaths / month", doc="Battle deaths in a month that trigger a choice")
    # What each option changes (6.3).
    share_step: float = F(0.1, 0.02, 0.3, unit="share", source="Hartzell & Hoddie 2003 (direction); value assumed",
                          doc="Share of posts (government and military) the incumbent hands a faction when it shares power")
    co_opt_step: float = F(0.1, 0.02, 0.3, unit="share of the rent pool", source="Khan 2010 (direction); value assumed",
                           doc="Rent share the incumbent hands a faction it co-opts")
    purge_share: float = F(0.5, 0.1, 1, unit="share", source=ROESSLER,
                           doc="Share of an excluded faction's loyal units the incumbent purges (over the following months)")
    purge_rate: float = F(0.1, 0.02, 0.5, unit="per month", doc="Speed of a purge")
    repression_months: int = F(6, 1, 24, unit="months", doc="Months a decision to repress holds")
    # The incumbent's payoffs (6.3).
    weight_power_kept: float = F(3.0, 0.5, 10, unit="utility per share of power",
                                 source="Khan 2010; de Waal 2015 (direction); value assumed",
                                 doc="Weight of the power the incumbent keeps: its posts and its rents (valued "
                                     "against the first month's rent pool), weighted as a faction's power")
    weight_threat: float = F(3.0, 0, 10, unit="utility per unit of threat", source=ROESSLER,
                             doc="Weight of the threat of losing office within a year")
    weight_prosecution: float = F(2.0, 0, 6, unit="x threat", source="001:11 (direction); value assumed",
                                  doc="How much fear of prosecution (times the justice chain's reach) multiplies the threat")
    cost_oversight: float = F(1.0, 0, 4, unit="utility", source="003:585 (direction); value assumed",
                              doc="Cost of repression per unit of oversight capacity")
    cost_donors: float = F(1.0, 0, 4, unit="utility", source="de Waal 2015 (direction); value assumed",
                           doc="Cost of repression per unit of donors' conditionality")
    cost_mission: float = F(1.0, 0, 4, unit="utility", source="Fortna 2008 (checking political abuse; direction); value assumed",
                            doc="Cost of repression at full mission presence")
    exclusion_cost_share: float = F(0.5, 0, 1, unit="share",
                                    doc="Share of repression's donor and mission costs that exclusion pays")
    repression_electoral_cut: float = F(0.5, 0, 1, unit="share", source="Davenport 2007 (direction); value assumed",
                                        doc="Share of the electoral threat repression removes")
    choice_sensitivity: float = F(10.0, 1, 30, unit="per utility",
                                  doc="Logit sensitivity of the incumbent's choice to its payoffs (0: random)")
    # Coups (6.4).
    coup_base: float = F(-8.5, -16, -6, unit="logit / month", source="Powell & Thyne 2011 (2-5% a year after civil wars); value set by hand (docs/validation.md §1, seventh round)",
                         doc="Baseline log-odds that a faction with loyal units and no grievance strikes in a month")
    coup_grievance: float = F(2.0, 0, 10, unit="logit", source=ROESSLER, doc="Weight of a faction's grievance on striking")
    coup_odds: float = F(10.0, 0, 20, unit="logit", source=ROESSLER,
                         doc="Weight on striking of the faction's estimated chance of success (0-1) times its grievance")
    coup_weight_army: float = F(1.0, 0.2, 1, unit="weight", doc="Weight of an army unit in the balance of a coup")
    coup_weight_gendarmerie: float = F(0.6, 0, 1, unit="weight", doc="Weight of a gendarmerie unit in the balance")
    coup_weight_police: float = F(0.3, 0, 1, unit="weight", doc="Weight of a police unit in the balance")
    professional_defection: float = F(0.6, 0, 1, unit="probability at no civilian control",
                                      source="000:13 (civilian control; direction); value assumed",
                                      doc="Chance a professional unit sides with the plotters, times (1 - civilian control)")
    defection_pay_weight: float = F(0.5, 0, 1, unit="share", source="004:78 (unpaid forces; direction); value assumed",
                                    doc="How much of professional defection depends on the army's pay shortfall "
                                        "(x ((1 - this) + this x (1 - pay adequacy)))")
    defection_cohesion_weight: float = F(0.5, 0, 1, unit="share", source="004:7 (direction); value assumed",
                                         doc="Extra defection of professional units in an army without cohesion "
                                             "(x (1 + this x (1 - army cohesion)))")
    defender_turnout: float = F(0.3, 0.3, 1, unit="share",
                                source="Powell & Thyne 2011 (about half of attempts succeed; the model's share is lower); "
                                       "value set by hand (docs/validation.md §1, eighth round)",
                                doc="Share of the incumbent's loyal units that turn out in time to defend it: plotters "
                                    "who strike first have the edge")
    unit_size: int = F(500, 100, 2000, unit="personnel", doc="Personnel per unit when units take sides in a coup")
    purge_after_coup: float = F(0.7, 0.2, 1, unit="share", source=ROESSLER,
                                doc="Share of a failed plotter's loyal units purged at once")
    purged_take_up_arms: float = F(0.6, 0, 1, unit="share",
                                   source="Roessler 2016; ICG 2017 (direction); calibrated (docs/validation.md)",
                                   doc="Share of the personnel of a failed plotter's purged units who leave their "
                                       "service and take up arms with the plotters' armed group or an elite spoiler")
    # Excluded factions (6.5).
    rebellion_threshold: float = F(0.4, 0.1, 0.9, unit="grievance 0-1", source="Roessler 2016; Call 2012 (direction); value assumed",
                                   doc="Grievance above which an excluded faction boycotts, backs its armed group and may re-arm")
    boycott_legitimacy: float = F(0.15, 0, 0.5, unit="0-1", doc="Fall in legitimacy when a faction boycotts an election")
    backing: float = F(0.6, 0, 1, unit="resources 0-1 at full grievance",
                       doc="How far an excluded, aggrieved faction raises its armed group's resources")
    rearm_base: float = F(-6.0, -10, -2, unit="logit / month", doc="Baseline log-odds that an excluded faction re-arms in a month")
    rearm_grievance: float = F(5.0, 0, 10, unit="logit", source=ROESSLER, doc="Weight of grievance on re-arming")
    rebellion_half_fighters: float = F(1000.0, 100, 10000, unit="fighters",
                                       doc="Armed fighters at which a faction's capacity to rebel counts one half")
    # Rents (6.2).
    aid_capture: float = F(0.1, 0, 0.5, unit="share of aid disbursed", source="de Waal 2015 (direction); value assumed",
                           doc="Share of donor money disbursed that elites capture as rents")
    suspension_after_repression: int = F(6, 0, 24, unit="months",
                                         doc="Months a donor suspends aid when it reacts to repression (with chance its conditionality)")
