"""The levers' knock-out switches (docs/model.md §2.13): with every named channel of a lever held
at a fixed value, two runs that differ only in the lever run the same months; with the channels
free they do not. A term that came to read the lever (or, for will, the government's will) outside
its named channels would make the held runs differ: the validation's knock-outs at full size ask the
same of emergent outcomes (docs/validation.md §2)."""

from __future__ import annotations

import pandas as pd
import pytest

from ssrsim.config.paths import assign
from ssrsim.config import Config
from helpers import run, small_config

WILL = ("reform_pace", "absorption", "ddr_intake", "budget", "ownership", "civilian_control")
#: lever: (its path, two values, the switches that hold its channels, the value they hold)
LEVERS = {
    "will": ("levers.political_will", (0.2, 0.8), [f"params.government.will_fixed_{c}" for c in WILL], 0.55),
    "oversight": ("levers.oversight_strength", (0.2, 0.75),
                  ["params.oversight.strength_fixed_capacity", "params.oversight.strength_fixed_independence"], 0.4),
    "predictability": ("levers.funding.predictability", (0.0, 1.0), ["params.donors.predictability_fixed_renewal"], 0.8),
    "envelope": ("levers.funding.annual_envelope", (5.0, 40.0), ["params.donors.envelope_fixed_commitment"], 20.0),
    "pace": ("levers.ddr.demobilization_per_month", (15, 240), ["params.ddr.pace_fixed_intake"], 60),
}
#: Outputs that record the lever's own state rather than what it does: will's course (§2.1).
RECORDS_THE_LEVER = {"political_will"}


def _tables(lever: str, value, held: bool) -> dict[str, pd.DataFrame]:
    path, _, switches, fixed = LEVERS[lever]
    data = small_config(months=48).model_dump()
    assign(data, path, value)
    for switch in switches if held else ():
        assign(data, switch, fixed)
    tables = run(Config.model_validate(data)).tables()
    return {name: t.drop(columns=[c for c in RECORDS_THE_LEVER if c in t.columns]) for name, t in tables.items()}


def _same(a: dict, b: dict) -> bool:
    return all(a[name].shape == b[name].shape and a[name].equals(b[name]) for name in a)


@pytest.mark.parametrize("lever", LEVERS)
def test_a_lever_with_its_channels_held_changes_nothing(lever):
    low, high = LEVERS[lever][1]
    assert not _same(_tables(lever, low, held=False), _tables(lever, high, held=False)), "the lever moves nothing"
    assert _same(_tables(lever, low, held=True), _tables(lever, high, held=True)), \
        f"{lever} acts through a term that is not one of its named channels"


def test_a_switch_at_its_default_holds_nothing():
    cfg = Config()
    assert all(getattr(getattr(cfg.params, p.split(".")[1]), p.split(".")[2]) is None
               for _, _, switches, _ in LEVERS.values() for p in switches)
