"""Violence of three kinds, the small arms behind it, and escalation.

- **Battle deaths**: clashes between the state's forces and an organised armed group
  (``spoilers.resolve_clashes``); only these count for relapse (UCDP; Kreutz 2010).
- **One-sided violence**: civilians deliberately killed (Eck & Hultman 2007). By armed groups
  losing ground, which turn on civilians (Hultman 2007; Wood 2010), and by the state's forces and
  the incumbent faction's militia, only when the government has decided to repress (Davenport
  2007). The chance that abuses are sanctioned and the forces' training restrain the killing
  ordered (``Prevention``). Peacekeeping troops prevent a share of all of it where they are
  (``PeacekeepingMission.protection``; Hultman, Kathman & Shannon 2013). Deaths are people at
  population scale, not sampled citizens, counted by province and by the identity group struck
  (``AtrocityRisk.weights``).
- **Abuses**: the forces' non-lethal abuses of civilians (``forces.SecurityForce``).

Each province holds a stock of small arms outside state armouries: combatants' weapons and those
held by civilians (Small Arms Survey 2007: firearms in at least 100,000 Burundian households).
Few are handed in at cantonment (the FNL handed in 722 weapons for about 8,500 fighters, IRIN
2009); weapons cross the borders with regional support (003:87; ``Region``); a group with fewer weapons
than fighters fights with its armed members only.

Escalation: deaths raise a province's tension, which raises recruitment, the chance that a
spoiler engages and the deaths per clash, so a minor conflict can grow into war (Hultman 2007;
Wood 2010). Tension rises fast and falls slowly.
"""

from __future__ import annotations

import numpy as np

from .maths import saturation, toward


