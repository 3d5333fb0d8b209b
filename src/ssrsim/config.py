"""The validated configuration of one ssrsim experiment.

Hydra composes YAML files and command-line overrides; this pydantic schema then decides what is
allowed. Every number has a stated range, unknown keys are refused (``extra="forbid"``), and each
field says its unit and whether its default is *sourced* (seed file:line or a published figure)
or an *assumption*. ``docs/parameters.md`` is generated from this module (``ssrsim.docs``).

The schema's defaults are the generic post-conflict ``baseline``; scenario files override them.
This module imports neither Hydra nor plotting code: the model core depends on it alone.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .schema import allowed

SERVICES = ("army", "police", "gendarmerie")
# The fighter statuses of MODEL.md §3, in the order the model numbers them.
STATUSES = ("combatant", "cantoned", "demobilized", "reintegrating", "reintegrated", "integrated",
            "remobilized", "killed")
PROGRAMMES = ("ddr", "capacity", "governance", "quick_wins")
EVENT_KINDS = ("election", "donor_exit", "peace_deal", "ceasefire", "coup_attempt", "set_lever")


#: Provenance of the assumed values fitted to the published relapse rates (issue 3).
CALIBRATED = "assumed; calibrated to MODEL.md §6 (docs/validation.md)"


def F(default: Any, ge: float | None = None, le: float | None = None, *, unit: str = "",
      source: str | None = None, doc: str = "") -> Any:
    """A field with its range, unit and provenance (``source=None`` marks an assumption)."""
    extra = {"unit": unit, "source": source or "assumption"}
    return Field(default, ge=ge, le=le, description=doc, json_schema_extra=extra)


class Strict(BaseModel):
    """Base: unknown keys are errors, assignment is validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# --------------------------------------------------------------------------- levers
class Funding(Strict):
    annual_envelope: float = F(20.0, 0, 1000, unit="US$ million / year per donor",
                               doc="Each donor's SSR/DDR envelope per year of a cycle")
    cycle_months: int = F(24, 6, 120, unit="months", source="002:55 (short funding cycles)",
                          doc="Length of a donor commitment cycle")
    predictability: float = F(0.8, 0, 1, unit="probability", source="002:55; 003:793",
                              doc="Chance that a donor renews its next cycle on time")
    governance_share: float = F(0.3, 0, 1, unit="share", source="002:59; 003:542",
                                doc="Share of non-DDR money for oversight/accountability rather than capacity")
    quick_win_share: float = F(0.1, 0, 1, unit="share", source="004:99-101",
                               doc="Share of each envelope spent on visible quick wins")
    substitution: float = F(0.3, 0, 1, unit="0-1", source="003:1754",
                            doc="How readily an impatient donor implements capacity work itself")
    ddr_share: float = F(0.35, 0, 1, unit="share", source="003:1574; 003:1386",
                         doc="Share of each envelope earmarked for DDR and reintegration")


class DDR(Strict):
    demobilization_per_month: int = F(600, 0, 20000, unit="fighters / month",
                                      doc="Cantonment intake: fighters leaving armed groups per month")
    reintegration_months: int = F(18, 1, 72, unit="months", source="000:12 (1-2+ years)",
                                  doc="Length of a reintegration programme")
    reintegration_capacity: int = F(8000, 0, 200000, unit="places",
                                    doc="Concurrent places in reintegration programmes")
    integration_share: float = F(0.25, 0, 1, unit="share", source="003:907; 004:7",
                                 doc="Share of cantoned fighters offered integration into the forces")
    cantonment_months: int = F(2, 1, 12, unit="months",
                               doc="Months in cantonment before demobilisation (cantonment: 003:1143)")
    reinsertion_months: int = F(6, 0, 36, unit="months",
                                doc="Months of reinsertion support after discharge (Burundi paid 18 months' salary)")
    integration_quota: float = F(0.0, 0, 1, unit="share of planned size",
                                 source="Pretoria Protocols 2003 (40% of FDN officers from the movements); 004:7",
                                 doc="Places reserved for integrated ex-combatants in each service, even above its planned size")
    max_faction_share: float = F(1.0, 0.05, 1, unit="share of planned size",
                                 source="Arusha Protocol III; 2005 constitution (no group above 50% of the forces)",
                                 doc="No one faction's integrated members may exceed this share of a service")


