"""Donors with funding cycles, and the UN peacekeeping mission.

A donor commits money for a cycle, split between DDR, capacity (train and equip), governance
(oversight and accountability) and quick wins, and disburses it after a lag. When a cycle ends it
is renewed with probability ``predictability``; an unrenewed cycle is a funding cliff that
interrupts programmes (002:55, 004:70, 003:793). Impatient donors facing slow progress or active
spoilers substitute for national actors, buying capacity now at the cost of ownership (002:55,
003:1754). Donors lean toward capacity over oversight (003:1755) through their
``governance_share``.

The mission deploys troops where violence is and draws down when its mandate ends, whether or not
a viable security sector exists (003:73). It works through three channels (Fortna 2008): its troops
deter (``SSRModel.deterrence``); troops and observers monitor, which makes deals credible
(``Bargaining.guarantee``), abuse costly (``Settlement._payoff``) and disarming less frightening
(``SSRModel._run_ddr``); and its troops protect civilians where they are (``Violence``; Hultman,
Kathman & Shannon 2013). Observers without troops monitor only (Doyle & Sambanis 2000).
"""

from __future__ import annotations

import mesa
import numpy as np

from .maths import held, saturation, toward

#: What donor money pays for, in the order of every donor's ledger (``funding.parquet``).
PROGRAMMES = ("ddr", "capacity", "governance", "quick_wins")
DDR, CAPACITY, GOVERNANCE, QUICK_WINS = range(len(PROGRAMMES))


class Donor(mesa.Agent):
    """One donor's cycles, commitments and disbursements (its ledger)."""

    def __init__(self, model, spec, index: int):
        super().__init__(model)
        self.name = spec.name
        self.index = index
        self.spec = spec
        self.next_decision = spec.cycle_offset  # month of the next (re)commitment decision
        self.cycle_end = -1
        self.active = True  # False after a donor_exit
        self.frustration = 0.0
        self.suspended_until = -1
        self.undisbursed = np.zeros(len(PROGRAMMES))
        self.monthly = np.zeros(len(PROGRAMMES))
        self.disburse_from = 0
        self.committed = np.zeros(len(PROGRAMMES))  # cumulative
        self.disbursed = np.zeros(len(PROGRAMMES))  # cumulative
        self.committed_now = np.zeros(len(PROGRAMMES))
        self.disbursed_now = np.zeros(len(PROGRAMMES))

    @property
    def in_cycle(self) -> bool:
        return self.model.month < self.cycle_end

    def _shares(self) -> np.ndarray:
        f = self.model.funding
        q = f.quick_win_share
        ddr = f.ddr_share * (1 - q) if self.model.ddr_caseload_left else 0.0
        gov_share = min(1.0, max(0.0, f.governance_share + self.spec.governance_offset))
        rest = 1 - q - ddr
        return np.array([ddr, rest * (1 - gov_share), rest * gov_share, q])

    def step(self) -> None:
        m = self.model
        f = m.funding
        dp = m.cfg.params.donors
        self.committed_now[:] = 0
        self.disbursed_now[:] = 0
        if self.active and m.month >= self.next_decision and not self.in_cycle:
            # The lever's two channels, renewal and the commitment's size, each held at a fixed
            # value by a knock-out (``params.donors.*_fixed_*``).
            predictability = min(1.0, max(0.0, held(f.predictability, dp.predictability_fixed_renewal)
                                          + self.spec.predictability_offset))
            first = self.cycle_end < 0
            if first or m.streams.donors.random() < predictability:
                total = held(f.annual_envelope, dp.envelope_fixed_commitment) * self.spec.envelope_scale \
                    * f.cycle_months / 12
                commit = total * self._shares()
                self.committed_now += commit
                self.committed += commit
                self.undisbursed += commit
                self.monthly = commit / f.cycle_months
                on_time = m.month == self.cycle_end  # a renewal continues the flow without a new lag
                self.disburse_from = m.month if on_time else m.month + m.cfg.params.donors.disbursement_lag
                self.cycle_end = m.month + f.cycle_months
                self.next_decision = self.cycle_end
            else:
                m.log("funding_cliff", self.name, size=float(self.undisbursed.sum()),
                      detail="cycle not renewed on time")
                self.next_decision = m.month + 12  # decides again next year
        # Impatience: slow progress and active spoilers raise the urge to drive (002:55).
        slow = 1.0 if m.effectiveness_gain < dp.slow_progress_threshold else 0.0
        # Spoiler activity (below 1, or 1 at most) matters only when progress is not slow.
        urge = (1 - self.spec.patience) * (slow if slow else max(slow, m.spoiler_activity))
        self.frustration = toward(self.frustration, urge, dp.frustration_rate)
        if self.active and m.month >= self.disburse_from and m.month >= self.suspended_until:
            pay = np.minimum(self.monthly, self.undisbursed)
            self.undisbursed -= pay
            self.disbursed += pay
            self.disbursed_now += pay

    @property
    def substitution(self) -> float:
        """Share of this donor's capacity money it implements itself (003:1754)."""
        return self.model.funding.substitution * self.frustration

    def exit(self) -> None:
        """The donor leaves: undisbursed money lapses, nothing more is committed."""
        self.active = False
        self.undisbursed[:] = 0

    def suspend(self, months: int) -> None:
        """Conditionality after a coup or repression: disbursements pause. The AU rejects
        unconstitutional changes of government and suspends such governments (003:1263-1270); that
        donors pause their aid is assumed. A suspension is pressure on the incumbent (a trigger)."""
        self.suspended_until = max(self.suspended_until, self.model.month + months)
        self.model.settlement.trigger("donor_pressure")


