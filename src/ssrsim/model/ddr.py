"""The DDR programme: cantonment intake, demobilisation, integration and reintegration places.

Its pace is a lever (`levers.ddr.*`); its throughput is gated by political will (000:15, 003:478)
and by money in the DDR trust fund (003:1574, 003:1386). When the fund runs dry, programmes pause
mid-way and participants drift back toward the grievance of those still waiting (a funding cliff,
002:55, 004:70). SSR that does not keep pace with DDR leaves fighters waiting (004:77).
"""

from __future__ import annotations

import numpy as np

from ..config.params import DDRParams
from .fighters import FighterPopulation, Status
from .maths import held


class DDRProgramme:
    """Moves fighters through the programme and keeps the trust fund's books."""

    def __init__(self, in_process: np.ndarray, integrable: np.ndarray, params: DDRParams):
        self._params = params  # params.ddr
        self.in_process = in_process.copy()  # per faction: eligible for cantonment
        self.integrable = integrable.copy()  # per faction: may be offered integration
        self.fund = 0.0  # US$ million held
        self.received = 0.0
        self.spent = 0.0
        self.funded = np.zeros(0, bool)  # per fighter: programme month paid this month
        self.reinsertion_paid = 1.0  # share of this month's reinsertion support the fund paid
        self.conditions = 1.0  # in the cantonment sites this month: upkeep paid x room (0-1)

    def deposit(self, amount: float) -> None:
        self.fund += amount
        self.received += amount

    def combatants_left(self, fighters: FighterPopulation) -> bool:
        """Whether a faction in the process has combatants left (led or not), read from the
        fighters counted by faction and status, without a search of the combatants."""
        factions = self.in_process.size
        return bool(fighters.by_faction_and_status(factions)[:factions, Status.COMBATANT][self.in_process].any())

    def _pay(self, want: float) -> float:
        paid = min(want, self.fund)
        self.fund -= paid
        self.spent += paid
        return paid

    def step(self, fighters: FighterPopulation, ddr, will_gate: float, room: np.ndarray,
             targets: np.ndarray, cost: float, rng: np.random.Generator, reserved: np.ndarray) -> np.ndarray:
        """One month of DDR; returns how many fighters joined each service.

        ``room`` is each service's places for integration (see ``SecurityForce.integration_room``)
        and ``targets`` its planned size, against which ``ddr.max_faction_share`` caps any one
        faction's integrated members (Arusha: no group above 50% of the forces). ``reserved``:
        per faction, the places deals keep for its fighters (``Bargaining.places_owed``).
        """
        # Intake: combatants of signatory factions enter cantonment at the lever's pace; those
        # still following a group (the hardliners of a split, §7.4) stay out.
        def signatories():
            unled = fighters.unled_combatants()
            return unled[self.in_process[fighters.faction[unled]]]
        # Kept until the population or the factions in the process change; none to search for while
        # no faction in the process has a combatant left (most months, once DDR has taken them in).
        if self.combatants_left(fighters):
            eligible = fighters.cached(("eligible", self.in_process.tobytes()), signatories)
        else:
            eligible = np.zeros(0, np.intp)
        # The pace's one channel, held at a fixed pace by a knock-out (``params.ddr.pace_fixed_intake``).
        pace = held(ddr.demobilization_per_month, self._params.pace_fixed_intake)
        intake = min(eligible.size, int(round(pace * will_gate)))
        self.intake_provinces = np.zeros(0, np.int16)  # where this month's intake handed in its weapons
        if intake:
            entering = rng.choice(eligible, intake, replace=False)
            fighters.move(entering, Status.CANTONED)
            self.intake_provinces = fighters.province[entering]

        # The sites' upkeep is paid from the fund first; more fighters than places crowd them.
        camped = fighters.where(Status.CANTONED).size
        want = camped * cost * self._params.cantonment_cost_share
        paid = self._pay(want) / want if want > 0 else 1.0
        self.conditions = paid * min(1.0, ddr.cantonment_capacity / camped) if camped else 1.0

        # Cantonment ends: integration offers while the services have room, else discharge.
        ready = fighters.where(Status.CANTONED)
        ready = ready[fighters.months_in_status[ready] >= ddr.cantonment_months]
        joined = np.zeros(room.size, np.int64)
        if ready.size:
            offered = ready[(rng.random(ready.size) < ddr.integration_share)
                            & self.integrable[fighters.faction[ready]]]
            integrated = np.zeros(fighters.n, bool)
            # Places a deal reserved come first, for its own faction's fighters and above the
            # services' planned size (``Bargaining.places_owed``); the rest take the room left.
            for faction in np.flatnonzero(reserved >= 1):
                own = offered[fighters.faction[offered] == faction]
                kept = np.floor(reserved[faction] * targets / targets.sum()).astype(np.int64)
                joined += self._place(fighters, own, kept, targets, ddr, rng, integrated)
            rest = offered[~integrated[offered]]
            joined += self._place(fighters, rest, np.maximum(room, 0).astype(np.int64), targets, ddr, rng, integrated)
            fighters.move(ready[~integrated[ready]], Status.DEMOBILIZED)  # the others, in ``ready``'s order

        # Reinsertion support for the newly discharged is paid from the fund.
        waiting = fighters.where(Status.DEMOBILIZED)
        recent = np.count_nonzero(fighters.months_in_status[waiting] < ddr.reinsertion_months)
        want = recent * cost * self._params.reinsertion_cost_share  # reinsertion: a share of a programme month
        self.reinsertion_paid = self._pay(want) / want if want > 0 else 1.0

        # Free places go to those waiting longest, as far as the fund pays for a month.
        in_programme = int(fighters.counts()[Status.REINTEGRATING])
        places = max(0, ddr.reintegration_capacity - in_programme)
        affordable = int(self.fund / cost) - in_programme if cost > 0 else places
        admit = max(0, min(places, waiting.size, affordable))
        if admit:
            longest = np.argpartition(-fighters.months_in_status[waiting], admit - 1)[:admit]
            chosen = waiting[longest]
            fighters.move(chosen, Status.REINTEGRATING)
            fighters.programme_left[chosen] = ddr.reintegration_months
            # Support deepens with length: 1-2+ years give a "place" (000:12); scale ``support_depth_months``.
            fighters.support[chosen] = 1 - np.exp(-ddr.reintegration_months / self._params.support_depth_months)

        # This month's programme places are paid for as far as the fund goes.
        participants = fighters.where(Status.REINTEGRATING)
        self.funded = np.zeros(fighters.n, bool)
        if participants.size:
            paid = self._pay(participants.size * cost)
            share = paid / (participants.size * cost) if cost > 0 else 1.0
            progress = participants[rng.random(participants.size) < share]
            self.funded[progress] = True
            fighters.programme_left[progress] -= 1
            done = progress[fighters.programme_left[progress] <= 0]
            fighters.move(done, Status.REINTEGRATED)
            self.funded[done] = True
        return joined

    def _place(self, fighters: FighterPopulation, offered: np.ndarray, room_left: np.ndarray, targets: np.ndarray,
               ddr, rng: np.random.Generator, integrated: np.ndarray) -> np.ndarray:
        """Integrate as many of ``offered`` as ``room_left`` (places per service) takes, each into
        a service drawn in proportion to its room, within the faction caps; marks them in
        ``integrated`` and returns how many joined each service."""
        take = min(offered.size, int(room_left.sum()))
        chosen = rng.choice(offered, take, replace=False) if take < offered.size else offered
        if not take:
            return np.zeros(room_left.size, np.int64)
        services = rng.choice(room_left.size, size=take, p=room_left / room_left.sum())
        if ddr.max_faction_share < 1:
            keep = self._within_faction_caps(fighters, chosen, services, targets, ddr.max_faction_share)
            chosen, services = chosen[keep], services[keep]
        fighters.service[chosen] = services
        fighters.move(chosen, Status.INTEGRATED)
        integrated[chosen] = True
        return np.bincount(services, minlength=room_left.size)

    @staticmethod
    def _within_faction_caps(fighters: FighterPopulation, chosen: np.ndarray, services: np.ndarray,
                             targets: np.ndarray, cap: float) -> np.ndarray:
        """Which of the offers keep each faction within ``cap`` x planned size of each service."""
        serving = fighters.where(Status.INTEGRATED)
        factions = int(max(fighters.faction[: fighters.n].max(), 0)) + 1
        used = np.zeros((factions, targets.size), np.int64)
        np.add.at(used, (fighters.faction[serving], fighters.service[serving]), 1)
        limit = np.floor(cap * targets).astype(np.int64)
        keep = np.zeros(chosen.size, bool)
        for g in np.unique(fighters.faction[chosen]):
            for s in range(targets.size):
                rows = np.flatnonzero((fighters.faction[chosen] == g) & (services == s))
                keep[rows[: max(0, limit[s] - used[g, s])]] = True
        return keep

    def admit_faction(self, faction: int) -> None:
        """A peace deal brings a holdout faction into the programme."""
        self.in_process[faction] = True

    def withdraw_faction(self, faction: int) -> None:
        """A broken deal takes the faction out: no more of its combatants enter cantonment."""
        self.in_process[faction] = False
