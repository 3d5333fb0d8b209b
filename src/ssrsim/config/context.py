"""The context: the country at month 0 (economy, provinces, factions, forces, donors, spoilers,
peacekeeping, citizens). Scenario files set these; they can be swept like levers."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .settlement import Settlement
from .fields import F, Labelled, Strict

#: The security services, in the order the model numbers them.
SERVICES = ("army", "police", "gendarmerie")


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
    resource_rents: float = F(5.0, 0, 10000, unit="US$ million / year", source="Khan 2010; de Waal 2015",
                              doc="Natural-resource rents the ruling elites control")
    customs_rents: float = F(3.0, 0, 10000, unit="US$ million / year", source="de Waal 2015",
                             doc="Rents from customs and border trade the ruling elites control")
    regional_mission_pay: float = F(0.0, 0, 10000, unit="US$ million / year", source="de Waal 2015",
                                    doc="Pay for troops sent to regional peace operations (a rent for the elites who control it)")


class Provinces(Strict):
    count: int = F(14, 3, 60, unit="provinces", doc="Nodes of the province network")
    extra_links: int = F(6, 0, 200, unit="links",
                         doc="Random chords added to the ring of neighbouring provinces")


class Faction(Labelled):
    name: str
    label: str = Field("", max_length=60, description="Its name in words, for briefs and the debrief (e.g. "
                                                     "CNDD-FDD); empty: the name")
    fighters: int = Field(ge=0, le=500000, description="Members at month 0")
    in_process: bool = Field(True, description="Signatory (enters DDR) or holdout (a spoiler)")
    government: bool = Field(False, description="Government soldiers due for demobilisation")
    offered_integration: bool = Field(True, description="Its members may be offered integration into the services "
                                      "(false for a surplus being cut, e.g. Burundi's ex-FAB)")
    home_provinces: list[int] = Field(default_factory=list,
                                      description="Strongholds (province indices); empty = spread")
    commander_tie: float = Field(0.5, ge=0, le=1, description="Mean loyalty to the commander")
    assembled: float = Field(0.0, ge=0, le=1, description="Share of its fighters waiting for cantonment who wait in "
                                                          "pre-assembly areas, registered and watched by the ceasefire's "
                                                          "joint commission or a mission (a signatory's; 0: all in the bush)")
    group: str | None = Field(None, description="Identity group its members belong to (context.groups[].name); "
                                                "None: drawn like the population")
    ddr_timetable_start: int = Field(0, ge=0, le=1200, description=(
        "Month from which a signatory's deal counts its fighters due in cantonment "
        "(params.bargaining.ddr_timetable_months): 0, the deal's month; later where the programme they "
        "were to enter opened later (a deal made after it counts from its own month)"))


class Force(Strict):
    service: Literal[SERVICES]
    size: int = Field(ge=0, le=1000000, description="Personnel at month 0")
    target_size: int | None = Field(None, ge=0, le=1000000,
                                    description="Planned size; integration stops there")
    capacity: float = Field(0.35, ge=0, le=1)
    integrity: float = Field(0.3, ge=0, le=1)
    pay_adequacy: float = Field(0.6, ge=0, le=1)
    group_shares: dict[str, float] = Field(
        default_factory=dict, description="Share of its personnel from each identity group at month 0, before "
                                          "integration (empty: as the population; quotas such as Arusha's 50/50)")
    bias: dict[str, float] = Field(
        default_factory=dict, description="How its conduct mistreats each identity group, 0 even to 1 predatory "
                                          "toward it (Samii 2013 found none in Burundi's quota-integrated army)")
    women_share: float = F(0.05, 0, 1, unit="share", source="003:846; UNSC resolution 1325 (2000)",
                           doc="Share of women among its personnel at month 0")


class Donor(Labelled):
    name: str
    label: str = Field("", max_length=60, description="Its name in words, for briefs and figures (e.g. World Bank "
                                                     "MDRP); empty: the name")
    envelope_scale: float = Field(1.0, ge=0, le=20,
                                  description="Multiplier on levers.funding.annual_envelope")
    cycle_offset: int = Field(0, ge=0, le=120, description="Months before its first cycle starts")
    predictability_offset: float = Field(0.0, ge=-1, le=1)
    governance_offset: float = Field(0.0, ge=-1, le=1)
    patience: float = Field(0.5, ge=0, le=1, description="Tolerance of slow progress (003:1754)")
    coordination: float = Field(0.6, ge=0, le=1,
                                description="Willingness to coordinate; poor coordination wastes money (003:1778, 004:48)")


class Spoiler(Labelled):
    name: str
    label: str = Field("", max_length=60, description="Its name in words, for briefs and figures (e.g. FNL); "
                                                     "empty: the name")
    kind: Literal["armed_holdout", "elite", "criminal", "armed_wing", "movement"]
    faction: str | None = Field(None, description="Armed holdouts command this faction")
    resources: float = Field(0.3, ge=0, le=1, description="Rents, backing and money, 0-1")
    home_provinces: list[int] = Field(default_factory=list)
    stance: Literal["limited", "greedy", "total"] = Field(
        "greedy", description="What it asks of a deal (Stedman 1997): limited aims, aims that grow when it is winning, "
                              "or aims no offer meets; it shifts with the balance of force (docs/model.md §7)")


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
    observers: int = F(0, 0, 20000, unit="observers", source="Doyle & Sambanis 2000 (observer missions alone do little)",
                       doc="Unarmed military observers: they monitor (deals, abuses) but neither deter nor protect "
                           "(ONUB had 200 among its 5,650 military personnel)")


#: A scenario time series: ``[[month, value], ...]``; each value holds from its month until the next.
Series = list[tuple[int, float]]


class Region(Strict):
    """The neighbours, which are not agents: what they lend armed groups, where beaten groups can
    retreat, and the country's refugees abroad (Salehyan & Gleditsch 2006)."""

    support: Series = Field(default_factory=list, description=(
        "Regional backing for armed groups over time, [[month, level 0-1], ...]: from each month on it replaces "
        "context.economy.regional_instability (which holds before the first point). Empty: constant"))
    sanctuary: Series = Field(default_factory=list, description=(
        "Share of an armed group's fighters who can slip across a border out of a losing clash, over time, "
        "[[month, share 0-1], ...]; 0 before the first point"))
    refugees_abroad: int = F(100000, 0, 10000000, unit="people",
                             doc="Refugees from the country living abroad at month 0 (they return when it is calm; "
                                 "camps near the border back armed groups)")

    @model_validator(mode="after")
    def _series(self) -> "Region":
        for name in ("support", "sanctuary"):
            months = [m for m, _ in getattr(self, name)]
            for month, value in getattr(self, name):
                if month < 0 or not 0 <= value <= 1:
                    raise ValueError(f"{name}: [{month}, {value:g}] needs a month >= 0 and a value in 0..1")
            if months != sorted(set(months)):
                raise ValueError(f"{name}: months must increase ({months})")
        return self


