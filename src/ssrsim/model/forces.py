"""Security force units: the army, the police and the gendarmerie.

Each unit has a size, a capacity (effectiveness) built partly by the nation and partly by donors
who implement themselves, an integrity (accountability), pay adequacy, cohesion and predation.
It protects (deters spoilers), abuses civilians (more when integrity, pay and oversight are low
and when capacity runs far ahead of integrity: "just effectiveness: not SSR", 002:59), absorbs
integrated ex-combatants with their factional loyalties (004:7), and, if it is the army and it is
disaffected, may attempt a coup (003:708, 004:78).
"""

from __future__ import annotations

import mesa
import numpy as np

from .maths import logistic, saturation, toward


class SecurityForce(mesa.Agent):
    """One service of the security sector."""

    def __init__(self, model, spec, index: int):
        super().__init__(model)
        self.service = spec.service
        self.index = index
        self.size = float(spec.size)
        self.target_size = float(spec.target_size if spec.target_size is not None else spec.size)
        self.owned_capacity = spec.capacity  # built by national institutions
        self.donor_capacity = 0.0  # implemented by donors themselves (003:1754)
        self.integrity = spec.integrity
        self.pay_adequacy = spec.pay_adequacy
        self.cohesion = 0.8
        self.predation = 0.0
        self.integrated = 0  # ex-combatants serving
        self.abuses = np.zeros(model.provinces.count, np.int64)
        self.capacity_spend = 0.0  # US$ million / year this month
        self.substituted_spend = 0.0
        self.national_spend = 0.0  # the government's reform budget, US$ million / year
        self.deployment = model.provinces.population.copy()

    @property
    def capacity(self) -> float:
        """Effective capacity: national plus donor-implemented, bounded by construction."""
        return self.owned_capacity + (1 - self.owned_capacity) * self.donor_capacity

    def integration_room(self, quota: float) -> float:
        """Places for integrated ex-combatants: up to the planned size, and at least the places
        the integration rules reserve for them (Pretoria's 40% of officers), even if the service
        is then above its planned size and shrinks back by attrition."""
        return max(self.target_size - self.size, quota * self.target_size - self.integrated)

    def step(self) -> None:
        m = self.model
        fp = m.cfg.params.forces
        gov = m.government
        gate = m.will_gate
        # Pay: the budget's share that reaches the unit (004:74, 004:78).
        self.pay_adequacy = toward(self.pay_adequacy, gov.pay_ratio, 0.1)
        # Capacity: national capacity grows with money at the pace political will allows
        # (003:478); donor-implemented capacity grows regardless but decays when money stops.
        # National money counts with donors' (the budget's reform line, shared by size); without
        # will, money does not turn into institutions (003:478): assumed absorption 0.3 + 0.7 x will.
        spend = saturation(self.capacity_spend + self.national_spend, fp.capacity_half_saturation)
        owned_target = 0.1 + 0.85 * spend * (0.4 + 0.6 * self.pay_adequacy) * (0.3 + 0.7 * gov.political_will)
        # What is locally owned is kept when money falls (003:1675): ownership holds the level.
        if owned_target < self.owned_capacity:
            owned_target = toward(owned_target, self.owned_capacity, gov.ownership)
        self.owned_capacity = toward(self.owned_capacity, owned_target, fp.reform_rate * gate)
        substituted = saturation(self.substituted_spend, fp.capacity_half_saturation)
        decay = m.cfg.params.donors.substitution_decay
        self.donor_capacity = toward(self.donor_capacity, substituted,
                                     3 * fp.reform_rate if substituted > self.donor_capacity else decay)
        # Integrity: sanctions from oversight, governance money, pay and civilian control
        # (003:585, 000:13, 000:43); quick wins that co-opt predatory actors erode it (004:99).
        ov = m.oversight_capacity
        integrity_target = (0.05 + 0.9 * (0.35 * m.sanction_rate + 0.2 * m.governance_level
                                          + 0.25 * self.pay_adequacy + 0.2 * gov.civilian_control)
                            * (1 - 0.5 * m.co_optation))
        self.integrity = toward(self.integrity, integrity_target, fp.reform_rate * gate)
        # Cohesion: integrated rebels bring factional loyalties (004:7); integrity knits them.
        share = self.integrated / max(self.size, 1.0)
        self.cohesion = toward(self.cohesion, 1 - 0.7 * share * (1 - self.integrity), 0.05)
        # Predation: low pay, corruption and rents against integrity and oversight (003:709).
        econ = m.economy
        self.predation = float(logistic(-1.5 + 3.0 * (1 - self.pay_adequacy) + 2.0 * gov.corruption
                                        + 2.0 * econ.illicit_rents - 3.5 * self.integrity - 2.0 * ov))
        # Abuses by province: more with predation and with capacity far ahead of integrity.
        gap = max(0.0, self.capacity - self.integrity)
        rate = fp.abuse_rate * (0.2 + self.predation) * (1 + 2 * gap) * (1 - 0.5 * ov)
        self.abuses = m.rng.poisson(self.size * self.deployment * rate)
        # Size: attrition and recruitment toward the planned size.
        self.size += 0.004 * (self.target_size - self.size)

    def deploy(self, violence_share: np.ndarray) -> None:
        """Police and gendarmerie follow the population; the army also follows violence."""
        pop = self.model.provinces.population
        self.deployment = 0.5 * pop + 0.5 * violence_share if self.service == "army" else pop

    def deterrence(self) -> np.ndarray:
        """Soldier-equivalents that deter spoilers in each province."""
        return self.size * self.deployment * self.capacity * self.cohesion

    def coup_probability(self) -> float:
        """Monthly chance the army attempts a coup: disaffection, factions, low civilian control."""
        fp = self.model.cfg.params.forces
        disaffection = (1 - self.pay_adequacy) * (0.6 + 0.4 * (1 - self.cohesion))
        score = (fp.coup_base + fp.coup_disaffection * disaffection + 1.5 * self.predation
                 - 2.0 * self.model.government.civilian_control)
        return float(logistic(score))

    def lose(self, members: float) -> None:
        self.size = max(0.0, self.size - members)