class Violence:
    """Per-province arms, tension and this month's deaths of each kind."""

    def __init__(self, model, combatants_p: np.ndarray):
        self.model = model
        vp = model.cfg.params.violence
        ctx = model.cfg.context
        count = model.provinces.count
        self.arms = ctx.small_arms * model.provinces.population + combatants_p * vp.weapons_per_fighter
        self.tension = np.zeros(count)
        self.battle = np.zeros(count, np.int64)
        # One-sided deaths this month, [province, identity group], by perpetrator.
        cells = (count, len(ctx.groups))
        self.by_state = np.zeros(cells, np.int64)
        self.by_militias = np.zeros(cells, np.int64)
        self.by_groups = np.zeros(cells, np.int64)
        self._tally()
        # Where each elite faction's armed wing lives: its home provinces, else everywhere, by population.
        self.militia_homes = [_homes(model.provinces.population, spec.home_provinces)
                              for spec in ctx.settlement.factions]
        self.one_sided_history = np.zeros(model.cfg.months + 1, np.int64)
        self.handed_in = 0

    def _tally(self) -> None:
        """``one_sided``: this month's civilians deliberately killed, by province (state, militias and
        armed groups). Worked out when the deaths are, since it is read several times a month."""
        self.one_sided = (self.by_state + self.by_militias + self.by_groups).sum(axis=1)

    @property
    def against_groups(self) -> np.ndarray:
        """This month's civilians deliberately killed, by identity group."""
        return (self.by_state + self.by_militias + self.by_groups).sum(axis=0)

    def militias(self) -> np.ndarray:
        """Members of the incumbent faction's armed wing (its militia or youth league), by province.

        Repression is the incumbent's decision, so only its own wing carries it out: a coalition
        partner's wing stays dormant (and may rebel with its faction, ``Settlement._rearm``)."""
        incumbent = self.model.settlement.incumbent
        return incumbent.armed_wing * self.militia_homes[incumbent.index]

    def militia_armed_share(self) -> float:
        """Share of the militias' members who hold a weapon (0 without militias)."""
        members = self.militias()
        total = members.sum()
        return float(members @ self.armed_share(members) / total) if total > 0 else 0.0

    def armed_share(self, fighters_p: np.ndarray) -> np.ndarray:
        """Share of the spoilers' fighters in each province who hold a weapon."""
        need = fighters_p * self.model.cfg.params.violence.weapons_per_fighter
        return np.minimum(1.0, np.divide(self.arms, need, out=np.ones_like(self.arms), where=need > 0))

    # ---------------------------------------------------------------- arms flows
    def disarm(self, provinces: np.ndarray, handed_in_share: float) -> None:
        """Fighters entering cantonment hand in a share of their weapons where they are."""
        handed = np.bincount(provinces, minlength=self.arms.size) * handed_in_share
        handed = handed * self.model.cfg.params.violence.weapons_per_fighter
        self.arms = np.maximum(0.0, self.arms - handed)
        self.handed_in += handed.sum()

    def capture(self, province: int, killed: int) -> None:
        """The forces take part of the weapons of the spoiler fighters they killed."""
        vp = self.model.cfg.params.violence
        self.arms[province] = max(0.0, self.arms[province] - killed * vp.weapons_per_fighter * vp.capture_share)

    def inflow(self) -> None:
        """Weapons cross the borders with regional support (003:87), spread by population."""
        m = self.model
        self.arms = self.arms + m.cfg.params.violence.arms_inflow * m.region.support \
            * m.provinces.population

    # ---------------------------------------------------------------- one-sided violence
    def rebels_turn_on_civilians(self, local: np.ndarray) -> None:
        """Spoilers losing ground kill civilians where their armed fighters are (Hultman 2007), of
        the groups they suspect."""
        m = self.model
        vp = m.cfg.params.violence
        setback = np.array([s.setback for s in m.spoilers])
        armed = local * self.armed_share(local.sum(axis=0))
        rate = vp.rebel_killing * setback[:, None] * armed  # [spoiler, province]
        killed = m.streams.violence.poisson(rate.sum(axis=0) * self._unprotected())
        if not killed.any():
            # Most months no one is killed: there is nothing to share among the groups, and sharing
            # nothing draws nothing from the attribution stream (a multinomial of 0 draws no number).
            self.by_groups = np.zeros_like(self.by_groups)
            self._tally()
            return
        # Each province's dead are shared among groups by its perpetrators' weights, mixed by their rates.
        mixed = np.einsum("sp,spg->pg", rate, m.atrocity.weights(m.atrocity.group_suspicion()))
        self.by_groups = m.atrocity.strike(killed, mixed)
        self._tally()

    def repression_killings(self) -> None:
        """Forces and the incumbent's militia kill civilians only when the government represses
        (Davenport 2007), striking the groups it suspects. A force's integrity and training restrain
        it, and so does the chance that abuses are sanctioned (``Prevention``)."""
        m = self.model
        vp = m.cfg.params.violence
        repression = m.government.repression
        if repression <= 0:
            self.by_state = np.zeros_like(self.by_state)
            self.by_militias = np.zeros_like(self.by_militias)
            self._tally()
            return
        ordered = repression * m.prevention.restraint(m.sanction_rate) * self._unprotected()
        suspects = m.atrocity.weights(m.atrocity.state_suspicion())
        forces = sum(f.size * f.deployment * (1 - vp.repression_integrity_restraint * f.integrity) * conduct
                     for f, conduct in zip(m.forces, m.prevention.conduct()))
        killed = m.streams.violence.poisson(forces * vp.repression_killing * ordered)
        self.by_state = m.atrocity.strike(killed, suspects)
        members = self.militias()
        armed = members * self.armed_share(members)
        # The militias' dead are drawn from the atrocity stream, as is whom they strike.
        killed = m.streams.atrocity.poisson(armed * m.cfg.params.atrocity.militia_killing * ordered)
        self.by_militias = m.atrocity.strike(killed, suspects)
        self._tally()

    def _unprotected(self) -> np.ndarray:
        """Share of the killing in each province that peacekeepers do not prevent."""
        return 1 - self.model.mission.protection()

    # ---------------------------------------------------------------- escalation
    def escalate(self, felt: np.ndarray) -> None:
        """Tension follows the deaths felt in each province: fast up, slow down."""
        vp = self.model.cfg.params.violence
        target = saturation(felt, vp.tension_half_deaths)
        rate = np.where(target > self.tension, vp.tension_rise, vp.tension_fall)
        self.tension = toward(self.tension, target, rate)

    def record_month(self, month: int) -> None:
        self.one_sided_history[month] = int(self.one_sided.sum())


def _homes(population: np.ndarray, provinces: list[int]) -> np.ndarray:
    """A distribution over provinces: ``provinces`` weighted by population, or all of them."""
    if not provinces:
        return population / population.sum()
    mask = np.zeros(population.size)
    mask[provinces] = population[provinces]
    return mask / mask.sum()
