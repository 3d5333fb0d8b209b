"""Civil society and oversight bodies: parliamentary committee, ombudsman, media, NGOs.

Each body has a capacity, an independence and a reach. Together they detect and expose abuses
(more with oversight strength), push sanctions so that integrity rises and impunity falls
(003:585, 003:605, 000:43), and inform the public, which manages expectations (004:49). They grow
slowly (003:1733), need money (governance funding is "often overlooked", 003:1755) and can be
repressed when will is low and pressure high.
"""

from __future__ import annotations

import mesa

from .maths import saturation, toward

BODIES = {  # kind: (weight in detection, reach of the public) -- assumptions
    "parliament": (0.3, 0.3),
    "ombudsman": (0.3, 0.2),
    "media": (0.2, 0.9),
    "ngos": (0.2, 0.6),
}


class OversightBody(mesa.Agent):
    """One oversight actor."""

    def __init__(self, model, kind: str):
        super().__init__(model)
        self.kind = kind
        self.weight, self.reach = BODIES[kind]
        strength = model.cfg.levers.oversight_strength
        self.capacity = 0.5 * strength
        self.independence = 0.3 + 0.5 * strength

    def step(self) -> None:
        m = self.model
        op = m.cfg.params.oversight
        strength = m.levers.oversight_strength
        money = saturation(m.governance_spend + m.government.budget["oversight"] * 12, 4.0)
        target = strength * (0.4 + 0.6 * money)
        self.capacity = toward(self.capacity, target, op.growth_rate)
        independence_target = (0.2 + 0.8 * strength) * (1 - m.government.repression)
        self.independence = toward(self.independence, independence_target, 0.05)

    @property
    def effective(self) -> float:
        return self.capacity * self.independence
