"""Options that act once: an offer to an armed group, power shared with a party.

An option may, besides its levers, take actions at the decision point where it is named: an
``offer`` or ``share_power`` event at that month. The checks of the menu (targets the scenario
has), the events built (once per naming, after the levers), the capital (charged wherever the
option is named), the status quo (never an acting option) and the words participants read are
tested on a copy of the tiny case with two acting families; the Burundi menu's FNL offer is then
run for a few months on the scenario itself.
"""

from __future__ import annotations

import logging
import shutil

import pytest
import yaml
from helpers import ROOT

from ssrsim.config import Config
from ssrsim.config.errors import UserError
from ssrsim.exercise.brief import team_template, write_brief
from ssrsim.exercise.decisions import TeamFile, check_team, load_team, team_config
from ssrsim.exercise.menu import ACTIONS, load_exercise, phases, status_quo_options
from ssrsim.exercise.play import resolve_team, team_record
from ssrsim.model import SSRModel
from ssrsim.run.runner import simulate

logging.getLogger("MESA").setLevel(logging.WARNING)
TINY = ROOT / "tests" / "cases" / "tiny"
# Two families that act, added to the tiny case: its armed group is `front`, and its scenario has
# the default elite factions (`ruling_party`, the incumbent; `former_rebels`; `old_guard`). The
# offer comes first and sets the scenario's own lever, so only its action keeps it from being
# taken for the status quo.
ACTING = """
  talks:
    question: "Do you put an offer to the front?"
    source: "a test"
    options:
      offer: {label: "Put an offer to the front now", capital: 1, levers: {levers.holdout_talks: 0.0},
              actions: [{kind: offer, target: front}]}
      none:  {label: "No talks", capital: 0, levers: {levers.holdout_talks: 0.0}}
  inclusion:
    question: "Do you press for power sharing?"
    source: "a test"
    options:
      as_is: {label: "Leave the coalition as it is", capital: 0}
      share: {label: "Share power with the old guard now", capital: 2,
              actions: [{kind: share_power, target: old_guard}]}
"""


def acting_case(where, families: str = ACTING):
    """A copy of the tiny case with ``families`` added to its menu (a fresh folder: nothing cached)."""
    folder = where / "tiny"
    shutil.copytree(TINY, folder)
    path = folder / "exercise.yaml"
    text = path.read_text()
    anchor = "  mandate:\n"
    assert anchor in text
    path.write_text(text.replace(anchor, families.lstrip("\n") + anchor, 1))
    return folder


def team(case, decisions: dict):
    return check_team(TeamFile.model_validate({"team": "T", "exercise": str(case), "decisions": decisions}))


# ------------------------------------------------------------------------------ the menu
def test_an_acting_option_is_never_the_status_quo(tmp_path):
    exercise, cfg = load_exercise(acting_case(tmp_path))
    quo = status_quo_options(exercise, cfg)
    assert quo["talks"] == "none"  # not `offer`, though its lever is the scenario's
    assert quo["inclusion"] == "as_is"  # an option that changes nothing keeps the course


@pytest.mark.parametrize("edit, words", [
    (("target: front", "target: frnot"),
     ["families.talks.options.offer.actions[0].target", "'frnot' is not a spoiler of scenario 'tiny'",
      "allowed: front"]),
    (("target: old_guard", "target: ruling_party"),
     ["families.inclusion.options.share.actions[0].target",
      "'ruling_party' is not an elite faction other than the incumbent", "allowed: former_rebels, old_guard"]),
    (("kind: offer", "kind: parley"), ["families.talks.options.offer.actions[0].kind", "'offer' or 'share_power'"]),
    (("capital: 2,\n              actions: [{kind: share_power, target: old_guard}]}", "capital: 2}"),
     ["families.inclusion.options.share: sets no lever and takes no action, like as_is",
      "a family may have one such option"]),
])
def test_a_mistake_in_an_action_names_the_family_and_option(tmp_path, edit, words):
    assert edit[0] in ACTING
    case = acting_case(tmp_path, ACTING.replace(*edit))
    with pytest.raises(UserError) as e:
        load_exercise(case)
    for word in words:
        assert word in str(e.value), str(e.value)
    assert "exercise.yaml" in str(e.value)


