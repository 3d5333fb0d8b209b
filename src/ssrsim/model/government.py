"""The government: political will, elites' fear of prosecution, budget, elections.

Political will gates every reform rate (003:478, 004:7, 000:15). It starts at the lever's level
and then moves: elites who fear prosecution resist accountability (001:11), divergent elite
interests and elite spoilers derail reform (004:75), legitimacy sustains it, elections shake it
(elections are a moment when SSR is triggered or redirected, 002:91; the size and direction of
the shock are assumed). Ownership needs will *and* capacity (000:10) and is eroded when donors
substitute (003:1754). The budget pays the forces, the prevention architecture, part of DDR and
oversight; corruption leaks from every line (004:74).
"""

from __future__ import annotations

import mesa

from .maths import held, shock, toward


class Government(mesa.Agent):
    """The national government and its elites."""

    def __init__(self, model):
        super().__init__(model)
        g = model.cfg.context.government
        self.will_lever = model.cfg.levers.political_will
        self.political_will = self.will_lever
        self.fear_of_prosecution = g.fear_of_prosecution
        self.legitimacy = g.legitimacy
        self.civilian_control = g.civilian_control
        self.elite_cohesion = g.elite_cohesion
        self.corruption = model.cfg.context.economy.corruption
        gp = model.cfg.params.government
        self.ownership = held(self.political_will, gp.will_fixed_ownership) * gp.initial_ownership
        self.repression = 0.0
        self.pay_ratio = float("nan")  # set by ``_allocate_budget`` each month before the forces read it
        self.election_months_left = 0
        self.budget = {"revenue": 0.0, "leakage": 0.0, "pay": 0.0, "prevention": 0.0, "oversight": 0.0, "ddr": 0.0,
                       "reform": 0.0, "other": 0.0}
        self.ledger = dict.fromkeys(self.budget, 0.0)

    def step(self) -> None:
        m = self.model
        gp = m.cfg.params.government
        # Will drifts toward the lever's level, pulled down by elite resistance to accountability
        # (fear x threat, 001:11) and elite spoilers when elites are divided (004:75).
        threat = m.accountability_index * m.cfg.params.spoilers.reform_threat
        fear = self.fear_of_prosecution * threat
        divided = (1 - self.elite_cohesion) * m.elite_pressure
        # The coalition's own grievance resists reform from inside (docs/model.md §6.6).
        aggrieved = m.settlement.coalition_grievance()
        resistance = 1 - (1 - fear) * (1 - divided) * (1 - aggrieved)  # any source of resistance, in [0, 1]
        will_target = self.will_lever * (1 - gp.will_resistance_loss * resistance)
        # Legitimacy above ``legitimacy_lift_threshold`` emboldens reformers beyond their starting commitment.
        will_target = toward(will_target, 1.0,
                             gp.legitimacy_lift * max(0.0, self.legitimacy - gp.legitimacy_lift_threshold))
        self.political_will = toward(self.political_will, will_target, gp.will_rate)
        # Fear grows as accountability bites (001:11; the growth and its form are assumed).
        self.fear_of_prosecution = toward(self.fear_of_prosecution,
                                          gp.fear_floor + gp.fear_accountability_weight * m.accountability_index,
                                          gp.fear_rate)
        # Ownership = will x capacity (000:10), lowered by donor substitution (003:1754).
        capacity = m.owned_capacity
        will = held(self.political_will, gp.will_fixed_ownership)
        target = (will * (gp.ownership_without_capacity + gp.ownership_capacity_weight * capacity)
                  * (1 - gp.substitution_ownership_loss * m.substitution_level))
        self.ownership = toward(self.ownership, target, gp.ownership_rate)
        # Corruption falls with accountability, rises with co-opted predatory actors (004:99).
        base = m.cfg.context.economy.corruption
        self.corruption = toward(self.corruption,
                                 base * (1 - gp.corruption_accountability_cut * m.accountability_index)
                                 + (1 - base) * gp.corruption_co_optation_weight * m.co_optation,
                                 gp.corruption_rate)
        # Civilian control follows oversight and will (000:13).
        checks = m.oversight_capacity ** gp.civilian_control_oversight_exponent
        self.civilian_control = toward(self.civilian_control,
                                       gp.civilian_control_floor
                                       + gp.civilian_control_oversight_weight * checks
                                       * held(self.political_will, gp.will_fixed_civilian_control),
                                       gp.civilian_control_rate)
        # Legitimacy follows what people feel: safety and confidence (002:43).
        w = gp.legitimacy_confidence_weight
        self.legitimacy = toward(self.legitimacy, w * m.public_confidence + (1 - w) * m.perceived_safety,
                                 gp.legitimacy_rate)
        # Repression is the incumbent's decision (``Settlement``), not a rule here.
        self.election_months_left = max(0, self.election_months_left - 1)
        self._allocate_budget()

    def _allocate_budget(self) -> None:
        """Split the month's revenue; every line leaks ``corruption`` first (004:74)."""
        m = self.model
        econ = m.cfg.context.economy
        gp = m.cfg.params.government
        revenue = econ.revenue * (1 + econ.growth) ** (m.month / 12) / 12
        leakage = revenue * self.corruption
        net = revenue - leakage
        need = sum(f.size for f in m.forces) * m.cfg.params.forces.pay_cost / 12
        pay = min(gp.pay_budget_cap * net, need)
        # The prevention architecture is paid next (what it costs, as far as the budget goes); the
        # shares below are of what is left.
        prevention = min(m.prevention.annual_cost() / 12, net - pay)
        net = net - prevention
        will = held(self.political_will, gp.will_fixed_budget)
        oversight = gp.oversight_budget_share * net * will
        ddr = gp.ddr_budget_share * net * will if m.ddr_caseload_left else 0.0
        # An owning government funds reform from its own budget (national actors fund their own
        # reform from national budgets, 002:95): what it owns outlasts donor money (003:1675).
        # Assumption: up to ``reform_budget_share`` of the net budget at full ownership.
        reform = gp.reform_budget_share * net * self.ownership
        other = net - pay - oversight - ddr - reform
        self.pay_ratio = pay / need if need > 0 else 1.0
        self.budget = {"revenue": revenue, "leakage": leakage, "pay": pay, "prevention": prevention, "oversight": oversight,
                       "ddr": ddr, "reform": reform, "other": other}
        for key, value in self.budget.items():
            self.ledger[key] += value
        m.ddr.deposit(ddr)

    def hold_election(self) -> None:
        """An election shocks will and legitimacy (size and direction assumed); spoilers are more
        likely to engage for ``election_tension_months`` months from the election month
        (``resolve_clashes``); each armed group under a deal judges its deal again and may break it
        (``Bargaining.election``). The draw that sets the shock's direction also says whether the
        vote passes as fair: aggrieved partners in government boycott one judged flawed
        (``Settlement.election``).
        Elections are a moment when SSR is triggered or redirected (002:91, 003:1734)."""
        gp = self.model.cfg.params.government
        rng = self.model.streams.politics
        up = rng.random() < self.legitimacy
        self.political_will = shock(self.political_will, up, gp.election_shock)
        self.legitimacy = shock(self.legitimacy, up, gp.election_shock)
        if self.model.settlement.election(fair=up):  # aggrieved factions boycott it
            self.legitimacy = shock(self.legitimacy, False, self.model.cfg.params.settlement.boycott_legitimacy)
        self.model.bargaining.election()  # armed groups under a deal judge it (Brancati & Snyder 2013)
        # Counted down in ``step`` before this month's clashes, hence the 1: tension in the
        # election month and the ``election_tension_months`` - 1 after it.
        self.election_months_left = gp.election_tension_months + 1

    def coup_attempt(self, succeeded: bool) -> None:
        """A coup attempt cuts civilian control and legitimacy, a successful one more, and also will."""
        gp = self.model.cfg.params.government
        self.civilian_control = shock(self.civilian_control, False,
                                      gp.coup_control_shock if succeeded else gp.failed_coup_control_shock)
        self.legitimacy = shock(self.legitimacy, False,
                                gp.coup_legitimacy_shock if succeeded else gp.failed_coup_legitimacy_shock)
        if succeeded:
            self.political_will = shock(self.political_will, False, gp.coup_will_shock)
