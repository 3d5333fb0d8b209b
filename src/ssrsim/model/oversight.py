"""Civil society and oversight bodies: parliamentary committee, ombudsman, media, NGOs.

Each body has a capacity, an independence and a reach. Together they detect and expose abuses
(more with oversight strength), push sanctions so that integrity rises and impunity falls
(003:585, 003:605, 000:43), and inform the public, which manages expectations (004:49). They grow
slowly (003:1733) and need money: state bodies from the government's budget, media and NGOs from
donors' governance money, which donors often overlook (003:1755). When will is low and
pressure high they can be repressed; media and NGOs are the most exposed.
"""

from __future__ import annotations

import mesa

from .maths import held, saturation, toward

# kind: who funds it. Each kind's weight in detection, reach of the public and exposure to
# repression are assumed parameters, params.oversight.<kind>.{detection_weight, reach, exposure}.
BODIES = {
    "parliament": "government",
    "ombudsman": "government",
    "media": "donors",
    "ngos": "donors",
}


class OversightBody(mesa.Agent):
    """One oversight actor."""

    def __init__(self, model, kind: str):
        super().__init__(model)
        self.kind = kind
        op = model.cfg.params.oversight
        body = getattr(op, kind)
        self.weight, self.reach, self.exposure = body.detection_weight, body.reach, body.exposure
        self.funder = BODIES[kind]
        # The lever's two channels, capacity and independence, each held at a fixed strength by a
        # knock-out (``params.oversight.strength_fixed_*``).
        strength = model.cfg.levers.oversight_strength
        self.capacity = op.initial_capacity * held(strength, op.strength_fixed_capacity)
        self.independence = (op.initial_independence_floor
                             + op.initial_independence_strength * held(strength, op.strength_fixed_independence))

    def step(self) -> None:
        m = self.model
        op = m.cfg.params.oversight
        strength = m.levers.oversight_strength
        if self.funder == "government":
            money = saturation(m.government.budget["oversight"] * 12, op.state_half_saturation)
        else:
            money = saturation(m.governance_spend, op.donor_half_saturation)
        target = (held(strength, op.strength_fixed_capacity)
                  * (op.capacity_without_money + (1 - op.capacity_without_money) * money))
        # State bodies grow at the pace political will allows (003:478); media and NGOs need not.
        gate = m.will_gate if self.funder == "government" else 1.0
        self.capacity = toward(self.capacity, target, op.growth_rate * gate)
        # State bodies answer to civilian control; all lose independence under repression.
        control = m.government.civilian_control if self.funder == "government" else 1.0
        floor, uncontrolled = op.independence_floor, op.independence_without_control
        independence_target = ((floor + (1 - floor) * held(strength, op.strength_fixed_independence))
                               * (uncontrolled + (1 - uncontrolled) * control)
                               * (1 - self.exposure * m.government.repression))
        self.independence = toward(self.independence, independence_target, op.independence_rate)

    @property
    def effective(self) -> float:
        return self.capacity * self.independence
