"""Dotted paths into a configuration: ``levers.ddr.reintegration_months``, the one way to name a value.

Hydra overrides, ``set_lever`` events, sweep axes, sensitivity ranges, a scenario's ``sources``
and the exercise's menu all name values by dotted path; this module is the only place that walks
one. A path can run through plain data (dicts and lists, e.g. a saved ``config.yaml``) or
validated models, and into a list by an entry's ``name`` or ``service`` (``context.forces.army``).
(``ssrsim.config.fields.field`` walks the schema itself, classes rather than values, by the same paths.)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

#: What ``get`` returns for a path that leads nowhere, unless told otherwise.
MISSING = object()


def parts(path: str | Iterable) -> tuple:
    """``"a.b.c"`` -> ``("a", "b", "c")``; a tuple (e.g. a validation error's location) as it is."""
    return tuple(path.split(".")) if isinstance(path, str) else tuple(path)


def _index(key: Any) -> int | None:
    """A list position given as an int or as digits (``context.factions.3``)."""
    if isinstance(key, int):
        return key
    return int(key) if isinstance(key, str) and key.isdigit() else None


def _child(node: Any, key: Any) -> Any:
    if isinstance(node, dict):
        return node.get(key, MISSING)
    if isinstance(node, BaseModel):
        return getattr(node, key) if key in type(node).model_fields else MISSING
    if isinstance(node, list):
        i = _index(key)
        if i is not None:
            return node[i] if -len(node) <= i < len(node) else MISSING
        for entry in node:  # an entry named by its name (factions, donors ...) or service (forces)
            names = (entry.get("name"), entry.get("service")) if isinstance(entry, dict) else \
                (getattr(entry, "name", None), getattr(entry, "service", None))
            if key in names:
                return entry
    return MISSING


def get(node: Any, path: str | Iterable, default: Any = None) -> Any:
    """The value at ``path`` in ``node`` (plain data or a model), or ``default`` if there is none."""
    for key in parts(path):
        node = _child(node, key)
        if node is MISSING:
            return default
    return node


def assign(data: Any, path: str | Iterable, value: Any) -> Any:
    """Set ``path`` to ``value`` in ``data``, in place; return ``data``.

    Plain dicts get missing levels created; lists are indexed by position; a validated model is
    set attribute by attribute, so its ranges are checked (``validate_assignment``).
    """
    *parents, leaf = parts(path)
    node = data
    for key in parents:
        node = node.setdefault(key, {}) if isinstance(node, dict) else _child(node, key)
        if node is MISSING:
            raise KeyError(f"{'.'.join(map(str, parts(path)))}: no {key!r} here")
    if isinstance(node, BaseModel):
        setattr(node, leaf, value)
    elif isinstance(node, list):
        node[_index(leaf)] = value
    else:
        node[leaf] = value
    return data


def flatten(tree: dict, prefix: str = "", named_lists: bool = False) -> dict[str, Any]:
    """Nested dicts as ``{"prefix.a.b": leaf}``.

    Lists are leaves, unless ``named_lists``: then a list of dicts gives one entry per item,
    keyed by its ``name`` or ``service`` (``context.forces.army``), as a scenario's ``sources`` name them.
    """
    out = {}
    for key, value in tree.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(flatten(value, path, named_lists))
        elif named_lists and isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
            for item in value:
                name = item.get("name", item.get("service"))
                out[f"{path}.{name}" if name is not None else path] = item
        else:
            out[path] = value
    return out


def nest(flat: dict[str, Any]) -> dict:
    """``{"a.b": 1, "a.c": 2}`` -> ``{"a": {"b": 1, "c": 2}}``: the inverse of ``flatten``."""
    out: dict = {}
    for path, value in flat.items():
        assign(out, path, value)
    return out
