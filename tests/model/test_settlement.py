"""The political settlement, cause by cause (docs/model.md §6), on common random numbers.

Each test compares paired arms that differ in one thing and checks an emergent outcome: coup
attempts, re-arming, the incumbent's choices, the balance of units in a coup.
"""

from __future__ import annotations

import numpy as np
import pytest

from ssrsim.config import Config, Event
from ssrsim.config.paths import assign
from ssrsim.config.settlement import EliteFaction
from ssrsim.model import SSRModel

from helpers import small_config

REPS = range(8)


def config(months: int = 120, factions: list[EliteFaction] | None = None, **changes) -> Config:
    data = small_config(months=months).model_dump()
    if factions is not None:
        data["context"]["settlement"]["factions"] = [f.model_dump() for f in factions]
    for key, value in changes.items():
        assign(data, key.replace("__", "."), value)
    return Config.model_validate(data)


def runs(cfg: Config, reps=REPS) -> list[SSRModel]:
    return [SSRModel(cfg, r).run() for r in reps]


def coalition(rival: dict, incumbent: dict | None = None) -> list[EliteFaction]:
    """An incumbent and one rival: the rival's settings vary by test."""
    base = dict(name="ruling_party", incumbent=True, posts_government=0.6, posts_military=0.6, rents=0.6,
                entitlement=0.5, loyal_units={"army": 0.4, "police": 0.5, "gendarmerie": 0.4})
    return [EliteFaction(**{**base, **(incumbent or {})}), EliteFaction(name="rival", **rival)]


def choices(models: list[SSRModel]) -> dict[str, int]:
    out: dict[str, int] = {}
    for m in models:
        for option, n in m.settlement.choices.items():
            out[option] = out.get(option, 0) + n
    return out


def scheduled_coup(rival_units: dict, incumbent_units: dict, months: int = 13, **changes) -> Config:
    """The incumbent and a rival with these loyal units; the rival strikes at month 12, and drawn
    coups are made negligible (``coup_base`` -14) so that attempt is the only one."""
    rival = dict(posts_government=0.1, posts_military=0.2, rents=0.1, entitlement=0.3, loyal_units=rival_units)
    return config(months=months, factions=coalition(rival, {"loyal_units": incumbent_units}),
                  events=[Event(month=12, kind="coup_attempt", target="rival")],
                  params__settlement__coup_base=-14.0, **changes)


# ------------------------------------------------------------------ the coup-civil war trap
@pytest.mark.slow  # the default suite stays under 10 minutes; run before landing
def test_excluding_a_faction_with_units_raises_coups_and_one_with_arms_raises_rebellion():
    """Roessler 2016: excluding a rival that holds loyal units raises the coup threat it poses;
    excluding one that holds no units but has an armed wing raises rebellion instead. Re-arming and
    recruits are counted before the first election: at an election judged flawed an aggrieved
    partner may leave the government and re-arm by its own choice (docs/model.md §6.5), which is
    not the incumbent's exclusion this test is about."""
    officers = dict(posts_government=0.1, posts_military=0.3, rents=0.1, entitlement=0.3,
                    loyal_units={"army": 0.4, "police": 0.2, "gendarmerie": 0.4})
    fighters = dict(posts_government=0.1, posts_military=0.0, rents=0.1, entitlement=0.3, armed_wing=2000,
                    home_provinces=[0, 1])
    outcome = {}
    for name, rival in (("officers", officers), ("fighters", fighters)):
        for excluded in (False, True):
            spec = {**rival, "included": not excluded}
            if excluded:
                spec.update(posts_government=0.0, posts_military=0.0, rents=0.0)
            # The incumbent reviews the settlement only every two years (no protest or attack
            # triggers), so what exclusion does is seen before it can be undone.
            models = runs(config(factions=coalition(spec), params__settlement__review_months=24,
                                 params__settlement__protest_confidence=0.1,
                                 params__settlement__attack_trigger_deaths=500))
            first_election = models[0].cfg.context.government.first_election_month
            risk = np.mean([m.tables()["timeseries"].coup_risk.iloc[1:13].mean() for m in models])
            attempts = sum(m.settlement.coup_attempts for m in models)
            events = [m.tables()["events"] for m in models]
            rearmed = sum(int(((e.kind == "rearm") & (e.month < first_election)).sum()) for e in events)
            wing = [s for s in models[0].spoilers if s.kind == "armed_wing"]
            recruits = sum(int(m.tables()["timeseries"].spoiler_fighters.iloc[:first_election].sum()) for m in models)
            outcome[name, excluded] = dict(risk=risk, attempts=attempts, rearmed=rearmed, recruits=recruits,
                                           wing=bool(wing))
    # Officers: exclusion raises the coup threat (first year, before the incumbent can undo it).
    assert outcome["officers", True]["risk"] >= 1.5 * outcome["officers", False]["risk"], outcome
    # Fighters: no units, so no coups either way; exclusion makes the armed wing take up arms.
    assert outcome["fighters", True]["attempts"] == outcome["fighters", False]["attempts"] == 0, outcome
    assert outcome["fighters", True]["rearmed"] >= 2 and outcome["fighters", False]["rearmed"] == 0, outcome
    assert outcome["fighters", True]["recruits"] > outcome["fighters", False]["recruits"], outcome


