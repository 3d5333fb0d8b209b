"""The settings a page offers, read from the configuration schema, and what a user typed, checked.

Every lever of :class:`~ssrsim.config.levers.Levers` becomes a ``Setting`` with the label, unit,
range and description its field declares (``ssrsim.config.fields``), so a lever added to the
schema appears on the page with no page code, and a range changed in the schema is the range the
page states. The run's size (replicates, months) comes from the root ``Config`` the same way.

What a user typed is turned into the Hydra overrides ``ssrsim run`` would take and composed by the
same path (:func:`ssrsim.config.compose.compose`), so a value out of range is refused by the same
rules, with the same message naming the field and what is allowed. Text is parsed here first: a
number, or a message naming the field; nothing else reaches Hydra's override grammar (a comma
would make a sweep, ``${...}`` an interpolation).
"""

from __future__ import annotations

import math
import re
import shlex
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel

from ..config import Config, paths
from ..config.errors import UserError, readable_errors
from ..config.fields import bounds, extra, field_info, is_integer, model_of, number
from ..config.levers import Levers

#: The run's size, set beside the levers (keys of ``Config``); the seed is the scenario's, shown with the results.
RUN_KEYS = ("replicates", "months")
#: The replicates a page proposes: enough for a first look in under a minute on two cores, while a
#: scenario's own ``replicates`` (40 in the baseline) is sized for a report.
FIRST_LOOK_REPLICATES = 20
#: The headings of the lever families (a family the schema adds is titled by its key).
FAMILY_TITLES = {"": "Political will, oversight, mandate and talks", "funding": "Donor funding",
                 "ddr": "DDR", "offer": "Offer to armed groups", "forces": "Security forces",
                 "prevention": "Atrocity prevention"}
#: Words a label writes in capitals.
ACRONYMS = {"ddr": "DDR", "un": "UN", "ssr": "SSR"}

#: Hydra's composition is global state (``GlobalHydra``): pages compose one at a time.
_COMPOSING = threading.Lock()


@dataclass(frozen=True)
class Setting:
    """One value a page lets a user set: where it lives and what the schema says of it."""

    path: str
    label: str
    unit: str
    allowed: str
    integer: bool
    doc: str
    family: str = ""

    @property
    def hint(self) -> str:
        """The range and unit, as shown under the field: ``1 – 72 months``."""
        unit = "" if self.unit in ("", "0-1") else self.unit
        return " ".join(part for part in (self.allowed, unit) if part)

    def parse(self, text: str) -> int | float:
        """The number typed for this setting; ``UserError`` naming the field if it is not one."""
        value = text.strip()
        if self.integer and re.fullmatch(r"[+-]?\d+", value):
            return int(value)  # exactly: a seed has more digits than a float holds
        try:
            parsed = float(value)
        except ValueError:
            parsed = math.nan
        if not math.isfinite(parsed):
            allowed = f" (allowed: {self.allowed})" if self.allowed else ""
            raise UserError(f"{self.path} = {value!r}: not a number{allowed}")
        return int(parsed) if self.integer and parsed.is_integer() else parsed


def label(key: str) -> str:
    """A field's key as a label: ``reintegration_months`` -> ``Reintegration months``."""
    words = [ACRONYMS.get(w, w) for w in key.split("_")]
    text = " ".join(words)
    return text[0].upper() + text[1:]


def setting(root: type[BaseModel], path: str, family: str = "") -> Setting:
    """The ``Setting`` of the field at ``path`` in the schema ``root``."""
    info = field_info(root, path)
    if info is None:
        raise KeyError(f"{path} is not a field of {root.__name__}")
    return Setting(path=path, label=label(paths.parts(path)[-1]), unit=extra(info).get("unit", ""),
                   allowed=bounds(info) or "", integer=is_integer(info), doc=info.description or "",
                   family=family)


def lever_settings(model: type[BaseModel] = Levers, prefix: str = "levers") -> list[Setting]:
    """Every lever, in the schema's order, each with its family (the nested model it sits in)."""
    out = []
    for name, info in model.model_fields.items():
        nested = model_of(info.annotation)
        path = f"{prefix}.{name}"
        if nested is not None:
            out += lever_settings(nested, path)
        else:
            family = prefix.split(".", 1)[1] if "." in prefix else ""
            out.append(setting(Config, path, family))
    return out


def run_settings() -> list[Setting]:
    """The run's size: replicates and months."""
    return [setting(Config, key) for key in RUN_KEYS]


def families(settings: Sequence[Setting]) -> dict[str, list[Setting]]:
    """Settings by family heading, in the order the schema declares them."""
    out: dict[str, list[Setting]] = {}
    for s in settings:
        title = FAMILY_TITLES[s.family] if s.family in FAMILY_TITLES else label(s.family)
        out.setdefault(title, []).append(s)
    return out


@lru_cache(maxsize=32)
def scenario_config(scenario: str) -> Config:
    """A shipped scenario as composed with no override: the values a page starts from."""
    return composed(scenario, ())


def composed(scenario: str, overrides: Sequence[str]) -> Config:
    """``compose(scenario, overrides)``, one page at a time, with readable errors (``UserError``)."""
    from ..config.compose import compose

    with _COMPOSING, readable_errors():
        return compose(scenario, list(overrides))


def starting_values(cfg: Config, settings: Sequence[Setting]) -> dict[str, str]:
    """What each field shows before a user types: the scenario's values (a first-look number of
    replicates, unless the scenario asks for fewer)."""
    values = {s.path: number(paths.get(cfg, s.path)) for s in settings}
    if "replicates" in values:
        values["replicates"] = number(min(cfg.replicates, FIRST_LOOK_REPLICATES))
    return values


def overrides(base: Config, settings: Sequence[Setting], typed: Mapping[str, str]) -> list[str]:
    """The Hydra overrides for what was typed: one per setting whose value differs from ``base``
    (the scenario's), in the settings' order. ``UserError`` names every field that is not a number."""
    out, wrong = [], []
    for s in settings:
        text = typed.get(s.path)
        if text is None:
            continue
        try:
            value = s.parse(text)
        except UserError as e:
            wrong.append(str(e))
            continue
        if value != paths.get(base, s.path):
            out.append(f"{s.path}={number(value)}")
    if wrong:
        raise UserError("\n".join(wrong))
    return out


def configure(scenario: str, settings: Sequence[Setting], typed: Mapping[str, str]) -> tuple[Config, list[str]]:
    """The validated config of a scenario and what was typed, with its overrides; ``UserError``
    with a message naming each wrong field and what it allows."""
    overridden = overrides(scenario_config(scenario), settings, typed)
    return composed(scenario, overridden), overridden


def command(scenario: str, overridden: Sequence[str]) -> str:
    """The ``ssrsim run`` command that makes the same run folder at a terminal."""
    return shlex.join(["ssrsim", "run", f"scenario={scenario}", *overridden])
