"""The stylised facts of post-conflict SSR and DDR (docs/validation.md §2), each stated before it is tested.

Every check compares emergent outcomes of the runs: relapse, battle and one-sided deaths, the
share of citizens who trust the forces, coups, remobilisation, deals broken. None compares a
quantity the compared lever enters by formula (an index the money builds, a risk the lever is a
term of). Facts 1-10 are version 1's, restated on such outcomes; facts 11-16 are model version 2's
mechanisms (docs/model.md §6-11); the knock-outs switch a lever's named channels off and ask that
its effect vanish. Every arm starts from the generic ``baseline`` scenario; replicate r of every
arm runs on ``SeedSequence([seed, r])`` (common random numbers). The statistic, minimum and
replicate counts are written here once and shown in ``docs/validation.md`` and the
``ssrsim validate`` report; :mod:`.checks` holds what a check is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .checks import (KNOCK_OUT, Check, first_decade_hazard, lag_check, paired, paired_gap, proportion,
                     relative_cut)

#: Replicates per arm for the two sizes. The fast size runs in the default test command (a smaller
#: citizen sample keeps it quick); the full size in ``ssrsim validate``.
SIZES = {
    "fast": {"replicates": 8, "overrides": ("context.citizens=4000",)},
    "full": {"replicates": 100, "overrides": ()},
}
MONTHS = 240
#: The validation's root seed: neither the calibration's fit (99) nor the seeds its rounds were
#: checked on (12345, 2028, 31337, 777, 4242), so every replicate is one the fit never saw.
SEED = 271828
DONORS = ("world_bank_mdtf", "bilateral_a", "bilateral_b")
#: Every donor leaves at month 84, so what remains at month 120 is what lasts (fact 3).
DONORS_LEAVE = "events=[" + ",".join(f"{{month:84,kind:donor_exit,target:{d}}}" for d in DONORS) + "]"
#: Every channel of a peacekeeping mission switched off (docs/model.md §10.1): deterrence, the
#: cost of repression, the guarantee of deals, the confidence to disarm, protection of civilians.
MISSION_OFF = ("params.forces.deterrence_per_peacekeeper=0", "params.settlement.cost_mission=0",
               "params.bargaining.guarantee_mission=0", "params.mission.disarm_confidence=0",
               "params.mission.protection=0")
#: Repression costs the incumbent nothing, so it is decided often (fact 15 compares killing per
#: unit of repression, whatever was decided).
CHEAP_REPRESSION = ("params.settlement.cost_oversight=0", "params.settlement.cost_donors=0",
                    "params.settlement.cost_mission=0", "params.prevention.commission_repression_cost=0")
PREVENTION = ("levers.prevention.training=1", "levers.prevention.commission=1")
#: The channels through which training and a commission restrain killing (docs/model.md §11.3).
PREVENTION_OFF = ("params.prevention.training_restraint=0", "params.prevention.sanction_deterrence=0")
#: The named channels of political will, oversight strength, funding and the DDR pace (docs/model.md
#: §2.13), each held at the baseline lever's value: the lever (for will, the government's will) is
#: then read by no term of the model, and two arms that differ only in it should not differ. Each
#: knock-out's tolerance is half the minimum of the same contrast with the channels on (2.2, 7.2,
#: 9.1, 12.1), as facts 14's and 15's are (docs/validation.md §2).
WILL_OFF = tuple(f"params.government.will_fixed_{channel}=0.55" for channel in
                 ("reform_pace", "absorption", "ddr_intake", "budget", "ownership", "civilian_control"))
OVERSIGHT_OFF = ("params.oversight.strength_fixed_capacity=0.4", "params.oversight.strength_fixed_independence=0.4")
FUNDING_OFF = ("params.donors.predictability_fixed_renewal=0.8", "params.donors.envelope_fixed_commitment=20")
DDR_PACE_OFF = ("params.ddr.pace_fixed_intake=600",)

ARMS: dict[str, tuple[str, ...]] = {
    "baseline": (),
    "good_governance": ("levers.political_will=0.8", "levers.oversight_strength=0.7",
                        "levers.funding.predictability=0.95"),
    "low_will": ("levers.political_will=0.2", DONORS_LEAVE),
    "low_will_more_money": ("levers.political_will=0.2", "levers.funding.annual_envelope=40", DONORS_LEAVE),
    "high_will": ("levers.political_will=0.8", DONORS_LEAVE),
    "high_will_more_money": ("levers.political_will=0.8", "levers.funding.annual_envelope=40", DONORS_LEAVE),
    "low_will_inert": ("levers.political_will=0.2", DONORS_LEAVE, *WILL_OFF),
    "high_will_inert": ("levers.political_will=0.8", DONORS_LEAVE, *WILL_OFF),
    "owned_then_exit": ("levers.funding.substitution=0", DONORS_LEAVE),
    "donor_driven_then_exit": ("levers.funding.substitution=0.8", DONORS_LEAVE),
    "balanced": ("levers.funding.governance_share=0.4", "levers.oversight_strength=0.5"),
    "capacity_only": ("levers.funding.governance_share=0.05", "levers.oversight_strength=0.1"),
    "accountability_only": ("levers.funding.governance_share=0.9", "levers.oversight_strength=0.9"),
    "slow_demobilisation": ("levers.ddr.demobilization_per_month=150",),
    "fast_demobilisation": ("levers.ddr.demobilization_per_month=2400",),
    "pace_inert": DDR_PACE_OFF,
    "slow_demobilisation_inert": ("levers.ddr.demobilization_per_month=150", *DDR_PACE_OFF),
    "many_quick_wins": ("levers.funding.quick_win_share=0.4",),
    "quick_wins_inert": ("params.donors.quick_win_effect=0",),
    "many_quick_wins_inert": ("levers.funding.quick_win_share=0.4", "params.donors.quick_win_effect=0"),
    "unpredictable_funding": ("levers.funding.predictability=0.4",),
    "funding_inert": FUNDING_OFF,
    "unpredictable_funding_inert": ("levers.funding.predictability=0.4", *FUNDING_OFF),
    "high_unemployment": ("context.economy.unemployment=0.4", "context.economy.youth_unemployment=0.65"),
    "strong_oversight": ("levers.oversight_strength=0.75",),
    "weak_oversight": ("levers.oversight_strength=0.2",),
    "strong_oversight_inert": ("levers.oversight_strength=0.75", *OVERSIGHT_OFF),
    "weak_oversight_inert": ("levers.oversight_strength=0.2", *OVERSIGHT_OFF),
    "predatory": ("context.economy.corruption=0.65", "context.economy.illicit_rents=0.6",
                  "context.economy.revenue=80"),
    "rival_excluded": ("context.settlement.factions.1.included=false",),
    #: Excluded and held out: the incumbent cannot readmit them by choice for 10 years (fact 11).
    "rival_held_out": ("context.settlement.factions.1.included=false", "context.settlement.factions.1.excluded_months=120"),
    "no_mission": ("context.peacekeeping.troops=0",),
    "large_mission": ("context.peacekeeping.troops=16000",),
    "mission_inert": MISSION_OFF,
    "no_mission_inert": ("context.peacekeeping.troops=0", *MISSION_OFF),
    "cheap_repression": CHEAP_REPRESSION,
    "cheap_repression_prevention": (*CHEAP_REPRESSION, *PREVENTION),
    "cheap_repression_inert": (*CHEAP_REPRESSION, *PREVENTION_OFF),
    "cheap_repression_prevention_inert": (*CHEAP_REPRESSION, *PREVENTION, *PREVENTION_OFF),
    "early_timetable": ("params.bargaining.ddr_timetable_months=12",),
    #: The calibration's atrocity target: the former rebels excluded, the ruling party's militia of
    #: 3,000 (the baseline's elections, every five years from month 24, are the triggers).
    "atrocity_risk": ("context.settlement.factions.1.included=false", "context.settlement.factions.0.armed_wing=3000"),
    #: The baseline's runs (the same seeds, the same draws) stepped by ``validation.patterns``, which
    #: reads individuals: its metrics are the patterns' statistics (``patterns.COLUMNS``).
    "baseline_patterns": (),
}
#: Arms run by ``validation.patterns`` instead of ``simulate``.
PATTERN_ARMS = ("baseline_patterns",)


@dataclass(frozen=True)
class Fact:
    number: int
    title: str
    sources: str
    checks: tuple[Check, ...]
    notes: str = ""
    arms: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        arms = dict.fromkeys(a for c in self.checks for a in c.arms)
        object.__setattr__(self, "arms", tuple(arms))


FACTS: tuple[Fact, ...] = (
    Fact(1, "Relapse risk is highest in the first post-conflict decade; a meaningful 10-year risk "
            "remains even in good scenarios", "003:286", (
        first_decade_hazard("baseline", 0.02),
        proportion("P(relapse within 10 years) with high will, strong oversight, predictable funding",
                   "good_governance", "relapse_10y", 0.08),
    )),
    Fact(2, "Political will gates outcomes: with low will, more money does not buy durable reform",
         "004:7; 003:478", (
        paired("gain in public confidence at year 10 (months 109-120), three years after donors left, from "
               "doubling the envelope for seven years: with will 0.8 minus with will 0.2", "confidence_10y",
               {"high_will_more_money": 1, "high_will": -1, "low_will_more_money": -1, "low_will": 1},
               0.01, "confidence points"),
        paired("public confidence at year 10 (months 109-120), three years after donors left, will 0.8 minus 0.2",
               "confidence_10y", {"high_will": 1, "low_will": -1}, 0.01, "confidence points"),
        paired("knock-out: with will's six channels held at will 0.55 (the pace of reform, absorption, DDR "
               "intake, the oversight and DDR budget lines, ownership, civilian control), public confidence at "
               "year 10, will 0.8 minus 0.2", "confidence_10y", {"high_will_inert": 1, "low_will_inert": -1},
               0.005, "confidence points", KNOCK_OUT),
    )),
    Fact(3, "Donor-driven reform is faster early but less durable than locally owned reform",
         "003:1754", (
        paired("public confidence in year 3 (months 25-36), donor-driven (substitution 0.8) minus owned (0)",
               "confidence_3y", {"donor_driven_then_exit": 1, "owned_then_exit": -1}, 0.01, "confidence points"),
        paired("public confidence lost after every donor left (months 73-84 minus 109-120): donor-driven "
               "minus owned", "confidence_lost", {"donor_driven_then_exit": 1, "owned_then_exit": -1}, 0.01,
               "confidence points"),
    )),
    Fact(4, "Capacity without accountability, or the reverse, does worse than a balance", "002:59", (
        paired("mean public confidence, balanced (governance share 0.4, oversight 0.5) minus capacity "
               "only (0.05, 0.1)", "confidence_mean", {"balanced": 1, "capacity_only": -1}, 0.01,
               "confidence points"),
        paired("mean public confidence, balanced minus accountability only (0.9, 0.9)", "confidence_mean",
               {"balanced": 1, "accountability_only": -1}, 0.01, "confidence points"),
    )),
    Fact(5, "Demobilisation that outpaces reintegration and SSR raises relapse risk", "004:77; 000:12", (
        paired("battle deaths in the first 10 years, 2,400 demobilised a month minus 600", "deaths_10y",
               {"fast_demobilisation": 1, "baseline": -1}, 20.0, "deaths"),
        paired("ex-combatants remobilised over 20 years, 2,400 demobilised a month minus 600", "remobilized",
               {"fast_demobilisation": 1, "baseline": -1}, 100.0, "transitions"),
    )),
    Fact(6, "Quick wins raise early confidence but can undermine later reform", "004:99-101", (
        paired("mean public confidence in months 1-24, quick-win share 0.4 minus 0.1", "confidence_early",
               {"many_quick_wins": 1, "baseline": -1}, 0.005, "confidence points"),
        paired("mean public confidence in years 11-20, quick-win share 0.1 minus 0.4", "confidence_late",
               {"baseline": 1, "many_quick_wins": -1}, 0.005, "confidence points"),
    )),
    Fact(7, "Funding cliffs at cycle or mandate ends stall or reverse gains", "004:70; 003:793", (
        paired("mean public confidence in years 4-10 (months 37-120), predictability 0.8 minus 0.4",
               "confidence_4_10y", {"baseline": 1, "unpredictable_funding": -1}, 0.01, "confidence points"),
        paired("battle deaths in the first 10 years, predictability 0.4 minus 0.8", "deaths_10y",
               {"unpredictable_funding": 1, "baseline": -1}, 20.0, "deaths"),
        paired("knock-out: with funding's two channels held (the renewal of cycles at predictability 0.8, "
               "their size at an envelope of 20), battle deaths in the first 10 years, predictability 0.4 minus 0.8",
               "deaths_10y", {"unpredictable_funding_inert": 1, "funding_inert": -1}, 10.0, "deaths", KNOCK_OUT),
    )),
    Fact(8, "Public confidence is slow, lags real security, and is hurt by unemployment",
         "004:54; 003:646", (
        lag_check("baseline", 3.0),
        paired("mean public confidence, unemployment 0.25 minus 0.40", "confidence_mean",
               {"baseline": 1, "high_unemployment": -1}, 0.01, "confidence points"),
    )),
    Fact(9, "Stronger oversight lowers impunity's toll, the killing of civilians, and makes reforms last", "003:585; 000:13", (
        paired("civilians killed (one-sided deaths) over 20 years, oversight 0.2 minus 0.75", "one_sided_total",
               {"weak_oversight": 1, "strong_oversight": -1}, 10.0, "civilians"),
        paired("public confidence at year 20 (months 229-240), oversight 0.75 minus 0.2", "confidence_final",
               {"strong_oversight": 1, "weak_oversight": -1}, 0.01, "confidence points"),
        paired("knock-out: with oversight strength's two channels held at 0.4 (the bodies' capacity and "
               "independence), civilians killed over 20 years, oversight 0.2 minus 0.75", "one_sided_total",
               {"weak_oversight_inert": 1, "strong_oversight_inert": -1}, 5.0, "civilians", KNOCK_OUT),
    )),
    Fact(10, "Corruption, low pay and predatory rents raise instability and coup risk", "004:74; 003:708", (
        paired("coup attempts over 20 years, predatory (corruption 0.65, rents 0.6, revenue 80) minus baseline",
               "coups", {"predatory": 1, "baseline": -1}, 0.1, "attempts"),
        paired("battle deaths over 20 years, predatory minus baseline", "deaths_total",
               {"predatory": 1, "baseline": -1}, 10.0, "deaths"),
    )),
    Fact(11, "Excluding rivals from power cuts coups and raises rebellion",
         "Roessler 2016; Call 2012; Cederman, Wimmer & Min 2010", (
        paired("coup attempts over 20 years, every faction included minus the former rebels excluded from month 0",
               "coups", {"baseline": 1, "rival_excluded": -1}, 0.1, "attempts"),
        paired("battle deaths over 20 years, former rebels excluded minus included", "deaths_total",
               {"rival_excluded": 1, "baseline": -1}, 100.0, "deaths"),
        paired("coup attempts in the first 10 years, every faction included minus the former rebels held out of "
               "the settlement for those 10 years", "coups_10y", {"baseline": 1, "rival_held_out": -1}, 0.1,
               "attempts"),
        paired("battle deaths in the first 10 years, former rebels held out for those 10 years minus included",
               "deaths_10y", {"rival_held_out": 1, "baseline": -1}, 100.0, "deaths"),
    )),
    Fact(12, "DDR pace has an inverted U: too slow and too fast both cost more than a middle pace",
         "004:77; 000:12; Themnér 2011", (
        paired("battle deaths in the first 10 years, 150 demobilised a month minus 600", "deaths_10y",
               {"slow_demobilisation": 1, "baseline": -1}, 20.0, "deaths"),
        paired("battle deaths in the first 10 years, 2,400 demobilised a month minus 600", "deaths_10y",
               {"fast_demobilisation": 1, "baseline": -1}, 20.0, "deaths"),
        paired("knock-out: with the pace's one channel (cantonment intake) held at 600 a month, battle deaths in "
               "the first 10 years, 150 demobilised a month minus 600", "deaths_10y",
               {"slow_demobilisation_inert": 1, "pace_inert": -1}, 10.0, "deaths", KNOCK_OUT),
    )),
    Fact(13, "The credibility quick wins lend decays: their gain in confidence fades", "004:101", (
        paired_gap("gain in public confidence from quick-win share 0.4 over 0.1: months 1-12 minus months 37-48",
                   ("confidence_year1", "confidence_year4"), ("many_quick_wins", "baseline"), 0.001,
                   "confidence points"),
        paired("knock-out: with quick wins' effect on judgements off (params.donors.quick_win_effect 0), "
               "confidence in months 1-24, quick-win share 0.4 minus 0.1", "confidence_early",
               {"many_quick_wins_inert": 1, "quick_wins_inert": -1}, 0.001, "confidence points", KNOCK_OUT),
    )),
    Fact(14, "A peacekeeping mission lowers relapse and civilian deaths, more with more troops",
         "Fortna 2008; Hultman, Kathman & Shannon 2013; Collier, Hoeffler & Söderbom 2008", (
        paired("battle deaths in the first 10 years, no mission minus 8,000 troops", "deaths_10y",
               {"no_mission": 1, "baseline": -1}, 500.0, "deaths"),
        paired("civilians killed in the first 10 years, no mission minus 8,000 troops", "one_sided_10y",
               {"no_mission": 1, "baseline": -1}, 20.0, "civilians"),
        paired("battle deaths in the first 10 years, 8,000 troops minus 16,000", "deaths_10y",
               {"baseline": 1, "large_mission": -1}, 50.0, "deaths"),
        paired("knock-out: with the mission's five channels off (deterrence, cost of repression, guarantee, "
               "confidence to disarm, protection), battle deaths in the first 10 years, no mission minus 8,000 troops",
               "deaths_10y", {"no_mission_inert": 1, "mission_inert": -1}, 250.0, "deaths", KNOCK_OUT),
    )),
    Fact(15, "A prevention architecture (training, a human-rights commission) lowers one-sided deaths "
             "for the same repression", "000:35; 000:43; 001:37", (
        relative_cut("cut in civilians killed by the state and its militias per unit of repression (summed "
                     "over months), training and a commission at full level against none; repression cheap",
                     "one_sided_state_total", "repression_total", "cheap_repression",
                     "cheap_repression_prevention", 0.1),
        relative_cut("knock-out: the same cut with training's restraint and the commission's sanction "
                     "deterrence off", "one_sided_state_total", "repression_total", "cheap_repression_inert",
                     "cheap_repression_prevention_inert", 0.05, KNOCK_OUT),
    )),
    Fact(16, "Broken promises break deals", "Walter 2002; Hartzell & Hoddie 2003", (
        paired("deals broken over 20 years, fighters expecting cantonment within 12 months minus 36 "
               "(the same DDR pace: only the promise differs)", "deals_broken",
               {"early_timetable": 1, "baseline": -1}, 0.1, "deals"),
        paired("battle deaths in the first 10 years, timetable 12 months minus 36", "deaths_10y",
               {"early_timetable": 1, "baseline": -1}, 20.0, "deaths"),
    )),
)


#: Patterns below the national level (pattern-oriented modelling, Grimm et al. 2005), measured on
#: individuals by ``validation.patterns`` (docs/validation.md §2). Kept apart from ``FACTS`` (the
#: sensitivity and robustness studies rerun those through ``simulate``); ``ssrsim validate``
#: evaluates both (``VALIDATED``).
PATTERNS: tuple[Fact, ...] = (
    Fact(17, "Remobilisation clusters where wartime commanders' networks are", "Daly 2016; Themnér 2011", (
        paired("across the 14 provinces, Spearman correlation of the mean commander tie of a province's wartime "
               "fighters at month 0 with their remobilisations per wartime fighter over 20 years (one "
               "correlation a replicate, replicates with remobilisation)", "remobilization_tie_rho",
               {"baseline_patterns": 1}, 0.3, "rank correlation"),
        paired("the same correlation, with each province's remobilisations per fighter counted among its "
               "wartime fighters whose own month-0 tie was below the median (the network's pull on the "
               "loosely tied)", "remobilization_tie_rho_loose", {"baseline_patterns": 1}, 0.2,
               "rank correlation"),
    )),
    Fact(18, "A bribe or an abuse met in a meeting lowers that citizen's trust in the service, and it lasts",
         "Tyler 1990; Skogan 2006; Transparency International 2013", (
        paired("trust in the police 12 months after a month in which a citizen's meeting with the police went "
               "badly (a bribe or an abuse): the other citizens of the same province, group and sex that month "
               "minus those citizens (mean over the bad meetings of months 1-228)", "bad_meeting_trust_gap",
               {"baseline_patterns": 1}, 0.02, "trust (0-1)"),
    )),
)
#: Every check ``ssrsim validate`` evaluates and reports.
VALIDATED: tuple[Fact, ...] = FACTS + PATTERNS


def arm_months(arm: str, facts: tuple[Fact, ...] = VALIDATED) -> int:
    """How long ``arm`` runs: the last month any check that compares it reads (``MONTHS`` if one
    reads the whole run, or none compares it). Half the arms read only the first decade."""
    return max((c.months or MONTHS for f in facts for c in f.checks if arm in c.arms), default=MONTHS)