class Levers(Strict):
    political_will: float = F(0.55, 0, 1, unit="0-1", source="003:478; 004:7; 000:15",
                              doc="Genuine national commitment at month 0")
    oversight_strength: float = F(0.4, 0, 1, unit="0-1", source="003:585; 003:605; 000:43",
                                  doc="Strength of parliament, ombudsman, media and NGOs")
    mandate_extension_months: int = F(0, 0, 120, unit="months", source="003:73; 004:3 (missions end before SSR does)",
                                      doc="Months added to the peacekeeping mandate: a request to the Security Council")
    holdout_talks: float = F(1.0, 0, 5, unit="x monthly deal chance", source="MODEL.md §3 (holdouts co-opted or defeated)",
                             doc="Negotiation effort with armed holdouts: multiplies their chance of a peace deal (1 = no extra effort)")
    funding: Funding = Funding()
    ddr: DDR = DDR()


# --------------------------------------------------------------------------- context
class Economy(Strict):
    youth_unemployment: float = F(0.45, 0, 1, unit="share", source="003:675; 003:646",
                                  doc="Unemployment among youths and ex-combatants' peers")
    unemployment: float = F(0.25, 0, 1, unit="share", source="003:646-648",
                            doc="Adult unemployment (citizens)")
    growth: float = F(0.04, -0.2, 0.2, unit="per year",
                      doc="Real growth: unemployment falls with it (West Africa grew 5%, 003:670)")
    revenue: float = F(120.0, 1, 100000, unit="US$ million / year",
                       doc="Domestic revenue available to the government")
    corruption: float = F(0.35, 0, 1, unit="share", source="004:74",
                          doc="Share of every budget line that leaks")
    illicit_rents: float = F(0.3, 0, 1, unit="0-1", source="003:709; 003:1084",
                             doc="Lootable commodities and trafficking available to predators")
    regional_instability: float = F(0.3, 0, 1, unit="0-1", source="003:87; 003:674",
                                    doc="Cross-border insecurity feeding spoilers")


class Provinces(Strict):
    count: int = F(14, 3, 60, unit="provinces", doc="Nodes of the province network")
    extra_links: int = F(6, 0, 200, unit="links",
                         doc="Random chords added to the ring of neighbouring provinces")


class Faction(Strict):
    name: str
    fighters: int = Field(ge=0, le=500000, description="Members at month 0")
    in_process: bool = Field(True, description="Signatory (enters DDR) or holdout (a spoiler)")
    government: bool = Field(False, description="Government soldiers due for demobilisation")
    offered_integration: bool = Field(True, description="Its members may be offered integration into the services "
                                      "(false for a surplus being cut, e.g. Burundi's ex-FAB)")
    home_provinces: list[int] = Field(default_factory=list,
                                      description="Strongholds (province indices); empty = spread")
    commander_tie: float = Field(0.5, ge=0, le=1, description="Mean loyalty to the commander")


class Force(Strict):
    service: Literal["army", "police", "gendarmerie"]
    size: int = Field(ge=0, le=1000000, description="Personnel at month 0")
    target_size: int | None = Field(None, ge=0, le=1000000,
                                    description="Planned size; integration stops there")
    capacity: float = Field(0.35, ge=0, le=1)
    integrity: float = Field(0.3, ge=0, le=1)
    pay_adequacy: float = Field(0.6, ge=0, le=1)


class Donor(Strict):
    name: str
    envelope_scale: float = Field(1.0, ge=0, le=20,
                                  description="Multiplier on levers.funding.annual_envelope")
    cycle_offset: int = Field(0, ge=0, le=120, description="Months before its first cycle starts")
    predictability_offset: float = Field(0.0, ge=-1, le=1)
    governance_offset: float = Field(0.0, ge=-1, le=1)
    patience: float = Field(0.5, ge=0, le=1, description="Tolerance of slow progress (003:1754)")
    coordination: float = Field(0.6, ge=0, le=1,
                                description="Willingness to coordinate; poor coordination wastes money (003:1778, 004:48)")


