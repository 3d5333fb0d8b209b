"""Bargaining with armed groups (docs/model.md §7): no fixed chance of a deal.

The government puts offers to armed groups (a decision, at a rate set by its negotiation effort,
or a scheduled ``offer`` event). A group compares the offer, discounted by its belief that it
will be honoured, with fighting on, given the balance of force and what its stance makes it ask
(Stedman 1997; Greenhill & Major 2006). Beliefs are learnt from how promises are kept (places
filled, reinsertion paid, leaders left free) and propped up by third-party guarantees (Walter
2002). A deal can split a group (Cunningham 2006); a group whose deal is broken takes up arms
again and calls its former fighters back through its commanders' networks (Themnér 2011;
Daly 2016).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .fighters import Status
from .maths import logistic, toward
from .spoilers import ARMED

#: Who answers a broken deal's call to arms: its former fighters out of the process or serving.
RECALLED = np.zeros(len(Status), bool)
RECALLED[[Status.DEMOBILIZED, Status.REINTEGRATING, Status.REINTEGRATED, Status.INTEGRATED]] = True
#: Fighters who have been through cantonment: discharged or given a place in the services.
PROCESSED = np.flatnonzero(RECALLED)


@dataclass
class Deal:
    """What a group was promised, and to how many of its fighters."""

    month: int  # month of the (latest) deal
    fighters: int  # fighters who came into the process under it
    places: float  # share of them promised a place in the services once out of cantonment
    reserved: int  # fighters whose places are kept for them (none under the peace agreement: the quota's)


class Bargaining:
    """Offers, beliefs, deals, splits and breakdowns for every spoiler."""

    def __init__(self, model):
        self.model = model
        self.p = model.cfg.params.bargaining
        self.belief = np.full(len(model.spoilers), self.p.initial_belief)
        self.deals: dict[int, Deal] = {}  # by spoiler index
        self.arrested_until = np.full(len(model.spoilers), -1)
        self.kept = np.full(len(model.spoilers), np.nan)  # this month's promise-keeping, per deal
        self.record = self.p.initial_belief  # the government's record of keeping promises, as groups see it
        self.expected_winner = self._expected_winner()
        # Per faction: the share of its fighters waiting for cantonment held in pre-assembly areas
        # (none for the recruits of groups that have no faction in the scenario).
        self.assembled = np.zeros(len(model.faction_names))
        self.assembled[: len(model.cfg.context.factions)] = [f.assembled for f in model.cfg.context.factions]
        self.timetable_start = np.zeros(len(model.faction_names), np.int64)
        self.timetable_start[: len(model.cfg.context.factions)] = [f.ddr_timetable_start for f in model.cfg.context.factions]
        self.offers = 0
        self.accepted = 0
        self.breakdowns = 0

    # ------------------------------------------------------------------ the month
    def step(self) -> None:
        """Beliefs follow the record, broken deals break down, and the government makes offers."""
        m = self.model
        self._learn()
        for index in [i for i in self.deals if self.belief[i] < self.p.breakdown_belief]:
            self.break_down(m.spoilers[index])
        armed = m._local_spoilers().sum(axis=1)
        chance = self.p.offer_rate * m.levers.holdout_talks
        for s in m.spoilers:
            if not s.co_opted and armed[s.index] > 0 and m.streams.bargaining.random() < chance:
                self.offer(s)

    def _learn(self) -> None:
        """Each group's belief moves toward how promises are kept: its own deal's, else the
        government's record (which follows the deals in force and remembers them when there are
        none), made up in part by guarantees; an arrest of its leaders counts as a promise broken
        outright. One learning rate for all."""
        m = self.model
        rate = self.p.learning_rate
        self.kept[:] = np.nan
        for index, deal in self.deals.items():
            self.kept[index] = self._promise_kept(index, deal)
        arrested = self.arrested_until >= m.month
        known = ~np.isnan(self.kept)
        self.kept[arrested & known] = 0.0
        if self.deals:
            # The mean of the known values as np.nanmean works it out (their sum, the others as 0, over
            # their count), without its overhead.
            self.record = toward(self.record, float(np.where(known, self.kept, 0.0).sum() / np.count_nonzero(known)),
                                 rate)
        own = np.where(known, self.kept, self.record)
        own[arrested] = 0.0
        g = self.guarantee()
        self.belief = toward(self.belief, g + (1 - g) * own, rate)

    def _promise_kept(self, index: int, deal: Deal) -> float:
        """Places filled times the pace kept times the share of reinsertion support paid this month.

        Places filled: of the group's fighters who have left cantonment, the share in the
        services against the share promised (judged once ``grace_months`` have passed). Pace
        kept: the share of the deal's fighters no longer waiting for cantonment against the
        share due by now on a ``ddr_timetable_months`` timetable, counted from the deal or, if
        later, from when the programme they were to enter opened (``context.factions[].
        ddr_timetable_start``): fighters left in the bush with their commanders are a promise
        unkept, but not before the programme could take them.
        """
        m = self.model
        start = max(deal.month, int(self.timetable_start[m.spoilers[index].faction]))
        due = min(1.0, (m.month - start) / self.p.ddr_timetable_months)
        pace = 1.0
        if due > 0 and deal.fighters:
            waiting = self._waiting(m.spoilers[index])
            pace = min(1.0, max(0.0, 1 - waiting / deal.fighters) / due)
        filled = self.places_filled(index, deal) if m.month - deal.month >= self.p.grace_months else 1.0
        return filled * pace * m.ddr.reinsertion_paid

    def places_filled(self, index: int, deal: Deal) -> float:
        """Of group ``index``'s fighters who have left cantonment, the share in the services
        against the share ``deal`` promised (0-1; 1 if it promised none or none has left)."""
        m = self.model
        if deal.places <= 0:
            return 1.0
        # Each faction's integrated and processed fighters, counted once for every deal.
        integrated, processed = m.fighters.cached("integrated_processed_by_faction", lambda: self._processed(m))
        faction = m.spoilers[index].faction
        return min(1.0, integrated[faction] / (deal.places * processed[faction])) if processed[faction] else 1.0

    @staticmethod
    def _processed(m) -> tuple[np.ndarray, np.ndarray]:
        """Each faction's fighters integrated in the services and its fighters processed (who
        have left cantonment), by faction: from the fighters counted by faction and status, a
        count kept up to date with them (``FighterPopulation.by_faction_and_status``), not a
        count of the whole population after each change."""
        counts = m.fighters.by_faction_and_status(len(m.faction_names))
        return counts[:, Status.INTEGRATED].copy(), counts[:, PROCESSED].sum(axis=1)  # the tally changes with them

    def places_owed(self) -> np.ndarray:
        """Per faction: the places in the services still owed to its fighters under deals made
        during the run (an accepted offer or a ``peace_deal`` event), which the services keep for
        them above their planned size (``DDRProgramme.step``). A deal that promises places makes
        room for them, as the integration quota does for the peace agreement's movements, whose
        deals reserve nothing more: Burundi's FNL had 3,500 fighters integrated in 2009 although
        the quota was filled (IRIN 2009; HRW)."""
        m = self.model
        owed = np.zeros(len(m.faction_names))
        reserving = [(m.spoilers[i].faction, d) for i, d in self.deals.items() if d.reserved and d.places > 0]
        if not reserving:
            return owed
        integrated, _ = m.fighters.cached("integrated_processed_by_faction", lambda: self._processed(m))
        for faction, deal in reserving:
            owed[faction] += deal.places * deal.reserved
        return np.maximum(0.0, owed - integrated)

    def _waiting(self, spoiler) -> int:
        """The group's fighters still in the bush waiting for cantonment (under no spoiler)."""
        m = self.model
        fi = m.fighters

        def faction_if_waiting(rows):  # each fighter's faction if a combatant under no spoiler, else -1
            return np.where((fi.status[rows] == Status.COMBATANT) & (fi.spoiler[rows] < 0), fi.faction[rows], -1)
        # Counted by faction, and the count kept up to date with the fighters who change (few a
        # month), instead of searching the combatants after each change.
        return int(fi.tally("faction_if_waiting", faction_if_waiting, len(m.faction_names))[spoiler.faction])

    def guarantee(self) -> float:
        """The share of a broken promise that a peacekeeping mission and a guarantor make up for."""
        m = self.model
        mission = self.p.guarantee_mission * m.mission.monitoring()
        return min(1.0, mission + self.p.guarantee_mediator * m.levers.offer.guarantor)

    # ------------------------------------------------------------------ offers
    def terms(self, spoiler) -> dict[str, float]:
        """What the current levers offer this group: places, a DDR package, an amnesty."""
        m = self.model
        ddr = m.levers.ddr
        places = ddr.integration_share if m.ddr.integrable[spoiler.faction] else 0.0
        months = ddr.reinsertion_months
        return {"places": places, "package": months / (months + self.p.package_half_months),
                "amnesty": m.levers.offer.amnesty, "posts": self.posts_offered(spoiler)}

    def posts_step(self) -> float:
        """The government posts (and as many military ones) a deal gives a patron faction outside
        the settlement: ``levers.offer.posts`` of a power-sharing step."""
        return self.model.levers.offer.posts * self.model.cfg.params.settlement.share_step

    def posts_offered(self, spoiler) -> float:
        """The power in government a deal would bring the group (0-1): a patron faction outside
        the settlement is given posts with the deal (``settle``), and the group then counts on the
        power shared and secured, as it does when it judges an election under its deal
        (``secured_power``), in proportion to the posts offered (``levers.offer.posts``). 0 for a
        group with no patron faction, whose patron already holds posts, or that is under a deal
        already: the deal brings it none."""
        st = self.model.settlement
        patron = st.patron_of(spoiler)
        offered = self.model.levers.offer.posts
        if patron is None or patron.included or spoiler.index in self.deals or offered <= 0:
            return 0.0
        shared = st.power_sharing(joining=patron, step=self.posts_step())
        return offered * (shared + (1 - shared) * self.guarantee())

    def value_of_offer(self, spoiler) -> float:
        """The terms, each at its weight, discounted by the group's belief that they will be
        honoured: places, a DDR package, an amnesty and posts (docs/model.md §7.2)."""
        p = self.p
        t = self.terms(spoiler)
        worth = (p.weight_places * t["places"] + p.weight_package * t["package"] + p.weight_amnesty * t["amnesty"]
                 + p.weight_power_sharing * t["posts"])
        return float(self.belief[spoiler.index] * worth)

    def balance(self, spoiler, armed: float | None = None) -> float:
        """The group's share of the balance of force (0-1): its armed fighters (by default those
        under it now) against the state's deterrence across the country (forces and
        peacekeepers), counted in fighters at ``force_ratio`` soldier-equivalents each."""
        m = self.model
        armed = float(m._local_spoilers()[spoiler.index].sum()) if armed is None else armed
        state = float(m.deterrence().sum()) / self.p.force_ratio
        return armed / (armed + state) if armed + state > 0 else 0.0

    def stance(self, spoiler, balance: float) -> str:
        """Its stance now: losing groups lower their aims, winning greedy ones raise them."""
        if balance < self.p.losing_balance:
            return "limited"
        if balance > self.p.winning_balance and spoiler.stance == "greedy":
            return "total"
        return spoiler.stance

    def value_of_fighting(self, spoiler) -> float:
        p = self.p
        balance = self.balance(spoiler)
        demand = {"limited": 0.0, "greedy": p.demand_greedy, "total": p.demand_total}[self.stance(spoiler, balance)]
        return p.weight_balance * balance + p.weight_resources * spoiler.resources + demand

    def secured_power(self) -> float:
        """The share of power a group that loses an election can count on (0-1): the government
        posts shared with factions other than the incumbent's, and of the rest the share that a
        peacekeeping mission and a third-party guarantor secure against the winner's abuse. A
        mission or power sharing each makes an early election safer (Brancati & Snyder 2013); a
        mission does it by checking political abuse and lowering fear (Fortna 2008), a guarantor
        by making the terms credible (Walter 2002)."""
        shared = self.model.settlement.power_sharing()
        return shared + (1 - shared) * self.guarantee()

    def value_of_staying(self, spoiler) -> float:
        """Staying in after an election: its deal, discounted by its belief, and the power it can
        count on in government."""
        return self.value_of_offer(spoiler) + self.p.weight_power_sharing * self.secured_power()

    def value_of_rejecting(self, spoiler) -> float:
        """Rejecting an election's result: fighting with the fighters still in the bush, those its
        commanders can expect to call back, and the resources of a group that re-arms. Its aims
        were settled by its deal, so no demand of its stance is added: the question is only
        whether arms would do better than the vote."""
        p = self.p
        armed = self.waiting_strength(spoiler) + self._recallable(spoiler)
        return p.weight_balance * self.balance(spoiler, armed) + p.weight_resources * p.rearm_resources

    def waiting_strength(self, spoiler) -> float:
        """Its fighters waiting for cantonment, in fighters of the bush: those who wait in
        pre-assembly areas, registered and watched (``context.factions[].assembled``), count at
        ``assembled_force_ratio`` / ``force_ratio``: a force whose positions are known can be held
        at a conventional ratio (the 3:1 rule, Mearsheimer 1989), a guerrilla in the bush only at
        the higher one. In Burundi the African mission gathered the movements' fighters in such
        areas before cantonment (IRIN 2003)."""
        p = self.p
        located = min(1.0, p.assembled_force_ratio / p.force_ratio)
        return self._waiting(spoiler) * (1 - self.assembled[spoiler.faction] * (1 - located))

    def _recallable(self, spoiler) -> float:
        """The former fighters the group's commanders can expect to answer a call to arms: each
        of its faction's fighters who went through cantonment answers with probability
        ``recall`` x tie, the chance ``break_down`` draws. Demobilisation therefore does not end
        a movement's threat at once: it fades as programmes loosen the ties (Themnér 2011;
        Daly 2016)."""
        fi = self.model.fighters
        n = fi.n
        former = (fi.faction[:n] == spoiler.faction) & RECALLED[fi.status[:n]]
        return self.p.recall * float(fi.tie[:n][former].sum(dtype=np.float64))

    def offer(self, spoiler) -> bool:
        """Put the current terms to a group; it accepts by a logit choice against fighting on."""
        m = self.model
        if spoiler.co_opted:
            return False
        deal, fight = self.value_of_offer(spoiler), self.value_of_fighting(spoiler)
        accepted = bool(m.streams.bargaining.random() < logistic(self.p.choice_sensitivity * (deal - fight)))
        self.offers += 1
        m.log("offer", spoiler.name, detail=f"{'accepted' if accepted else 'refused'}: the offer is worth "
              f"{deal:.2f} to its leaders, fighting on {fight:.2f}")
        if accepted:
            self.accepted += 1
            self.settle(spoiler)
        return accepted

    # ------------------------------------------------------------------ deals
    def agreement(self, spoiler) -> None:
        """The peace agreement is a deal with each signatory movement, made at month 0: its
        fighters wait for cantonment under their commanders, and it judges the promises kept as
        any group does (and can take them back to war)."""
        fi = self.model.fighters
        members = int(np.count_nonzero(fi.faction[: fi.n] == spoiler.faction))
        self.deals[spoiler.index] = Deal(self.model.month, members, self.terms(spoiler)["places"], 0)
        spoiler.co_opt()

    def settle(self, spoiler) -> None:
        """A deal: its armed fighters enter the process, except those who refuse it (a split)."""
        m = self.model
        if spoiler.co_opted:
            return
        fi = m.fighters
        mine = np.flatnonzero((fi.spoiler[: fi.n] == spoiler.index) & ARMED[fi.status[: fi.n]])
        draw = m.streams.bargaining
        splits = draw.random() < self.p.split_chance * (1 - self.belief[spoiler.index])
        refuse = draw.random(mine.size) < self.p.hardliner_share if splits else np.zeros(mine.size, bool)
        joining, staying = mine[~refuse], mine[refuse]
        remob = joining[fi.status[joining] == Status.REMOBILIZED]
        fi.move(remob, Status.CANTONED)
        fi.follow(joining, -1)
        fi.faction[remob] = spoiler.faction
        m.ddr.admit_faction(spoiler.faction)
        earlier = self.deals.get(spoiler.index)
        self.deals[spoiler.index] = Deal(m.month, joining.size + (earlier.fighters if earlier else 0),
                                         self.terms(spoiler)["places"], joining.size + (earlier.reserved if earlier else 0))
        m.log("peace_deal", spoiler.name, size=joining.size, detail=f"{joining.size} fighters enter the process")
        if staying.size:
            spoiler.resources *= staying.size / mine.size
            m.log("split", spoiler.name, size=staying.size,
                  detail=f"{staying.size} fighters refuse the deal and fight on")
        else:
            spoiler.co_opt()
        patron = m.settlement.patron_of(spoiler)
        if patron is not None and not patron.included and self.posts_step() > 0:
            m.settlement.share(patron, "deal", self.posts_step())  # posts for its political wing, if offered

    def break_down(self, spoiler, cause: str = "") -> None:
        """A broken deal: the group takes up arms again and its commanders call former fighters
        back; each answers with probability ``recall`` x its tie to the commander. ``cause``: why,
        when it is not the group's lost belief (its political wing re-arms, for example)."""
        m = self.model
        fi = m.fighters
        del self.deals[spoiler.index]
        self.breakdowns += 1
        spoiler.rearm(self.p.rearm_resources)
        m.ddr.withdraw_faction(spoiler.faction)
        mine = fi.faction[: fi.n] == spoiler.faction
        # Those still in the bush, waiting for cantonment, are its fighters again.
        fi.follow(np.flatnonzero(mine & (fi.status[: fi.n] == Status.COMBATANT)), spoiler.index)
        former = np.flatnonzero(mine & RECALLED[fi.status[: fi.n]])
        back = former[m.streams.bargaining.random(former.size) < self.p.recall * fi.tie[former]]
        m.take_up_arms(back, spoiler.index)
        m.log("deal_broken", spoiler.name, size=back.size,
              detail=f"{cause or f'belief {self.belief[spoiler.index]:.2f}'}; {back.size} former fighters answer "
              "the call to arms")

    def election(self) -> None:
        """An election: each group under a deal judges it again, by the rule it answers offers
        with. Staying in is worth its deal, discounted by its belief, plus the power it can count
        on in government (``secured_power``); rejecting the result is worth fighting with the fighters still waiting
        for cantonment (``waiting_strength``) and those its commanders can call back, against the state's
        deterrence. So early elections, before demobilisation, are riskier unless power is shared
        or a mission deters and guarantees
        (Brancati & Snyder 2013; Paris 2004). A group that rejects the result breaks its deal."""
        m = self.model
        for index in list(self.deals):
            spoiler = m.spoilers[index]
            if spoiler.faction == self.expected_winner:
                continue  # it expects to win the vote, not to lose it
            stay = self.value_of_staying(spoiler)
            fight = self.value_of_rejecting(spoiler)
            if m.streams.bargaining.random() < logistic(self.p.choice_sensitivity * (fight - stay)):
                m.log("election_rejected", spoiler.name, detail=f"staying in is worth {stay:.2f} to its leaders, "
                      f"fighting on {fight:.2f}")
                self.break_down(spoiler)

    def _expected_winner(self) -> int | None:
        """The signatory faction that expects to win elections, if any: where a faction's identity
        group is a majority of the population, votes follow identity (elections as an ethnic
        census: Horowitz 1985), and the largest signatory faction of that group expects to win.
        Factions drawn like the population (no group of their own) expect nothing."""
        m = self.model
        specs = m.cfg.context.factions
        groups = [g.name for g in m.cfg.context.groups]
        majority = [groups[i] for i in np.flatnonzero(m.group_shares > 1 - m.group_shares)]  # more than half
        rivals = [(f.fighters, i) for i, f in enumerate(specs)
                  if f.in_process and not f.government and f.group is not None and f.group in majority]
        return max(rivals)[1] if rivals else None

    def arrest(self, spoiler) -> None:
        """The group's leaders are arrested: a promise broken outright for ``arrest_months``."""
        self.arrested_until[spoiler.index] = self.model.month + self.p.arrest_months
        self.model.log("arrest", spoiler.name, detail=f"its leaders are arrested; counted as a broken promise "
                       f"for {self.p.arrest_months} months")

    def measures(self) -> dict[str, dict[str, float]]:
        """Each armed group's belief and, under a deal, how its promises are kept (groups.parquet)."""
        rows = {}
        for s in self.model.spoilers:
            row = {"belief": self.belief[s.index]}
            if not np.isnan(self.kept[s.index]):
                row["promise_kept"] = self.kept[s.index]
            rows[s.name] = row
        return rows
