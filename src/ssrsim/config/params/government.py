"""Parameters of the government: political will, elections, repression, budget."""

from __future__ import annotations

from ..fields import KNOCK_OUT, F, Strict, held


class GovernmentParams(Strict):
    will_rate: float = F(0.03, 0.001, 1, study=(0.0075, 0.12), unit="per month", doc="Speed of will toward its drivers")
    election_shock: float = F(0.15, 0, 1, unit="0-1",
                              doc="Size of the political shock of an election")
    will_resistance_loss: float = F(0.6, 0, 1, unit="0-1", source="001:11; 004:75 (direction); value assumed",
                                    doc="Share of the lever's will lost at full elite resistance "
                                        "(elites fearing prosecution, or divided elites and elite spoilers)")
    legitimacy_lift: float = F(0.3, 0, 1, unit="0-1 per unit of legitimacy",
                               doc="Weight of legitimacy above the threshold in lifting will toward 1: "
                                   "the share of the gap to full will closed per unit of excess legitimacy")
    legitimacy_lift_threshold: float = F(0.5, 0, 1, unit="legitimacy 0-1",
                                         doc="Legitimacy above which reformers are emboldened beyond "
                                             "their starting commitment")

    # Elites' fear of prosecution
    fear_floor: float = F(0.2, 0, 1, unit="0-1",
                          doc="Elites' fear of prosecution when there is no accountability (target of fear)")
    fear_accountability_weight: float = F(0.7, 0, 1, unit="0-1", source="001:11 (direction); value assumed",
                                          doc="Weight of the accountability index in the target of elites' "
                                              "fear of prosecution (floor + weight should stay within 1)")
    fear_rate: float = F(0.01, 0.001, 0.1, unit="per month",
                         doc="Speed of elites' fear of prosecution toward its target")

    # Ownership
    initial_ownership: float = F(0.3, 0, 1, unit="share of political will",
                                 doc="National ownership at the start, as a share of political will")
    ownership_without_capacity: float = F(0.3, 0, 1, unit="share of political will",
                                          source="000:10 (direction); value assumed",
                                          doc="Ownership target, as a share of will, with no national capacity")
    ownership_capacity_weight: float = F(0.7, 0, 1, unit="share of political will",
                                         source="000:10 (direction); value assumed",
                                         doc="Weight of owned national capacity in the ownership target "
                                             "(with the term without capacity, should stay within 1)")
    substitution_ownership_loss: float = F(0.7, 0, 1, unit="0-1", source="003:1754 (direction); value assumed",
                                           doc="Share of the ownership target lost when donors implement "
                                               "all capacity work themselves (substitution level 1)")
    ownership_rate: float = F(0.02, 0.002, 0.2, unit="per month", doc="Speed of ownership toward its target")

    # Corruption
    corruption_accountability_cut: float = F(0.5, 0, 1, unit="0-1",
                                             doc="Share of baseline corruption removed at full accountability")
    corruption_co_optation_weight: float = F(0.4, 0, 1, unit="0-1",
                                             source="004:99 (direction); value assumed",
                                             doc="Weight of the co-optation of predatory actors in raising "
                                                 "corruption above its baseline (share of the room above it)")
    corruption_rate: float = F(0.01, 0.001, 0.1, unit="per month", doc="Speed of corruption toward its target")

    # Civilian control
    civilian_control_floor: float = F(0.1, 0, 1, unit="0-1",
                                      doc="Civilian control with no oversight or no will (target)")
    civilian_control_oversight_weight: float = F(0.8, 0, 1, unit="0-1",
                                                 source="000:13 (direction); value assumed",
                                                 doc="Weight of oversight x will in the civilian-control target "
                                                     "(with the floor, should stay within 1)")
    civilian_control_oversight_exponent: float = F(0.5, 0.25, 1, unit="exponent",
                                                   doc="Concavity of oversight's effect on civilian control "
                                                       "(oversight capacity is raised to this power; 0.5 is a "
                                                       "square root)")
    civilian_control_rate: float = F(0.01, 0.001, 0.1, unit="per month",
                                     doc="Speed of civilian control toward its target")

    # Legitimacy
    legitimacy_confidence_weight: float = F(0.5, 0, 1, unit="0-1", source="002:43 (direction); value assumed",
                                            doc="Weight of public confidence in the legitimacy target; "
                                                "perceived safety has the rest")
    legitimacy_rate: float = F(0.02, 0.002, 0.2, unit="per month", doc="Speed of legitimacy toward its target")

    # Repression
    repression_rate: float = F(0.05, 0.005, 0.5, unit="per month", doc="Speed of repression toward 1 or 0")

    # Budget (shares of the net budget, after leakage)
    pay_budget_cap: float = F(0.6, 0.2, 0.9, unit="share of net budget",
                              doc="Largest share of the net budget that goes to the forces' pay")
    oversight_budget_share: float = F(0.04, 0, 0.15, unit="share of net budget at full will",
                                      doc="Budget line for parliament and ombudsman, times political will")
    ddr_budget_share: float = F(0.03, 0, 0.15, unit="share of net budget at full will",
                                doc="Budget line deposited in the DDR fund while a caseload remains, "
                                    "times political will")
    reform_budget_share: float = F(0.15, 0, 0.4, unit="share of net budget at full ownership",
                                   source="002:95; 003:1675 (direction); value assumed",
                                   doc="Budget line an owning government spends on its own reform, "
                                       "times ownership")

    # Elections and coups
    election_tension_months: int = F(3, 0, 12, unit="months",
                                     doc="Months of election tension raising clash propensity: the "
                                         "election month and the months after it")
    coup_control_shock: float = F(0.6, 0, 1, unit="0-1",
                                  doc="Share of civilian control lost in a successful coup")
    failed_coup_control_shock: float = F(0.25, 0, 1, unit="0-1",
                                         doc="Share of civilian control lost in a failed coup attempt")
    coup_legitimacy_shock: float = F(0.4, 0, 1, unit="0-1",
                                     doc="Share of legitimacy lost in a successful coup")
    failed_coup_legitimacy_shock: float = F(0.15, 0, 1, unit="0-1",
                                            doc="Share of legitimacy lost in a failed coup attempt")
    coup_will_shock: float = F(0.5, 0, 1, unit="0-1",
                               doc="Share of political will lost in a successful coup")

    # Knock-outs of political will's channels (docs/validation.md §2): each None (reads will) or a
    # fixed will the channel is held at.
    will_fixed_reform_pace: float | None = F(
        None, 0, 1, unit="will 0-1", source=KNOCK_OUT,
        doc=held("Will read by the gate on the pace of reform: the forces' capacity and integrity rates and the "
                 "state oversight bodies' growth (SSRModel.will_gate)", "the government's political will",
                 "a model whose reform stops (a gate of 0) or runs at full will's pace (1)"))
    will_fixed_absorption: float | None = F(
        None, 0, 1, unit="will 0-1", source=KNOCK_OUT,
        doc=held("Will read by absorption, the share of reform money that becomes national capacity "
                 "(params.forces.absorption_without_will)", "the government's political will",
                 "one that absorbs all the money, or only absorption_without_will of it"))
    will_fixed_ddr_intake: float | None = F(
        None, 0, 1, unit="will 0-1", source=KNOCK_OUT,
        doc=held("Will read by the gate on DDR intake (params.ddr.intake_without_will)",
                 "the government's political will", "one that takes in the lever's full pace"))
    will_fixed_budget: float | None = F(
        None, 0, 1, unit="will 0-1", source=KNOCK_OUT,
        doc=held("Will read by the government's oversight and DDR budget lines (each times will)",
                 "the government's political will", "one that funds both at full will's share, or not at all"))
    will_fixed_ownership: float | None = F(
        None, 0, 1, unit="will 0-1", source=KNOCK_OUT,
        doc=held("Will read by national ownership, its starting level and its target (each times will)",
                 "the government's political will", "a fully committed government's ownership, or none"))
    will_fixed_civilian_control: float | None = F(
        None, 0, 1, unit="will 0-1", source=KNOCK_OUT,
        doc=held("Will read by the civilian-control target (floor + weight x oversight^exponent x will)",
                 "the government's political will", "full will's civilian control, or the floor alone"))
