"""The outputs catalogue: every column the model writes, declared once.

Each entry names a column of one of a run's tables with a label, a unit, a kind and the table's
dimensions. The recorder writes what is listed here, in this order; ``docs/outputs.md`` is
generated from it; figures take their labels from it; sweep collection finds its outcomes in it.
A new outcome is one entry here plus the line of the model that computes it.

Kinds: ``key`` (identifies a row), ``share`` (0-1, a share of people), ``index`` (0-1, a state
variable), ``probability``, ``count`` (whole numbers, recorded as integers), ``month`` (a month
number, empty if the event never happened), ``flag``, ``money`` (US$ million), ``number``,
``category``, ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import SERVICES
from .atrocity import RISK_FACTORS
from .benchmarks import BENCHMARKS
from .donors import PROGRAMMES
from .fighters import STATUSES
from .justice import STAGES
from .settlement import PAYOFF_TERMS

#: Labels of the atrocity risk-factor panel (``atrocity.RISK_FACTORS``): a reading that never feeds the deaths.
RISK_LABELS = {
    "armed_conflict": ("armed conflict", "battle deaths over the trailing window, over the war threshold (at most 1)"),
    "mass_killing_record": ("record of mass killing", "1 if the country has a record of mass killing "
                            "(`context.prevention.past_mass_killing`) or has had one-sided violence in this run"),
    "exclusion": ("exclusion from power", "the share of elite factions' entitlement held by excluded factions"),
    "repression": ("repression", "the government's repression"),
    "militias": ("armed militias", "share of the incumbent's militia members who hold a weapon (0: no militia)"),
    "recent_coup": ("recent coup attempt", "1 if a coup was attempted within `params.atrocity.coup_memory_months`"),
    "trigger": ("trigger", "1 if an election falls in the next 12 months or a term-limit bid came in the last 12"),
}

#: Each table's rows.
DIMENSIONS = {
    "timeseries": ("replicate", "month"),
    "provinces": ("replicate", "month", "province"),
    "summary": ("replicate",),
    "funding": ("replicate", "month", "donor", "programme"),
    "events": ("replicate", "event"),
    "groups": ("replicate", "month", "group", "measure"),
}


@dataclass(frozen=True)
class Output:
    column: str
    table: str
    kind: str
    label: str  # for a title or an axis: "Confidence in the army"
    unit: str = ""
    description: str = ""
    short: str = ""  # for a legend among its siblings: "Army"
    by_province: bool = False  # also written per province (provinces.parquet)

    @property
    def dimensions(self) -> tuple[str, ...]:
        return DIMENSIONS[self.table]

    @property
    def integer(self) -> bool:
        return self.kind == "count"


def _ts(column, kind, label, unit, description, **more) -> Output:
    return Output(column, "timeseries", kind, label, unit, description, **more)


def _summary(column, kind, label, unit, description) -> Output:
    return Output(column, "summary", kind, label, unit, description)


TIMESERIES = (
    _ts("public_confidence", "share", "Public confidence", "share of citizens",
        "share of citizens whose trust in the security sector (mean over services) is ≥ 0.5",
        short="Overall", by_province=True),
    *(_ts(f"confidence_{s}", "share", f"Confidence in the {s}", "share of citizens",
          f"share of citizens whose trust in the {s} is ≥ 0.5", short=s.capitalize()) for s in SERVICES),
    _ts("battle_deaths", "count", "Battle deaths", "deaths / month",
        "deaths in clashes between spoilers and forces this month", by_province=True),
    _ts("abuses", "count", "Abuses of civilians", "abuses / month",
        "non-lethal abuses of civilians by the forces this month", by_province=True),
    _ts("one_sided_deaths", "count", "One-sided violence", "civilians killed / month",
        "civilians deliberately killed this month, by the state's forces, militias or armed groups (people, at "
        "population scale)", by_province=True),
    _ts("one_sided_deaths_state", "count", "One-sided violence by the state", "civilians killed / month",
        "civilians killed by the forces under repression this month", short="By the state"),
    _ts("one_sided_deaths_militias", "count", "One-sided violence by militias", "civilians killed / month",
        "civilians killed by the incumbent's armed wing (its militia or youth league) under repression this month",
        short="By militias"),
    _ts("one_sided_deaths_armed_groups", "count", "One-sided violence by armed groups",
        "civilians killed / month", "civilians killed by spoilers losing ground this month",
        short="By armed groups"),
    _ts("one_sided_deaths_worst_group", "count", "One-sided violence against one group, trailing window",
        "civilians killed", "civilians deliberately killed over the trailing window from the identity group struck "
        "most (the atrocity test: 25 one-sided violence, 1,000 a mass atrocity)"),
    *(_ts(f"risk_{k}", "index", f"Risk factor: {label}", "0-1", description, short=label.capitalize())
      for k, (label, description) in ((k, RISK_LABELS[k]) for k in RISK_FACTORS)),
    _ts("risk_score", "number", "Atrocity risk factors", f"0-{len(RISK_FACTORS)}",
        "the sum of the risk-factor panel (UN Framework of Analysis 2014; Early Warning Project): a reading, "
        "not a cause"),
    _ts("commission_reach", "index", "Human-rights commission's reach", "0-1",
        "the commission's reach into the forces: the lever less what elites who fear prosecution resist"),
    _ts("forces_trained", "share", "Forces trained in human rights and IHL", "share of personnel",
        "share of the services' personnel trained (size-weighted)"),
    _ts("early_warning", "flag", "Early warning standing", "", "whether an early warning of killing by the state "
        "or its militias stands this month"),
    _ts("small_arms", "number", "Small arms in circulation", "weapons",
        "weapons outside state armouries (civilians, ex-combatants, armed groups)", by_province=True),
    _ts("tension", "index", "Tension", "0-1",
        "escalation: how far recent deaths have militarised provinces (population-weighted mean)",
        by_province=True),
    _ts("political_will", "index", "Political will", "0-1", "the government's will"),
    _ts("spoiler_fighters", "count", "Spoiler fighters", "people",
        "fighters under a spoiler (holdout combatants + remobilised)", by_province=True),
    _ts("effectiveness_index", "index", "Effectiveness", "0-1", "size-weighted capacity of the forces"),
    _ts("accountability_index", "index", "Accountability", "0-1", "size-weighted integrity × oversight"),
    _ts("peacekeepers", "count", "Peacekeepers", "troops", "troops of the mission present", by_province=True),
    _ts("mission_monitoring", "index", "Mission monitoring", "0-1",
        "how much of the parties' conduct the mission's troops and observers see (docs/model.md §10)"),
    _ts("regional_support", "index", "Regional support", "0-1",
        "what the neighbours and the refugee camps abroad lend armed groups (the scenario's series, raised by camps)"),
    _ts("refugees_abroad", "number", "Refugees abroad", "people", "the country's refugees living abroad"),
    _ts("refugee_flight", "number", "Refugees fleeing", "people / month", "people who fled abroad this month"),
    _ts("refugee_returns", "number", "Refugees returning", "people / month", "refugees who came home this month"),
    *(_ts(f"excombatants_{s}", "count", f"Fighters: {s}", "people", f"fighters whose status is `{s}`",
          short=s.capitalize()) for s in STATUSES),
    _ts("recruited", "count", "Recruits", "people",
        "cumulative new individuals who joined spoilers: recruited youths and the members of armed wings "
        "that took up arms"),
    _ts("trailing_deaths", "count", "Battle deaths, trailing window", "deaths",
        "battle deaths over the trailing window (the relapse test)"),
    _ts("ownership", "index", "National ownership", "0-1", "will × national capacity, eroded by donor substitution"),
    _ts("legitimacy", "index", "Legitimacy", "0-1", "the government's legitimacy"),
    _ts("oversight_capacity", "index", "Oversight capacity", "0-1",
        "oversight bodies' effective capacity (capacity × independence, weighted)"),
    _ts("impunity", "index", "Impunity", "0-1", "share of abuses that go unsanctioned"),
    _ts("unemployment", "share", "Unemployment", "share of adults", "adult unemployment, population-weighted"),
    _ts("perceived_safety", "index", "Perceived safety", "0-1", "citizens' mean perceived safety"),
    _ts("coup_risk", "probability", "Coup risk", "chance per month",
        "chance that some elite faction strikes this month, by the factions' own decision rule "
        "(grievance and the balance of units; docs/model.md §6.4)"),
    _ts("coup_attempts", "count", "Coup attempts so far", "attempts", "cumulative coup attempts"),
    _ts("coup_successes", "count", "Successful coups so far", "coups", "cumulative coups that succeeded"),
    _ts("exclusion", "share", "Exclusion", "share of entitlement",
        "share of the elite factions' entitlement held by factions excluded from power"),
    _ts("repression", "index", "Repression", "0-1", "the government's repression (the incumbent's decision)"),
    _ts("civic_space", "index", "Civic space", "0-1", "mean independence of the media and NGOs"),
    _ts("rent_pool", "money", "Rent pool", "US$ million / month",
        "rents the elite factions share: budget leakage, captured aid, resources, customs, regional mission pay"),
    *(_ts(f"cohesion_{s}", "index", f"Cohesion of the {s}", "0-1", f"the {s}'s cohesion",
          short=s.capitalize()) for s in SERVICES),
    *(_ts(f"polarisation_{s}", "index", f"Polarisation of the {s}", "0-1",
          f"how evenly the {s} is divided between its old personnel and each faction integrated into it "
          "(1: two equal blocs; docs/model.md §9)", short=s.capitalize()) for s in SERVICES),
    _ts("cantonment_conditions", "index", "Cantonment conditions", "0-1",
        "upkeep paid × room in the cantonment sites this month (1 when no one is cantoned)"),
    _ts("ddr_protests", "count", "Protests by fighters kept waiting", "protests",
        "this month's protests by fighters in cantonment, waiting for a programme or in a paused one"),
    _ts("demobilized_total", "count", "Demobilised so far", "people",
        "cumulative fighters discharged from cantonment (demobilised, not integrated)"),
    *(_ts(f"confidence_{s}_{sex}", "share", f"Confidence in the {s} among {sex}", "share of citizens",
          f"share of {sex} citizens whose trust in the {s} is ≥ 0.5", short=f"{s.capitalize()}, {sex}")
      for s in SERVICES for sex in ("women", "men")),
    *(_ts(f"bad_meetings_{s}", "share", f"Meetings with the {s} that went badly", "share of meetings",
          f"share of this month's meetings between citizens and the {s} that went badly (an abuse or a bribe; "
          "docs/model.md §8.2)", short=s.capitalize()) for s in SERVICES),
    _ts("quick_win_credibility", "index", "Credibility of quick wins", "0-1",
        "the credibility this month's quick wins lend, fading with the quick wins already received"),
    *(_ts(f"justice_{stage}", "share", f"Abuses {stage}", "share",
          f"justice chain: share of abuses {stage} at this stage, given the stages before (docs/model.md §8.3)",
          short=stage.capitalize()) for stage in STAGES),
    _ts("courts_independence", "index", "Courts' independence", "0-1",
        "the courts' independence (eroded by repression)"),
    _ts("women_in_police", "share", "Women in the police", "share of personnel",
        "share of women among the police (follows levers.forces.women_share)"),
)

SUMMARY = (
    _summary("relapsed", "flag", "Relapsed", "", "whether the run relapsed into armed conflict"),
    _summary("relapse_month", "month", "Relapse", "month",
             "first month ≥ 1 whose trailing battle deaths reach `thresholds.relapse_deaths` after at least "
             "`thresholds.quiet_months` (12) months below it: an onset, as UCDP counts episodes"),
    _summary("war_relapse_month", "month", "War-level relapse", "month",
             "the same at `thresholds.war_deaths`"),
    _summary("one_sided_violence_month", "month", "One-sided violence", "month",
             "first month with at least `thresholds.one_sided_deaths` (25) civilians of one identity group "
             "deliberately killed over the trailing window (empty if never)"),
    _summary("mass_atrocity_month", "month", "Mass atrocity", "month",
             "first month with at least `thresholds.atrocity_deaths` (1,000) civilians of one identity group "
             "deliberately killed over the trailing window (empty if never)"),
    _summary("peak_group_one_sided_deaths", "count", "Worst one-sided violence against one group", "civilians killed",
             "the most civilians of one identity group deliberately killed within any trailing window of the run"),
    _summary("final_public_confidence", "share", "Final public confidence", "share of citizens",
             "public confidence in the last month"),
    _summary("mean_public_confidence", "share", "Mean public confidence", "share of citizens",
             "public confidence averaged over months 0..months"),
    _summary("total_demobilized", "count", "Demobilised", "people", "fighters ever demobilised"),
    _summary("total_reintegrated", "count", "Reintegrated", "people", "fighters who ever completed reintegration"),
    _summary("total_remobilized", "count", "Remobilisations", "transitions", "remobilisation transitions"),
    _summary("coup_attempts", "count", "Coup attempts", "attempts", "coup attempts in the run"),
    _summary("coup_successes", "count", "Successful coups", "coups", "coups that succeeded in the run"),
    _summary("total_battle_deaths", "count", "Battle deaths", "deaths", "battle deaths over the run"),
    _summary("total_one_sided_deaths", "count", "One-sided violence", "civilians killed",
             "civilians deliberately killed over the run (state and armed groups)"),
    _summary("weapons_handed_in", "number", "Weapons handed in", "weapons",
             "weapons handed in by fighters entering cantonment over the run"),
    *(_summary(f"benchmark_{b.name}_month", "month", f"Benchmark: {b.label}", "month",
               f"first month the benchmark was met ({b.source}: {b.criterion})") for b in BENCHMARKS),
)

FUNDING = (
    Output("donor", "funding", "category", "Donor", "", "the donor (`context.donors[].name`)"),
    Output("programme", "funding", "category", "Programme", "", "what the money pays for: " +
           ", ".join(f"`{p}`" for p in PROGRAMMES)),
    Output("committed", "funding", "money", "Committed", "US$ million", "new commitments this month"),
    Output("disbursed", "funding", "money", "Disbursed", "US$ million", "money paid out this month"),
)

EVENTS = (
    Output("month", "events", "key", "Month", "month", "when it happened"),
    Output("kind", "events", "category", "Event", "", "what happened (see the list below)"),
    Output("actor", "events", "text", "Actor", "", "who"),
    Output("province", "events", "key", "Province", "", "where (−1 if national)"),
    Output("size", "events", "number", "Size", "", "a number: deaths, fighters, money …"),
    Output("detail", "events", "text", "Detail", "", "what, in words"),
)

GROUPS = (
    Output("group", "groups", "category", "Group", "", "an elite faction (`context.settlement.factions[].name`), "
           "an armed group (a spoiler) or an identity group (`context.groups[].name`)"),
    Output("measure", "groups", "category", "Measure", "", "what is measured (see the list below)"),
    Output("value", "groups", "number", "Value", "", "its value this month"),
)

#: What ``groups.parquet`` measures for each elite faction, armed group and identity group each month.
GROUP_MEASURES = {
    "posts_government": "share of ministries it holds",
    "posts_military": "share of senior officer posts it holds",
    "rents": "its share of the rent pool",
    "grievance": "how far its power falls short of its entitlement (0-1)",
    "included": "1 if it holds posts by right, 0 if excluded",
    "incumbent": "1 if it holds the presidency",
    **{f"loyal_{s}": f"share of the {s}'s units loyal to it" for s in SERVICES},
    "strike_chance": "its chance of attempting a coup this month",
    **{f"payoff_{t}": f"the incumbent's last choice: its estimate of `{t}` (docs/model.md §6.3)"
       for t in PAYOFF_TERMS},
    "belief": "an armed group's belief that an offer will be honoured (docs/model.md §7.3)",
    "promise_kept": "under a deal: how its promises were kept this month, places filled x reinsertion paid (0-1)",
    **{f"confidence_{s}": f"an identity group: share of its citizens whose trust in the {s} is ≥ 0.5"
       for s in SERVICES},
    **{f"represented_{s}": f"an identity group: its share of the {s}'s personnel over its share of the "
                           "population, capped at 1" for s in SERVICES},
    "one_sided_deaths": "an identity group: its people deliberately killed this month (state, militias, armed groups)",
}

CATALOGUE: tuple[Output, ...] = (*TIMESERIES, *SUMMARY, *FUNDING, *EVENTS, *GROUPS)

#: The kinds of event a run logs (``events.parquet``), each with what it records.
EVENT_LOG = {
    "election": "an election (scheduled or listed): a shock to will and legitimacy",
    "donor_exit": "a donor leaves; its undisbursed money lapses",
    "ceasefire": "a spoiler stops fighting for a while and keeps its fighters",
    "offer": "the government puts an offer to an armed group; `detail`: accepted or refused, and what the offer "
             "and fighting on are worth to its leaders",
    "peace_deal": "a group (or part of it) makes a deal and enters the process; `size`: its fighters who come in",
    "split": "a deal splits a group; `size`: the fighters who refuse it and fight on",
    "deal_broken": "a group whose promises were broken takes up arms again; `size`: former fighters who answer the call",
    "arrest": "a group's leaders are arrested (a scenario event): counted as a broken promise",
    "truth_commission": "a truth commission's findings reach a share of citizens (a scenario event); `size`: "
                        "sampled citizens reached",
    "coup_attempt": "an elite faction strikes (`actor`); `detail`: succeeded or failed, the chance of success the "
                    "plotters expected, and who defected; `size`: defectors",
    "term_limit_bid": "the incumbent seeks another term (a scenario event)",
    "settlement": "the incumbent's choice at a trigger or review; `detail`: the option and its target",
    "boycott": "a faction boycotts an election: excluded, or leaving the government over a vote judged flawed",
    "election_rejected": "an armed group under a deal rejects an election's result and breaks its deal (it judged "
                         "staying in worth less than fighting on)",
    "rearm": "an excluded faction's armed wing takes up arms; `size`: fighters",
    "aid_suspended": "a donor suspends its aid after repression",
    "set_lever": "a decision: a lever changes from this month on; `detail`: path=value",
    "clash": "a clash with at least 10 deaths; `size`: deaths",
    "remobilization_wave": "at least 50 ex-combatants (and 1% of the demobilised) join spoilers in a month",
    "funding_cliff": "a donor's cycle is not renewed on time; `size`: undisbursed money",
    "mandate_end": "the peacekeeping mandate ends and drawdown starts",
    "one_sided_violence": "the first month at the one-sided violence threshold against one identity group (`actor`); "
                          "`size`: its people killed in the window",
    "mass_atrocity": "the first month at the mass-atrocity threshold against one identity group (`actor`); `size`: "
                     "its people killed in the window",
    "early_warning": "early warning of killing by the state or its militias: donors react and the incumbent decides "
                     "again; `size`: people of one group killed this month",
    "relapse": "the first month at the armed-conflict threshold",
    "war_relapse": "the first month at the war threshold",
    "spoiler_defeated": "an armed holdout or movement has no fighters left",
    "ddr_protest": "fighters kept waiting protest and loot (`province`); `size`: protests this month",
    "service_split": "a service without cohesion splits (`actor`): aggrieved integrated soldiers of one faction "
                     "leave for its armed command; `size`: those who leave",
}


def columns(table: str) -> list[str]:
    """The output columns of ``table`` in the order the model writes them (keys excluded)."""
    if table == "provinces":
        return [o.column for o in TIMESERIES if o.by_province]
    return [o.column for o in CATALOGUE if o.table == table]


def output(column: str, table: str = "timeseries") -> Output:
    """The entry of ``column`` in ``table``."""
    for o in CATALOGUE:
        if o.column == column and o.table == table:
            return o
    raise KeyError(f"{column!r} is not an output of {table}")


def confidence_columns() -> list[str]:
    """Public confidence and confidence in each service (what sweeps follow over time)."""
    return ["public_confidence", *(f"confidence_{s}" for s in SERVICES)]