def test_a_wing_that_recruited_a_few_still_re_arms_its_members():
    """An excluded faction's backing can let its dormant wing recruit a few fighters before the
    faction decides; those few do not keep the wing's members out (they did: in 40 baseline
    replicates 87 exclusions gave no re-arming). At full grievance, with re-arming made certain
    (``rearm_base`` and ``rearm_grievance`` at the tops of their ranges), the wing's 2,000 join."""
    rival = dict(included=False, posts_government=0.0, posts_military=0.0, rents=0.0, entitlement=0.3,
                 armed_wing=2000, home_provinces=[0, 1])
    model = SSRModel(config(months=12, factions=coalition(rival), params__settlement__rearm_base=-2.0,
                            params__settlement__rearm_grievance=10.0), 0)
    faction = next(f for f in model.settlement.factions if f.name == "rival")
    wing = faction.armed_group
    model.arm(wing, 3)  # what the faction's backing recruits first
    assert wing.kind == "armed_wing" and model.settlement.at_war(faction)
    faction.grievance = 1.0
    model.settlement._rearm(model.cfg.params.settlement)
    assert faction.armed_wing == 0 and model.armed_fighters_of(wing) == 2003
    assert [e[1] for e in model.recorder.events].count("rearm") == 1


def test_a_partner_that_judges_an_election_flawed_leaves_and_re_arms():
    """The same aggrieved partner in government, with an armed wing, at the same election: judged
    flawed, it leaves the government (its posts pass to the incumbent), is not asked back before
    the next election, and re-arms within the year in most runs; judged fair, it stays in, and an
    entrenched partner stays in even when the vote is judged flawed (docs/model.md §6.5)."""
    def after_election(fair: bool, entrenched: bool = False) -> list[SSRModel]:
        rival = dict(posts_government=0.05, posts_military=0.05, rents=0.05, entitlement=0.4, armed_wing=2000,
                     home_provinces=[0, 1], entrenched=entrenched)
        cfg = config(months=12, factions=coalition(rival), params__settlement__coup_base=-14.0)
        models = []
        for r in REPS:
            model = SSRModel(cfg, r)
            model.settlement.factions[1].grievance = 0.8
            model.settlement.election(fair=fair)
            models.append(model.run())
        return models

    def rearmed(models):
        return sum("rearm" in [e[1] for e in m.recorder.events] for m in models)

    flawed, fair, guaranteed = after_election(False), after_election(True), after_election(False, entrenched=True)
    assert all(not m.settlement.factions[1].included for m in flawed)
    assert all(m.settlement.factions[1].included for m in fair + guaranteed)
    asked_back = [e for m in flawed for e in m.recorder.events
                  if e[1] == "settlement" and ("share rival" in e[-1] or "co_opt rival" in e[-1])]
    assert not asked_back, asked_back
    assert rearmed(flawed) >= 6 and rearmed(fair) == rearmed(guaranteed) == 0, (rearmed(flawed), rearmed(fair))


