"""Fields of the schema: how one is declared (``F``, ``Strict``) and how one is read back.

Declaring: every number has a range, a unit and a provenance (a source, or ``assumption``).
Reading: what both the generated parameter page and the command line's error messages need to
know about a field, namely what values it allows, and readable messages for validation errors.
Nothing here depends on a particular schema; callers pass the root model.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types as at
from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

from . import paths


def F(default: Any, ge: float | None = None, le: float | None = None, *, study: tuple[float, float] | None = None,
      unit: str = "", source: str | None = None, doc: str = "") -> Any:
    """A field with its range, unit and provenance (``source=None`` marks an assumption).

    ``study`` is the plausible range a global sensitivity study moves the value over, given where
    the schema's range (``ge``, ``le``) is what the code accepts rather than what is plausible: a
    group of 10,000 fighters as the least that can attack is a valid input, not a post-war country
    to screen. It lies within the schema's range and holds the default (``study_range``)."""
    extra = {"unit": unit, "source": source or "assumption"}
    if study is not None:
        extra["study"] = list(study)
    return Field(default, ge=ge, le=le, description=doc, json_schema_extra=extra)


#: The source of a knock-out switch (``held``): a switch of the model, not a value of the world.
KNOCK_OUT = "a knock-out switch (docs/validation.md §2), not a value of the world"


def held(what: str, reads: str, removed: str) -> str:
    """The description of a knock-out switch: a field (``params.<submodel>.<lever>_fixed_<channel>``,
    default ``None``) that, given a value, holds one of a lever's channels at it whatever the lever
    does (docs/validation.md §2); ``what`` says what the channel is, ``reads`` what it reads when
    not held and ``removed`` what removing the channel's term would make of it instead."""
    return (f"{what}. None, the default, reads {reads}; a value holds the channel at that value whatever the "
            f"lever does (a knock-out: docs/validation.md §2 holds it at the baseline lever's value). Held rather "
            f"than removed, so that switched off the channel acts as at a fixed value, not as {removed}")


def study_range(info: FieldInfo) -> tuple[float, float] | None:
    """A field's plausible range for a sensitivity study, if it declares one narrower than its schema range."""
    value = extra(info).get("study")
    return (float(value[0]), float(value[1])) if value else None


class Strict(BaseModel):
    """Base: unknown keys are errors, assignment is validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Labelled(Strict):
    """An actor with a code name (what configs and events refer to) and a name in words (``label``)."""

    @property
    def called(self) -> str:
        """Its name in words: the label, or the code name when it has none."""
        return self.label or self.name


def strip_optional(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` -> (X, True); anything else -> (annotation, False)."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) < len(get_args(annotation)):
            return (args[0] if len(args) == 1 else Union[tuple(args)]), True
    return annotation, False


def model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model a field holds, if it holds one."""
    inner, _ = strip_optional(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def list_item_model(annotation: Any) -> type[BaseModel] | None:
    """The item model of a ``list[Model]`` field, if it is one."""
    inner, _ = strip_optional(annotation)
    if get_origin(inner) is list:
        (item,) = get_args(inner) or (Any,)
        return model_of(item)
    return None


def extra(info: FieldInfo) -> dict:
    """A field's unit and source (``json_schema_extra``), empty if it declares none."""
    value = info.json_schema_extra
    return value if isinstance(value, dict) else {}


def is_integer(info: FieldInfo) -> bool:
    """Whether a field holds an integer (a value given to it is rounded, not truncated)."""
    return strip_optional(info.annotation)[0] is int


def number(x: Any) -> str:
    """A bound or default as written by a person: 0 not 0.0, no exponent."""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, float):
        if x.is_integer() and abs(x) < 1e15:
            return str(int(x))
        text = repr(x)
        return f"{x:.15f}".rstrip("0").rstrip(".") if "e" in text else text
    return str(x)


def limits(info: FieldInfo) -> tuple[float | None, float | None]:
    """A field's closed bounds (``ge``, ``le``), None where it has none."""
    lo = next((m.ge for m in info.metadata if isinstance(m, at.Ge)), None)
    hi = next((m.le for m in info.metadata if isinstance(m, at.Le)), None)
    return lo, hi


