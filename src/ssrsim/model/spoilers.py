"""Spoilers: armed holdouts, elites who fear prosecution, criminal networks, factions' armed wings.

A spoiler has resources (rents, regional backing, patronage), a presence in provinces and the
fighters who follow it: the combatants of a holdout faction, remobilised ex-combatants and
recruited youths. It recruits idle and aggrieved ex-combatants and unemployed youth (003:132,
003:675), attacks where it is strong relative to the forces and peacekeepers that deter it
(clashes produce the only battle deaths in the model), intimidates, and stalls reform (004:75).
It can make a deal and enter the process (``bargaining.py``), break it, or be defeated.
"""

from __future__ import annotations

import math

import mesa
import numpy as np

from .fighters import Status
from .maths import logistic, toward

ARMED = np.zeros(len(Status), bool)  # statuses that fight for a spoiler
ARMED[[Status.COMBATANT, Status.REMOBILIZED]] = True


class Spoiler(mesa.Agent):
    """One spoiler and its resources."""

    def __init__(self, model, spec, index: int, faction: int):
        super().__init__(model)
        self.name = spec.name
        self.kind = spec.kind
        self.stance = spec.stance  # what it asks of a deal (bargaining.py)
        self.index = index
        self.faction = faction  # faction its recruits belong to
        self.resources = spec.resources
        self.co_opted = False
        self.ceasefire_until = -1  # month a ceasefire ends (the spoiler keeps its fighters)
        self.had_fighters = False
        self.setback = 0.0  # how fast it is losing fighters (0-1): groups losing ground turn on civilians
        homes = np.zeros(model.provinces.count)
        homes[list(spec.home_provinces)] = 1.0
        if not spec.home_provinces:
            # Elite patronage reaches everywhere, with presence ``elite_reach``.
            homes[:] = model.cfg.params.spoilers.elite_reach if spec.kind == "elite" else 0.0
        self.homes = homes
        self._presence_where = None  # the provinces with fighters that ``_presence_of`` is for
        self._presence_of = homes

    def room(self, fighters: int) -> float:
        """Share of the fighters it can arm and feed (at most ``resources x fighters_per_resource``)
        that it does not have yet, with ``fighters`` under arms: 0 when it has them all, or is
        co-opted. A spoiler without room pulls no one (``pull`` is 0 everywhere)."""
        if self.co_opted:
            return 0.0
        affordable = self.resources * self.model.cfg.params.spoilers.fighters_per_resource
        return 1 - fighters / affordable if affordable > fighters else 0.0

    def pull(self, fighters_here: np.ndarray, room: float | None = None) -> np.ndarray:
        """Recruiting pull by province: resources where the spoiler is present, while it can pay.

        Present in its homes and where its fighters are, and more weakly next door (a share
        ``neighbour_presence`` of its presence spread over the network:
        ``neighbour_presence x spill.T @ here``). A spoiler
        arms and feeds at most ``resources x fighters_per_resource`` fighters (``room``: its
        ``room`` for the fighters here, if already worked out).
        """
        room = self.room(int(fighters_here.sum())) if room is None else room
        if room == 0:
            return np.zeros_like(self.homes)  # resources x presence x 0: no one, without the arithmetic
        return self.resources * self._presence(fighters_here) * room

    def _presence(self, fighters_here: np.ndarray) -> np.ndarray:
        """Its presence by province (``pull``), kept until the provinces where it has fighters
        change: they seldom do, and the product with the network is most of a pull's cost."""
        where = (fighters_here > 0).tobytes()
        if where != self._presence_where:
            here = np.maximum(self.homes, fighters_here > 0)  # a province with fighters counts as 1
            sp = self.model.cfg.params.spoilers
            self._presence_of = np.maximum(here, sp.neighbour_presence * (self.model.provinces.spill.T @ here))
            self._presence_where = where
        return self._presence_of

    def step(self) -> None:
        """Resources move toward what rents, backing and reform threat give this kind."""
        if self.co_opted:
            return
        m = self.model
        econ = m.economy
        sp = m.cfg.params.spoilers
        if self.kind == "criminal":
            # Rents shrink where forces are effective and accountable (003:1084).
            target = (econ.illicit_rents * (1 - sp.criminal_accountability_cut * m.accountability_index)
                      * (1 - sp.criminal_effectiveness_cut * m.effectiveness_index))
        elif self.kind == "elite":
            # Losers of reform who fear prosecution fund resistance (001:11, 002:63).
            target = (m.government.fear_of_prosecution
                      * (sp.elite_base_resistance + sp.reform_threat * m.accountability_index)
                      * (1 - sp.elite_cohesion_cut * m.government.elite_cohesion))
        elif self.kind == "armed_wing":
            target = 0.0  # dormant until its faction backs it
        else:
            w = sp.holdout_regional_weight
            target = ((w * m.region.support + (1 - w) * econ.illicit_rents)
                      * (1 - sp.holdout_effectiveness_cut * m.effectiveness_index))
        # An excluded, aggrieved elite faction backs its armed group (docs/model.md §6.5).
        backing = m.settlement.backing(self)
        target = toward(target, 1.0, backing)
        # Cross-border backing (003:87) reaches every group that is active.
        if self.kind != "armed_wing" or backing > 0:
            target = toward(target, 1.0, sp.cross_border_backing * m.region.support)
        self.resources = toward(self.resources, target, sp.resource_rate)

    def co_opt(self) -> None:
        self.co_opted = True
        self.resources = 0.0

    def rearm(self, resources: float) -> None:
        """Back in the fight after a broken deal, with at least ``resources``."""
        self.co_opted = False
        self.resources = max(self.resources, resources)