def test_a_network_of_officers_stands_in_no_election_and_boycotts_none():
    """The same aggrieved faction, in government or excluded, at an election judged flawed: as a
    party it leaves the government or boycotts; as a network of officers (contests_elections
    false) it does neither, and the vote's legitimacy takes no boycott shock (docs/model.md §6.5)."""
    def boycotts(included: bool, contests: bool) -> tuple[bool, bool]:
        rival = dict(posts_government=0.05 * included, posts_military=0.05 * included, rents=0.05 * included,
                     entitlement=0.4, included=included, contests_elections=contests)
        model = SSRModel(config(months=12, factions=coalition(rival)), 0)
        model.settlement.factions[1].grievance = 0.8
        boycotted = model.settlement.election(fair=False)
        return boycotted, model.settlement.factions[1].included

    assert boycotts(included=True, contests=True) == (True, False)
    assert boycotts(included=False, contests=True) == (True, False)
    assert boycotts(included=True, contests=False) == (False, True)
    assert boycotts(included=False, contests=False) == (False, False)


@pytest.mark.xfail(strict=True, reason="fails since the own-wing arm can re-arm: battle deaths 19,887 against "
                   "13,900 (1.43x, 1.5x asked); before, that arm's wing never re-armed (0 of 8, 5,752 deaths)")
def test_a_movement_whose_excluded_political_wing_re_arms_goes_back_to_war():
    """Call 2012; Themnér 2011: when an excluded faction whose armed group is a signatory movement
    re-arms, the movement's deal breaks and its commanders call their former fighters back.
    Minimum effects, written before the run: every re-arming breaks the movement's deal that
    month, with former fighters answering; battle deaths over five years at least 1.5 times those
    of the same faction with an armed wing of its own (paired replicates)."""
    rival = dict(included=False, posts_government=0.0, posts_military=0.0, rents=0.0, entitlement=0.3,
                 armed_wing=1000, home_provinces=[0, 1])
    deaths = {}
    for group in (None, "movement_a"):
        models = runs(config(months=60, factions=coalition({**rival, "armed_group": group}),
                             params__settlement__review_months=24, params__settlement__protest_confidence=0.1,
                             params__settlement__attack_trigger_deaths=500))
        deaths[group] = sum(int(m.tables()["timeseries"].battle_deaths.sum()) for m in models)
        if group is None:
            continue
        for m in models:
            events = m.tables()["events"]
            for month in events[events.kind == "rearm"].month:
                broken = events[(events.kind == "deal_broken") & (events.month == month) & (events.actor == group)]
                assert len(broken) == 1 and "re-arms" in broken.detail.iloc[0] and broken["size"].iloc[0] > 0, events
        assert any((m.tables()["events"].kind == "rearm").any() for m in models)
    assert deaths["movement_a"] >= 1.5 * deaths[None], deaths


# ------------------------------------------------------------------ the incumbent's choice
def _accommodation(counts: dict[str, int]) -> float:
    total = sum(counts.values())
    return (counts.get("share", 0) + counts.get("co_opt", 0)) / total