class GovernmentContext(Strict):
    fear_of_prosecution: float = F(0.4, 0, 1, unit="0-1", source="001:11")
    legitimacy: float = F(0.5, 0, 1, unit="0-1", source="002:47")
    civilian_control: float = F(0.4, 0, 1, unit="0-1", source="000:13")
    elite_cohesion: float = F(0.6, 0, 1, unit="0-1", source="004:75")
    election_cycle_months: int = F(60, 0, 240, unit="months",
                                   doc="Regular elections (0 = only listed election events)")
    first_election_month: int = F(24, 0, 600, unit="month")


class IdentityGroup(Strict):
    name: str
    share: float = Field(gt=0, le=1, description="Share of the population (the groups' shares sum to 1)")


class PreventionContext(Strict):
    """Slow features of the country that atrocity prevention works with (001:35-36; 001:37): they do not change
    within a run."""
    inclusive_ideology: float = F(0.0, 0, 1, unit="0-1", source="001:35-36 (Tanzania)",
                                  doc="An inclusive national ideology: it makes one-sided violence less selective "
                                      "of identity groups (params.atrocity.ideology_cut)")
    non_discrimination_law: float = F(0.0, 0, 1, unit="0-1", source="001:37",
                                      doc="Non-discrimination law applied: it makes one-sided violence less selective "
                                          "of identity groups (params.atrocity.law_cut)")
    past_mass_killing: bool = Field(False, description="A record of mass killing before the peace agreement (a risk "
                                                       "factor read by the panel only; Harff 2003)")