def bounds(info: FieldInfo) -> str | None:
    """What a field allows when the schema restricts it (``0 – 1``, ``≥ 0``, literals), else None."""
    inner, _ = strip_optional(info.annotation)
    if get_origin(inner) is Literal:
        return ", ".join(map(str, get_args(inner)))
    lo = hi = None
    lo_strict = hi_strict = False
    for m in info.metadata:
        if isinstance(m, at.Ge):
            lo = m.ge
        elif isinstance(m, at.Gt):
            lo, lo_strict = m.gt, True
        elif isinstance(m, at.Le):
            hi = m.le
        elif isinstance(m, at.Lt):
            hi, hi_strict = m.lt, True
    if lo is not None and hi is not None and not (lo_strict or hi_strict):
        return f"{number(lo)} – {number(hi)}"
    parts = []
    if lo is not None:
        parts.append(f"{'>' if lo_strict else '≥'} {number(lo)}")
    if hi is not None:
        parts.append(f"{'<' if hi_strict else '≤'} {number(hi)}")
    return ", ".join(parts) or None


def field(root: type[BaseModel], path: str | Iterable) -> tuple[type[BaseModel] | None, str | None]:
    """The schema model and field name that ``path`` points to in the schema ``root``.

    Items of lists of models are skipped (a validation error's ``("context", "factions", 0, ...)``).
    Returns ``(model, None)`` when the path ends on a nested model, and ``(model, key)`` when the
    key is not a field of ``model`` (an unknown key).
    """
    model: type[BaseModel] | None = root
    name = None
    for part in paths.parts(path):
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return model, str(part)
        annotation = model.model_fields[part].annotation
        nested = model_of(annotation) or list_item_model(annotation)
        if nested is None:
            return model, part
        model, name = nested, None
    return model, name


def field_info(root: type[BaseModel], path: str | Iterable):
    """The pydantic ``FieldInfo`` of the leaf at ``path``, or None if the path is not a field."""
    model, name = field(root, path)
    if model is None or name is None or name not in model.model_fields:
        return None
    return model.model_fields[name]


def allowed(root: type[BaseModel], loc: tuple) -> str:
    """``allowed: 0 – 1`` for a bounded field, the allowed keys for a model, else ``""``."""
    model, name = field(root, loc)
    if model is None:
        return ""
    if name is None or name not in model.model_fields:
        return "allowed keys: " + ", ".join(model.model_fields)
    text = bounds(model.model_fields[name])
    return f"allowed: {text}" if text else ""


def explain(error, root: type[BaseModel], removed: dict[str, str] | None = None, data: Any = None) -> str:
    """A short, readable message for a pydantic ``ValidationError`` on ``root``.

    ``removed`` maps keys that an earlier version had to what replaces them: setting one is told so.
    ``data``, the input that was validated, lets items of lists be named as the user wrote them
    (``context.factions[cndd_fdd]``) rather than by position, as the checks across fields do.
    A check's message that starts with a path (``groups: the shares must sum to 1``) is read
    relative to the model that raised it: one path, not the model's and then the check's.
    """
    lines = []
    for err in error.errors():
        loc = tuple(err["loc"])
        key = located(loc, data)
        if err["type"] == "extra_forbidden" and removed and key in removed:
            lines.append(f"{key}: removed in model version 2; {removed[key]}")
            continue
        if err["type"] == "extra_forbidden":
            lines.append(f"{key}: unknown key ({allowed(root, loc[:-1] + ('?',))})")
            continue
        value = err.get("input")
        shown = "" if isinstance(value, (dict, list)) else f" = {value!r}"
        msg = err["msg"].removeprefix("Value error, ")
        hint = allowed(root, loc) if loc else ""
        if key and msg.startswith((f"{key}.", f"{key}[", f"{key}:")):  # the check names the whole path
            text = msg
        elif key and _PATH_FIRST.match(msg):  # a path within the model that raised it
            text = f"{key}{'' if msg.startswith('[') else '.'}{msg}"
        else:
            text = f"{key}{shown}: {msg}" if key else msg
        lines.append(text + (f" ({hint})" if hint.startswith("allowed:") else ""))
    return "\n".join(lines)


#: A message that opens with a path and a colon: ``groups: ...``, ``factions[].loyal_units.army: ...``.
_PATH_FIRST = re.compile(r"^(?:[A-Za-z_]\w*|\[[^\]]*\])(?:\[[^\]]*\]|\.[A-Za-z_]\w*)*: ")


def located(loc: tuple, data: Any = None) -> str:
    """``loc`` as a dotted path, a list item by the name it has in ``data`` (its ``name``, or a
    force's ``service``) when ``data`` is given, else by its position."""
    text, node = "", data
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            name = (item.get("name") or item.get("service")) if isinstance(item, dict) else None
            text += f"[{name}]" if isinstance(name, str) else f"[{part}]"
            node = item
        else:
            text += f"{'.' if text else ''}{part}"
            node = node.get(part) if isinstance(node, dict) else None
    return text