class Spoiler(Strict):
    name: str
    kind: Literal["armed_holdout", "elite", "criminal"]
    faction: str | None = Field(None, description="Armed holdouts command this faction")
    resources: float = Field(0.3, ge=0, le=1, description="Rents, backing and money, 0-1")
    home_provinces: list[int] = Field(default_factory=list)


class Peacekeeping(Strict):
    troops: int = F(8000, 0, 200000, unit="troops",
                    doc="Peacekeepers at full strength (they lower violence: 003:124; ONUB had 5,650)")
    mandate_months: int = F(72, 0, 600, unit="months",
                            doc="Month the mandate ends and drawdown starts (missions end before SSR does: "
                                "003:73, 004:3; ONUB lasted about 31 months)")
    drawdown_months: int = F(12, 1, 120, unit="months", doc="Months to withdraw fully")
    initial_troops: int | None = F(None, 0, 200000, unit="troops",
                                   doc="Troops before full strength (e.g. a regional mission re-hatted later); None = full strength from month 0")
    full_strength_month: int = F(0, 0, 600, unit="month", doc="Month the mission reaches `troops`")


class GovernmentContext(Strict):
    fear_of_prosecution: float = F(0.4, 0, 1, unit="0-1", source="001:11")
    legitimacy: float = F(0.5, 0, 1, unit="0-1", source="002:47")
    civilian_control: float = F(0.4, 0, 1, unit="0-1", source="000:13")
    elite_cohesion: float = F(0.6, 0, 1, unit="0-1", source="004:75")
    election_cycle_months: int = F(60, 0, 240, unit="months",
                                   doc="Regular elections (0 = only listed election events)")
    first_election_month: int = F(24, 0, 600, unit="month")


class Context(Strict):
    provinces: Provinces = Provinces()
    economy: Economy = Economy()
    government: GovernmentContext = GovernmentContext()
    factions: list[Faction] = Field(default_factory=lambda: [
        Faction(name="government_surplus", fighters=9000, government=True, commander_tie=0.4),
        Faction(name="movement_a", fighters=12000, home_provinces=[0, 1, 2, 3], commander_tie=0.6),
        Faction(name="movement_b", fighters=7000, home_provinces=[7, 8, 9], commander_tie=0.6),
        Faction(name="holdout_c", fighters=100, in_process=False, home_provinces=[11],
                commander_tie=0.8),
    ])
    forces: list[Force] = Field(default_factory=lambda: [
        Force(service="army", size=25000, target_size=28000),
        Force(service="police", size=9000, target_size=14000),
        Force(service="gendarmerie", size=4000, target_size=5000),
    ])
    donors: list[Donor] = Field(default_factory=lambda: [
        Donor(name="world_bank_mdtf", envelope_scale=1.2, patience=0.7, governance_offset=-0.1),
        Donor(name="bilateral_a", envelope_scale=1.0, cycle_offset=0, patience=0.5),
        Donor(name="bilateral_b", envelope_scale=0.7, cycle_offset=6, patience=0.3,
              governance_offset=0.15),
    ])
    spoilers: list[Spoiler] = Field(default_factory=lambda: [
        Spoiler(name="holdout_c", kind="armed_holdout", faction="holdout_c", resources=0.15,
                home_provinces=[11]),
        Spoiler(name="hardline_elites", kind="elite", resources=0.3),
        Spoiler(name="trafficking_network", kind="criminal", resources=0.25, home_provinces=[5, 12]),
    ])
    peacekeeping: Peacekeeping = Peacekeeping()
    citizens: int = F(20000, 100, 500000, unit="sampled citizens")

    @model_validator(mode="after")
    def _references(self) -> "Context":
        names = [f.name for f in self.factions]
        if len(set(names)) != len(names):
            raise ValueError("context.factions: names must be unique")
        if not self.factions:
            raise ValueError("context.factions: at least one faction is required")
        n = self.provinces.count
        for f in self.factions:
            for p in f.home_provinces:
                if not 0 <= p < n:
                    raise ValueError(f"context.factions[{f.name}].home_provinces: {p} is not in 0..{n - 1}")
        for s in self.spoilers:
            if s.faction is not None and s.faction not in names:
                raise ValueError(f"context.spoilers[{s.name}].faction: unknown faction {s.faction!r}; "
                                 f"allowed: {names}")
            if s.kind == "armed_holdout" and s.faction is None:
                raise ValueError(f"context.spoilers[{s.name}]: an armed_holdout needs a faction")
            for p in s.home_provinces:
                if not 0 <= p < n:
                    raise ValueError(f"context.spoilers[{s.name}].home_provinces: {p} is not in 0..{n - 1}")
        for f in self.factions:
            if not f.in_process and not any(s.faction == f.name for s in self.spoilers):
                raise ValueError(f"context.factions[{f.name}]: a holdout faction (in_process=false) "
                                 "needs an armed_holdout spoiler that commands it")
        services = [f.service for f in self.forces]
        if sorted(services) != sorted(SERVICES):
            raise ValueError(f"context.forces: exactly one of each service {list(SERVICES)} is required")
        if not self.donors:
            raise ValueError("context.donors: at least one donor is required")
        return self


