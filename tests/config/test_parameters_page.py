"""docs/parameters.md is generated from the schema and must stay in step with it."""

from __future__ import annotations

import types
from typing import Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from ssrsim.config import Config
from ssrsim.config.parameters_page import main, parameters_markdown
from helpers import ROOT

DOC = ROOT / "docs" / "parameters.md"


def _models_in(annotation) -> list[tuple[type[BaseModel], str]]:
    """Models inside an annotation: (model, "") for X / X | None, (model, "[]") for list[X]."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for a in get_args(annotation) if a is not type(None) for m in _models_in(a)]
    if get_origin(annotation) is list:
        return [(m, "[]") for a in get_args(annotation) for m, _ in _models_in(a)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, "")]
    return []


def leaf_fields(model: type[BaseModel] = Config, prefix: str = ""):
    """(dotted key, FieldInfo) for every non-model field, walking nested models and lists."""
    for name, info in model.model_fields.items():
        key = prefix + name
        nested = _models_in(info.annotation)
        if not nested:
            yield key, info
        for sub, suffix in nested:
            yield from leaf_fields(sub, f"{key}{suffix}.")


def _row(text: str, key: str) -> list[str]:
    for line in text.splitlines():
        if line.startswith(f"| `{key}` |"):
            return [c.strip() for c in line.strip().strip("|").split("|")]
    raise AssertionError(f"no row for {key} in docs/parameters.md")


def test_committed_file_is_current():
    assert DOC.is_file(), "docs/parameters.md is missing: run python -m ssrsim.config.parameters_page"
    assert DOC.read_text(encoding="utf-8") == parameters_markdown(), "run python -m ssrsim.config.parameters_page"


def test_every_leaf_field_is_documented():
    text = parameters_markdown()
    keys = [key for key, _ in leaf_fields()]
    assert len(keys) > 50
    missing = [k for k in keys if f"| `{k}` |" not in text]
    assert not missing, f"undocumented fields: {missing}"
    assert "| `context.factions[].fighters` |" in text


def test_every_param_has_provenance():
    text = parameters_markdown()
    params = [(k, info) for k, info in leaf_fields() if k.startswith("params.")]
    assert params
    for key, info in params:
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        assert extra.get("source"), f"{key}: no source (use source=None for an assumption)"
        source = _row(text, key)[4]
        if extra["source"] == "assumption":
            assert source == "**assumed**", key
        else:
            assert source not in ("", "—", "**assumed**"), key


def test_check_mode(tmp_path, capsys):
    out = tmp_path / "parameters.md"
    assert main(["--check", str(out)]) == 1
    assert "run python -m ssrsim.config.parameters_page" in capsys.readouterr().err
    assert main([str(out)]) == 0
    assert main(["--check", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert main(["--check", str(out)]) == 1


@pytest.mark.parametrize("key, cells", [
    ("levers.political_will", ["0 – 1", "0.55", "0-1"]),
    ("context.forces[].service", ["`army`, `police`, `gendarmerie`", "required"]),
    ("overwrite", ["true/false", "false"]),
    ("context.factions", ["list of Faction", "4 factions (see scenario files)"]),
])
def test_cells(key, cells):
    assert _row(parameters_markdown(), key)[1:1 + len(cells)] == cells