@pytest.mark.parametrize("term", ["power_kept", "threat", "prosecution", "costs"])
def test_each_payoff_term_moves_the_choice(term):
    """Moving each named payoff term moves the choice frequencies in its direction (a review every
    month, so each arm has hundreds of choices)."""
    rival = dict(posts_government=0.2, posts_military=0.2, rents=0.2, entitlement=0.4,
                 loyal_units={"army": 0.3, "police": 0.2, "gendarmerie": 0.3}, armed_wing=1000, home_provinces=[0])
    common = dict(factions=coalition(rival), months=60, params__settlement__review_months=1)
    if term == "power_kept":
        low, high = (config(**common, params__settlement__weight_power_kept=w) for w in (1.0, 8.0))
        # Valuing its own power more, the incumbent gives less of it away.
        assert _accommodation(choices(runs(high))) < 0.8 * _accommodation(choices(runs(low)))
    elif term == "threat":
        low, high = (config(**common, params__settlement__weight_threat=w) for w in (0.0, 10.0))
        calm, afraid = choices(runs(low)), choices(runs(high))
        # Fearing for its office, the incumbent accommodates more and excludes less.
        assert _accommodation(afraid) > 1.1 * _accommodation(calm), (calm, afraid)
        assert afraid.get("exclude", 0) < 0.5 * calm.get("exclude", 0), (calm, afraid)
    elif term == "prosecution":
        low, high = (config(**{**common, "factions": coalition(rival, {"fear_of_prosecution": fear})},
                            params__settlement__weight_prosecution=6.0, levers__oversight_strength=1.0)
                     for fear in (0.0, 1.0))
        calm, afraid = choices(runs(low)), choices(runs(high))
        # Fear of prosecution multiplies the threat: the incumbent excludes less.
        assert afraid.get("exclude", 0) < 0.5 * calm.get("exclude", 0), (calm, afraid)
    else:
        cheap, dear = (config(**common, levers__funding__conditionality=c, params__settlement__cost_donors=4.0)
                       for c in (0.0, 1.0))
        assert choices(runs(dear)).get("repress", 0) < 0.7 * choices(runs(cheap)).get("repress", 0)


# ------------------------------------------------------------------ coups by the balance of units
def test_a_coup_succeeds_by_the_balance_of_units_and_a_failed_one_brings_purges():
    """The same scheduled attempt succeeds when the plotters hold most units and fails when they
    hold few; after a failure the plotters' loyal share is cut (they are excluded, though the
    incumbent may take them back later)."""
    def attempt(army_share: float) -> list[SSRModel]:
        # No professional units and every loyal unit turns out: the balance is the two factions' units alone.
        return runs(scheduled_coup({"army": army_share, "police": army_share / 2, "gendarmerie": army_share},
                                   {"army": 1 - army_share, "police": 1 - army_share / 2, "gendarmerie": 1 - army_share},
                                   params__settlement__defender_turnout=1.0))

    strong, weak = attempt(0.8), attempt(0.1)
    assert sum(m.settlement.coup_successes for m in strong) >= 6
    assert sum(m.settlement.coup_successes for m in weak) == 0
    for m in strong:
        if m.settlement.coup_successes:
            assert m.settlement.incumbent.name == "rival"
    for m in weak:
        rival = next(f for f in m.settlement.factions if f.name == "rival")
        assert "failed" in m.tables()["events"].query("kind == 'coup_attempt'").detail.iloc[0]
        assert rival.loyal[0] < 0.1 * 0.5  # most of its army units purged at once


def test_a_faction_with_few_units_cannot_borrow_the_armys_discontent():
    """Officers follow the plotters they expect to win (Singh 2014): in an army at its most
    discontented (no civilian control, every professional unit disaffected), a rival holding 2% of
    the units fails every scheduled attempt, though the disaffected units alone would outweigh the
    incumbent's; a rival holding 35% wins most of them. (With every disaffected unit joining any
    plotter, the 2% rival won 3 of these 8 attempts.)"""
    def attempt(share: float) -> list[SSRModel]:
        return runs(scheduled_coup({"army": share, "police": share, "gendarmerie": share},
                                   {"army": 0.4, "police": 0.4, "gendarmerie": 0.4},
                                   params__settlement__professional_defection=1.0,
                                   context__government__civilian_control=0.0))

    weak, strong = attempt(0.02), attempt(0.35)
    assert sum(m.settlement.coup_successes for m in weak) == 0
    assert sum(m.settlement.coup_successes for m in strong) >= 6