def test_an_offer_can_go_to_a_signatory_movement_and_reaches_it_once_its_deal_broke(tmp_path):
    """A signatory movement (a spoiler the model adds, named after its faction) can be offered
    terms: while under its deal the offer changes nothing; once the deal broke it is put and
    answered like any offer."""
    _, cfg = load_exercise(acting_case(tmp_path, ACTING.replace("target: front", "target: movement")))
    data = cfg.model_dump()
    data["months"] = 30
    data["events"] = [{"month": month, "kind": "offer", "target": "movement"} for month in (10, 11)]
    model = SSRModel(Config.model_validate(data), 0).run(10)
    movement = next(s for s in model.spoilers if s.name == "movement")
    assert movement.co_opted and model.bargaining.offers == 0  # under the peace agreement: not put
    model.bargaining.break_down(movement, cause="a test")
    model.run(11)
    assert model.bargaining.offers == 1
    assert [e[2] for e in model.recorder.events if e[1] == "offer"] == ["movement"]


# ------------------------------------------------------------------------------ events and capital
def test_an_offer_is_one_event_at_its_decision_point(tmp_path):
    case = acting_case(tmp_path)
    chosen = team(case, {"2020-06": {"talks": "offer", "ddr_pace": "fast"}})
    acts = [e for e in chosen.events if e.kind != "set_lever"]
    assert [(e.month, e.kind, e.target) for e in acts] == [(5, "offer", "front")]
    assert chosen.events[-1] is acts[0]  # after the levers: an offer carries the terms chosen with it
    assert chosen.acted == [["talks"], []]
    # kept in force at the next decision point, it is not made again and costs nothing there
    assert chosen.choices[1]["talks"] == "offer" and chosen.capital_spent == [1 + 2, 2]


def test_naming_an_acting_option_again_repeats_it_at_its_cost(tmp_path):
    case = acting_case(tmp_path)
    again = team(case, {"2020-06": {"talks": "offer", "inclusion": "share"},
                        "2021-06": {"talks": "offer", "inclusion": "share"}})
    assert [(e.month, e.kind, e.target) for e in again.events if e.kind != "set_lever"] == [
        (5, "offer", "front"), (5, "share_power", "old_guard"),
        (17, "offer", "front"), (17, "share_power", "old_guard")]
    assert again.capital_spent == [3, 3] and again.acted == [["talks", "inclusion"], ["talks", "inclusion"]]
    record = team_record(again)
    assert [p["acted"] for p in record["phases"]] == again.acted
    with pytest.raises(UserError, match="cost 5 points of political capital; 4 are available"):
        team(case, {"2021-06": {"talks": "offer", "inclusion": "share", "ddr_pace": "fast"}})


def test_the_acts_enter_the_run(tmp_path):
    case = acting_case(tmp_path)
    chosen = team(case, {"2020-06": {"talks": "offer", "inclusion": "share"}})
    cfg = team_config(chosen, ["months=6", "replicates=1"])
    events = simulate(cfg, workers=1).events
    assert set(events[events["month"] == 5]["kind"]) >= {"offer", "settlement"}
    offer = events[events["kind"] == "offer"]
    assert list(offer["actor"]) == ["front"] and list(offer["month"]) == [5]
    shared = events[(events["kind"] == "settlement") & (events["detail"] == "share old_guard (after agreement)")]
    assert list(shared["month"]) == [5]