class Justice(Strict):
    courts_capacity: float = F(0.4, 0, 1, unit="0-1", source="003:302; 003:833",
                               doc="What the courts can try: judges, prosecutors, case handling")
    courts_independence: float = F(0.4, 0, 1, unit="0-1", source="003:302; 001:11",
                                   doc="The courts' independence from the ruling elites (the level it returns to "
                                       "without repression)")


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
    region: Region = Region()
    population: int = F(8000000, 100000, 2000000000, unit="people",
                        doc="People in the country (citizens are a sample of them; refugees are counted in people)")
    citizens: int = F(20000, 100, 500000, unit="sampled citizens")
    settlement: Settlement = Settlement()
    groups: list[IdentityGroup] = Field(default_factory=lambda: [
        IdentityGroup(name="majority", share=0.8), IdentityGroup(name="minority", share=0.2)],
        description="Identity groups of citizens and fighters (§9.4 of the design: a generic majority and minority)")
    justice: Justice = Justice()
    prevention: PreventionContext = PreventionContext()
    small_arms: int = F(50000, 0, 10000000, unit="weapons",
                        source="Small Arms Survey 2007 (Burundi: firearms in at least 100,000 households)",
                        doc="Small arms held outside state armouries at month 0 besides the combatants' own, "
                            "spread by population")

    def all_spoilers(self) -> list[Spoiler]:
        """The scenario's spoilers, plus those the model adds: a dormant armed wing for each elite
        faction that has fighters to arm and no armed group of its own (``<name>_armed_wing``; it
        wakes if the faction rebels, docs/model.md §6.5), and the command of each signatory
        movement (``<name>``, or ``<name>_movement`` if a spoiler has that name: a party to the
        peace agreement whose commanders keep their fighters until they are processed). Events and
        a case's actions may name any of them."""
        wings = [Spoiler(name=f"{f.name}_armed_wing", kind="armed_wing", resources=0.0,
                         home_provinces=f.home_provinces)
                 for f in self.settlement.factions if f.armed_wing > 0 and f.armed_group is None]
        taken = {s.name for s in self.spoilers} | {w.name for w in wings}
        commanded = {s.faction for s in self.spoilers}
        movements = [Spoiler(name=f.name if f.name not in taken else f"{f.name}_movement", kind="movement",
                             faction=f.name, resources=0.0, home_provinces=f.home_provinces)
                     for f in self.factions if f.in_process and not f.government and f.name not in commanded]
        return [*self.spoilers, *wings, *movements]

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
        groups = [g.name for g in self.groups]
        if len(set(groups)) != len(groups) or not groups:
            raise ValueError("context.groups: at least one group is required, with unique names")
        if abs(sum(g.share for g in self.groups) - 1) > 1e-6:
            raise ValueError(f"context.groups: the shares must sum to 1 (they sum to {sum(g.share for g in self.groups):g})")
        for f in self.factions:
            if f.group is not None and f.group not in groups:
                raise ValueError(f"context.factions[{f.name}].group: unknown group {f.group!r}; allowed: {groups}")
        for f in self.forces:
            for field in ("group_shares", "bias"):
                for g, v in getattr(f, field).items():
                    if g not in groups:
                        raise ValueError(f"context.forces[{f.service}].{field}: unknown group {g!r}; allowed: {groups}")
                    if not 0 <= v <= 1:
                        raise ValueError(f"context.forces[{f.service}].{field}[{g}]: {v:g} is not in 0..1")
            if f.group_shares and abs(sum(f.group_shares.values()) - 1) > 1e-6:
                raise ValueError(f"context.forces[{f.service}].group_shares: the shares must sum to 1")
        services = [f.service for f in self.forces]
        if sorted(services) != sorted(SERVICES):
            raise ValueError(f"context.forces: exactly one of each service {list(SERVICES)} is required")
        if not self.donors:
            raise ValueError("context.donors: at least one donor is required")
        spoilers = [s.name for s in self.spoilers]
        commanded = {s.faction for s in self.spoilers}
        # A signatory movement is an armed group too: its commanders keep its fighters until they
        # are processed (the model makes it a spoiler of kind ``movement``).
        movements = [f.name for f in self.factions if f.in_process and not f.government and f.name not in commanded]
        for f in self.settlement.factions:
            where = f"context.settlement.factions[{f.name}]"
            for service in f.loyal_units:
                if service not in SERVICES:
                    raise ValueError(f"{where}.loyal_units: unknown service {service!r}; allowed: {list(SERVICES)}")
            if f.armed_group is not None and f.armed_group not in spoilers + movements:
                raise ValueError(f"{where}.armed_group: unknown armed group {f.armed_group!r}; allowed: a spoiler "
                                 f"{spoilers} or a signatory movement {movements}")
            for p in f.home_provinces:
                if not 0 <= p < n:
                    raise ValueError(f"{where}.home_provinces: {p} is not in 0..{n - 1}")
        return self
