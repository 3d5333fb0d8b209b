"""SSRModel: one post-conflict country, month by month after the peace agreement.

The few institutional actors are Mesa agents (government, three security services, donors, the
peacekeeping mission, four oversight bodies, spoilers); fighters and citizens are array-backed
populations of individuals. Relapse is not a parameter: battle deaths come only from clashes
between spoilers and the forces, and a run relapses when its trailing battle deaths reach the
UCDP threshold (Kreutz 2010). Each mechanism's source is listed in ``docs/model.md``.

Seeding: replicate r of a configuration draws from ``SeedSequence([seed, r])`` whatever the
levers, so runs that differ in one lever share their random streams (common random numbers).
"""

from __future__ import annotations

import mesa
import numpy as np

from ..config import SERVICES, Config, apply_lever
from .atrocity import AtrocityRisk
from .citizens import SEXES, CitizenPopulation
from .ddr import DDRProgramme
from .donors import CAPACITY, DDR, GOVERNANCE, QUICK_WINS, Donor, PeacekeepingMission
from .events import EventSchedule
from .fighters import IS_POST, STATUSES, FighterPopulation, Status
from .forces import SecurityForce
from .government import Government
from .justice import STAGES, JusticeChain
from .maths import dot, held, mean, polarisation, saturation, shock, toward
from .oversight import BODIES, OversightBody
from .prevention import Prevention
from .provinces import ProvinceNetwork
from .region import Region
from .bargaining import Bargaining
from .benchmarks import BENCHMARKS
from .record import Recorder
from .settlement import Settlement
from .spoilers import ARMED, Spoiler, resolve_clashes
from .streams import Streams
from .violence import Violence


def replicate_rng(seed: int, replicate: int) -> np.random.Generator:
    """The setup stream of replicate r: ``SeedSequence([seed, r])``, whatever the levers.

    It draws the country (provinces, citizens, fighters); the months draw from ``Streams``.
    """
    return np.random.default_rng(np.random.SeedSequence([seed, replicate]))


#: Monthly series read straight off the state, cheap to record: the ones a run may keep alone
#: (``SSRModel(series=...)``). Every other series is computed for the record each month.
READ_OFF = {
    "public_confidence": lambda m: m.public_confidence,
    **{f"confidence_{s}": (lambda m, i=i: m.service_confidence[i]) for i, s in enumerate(SERVICES)},
    "battle_deaths": lambda m: m.deaths_history[m.month],
    "one_sided_deaths": lambda m: m.violence.one_sided.sum(),
    "one_sided_deaths_state": lambda m: m.violence.by_state.sum(),
    "one_sided_deaths_militias": lambda m: m.violence.by_militias.sum(),
    "one_sided_deaths_armed_groups": lambda m: m.violence.by_groups.sum(),
    "political_will": lambda m: m.government.political_will,
    "legitimacy": lambda m: m.government.legitimacy,
    "repression": lambda m: m.government.repression,
    "coup_attempts": lambda m: m.settlement.coup_attempts,
    "coup_successes": lambda m: m.settlement.coup_successes,
}


