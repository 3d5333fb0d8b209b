"""Dotted paths: the one way to name, read and set a configuration value."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from ssrsim.config import Config, Levers, apply_lever, paths
from ssrsim.config.fields import field, field_info


def test_get_through_models_dicts_and_named_list_entries():
    cfg = Config()
    assert paths.get(cfg, "levers.ddr.reintegration_months") == cfg.levers.ddr.reintegration_months
    assert paths.get(cfg, "context.forces.police.size") == 9000  # a list entry by its service
    assert paths.get(cfg, "context.factions.movement_a.fighters") == 12000  # ... or by its name
    assert paths.get(cfg, "context.factions.0.name") == "government_surplus"  # ... or by position
    data = cfg.model_dump(mode="json")
    assert paths.get(data, "context.forces.police.size") == 9000
    assert paths.get(data, "levers.no_such_lever") is None
    assert paths.get(data, "levers.political_will.deeper", paths.MISSING) is paths.MISSING


def test_assign_creates_levels_in_data_and_validates_on_models():
    assert paths.assign({}, "a.b.c", 1) == {"a": {"b": {"c": 1}}}
    cfg = Config()
    paths.assign(cfg, "context.factions.3.fighters", 50)
    assert cfg.context.factions[3].fighters == 50
    with pytest.raises(ValidationError):
        paths.assign(cfg, "levers.political_will", 1.5)  # ranges are checked on assignment


def test_flatten_and_nest_are_inverse():
    tree = {"levers": {"political_will": 0.3, "ddr": {"reintegration_months": 12}}, "months": 24}
    flat = paths.flatten(tree)
    assert flat == {"levers.political_will": 0.3, "levers.ddr.reintegration_months": 12, "months": 24}
    assert paths.nest(flat) == tree
    assert paths.flatten(tree["levers"], "levers") == {"levers.political_will": 0.3,
                                                       "levers.ddr.reintegration_months": 12}


def test_flatten_names_list_entries_when_asked():
    tree = {"context": {"forces": [{"service": "army", "size": 1}, {"service": "police", "size": 2}]}}
    assert list(paths.flatten(tree)) == ["context.forces"]
    assert list(paths.flatten(tree, named_lists=True)) == ["context.forces.army", "context.forces.police"]


def test_field_walks_the_schema():
    model, name = field(Config, "levers.ddr.reintegration_months")
    assert model.__name__ == "DDR" and name == "reintegration_months"
    assert field_info(Config, "context.factions.fighters").annotation is int  # through a list's item model
    assert field_info(Config, "levers.ddr") is None and field_info(Config, "levers.nope") is None


def test_apply_lever_validates_and_names_the_place():
    levers = apply_lever(Levers(), "levers.ddr.reintegration_months", 24.9)
    assert levers.ddr.reintegration_months == 24  # an integer lever takes int(value)
    with pytest.raises(ValueError, match=r"events\[2\]\.value: levers.political_will = 2 is out of range \(allowed: 0 – 1\)"):
        apply_lever(Levers(), "levers.political_will", 2, where="events[2]")
    with pytest.raises(ValueError, match="is not a lever"):
        apply_lever(Levers(), "levers.ddr", 1)
