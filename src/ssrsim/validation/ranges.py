"""The model's parameters and the ranges a global sensitivity study moves them over.

Every coefficient of the model is a parameter ``params.<submodel>.<name>`` with a range
(``docs/parameters.md``). A study moves each numeric ``params.*`` value over that range, not over
a fraction of its current value: a calibrated value near one end of its range is tested against
the whole range. Where the schema's bounds are what the code accepts rather than what is
plausible (``params.spoilers.fighters_per_resource`` may be anything from 1 to a million), the
field declares a narrower *study* range (``F(study=...)``), and the study uses that: screening a
country whose armed groups grow a thousandfold tells nothing about a post-war country, and such
runs take minutes and gigabytes each.

A bound the schema leaves open (none does today; a new parameter may) would make a uniform range
infinite. The open side is then replaced by the value moved twice its magnitude that way (``v +
2|v|`` above, ``v - 2|v|`` below; ``±1`` for a value of 0), the span of the many ranges written as
a third to three times the value: ``≥ 0`` with a value of 5 becomes 0 to 15. ``parameter_table``
says where each range comes from (``range_from``).
"""

from __future__ import annotations

import math

import pandas as pd

from ..config import Config, paths
from ..config.fields import field_info, limits, study_range

#: How far an open bound is placed from the value, in multiples of its magnitude (1 for a value of 0).
OPEN_SPAN = 2.0


def model_parameters(cfg: Config | None = None) -> dict[str, tuple[float, float, float, bool]]:
    """``{path: (value in cfg, lower bound, upper bound, from a study range)}`` for every numeric
    ``params.*`` field (booleans excluded): its study range if it declares one, else its schema
    bounds; a bound the schema leaves open is infinite."""
    cfg = cfg or Config()
    out = {}
    for path, value in paths.flatten(cfg.params.model_dump(), "params").items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            info = field_info(Config, path)
            if study := study_range(info):
                out[path] = (float(value), *study, True)
                continue
            lo, hi = limits(info)
            out[path] = (float(value), float(-math.inf if lo is None else lo), float(math.inf if hi is None else hi),
                         False)
    return out


def closed(value: float, lo: float, hi: float) -> tuple[float, float]:
    """``(lo, hi)`` with an infinite side replaced by ``value ∓ OPEN_SPAN × |value|`` (``∓ 1`` for 0),
    kept on the right side of the other bound."""
    step = OPEN_SPAN * abs(value) if value else 1.0
    if math.isinf(lo):
        lo = value - step if math.isinf(hi) else min(value - step, hi - step)
    if math.isinf(hi):
        hi = max(value + step, lo + step)
    return lo, hi


def parameter_table(cfg: Config | None = None) -> pd.DataFrame:
    """A row per parameter: ``parameter``, ``value``, the range ``low``/``high`` a study moves it
    over, and ``range_from`` (``study``, ``schema`` or ``open bound closed``). A parameter whose range is a
    single value (none today) has nothing to move and is left out."""
    rows = []
    for path, (value, lo, hi, study) in model_parameters(cfg).items():
        low, high = closed(value, lo, hi)
        if low < high:
            source = "study" if study else "schema" if (low, high) == (lo, hi) else "open bound closed"
            rows.append({"parameter": path, "value": value, "low": low, "high": high, "range_from": source})
    return pd.DataFrame(rows, columns=["parameter", "value", "low", "high", "range_from"])
