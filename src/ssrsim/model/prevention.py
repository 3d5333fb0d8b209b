"""The national architecture for preventing mass atrocities (000, 001; docs/model.md §11).

Three levers (``levers.prevention``), each acting only through what it changes, never as a direct
cut in risk; their effect sizes are assumed, since no study measures them:

- **A human-rights commission** (000:43). Its reach is the lever less what elites who fear
  prosecution resist (001:11). It reports and investigates abuses the justice chain would miss
  (``JusticeChain.step``), so the sanction rate rises; the chance of a sanction restrains killing
  under repression (``restraint``) and the forces' abuses, and the commission makes repression
  costlier to the incumbent (``repression_cost``).
- **Early warning linked to a response** (001:25-27, 001:34). When the state or its militias kill
  ``params.prevention.warning_deaths`` people of one group in a month, a warning is raised with the
  lever's chance: the donors react, and the incumbent must decide again while repression is costlier
  for as long as the warning stands; unless it chooses to repress again, the repression stops
  (``Settlement``).
- **Human-rights and IHL training** of the forces reaches a growing share of each service's
  personnel, who refuse a share of killing under repression.

They are paid from the government's budget (``Government._allocate_budget``).
"""

from __future__ import annotations

import numpy as np

from .maths import toward


class Prevention:
    """The commission's reach, the trained share of each service and the standing warning."""

    def __init__(self, model):
        self.model = model
        self.reach = 0.0
        self.trained = np.zeros(len(model.forces))
        self.warning_until = -1

    @property
    def levers(self):
        return self.model.levers.prevention

    @property
    def warning(self) -> bool:
        """Whether a warning stands this month."""
        return self.model.month < self.warning_until

    def step(self) -> None:
        m = self.model
        pp = m.cfg.params.prevention
        self.reach = self.levers.commission * (1 - pp.elite_resistance * m.settlement.incumbent.fear_of_prosecution)
        self.trained = toward(self.trained, self.levers.training, pp.training_rate)

    def trained_share(self) -> float:
        """Share of all the services' personnel trained."""
        sizes = np.array([f.size for f in self.model.forces])
        return float(self.trained @ sizes / sizes.sum()) if sizes.sum() > 0 else float(self.trained.mean())

    def annual_cost(self) -> float:
        """What the three levers cost the budget this year, US$ million."""
        pp, lv = self.model.cfg.params.prevention, self.levers
        return pp.commission_cost * lv.commission + pp.early_warning_cost * lv.early_warning \
            + pp.training_cost * lv.training

    def restraint(self, sanction_rate: float) -> float:
        """Share of ordered killing carried out, given the chance that abuses are sanctioned."""
        return max(0.0, 1 - self.model.cfg.params.prevention.sanction_deterrence * sanction_rate)

    def conduct(self) -> np.ndarray:
        """Share of each service's ordered killing its personnel carry out, given their training."""
        return 1 - self.model.cfg.params.prevention.training_restraint * self.trained

    def repression_cost(self) -> float:
        """The incumbent's extra cost of repression (utility): the commission's reach and a standing warning."""
        pp = self.model.cfg.params.prevention
        return pp.commission_repression_cost * self.reach + pp.warning_repression_cost * self.warning

    def watch(self, state_killing_by_group: np.ndarray) -> None:
        """Early warning: killing by the state and its militias against one group may raise a warning."""
        m = self.model
        pp = m.cfg.params.prevention
        worst = int(state_killing_by_group.max(initial=0))
        if self.warning or not self.levers.early_warning or worst < pp.warning_deaths:
            return
        if m.streams.prevention.random() >= self.levers.early_warning:
            return
        self.warning_until = m.month + pp.warning_months
        m.log("early_warning", "government", size=worst,
              detail=f"{worst} people of one group killed by the state or its militias this month")
        m.donors_react(m.cfg.params.settlement.suspension_after_repression)
        m.settlement.trigger("early_warning")
