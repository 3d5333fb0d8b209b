"""Atrocity risk (docs/model.md §11): whom one-sided violence strikes, the first months
at the thresholds, and a panel of risk factors.

**Whom.** One-sided deaths come only from simulated decisions: the state's and its militias' under
repression, armed groups' when they lose ground (``violence``). Each death falls on a member of an
identity group in the province where it happens, in proportion to the group's share of the
province's people times ``1 + selectivity x suspicion``. The state and its militias suspect the
groups over-represented among the armed opposition's fighters; an armed group suspects the groups
under-represented among its own (every group but its own when it has one; Harff 2003:
exclusionary ideologies). A movement drawn like the population makes no group suspect. Selectivity is ``params.atrocity.targeting``, less what an
inclusive national ideology and non-discrimination law remove (001:35-36; 001:37).

**Thresholds.** A replicate has one-sided violence in the first month whose trailing window
(``thresholds.window_months``) holds ``thresholds.one_sided_deaths`` (25) deaths against one group,
and a mass atrocity at ``thresholds.atrocity_deaths`` (1,000: the Early Warning Project's mass
killing). Atrocity risk is their cumulative incidence across replicates (``run.analysis``).

**Panel.** Each month, risk factors of the UN Framework of Analysis (2014) and the Early Warning
Project read from the state, each 0-1: armed conflict, a record of mass killing, exclusion from
power, repression, armed militias, a recent coup attempt, a trigger (an election or a term-limit
bid). The panel is a reading for analysts and trainers: nothing in the model reads it back, so it
never feeds the deaths.
"""

from __future__ import annotations

import numpy as np

#: The risk-factor panel, in the order it is recorded (``risk_<factor>`` outputs).
RISK_FACTORS = ("armed_conflict", "mass_killing_record", "exclusion", "repression", "militias", "recent_coup",
                "trigger")


class AtrocityRisk:
    """Deaths against each identity group, the months thresholds are reached, the panel."""

    def __init__(self, model):
        self.model = model
        groups = len(model.cfg.context.groups)
        cit = model.citizens
        count = model.provinces.count
        people = np.bincount(cit.cell, minlength=count * groups).reshape(count, groups).astype(float)
        empty = people.sum(axis=1) == 0
        people[empty] = model.group_shares  # a province without sampled citizens: the national shares
        self.people = people / people.sum(axis=1, keepdims=True)  # [province, group]
        self.history = np.zeros((model.cfg.months + 1, groups), np.int64)  # deaths against each group
        self.one_sided_violence_month: int | None = None
        self.mass_atrocity_month: int | None = None
        self.worst = 0  # deaths against the most-struck group in the trailing window, this month
        self.peak = 0  # the most deaths against one group in any window

    # ------------------------------------------------------------------ whom violence strikes
    def selectivity(self) -> float:
        m = self.model
        ap, ctx = m.cfg.params.atrocity, m.cfg.context.prevention
        return ap.targeting * (1 - ap.ideology_cut * ctx.inclusive_ideology) \
            * (1 - ap.law_cut * ctx.non_discrimination_law)

    def weights(self, suspicion: np.ndarray) -> np.ndarray:
        """Share of a province's one-sided deaths falling on each group, ``[province, group]``
        (``suspicion``: one row per group, or ``[..., group]`` for several perpetrators)."""
        w = self.people * (1 + self.selectivity() * suspicion[..., None, :])
        return w / w.sum(axis=-1, keepdims=True)

    def strike(self, killed: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """Each province's dead, ``killed``, shared among the groups by ``weights`` (rows need not
        sum to one), ``[province, group]``."""
        total = weights.sum(axis=1, keepdims=True)
        shares = np.divide(weights, total, out=np.broadcast_to(self.people, weights.shape).copy(), where=total > 0)
        return self.model.streams.atrocity.multinomial(killed, shares)

    def state_suspicion(self) -> np.ndarray:
        """The groups the state suspects: those over-represented among the armed opposition's
        fighters under arms (``over_represented``; criminal networks are not an opposition)."""
        m = self.model
        local = m._local_spoilers().sum(axis=1)
        fighters = sum((local[s.index] * m.faction_groups[s.faction] for s in m.spoilers if s.kind != "criminal"),
                       np.zeros(len(m.group_shares)))
        if fighters.sum() <= 0:
            return np.zeros_like(fighters)
        return over_represented(fighters / fighters.sum(), m.group_shares)

    def group_suspicion(self) -> np.ndarray:
        """Each armed group's suspicion of the groups under-represented among its own fighters,
        ``[spoiler, group]``: every group but its own when it has one."""
        m = self.model
        own = np.array([m.faction_groups[s.faction] for s in m.spoilers]).reshape(len(m.spoilers), -1)
        return np.clip(1 - own / m.group_shares, 0.0, 1.0)

    # ------------------------------------------------------------------ thresholds
    def record(self, month: int, against: np.ndarray) -> None:
        """This month's deaths against each group; logs the first months at the thresholds."""
        m = self.model
        th = m.cfg.thresholds
        self.history[month] = against
        window = self.history[max(0, month - th.window_months + 1): month + 1].sum(axis=0)
        worst = self.worst = int(window.max(initial=0))
        self.peak = max(self.peak, worst)
        group = m.cfg.context.groups[int(window.argmax())].name
        if self.one_sided_violence_month is None and worst >= th.one_sided_deaths:
            self.one_sided_violence_month = month
            m.log("one_sided_violence", group, size=worst,
                  detail=f"{worst} of its people deliberately killed in {th.window_months} months")
        if self.mass_atrocity_month is None and worst >= th.atrocity_deaths:
            self.mass_atrocity_month = month
            m.log("mass_atrocity", group, size=worst,
                  detail=f"{worst} of its people deliberately killed in {th.window_months} months")

    # ------------------------------------------------------------------ the panel
    def panel(self) -> dict[str, float]:
        """The risk factors now, each 0-1 (read from the state; nothing reads them back)."""
        m = self.model
        th, settlement = m.cfg.thresholds, m.settlement
        coup = settlement.last_coup_attempt
        bid = settlement.last_term_limit_bid
        recent = m.cfg.params.atrocity.coup_memory_months
        return {
            "armed_conflict": min(1.0, m.trailing_deaths() / th.war_deaths),
            "mass_killing_record": float(m.cfg.context.prevention.past_mass_killing
                                         or self.one_sided_violence_month is not None),
            "exclusion": settlement.exclusion(),
            "repression": m.government.repression,
            "militias": m.violence.militia_armed_share(),
            "recent_coup": float(coup is not None and m.month - coup < recent),
            "trigger": float(m.schedule.election_within(m.month, 12)
                             or (bid is not None and m.month - bid < 12)),
        }


def over_represented(shares: np.ndarray, population: np.ndarray) -> np.ndarray:
    """How far each group is over-represented in ``shares`` against its share of the
    ``population``: 0 when no more than its share, 1 when ``shares`` is that group alone."""
    return np.clip((shares - population) / (1 - population), 0.0, 1.0) if population.size > 1 \
        else np.zeros_like(shares)
