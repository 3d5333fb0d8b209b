"""Packaging: every Python package is listed in pyproject.toml; configuration files ship by pattern."""

from __future__ import annotations

import tomllib

from helpers import ROOT


def test_every_package_under_src_is_listed():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT / "src").parts) for p in (ROOT / "src").rglob("__init__.py")}
    assert found - listed == set(), f"packages missing from pyproject.toml: {sorted(found - listed)}"


def test_config_files_ship_by_pattern_not_by_name():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert setuptools["package-data"]["ssrsim.configs"] == ["*.yaml", "**/*.yaml"]
    assert not any(p.name == "__init__.py" for p in (ROOT / "configs").rglob("*") if p.parent != ROOT / "configs")
