"""Every scenario composes and validates; bad values are refused with the field and range."""

import pytest
from pydantic import ValidationError

from ssrsim.config.compose import compose, scenarios
from ssrsim.config import Config, paths
from ssrsim.config.fields import explain
from ssrsim.config.errors import UserError, validated

REQUIRED_PATHS = [
    "levers.political_will", "levers.oversight_strength", "levers.funding.cycle_months",
    "levers.funding.predictability", "levers.funding.governance_share",
    "levers.funding.quick_win_share", "levers.funding.substitution",
    "levers.ddr.demobilization_per_month", "levers.ddr.reintegration_months",
    "levers.ddr.reintegration_capacity", "context.peacekeeping.troops",
    "context.peacekeeping.mandate_months", "seed", "replicates", "months", "events", "calendar.start",
]


def test_contract_paths_exist():
    cfg = Config()
    for path in REQUIRED_PATHS:
        assert paths.get(cfg, path, paths.MISSING) is not paths.MISSING, path


@pytest.mark.parametrize("name", scenarios())
def test_every_scenario_composes_and_validates(name):
    cfg = compose(name)
    assert cfg.name == name
    assert len(cfg.context.factions) >= 1 and len(cfg.context.donors) >= 1


def test_at_least_four_contrasting_scenarios():
    assert {"baseline", "low_will_holdout", "donor_driven", "post_authoritarian"} <= set(scenarios())


def test_baseline_meets_the_issue_sizes():
    cfg = compose("baseline")
    fighters = sum(f.fighters for f in cfg.context.factions)
    assert 25000 <= fighters <= 35000 and len(cfg.context.factions) >= 3
    assert cfg.context.peacekeeping.troops > 0 and len(cfg.context.donors) >= 3
    assert cfg.context.provinces.count >= 12 and cfg.context.citizens >= 20000


def test_overrides_apply_whatever_the_scenario():
    for name in scenarios():
        assert compose(name, ["levers.political_will=0.3"]).levers.political_will == 0.3


@pytest.mark.parametrize("data, field, allowed", [
    ({"levers": {"political_will": 1.5}}, "levers.political_will", "0 – 1"),
    ({"replicates": 0}, "replicates", "1 – 100000"),
    ({"levers": {"funding": {"cycle_months": 3}}}, "levers.funding.cycle_months", "6 – 120"),
    ({"levers": {"ddr": {"demobilization_per_month": -5}}}, "levers.ddr.demobilization_per_month", "0 – 20000"),
    ({"context": {"peacekeeping": {"troops": -1}}}, "context.peacekeeping.troops", "0 – 200000"),
    ({"calendar": {"start": "2003-13"}}, "calendar.start", "YYYY-MM"),
    ({"levers": {"politcal_will": 0.3}}, "levers.politcal_will", "political_will"),
    ({"events": [{"month": 5, "kind": "set_lever", "path": "levers.political_will", "value": 2}]},
     "events[0].value", "0 – 1"),
    ({"events": [{"month": 5, "kind": "donor_exit", "target": "nobody"}]}, "events[0].target", "world_bank_mdtf"),
    ({"events": [{"month": 5, "kind": "invasion"}]}, "events[0].kind", "set_lever"),
])
def test_bad_values_name_the_field_and_what_is_allowed(data, field, allowed):
    with pytest.raises(ValidationError) as err:
        Config.model_validate(data)
    message = explain(err.value, Config)
    assert field in message and allowed in message, message


def test_reference_checks():
    data = Config().model_dump()
    data["context"]["spoilers"][0]["faction"] = "no_such_faction"
    with pytest.raises(ValidationError, match="unknown faction"):
        Config.model_validate(data)
    data = Config().model_dump()
    data["context"]["factions"][1]["home_provinces"] = [99]
    with pytest.raises(ValidationError, match="home_provinces"):
        Config.model_validate(data)


def test_an_armed_group_is_a_spoiler_or_a_signatory_movement():
    """An elite faction's armed group may be a scenario spoiler or a signatory movement (named by
    its faction); anything else is refused, naming both kinds of name allowed."""
    data = Config().model_dump()
    data["context"]["settlement"]["factions"][1]["armed_group"] = "movement_a"
    Config.model_validate(data)
    data["context"]["settlement"]["factions"][1]["armed_group"] = "holdout_c"  # a scenario spoiler
    Config.model_validate(data)
    data["context"]["settlement"]["factions"][1]["armed_group"] = "government_surplus"  # not a movement
    with pytest.raises(ValidationError) as err:
        Config.model_validate(data)
    message = explain(err.value, Config)
    assert "armed_group" in message and "'holdout_c'" in message and "'movement_a'" in message, message


def test_messages_give_one_path_and_name_list_items_as_written():
    """A check across fields names its path once (not ``context: context.groups: ...``), checks
    raised inside a nested model read from that model, and list items are named as the user wrote
    them (the faction's name), as the checks across fields name them."""
    data = Config().model_dump()
    data["context"]["groups"][0]["share"] = 0.1
    with pytest.raises(UserError) as err:
        validated(Config, data)
    assert "\ncontext.groups: the shares must sum to 1" in str(err.value), str(err.value)
    data = Config().model_dump()
    data["context"]["factions"][1]["fighters"] = -5
    name = data["context"]["factions"][1]["name"]
    with pytest.raises(UserError) as err:
        validated(Config, data)
    assert f"context.factions[{name}].fighters = -5" in str(err.value), str(err.value)
    data = Config().model_dump()
    data["context"]["settlement"]["factions"][1]["loyal_units"] = {"army": 3}
    name = data["context"]["settlement"]["factions"][1]["name"]
    with pytest.raises(UserError) as err:
        validated(Config, data)
    assert f"context.settlement.factions[{name}].loyal_units.army: 3" in str(err.value), str(err.value)
