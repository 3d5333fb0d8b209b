"""The government: political will, elites' fear of prosecution, budget, elections, repression.

Political will gates every reform rate (003:478, 004:7, 000:15). It starts at the lever's level
and then moves: elites who fear prosecution resist accountability (001:11), divergent elite
interests and elite spoilers derail reform (004:75), legitimacy sustains it, elections shake it
(elections are a moment when SSR is triggered or redirected, 002:91; the size and direction of
the shock are assumed). Ownership needs will *and* capacity (000:10) and is eroded when donors
substitute (003:1754). The budget pays the forces, part of DDR and oversight; corruption leaks
from every line (004:74).
"""

from __future__ import annotations

import mesa

from .maths import shock, toward


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
        self.ownership = self.political_will * 0.3
        self.repression = 0.0
        self.pay_ratio = 0.6
        self.election_months_left = 0
        self.budget = {"revenue": 0.0, "leakage": 0.0, "pay": 0.0, "oversight": 0.0, "ddr": 0.0,
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
        resistance = 1 - (1 - fear) * (1 - divided)  # either source of resistance, in [0, 1]
        will_target = self.will_lever * (1 - 0.6 * resistance)
        # Legitimacy above one half emboldens reformers beyond their starting commitment.
        will_target = toward(will_target, 1.0, 0.3 * max(0.0, self.legitimacy - 0.5))
        self.political_will = toward(self.political_will, will_target, gp.will_rate)
        # Fear grows as accountability bites (001:11; the growth and its form are assumed).
        self.fear_of_prosecution = toward(self.fear_of_prosecution,
                                          0.2 + 0.7 * m.accountability_index, 0.01)
        # Ownership = will x capacity (000:10), lowered by donor substitution (003:1754).
        capacity = m.owned_capacity
        target = self.political_will * (0.3 + 0.7 * capacity) * (1 - 0.7 * m.substitution_level)
        self.ownership = toward(self.ownership, target, 0.02)
        # Corruption falls with accountability, rises with co-opted predatory actors (004:99).
        base = m.cfg.context.economy.corruption
        self.corruption = toward(self.corruption,
                                 base * (1 - 0.5 * m.accountability_index) + (1 - base) * 0.4 * m.co_optation,
                                 0.01)
        # Civilian control follows oversight and will (000:13).
        self.civilian_control = toward(self.civilian_control,
                                       0.1 + 0.8 * m.oversight_capacity ** 0.5 * self.political_will, 0.01)
        # Legitimacy follows what people feel: safety and confidence (002:43).
        self.legitimacy = toward(self.legitimacy, 0.5 * m.public_confidence + 0.5 * m.perceived_safety, 0.02)
        # Repression of civil society when will is low and exposure high (docs/model.md).
        pressure = m.exposure_rate
        repress = 1.0 if (self.political_will < gp.repression_threshold and pressure > 0.3) else 0.0
        self.repression = toward(self.repression, repress, 0.05)
        self.election_months_left = max(0, self.election_months_left - 1)
        self._allocate_budget()

    def _allocate_budget(self) -> None:
        """Split the month's revenue; every line leaks ``corruption`` first (004:74)."""
        m = self.model
        econ = m.cfg.context.economy
        revenue = econ.revenue * (1 + econ.growth) ** (m.month / 12) / 12
        leakage = revenue * self.corruption
        net = revenue - leakage
        need = sum(f.size for f in m.forces) * m.cfg.params.forces.pay_cost / 12
        pay = min(0.6 * net, need)
        oversight = 0.04 * net * self.political_will
        ddr = 0.03 * net * self.political_will if m.ddr_caseload_left else 0.0
        # An owning government funds reform from its own budget (national actors fund their own
        # reform from national budgets, 002:95): what it owns outlasts donor money (003:1675).
        # Assumption: up to 15% of the net budget at full ownership.
        reform = 0.15 * net * self.ownership
        other = net - pay - oversight - ddr - reform
        self.pay_ratio = pay / need if need > 0 else 1.0
        self.budget = {"revenue": revenue, "leakage": leakage, "pay": pay, "oversight": oversight,
                       "ddr": ddr, "reform": reform, "other": other}
        for key, value in self.budget.items():
            self.ledger[key] += value
        m.ddr.deposit(ddr)

    def hold_election(self) -> None:
        """An election shocks will and legitimacy (size and direction assumed); spoilers are more
        likely to engage in the election month and the two after it (``resolve_clashes``).
        Elections are a moment when SSR is triggered or redirected (002:91, 003:1734)."""
        gp = self.model.cfg.params.government
        rng = self.model.rng
        up = rng.random() < self.legitimacy
        self.political_will = shock(self.political_will, up, gp.election_shock)
        self.legitimacy = shock(self.legitimacy, up, gp.election_shock)
        self.election_months_left = 4  # tension in the election month and the two after it

    def coup_attempt(self, succeeded: bool) -> None:
        """A coup attempt cuts civilian control; a successful one also cuts will and legitimacy."""
        self.civilian_control = shock(self.civilian_control, False, 0.6 if succeeded else 0.25)
        self.legitimacy = shock(self.legitimacy, False, 0.4 if succeeded else 0.15)
        if succeeded:
            self.political_will = shock(self.political_will, False, 0.5)