# --------------------------------------------------------------------------- parameters
class FighterParams(Strict):
    grievance_rate: float = F(0.08, 0.001, 1, unit="per month",
                              doc="Speed at which grievance moves toward its status target")
    waiting_grievance: float = F(0.85, 0, 1, unit="0-1", source="004:77; 000:12; 003:132",
                                 doc="Grievance target of a demobilised fighter with no programme")
    remobilization_base: float = F(-7.54, -20, 5, unit="logit / month", source=CALIBRATED,
                           doc="Baseline log-odds of remobilising per month")
    remobilization_grievance: float = F(4.5, 0, 20, unit="logit", source="003:132",
                                        doc="Weight of grievance on remobilisation")
    remobilization_livelihood: float = F(3.0, 0, 20, unit="logit", source="000:12",
                                         doc="Weight of livelihood (a 'place') against remobilisation")
    remobilization_tie: float = F(1.5, 0, 20, unit="logit", doc="Weight of the commander tie")
    livelihood_rate: float = F(0.06, 0.001, 1, unit="per month",
                               doc="Speed at which livelihood moves toward its target")


class SpoilerParams(Strict):
    attack_base: float = F(-5.44, -20, 5, unit="logit / month", source=CALIBRATED,
                           doc="Baseline log-odds that a spoiler's force in a province engages")
    attack_strength: float = F(1.14, 0, 10, unit="logit per log force ratio", source=CALIBRATED,
                           doc="Weight of the spoiler/deterrence ratio on engaging")
    deaths_per_clash: float = F(0.5, 0, 5, unit="deaths per sqrt(fighters)",
                                doc="Scale of a clash's battle deaths")
    min_fighters: int = F(25, 1, 10000, unit="fighters",
                          doc="Smallest local group able to mount an attack")
    youth_recruitment: float = F(2.0, 0, 200, unit="recruits / month at full pull",
                                 source="003:675; 003:132",
                                 doc="Youth recruited per province per month at full pull")
    resource_rate: float = F(0.03, 0, 1, unit="per month", doc="Speed of resource change")
    fighters_per_resource: float = F(2000.0, 1, 1000000, unit="fighters at full resources",
                                     doc="Fighters a spoiler can arm and feed at resources 1")
    reform_threat: float = F(0.6, 0, 1, unit="0-1", source="001:11; 002:63",
                             doc="How much accountability threatens elite spoilers")
    co_optation: float = F(0.03, 0, 1, unit="per month", source="MODEL.md §3 (co-opted or defeated)",
                           doc="Monthly chance an armed spoiler is co-opted, times will and (1 - resources)")


