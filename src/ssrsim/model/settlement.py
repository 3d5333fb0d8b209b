"""The political settlement: the ruling coalition's elite factions, the incumbent's choices, coups.

The government is a coalition of 3-4 elite factions (docs/model.md §6). Each holds posts in
government and in the military and a share of the rents (Hartzell & Hoddie 2003; Khan 2010; de
Waal 2015), fears prosecution (001:11), commands officers in each service, and may have an armed
group. Its grievance follows how far its power falls short of what its support base expects, and
rises when it is excluded or when the incumbent represses.

The incumbent faction chooses at trigger events and at periodic reviews, from a small menu
(status quo, share power, co-opt with rents, exclude a rival, repress), by a logit choice over
named payoff terms: the power it keeps (posts and rents), the threat of losing office times the fear of prosecution, and
the costs that oversight, donors' conditionality, a mission and the prevention architecture impose. Excluding a rival lowers
the coup threat it poses and raises the threat that it rebels: the coup-civil war trap (Roessler
2016; Svolik 2012; Call 2012). A coup succeeds or fails by the balance of the units that side with
the plotters and with the incumbent, not by a hazard; a failed coup brings purges.
"""

from __future__ import annotations

import mesa
import numpy as np

from ..config import SERVICES
from .maths import dot, logistic, saturation, toward

#: The incumbent's menu. ``share``, ``co_opt`` and ``exclude`` name a target faction.
OPTIONS = ("status_quo", "share", "co_opt", "exclude", "repress")
#: The named payoff terms of the incumbent's choice, reported each month (``groups.parquet``).
PAYOFF_TERMS = ("power_kept", "threat", "prosecution", "costs")


class EliteFaction(mesa.Agent):
    """One faction of the ruling coalition."""

    def __init__(self, model, spec, index: int):
        super().__init__(model)
        self.name = spec.name
        self.index = index
        self.posts_government = spec.posts_government
        self.posts_military = spec.posts_military
        self.rents = spec.rents
        self.entitlement = spec.entitlement
        self.fear_of_prosecution = spec.fear_of_prosecution
        self.loyal = np.array([spec.loyal_units.get(s, 0.0) for s in SERVICES])  # share of each service's units
        self.armed_wing = spec.armed_wing  # fighters who can take up arms
        self.armed_group = None  # its Spoiler, set by the model
        self.included = spec.included
        self.held_out_until = spec.excluded_months  # no posts or rents by the incumbent's choice until then
        self.entrenched = spec.entrenched  # its posts are guaranteed: never excluded by the incumbent
        self.contests_elections = spec.contests_elections  # a party; a network of officers never boycotts
        self.grievance = 0.0
        self.boycotting = False  # left the government over an election it judged flawed: no posts until the next
        self.purge_left = np.zeros(len(SERVICES))  # loyal shares still to be purged

    def power(self, p) -> float:
        """Its share of power: posts in government and in the military and rents, weighted."""
        wg, wm, wr = power_weights(p)
        return (wg * self.posts_government + wm * self.posts_military + wr * self.rents) / (wg + wm + wr)


def power_weights(p) -> tuple[float, float, float]:
    """The weights of posts in government, of military posts and of rents in a faction's power,
    normalised where they are used. All three at 0, which their ranges allow (a global sensitivity
    study reaches it), would weigh nothing: the three then count alike."""
    weights = (p.weight_government, p.weight_military, p.weight_rents)
    return weights if sum(weights) > 0 else (1.0, 1.0, 1.0)