# ------------------------------------------------------------------------------ what participants read
def test_the_brief_and_template_say_what_an_act_does(tmp_path):
    case = acting_case(tmp_path)
    exercise, cfg = load_exercise(case)
    template = team_template(str(case), exercise, cfg, phases(exercise, cfg))
    assert "Put an offer to the front now (1 capital; acts once)" in template
    assert "is named there again, and then it costs its points again" in template
    out = tmp_path / "brief"
    write_brief(case, out, replicates=1)
    md = (out / "brief.md").read_text()
    for words in (ACTIONS["offer"], ACTIONS["share_power"], "nothing new: keeps the course",
                  "choosing the option again at a later decision point repeats it"):
        assert words in md, words
    assert "share_power" not in md and "old_guard" not in md  # plain words, the label names whom


# ------------------------------------------------------------------------------ the Burundi menu
def test_burundi_offer_to_the_fnl_is_logged_in_month_13():
    """The same seed, a few months: the offer is put to the FNL at the first decision point."""
    logged = {}
    for option in ("offer", "pressure"):
        chosen = team("burundi", {"2004-12": {"fnl": option}})
        events = simulate(team_config(chosen, ["months=14", "replicates=1"]), workers=1).events
        offers = events[events["kind"] == "offer"]
        logged[option] = list(zip(offers["month"], offers["actor"]))
    assert (13, "fnl") in logged["offer"]
    assert (13, "fnl") not in logged["pressure"]
    assert [m for m, _ in logged["offer"] if m < 13] == [m for m, _ in logged["pressure"] if m < 13]


def test_burundi_menu_acts_on_the_scenarios_names():
    exercise, cfg = load_exercise("burundi")
    acting = {(f, o): [(a.kind, a.target) for a in option.actions]
              for f, family in exercise.families.items() for o, option in family.options.items() if option.actions}
    assert acting == {("fnl", "offer"): [("offer", "fnl")], ("fnl", "posts"): [("offer", "fnl")],
                      ("fnl", "inclusive"): [("offer", "fnl")],
                      ("inclusion", "fnl_wing"): [("share_power", "palipehutu_fnl")],
                      ("inclusion", "uprona"): [("share_power", "uprona")]}
    quo = status_quo_options(exercise, cfg)
    assert "fnl" not in quo  # the usual talks with no offer now: not an option of the menu
    assert quo["prevention"] == "none" and quo["inclusion"] == "as_is" and quo["budget_support"] == "unconditional"
    for name in ("fnl", "prevention", "inclusion", "budget_support"):  # levels and costs are design
        assert "assumed" in exercise.families[name].source, name


def test_burundi_historical_track_offers_to_the_fnl_in_2006_and_2008():
    track = load_team(resolve_team("historical"))
    offers = [(e.month, e.target) for e in track.events if e.kind == "offer"]
    assert offers == [(37, "fnl"), (61, "fnl")]
    assert not any(e.kind == "share_power" for e in track.events)  # the coalition as it was
    assert track.choices[-1]["prevention"] == "commission" and track.choices[2]["prevention"] == "training"
    assert all(c["budget_support"] == "unconditional" for c in track.choices)
    assert max(track.capital_spent) <= 6


def test_burundi_historical_file_names_every_family():
    data = yaml.safe_load(resolve_team("historical").read_text())
    named = {f for decision in data["decisions"].values() for f in decision if f != "money"}
    exercise, _ = load_exercise("burundi")
    assert named == set(exercise.families)


def test_the_debrief_marks_an_act_taken_again():
    """In the table of choices, an offer named again is a decision (bold), one merely kept is not."""
    from ssrsim.exercise.debrief import _cell_choice

    before = {"choices": {"fnl": "offer"}, "acted": ["fnl"]}
    labels = {"offer": "Put an offer"}  # the menu's words, not the option's code
    assert _cell_choice({"choices": {"fnl": "offer"}, "acted": ["fnl"]}, "fnl", before, {}, labels) == "**Put an offer**"
    assert _cell_choice({"choices": {"fnl": "offer"}, "acted": []}, "fnl", before, {}, labels) == "Put an offer"
