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

from .maths import saturation, toward

# kind: (weight in detection, reach of the public, funded by, exposure to repression) -- assumptions
BODIES = {
    "parliament": (0.3, 0.3, "government", 0.3),
    "ombudsman": (0.3, 0.2, "government", 0.5),
    "media": (0.2, 0.9, "donors", 1.0),
    "ngos": (0.2, 0.6, "donors", 0.8),
}


class OversightBody(mesa.Agent):
    """One oversight actor."""

    def __init__(self, model, kind: str):
        super().__init__(model)
        self.kind = kind
        self.weight, self.reach, self.funder, self.exposure = BODIES[kind]
        strength = model.cfg.levers.oversight_strength
        self.capacity = 0.5 * strength
        self.independence = 0.3 + 0.5 * strength

    def step(self) -> None:
        m = self.model
        op = m.cfg.params.oversight
        strength = m.levers.oversight_strength
        if self.funder == "government":
            money = saturation(m.government.budget["oversight"] * 12, 1.5)
        else:
            money = saturation(m.governance_spend, 4.0)
        target = strength * (0.4 + 0.6 * money)
        # State bodies grow at the pace political will allows (003:478); media and NGOs need not.
        gate = m.will_gate if self.funder == "government" else 1.0
        self.capacity = toward(self.capacity, target, op.growth_rate * gate)
        # State bodies answer to civilian control; all lose independence under repression.
        control = m.government.civilian_control if self.funder == "government" else 1.0
        independence_target = ((0.2 + 0.8 * strength) * (0.6 + 0.4 * control)
                               * (1 - self.exposure * m.government.repression))
        self.independence = toward(self.independence, independence_target, 0.05)

    @property
    def effective(self) -> float:
        return self.capacity * self.independence