def test_a_term_limit_bid_angers_most_the_faction_the_agreement_entrenched():
    """A bid overrides the agreement whose quotas entrench a faction (Arusha Protocol II, Art. 7(3)):
    right after the same bid the entrenched rival's grievance is full, the other's moved only
    `term_limit_grievance` of the way, and the entrenched rival is the likelier to strike."""
    def after_bid(entrenched: bool) -> list[SSRModel]:
        rival = dict(posts_government=0.2, posts_military=0.3, rents=0.2, entitlement=0.3, entrenched=entrenched,
                     loyal_units={"army": 0.3, "police": 0.1, "gendarmerie": 0.3})
        # Drawn coups made negligible: an attempt right after the bid would purge or crown the rival.
        cfg = config(months=12, factions=coalition(rival), events=[Event(month=12, kind="term_limit_bid")],
                     params__settlement__coup_base=-14.0)
        return runs(cfg, reps=range(3))

    for guaranteed, other in zip(after_bid(True), after_bid(False)):
        # factions[1] is the rival. The month's decay toward each faction's target follows the bid,
        # so "full" is read as > 0.85.
        high, low = guaranteed.settlement.factions[1].grievance, other.settlement.factions[1].grievance
        assert high > 0.85 and high > low + 0.2, (high, low)
        assert guaranteed.settlement.strike_chances()[1] > 2 * other.settlement.strike_chances()[1]


def test_the_purged_of_a_failed_coup_take_up_arms_and_fight():
    """The same failed attempt (a weak rival, month 12) with and without the purged taking up arms:
    with them, the patron spoiler holds more fighters at once, the army is smaller two years on,
    and there are more battle deaths over those years (the coup–civil war trap)."""
    def failed(share: float) -> list[SSRModel]:
        # Every loyal unit defends: the attempt fails.
        return runs(scheduled_coup({"army": 0.2, "police": 0.1, "gendarmerie": 0.2},
                                   {"army": 0.8, "police": 0.9, "gendarmerie": 0.8}, months=36,
                                   params__settlement__purged_take_up_arms=share,
                                   params__settlement__defender_turnout=1.0))

    def attempt_failed(m: SSRModel) -> bool:
        return "failed" in m.tables()["events"].query("kind == 'coup_attempt'").detail.iloc[0]

    # The attempt's outcome is drawn, so a weak rival sometimes wins: the pairs compared are those
    # in which it failed in both arms (the arms share the draw: streams.py).
    pairs = [(a, b) for a, b in zip(failed(1.0), failed(0.0)) if attempt_failed(a) and attempt_failed(b)]
    assert len(pairs) >= 6, f"the scheduled attempt failed in only {len(pairs)} of {len(REPS)} pairs"
    armed, stayed = zip(*pairs)
    deaths = {}
    for name, arm in (("armed", armed), ("stayed", stayed)):
        ts = [m.tables()["timeseries"] for m in arm]
        deaths[name] = sum(t.loc[t.month > 12, "battle_deaths"].sum() for t in ts)
    for a, b in zip(armed, stayed):
        ta, tb = a.tables()["timeseries"], b.tables()["timeseries"]
        assert a.forces[0].size < b.forces[0].size  # the purged left and are not all replaced
        assert ta.loc[ta.month == 12, "spoiler_fighters"].iloc[0] > tb.loc[tb.month == 12, "spoiler_fighters"].iloc[0]
    assert deaths["armed"] > deaths["stayed"], deaths


def test_a_removed_key_names_its_replacement():
    from ssrsim.config.errors import UserError, readable_errors

    data = Config().model_dump()
    data["params"]["forces"]["coup_base"] = -8.0
    with pytest.raises(UserError, match="params.settlement.coup_base"):
        with readable_errors():
            Config.model_validate(data)


