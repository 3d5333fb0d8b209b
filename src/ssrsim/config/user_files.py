"""User files are data: what a scenario or experiment file may set, checked before Hydra reads it.

A scenario or experiment file (shipped, in an exercise case, or on the user's ``hydra.searchpath``)
may set model, run and sweep keys, plus ``hydra.sweeper.params`` and ``hydra.launcher.n_jobs``.
Any other ``hydra.*`` key (``hydra.callbacks`` can write any file the user can), an interpolation
(``${oc.env:...}`` copies the environment into the outputs) or a custom resolver is refused with
a message naming the file and the key. Names that become folder names are checked by the schema
(``Config.name``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from .errors import UserError
from .paths import flatten

#: The ``hydra.*`` keys a user file may set (as prefixes of dotted keys).
ALLOWED_HYDRA = ("hydra.sweeper.params", "hydra.launcher.n_jobs")
#: The config groups whose files users write, and the file each group uses by default.
GROUPS = {"scenario": "baseline", "experiment": None}


def check_user_file(path: Path) -> None:
    """Refuse ``path`` if it sets a ``hydra.*`` key outside ``ALLOWED_HYDRA`` or interpolates."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"{path} is not a text file (it holds binary data)") from None
    except (OSError, yaml.YAMLError):
        return  # unreadable or malformed: Hydra's own message names it
    if not isinstance(data, dict):
        return
    for key, value in flatten(data).items():
        if key.startswith("hydra.") and not key.startswith(ALLOWED_HYDRA):
            raise UserError(f"{path}: {key}: a scenario or experiment file may set only "
                            f"{', '.join(ALLOWED_HYDRA)} among Hydra's keys")
        for text in _strings(value):
            if "${" in text:
                raise UserError(f"{path}: {key}: interpolations (${{...}}) are not allowed in a scenario or "
                                "experiment file; write the value itself")


def _strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def files_to_load(overrides: Sequence[str], config_dir: Path) -> list[Path]:
    """The scenario and experiment files that ``overrides`` select, where Hydra would find them:
    the user's ``hydra.searchpath`` folders first (as Hydra searches them), then the shipped configs."""
    chosen = dict(GROUPS)
    folders: list[Path] = []
    for override in overrides:
        key, _, value = override.lstrip("+~").partition("=")
        if key in chosen:
            chosen[key] = value or None
        elif key == "hydra.searchpath":
            entries = yaml.safe_load(value) if value.startswith("[") else [value]
            folders += [Path(str(e).removeprefix("file://")) for e in entries or []
                        if not str(e).startswith("pkg://")]
    found = []
    for group, name in chosen.items():
        if not name or name in ("null", "None"):
            continue
        for folder in (*folders, config_dir):
            candidate = folder / group / f"{name}.yaml"
            if candidate.is_file():
                found.append(candidate)
                break
    return found


def check_user_files(overrides: Sequence[str], config_dir: Path) -> None:
    """Check every scenario and experiment file ``overrides`` select (``UserError`` on the first bad one)."""
    for path in files_to_load(overrides, config_dir):
        check_user_file(path)
