"""The Burundi case: every value sourced or marked assumed, the calendar, the new levers' mechanisms,
and the historical track's checks (issue 5): about 23,000 demobilised by the end of 2008, the FNL
still fighting until 2008-09, no war-level relapse before 2015 -- all emerging, none scheduled."""

from __future__ import annotations

import shutil

import numpy as np
import pytest
import yaml

import ssrsim
from ssrsim.config import paths
from ssrsim.config.compose import CONFIG_DIR
from ssrsim.config.calendar import label_of, month_of
from ssrsim.exercise.debrief import deaths_by_year
from ssrsim.exercise.decisions import load_team, team_config
from ssrsim.exercise.menu import case_folder, historical_track, load_exercise, phases
from ssrsim.exercise.play import play
from ssrsim.model import SSRModel
from ssrsim.model.fighters import Status
from ssrsim.run.runner import release, simulate

SCENARIO = CONFIG_DIR / "scenario" / "burundi.yaml"
END_2008, START_2015 = 61, 134  # months since November 2003: December 2008, January 2015


def test_every_value_the_scenario_sets_has_a_source_or_says_assumption():
    data = yaml.safe_load(SCENARIO.read_text())
    sources = data.pop("sources")
    events = data.pop("events")
    for key in ("name", "description"):
        data.pop(key)
    missing = [p for p in paths.flatten(data, named_lists=True) if not any(p == s or p.startswith(s + ".") for s in sources)]
    assert not missing, f"values without a source or an 'assumption' note: {missing}"
    stale = [s for s in sources if not s.startswith("events.")
             and not any(p == s or p.startswith(s + ".") for p in paths.flatten(data, named_lists=True))]
    assert not stale, f"sources for values the scenario does not set: {stale}"
    assert all(text.strip() for text in sources.values())
    assert all(e.get("note") for e in events), "every scheduled event says what happened"


def test_no_scheduled_event_sets_fighters_or_outcomes():
    """Only elections and the 2015 term-limit bid are scheduled political developments; the rest is
    the programmes' calendar (DDR's launch, the MDRP's close). The FNL's deals, the 2010 boycott,
    its return to arms and the 2015 coup attempt must emerge."""
    cfg = ssrsim.compose("burundi")
    kinds = {e.kind for e in cfg.events}
    assert kinds <= {"election", "term_limit_bid", "set_lever", "donor_exit"}, kinds
    assert [e.month for e in cfg.events if e.kind == "term_limit_bid"] == [137]  # April 2015
    assert {e.path for e in cfg.events if e.kind == "set_lever"} == {"levers.ddr.demobilization_per_month"}
    team = load_team(historical_track("burundi"))
    assert {e.kind for e in team.events} <= {"set_lever", "offer", "share_power"}
    assert all(e.path.startswith("levers.") for e in team.events if e.kind == "set_lever")


def test_calendar_and_decision_points():
    exercise, cfg = load_exercise("burundi")
    assert cfg.calendar.start == "2003-11" and cfg.months == 150
    assert [p.month for p in phases(exercise, cfg)] == [13, 37, 61, 85, 109, 133]
    assert all(label_of(month_of(p, "2003-11"), "2003-11") == p for p in exercise.decision_points)
    assert label_of(END_2008, "2003-11") == "2008-12" and label_of(START_2015, "2003-11") == "2015-01"


def _model(overrides, replicate=0):
    cfg = ssrsim.compose("burundi", overrides)
    return SSRModel(cfg, replicate)


def test_integration_rules_reserve_places_and_cap_each_faction():
    """The army is above its planned size, yet the Pretoria/Arusha quota opens places for the
    movements; no faction's integrated members exceed half a service's planned size."""
    model = _model(["levers.ddr.demobilization_per_month=3000", "months=40"]).run()
    fi = model.fighters
    serving = fi.where(Status.INTEGRATED)
    army = model.forces[0]
    in_army = serving[fi.service[serving] == 0]
    assert in_army.size >= 0.8 * 0.5 * army.target_size  # reserved places filled despite the surplus
    for s, force in enumerate(model.forces):
        per_faction = np.bincount(fi.faction[serving[fi.service[serving] == s]])
        assert per_faction.max(initial=0) <= 0.5 * force.target_size
    release(model)
    closed = _model(["levers.ddr.demobilization_per_month=3000", "months=40",
                     "levers.ddr.integration_quota=0"]).run()
    serving = closed.fighters.where(Status.INTEGRATED)
    assert np.count_nonzero(closed.fighters.service[serving] == 0) == 0  # no room without the quota
    release(closed)


def test_mandate_extension_and_initial_mission():
    model = _model(["months=50"])
    assert model.mission.troops == 2650  # AMIB before ONUB
    model.run(10)
    assert model.mission.troops + model.mission.observers == 5650
    model.run(40)
    assert model.mission.troops == 0  # ONUB gone by January 2007
    release(model)
    longer = _model(["months=50", "levers.mandate_extension_months=12"]).run(40)
    assert longer.mission.troops + longer.mission.observers == 5650  # still at full strength when ONUB had gone
    release(longer)


