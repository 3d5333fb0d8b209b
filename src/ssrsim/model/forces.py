"""Security force units: the army, the police and the gendarmerie.

Each unit has a size, a capacity (effectiveness) built partly by the nation and partly by donors
who implement themselves, an integrity (accountability), pay adequacy, cohesion and predation.
It protects (deters spoilers), abuses civilians (more when integrity, pay and oversight are low
and when capacity runs far ahead of integrity: "just effectiveness: not SSR", 002:59), absorbs
integrated ex-combatants with their factional loyalties (004:7): its cohesion follows how evenly
it is divided between the old service and the factions integrated, and how they are treated; a
service without cohesion can split (``SSRModel.split``). Which of its units follow which
elite faction in a coup is the settlement's business (``settlement.py``).
"""

from __future__ import annotations

import mesa
import numpy as np

from .maths import held, logistic, saturation, toward


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
        self.cohesion = model.cfg.params.forces.initial_cohesion
        self.predation = 0.0
        self.integrated = 0  # ex-combatants serving
        # How its personnel are divided and treated (set each month by SSRModel._deploy_forces):
        self.polarisation = 0.0  # between the old service and each faction integrated (0-1)
        self.integrated_grievance = 0.0  # mean grievance of its integrated ex-combatants
        self.purging = 0.0  # share of its units marked for a purge
        self.abuses = np.zeros(model.provinces.count, np.int64)
        self.capacity_spend = 0.0  # US$ million / year this month
        self.substituted_spend = 0.0
        self.national_spend = 0.0  # the government's reform budget, US$ million / year
        self.deployment = model.provinces.population.copy()
        groups = model.cfg.context.groups
        # Identity groups among personnel: the month-0 shares of those not integrated from a
        # faction (as the population unless the scenario says), and how the service treats each.
        self.base_groups = np.array([spec.group_shares.get(g.name, 0.0) if spec.group_shares else g.share
                                     for g in groups])
        self.groups = self.base_groups.copy()  # with integrated ex-combatants (SSRModel._deploy_forces)
        self.bias = np.array([spec.bias.get(g.name, 0.0) for g in groups])
        self.women_share = spec.women_share

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
        """A month of pay, reform, cohesion, predation, abuses and turnover. Quantities read from
        elsewhere are taken as plain floats first (several are numpy scalars, each of whose
        operations costs several times a float's; the values and every sum and product are the
        same), so the service's own state stays in floats too."""
        m = self.model
        fp = m.cfg.params.forces
        gov = m.government
        gate = float(m.will_gate)
        will = float(held(gov.political_will, m.cfg.params.government.will_fixed_absorption))
        ownership = float(gov.ownership)
        # Pay: the budget's share that reaches the unit (004:74, 004:78).
        self.pay_adequacy = pay = toward(float(self.pay_adequacy), float(gov.pay_ratio), fp.pay_adjustment_rate)
        # Capacity: national capacity grows with money at the pace political will allows
        # (003:478); donor-implemented capacity grows regardless but decays when money stops.
        # National money counts with donors' (the budget's reform line, shared by size); without
        # will, money does not turn into institutions (003:478): assumed absorption
        # absorption_without_will + (1 - absorption_without_will) x will; an unpaid service gets
        # capacity_gain_unpaid of the gain, a fully paid one all of it.
        spend = saturation(float(self.capacity_spend) + float(self.national_spend), fp.capacity_half_saturation)
        unpaid, no_will = fp.capacity_gain_unpaid, fp.absorption_without_will
        owned_target = (fp.capacity_floor + fp.capacity_gain * spend * (unpaid + (1 - unpaid) * pay)
                        * (no_will + (1 - no_will) * will))
        # What is locally owned is kept when money falls (003:1675): ownership holds the level.
        owned = float(self.owned_capacity)
        if owned_target < owned:
            owned_target = toward(owned_target, owned, ownership)
        self.owned_capacity = toward(owned, owned_target, fp.reform_rate * gate)
        substituted = saturation(float(self.substituted_spend), fp.capacity_half_saturation)
        decay = m.cfg.params.donors.substitution_decay
        donor = float(self.donor_capacity)
        self.donor_capacity = toward(donor, substituted,
                                     fp.donor_build_speedup * fp.reform_rate if substituted > donor else decay)
        # Integrity: sanctions from oversight, governance money, pay and civilian control
        # (003:585, 000:13, 000:43); quick wins that co-opt predatory actors erode it (004:99).
        ov = float(m.oversight_capacity)
        integrity_target = (fp.integrity_floor
                            + fp.integrity_gain * (fp.integrity_sanction_weight * float(m.sanction_rate)
                                                   + fp.integrity_governance_weight * float(m.governance_level)
                                                   + fp.integrity_pay_weight * pay
                                                   + fp.integrity_civilian_control_weight * float(gov.civilian_control))
                            * (1 - fp.co_optation_integrity_loss * float(m.co_optation)))
        self.integrity = integrity = toward(float(self.integrity), integrity_target, fp.reform_rate * gate)
        # Cohesion: integrated rebels bring factional loyalties (004:7): a service split into
        # equal blocs is the least cohesive, integrity knits them; aggrieved integrated soldiers
        # (unpaid, passed over: 004:78) and purges (Roessler 2016) pull it apart.
        size = float(self.size)
        share = min(1.0, self.integrated / max(size, 1.0))
        cohesion_target = (1 - fp.polarisation_cohesion_loss * float(self.polarisation) * (1 - integrity)
                           - fp.treatment_cohesion_loss * share * float(self.integrated_grievance)
                           - fp.purge_cohesion_loss * float(self.purging))
        self.cohesion = toward(float(self.cohesion), max(0.0, cohesion_target), fp.cohesion_rate)
        # Predation: low pay, corruption and rents against integrity and oversight (003:709).
        econ = m.economy
        self.predation = float(logistic(fp.predation_base + fp.predation_pay_weight * (1 - pay)
                                        + fp.predation_corruption_weight * float(gov.corruption)
                                        + fp.predation_rents_weight * float(econ.illicit_rents)
                                        - fp.predation_integrity_weight * integrity
                                        - fp.predation_oversight_weight * ov))
        # Abuses by province: more with predation and with capacity far ahead of integrity.
        gap = max(0.0, self.capacity - integrity)
        rate = (fp.abuse_rate * (fp.abuse_base_predation + self.predation) * (1 + fp.abuse_capacity_gap_weight * gap)
                * (1 - fp.abuse_oversight_reduction * ov))
        self.abuses = m.streams.forces.poisson(size * self.deployment * rate)
        # Women: the share follows the recruitment target as personnel turn over (003:846).
        self.women_share = toward(float(self.women_share), float(m.levers.forces.women_share), fp.women_recruitment_rate)
        # Size: attrition and recruitment toward the planned size.
        self.size = size + fp.size_adjustment_rate * (self.target_size - size)

    def deploy(self, violence_share: np.ndarray) -> None:
        """Police and gendarmerie follow the population; the army also follows violence."""
        pop = self.model.provinces.population
        w = self.model.cfg.params.forces.army_violence_deployment
        self.deployment = (1 - w) * pop + w * violence_share if self.service == "army" else pop

    def deterrence(self) -> np.ndarray:
        """Soldier-equivalents that deter spoilers in each province."""
        return self.size * self.deployment * self.capacity * self.cohesion

    def deterrence_at(self, province: int) -> float:
        """``deterrence()[province]`` alone (the same product, without the other provinces)."""
        return self.size * self.deployment[province] * self.capacity * self.cohesion

    def lose(self, members: float) -> None:
        self.size = max(0.0, float(self.size) - float(members))
