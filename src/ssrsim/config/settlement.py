"""The political settlement a scenario starts from: the ruling coalition's elite factions.

Each faction holds posts in government and in the military, a share of the rents, officers loyal
to it in each service, and perhaps an armed group it can back (docs/model.md §6). The shares of
all factions together may not exceed one: the rest are technocrats, professional officers and
rents no faction controls.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from .fields import F, Labelled, Strict

class EliteFaction(Labelled):
    name: str = Field(description="Name of the faction (a party, a wing, a network of officers)")
    label: str = Field("", max_length=60, description="Its name in words, for the debrief (e.g. Uprona); empty: "
                                                     "the name")
    incumbent: bool = Field(False, description="Holds the presidency and makes the settlement's choices (exactly one)")
    included: bool = Field(True, description="Holds posts by right at month 0 (false: excluded from the settlement)")
    excluded_months: int = Field(0, ge=0, le=1200, description=(
        "Months from the start during which the incumbent will not, by its own choice, give an excluded "
        "faction posts or rents (a ban on the party, a settlement written to leave it out: a sustained "
        "exclusion, Roessler 2016): it may be readmitted from month excluded_months on; a deal its armed "
        "group wins can still bring it in. 0: at any time. Needs included: false"))
    entrenched: bool = Field(False, description="Its place is written into the constitution or the peace agreement "
                                                "(guaranteed posts, quotas): the incumbent cannot exclude it "
                                                "(Hartzell & Hoddie 2003)")
    contests_elections: bool = Field(True, description="A party that stands in elections and so can boycott them; "
                                                       "false for a network of officers (e.g. an intelligence "
                                                       "service's generals), which cannot leave the government "
                                                       "over a vote but can still be excluded, purged and strike")
    posts_government: float = F(0.2, 0, 1, unit="share", source="Hartzell & Hoddie 2003 (political power sharing)",
                                doc="Share of ministries it holds")
    posts_military: float = F(0.2, 0, 1, unit="share", source="Hartzell & Hoddie 2003 (military power sharing)",
                              doc="Share of senior officer posts it holds")
    rents: float = F(0.2, 0, 1, unit="share", source="Khan 2010; de Waal 2015", doc="Share of the rent pool it receives")
    entitlement: float = F(0.3, 0.01, 1, unit="share",
                           doc="Share of power its support base expects (its weight in the settlement that ended the war)")
    fear_of_prosecution: float = F(0.4, 0, 1, unit="0-1", source="001:11",
                                   doc="What its leaders stand to lose if accountability bites")
    loyal_units: dict[str, float] = Field(default_factory=dict,
                                          description="Share of each service's units whose officers are loyal to it, "
                                                      "e.g. {army: 0.3, police: 0.2}")
    armed_wing: int = F(0, 0, 100000, unit="fighters", doc="Members of its militia or youth wing who can take up arms")
    armed_group: str | None = Field(None, description="The armed group it backs and its armed wing joins when it "
                                                      "rebels: a spoiler (context.spoilers[].name) or a signatory "
                                                      "movement (context.factions[].name), whose deal its rebellion "
                                                      "breaks; a faction with an armed wing and no armed group gets its "
                                                      "own (`<name>_armed_wing`), dormant until it rebels")

    home_provinces: list[int] = Field(default_factory=list,
                                      description="Where its support base and armed wing are (its armed wing's homes)")

    @model_validator(mode="after")
    def _shares(self) -> "EliteFaction":
        for service, share in self.loyal_units.items():
            if not 0 <= share <= 1:
                raise ValueError(f"loyal_units.{service}: {share} is not in 0 – 1")
        if self.excluded_months and self.included:
            raise ValueError("excluded_months: only an excluded faction (included: false) is held out of the settlement")
        if self.entrenched and not self.included:
            raise ValueError("entrenched: a faction whose place is guaranteed holds it at month 0 (included: true)")
        return self


class Settlement(Strict):
    factions: list[EliteFaction] = Field(default_factory=lambda: [
        EliteFaction(name="ruling_party", incumbent=True, posts_government=0.5, posts_military=0.4, rents=0.55,
                     entitlement=0.45, fear_of_prosecution=0.5,
                     loyal_units={"army": 0.3, "police": 0.45, "gendarmerie": 0.3}),
        EliteFaction(name="former_rebels", posts_government=0.25, posts_military=0.3, rents=0.2, entitlement=0.3,
                     fear_of_prosecution=0.35, loyal_units={"army": 0.3, "police": 0.2, "gendarmerie": 0.2},
                     armed_wing=1500, home_provinces=[0, 1, 2]),
        EliteFaction(name="old_guard", posts_government=0.1, posts_military=0.2, rents=0.15, entitlement=0.2,
                     fear_of_prosecution=0.7, loyal_units={"army": 0.25, "police": 0.1, "gendarmerie": 0.3}),
    ], description="The ruling coalition's elite factions (3-4), one of them the incumbent")

    @model_validator(mode="after")
    def _coalition(self) -> "Settlement":
        names = [f.name for f in self.factions]
        if len(set(names)) != len(names):
            raise ValueError("factions: names must be unique")
        if sum(f.incumbent for f in self.factions) != 1:
            raise ValueError("factions: exactly one faction must be the incumbent (incumbent: true)")
        if any(f.incumbent and not f.included for f in self.factions):
            raise ValueError("factions: the incumbent is included by definition (included: true)")
        for key in ("posts_government", "posts_military", "rents"):
            total = sum(getattr(f, key) for f in self.factions)
            if total > 1 + 1e-9:
                raise ValueError(f"factions[].{key}: the shares add up to {total:g}; at most 1 is allowed")
        for service in sorted({s for f in self.factions for s in f.loyal_units}):
            total = sum(f.loyal_units.get(service, 0.0) for f in self.factions)
            if total > 1 + 1e-9:
                raise ValueError(f"factions[].loyal_units.{service}: the shares add up to {total:g}; at most 1 is allowed")
        return self