@pytest.mark.slow  # a known failure, recorded with its numbers; run before landing
@pytest.mark.xfail(strict=True, reason="measured with posts among the offer's terms (docs/validation.md §1): with talks at 5 and the Burundi scenario's terms, which offer the FNL's party no posts (levers.offer.posts 0, as in 2006), the FNL accepts a deal in 0 of 6 replicates within 60 months (the minimum is 3); with posts offered (levers.offer.posts=1) it accepts in 4 of 6, and in 0 of 6 without talks")
def test_talks_bring_the_holdout_in_and_ceasefires_quiet_it():
    def deals(talks):
        # Without the dated events DDR would never launch: the movements would count the
        # agreement's DDR promise broken, and the government's record with the FNL with it
        # (docs/model.md §9.1). It launches at once here, at the historical pace.
        cfg = ssrsim.compose("burundi", [f"levers.holdout_talks={talks}", "months=60", "replicates=6",
                                         "events=[]", "levers.ddr.demobilization_per_month=1000"])
        ev = simulate(cfg, workers=2).events
        return ev[(ev.kind == "peace_deal") & (ev.actor == "fnl")].replicate.nunique()

    assert deals(0.0) == 0  # without talks (and without the dated deal) the FNL stays out
    assert deals(5.0) >= 3

    def deaths(events):
        cfg = ssrsim.compose("burundi", ["months=24", "replicates=6", events])
        ts = simulate(cfg, workers=2).timeseries
        return ts[ts.month > 12].battle_deaths.sum()

    assert deaths("events=[{month: 12, kind: ceasefire, target: fnl, value: 12, note: test}]") \
        < 0.5 * deaths("events=[]")


@pytest.fixture(scope="module")
def historical():
    return play(load_team(historical_track("burundi")), replicates=16, workers=2)


def test_historical_track_demobilises_about_23000_by_end_2008():
    """The same 16 replicates as the slow checks below, run only to December 2008: the months
    after it cannot change what happened before it."""
    cfg = team_config(load_team(historical_track("burundi")), ["replicates=16", f"months={END_2008 + 1}"])
    ts = simulate(cfg, workers=2).timeseries
    demobilised = ts[ts.month == END_2008].demobilized_total
    within = ((demobilised >= 0.75 * 23000) & (demobilised <= 1.25 * 23000)).mean()
    assert within >= 0.8, f"{within:.0%} of replicates within 23,000 ± 25%: {sorted(demobilised)}"


@pytest.mark.slow  # a known failure, recorded with its numbers; run before landing
@pytest.mark.xfail(strict=True, reason=(
    "known discrepancy (docs/burundi.md §3), measured since the twelfth calibration round (docs/validation.md §1): "
    "at least 25 battle deaths in 62%, 69%, 69% and 62% of the 16 replicates in 2010-2013 (at most 50% asked; "
    "2004-2008 pass; 45%, 65%, 60%, 52% of 40 runs); the FNL leaves the government after the 2010 elections and "
    "goes back to arms in 28 of 40 runs, and fights in 2010-2013 in 28, elite spoilers joined by the purged of the "
    "intelligence generals' failed coups in 16, smuggling networks in 11; "
    "the record has a quiet 2009 and a return to the bush after the 2010 elections, a new rebellion but no war"))
def test_historical_track_quiet_2010_to_2013(historical):
    """Version 1's check went on past 2008: at most half the replicates with a minor armed conflict
    in each year 2010-2013. MODEL.md's version-2 check stops at 2008-09 (the next test) and asks
    for the FNL's re-arming to emerge; this part stays, failing, with its numbers."""
    conflict = _conflict_by_year(historical)
    assert conflict[[2010, 2011, 2012, 2013]].max() <= 0.5, conflict.to_dict()


@pytest.mark.slow  # run before landing
def test_historical_track_fnl_fights_until_2008(historical):
    """The check as model version 2 states it: armed conflict through 2008 (the FNL's war to its
    2008 ceasefire), emerging from the factions' choices, not scheduled."""
    conflict = _conflict_by_year(historical)
    assert (conflict[[2004, 2005, 2006, 2007]] >= 0.8).all(), conflict.to_dict()
    assert conflict[2008] >= 0.5, conflict.to_dict()


def _conflict_by_year(historical):
    """The share of replicates with a minor armed conflict (at least 25 battle deaths) each year."""
    per_year = deaths_by_year(historical.timeseries, "2003-11").unstack(fill_value=0)
    return (per_year >= 25).mean()


@pytest.mark.slow  # run before landing; it failed until coups were struck on grievance times odds (docs/burundi.md §3)
def test_historical_track_has_no_war_before_2015(historical):
    war = historical.summary.war_relapse_month.astype(float).fillna(np.inf)
    assert (war < START_2015).mean() <= 0.1


def test_an_edited_exercise_file_with_a_mistake_is_a_clear_error(tmp_path):
    """docs/training.md §9 invites facilitators to edit the menu: a bad edit names the place."""
    from ssrsim.config.errors import UserError

    folder = tmp_path / "burundi"
    shutil.copytree(case_folder("burundi"), folder)
    text = (folder / "exercise.yaml").read_text()
    bad = text.replace("levers.ddr.demobilization_per_month: 3000}", "levers.ddr.demobilization_per_month: 300000}")
    assert bad != text
    (folder / "exercise.yaml").write_text(bad)
    with pytest.raises(UserError, match=r"exercise.yaml:\n.*rapid.*out of range \(allowed: 0 – 20000\)"):
        load_exercise(folder)