class ForceParams(Strict):
    reform_rate: float = F(0.02, 0.0001, 0.3, unit="per month", source="002:55 (slow pace)",
                           doc="Speed of capacity and integrity toward their targets")
    capacity_half_saturation: float = F(5.0, 0.01, 1000, unit="US$ million / year",
                                        doc="Capacity spending giving half the attainable gain")
    abuse_rate: float = F(0.0008, 0, 0.1, unit="abuses per member-month at worst",
                          doc="Abuses by an unchecked, unpaid, predatory force")
    coup_base: float = F(-9.0, -30, 5, unit="logit / month", source="003:708",
                         doc="Baseline log-odds of a coup attempt")
    coup_disaffection: float = F(6.0, 0, 30, unit="logit", source="004:78; 003:708",
                                 doc="Weight of army disaffection on a coup attempt")
    pay_cost: float = F(0.0012, 0, 1, unit="US$ million / member-year",
                        doc="Annual pay per member at full adequacy")
    deterrence_per_peacekeeper: float = F(0.23, 0, 10, unit="soldier-equivalents",
                                            source="003:124 (direction); value calibrated to MODEL.md §6 (docs/validation.md)")


class CitizenParams(Strict):
    trust_up: float = F(0.02, 0.001, 1, unit="per month", source="004:54; 003:1630",
                        doc="Speed of trust gains (slow)")
    trust_down: float = F(0.15, 0.001, 1, unit="per month", source="MODEL.md §3 (quickly downward)",
                          doc="Speed of trust losses (fast)")
    unemployment_weight: float = F(0.5, 0, 1, unit="0-1",
                                   source="003:646 (unemployment the gravest threat; value assumed)",
                                   doc="How much being unemployed lowers perceived security")
    exposure_decay: float = F(0.25, 0.01, 1, unit="per month", doc="Fading of remembered violence")


class GovernmentParams(Strict):
    will_rate: float = F(0.03, 0.001, 1, unit="per month", doc="Speed of will toward its drivers")
    election_shock: float = F(0.15, 0, 1, unit="0-1",
                              doc="Size of the political shock of an election")
    repression_threshold: float = F(0.35, 0, 1, unit="will", doc="Below it, exposure brings repression")


class DonorParams(Strict):
    disbursement_lag: int = F(3, 0, 24, unit="months", doc="Months from commitment to first money")
    substitution_decay: float = F(0.06, 0, 1, unit="per month", source="003:1754",
                                  doc="Decay of donor-implemented capacity once money stops")
    quick_win_effect: float = F(0.4, 0, 1, unit="0-1", source="004:101; 003:1704",
                                doc="Confidence boost from quick wins at full spending")
    reintegration_cost: float = F(0.00018, 0, 1, unit="US$ million / participant-month",
                                  source="evidence.md §3: US$74.8m for about 23,000 in Burundi, about US$180 a month over 18 months")


class OversightParams(Strict):
    growth_rate: float = F(0.02, 0.0001, 1, unit="per month", source="003:1733 (slow)")
    detection: float = F(0.7, 0, 1, unit="share", source="003:585; 000:43",
                         doc="Share of abuses exposed by fully capable oversight")


class Params(Strict):
    fighters: FighterParams = FighterParams()
    spoilers: SpoilerParams = SpoilerParams()
    forces: ForceParams = ForceParams()
    citizens: CitizenParams = CitizenParams()
    government: GovernmentParams = GovernmentParams()
    donors: DonorParams = DonorParams()
    oversight: OversightParams = OversightParams()


# --------------------------------------------------------------------------- events, outputs
class Event(Strict):
    month: int = Field(ge=0, le=1200)
    kind: Literal["election", "donor_exit", "peace_deal", "ceasefire", "coup_attempt", "set_lever"]
    target: str | None = Field(None, description="Donor (donor_exit) or spoiler (peace_deal, ceasefire)")
    path: str | None = Field(None, description="set_lever: a dotted lever path, e.g. levers.ddr.reintegration_months")
    value: float | None = Field(None, description="set_lever: the new value; ceasefire: its length in months")
    note: str = ""

    @model_validator(mode="after")
    def _fields_for_kind(self) -> "Event":
        if self.kind == "set_lever":
            if not self.path or not self.path.startswith("levers.") or self.value is None:
                raise ValueError("a set_lever event needs path: levers.<...> and a value")
        if self.kind in ("donor_exit", "peace_deal", "ceasefire") and not self.target:
            raise ValueError(f"a {self.kind} event needs a target")
        if self.kind == "ceasefire" and (self.value is None or self.value < 1):
            raise ValueError("a ceasefire event needs value: its length in months (at least 1)")
        return self