class SSRModel(mesa.Model):
    """Security sector reform and DDR after a peace agreement, one month per step."""

    def __init__(self, cfg: Config, replicate: int = 0, tables: bool = True, series: tuple[str, ...] | None = None):
        """``tables=False`` keeps only what ``summary`` reads (a study's run); ``series`` (names of
        ``READ_OFF``) keeps those monthly series and the events, the timeseries and events tables
        with nothing else (the validation's arms). The same run either way: recording observes
        and never changes the state."""
        super().__init__(rng=replicate_rng(cfg.seed, replicate))
        self.cfg = cfg
        self.replicate = replicate
        self._keeps_tables = tables
        unknown = sorted(set(series or ()) - set(READ_OFF))
        if unknown:
            raise ValueError(f"series {unknown}: a run keeps alone only series read off its state: {sorted(READ_OFF)}")
        # What a lean record keeps: the named series (none: all, as ``tables`` says), and always
        # public confidence, which ``summary`` reads.
        self._lean = (None if tables and series is None
                      else tuple(dict.fromkeys(["public_confidence", *(series or ())])))
        self.streams = Streams(cfg.seed, replicate)  # the monthly draws, one stream per submodel
        self.levers = cfg.levers.model_copy(deep=True)
        self.month = 0
        self.effectiveness_history = np.zeros(cfg.months + 1)
        self.economy = cfg.context.economy
        self.provinces = ProvinceNetwork(cfg.context.provinces.count, cfg.context.provinces.extra_links, self.rng,
                                         cfg.params.provinces)
        self._init_local_economy()
        spoilers = cfg.context.all_spoilers()  # the scenario's, and the wings and movements the model adds
        spoiler_faction = self._init_fighters(spoilers)
        self._init_actors(spoilers, spoiler_faction)
        fi = self.fighters
        combatants = fi.where(Status.COMBATANT)
        self.violence = Violence(self, np.bincount(fi.province[combatants], minlength=self.provinces.count))
        self.prevention = Prevention(self)
        self.atrocity = AtrocityRisk(self)
        self.region = Region(self)
        self.schedule = EventSchedule(cfg)
        self.recorder = Recorder(cfg.months, self.provinces.count, [d.name for d in self.donors], self._lean)
        self._init_national_state()
        self.schedule.apply(self)  # events dated month 0
        self._record()

    def _init_fighters(self, spoilers: list) -> list[int]:
        """The fighter population and the DDR programme; returns each of ``spoilers``' faction.

        Factions are the scenario's, plus one per spoiler without a faction (its recruits).
        """
        ctx = self.cfg.context
        self.faction_names = [f.name for f in ctx.factions]
        in_process = [f.in_process for f in ctx.factions]
        spoiler_faction = []
        for s in spoilers:
            if s.faction is None:
                self.faction_names.append(f"recruits_{s.name}")
                in_process.append(False)
                spoiler_faction.append(len(self.faction_names) - 1)
            else:
                spoiler_faction.append(self.faction_names.index(s.faction))
        self.fighters = FighterPopulation(ctx.factions, self.provinces, self.rng, self.cfg.params.fighters)
        # Each faction's identity group, as shares (a faction without one is drawn like the population).
        groups = [g.name for g in ctx.groups]
        self.group_shares = np.array([g.share for g in ctx.groups])
        specs = {f.name: f for f in ctx.factions}
        self.faction_groups = np.array([np.eye(len(groups))[groups.index(specs[name].group)]
                                        if name in specs and specs[name].group is not None else self.group_shares
                                        for name in self.faction_names])
        integrable = [f.offered_integration for f in ctx.factions] + [True] * (len(in_process) - len(ctx.factions))
        self.ddr = DDRProgramme(np.array(in_process), np.array(integrable), self.cfg.params.ddr)
        # The month-0 caseload: members of signatory factions (the DDR benchmark counts them).
        self.initial_caseload = np.flatnonzero(self.ddr.in_process[self.fighters.faction[: self.fighters.n]])
        return spoiler_faction

    def _init_actors(self, spoilers: list, spoiler_faction: list[int]) -> None:
        """The Mesa agents and the citizens, in a fixed order (it fixes the random draws)."""
        ctx = self.cfg.context
        self.government = Government(self)
        self.forces = [SecurityForce(self, spec, i) for i, spec in
                       enumerate(sorted(ctx.forces, key=lambda f: SERVICES.index(f.service)))]
        self.citizens = CitizenPopulation(ctx.citizens, self.provinces, self.group_shares, self.economy.unemployment,
                                          self._delivery(), self.rng, self.cfg.params.citizens,
                                          self.cfg.params.provinces.group_concentration)
        self.donors = [Donor(self, spec, i) for i, spec in enumerate(ctx.donors)]
        self.mission = PeacekeepingMission(self)
        self.oversight_bodies = [OversightBody(self, kind) for kind in BODIES]
        self.spoilers = [Spoiler(self, spec, i, spoiler_faction[i]) for i, spec in enumerate(spoilers)]
        self.settlement = Settlement(self, ctx.settlement.factions)
        self.bargaining = Bargaining(self)
        for faction, spec in zip(self.settlement.factions, ctx.settlement.factions):
            name = spec.armed_group or (f"{spec.name}_armed_wing" if spec.armed_wing > 0 else None)
            faction.armed_group = next((s for s in self.spoilers if s.name == name), None) or next(
                (s for s in self.spoilers if s.kind == "movement" and self.faction_names[s.faction] == name), None)
        for spoiler in self.spoilers:
            if spoiler.kind == "armed_holdout":
                self.fighters.follow(np.flatnonzero(self.fighters.faction[: self.fighters.n] == spoiler.faction),
                                     spoiler.index)
            elif spoiler.kind == "movement":
                self.bargaining.agreement(spoiler)
        # Each faction's armed command (a holdout, a movement or a spoiler's recruits), for splits.
        self.command = {s.faction: s for s in reversed(self.spoilers)}

    def _init_national_state(self) -> None:
        """Derived national state read by the actors (updated each month), at month 0."""
        self.deaths_history = np.zeros(self.cfg.months + 1, np.int64)
        self.province_deaths = np.zeros(self.provinces.count)
        self.violence_share = self.provinces.population.copy()
        op = self.cfg.params.oversight
        self.justice = JusticeChain(self.cfg.context.justice)
        self.quick_wins_received = 0.0  # quick wins so far: their credibility fades (§8.2)
        self.credibility = 0.0
        self.sanction_rate = op.initial_sanction_rate
        self.impunity = 1 - op.initial_sanction_rate
        self.co_optation = 0.0
        self.quick_win = 0.0
        self.governance_spend = 0.0
        self.substitution_level = 0.0
        self.aid_efficiency = 1.0
        self.relapse_month: int | None = None
        self.war_relapse_month: int | None = None
        self.quiet = [0, 0]  # months in a row below the relapse and the war threshold, since month 1
        self.total_recruited = 0
        self.protests = np.zeros(self.provinces.count, np.int64)  # this month's, by fighters kept waiting
        self._update_indices()
        self.public_confidence, self.service_confidence = self.citizens.confidence()
        self.perceived_safety = float(self.citizens.perceived_safety.mean())
        self.abuses_ps = np.zeros((self.provinces.count, len(SERVICES)))
        self.youth_labour_p = self.youth_unemployment_p.copy()

    # ------------------------------------------------------------------ derived quantities
    @property
    def funding(self):
        return self.levers.funding

    @property
    def will_gate(self) -> float:
        """Political will gates reform (003:478, 004:7): it multiplies the forces' reform rates and
        the growth of state oversight bodies; DDR intake is gated as i + (1 - i) x will, with
        i = ``params.ddr.intake_without_will``. A knock-out holds the gate of reform at a fixed will
        (``params.government.will_fixed_reform_pace``)."""
        return held(self.government.political_will, self.cfg.params.government.will_fixed_reform_pace)

    @property
    def ddr_caseload_left(self) -> bool:
        fi = self.fighters
        counts = fi.counts()
        waiting = counts[Status.CANTONED] + counts[Status.DEMOBILIZED] + counts[Status.REINTEGRATING]
        return bool(waiting or self.ddr.combatants_left(fi))

    @property
    def elite_pressure(self) -> float:
        return max((s.resources for s in self.spoilers if s.kind == "elite" and not s.co_opted), default=0.0)

    @property
    def spoiler_activity(self) -> float:
        return float(1 - np.exp(-self.trailing_deaths() / self.cfg.params.citizens.spoiler_activity_deaths))

    @property
    def effectiveness_gain(self) -> float:
        return self.effectiveness_index - self.effectiveness_history[max(0, self.month - 12)]

    def trailing_deaths(self) -> int:
        w = self.cfg.thresholds.window_months
        # A window of integers, summed exactly by Python: quicker than a numpy reduction this short.
        return sum(self.deaths_history[max(0, self.month - w + 1): self.month + 1].tolist())

    def _init_local_economy(self) -> None:
        rng = self.rng
        ep = self.cfg.params.economy
        # Provinces differ around the national rate: a symmetric beta draw, normalised to mean 1.
        spread = rng.beta(ep.province_spread_shape, ep.province_spread_shape, self.provinces.count)
        self.unemployment_p = self.economy.unemployment * spread / spread.mean()
        self.youth_unemployment_p = self.economy.youth_unemployment * spread / spread.mean()
        self.unemployment_p = np.minimum(self.unemployment_p, ep.max_local_unemployment)
        self.youth_unemployment_p = np.minimum(self.youth_unemployment_p, ep.max_local_unemployment)

    def _delivery(self) -> np.ndarray:
        """What each service delivers for each identity group, ``[service, group]``: its
        performance, capacity and integrity together (002:59: effectiveness without accountability
        is not SSR), times the group's representation in it (its share of personnel over its share
        of the population, capped at 1: quotas such as Arusha's)."""
        performance = np.sqrt([f.capacity * f.integrity for f in self.forces]).tolist()
        return np.array([[d * r for r in row] for d, row in zip(performance, self._represented_rows())])

    def _represented_rows(self) -> list[list[float]]:
        """Each identity group's share of each service's personnel over its share of the
        population, capped at 1, ``[service][group]``, as rows of Python floats: the same
        double-precision division and cap as numpy's on a few numbers a service, without the cost
        of numpy's calls on such short arrays."""
        shares = self.group_shares.tolist()
        return [[min(1.0, g / share) for g, share in zip(f.groups.tolist(), shares)] for f in self.forces]

    def _service_shares(self, if_none: float = 0.0) -> list[float]:
        """Each service's share of all personnel (``if_none`` each if there is none), as Python
        floats: the sum and quotients numpy gives on three numbers, without its cost per call."""
        sizes = [f.size for f in self.forces]
        total = sum(sizes)
        return [size / total for size in sizes] if total > 0 else [if_none] * len(sizes)

    def _update_indices(self) -> None:
        # A service's three numbers and the four bodies' as Python floats (``_service_shares``, ``dot``).
        weights = self._service_shares(1 / len(self.forces))
        self.effectiveness_index = float(dot(weights, [f.capacity for f in self.forces]))
        self.effectiveness_history[self.month] = self.effectiveness_index
        self.owned_capacity = float(dot(weights, [f.owned_capacity for f in self.forces]))
        integrity = float(dot(weights, [f.integrity for f in self.forces]))
        w = [b.weight for b in self.oversight_bodies]
        self.oversight_capacity = float(dot(w, [b.effective for b in self.oversight_bodies]) / sum(w))
        # Accountability needs both integrity and oversight (002:59): their geometric mean.
        self.accountability_index = float(np.sqrt(integrity * self.oversight_capacity))

    # ------------------------------------------------------------------ the month
    def step(self) -> None:
        """One month, in the order the actors move."""
        self.month += 1
        self.streams.start_month(self.month)
        self.schedule.apply(self)
        self.mission.step()
        self._fund()
        self._govern()
        self._deploy_forces()
        self._accountability()
        self._run_ddr()
        self._remobilize()
        self._spoilers_move()
        self._recruit_and_fight()
        self._violence_against_civilians()
        self._escalate()
        self.region.step()
        self._politics()
        self._deals()
        self._economy()
        self._perceptions()
        self._update_indices()
        self._relapse()
        self._record()

    def run(self, months: int | None = None) -> "SSRModel":
        """Step until ``months`` (default: the configured horizon)."""
        end = self.cfg.months if months is None else min(months, self.cfg.months)
        while self.month < end:
            self.step()
        return self

    def set_lever(self, path: str, value: float) -> None:
        """A decision: lever ``path`` (e.g. ``levers.ddr.reintegration_months``) takes ``value`` from now on.

        Political will is the government's commitment: setting it moves both its level and
        the level it returns to.
        """
        self.levers = apply_lever(self.levers, path, value)
        if path == "levers.political_will":
            self.government.will_lever = value
            self.government.political_will = value
        self.log("set_lever", "decision", size=value, detail=f"{path}={value:g}")

    # ------------------------------------------------------------------ money
    def _fund(self) -> None:
        """Donors commit and disburse; the money reaches programmes."""
        for donor in self.donors:
            donor.step()
        self._route_donor_money()

    def _route_donor_money(self) -> None:
        """Disbursed money reaches programmes: DDR fund, forces' capacity, oversight, quick wins."""
        flows = np.sum([d.disbursed_now for d in self.donors], axis=0) * 12  # per year
        # Uncoordinated donors duplicate and contradict each other (003:1778, 004:48): part of
        # the capacity and governance money is wasted. Coordination is voluntary (003:1777).
        paying = [d for d in self.donors if d.disbursed_now.sum() > 0]
        coordination = mean([d.spec.coordination for d in paying]) if paying else 1.0
        dp = self.cfg.params.donors
        self.aid_efficiency = dp.aid_efficiency_floor + dp.coordination_efficiency_gain * coordination
        flows[[CAPACITY, GOVERNANCE]] *= self.aid_efficiency
        self.ddr.deposit(flows[DDR] / 12)
        cap_total = flows[CAPACITY]
        subst = sum(d.disbursed_now[CAPACITY] * d.substitution for d in self.donors) * 12 * self.aid_efficiency
        self.substitution_level = subst / cap_total if cap_total > 0 else 0.0
        national = self.government.budget["reform"] * 12
        for f, s in zip(self.forces, self._service_shares()):
            f.capacity_spend = (cap_total - subst) * s
            f.substituted_spend = subst * s
            f.national_spend = national * s
        self.governance_spend = flows[GOVERNANCE]
        self.governance_level = saturation(self.governance_spend, dp.governance_half_saturation)
        qw = saturation(flows[QUICK_WINS], dp.quick_win_half_saturation)
        self.quick_win = float(dp.quick_win_effect * qw)
        # Quick wins lend legitimacy to predatory actors (004:99); the effect accumulates.
        self.co_optation = toward(self.co_optation, qw, dp.co_optation_rate)

    # ------------------------------------------------------------------ the state
    def _govern(self) -> None:
        """The government decides its budget; oversight bodies grow or are repressed."""
        self.government.step()
        for body in self.oversight_bodies:
            body.step()

    def _deploy_forces(self) -> None:
        """Each service counts its integrated ex-combatants, deploys where violence is, and reforms."""
        fi = self.fighters
        serving = fi.where(Status.INTEGRATED)
        factions = len(self.faction_names)

        def who_serves_where(serving):
            by_faction = np.bincount(fi.service[serving] * factions + fi.faction[serving],
                                     minlength=len(self.forces) * factions).reshape(len(self.forces), factions)
            # Identity groups the integrated bring to each service, row by row (as the loop below did).
            brought = [by_faction[force.index] @ self.faction_groups for force in self.forces]
            return by_faction, fi.service[serving].astype(np.intp), brought
        # Who serves where changes only as fighters join or leave the services: counted then (read-only).
        by_faction, service, brought = fi.cached_for(Status.INTEGRATED, ("serving", factions, len(self.forces)),
                                                     who_serves_where)
        grievance = np.bincount(service, weights=np.take(fi.grievance, serving), minlength=len(self.forces))
        purging = sum(f.purge_left for f in self.settlement.factions)
        integrated = by_faction.sum(axis=1)  # integer counts: the same as summing each row apart
        # Personnel not integrated from a faction, by service (a service's own size changes only in its step).
        others = [max(force.size - int(integrated[force.index]), 0.0) for force in self.forces]
        # Blocs: the old service and each faction integrated, every service at once.
        polarised = polarisation(np.column_stack([by_faction, others]))
        for force in self.forces:
            force.integrated = int(integrated[force.index])
            # Identity groups among personnel: integrated ex-combatants bring their faction's.
            people = force.base_groups * others[force.index] + brought[force.index]
            total = people.sum()
            force.groups = people / total if total > 0 else force.base_groups
            # How the blocs are divided and treated; purges.
            force.polarisation = float(polarised[force.index])
            force.integrated_grievance = grievance[force.index] / force.integrated if force.integrated else 0.0
            force.purging = float(purging[force.index])
            force.deploy(self.violence_share)
            force.step()
        self._splits()

    def _splits(self) -> None:
        """A service without cohesion can split along factional lines (Burundi 2015: ex-FAB
        against ex-CNDD-FDD, ICG 2017): the chance grows with the shortfall below
        ``split_cohesion``."""
        fp = self.cfg.params.forces
        for force in self.forces:
            shortfall = (fp.split_cohesion - force.cohesion) / fp.split_cohesion if fp.split_cohesion > 0 else 0.0
            if shortfall > 0 and self.streams.forces.random() < fp.split_rate * shortfall:
                self.split(force)

    def split(self, force) -> None:
        """The most aggrieved faction among a service's integrated soldiers leaves it: its
        aggrieved members (grievance above ``coup_defection_grievance``) go, each with chance
        ``split_defection_share``, to their faction's armed command, which takes up arms again
        (a deal in force breaks down, and its commanders call the rest back)."""
        fi = self.fighters
        fp = self.cfg.params.forces
        serving = fi.where(Status.INTEGRATED)
        mine = serving[fi.service[serving] == force.index]
        commanded = np.zeros(len(self.faction_names), bool)
        commanded[list(self.command)] = True
        mine = mine[commanded[fi.faction[mine]]]
        if not mine.size:
            return
        factions, where = np.unique(fi.faction[mine], return_inverse=True)
        mean = np.bincount(where, weights=fi.grievance[mine]) / np.bincount(where)
        faction = int(factions[mean.argmax()])
        command = self.command[faction]
        bloc = mine[(fi.faction[mine] == faction) & (fi.grievance[mine] > fp.coup_defection_grievance)]
        leaving = bloc[self.streams.forces.random(bloc.size) < fp.split_defection_share]
        if not leaving.size:
            return  # no one aggrieved enough to leave: the service holds together this month
        if command.index in self.bargaining.deals:
            self.bargaining.break_down(command)
        else:
            command.rearm(self.cfg.params.bargaining.rearm_resources)
        leaving = leaving[fi.status[leaving] == Status.INTEGRATED]
        self.take_up_arms(leaving, command.index)
        self.log("service_split", force.service, size=leaving.size,
                 detail=f"{leaving.size} integrated soldiers of {self.faction_names[faction]} leave for {command.name}")

    # ------------------------------------------------------------------ accountability
    def _accountability(self) -> None:
        """Abuses pass the justice chain (reported, investigated, prosecuted, sanctioned: §8.3);
        impunity is what falls out along it (003:585, 003:302). The prevention architecture
        moves first: its commission works inside the chain (000:43)."""
        op = self.cfg.params.oversight
        self.prevention.step()
        police = self.forces[SERVICES.index("police")]
        sanctioned = self.justice.step(self.cfg.params, self.oversight_capacity, police,
                                       self.government.civilian_control, self.government.repression,
                                       self.settlement.incumbent.fear_of_prosecution, self.prevention.reach)
        self.sanction_rate = toward(self.sanction_rate, sanctioned, op.sanction_rate_speed)
        self.impunity = toward(self.impunity, 1 - sanctioned, op.sanction_rate_speed)

    # ------------------------------------------------------------------ fighters
    def _run_ddr(self) -> None:
        room = np.array([f.integration_room(self.levers.ddr.integration_quota) for f in self.forces])
        dp = self.cfg.params.ddr
        will = held(self.government.political_will, self.cfg.params.government.will_fixed_ddr_intake)
        gate = dp.intake_without_will + (1 - dp.intake_without_will) * will
        targets = np.array([f.target_size for f in self.forces])
        joined = self.ddr.step(self.fighters, self.levers.ddr, gate, room, targets,
                               self.cfg.params.donors.reintegration_cost, self.streams.ddr,
                               self.bargaining.places_owed())
        for force, count in zip(self.forces, joined):
            force.size += int(count)  # a float stays a float (an integer count: the same sum)
        # Fighters keep most weapons back; under a mission's eyes the fear of disarming first falls
        # (Fortna 2008).
        kept_back = 1 - self.cfg.params.violence.handed_in_share
        handed_in = 1 - kept_back * (1 - self.cfg.params.mission.disarm_confidence * self.mission.monitoring())
        self.violence.disarm(self.ddr.intake_provinces, handed_in)
        pay = np.array([f.pay_adequacy for f in self.forces])
        self.fighters.drift(self.cfg.params.fighters, self.youth_labour_p, pay, self.ddr.funded,
                            self.levers.ddr.reinsertion_months, self.ddr.reinsertion_paid, self.ddr.conditions)
        self._ddr_protests()

    def _ddr_protests(self) -> None:
        """Fighters kept waiting (in cantonment, for a programme, in a paused one) protest and
        loot where they are aggrieved (Knight & Özerdem 2004): each protest raises its
        province's tension, costs the government legitimacy and brings the incumbent to a
        choice. Waiting changes grievance, not directly who takes up arms (Gilligan,
        Mvukiyehe & Samii 2013)."""
        dp = self.cfg.params.ddr
        fi = self.fighters
        programme = fi.where(Status.REINTEGRATING)
        waiting = np.concatenate([fi.where(Status.CANTONED), fi.where(Status.DEMOBILIZED),
                                  programme[~self.ddr.funded[programme]]])
        if not waiting.size or dp.protest_threshold >= 1:
            self.protests = np.zeros(self.provinces.count, np.int64)
            return
        above = np.clip((fi.grievance[waiting] - dp.protest_threshold) / (1 - dp.protest_threshold), 0.0, 1.0)
        rate = dp.protest_rate * np.bincount(fi.province[waiting], weights=above, minlength=self.provinces.count)
        self.protests = self.streams.politics.poisson(rate)
        if not self.protests.any():
            return
        # n protests: n shocks in a row, each ``protest_tension`` of the way to full tension.
        self.violence.tension = shock(self.violence.tension, True, 1 - (1 - dp.protest_tension) ** self.protests)
        self.government.legitimacy = shock(self.government.legitimacy, False,
                                           1 - (1 - dp.protest_legitimacy) ** int(self.protests.sum()))
        self.settlement.trigger("protest")
        for p in np.flatnonzero(self.protests):
            self.log("ddr_protest", "ex-combatants", province=int(p), size=int(self.protests[p]),
                     detail=f"{self.protests[p]} protest(s) by fighters kept waiting")

    def armed_spoiler_fighters(self) -> np.ndarray:
        """Ids of fighters under arms for a spoiler (cached until the population changes)."""
        return self._armed()[0]

    def armed_spoiler_cells(self) -> np.ndarray:
        """Each armed spoiler fighter's (spoiler, province) cell, spoiler x provinces + province, in
        the order of ``armed_spoiler_fighters`` (cached until the population changes, read-only):
        they are counted for ``_local_spoilers`` and, at the same state, pick each clash's members."""
        return self._armed()[1]

    def _armed(self) -> tuple[np.ndarray, np.ndarray]:
        """The armed spoiler fighters' ids and cells, found together from the cells by row."""
        def armed():
            cells = self._armed_cell_by_row()
            ids = (cells >= 0).nonzero()[0]
            return ids, np.take(cells, ids)  # a take: faster than a boolean mask about half set
        return self.fighters.cached("armed", armed)

    def _armed_cell_by_row(self) -> np.ndarray:
        """Every fighter's (spoiler, province) cell if under arms for a spoiler, else -1. Kept row
        by row (``FighterPopulation.by_row``): a month changes few fighters' status or allegiance,
        and the armed are looked up several times a month."""
        return self.fighters.by_row(("armed_cell", self.provinces.count), self._armed_cell)

    def _armed_cell(self, rows) -> np.ndarray:
        """``_armed_cell_by_row`` of fighters ``rows`` (a slice or ids)."""
        fi = self.fighters
        spoiler = fi.spoiler[rows].astype(np.int64)
        return np.where((spoiler >= 0) & np.take(ARMED, fi.status[rows]), spoiler * self.provinces.count + fi.province[rows], -1)

    def _local_spoilers(self) -> np.ndarray:
        """Fighters of each spoiler in each province, ``[spoiler, province]`` (cached, read-only):
        the armed cells' count, kept up to date with them (``FighterPopulation.tally``), so that
        neither the armed nor their cells are searched for it after each change."""
        def count():
            p = self.provinces.count
            cells = len(self.spoilers) * p
            tally = self.fighters.tally(("armed_cell", p), self._armed_cell, cells)
            return tally[:cells].reshape(len(self.spoilers), p).copy()  # the tally changes with the fighters
        return self.fighters.cached("local_spoilers", count)

    def _remobilize(self) -> None:
        """Idle and aggrieved ex-combatants join the spoiler with the strongest local pull."""
        local = self._local_spoilers()
        pull = np.zeros((len(self.spoilers), self.provinces.count))  # the row of a spoiler without room stays 0
        for s, fighters in zip(self.spoilers, local.sum(axis=1).tolist()):
            room = s.room(fighters)
            if room:
                pull[s.index] = s.pull(local[s.index], room)
        best = pull.argmax(axis=0)
        strength = pull.max(axis=0)
        fi = self.fighters
        draw = fi.uniforms(self.streams.fighters)  # one draw per fighter, whoever can move
        movers = fi.remobilizing(self.cfg.params.fighters, strength, draw)
        if movers.size:
            self.take_up_arms(movers, best[fi.province[movers]])
            pool = int(fi.counts()[IS_POST].sum()) + movers.size
            th = self.cfg.thresholds  # when a month's remobilisations are reported as a wave
            if movers.size >= max(th.wave_fighters, th.wave_share * pool):
                self.log("remobilization_wave", "ex-combatants", size=movers.size,
                         detail=f"{movers.size} ex-combatants joined spoilers")

    def take_up_arms(self, ids: np.ndarray, spoilers) -> None:
        """Fighters ``ids`` go back under arms (remobilised) for ``spoilers``, one index or one per
        fighter; those serving leave their service, which shrinks."""
        fi = self.fighters
        # Those leaving each service, counted in one pass (service -1, none, counted first).
        leaving = np.bincount(fi.service[ids] + 1, minlength=len(self.forces) + 1).tolist()
        for force in self.forces:
            force.lose(leaving[force.index + 1])
        fi.service[ids] = -1
        fi.follow(ids, spoilers)
        fi.move(ids, Status.REMOBILIZED)

    def _spoilers_move(self) -> None:
        for spoiler in self.spoilers:
            spoiler.step()

    def _recruit_and_fight(self) -> None:
        sp = self.cfg.params.spoilers
        vp = self.cfg.params.violence
        local = self._local_spoilers()
        # Tense provinces recruit more (escalation: Hultman 2007; Wood 2010).
        militarised = 1 + vp.escalation_recruitment * self.violence.tension
        for s, fighters in zip(self.spoilers, local.sum(axis=1).tolist()):
            room = s.room(fighters)
            if not room:
                continue  # it pulls no one: a rate of 0 everywhere, for which Poisson draws nothing
            rate = sp.youth_recruitment * s.pull(local[s.index], room) * self.youth_labour_p * militarised
            recruits = self.streams.fighters.poisson(rate).tolist()
            for p, count in enumerate(recruits):
                if count:
                    self.fighters.add_recruits(p, s.index, s.faction, count, self.streams.fighters)
            self.total_recruited += sum(recruits)
        local = self._local_spoilers()
        deterrence = self.deterrence()
        self._integrated_snapshot = self.fighters.where(Status.INTEGRATED)
        self._serving_split = None  # split by service at the month's first clash (``_serving_in``)
        self.violence.inflow()
        self.province_deaths = resolve_clashes(self, local, deterrence)
        self.deaths_history[self.month] = int(self.province_deaths.sum())
        after = self._local_spoilers().sum(axis=1)
        for s in self.spoilers:
            fighters = int(after[s.index])
            if fighters > 0:
                s.had_fighters = True
            elif s.had_fighters and s.kind in ("armed_holdout", "movement") and not s.co_opted:
                s.had_fighters = False
                self.log("spoiler_defeated", s.name, detail="no fighters left")

    def deterrence(self) -> np.ndarray:
        """Deterrence by province: the forces deployed there and the peacekeepers."""
        return sum(f.deterrence() for f in self.forces) + \
            self.mission.by_province() * self.cfg.params.forces.deterrence_per_peacekeeper

    def _violence_against_civilians(self) -> None:
        """One-sided violence: armed groups losing ground and, under repression, the forces and
        militias; whom it strikes, and early warning of the state's killing."""
        v = self.violence
        v.rebels_turn_on_civilians(self._local_spoilers())
        v.repression_killings()
        v.record_month(self.month)
        self.atrocity.record(self.month, v.against_groups)
        self.prevention.watch((v.by_state + v.by_militias).sum(axis=0))

    def _felt_deaths(self) -> np.ndarray:
        """Deaths felt in each province this month: battle and one-sided, and a share of the neighbours'."""
        deaths = self.province_deaths + self.violence.one_sided
        return deaths + self.cfg.params.citizens.neighbour_deaths_weight * (self.provinces.spill @ deaths)

    def _escalate(self) -> None:
        """Deaths raise each province's tension, which feeds recruitment, attacks and their toll."""
        self.violence.escalate(self._felt_deaths())

    def forces_lose(self, province: int, members: int) -> None:
        """Security personnel killed in a clash, shared by the services deployed there."""
        if members <= 0:
            return
        # Three services: plain floats, the same sums and quotients numpy would give, without its
        # per-call cost (a month has several clashes).
        weights = [f.deterrence_at(province) for f in self.forces]
        total = sum(weights)
        shares = [w / total for w in weights] if total > 0 else [1 / len(self.forces)] * len(self.forces)
        rng = self.streams.violence
        for force, lost in zip(self.forces, rng.multinomial(members, shares).tolist()):
            if lost == 0:
                continue
            serving = self._serving_in(force.index)
            share = serving.size / max(force.size, 1.0)
            k = min(int(rng.binomial(lost, min(share, 1.0))), serving.size)
            if k > 0:  # choosing none draws nothing
                chosen = rng.choice(serving.size, k, replace=False)
                self.fighters.move(serving[chosen], Status.KILLED)
                alive = np.ones(serving.size, bool)  # ``np.delete``'s own mask, without its checks
                alive[chosen] = False
                self._serving_split[force.index] = serving[alive]
            force.lose(lost)

    def _serving_in(self, service: int) -> np.ndarray:
        """The integrated fighters serving in ``service`` and still alive this month, in the order
        of the month's snapshot (``_integrated_snapshot``). Split once a month; within the month's
        clashes only their own dead leave the integrated (``forces_lose`` takes them out), since
        the clashes kill only armed spoiler fighters besides, and never change a service."""
        if self._serving_split is None:
            serving = self._integrated_snapshot
            service_of = self.fighters.service[serving]
            self._serving_split = {f.index: serving[service_of == f.index] for f in self.forces}
        return self._serving_split[service]

    # ------------------------------------------------------------------ politics and deals
    def _politics(self) -> None:
        """The political settlement: rents, grievance, the incumbent's choice, coups, re-arming."""
        self.settlement.step()

    def _deals(self) -> None:
        """Bargaining with armed groups: beliefs, breakdowns and offers (§7)."""
        self.bargaining.step()

    def scheduled_coup(self, target: str | None) -> None:
        """A scenario's coup attempt: the named faction, or the one with most army units, strikes."""
        others = self.settlement.others
        plotters = next((f for f in others if f.name == target), None) if target else \
            max(others, key=lambda f: f.loyal[SERVICES.index("army")], default=None)
        if plotters is None:  # the named faction holds power now, or no faction could strike
            self.log("coup_attempt", target or "none", detail="scheduled, but no faction is left to strike")
            return
        self.settlement.coup(plotters, forced=True)

    def coup_consequences(self, plotters, succeeded: bool, forced: bool, purged: np.ndarray, expected: float) -> None:
        """After an attempt: shocks to the government and donors suspend; after a failed one,
        aggrieved integrated soldiers defect to the plotters' armed group (else to an elite
        spoiler), which gains resources, and the personnel of the purged units (``purged``: the
        share of each service's units) take up arms with it: the coup–civil war trap (Roessler
        2016), as ex-FAB officers did after Burundi's failed coup of 2015 (ICG 2017). The event
        records the chance of success the plotters expected (``expected``), so that who strikes
        against what odds can be read from the events."""
        army = self.forces[0]
        fp = self.cfg.params.forces
        self.government.coup_attempt(succeeded)
        for donor in self.donors:
            donor.suspend(self.cfg.params.donors.suspension_after_coup if succeeded
                          else self.cfg.params.donors.suspension_after_failed_coup)
        fi = self.fighters
        group = plotters.armed_group if plotters.armed_group is not None and not plotters.armed_group.co_opted else None
        patrons = ([group] if group is not None else []) or \
            [s for s in self.spoilers if s.kind == "elite" and not s.co_opted] or \
            [s for s in self.spoilers if not s.co_opted]
        defectors = np.array([], dtype=np.int64)
        if patrons and not succeeded:
            candidates = np.flatnonzero((fi.status[: fi.n] == Status.INTEGRATED) & (fi.service[: fi.n] == army.index)
                                        & (fi.grievance[: fi.n] > fp.coup_defection_grievance))
            defectors = candidates[self.streams.politics.random(candidates.size) < fp.coup_defection_share]
            self.take_up_arms(defectors, patrons[0].index)
            patrons[0].resources = toward(patrons[0].resources, 1.0, fp.coup_patron_windfall)
        fleeing = 0
        if patrons and not succeeded:
            leaving = [purged[i] * force.size * self.cfg.params.settlement.purged_take_up_arms
                       for i, force in enumerate(self.forces)]
            for force, members in zip(self.forces, leaving):
                force.lose(members)
            fleeing = int(round(sum(leaving)))
            if fleeing:  # with none, the model is as it was without this mechanism
                self.arm(patrons[0], fleeing)
                held = self.armed_fighters_of(patrons[0]) / self.cfg.params.spoilers.fighters_per_resource
                patrons[0].resources = max(patrons[0].resources, min(1.0, held))
        self.log("coup_attempt", plotters.name, size=defectors.size + fleeing,
                 detail=("succeeded" if succeeded else "failed") + (" (scheduled)" if forced else "")
                 + f"; expected {expected:.2f}; {defectors.size} integrated soldiers defected" + (f", {fleeing} purged took up arms" if fleeing else ""))

    def rearm(self, faction) -> None:
        """An excluded faction's armed wing takes up arms with its armed group, where it lives.

        A group under a deal (a signatory movement, or a holdout that settled) goes back to war:
        its deal breaks and its commanders call their former fighters back, as when any deal
        breaks. Exclusion of a former warring party is the main trigger of recurrence (Call 2012;
        Roessler 2016), and remobilisation runs through commanders' networks (Themnér 2011)."""
        group = faction.armed_group
        if group.index in self.bargaining.deals:
            self.bargaining.break_down(group, cause=f"{faction.name}, excluded, re-arms")
        self.arm(group, faction.armed_wing)
        self.log("rearm", faction.name, size=faction.armed_wing,
                 detail=f"{faction.armed_wing} members of its armed wing join {group.name}")
        faction.armed_wing = 0

    def arm(self, group, count: int) -> None:
        """``count`` people who were not fighters take up arms with ``group``, in its home
        provinces (every province if it has none) in proportion to their population."""
        if count <= 0:
            return
        homes = np.flatnonzero(group.homes > 0)
        homes = homes if homes.size else np.arange(self.provinces.count)
        weights = self.provinces.population[homes] / self.provinces.population[homes].sum()
        for p, n in zip(homes, self.streams.politics.multinomial(count, weights)):
            if n:
                self.fighters.add_recruits(int(p), group.index, group.faction, int(n), self.streams.politics)
        self.total_recruited += count

    def armed_fighters_of(self, spoiler) -> int:
        """Fighters under arms for a spoiler now."""
        return int(self._local_spoilers()[spoiler.index].sum())

    def donors_react(self, months: int) -> None:
        """Each donor suspends its aid with the chance its conditionality gives (levers.funding)."""
        for donor in self.donors:
            if self.streams.donors.random() < self.levers.funding.conditionality:
                donor.suspend(months)
                self.log("aid_suspended", donor.name, detail=f"for {months} months after repression")

    def ceasefire(self, spoiler: Spoiler, months: int) -> None:
        """A spoiler agrees to stop fighting for ``months`` but keeps its fighters and recruits."""
        if spoiler.co_opted:
            return
        spoiler.ceasefire_until = self.month + months
        self.log("ceasefire", spoiler.name, detail=f"for {months} months; fighters keep their arms")

    def peace_deal(self, spoiler: Spoiler) -> None:
        """A deal that happened (a scenario's event): the group enters the process, bar a split."""
        self.bargaining.settle(spoiler)

    # ------------------------------------------------------------------ society
    def _economy(self) -> None:
        """Unemployment follows growth; idle ex-combatants and returning refugees crowd local youth
        labour markets (003:675)."""
        g = self.economy.growth
        rate = abs(g) / 12
        goal = 0.0 if g >= 0 else 1.0
        self.unemployment_p = toward(self.unemployment_p, goal, rate)
        self.youth_unemployment_p = toward(self.youth_unemployment_p, goal, rate)
        fi = self.fighters
        idle = np.concatenate([fi.where(Status.DEMOBILIZED), fi.where(Status.REINTEGRATING)[
            ~self.ddr.funded[fi.where(Status.REINTEGRATING)]]])
        waiting_p = np.bincount(fi.province[idle], minlength=self.provinces.count) + self.region.returnees_seeking_work()
        # Idle ex-combatants close half the gap to 1 at params.economy.crowding_half_saturation (assumed).
        crowding = waiting_p / (waiting_p + self.cfg.params.economy.crowding_half_saturation)
        self.youth_labour_p = toward(self.youth_unemployment_p, 1.0, crowding)

    def _perceptions(self) -> None:
        cp = self.cfg.params.citizens
        deaths = self.province_deaths
        felt = self._felt_deaths()
        intimidation = self._local_spoilers().sum(axis=0) / cp.intimidation_fighters
        violence = 1 - np.exp(-felt / cp.felt_deaths_scale) * np.exp(-intimidation)
        media = max(b.effective for b in self.oversight_bodies if b.kind == "media")
        # Oversight bodies inform the public and manage expectations (004:49).
        information = mean([b.effective * b.reach for b in self.oversight_bodies])
        abuses_ps = np.stack([f.abuses for f in self.forces], axis=1).astype(float)
        self.abuses_ps = abuses_ps
        news = cp.abuse_learning * abuses_ps * (1 + media)
        # Quick wins lend a credibility that fades with the quick wins already received (004:101).
        self.credibility = self.quick_win * float(np.exp(-cp.credibility_decay * self.quick_wins_received))
        self.quick_wins_received += self.quick_win
        # Quick wins cannot replace conduct (004:54): a service draws on that credibility as far as
        # its integrity bears it out, so quick wins that co-opt corrupt forces (004:99) buy less trust.
        k = cp.credibility_conduct_weight
        lent = self.credibility * np.array([1 - k + k * f.integrity for f in self.forces])
        bias = np.array([f.bias for f in self.forces])
        self.citizens.step(cp, self.streams.citizens, violence, news, bias, self._delivery(), self._misconduct(),
                           np.array([cp.contact_army, cp.contact_police, cp.contact_gendarmerie]),
                           self.unemployment_p, self.credibility, lent, information)
        self.public_confidence, self.service_confidence = self.citizens.confidence()
        self.perceived_safety = self.citizens.mean_perceived_safety()
        # Where violence is, for deployments: follows this month's deaths, and drifts back to the
        # population after a calm year.
        if deaths.sum() > 0:
            self.violence_share = toward(self.violence_share, deaths / deaths.sum(), cp.violence_share_follow)
        elif self.trailing_deaths() == 0:
            self.violence_share = toward(self.violence_share, self.provinces.population, cp.violence_share_return)

    def _misconduct(self) -> np.ndarray:
        """The chance a meeting with each service goes badly (an abuse or a bribe), ``[service,
        group, sex]`` (sex 0 a man, 1 a woman): its predation, worse for a group it is biased
        against and for women where few women serve (003:846)."""
        cp, fp = self.cfg.params.citizens, self.cfg.params.forces
        # A few numbers a service: Python floats, the same double-precision operations as numpy's
        # in the same order, without the cost of numpy's calls on such short arrays.
        rows = []
        for f in self.forces:
            predation = cp.misconduct_per_predation * f.predation
            women = 1 + cp.few_women_penalty * (1 - min(1.0, f.women_share / fp.women_critical_share))
            bases = [predation * (1 + bias) for bias in f.bias.tolist()]  # by group
            rows.append([[min(1.0, base), min(1.0, base * women)] for base in bases])
        return np.array(rows)

    def truth_commission(self, share: float) -> None:
        """A truth commission's findings reach a share of citizens (a scenario event, §8.3)."""
        reached = self.citizens.hear_truth(share, self.cfg.params.justice.truth_reconciliation, self.streams.citizens)
        self.log("truth_commission", "government", size=reached,
                 detail=f"its findings reach {share:.0%} of citizens")

    # ------------------------------------------------------------------ outcomes
    def _relapse(self) -> None:
        """A relapse is an onset, as UCDP counts conflict episodes: the trailing battle deaths reach
        the threshold after at least ``thresholds.quiet_months`` below it. Fighting that never
        stopped since the agreement (month 0) is the war's continuation, not a relapse."""
        trailing = self.trailing_deaths()
        th = self.cfg.thresholds
        if self.relapse_month is None and self._onset(0, trailing >= th.relapse_deaths):
            self.relapse_month = self.month
            self.log("relapse", "country", size=trailing,
                     detail=f"armed conflict: {trailing} battle deaths in {th.window_months} months")
        if self.war_relapse_month is None and self._onset(1, trailing >= th.war_deaths):
            self.war_relapse_month = self.month
            self.log("war_relapse", "country", size=trailing,
                     detail=f"war: {trailing} battle deaths in {th.window_months} months")

    def _onset(self, which: int, reached: bool) -> bool:
        """Whether the threshold ``which`` (0: armed conflict, 1: war), ``reached`` this month,
        counts as an onset; keeps the count of quiet months."""
        if not reached:
            self.quiet[which] += 1
            return False
        onset = self.quiet[which] >= self.cfg.thresholds.quiet_months
        self.quiet[which] = 0
        return onset

    def log(self, kind: str, actor: str, province: int = -1, size: float = 0.0, detail: str = "") -> None:
        self.recorder.events.append((self.month, kind, actor, province, float(size), detail))

    def _record(self) -> None:
        if self._lean is not None:  # the series kept, and the benchmarks ``summary`` reads
            for name in self._lean:
                self.recorder.series[name][self.month] = READ_OFF[name](self)
            self.recorder.last = self.month
            self._check_benchmarks()
            return
        trusting_kind = self.citizens.trusting_by_kind()
        counts = self.fighters.counts()
        local = self._local_spoilers()
        spoiler_fighters = int(local.sum())  # co-opted spoilers have no fighters left
        abuses_p = self.abuses_ps.sum(axis=1)
        panel = self.atrocity.panel()
        strike = self.settlement.strike_chances()  # read twice below (coup risk, the factions' measures)
        values = {
            **{name: read(self) for name, read in READ_OFF.items()},
            "abuses": abuses_p.sum(),
            "one_sided_deaths_worst_group": self.atrocity.worst,
            **{f"risk_{k}": v for k, v in panel.items()},
            "risk_score": sum(panel.values()),
            "commission_reach": self.prevention.reach,
            "forces_trained": self.prevention.trained_share(),
            "early_warning": float(self.prevention.warning),
            "small_arms": self.violence.arms.sum(),
            "tension": float(self.provinces.population @ self.violence.tension),
            "spoiler_fighters": spoiler_fighters,
            "effectiveness_index": self.effectiveness_index,
            "accountability_index": self.accountability_index,
            "peacekeepers": self.mission.troops,
            "mission_monitoring": self.mission.monitoring(),
            "regional_support": self.region.support,
            "refugees_abroad": self.region.refugees,
            "refugee_flight": self.region.flight,
            "refugee_returns": self.region.returns,
            **{f"excombatants_{s}": counts[i] for i, s in enumerate(STATUSES)},
            "recruited": self.total_recruited,
            "trailing_deaths": self.trailing_deaths(),
            "ownership": self.government.ownership,
            "oversight_capacity": self.oversight_capacity,
            "impunity": self.impunity,
            "unemployment": float(self.provinces.population @ self.unemployment_p),
            "perceived_safety": self.perceived_safety,
            "coup_risk": self.settlement.coup_risk(strike),
            "exclusion": self.settlement.exclusion(),
            "civic_space": mean([b.independence for b in self.oversight_bodies if b.kind in ("media", "ngos")]),
            "rent_pool": self.settlement.rent_pool,
            **{f"cohesion_{s}": f.cohesion for s, f in zip(SERVICES, self.forces)},
            **{f"polarisation_{s}": f.polarisation for s, f in zip(SERVICES, self.forces)},
            "cantonment_conditions": self.ddr.conditions,
            "ddr_protests": int(self.protests.sum()),
            "demobilized_total": self.fighters.flows[Status.CANTONED, Status.DEMOBILIZED],
            **self._conduct_measures(trusting_kind),
        }
        provinces = {
            "public_confidence": self.citizens.confidence_by_province(self.provinces.count),
            "battle_deaths": self.province_deaths,
            "abuses": abuses_p,
            "one_sided_deaths": self.violence.one_sided,
            "small_arms": self.violence.arms,
            "tension": self.violence.tension,
            "spoiler_fighters": local.sum(axis=0),
            "peacekeepers": self.mission.by_province(),
        }
        committed = np.array([d.committed_now for d in self.donors])
        disbursed = np.array([d.disbursed_now for d in self.donors])
        self.recorder.write(self.month, values, provinces, committed, disbursed)
        groups = self.settlement.measures(strike)
        for name, measures in self.bargaining.measures().items():  # a faction and its armed group may share a name
            groups[name] = {**groups.get(name, {}), **measures}
        groups.update(self._identity_group_measures(trusting_kind))
        self.recorder.write_groups(self.month, groups)
        self._check_benchmarks()

    def _conduct_measures(self, trusting_kind: np.ndarray) -> dict:
        """Trust by sex, meetings gone badly, the justice chain, women in the police (§8.4).
        ``trusting_kind``: citizens trusting each service by kind (``CitizenPopulation.trusting_by_kind``)."""
        citizens = self.citizens
        values = {}
        # Counts of citizens, whole numbers: their sums are exact in any order, and Python's on
        # so few numbers cost less than numpy's calls (the divisions are the same).
        counts = trusting_kind.tolist()  # [service][group][sex]
        kinds = citizens.kinds.tolist()  # [group][sex]
        for sex, x in (("women", SEXES.index("woman")), ("men", SEXES.index("man"))):
            people = max(sum(row[x] for row in kinds), 1)
            for s, by_group in zip(SERVICES, counts):
                values[f"confidence_{s}_{sex}"] = sum(row[x] for row in by_group) / people
        for s, met, bad in zip(SERVICES, citizens.meetings.tolist(), citizens.bad_meetings.tolist()):
            values[f"bad_meetings_{s}"] = bad / met if met else 0.0
        values.update({f"justice_{stage}": self.justice.stages[stage] for stage in STAGES})
        values["courts_independence"] = self.justice.courts_independence
        values["women_in_police"] = self.forces[SERVICES.index("police")].women_share
        values["quick_win_credibility"] = self.credibility
        return values

    def _identity_group_measures(self, trusting_kind: np.ndarray) -> dict:
        """Each identity group's confidence in each service and its representation in it."""
        # Python numbers, as in ``_conduct_measures``: counts summed exactly, the same divisions.
        represented = self._represented_rows()  # [service][group]
        people = [sum(row) for row in self.citizens.kinds.tolist()]
        counts = trusting_kind.tolist()  # [service][group][sex]
        deaths = self.atrocity.history[self.month].tolist()
        rows = {}
        for g, group in enumerate(self.cfg.context.groups):
            if not people[g]:
                continue  # no sampled citizen belongs to it
            rows[group.name] = {**{f"confidence_{s}": sum(c[g]) / people[g] for s, c in zip(SERVICES, counts)},
                                **{f"represented_{s}": r[g] for s, r in zip(SERVICES, represented)},
                                "one_sided_deaths": int(deaths[g])}
        return rows

    def _check_benchmarks(self) -> None:
        for b in BENCHMARKS:
            if self.recorder.benchmarks[b.name] is None:  # only the first month met is kept: no need to test again
                self.recorder.benchmark(b.name, b.met(self), self.month)

    def tables(self) -> dict:
        """This run's tables so far: ``timeseries``, ``provinces``, ``funding``, ``events``."""
        if not self._keeps_tables:
            raise ValueError("this run keeps no tables (SSRModel(..., tables=False)): only its summary")
        if self._lean is not None:
            return self.recorder.lean_tables(self.replicate, self.cfg.seed)
        return self.recorder.tables(self.replicate, self.cfg.seed)

    def summary(self) -> dict:
        """One row of ``summary.parquet`` for this run."""
        series = self.recorder.series
        last = self.recorder.last
        flows = self.fighters.flows
        row = {
            "replicate": self.replicate,
            "seed": self.cfg.seed,
            "relapsed": self.relapse_month is not None,
            "relapse_month": self.relapse_month,
            "war_relapse_month": self.war_relapse_month,
            "one_sided_violence_month": self.atrocity.one_sided_violence_month,
            "mass_atrocity_month": self.atrocity.mass_atrocity_month,
            "peak_group_one_sided_deaths": self.atrocity.peak,
            "final_public_confidence": float(series["public_confidence"][last]),
            "mean_public_confidence": float(series["public_confidence"][: last + 1].mean()),
            "total_demobilized": int(flows[Status.CANTONED, Status.DEMOBILIZED]),
            "total_reintegrated": int(flows[Status.REINTEGRATING, Status.REINTEGRATED]),
            "total_remobilized": int(flows[:, Status.REMOBILIZED].sum()),
            "coup_attempts": self.settlement.coup_attempts,
            "coup_successes": self.settlement.coup_successes,
            "total_battle_deaths": int(self.deaths_history[: self.month + 1].sum()),
            "total_one_sided_deaths": int(self.violence.one_sided_history[: self.month + 1].sum()),
            "weapons_handed_in": float(self.violence.handed_in),
        }
        for name, month in self.recorder.benchmarks.items():
            row[f"benchmark_{name}_month"] = month
        return row