class PeacekeepingMission(mesa.Agent):
    """The UN mission: troops by province until its mandate ends, then drawdown."""

    def __init__(self, model):
        super().__init__(model)
        self.spec = model.cfg.context.peacekeeping
        self.troops = self.strength()
        self.observers = float(self.spec.observers)
        self.deployment = model.provinces.population.copy()
        self.announced_end = False

    def step(self) -> None:
        m = self.model
        pk = m.cfg.context.peacekeeping
        # A longer mandate is a decision (asked of the Security Council): ``levers.mandate_extension_months``.
        after = m.month - pk.mandate_months - m.levers.mandate_extension_months
        if after >= 0 and self.spec.troops > 0 and not self.announced_end:
            m.log("mandate_end", "peacekeeping", size=self.troops, detail="drawdown starts")
            self.announced_end = True
        share = 1.0 if after < 0 else max(0.0, 1 - (after + 1) / pk.drawdown_months)
        self.troops = self.strength() * share
        self.observers = self.spec.observers * share  # unarmed observers leave with the troops
        # Troops go where violence was, and otherwise follow the population.
        w = m.cfg.params.donors.deployment_violence_weight
        self.deployment = (1 - w) * m.provinces.population + w * m.violence_share

    def strength(self) -> float:
        """Troops at full deployment: a smaller first mission until ``full_strength_month``."""
        pk = self.spec
        if pk.initial_troops is not None and self.model.month < pk.full_strength_month:
            return float(pk.initial_troops)
        return float(pk.troops)

    def by_province(self) -> np.ndarray:
        return self.troops * self.deployment

    def monitoring(self) -> float:
        """How much of the parties' conduct the mission sees (0-1): troops and observers alike
        watch deals and abuses (Fortna 2008), saturating in their numbers."""
        return saturation(self.troops + self.observers, self.model.cfg.params.mission.monitoring_half_personnel)

    def protection(self) -> np.ndarray:
        """Share of killings of civilians the troops prevent, by province (Hultman, Kathman &
        Shannon 2013): only troops protect, more where more of them are."""
        mp = self.model.cfg.params.mission
        return mp.protection * saturation(self.by_province(), mp.protection_half_troops)