class Calendar(Strict):
    start: str | None = Field(None, description="Month 0 as YYYY-MM (labels only)")

    @field_validator("start")
    @classmethod
    def _yyyy_mm(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(v)):
            raise ValueError("must be YYYY-MM, e.g. 2003-11")
        return v


class Thresholds(Strict):
    relapse_deaths: int = F(25, 1, 100000, unit="battle deaths / window",
                            source="UCDP armed-conflict threshold (Kreutz 2010)")
    war_deaths: int = F(1000, 1, 1000000, unit="battle deaths / window", source="UCDP war threshold")
    window_months: int = F(12, 1, 120, unit="months", source="UCDP (deaths per calendar year)", doc="Trailing window for the relapse test")


class Config(Strict):
    name: str = Field("baseline", description="Scenario name")
    description: str = ""
    seed: int = F(12345, 0, 2**63 - 1, unit="integer", source="run setting", doc="Root seed; replicate r uses SeedSequence([seed, r])")
    replicates: int = F(40, 1, 100000, unit="runs", source="run setting", doc="Independent runs (replicate r uses stream r)")
    months: int = F(240, 1, 1200, unit="months", source="run setting; MODEL.md §2 (240 months)", doc="Horizon")
    workers: int = F(1, 1, 256, unit="processes", source="run setting", doc="Replicates run in parallel (same numbers)")
    overwrite: bool = Field(False, description="Allow writing into a folder that holds results")
    calendar: Calendar = Calendar()
    sources: dict[str, str] = Field(default_factory=dict, description=(
        "Provenance of the values a scenario sets: dotted path (e.g. context.forces.army.size, "
        "events.ceasefire_2006) -> its source, or 'assumption: why'"))
    thresholds: Thresholds = Thresholds()
    levers: Levers = Levers()
    context: Context = Context()
    params: Params = Params()
    events: list[Event] = Field(default_factory=list)

    @model_validator(mode="after")
    def _events_refer(self) -> "Config":
        donors = {d.name for d in self.context.donors}
        spoilers = {s.name for s in self.context.spoilers}
        for i, e in enumerate(self.events):
            where = f"events[{i}]"
            if e.kind == "donor_exit" and e.target not in donors:
                raise ValueError(f"{where}.target: unknown donor {e.target!r}; allowed: {sorted(donors)}")
            if e.kind in ("peace_deal", "ceasefire") and e.target not in spoilers:
                raise ValueError(f"{where}.target: unknown spoiler {e.target!r}; allowed: {sorted(spoilers)}")
            if e.kind == "set_lever":
                apply_lever(self.levers, e.path, e.value, where=where)  # validates on a copy
        return self


def apply_lever(levers: Levers, path: str, value: float, where: str = "set_lever") -> Levers:
    """Return a copy of ``levers`` with ``path`` (``levers.a.b``) set to ``value``, validated."""
    parts = path.split(".")[1:]
    data = levers.model_dump()
    node = data
    for key in parts[:-1]:
        if not isinstance(node.get(key), dict):
            raise ValueError(f"{where}.path: {path!r} is not a lever")
        node = node[key]
    if parts[-1] not in node or isinstance(node[parts[-1]], dict):
        raise ValueError(f"{where}.path: {path!r} is not a lever")
    node[parts[-1]] = int(value) if isinstance(node[parts[-1]], int) else value
    try:
        return Levers.model_validate(data)
    except ValueError:
        raise ValueError(f"{where}.value: {path} = {value!r} is out of range "
                         f"({allowed(Config, ('levers', *parts))})") from None


def defaults() -> dict:
    """The full default tree (the generic baseline) as plain data, for Hydra's ConfigStore."""
    return Config().model_dump(mode="json")

