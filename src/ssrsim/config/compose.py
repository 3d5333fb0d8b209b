"""Hydra composition: scenario files and overrides in, a validated ``Config`` out.

The schema's defaults (the generic baseline) are registered in Hydra's ConfigStore as
``ssrsim_base``; ``configs/config.yaml`` layers a scenario file on top, then command-line
overrides. Hydra composes, pydantic validates. This is the only module of the configuration
layer that imports Hydra (the model core never imports it).
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

import yaml

from hydra import compose as hydra_compose
from hydra import initialize_config_dir
from hydra.core.config_store import ConfigStore
from hydra.core.global_hydra import GlobalHydra
from omegaconf import DictConfig, OmegaConf

from .errors import validated
from .schema import REMOVED_KEYS, Config, defaults
from .user_files import check_user_files

CONFIG_DIR = Path(str(files("ssrsim.configs")))
ConfigStore.instance().store(name="ssrsim_base", node=defaults())


def to_config(cfg: DictConfig) -> Config:
    """Validate a composed Hydra config (the ``hydra`` node, if present, is ignored)."""
    data = OmegaConf.to_container(cfg, resolve=True)
    data.pop("hydra", None)
    return validated(Config, data, REMOVED_KEYS)


def compose_dictconfig(overrides: Sequence[str] = (), return_hydra_config: bool = False) -> DictConfig:
    """Compose ``configs/config.yaml`` with ``overrides`` (Hydra syntax), unvalidated.

    The scenario and experiment files the overrides select are checked first: user files are
    data (``user_files``).
    """
    check_user_files(overrides, CONFIG_DIR)
    GlobalHydra.instance().clear()
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        return hydra_compose("config", overrides=list(overrides), return_hydra_config=return_hydra_config)


def compose(scenario: str = "baseline", overrides: Sequence[str] = ()) -> Config:
    """A validated config from a scenario name and Hydra-style overrides.

    >>> cfg = compose("baseline", ["levers.political_will=0.3", "replicates=10"])
    """
    return to_config(compose_dictconfig([f"scenario={scenario}", *overrides]))


def scenarios() -> list[str]:
    """Names of the shipped scenario files."""
    return sorted(p.stem for p in (CONFIG_DIR / "scenario").glob("*.yaml"))


def scenario_descriptions() -> dict[str, str]:
    """Each shipped scenario's ``description`` line, by name (read from its file: composing every
    scenario to list them would take seconds)."""
    out = {}
    for name in scenarios():
        data = yaml.safe_load((CONFIG_DIR / "scenario" / f"{name}.yaml").read_text(encoding="utf-8")) or {}
        out[name] = str(data.get("description", ""))
    return out
