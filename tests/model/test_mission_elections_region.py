"""Peacekeeping through its channels, elections and the region (docs/model.md §10).

Paired arms on common random numbers (the same replicates' seeds in every arm). Each minimum was
written before the test was first run; the outcomes compared are emergent (battle deaths,
civilians killed, fighters left to a group, refugees), never the term a setting enters by formula.
"""

from __future__ import annotations

import pytest

from helpers import arm
from ssrsim.config import Config
from ssrsim.config.errors import UserError, readable_errors
from ssrsim.run.runner import simulate


def baseline(months: int, replicates: int, **changes) -> Config:
    """The baseline at full size but 2,000 citizens (the citizens do not move the fighters)."""
    cfg = Config().model_copy(deep=True)
    cfg.months, cfg.replicates, cfg.context.citizens = months, replicates, 2000
    return arm(cfg, **changes)


def summary(cfg: Config):
    return simulate(cfg, workers=2).summary


def violence(cfg: Config) -> float:
    """Battle deaths and civilians killed, per replicate."""
    s = summary(cfg)
    return float((s["total_battle_deaths"] + s["total_one_sided_deaths"]).mean())


@pytest.mark.slow  # the default suite stays under 10 minutes; run before landing
def test_troops_protect_and_deter_where_observers_alone_do_little():
    """Peacekeeping works through deterrence, monitoring and protection, and its effects grow
    with troops; observers monitor only (Fortna 2008; Doyle & Sambanis 2000; Hultman, Kathman &
    Shannon 2013).

    Minimum (10 paired replicates, 120 months): 8,000 troops cut battle deaths plus civilians
    killed to at most 0.6 of no mission's; 800 observers without troops take away at most half of
    what the troops take away; civilians killed fall with troops to at most half.

    A strict expected failure from the sixth round (0.72 of no mission's) until the arms were paired
    month by month (docs/model.md §1.3); measured then (commit 2dca200): 7,960 against 14,735
    (0.54), observers take 0.19 of what troops take away, civilians killed 9.9 against 42.2. On
    one stream, 40 paired replicates had given 0.63 (experiments/diagnostics/mission_arms.py), not
    re-measured since.
    """
    none, observers, troops = (baseline(120, 10, context__peacekeeping__troops=t, context__peacekeeping__observers=o)
                               for t, o in ((0, 0), (0, 800), (8000, 0)))
    v_none, v_obs, v_troops = violence(none), violence(observers), violence(troops)
    assert v_troops <= 0.6 * v_none, (v_troops, v_none)
    assert v_none - v_obs <= 0.5 * (v_none - v_troops), (v_none, v_obs, v_troops)
    killed = [float(summary(c)["total_one_sided_deaths"].mean()) for c in (none, troops)]
    assert killed[1] <= 0.5 * killed[0], killed


def election_arm(month: int, troops: int, shared: bool) -> Config:
    """One listed election at ``month`` and no calendar; the coalition shares posts as in the
    baseline, or the incumbent holds every government post."""
    cfg = baseline(72, 12, context__peacekeeping__troops=troops, context__government__election_cycle_months=0)
    data = cfg.model_dump()
    data["events"] = [{"month": month, "kind": "election"}]
    if not shared:
        factions = data["context"]["settlement"]["factions"]
        held = sum(f["posts_government"] for f in factions)
        for f in factions:
            f["posts_government"] = held if f["incumbent"] else 0.0
    return Config.model_validate(data)


@pytest.mark.slow  # the default suite stays under 10 minutes; run before landing
def test_early_elections_raise_violence_unless_a_mission_or_power_sharing_is_in_place():
    """An election before demobilisation is complete lets a group that loses it take its
    fighters still in the bush back to war (Brancati & Snyder 2013; Paris 2004).

    Minimum (12 paired replicates, 72 months, battle deaths and civilians killed): with neither
    a mission nor power sharing, an election at month 6 gives at least 1.5 times the violence of
    one at month 60; with the baseline's mission and power sharing the early election adds at
    most half of what it adds without them.
    """
    bare = [violence(election_arm(m, 0, False)) for m in (6, 60)]
    guarded = [violence(election_arm(m, 8000, True)) for m in (6, 60)]
    assert bare[0] >= 1.5 * bare[1], bare
    assert guarded[0] - guarded[1] <= 0.5 * (bare[0] - bare[1]), (guarded, bare)


@pytest.mark.slow  # a known failure, recorded with its numbers; run before landing
@pytest.mark.xfail(strict=True, reason="measured at aa850d8: 3 rejections against 2 (at least 3 and twice asked), "
                   "3,776 battle deaths against 3,570 (1.06x, 1.3x asked). Paired month by month, the same runs "
                   "reject with or without recall, and the 960-1,510 former fighters who answer add few deaths: a "
                   "clash's toll grows with the square root of the fighters engaged (run 5: 1,524 against 1,501)")