# ------------------------------------------------------------------ posts for a faction at war (step 8)
@pytest.mark.xfail(strict=True, reason="measured after the fifth round's recalibration (attack_base -6.5): 2 deals with the rival's group and 2 sharings after a deal, against a minimum of 3 each (it passed at -6.37); no sharing before a deal, as required; docs/validation.md §1")
def test_a_faction_whose_group_fights_gets_posts_only_with_a_deal():
    """An excluded faction whose armed group fights without a deal is not on the incumbent's menu;
    a deal with its group brings it in (docs/model.md §6.3, §6.5). Before this rule the incumbent
    shared power with the Palipehutu-FNL in the first month of the Burundi run while it fought."""
    rival = dict(included=False, posts_government=0.0, posts_military=0.0, rents=0.0, entitlement=0.3,
                 armed_group="holdout_c", home_provinces=[11])
    outcome = {}
    for talks in (0.0, 5.0):
        models = runs(config(factions=coalition(rival), months=60, levers__holdout_talks=talks,
                             params__settlement__review_months=1))
        deals = by_deal = before_deal = 0
        for m in models:
            ev = m.tables()["events"]
            shared = ev[(ev.kind == "settlement") & ev.detail.str.startswith("share rival")]
            deal_months = ev[(ev.kind == "peace_deal") & (ev.actor == "holdout_c")].month
            deals += deal_months.size
            by_deal += int(shared.detail.str.endswith("(after deal)").sum())
            # A sharing before the first deal would be a choice made while the group fought.
            before_deal += int((shared.month < (deal_months.min() if deal_months.size else np.inf)).sum())
        outcome[talks] = dict(deals=deals, shared_by_deal=by_deal, shared_before_deal=before_deal)
    assert outcome[0.0]["deals"] == 0 and outcome[0.0]["shared_by_deal"] == 0, outcome
    assert outcome[5.0]["deals"] >= 3 and outcome[5.0]["shared_by_deal"] >= 3, outcome
    assert outcome[0.0]["shared_before_deal"] == outcome[5.0]["shared_before_deal"] == 0, outcome


def test_posts_offered_bring_the_patrons_group_in_and_its_party_into_government():
    """Posts are one of an offer's terms (docs/model.md §7.2): the rival's group values the power
    its party would hold, so with posts on offer it accepts more of the same scheduled offers, and
    its deal brings the party into government; offered none, no deal does. Minimum effect, stated
    before the run: at least two more deals in 8 replicates, and no sharing by a deal without posts."""
    rival = dict(included=False, posts_government=0.0, posts_military=0.0, rents=0.0, entitlement=0.3,
                 armed_group="holdout_c", home_provinces=[11])
    offers = [Event(month=month, kind="offer", target="holdout_c", note="t") for month in range(6, 60, 6)]
    outcome = {}
    for posts in (0.0, 1.0):
        models = runs(config(factions=coalition(rival), months=60, events=offers, levers__holdout_talks=0.0,
                             levers__offer__posts=posts))
        deals = shared = 0
        for m in models:
            ev = m.tables()["events"]
            deals += int(((ev.kind == "peace_deal") & (ev.actor == "holdout_c")).sum())
            shared += int(((ev.kind == "settlement") & (ev.detail == "share rival (after deal)")).sum())
        outcome[posts] = dict(deals=deals, shared_by_deal=shared)
    assert outcome[0.0]["shared_by_deal"] == 0, outcome
    assert outcome[1.0]["deals"] >= outcome[0.0]["deals"] + 2, outcome
    assert outcome[1.0]["shared_by_deal"] >= 1, outcome


def test_only_the_incumbents_militia_kills_under_repression():
    """Repression is the incumbent's decision, so only its own armed wing carries it out: the same
    wing held by a coalition partner kills no one (docs/model.md §11.1)."""
    wing = dict(armed_wing=3000, home_provinces=[0, 1, 2])
    partner = dict(posts_government=0.2, posts_military=0.2, rents=0.2, entitlement=0.3)
    killed = {}
    for holder in ("incumbent", "partner"):
        factions = coalition({**partner, **(wing if holder == "partner" else {})},
                             wing if holder == "incumbent" else None)
        cfg = config(factions=factions, months=36,
                     events=[Event(month=m, kind="set_lever", path="levers.funding.conditionality", value=0.0,
                                   note="t") for m in (0,)],
                     params__settlement__cost_oversight=0.0, params__settlement__cost_mission=0.0,
                     params__settlement__weight_threat=0.0, params__settlement__review_months=1)
        killed[holder] = sum(int(m.tables()["timeseries"].one_sided_deaths_militias.sum()) for m in runs(cfg))
    assert killed["partner"] == 0 and killed["incumbent"] > 0, killed