def resolve_clashes(model, local: np.ndarray, deterrence: np.ndarray) -> np.ndarray:
    """Engagements between each spoiler's local force and the forces deterring it.

    ``local[s, p]`` is spoiler s's fighters in province p, ``deterrence[p]`` soldier-equivalents
    of the forces and peacekeepers. Only a spoiler's armed members count (``Violence.armed_share``).
    A spoiler engages with a probability that rises with its armed strength relative to
    deterrence, its resources, election tension and the province's tension (escalation); deaths
    scale with the square root of the armed fighters engaged, more in a tense province, and fall on
    both sides. A spoiler's setback follows the share of its fighters it lost this month (read by
    ``Violence.rebels_turn_on_civilians``). Returns battle deaths by province.
    """
    sp = model.cfg.params.spoilers
    vp = model.cfg.params.violence
    rng = model.streams.violence
    fighters = model.fighters
    violence = model.violence
    armed_share = violence.armed_share(local.sum(axis=0))
    tension = violence.tension.tolist()  # read one province at a time: plain floats, the same values
    deaths = np.zeros(model.provinces.count, np.int64)
    election = 1.0 if model.government.election_months_left > 0 else 0.0
    members_of = _members_by_cell(model)
    provinces = model.provinces.count
    for spoiler in model.spoilers:
        if spoiler.co_opted:
            spoiler.setback = toward(spoiler.setback, 0.0, vp.setback_rate)
            continue
        row = local[spoiler.index]
        at = (row >= sp.min_fighters).nonzero()[0]
        strength = row[at] * armed_share[at]
        deterred = sp.deterrence_fighter_equivalent * deterrence[at] + 1  # deterrence in fighters, + 1
        # The log-odds of engaging up to the terms that change within the month (the spoiler's
        # resources fall with each clash): numpy's logarithm of the whole row gives the values it
        # gives one at a time (``math.log`` can differ in the last bit). Then plain floats.
        odds = (sp.attack_base + sp.attack_strength * np.log((strength + 1) / deterred)).tolist()
        lost_total = 0
        for p, strong, d, o in zip(at.tolist(), strength.tolist(), deterred.tolist(), odds):
            score = (o + sp.attack_resources * spoiler.resources + sp.attack_election * election
                     + vp.escalation_attack * tension[p])
            if model.month < spoiler.ceasefire_until:
                # A ceasefire lowers the log-odds of engaging but does not disarm: violations still happen.
                score -= sp.ceasefire_restraint
            if rng.random() >= logistic(score):
                continue
            toll = int(rng.poisson(sp.deaths_per_clash * math.sqrt(strong) * (1 + vp.escalation_lethality * tension[p]))) + 1
            spoiler_share = float(logistic(np.log(d / (strong + 1)) + sp.spoiler_casualty_bias))
            members = members_of(spoiler.index * provinces + p)
            lost = min(int(rng.binomial(toll, spoiler_share)), members.size)
            if model.region.sanctuary > 0:  # some slip across a border instead (context.region.sanctuary)
                escaped = int(rng.binomial(lost, model.region.sanctuary))
                lost, toll = lost - escaped, toll - escaped
            if lost > 0:  # choosing none draws nothing
                fighters.move(rng.choice(members, lost, replace=False), Status.KILLED)
            violence.capture(p, lost)
            lost_total += lost
            model.forces_lose(p, toll - lost)
            spoiler.resources = toward(spoiler.resources, 0.0, sp.casualty_resource_loss * lost / max(row[p], 1))
            deaths[p] += toll
            if toll >= sp.clash_report_deaths:
                model.log("clash", spoiler.name, province=p, size=toll,
                          detail=f"{lost} spoiler fighters and {toll - lost} security personnel killed")
        spoiler.setback = toward(spoiler.setback, lost_total / max(row.sum(), 1), vp.setback_rate)
    return deaths


def _members_by_cell(model):
    """The armed spoiler fighters of one (spoiler, province) cell, ascending: a function of the
    cell. The snapshot is taken at the month's first clash, before its dead move; each cell is
    engaged once, so cells' members are disjoint and the dead of one clash are never drawn in
    another. The fighters are grouped by cell once, by a stable sort (which keeps each cell's ids
    ascending, as a mask would): a mask over all the armed per clash cost more. The cells are
    sorted as 16-bit integers when they fit, which numpy sorts stably by radix in one pass (a
    64-bit stable sort is a merge sort, slower than the masks)."""
    grouped: list = []

    def members(c: int) -> np.ndarray:
        if not grouped:  # a quiet month never looks the armed up
            armed, cell = model.armed_spoiler_fighters(), model.armed_spoiler_cells()
            small = len(model.spoilers) * model.provinces.count <= np.iinfo(np.int16).max
            order = np.argsort(cell.astype(np.int16) if small else cell, kind="stable")
            grouped.extend((armed[order], cell[order]))
        ids, cells = grouped
        return ids[np.searchsorted(cells, c): np.searchsorted(cells, c, side="right")]
    return members