def test_former_fighters_still_tied_to_their_commanders_make_a_late_election_risky():
    """Demobilisation does not end a movement's threat at once: at an election its leaders count
    the former fighters their commanders could call back, and those who answer make the war
    (Themnér 2011; Daly 2016).

    Minimum (12 paired replicates, one election at month 60, when most fighters have been through
    cantonment, with the incumbent holding every post): with the default ``recall`` the result is
    rejected at least 3 times in all and at least twice as often as when no former fighter answers
    (``recall`` 0), and the battle deaths of the 12 months after the election are at least 1.3
    times as many.
    """
    def outcomes(cfg):
        results = simulate(cfg, workers=2)
        rejected = int((results.events.kind == "election_rejected").sum())
        ts = results.timeseries
        return rejected, float(ts[ts.month.between(61, 72)]["battle_deaths"].sum())
    tied = outcomes(election_arm(60, 8000, False))
    cut = outcomes(arm(election_arm(60, 8000, False), params__bargaining__recall=0.0))
    assert tied[0] >= 3 and tied[0] >= 2 * cut[0], (tied, cut)
    assert tied[1] >= 1.3 * cut[1], (tied, cut)


@pytest.mark.slow  # the default suite stays under 10 minutes; run before landing
def test_fighters_waiting_in_pre_assembly_areas_make_an_early_election_safer():
    """Fighters who wait for cantonment in registered, watched pre-assembly areas count for less
    when their group weighs going back to war after an election (docs/model.md §10.2; IRIN 2003
    for Burundi's areas).

    Minimum (12 paired replicates, one election at month 12, when most fighters still wait, with
    the baseline's mission and power sharing): with every movement's waiting fighters assembled,
    the result is rejected at most half as often as with none assembled (which rejects at least 4
    times in all), and the battle deaths of the 12 months after the election are at most 0.8 of
    them.

    Measured when written: 4 rejections against 7 (0.57) and 3,893 against 6,573 battle deaths, a
    strict expected failure. Once the arms were paired month by month (docs/model.md §1.3;
    commit 2dca200): 5 against 12 (0.42) and 6,851 against 13,430 (0.51).
    """
    def outcomes(cfg):
        results = simulate(cfg, workers=2)
        ts = results.timeseries
        return (int((results.events.kind == "election_rejected").sum()),
                float(ts[ts.month.between(13, 24)]["battle_deaths"].sum()))
    bush = outcomes(election_arm(12, 8000, True))
    assembled = outcomes(arm(election_arm(12, 8000, True), **{f"context__factions__{i}__assembled": 1.0
                                                                for i in (1, 2)}))
    assert bush[0] >= 4 and assembled[0] <= 0.5 * bush[0], (assembled, bush)
    assert assembled[1] <= 0.8 * bush[1], (assembled, bush)


@pytest.mark.slow  # a known failure, recorded with its numbers; run before landing
@pytest.mark.xfail(strict=True, reason="measured 131,392 refugees abroad at month 60 in the baseline (the war arm passes): some baseline replicates now go to war after an election, and their flight outweighs the others' returns; docs/model.md §10")
def test_refugees_flee_war_and_come_home_in_peace():
    """Refugee outflows and returns are endogenous to violence (Salehyan & Gleditsch 2006).

    Minimum (4 paired replicates, 60 months): where no one is demobilised and the movements go
    back to war, refugees abroad at month 60 are at least 1.5 times the 100,000 of month 0; in the
    baseline they are fewer than at month 0.
    """
    def abroad(cfg):
        ts = simulate(cfg, workers=2).timeseries
        return float(ts[ts.month == cfg.months]["refugees_abroad"].mean())
    war = abroad(baseline(60, 4, levers__ddr__demobilization_per_month=0))
    peace = abroad(baseline(60, 4))
    assert war >= 1.5 * 100000, war
    assert peace < 100000, peace


@pytest.mark.slow  # a known failure, recorded with its numbers; run before landing
@pytest.mark.xfail(strict=True, reason="measured 1,540 against 1,548 fighters: a group's size is capped by its resources, so the losses a sanctuary spares are replaced by recruits anyway; docs/model.md §10")
def test_a_sanctuary_keeps_a_beaten_group_alive():
    """Fighters who can slip across a border survive losing clashes (context.region.sanctuary).

    Minimum (6 paired replicates, 60 months, no talks): the holdout's fighters left at month 60
    are at least 1.2 times as many with a sanctuary for 0.8 of those who would be killed.
    """
    def fighters(cfg):
        ts = simulate(cfg, workers=2).timeseries
        return float(ts[ts.month == cfg.months]["spoiler_fighters"].mean())
    open_border = fighters(baseline(60, 6, levers__holdout_talks=0.0, context__region__sanctuary=[(0, 0.8)]))
    closed = fighters(baseline(60, 6, levers__holdout_talks=0.0))
    assert open_border >= 1.2 * closed, (open_border, closed)


@pytest.mark.parametrize("series, words", [
    ([(12, 0.5), (6, 0.4)], "months must increase"),
    ([(0, 1.5)], "value in 0..1"),
])
def test_a_regional_series_out_of_order_or_range_is_refused_by_name(series, words):
    data = Config().model_dump()
    data["context"]["region"]["support"] = series
    with pytest.raises(UserError) as e, readable_errors():
        Config.model_validate(data)
    assert "support" in str(e.value) and words in str(e.value)
