"""The validated configuration of one ssrsim experiment: the root ``Config``.

Hydra composes YAML files and command-line overrides; this pydantic schema then decides what is
allowed. Every number has a stated range, unknown keys are refused (``extra="forbid"``), and each
field says its unit and whether its default is *sourced* (a source document's code or a published
figure, docs/sources.md) or an *assumption*. ``docs/parameters.md`` is generated from it
(``ssrsim.config.parameters_page``). The defaults are the generic post-conflict ``baseline``;
scenario files override them. Nothing here imports Hydra or plotting code.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from .calendar import is_label
from .context import Context
from .fields import F, Strict
from .levers import Levers, apply_lever
from .params import Params

#: The kinds of scheduled event a scenario may list.
#: Keys of model version 1 that version 2 removed, and what replaces each (told to a user who sets one).
_COUPS = "coups are decided by the elite factions (docs/model.md §6.4): see "
_REPRESSION = ("repression is the incumbent's choice (docs/model.md §6.3): see params.settlement.cost_oversight, "
               "cost_donors, cost_mission and levers.funding.conditionality")
_MONITORING = "the mission's monitoring counts its troops and observers (docs/model.md §10): see params.mission.monitoring_half_personnel"
REMOVED_KEYS = {
    "params.bargaining.guarantee_half_troops": _MONITORING,
    "params.settlement.mission_half_troops": _MONITORING,
    "params.forces.coup_base": _COUPS + "params.settlement.coup_base",
    "params.forces.coup_disaffection": _COUPS + "params.settlement.coup_grievance and defection_pay_weight",
    "params.forces.coup_faction_weight": _COUPS + "context.settlement.factions[].loyal_units",
    "params.forces.coup_predation": _COUPS + "params.settlement.coup_grievance",
    "params.forces.coup_civilian_control": _COUPS + "params.settlement.professional_defection",
    "params.forces.coup_success_scale": _COUPS + "params.settlement.professional_defection and unit_size "
                                                 "(success is the balance of units)",
    "params.forces.integration_cohesion_loss": "cohesion follows how the service is divided between its old "
                                                "personnel and the factions integrated (docs/model.md §9.4): see "
                                                "params.forces.polarisation_cohesion_loss",
    "params.government.repression_threshold": _REPRESSION,
    "params.government.repression_exposure_threshold": _REPRESSION,
    "params.spoilers.co_optation": "armed groups answer offers by comparing them with fighting on "
                                   "(docs/model.md §7): see params.bargaining.*",
    "params.oversight.exposure_half_abuses": "exposed abuses no longer trigger repression by rule; " + _REPRESSION,
}

EVENT_KINDS = ("election", "term_limit_bid", "donor_exit", "peace_deal", "offer", "arrest", "ceasefire", "coup_attempt",
               "share_power", "set_lever", "truth_commission")


class Event(Strict):
    month: int = Field(ge=0, le=1200)
    kind: Literal[EVENT_KINDS]
    target: str | None = Field(None, description="Donor (donor_exit), spoiler (peace_deal, offer, arrest, ceasefire) or elite faction "
                                                 "(coup_attempt: the plotters, by default the faction with most army units; "
                                                 "share_power: the faction the incumbent shares posts with)")
    path: str | None = Field(None, description="set_lever: a dotted lever path, e.g. levers.ddr.reintegration_months")
    value: float | None = Field(None, description="set_lever: the new value; ceasefire: its length in months; "
                                                 "truth_commission: the share of citizens its findings reach (0-1)")
    note: str = ""

    @model_validator(mode="after")
    def _fields_for_kind(self) -> "Event":
        if self.kind == "set_lever":
            if not self.path or not self.path.startswith("levers.") or self.value is None:
                raise ValueError("a set_lever event needs path: levers.<...> and a value")
        if self.kind in ("donor_exit", "peace_deal", "offer", "arrest", "ceasefire", "share_power") and not self.target:
            raise ValueError(f"a {self.kind} event needs a target")
        if self.kind == "ceasefire" and (self.value is None or self.value < 1):
            raise ValueError("a ceasefire event needs value: its length in months (at least 1)")
        if self.kind == "truth_commission" and (self.value is None or not 0 < self.value <= 1):
            raise ValueError("a truth_commission event needs value: the share of citizens its findings reach (0-1)")
        return self


class Calendar(Strict):
    start: str | None = Field(None, description="Month 0 as YYYY-MM (labels only)")

    @field_validator("start")
    @classmethod
    def _yyyy_mm(cls, v: str | None) -> str | None:
        if v is not None and not is_label(str(v)):
            raise ValueError("must be YYYY-MM, e.g. 2003-11")
        return v


class BenchmarkThresholds(Strict):
    """The test values of the UN benchmarks the model can state (004:37-58); the values are assumed."""

    ddr_underway_share: float = F(0.25, 0, 1, unit="share of the DDR caseload",
                                  source="004:41 (benchmark); value assumed",
                                  doc="DDR under way: share of the month-0 caseload (members of signatory "
                                      "factions) that has left the armed groups")
    ownership: float = F(0.4, 0, 1, unit="0-1", source="004:45 (benchmark); value assumed",
                         doc="Strategy agreed: national ownership (will x capacity) at least this")
    oversight_functioning: float = F(0.35, 0, 1, unit="0-1", source="004:46 (benchmark); value assumed",
                                     doc="Oversight functioning: oversight bodies' effective capacity at least this")
    implementation_effectiveness: float = F(0.6, 0, 1, unit="0-1", source="004:53 (benchmark); value assumed",
                                            doc="Implementation advanced: effectiveness index at least this")
    implementation_accountability: float = F(0.45, 0, 1, unit="0-1", source="004:53 (benchmark); value assumed",
                                             doc="Implementation advanced: accountability index at least this")
    public_confidence: float = F(0.6, 0, 1, unit="share of citizens", source="004:54 (benchmark); value assumed",
                                 doc="Public confidence restored: public confidence at least this")
    oversight_controlling: float = F(0.55, 0, 1, unit="0-1", source="004:55 (benchmark); value assumed",
                                     doc="Oversight controlling: oversight bodies' effective capacity at least this")
    impunity_controlling: float = F(0.35, 0, 1, unit="0-1", source="004:55 (benchmark); value assumed",
                                    doc="Oversight controlling: impunity at most this")


class Thresholds(Strict):
    relapse_deaths: int = F(25, 1, 100000, unit="battle deaths / window",
                            source="UCDP armed-conflict threshold (Kreutz 2010)")
    war_deaths: int = F(1000, 1, 1000000, unit="battle deaths / window", source="UCDP war threshold")
    window_months: int = F(12, 1, 120, unit="months", source="UCDP (deaths per calendar year)", doc="Trailing window for the relapse and atrocity tests")
    quiet_months: int = F(12, 0, 120, unit="months",
                          source="UCDP conflict episodes: a new episode after at least a year without the threshold's deaths (Kreutz 2010)",
                          doc="Months below a relapse threshold before its onset counts as a relapse: fighting that "
                              "goes on from the war (an armed holdout's) is continuation. 0 counts the first "
                              "month at the threshold")
    one_sided_deaths: int = F(25, 1, 100000, unit="civilians killed / window",
                              source="UCDP one-sided violence threshold (Eck & Hultman 2007)",
                              doc="One-sided deaths against one identity group in the window that count as "
                                  "one-sided violence (atrocity risk)")
    atrocity_deaths: int = F(1000, 1, 1000000, unit="civilians killed / window",
                             source="Early Warning Project (mass killing)",
                             doc="One-sided deaths against one identity group in the window that count as a mass atrocity")
    wave_fighters: int = F(50, 1, 100000, unit="ex-combatants / month",
                           doc="Reporting threshold: a month's remobilisations are logged as a "
                               "remobilization_wave event when at least this many (and at least wave_share)")
    wave_share: float = F(0.01, 0, 1, unit="share of ex-combatants",
                          doc="Reporting threshold: a month's remobilisations are logged as a wave when they are "
                              "at least this share of the ex-combatants (demobilised, reintegrating, reintegrated "
                              "or integrated, with the month's movers) and at least wave_fighters")
    benchmarks: BenchmarkThresholds = BenchmarkThresholds()


class Config(Strict):
    name: str = Field("baseline", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80,
                      description="Scenario name; it names the run folder, so letters, digits, _ . - only")
    description: str = ""
    seed: int = F(12345, 0, 2**63 - 1, unit="integer", source="run setting", doc="Root seed; replicate r uses SeedSequence([seed, r])")
    replicates: int = F(40, 1, 100000, unit="runs", source="run setting", doc="Independent runs (replicate r uses stream r)")
    months: int = F(240, 1, 1200, unit="months", source="run setting; 240 months (20 years) assumed", doc="Horizon")
    workers: int = F(1, 1, 256, unit="processes", source="run setting", doc="Replicates run in parallel (same numbers)")
    overwrite: bool = Field(False, description="Allow writing into a folder that holds results")
    figures: bool = Field(True, description="Draw a run's figures (false: tables only, about a second of CPU less; "
                                            "`ssrsim plot RUN_DIR` draws them later)")
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
        spoilers = {s.name for s in self.context.all_spoilers()}  # with the wings and movements the model adds
        for i, e in enumerate(self.events):
            where = f"events[{i}]"
            if e.kind == "donor_exit" and e.target not in donors:
                raise ValueError(f"{where}.target: unknown donor {e.target!r}; allowed: {sorted(donors)}")
            if e.kind in ("peace_deal", "ceasefire", "offer", "arrest") and e.target not in spoilers:
                raise ValueError(f"{where}.target: unknown spoiler {e.target!r}; allowed: {sorted(spoilers)}")
            plotters = [f.name for f in self.context.settlement.factions if not f.incumbent]
            if e.kind == "coup_attempt" and e.target is not None and e.target not in plotters:
                raise ValueError(f"{where}.target: {e.target!r} is not a faction that can strike; allowed: {plotters}")
            if e.kind == "share_power" and e.target not in plotters:
                raise ValueError(f"{where}.target: {e.target!r} is not an elite faction other than the incumbent; "
                                 f"allowed: {plotters}")
            if e.kind == "set_lever":
                apply_lever(self.levers, e.path, e.value, where=where)  # validates on a copy
        return self


def defaults() -> dict:
    """The full default tree (the generic baseline) as plain data, for Hydra's ConfigStore."""
    return Config().model_dump(mode="json")