def test_lasting_fighting_or_discontent_triggers_one_choice_when_it_begins():
    """Attacks and protests are trigger events when they begin; fighting or discontent that lasts
    reaches the incumbent at its periodic reviews, not every month (docs/model.md §6.3)."""
    m = SSRModel(config(months=24), 0)
    s, p = m.settlement, m.cfg.params.settlement
    start = m.cfg.context.government.legitimacy
    reasons = []
    for month, (deaths, confidence, legitimacy) in enumerate(
            [(100, 0.5, start)] * 3 + [(0, 0.5, start)] + [(100, 0.5, start)] * 2      # two bouts of fighting
            + [(0, 0.1, start - 0.1)] * 3 + [(0, 0.5, start)] + [(0, 0.1, start - 0.1)] * 2):  # two waves
        m.month = month
        m.deaths_history[month] = deaths
        m.public_confidence, m.government.legitimacy = confidence, legitimacy
        reasons.append(s._protest_or_attack(p))
    assert reasons == ["attack", "", "", "", "attack", "", "protest", "", "", "", "protest", ""], reasons


def test_an_entrenched_faction_is_never_excluded():
    """A place written into the constitution or the agreement (Arusha's quotas in Burundi) takes
    exclusion off the incumbent's menu; the same faction without it is excluded now and then."""
    rival = dict(posts_government=0.2, posts_military=0.3, rents=0.2, entitlement=0.3,
                 loyal_units={"army": 0.3, "police": 0.2, "gendarmerie": 0.3})
    excluded = {}
    for entrenched in (False, True):
        models = runs(config(factions=coalition({**rival, "entrenched": entrenched}), months=60,
                             params__settlement__review_months=1))
        excluded[entrenched] = choices(models).get("exclude", 0)
    assert excluded[True] == 0 and excluded[False] >= 5, excluded


def test_power_weighs_the_three_alike_when_every_weight_is_zero():
    """The three weights may each be 0 (their ranges start there), and a global sensitivity study
    sets all three to 0 at once: a faction's power then counts posts and rents alike, instead of
    dividing by zero."""
    zero = config(months=24, **{"params__settlement__weight_government": 0.0, "params__settlement__weight_military": 0.0,
                                "params__settlement__weight_rents": 0.0})
    model = SSRModel(zero, 0).run()  # the incumbent's choices weigh every faction's power each review
    faction = model.settlement.factions[0]
    alike = (faction.posts_government + faction.posts_military + faction.rents) / 3
    assert faction.power(zero.params.settlement) == pytest.approx(alike)
    equal = config(months=24, **{"params__settlement__weight_government": 0.2, "params__settlement__weight_military": 0.2,
                                 "params__settlement__weight_rents": 0.2})
    assert faction.power(equal.params.settlement) == pytest.approx(alike)


def _readmitted(m: SSRModel, name: str) -> list[int]:
    """Months in which the incumbent chose to share power with ``name`` or co-opt it (a deal's or
    an agreement's sharing is logged ``after deal``/``after agreement`` and not counted)."""
    ev = m.tables()["events"]
    mine = ev[(ev.kind == "settlement") & ev.detail.str.match(rf"(share|co_opt) {name}\b")]
    return [int(x) for x in mine[~mine.detail.str.contains(r"after (deal|agreement)")].month]


def test_a_faction_held_out_is_not_readmitted_by_choice_until_its_time():
    """``excluded_months`` holds an excluded faction out of the incumbent's menu: with it, no
    sharing or co-opting by choice before that month; without it, the same faction is readmitted
    early and often (what made fact 11's exclusion end in the first month)."""
    rival = dict(included=False, posts_government=0.0, posts_military=0.0, rents=0.0, entitlement=0.3,
                 loyal_units={"army": 0.2})
    early = {}
    for held in (0, 36):
        models = runs(config(factions=coalition({**rival, "excluded_months": held}), months=48,
                             params__settlement__review_months=1), reps=range(4))
        months = [mo for m in models for mo in _readmitted(m, "rival")]
        early[held] = sum(mo < 36 for mo in months)
        if held:
            assert early[held] == 0 and any(mo >= 36 for mo in months), months
    assert early[0] >= 4, early


def test_only_an_excluded_faction_can_be_held_out():
    with pytest.raises(ValueError, match="excluded_months"):
        EliteFaction(name="rival", included=True, excluded_months=12)
