"""Spoilers: armed holdouts, elites who fear prosecution, criminal networks.

A spoiler has resources (rents, regional backing, patronage), a presence in provinces and the
fighters who follow it: the combatants of a holdout faction, remobilised ex-combatants and
recruited youths. It recruits idle and aggrieved ex-combatants and unemployed youth (003:132,
003:675), attacks where it is strong relative to the forces and peacekeepers that deter it
(clashes produce the only battle deaths in the model), intimidates, and stalls reform (004:75).
It can be co-opted into the process (a peace deal) or defeated.
"""

from __future__ import annotations

import mesa
import numpy as np

from .fighters import Status
from .maths import logistic, toward

# A ceasefire lowers a spoiler's log-odds of engaging but does not disarm it: violations still
# happen (assumption: about a twentieth of the usual rate, e^-3).
CEASEFIRE_RESTRAINT = 3.0
ARMED = np.zeros(len(Status), bool)  # statuses that fight for a spoiler
ARMED[[Status.COMBATANT, Status.REMOBILIZED]] = True


class Spoiler(mesa.Agent):
    """One spoiler and its resources."""

    def __init__(self, model, spec, index: int, faction: int):
        super().__init__(model)
        self.name = spec.name
        self.kind = spec.kind
        self.index = index
        self.faction = faction  # faction its recruits belong to
        self.resources = spec.resources
        self.co_opted = False
        self.ceasefire_until = -1  # month a ceasefire ends (the spoiler keeps its fighters)
        self.had_fighters = False
        homes = np.zeros(model.provinces.count)
        homes[list(spec.home_provinces)] = 1.0
        if not spec.home_provinces:
            homes[:] = 0.5 if spec.kind == "elite" else 0.0  # elite patronage reaches everywhere
        self.homes = homes

    def pull(self, fighters_here: np.ndarray) -> np.ndarray:
        """Recruiting pull by province: resources where the spoiler is present, while it can pay.

        Present in its homes and where its fighters are, and more weakly next door (half its
        presence spread over the network: ``0.5 x spill.T @ here``). A spoiler
        arms and feeds at most ``resources x fighters_per_resource`` fighters.
        """
        if self.co_opted:
            return np.zeros_like(self.homes)
        here = np.maximum(self.homes, (fighters_here > 0).astype(float))
        presence = np.maximum(here, 0.5 * (self.model.provinces.spill.T @ here))
        affordable = self.resources * self.model.cfg.params.spoilers.fighters_per_resource
        room = 1 - fighters_here.sum() / affordable if affordable > fighters_here.sum() else 0.0
        return self.resources * presence * room

    def step(self) -> None:
        """Resources move toward what rents, backing and reform threat give this kind."""
        if self.co_opted:
            return
        m = self.model
        econ = m.economy
        sp = m.cfg.params.spoilers
        if self.kind == "criminal":
            # Rents shrink where forces are effective and accountable (003:1084).
            target = econ.illicit_rents * (1 - 0.6 * m.accountability_index) * (1 - 0.5 * m.effectiveness_index)
        elif self.kind == "elite":
            # Losers of reform who fear prosecution fund resistance (001:11, 002:63).
            target = (m.government.fear_of_prosecution * (0.4 + sp.reform_threat * m.accountability_index)
                      * (1 - 0.5 * m.government.elite_cohesion))
        else:
            target = (0.6 * econ.regional_instability + 0.4 * econ.illicit_rents) * (1 - 0.5 * m.effectiveness_index)
        target = toward(target, 1.0, 0.3 * econ.regional_instability)  # cross-border backing (003:87)
        self.resources = toward(self.resources, target, sp.resource_rate)

    def co_opt(self) -> None:
        self.co_opted = True
        self.resources = 0.0


def resolve_clashes(model, local: np.ndarray, deterrence: np.ndarray) -> np.ndarray:
    """Engagements between each spoiler's local force and the forces deterring it.

    ``local[s, p]`` is spoiler s's fighters in province p, ``deterrence[p]`` soldier-equivalents
    of the forces and peacekeepers. A spoiler engages with a probability that rises with its
    strength relative to deterrence, its resources and election tension; deaths scale with the
    square root of the fighters engaged and fall on both sides. Returns battle deaths by province.
    """
    sp = model.cfg.params.spoilers
    rng = model.rng
    fighters = model.fighters
    deaths = np.zeros(model.provinces.count, np.int64)
    election = 1.0 if model.government.election_months_left > 0 else 0.0
    # Snapshots: each (spoiler, province) pair is engaged once, so their members are disjoint.
    armed = model.armed_spoiler_fighters()
    armed_spoiler, armed_province = fighters.spoiler[armed], fighters.province[armed]
    for spoiler in model.spoilers:
        if spoiler.co_opted:
            continue
        row = local[spoiler.index]
        for p in np.flatnonzero(row >= sp.min_fighters):
            ratio = (row[p] + 1) / (0.02 * deterrence[p] + 1)
            score = (sp.attack_base + sp.attack_strength * np.log(ratio)
                     + 1.5 * spoiler.resources + 0.8 * election)
            if model.month < spoiler.ceasefire_until:
                score -= CEASEFIRE_RESTRAINT
            if rng.random() >= logistic(score):
                continue
            toll = int(rng.poisson(sp.deaths_per_clash * np.sqrt(row[p]))) + 1
            spoiler_share = float(logistic(np.log((0.02 * deterrence[p] + 1) / (row[p] + 1)) + 0.4))
            members = armed[(armed_spoiler == spoiler.index) & (armed_province == p)]
            lost = min(int(rng.binomial(toll, spoiler_share)), members.size)
            fighters.move(rng.choice(members, lost, replace=False), Status.KILLED)
            model.forces_lose(p, toll - lost)
            spoiler.resources = toward(spoiler.resources, 0.0, 0.02 * lost / max(row[p], 1))
            deaths[p] += toll
            if toll >= 10:
                model.log("clash", spoiler.name, province=int(p), size=toll,
                          detail=f"{lost} spoiler fighters and {toll - lost} security personnel killed")
    return deaths
