"""The app's settings are the schema's: every lever with its range and unit; typed values checked by
the rules of the command line, with messages naming the field and what it allows."""

from __future__ import annotations

import pytest

from ssrsim.app import form
from ssrsim.config import Config, paths
from ssrsim.config.errors import UserError
from ssrsim.config.fields import bounds, extra, field_info
from ssrsim.config.levers import Levers


def test_every_lever_of_the_schema_is_offered_once_with_its_range_and_unit():
    settings = form.lever_settings()
    expected = list(paths.flatten(Levers().model_dump(), "levers"))
    assert [s.path for s in settings] == expected
    for s in settings:
        info = field_info(Config, s.path)
        assert s.allowed == bounds(info) and s.unit == extra(info)["unit"], s.path
        assert s.integer == isinstance(paths.get(Levers(), s.path.removeprefix("levers.")), int), s.path
        assert s.doc == info.description and s.doc, s.path


def test_a_lever_reads_as_a_person_would_write_it():
    months = form.setting(Config, "levers.ddr.reintegration_months", "ddr")
    assert (months.label, months.allowed, months.hint) == ("Reintegration months", "1 – 72", "1 – 72 months")
    assert form.setting(Config, "levers.political_will").hint == "0 – 1"  # a 0-1 index needs no unit
    assert form.label("ddr_share") == "DDR share"


def test_levers_are_grouped_by_family_in_the_schemas_order():
    grouped = form.families(form.lever_settings())
    assert list(grouped)[:3] == ["Political will, oversight, mandate and talks", "Donor funding", "DDR"]
    assert [s.path for s in grouped["DDR"]][0] == "levers.ddr.demobilization_per_month"
    assert sum(map(len, grouped.values())) == len(form.lever_settings())


def test_the_run_size_comes_from_the_schema_and_starts_small():
    assert [s.path for s in form.run_settings()] == ["replicates", "months"]
    assert form.run_settings()[1].allowed == bounds(Config.model_fields["months"])
    burundi = form.starting_values(form.scenario_config("burundi"), form.run_settings() + form.lever_settings())
    assert burundi["months"] == str(form.scenario_config("burundi").months) != str(Config().months)
    assert burundi["replicates"] == str(form.FIRST_LOOK_REPLICATES)
    assert burundi["levers.political_will"] == str(form.scenario_config("burundi").levers.political_will)


@pytest.mark.parametrize("typed", ["abc", "0.3,0.5", "${levers.oversight_strength}", "", "nan", "inf"])
def test_text_that_is_not_a_number_is_refused_naming_the_field(typed):
    with pytest.raises(UserError) as refused:
        form.configure("baseline", form.lever_settings(), {"levers.political_will": typed})
    assert str(refused.value) == f"levers.political_will = {typed.strip()!r}: not a number (allowed: 0 – 1)"


def test_every_field_that_is_not_a_number_is_named_at_once():
    with pytest.raises(UserError) as refused:
        form.configure("baseline", form.run_settings() + form.lever_settings(),
                       {"months": "ten", "levers.ddr.cantonment_months": "2 months"})
    assert str(refused.value) == ("months = 'ten': not a number (allowed: 1 – 1200)\n"
                                  "levers.ddr.cantonment_months = '2 months': not a number (allowed: 1 – 12)")


@pytest.mark.parametrize(("path", "typed", "says"), [
    ("levers.political_will", "1.5", "levers.political_will = 1.5: Input should be less than or equal to 1 (allowed: 0 – 1)"),
    ("levers.ddr.reintegration_months", "18.5", "levers.ddr.reintegration_months = 18.5: Input should be a valid "
                                                "integer, got a number with a fractional part (allowed: 1 – 72)"),
    ("months", "0", "months = 0: Input should be greater than or equal to 1 (allowed: 1 – 1200)"),
])
def test_a_number_out_of_range_is_refused_as_the_command_line_refuses_it(path, typed, says):
    with pytest.raises(UserError) as refused:
        form.configure("baseline", form.run_settings() + form.lever_settings(), {path: typed})
    assert says in str(refused.value)


def test_only_what_differs_from_the_scenario_is_overridden():
    settings = form.run_settings() + form.lever_settings()
    start = form.starting_values(form.scenario_config("baseline"), settings)
    cfg, overridden = form.configure("baseline", settings, {**start, "levers.ddr.reintegration_months": " 24 ",
                                                            "levers.oversight_strength": "0.40"})
    assert overridden == [f"replicates={form.FIRST_LOOK_REPLICATES}", "levers.ddr.reintegration_months=24"]
    assert cfg.levers.ddr.reintegration_months == 24 and cfg.replicates == form.FIRST_LOOK_REPLICATES
    assert form.command("baseline", overridden) == ("ssrsim run scenario=baseline replicates=20 "
                                                    "levers.ddr.reintegration_months=24")