class Settlement:
    """The coalition, its rents, the incumbent's choices and the factions' moves."""

    def __init__(self, model, specs):
        self.model = model
        self.factions = [EliteFaction(model, spec, i) for i, spec in enumerate(specs)]
        self.incumbent = next(f for f in self.factions if specs[f.index].incumbent)
        self.repress_until = -1
        self.triggered = False
        self.discontent = False  # last month: low confidence while legitimacy is below its start
        self.fighting = False  # last month: battle deaths at the attack trigger
        self.reason = ""
        self.last_choice = "status_quo"
        self.last_target = ""
        self.payoffs = dict.fromkeys(PAYOFF_TERMS, 0.0)
        self.coup_attempts = 0
        self.coup_successes = 0
        self.last_coup_attempt: int | None = None  # months, read by the atrocity risk panel
        self.last_term_limit_bid: int | None = None
        self.choices = dict.fromkeys(OPTIONS, 0)
        self.rent_pool = 0.0
        self.aid_rents = 0.0
        self.rent_pool_start = None  # the first month's pool: rents are valued against it

    # ------------------------------------------------------------------ state read by others
    @property
    def others(self) -> list[EliteFaction]:
        return [f for f in self.factions if f is not self.incumbent]

    @property
    def repressing(self) -> bool:
        return self.model.month < self.repress_until

    def exclusion(self) -> float:
        """Share of the coalition's entitlement held by excluded factions (0: everyone is in)."""
        total = sum(f.entitlement for f in self.factions)
        return sum(f.entitlement for f in self.factions if not f.included) / total

    def power_sharing(self, joining: EliteFaction | None = None, step: float = 0.0) -> float:
        """Share of the government posts held by included factions other than the incumbent's
        (political power sharing: Hartzell & Hoddie 2003); with ``joining``, as it would be once
        the incumbent shared ``step`` of its posts with that excluded faction (``share``)."""
        total = sum(f.posts_government for f in self.factions)
        shared = sum(f.posts_government for f in self.others if f.included)
        if joining is not None and not joining.included:
            shared += joining.posts_government + min(self.incumbent.posts_government, step)
        return shared / total if total > 0 else 0.0

    def coalition_grievance(self) -> float:
        """The included factions' grievance, weighted by their posts (what resists reform from inside)."""
        weights = [f.posts_government + f.posts_military for f in self.factions if f.included]
        if not sum(weights) > 0:
            return 0.0
        # np.average's arithmetic (sum of values x weights over sum of weights), without its checks' cost.
        w = np.array(weights, dtype=float)
        return float((np.array([f.grievance for f in self.factions if f.included], dtype=float) * w).sum() / w.sum())

    def patron_of(self, spoiler) -> EliteFaction | None:
        return next((f for f in self.factions if f.armed_group is spoiler), None)

    def backing(self, spoiler) -> float:
        """Resources an excluded, aggrieved patron faction lends its armed group (0 if none)."""
        patron = self.patron_of(spoiler)
        p = self.model.cfg.params.settlement
        if patron is None or patron.included or patron.grievance < p.rebellion_threshold:
            return 0.0
        return p.backing * patron.grievance

    def measures(self, strike: list[float] | None = None) -> dict[str, dict[str, float]]:
        """Each faction's state this month, for ``groups.parquet`` (the incumbent also its payoffs).
        ``strike``: each faction's ``strike_chance`` this month, if already worked out."""
        out = {}
        strike = self.strike_chances() if strike is None else strike
        for f, chance in zip(self.factions, strike):
            row = {"posts_government": f.posts_government, "posts_military": f.posts_military, "rents": f.rents,
                   "grievance": f.grievance, "included": float(f.included), "incumbent": float(f is self.incumbent),
                   **{f"loyal_{s}": v for s, v in zip(SERVICES, f.loyal)},
                   "strike_chance": chance}
            if f is self.incumbent:
                row.update({f"payoff_{t}": v for t, v in self.payoffs.items()})
            out[f.name] = row
        return out

    # ------------------------------------------------------------------ triggers
    def trigger(self, reason: str) -> None:
        """A trigger event (election, term-limit bid, protest, attack, coup, donor pressure)."""
        self.triggered = True
        self.reason = reason

    def term_limit_bid(self) -> None:
        """The incumbent seeks another term: every other faction's grievance jumps, most for a
        faction entrenched by the agreement whose term limit the bid overrides."""
        p = self.model.cfg.params.settlement
        for f in self.others:
            f.grievance = toward(f.grievance, 1.0, p.term_limit_grievance_entrenched if f.entrenched
                                 else p.term_limit_grievance)
        self.last_term_limit_bid = self.model.month
        self.trigger("term_limit_bid")

    def election(self, fair: bool) -> bool:
        """An election: aggrieved excluded factions boycott it; if it is judged flawed (``fair``
        false), so do aggrieved partners in government, who leave it and refuse posts until the
        next election (Beaulieu & Hyde 2009; the FNL in 2010: ICG 2011). An entrenched faction's
        place is guaranteed, so it stays; a network of officers does not stand in elections, so it
        has none to boycott. Returns whether any faction boycotted."""
        p = self.model.cfg.params.settlement
        for f in self.factions:
            f.boycotting = False  # a new vote: a faction that left over the last one may be asked back
        voters = [f for f in self.others if f.contests_elections]
        boycott = [f for f in voters if not f.included and f.grievance >= p.rebellion_threshold]
        for f in boycott:
            self.model.log("boycott", f.name, detail=f"excluded, grievance {f.grievance:.2f}")
        leaving = [] if fair else [f for f in voters
                                   if f.included and not f.entrenched and f.grievance >= p.rebellion_threshold]
        for f in leaving:
            self.model.log("boycott", f.name, detail=f"leaves the government, grievance {f.grievance:.2f}")
            self._exclude(f)
            f.boycotting = True
        self.trigger("election")
        return bool(boycott or leaving)

    # ------------------------------------------------------------------ the month
    def step(self) -> None:
        """Rents, grievance, purges; the incumbent's choice if triggered; coups; re-arming."""
        m = self.model
        p = m.cfg.params.settlement
        self._collect_rents()
        for f in self.factions:
            f.grievance = toward(f.grievance, self._grievance_target(f), p.grievance_rate)
            self._purge(f, p)
        reason = self._protest_or_attack(p) or ("review" if m.month % p.review_months == 0 else "")
        if reason and not self.triggered:
            self.trigger(reason)
        if self.triggered:
            self.triggered = False  # a trigger raised by the choice itself (donors react) counts next month
            self._choose()
        self._coups(p)
        self._rearm(p)
        m.government.repression = toward(m.government.repression, float(self.repressing),
                                         m.cfg.params.government.repression_rate)

    def _collect_rents(self) -> None:
        """The rent pool: budget leakage, captured aid, resources, customs, regional mission pay."""
        m = self.model
        econ = m.economy
        aid = sum(float(d.disbursed_now.sum()) for d in m.donors)
        self.aid_rents = m.cfg.params.settlement.aid_capture * aid
        other = (econ.resource_rents + econ.customs_rents + econ.regional_mission_pay) / 12
        self.rent_pool = m.government.budget["leakage"] + self.aid_rents + other
        if self.rent_pool_start is None:
            self.rent_pool_start = max(self.rent_pool, np.finfo(float).tiny)

    def _grievance_target(self, f: EliteFaction, excluded: bool | None = None, power: float | None = None,
                          repression: float | None = None) -> float:
        p = self.model.cfg.params.settlement
        excluded = (not f.included) if excluded is None else excluded
        power = f.power(p) if power is None else power
        repression = self.model.government.repression if repression is None else repression
        if f is self.incumbent:
            return max(0.0, 1 - power / f.entitlement)
        target = max(0.0, 1 - power / f.entitlement) + p.exclusion_grievance * excluded \
            + p.repression_grievance * repression
        return min(1.0, target)

    def _purge(self, f: EliteFaction, p) -> None:
        """Purged officers are replaced by the incumbent's, a share each month."""
        if not f.purge_left.any():
            return
        moved = np.minimum(f.purge_left, f.loyal) * p.purge_rate
        f.loyal = f.loyal - moved
        f.purge_left = f.purge_left - moved
        f.purge_left[f.purge_left < np.finfo(float).eps] = 0.0
        self.incumbent.loyal = self.incumbent.loyal + moved

    def _protest_or_attack(self, p) -> str:
        """``"attack"`` when heavy fighting begins, ``"protest"`` when confidence falls low while
        legitimacy is below its start, else ``""``. Each is a trigger when it begins: fighting or
        discontent that lasts brings no new choice each month (the periodic review covers it)."""
        m = self.model
        discontent = (m.public_confidence < p.protest_confidence
                      and m.government.legitimacy < m.cfg.context.government.legitimacy)
        fighting = m.deaths_history[m.month] >= p.attack_trigger_deaths
        protest, self.discontent = discontent and not self.discontent, discontent
        attack, self.fighting = fighting and not self.fighting, fighting
        return "attack" if attack else "protest" if protest else ""

    # ------------------------------------------------------------------ the balance of units
    def _unit_strength(self) -> list[float]:
        """Weight of each service's units in a coup: personnel times the service's weight.

        The balance of units is worked out on three numbers, a service each, as Python floats:
        the same sums, products and quotients as numpy's, without its cost per call, which is
        many times the arithmetic (the incumbent weighs it for every faction and option)."""
        p = self.model.cfg.params.settlement
        return [force.size * getattr(p, f"coup_weight_{s}") for s, force in zip(SERVICES, self.model.forces)]

    def _defection(self) -> float:
        """Chance a professional unit sides with the plotters: more without civilian control,
        when the army is unpaid (004:78) and when it is divided (004:7)."""
        m = self.model
        p = m.cfg.params.settlement
        army = m.forces[0]
        unpaid = 1 - army.pay_adequacy
        return min(1.0, p.professional_defection * (1 - m.government.civilian_control)
                   * ((1 - p.defection_pay_weight) + p.defection_pay_weight * unpaid)
                   * (1 + p.defection_cohesion_weight * (1 - army.cohesion)))

    def _balance(self) -> tuple[list[float], list[float], float]:
        """What a coup's expected balance rests on now, whoever plots: the units' strength, the
        expected share of each service's units that are disaffected (its professional share times
        the chance a professional unit defects; ``_following`` says how many of them a given
        plotter draws) and the weight expected to defend the incumbent (its loyal units that turn
        out and the professional units that are not disaffected)."""
        p = self.model.cfg.params.settlement
        strength, defect = self._unit_strength(), self._defection()
        professional = [1 - sum(held) for held in zip(*(g.loyal.tolist() for g in self.factions))]
        defenders = dot(strength, [p.defender_turnout * loyal + share * (1 - defect)
                                   for loyal, share in zip(self.incumbent.loyal.tolist(), professional)])
        return strength, [share * defect for share in professional], defenders

    def success_chance(self, f: EliteFaction, loyal: np.ndarray | None = None,
                       balance: tuple | None = None) -> float:
        """What a faction expects: its units' share of the expected balance against the incumbent.
        ``balance``: ``_balance()``, if already worked out this month (it is the same for every faction)."""
        strength, defecting, defenders = self._balance() if balance is None else balance
        loyal = (f.loyal if loyal is None else loyal).tolist()
        plotters = dot(strength, [units + share * following for units, share, following
                                  in zip(loyal, defecting, self._following(loyal))])
        return plotters / (plotters + defenders) if plotters + defenders > 0 else 0.0

    def _following(self, loyal: list[float]) -> list[float]:
        """Share of each service's disaffected professional units that follow plotters with these loyal
        units: officers join the side they expect to prevail (a coup is a coordination game, Singh
        2014), judged by the plotters' loyal units against the incumbent's. So a faction whose units
        were purged cannot borrow the army's discontent to win."""
        return [units / (units + mine) if units + mine > 0 else 0.0
                for units, mine in zip(loyal, self.incumbent.loyal.tolist())]

    def strike_chance(self, f: EliteFaction, balance: tuple | None = None) -> float:
        """Chance that faction ``f`` strikes this month: a logit on its grievance and on its odds times its
        grievance, so a content faction does not strike because it could win (as ``_payoff`` weighs the threat)."""
        if f is self.incumbent or not f.loyal.any():
            return 0.0
        p = self.model.cfg.params.settlement
        return float(logistic(p.coup_base + p.coup_grievance * f.grievance
                              + p.coup_odds * f.grievance * self.success_chance(f, balance=balance)))

    def strike_chances(self) -> list[float]:
        """``strike_chance`` of each faction, in the order of ``factions``."""
        balance = self._balance()
        return [self.strike_chance(f, balance) for f in self.factions]

    def coup_risk(self, strike: list[float] | None = None) -> float:
        """Chance that some faction strikes this month, by the factions' own rule (the incumbent's
        chance is 0). ``strike``: ``strike_chances()``, if already worked out this month."""
        strike = self.strike_chances() if strike is None else strike
        return 1 - float(np.prod([1 - chance for chance in strike]))

    def _coups(self, p) -> None:
        """Each faction with loyal units decides whether to strike; one attempt a month at most."""
        m = self.model
        balance = self._balance()  # unchanged until an attempt, which ends the month's turn
        for f in self.others:
            chance = self.strike_chance(f, balance)
            if chance > 0 and m.streams.politics.random() < chance:
                self.coup(f)
                return

    def coup(self, f: EliteFaction, forced: bool = False) -> bool:
        """An attempt: each professional unit is disaffected or defends; the disaffected join the
        plotters or sit out (``_following``); the plotters win if they outweigh the defenders."""
        m = self.model
        p = m.cfg.params.settlement
        expected = self.success_chance(f)  # what the plotters expected, for the record
        strength = np.array(self._unit_strength())
        units = np.maximum(np.round(np.array([force.size for force in m.forces]) / p.unit_size), 1)
        professional = np.clip(1 - sum(g.loyal for g in self.factions), 0.0, 1.0)
        free = np.round(units * professional).astype(np.int64)  # professional units, whole
        # Disaffected units that do not see the plotters prevailing sit out, as in success_chance.
        disaffected = m.streams.politics.binomial(free, self._defection())
        joining = m.streams.politics.binomial(disaffected, self._following(f.loyal.tolist()))
        # The incumbent's loyal units turn out unit by unit: not all of them in time.
        loyal_units = np.round(units * self.incumbent.loyal).astype(np.int64)
        defending = m.streams.politics.binomial(loyal_units, p.defender_turnout)
        per_unit = strength / units
        plotters = strength @ f.loyal + per_unit @ joining
        defenders = per_unit @ defending + per_unit @ (free - disaffected)
        succeeded = bool(plotters > defenders)
        self.coup_attempts += 1
        self.last_coup_attempt = m.month
        old = self.incumbent
        purged = np.zeros(len(SERVICES))
        if succeeded:
            self.coup_successes += 1
            f.posts_government, old.posts_government = f.posts_government + old.posts_government, 0.0
            f.posts_military, old.posts_military = f.posts_military + old.posts_military, 0.0
            f.rents, old.rents = f.rents + old.rents, 0.0
            f.included, old.included = True, False
            self.incumbent = f
        else:
            f.purge_left = np.zeros(len(SERVICES))
            purged = f.loyal * p.purge_after_coup
            f.loyal = f.loyal - purged
            old.loyal = old.loyal + purged
            self._exclude(f)
        m.coup_consequences(f, succeeded, forced, purged, expected)
        self.trigger("coup")
        return succeeded

    # ------------------------------------------------------------------ excluded factions
    def _rearm(self, p) -> None:
        """An excluded, aggrieved faction's armed wing may take up arms with its armed group.

        Re-arming is a return to arms: a group already at war only recruits. A faction's own
        dormant wing (``kind == "armed_wing"``) is the exception: the faction's backing lets it
        recruit a few fighters before the faction decides, and those few must not keep the wing's
        members out (they did: no baseline run re-armed after 87 exclusions in 40 replicates)."""
        m = self.model
        for f in self.others:
            if (f.included or f.armed_wing <= 0 or f.armed_group is None or f.grievance < p.rebellion_threshold
                    or (self.at_war(f) and f.armed_group.kind != "armed_wing")):
                continue
            if m.streams.politics.random() < logistic(p.rearm_base + p.rearm_grievance * f.grievance):
                m.rearm(f)

    def _exclude(self, f: EliteFaction) -> None:
        inc = self.incumbent
        inc.posts_government += f.posts_government
        inc.posts_military += f.posts_military
        inc.rents += f.rents
        f.posts_government = f.posts_military = f.rents = 0.0
        f.included = False

    # ------------------------------------------------------------------ the incumbent's choice
    def at_war(self, f: EliteFaction) -> bool:
        """Whether the faction's armed group fights without a deal: then posts come only with a
        deal (``Bargaining.settle``), not by the incumbent's choice alone (docs/model.md §6.3)."""
        group = f.armed_group
        return (group is not None and not group.co_opted and group.index not in self.model.bargaining.deals
                and self.model.armed_fighters_of(group) > 0)

    def _options(self) -> list[tuple[str, EliteFaction | None]]:
        """The menu now: power is shared with or rents moved to an excluded faction only if it
        does not fight without a deal, did not leave over the last election and is not held out of
        the settlement for a stated time (``excluded_months``)."""
        out = [("status_quo", None), ("repress", None)]
        month = self.model.month
        for f in self.others:
            if f.included:
                out += [("share", f), ("co_opt", f)] + ([] if f.entrenched else [("exclude", f)])
            elif not self.at_war(f) and not f.boycotting and month >= f.held_out_until:
                out += [("share", f), ("co_opt", f)]
        return out

    def share(self, f: EliteFaction, reason: str, step: float | None = None) -> None:
        """Share power with ``f`` outside the incumbent's choice: a deal with its armed group
        (posts are among a deal's terms: docs/model.md §7) or an agreed inclusion (a ``share_power``
        event). Counts as the incumbent's ``share`` option; ``step``: the posts moved, if not
        ``params.settlement.share_step``."""
        if f is self.incumbent:
            return
        f.boycotting = False  # a deal or an agreement is a new bargain, whatever the last vote
        self._apply("share", f, reason, step)

    def _payoff(self, option: str, target: EliteFaction | None, balance: tuple | None = None) -> dict[str, float]:
        """The incumbent's estimate of each payoff term if it took ``option`` (``balance``:
        ``_balance()``, if already worked out)."""
        m = self.model
        p = m.cfg.params.settlement
        inc = self.incumbent
        repression = 1.0 if option == "repress" else m.government.repression
        # The power the incumbent keeps: its posts, and its rents valued against the first month's
        # pool, less the aid donors may suspend after repression (and, less often, an exclusion).
        government, military, rents = inc.posts_government, inc.posts_military, inc.rents
        if option == "share":
            government, military = government - min(government, p.share_step), military - min(military, p.share_step)
        elif option == "co_opt":
            rents = rents - min(rents, p.co_opt_step)
        elif option == "exclude":
            government, military, rents = (government + target.posts_government, military + target.posts_military,
                                           rents + target.rents)
        reaction = {"repress": 1.0, "exclude": p.exclusion_cost_share}.get(option, 0.0)
        expected_aid_loss = self.aid_rents * m.levers.funding.conditionality * reaction
        pool = (self.rent_pool - expected_aid_loss) / self.rent_pool_start
        wg, wm, wr = power_weights(p)
        total = wg + wm + wr
        power_kept = (wg * government + wm * military + wr * rents * pool) / total
        # The threat: coups by factions with units, rebellion by excluded factions with arms, elections.
        survive = 1.0
        for f in self.others:
            power, excluded, loyal = f.power(p), not f.included, f.loyal
            if f is target:
                if option == "share":
                    power, excluded = power + p.share_step * (wg + wm) / total, False
                elif option == "co_opt":
                    power = power + p.co_opt_step * wr / total
                elif option == "exclude":
                    power, excluded, loyal = 0.0, True, f.loyal * (1 - p.purge_share)
            grievance = self._grievance_target(f, excluded, power, repression)
            coup = grievance * self.success_chance(f, loyal, balance) if loyal.any() else 0.0
            fighters = f.armed_wing + (self.model.armed_fighters_of(f.armed_group) if f.armed_group else 0)
            rebellion = grievance * excluded * saturation(fighters, p.rebellion_half_fighters)
            survive *= (1 - coup) * (1 - rebellion)
        election_due = m.schedule.election_within(m.month, 12)
        electoral = (1 - m.government.legitimacy) * election_due * (1 - p.repression_electoral_cut * repression)
        threat = 1 - survive * (1 - electoral)
        prosecution = inc.fear_of_prosecution * m.justice.reach_over_elites
        presence = m.mission.monitoring()
        conditionality = m.levers.funding.conditionality
        costs = 0.0
        if option == "repress":
            costs = p.cost_oversight * m.oversight_capacity + p.cost_donors * conditionality + p.cost_mission * presence \
                + m.prevention.repression_cost()
        elif option == "exclude":
            costs = p.exclusion_cost_share * (p.cost_donors * conditionality + p.cost_mission * presence)
        return {"power_kept": power_kept, "threat": threat, "prosecution": prosecution, "costs": costs}

    def utility(self, terms: dict[str, float]) -> float:
        p = self.model.cfg.params.settlement
        return (p.weight_power_kept * terms["power_kept"]
                - p.weight_threat * terms["threat"] * (1 + p.weight_prosecution * terms["prosecution"])
                - terms["costs"])

    def _choose(self) -> None:
        """The logit choice over the menu; the chosen option is applied at once."""
        m = self.model
        p = m.cfg.params.settlement
        options = self._options()
        balance = self._balance()  # the same for every option: options change loyalties, not units
        terms = [self._payoff(o, t, balance) for o, t in options]
        u = np.array([self.utility(t) for t in terms])
        weights = np.exp(p.choice_sensitivity * (u - u.max()))
        pick = int(m.streams.politics.choice(len(options), p=weights / weights.sum()))
        option, target = options[pick]
        self.payoffs = terms[pick]
        reason = self.reason
        self.last_choice, self.last_target = option, target.name if target else ""
        self.choices[option] += 1
        self._apply(option, target, reason)

    def _apply(self, option: str, target: EliteFaction | None, reason: str, step: float | None = None) -> None:
        m = self.model
        p = m.cfg.params.settlement
        inc = self.incumbent
        if reason == "early_warning" and option != "repress":
            self.repress_until = m.month  # warned, the incumbent calls off the repression under way
        if option == "status_quo":
            return
        if option == "share":
            for key in ("posts_government", "posts_military"):
                moved = min(getattr(inc, key), p.share_step if step is None else step)
                setattr(inc, key, getattr(inc, key) - moved)
                setattr(target, key, getattr(target, key) + moved)
            target.included = True
        elif option == "co_opt":
            moved = min(inc.rents, p.co_opt_step)
            inc.rents -= moved
            target.rents += moved
        elif option == "exclude":
            target.purge_left = target.loyal * p.purge_share
            self._exclude(target)
        elif option == "repress":
            self.repress_until = m.month + p.repression_months
            m.donors_react(p.suspension_after_repression)
        m.log("settlement", inc.name, detail=option + (f" {target.name}" if target else "") + f" (after {reason})")
