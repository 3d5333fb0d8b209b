"""Generate ``docs/parameters.md`` from the configuration schema (:mod:`ssrsim.config`).

``python -m ssrsim.config.parameters_page`` (re)writes the page; add ``--check`` to exit with status 1
when the committed page differs from what the schema produces. An optional path argument writes
or checks another file instead of ``<repository>/docs/parameters.md``.

The page has one table per top-level section of :class:`~ssrsim.config.Config`. Nested models
are walked recursively and listed by dotted key; a list of models (``context.factions``,
``events``, ...) gets one row summarising its default and one row per field of its item model,
keyed ``context.factions[].fighters``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .generated_page import write_or_check
from .fields import bounds, extra, list_item_model, model_of, number, strip_optional, study_range
from .schema import Config

TITLE = "# Configuration parameters"
DOC_RELPATH = Path("docs") / "parameters.md"
DASH = "—"

SECTION_TITLES = {
    "": "Top level",
    "calendar": "`calendar`",
    "thresholds": "`thresholds`",
    "levers": "`levers`",
    "context": "`context`",
    "params": "`params`",
    "events": "`events`",
}

HEADER = ("| key | range | default | unit | source | description |\n"
          "|---|---|---|---|---|---|")


# --------------------------------------------------------------------------- formatting
def _cell(text: str) -> str:
    text = " ".join(str(text).split())
    return text.replace("|", "\\|") if text else DASH


def _range(info: FieldInfo) -> str:
    inner, optional = strip_optional(info.annotation)
    if get_origin(inner) is Literal:
        text = ", ".join(f"`{a}`" for a in get_args(inner))
    elif inner is bool:
        text = "true/false"
    elif limits := bounds(info):
        study = study_range(info)
        text = limits if study is None else f"{limits} (study: {number(study[0])} – {number(study[1])})"
    elif inner is str:
        text = "text"
    elif get_origin(inner) is list:
        (item,) = get_args(inner) or (Any,)
        text = f"list of {getattr(item, '__name__', str(item))}"
    else:
        text = {"int": "any integer", "float": "any number"}.get(
            getattr(inner, "__name__", ""), getattr(inner, "__name__", str(inner)))
    return f"{text} or null" if optional else text


def _default_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool | int | float):
        return number(value)
    if isinstance(value, str):
        return f"`{value}`" if value else '`""`'
    if isinstance(value, list):
        return "`[" + ", ".join(number(v) for v in value) + "]`"
    return f"`{value!r}`"


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "required"
    if info.default_factory is not None:
        return _default_value(info.default_factory())
    return _default_value(info.default)


def _list_default(name: str, info: FieldInfo) -> str:
    value = [] if info.is_required() else (
        info.default_factory() if info.default_factory is not None else info.default)
    n = len(value or [])
    if n == 0:
        return f"no {name} (see scenario files)"
    noun = name if n != 1 or not name.endswith("s") else name[:-1]
    return f"{n} {noun} (see scenario files)"


def _source(info: FieldInfo) -> str:
    src = extra(info).get("source")
    if not src:
        return DASH
    return "**assumed**" if src == "assumption" else _cell(str(src))


def _row(key: str, rng: str, default: str, unit: str, source: str, doc: str) -> str:
    return (f"| `{key}` | {_cell(rng)} | {_cell(default)} | {_cell(unit)} | {source} "
            f"| {_cell(doc)} |")


# --------------------------------------------------------------------------- walking
def _field_rows(key: str, name: str, info: FieldInfo) -> list[str]:
    """Rows for one field: its leaves if it is a model, else the field itself."""
    sub = model_of(info.annotation)
    if sub is not None:
        return _rows(sub, key + ".")
    item = list_item_model(info.annotation)
    if item is not None:
        head = _row(key, f"list of {item.__name__}", _list_default(name, info), "",
                    _source(info), info.description or "")
        return [head, *_rows(item, key + "[].")]
    return [_row(key, _range(info), _default(info), str(extra(info).get("unit") or ""),
                 _source(info), info.description or "")]


def _rows(model: type[BaseModel], prefix: str) -> list[str]:
    rows: list[str] = []
    for name, info in model.model_fields.items():
        rows.extend(_field_rows(f"{prefix}{name}", name, info))
    return rows


def _sections() -> list[tuple[str, list[str]]]:
    """(section key, rows) in schema order; "" holds the top-level scalars."""
    top: list[str] = []
    sections: list[tuple[str, list[str]]] = [("", top)]
    for name, info in Config.model_fields.items():
        rows = _field_rows(name, name, info)
        if model_of(info.annotation) is None and list_item_model(info.annotation) is None:
            top.extend(rows)
        else:
            sections.append((name, rows))
    return sections


def parameters_markdown() -> str:
    """The Markdown text of ``docs/parameters.md``."""
    out = [
        TITLE,
        "",
        "This page is generated by `python -m ssrsim.config.parameters_page` from the schema in `src/ssrsim/config/` and must not "
        "be edited by hand: change the schema and regenerate it (`python -m ssrsim.config.parameters_page --check` "
        "fails when it is out of date). Each key is a dotted path into the configuration "
        "(`context.factions[].fighters` is a field of every item of the list `context.factions`). "
        "Range is the validated interval; values outside it, and unknown keys, are errors. Where that "
        "interval is what the code accepts rather than what is plausible, *study* gives the plausible range "
        "the validation's global sensitivity study (`ssrsim sensitivity --study validation`) moves the value "
        "over instead: a factor of four either side of the calibrated value, or ±3 on a logit intercept "
        "(assumed). "
        "Source **assumed** marks a default chosen by the modellers; other sources cite a source "
        "document (`NNN:line`: document and place, listed in [sources.md](sources.md)) or a published "
        "work (author and year, also in sources.md); — means the schema records no provenance "
        "(structural or scenario inputs).",
    ]
    for key, rows in _sections():
        out += ["", f"## {SECTION_TITLES.get(key, f'`{key}`')}", "", HEADER, *rows]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- command line
def main(argv: list[str] | None = None) -> int:
    return write_or_check(str(DOC_RELPATH), parameters_markdown(), "python -m ssrsim.config.parameters_page", argv)


if __name__ == "__main__":
    sys.exit(main())
