"""User files are data: what a scenario or experiment file may set, checked before Hydra reads it.

A scenario or experiment file (shipped, in an exercise case, or on the user's ``hydra.searchpath``)
may set model, run and sweep keys, plus ``hydra.sweeper.params`` and ``hydra.launcher.n_jobs``.
Any other ``hydra.*`` key (``hydra.callbacks`` can write any file the user can), an interpolation
(``${oc.env:...}`` copies the environment into the outputs), a custom resolver or ``overwrite``
(replacing results is the user's call, on the command line) is refused with a message naming the
file and the key. Names that become folder names are checked by the schema
(``Config.name``).

A key is read where Hydra puts it: under the file's package (its ``# @package`` header, or the
``@package`` of the defaults entry that names it, as Hydra computes it), so ``# @package hydra``
cannot smuggle ``callbacks:`` into ``hydra.callbacks``. Every file a checked file's ``defaults:``
list names is checked the same way (a cycle is followed once); an entry choosing one of Hydra's
own configs (``/hydra/...``) is a ``hydra.*`` key. A sweep axis in ``hydra.sweeper.params`` may not
be a ``hydra.*`` key (``hydra.sweep.subdir: ../..`` would put jobs outside the sweep folder); an
axis over a config group (``scenario: a,b``) has each file it names checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import yaml

from .errors import UserError
from .paths import flatten

#: The ``hydra.*`` keys a user file may set (with what is below them).
ALLOWED_HYDRA = ("hydra.sweeper.params", "hydra.launcher.n_jobs")
#: The config groups whose files users write, and the file each group uses by default.
GROUPS = {"scenario": "baseline", "experiment": None}
SWEEP_PARAMS = "hydra.sweeper.params."
MAX_DEPTH = 32  # defaults lists nested deeper than this are refused (a cycle that changes package)


def _under(key: str, prefix: str) -> bool:
    return key == prefix or key.startswith(prefix + ".")


def _header_package(text: str) -> str | None:
    """The ``# @package`` of a file's header (its leading ``# @KEY VALUE`` lines), as Hydra reads it."""
    package = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if not re.match(r"\s*#\s*@", line):
            break
        words = line.strip().lstrip("#").split()
        if words[0] == "@package" and len(words) == 2:
            package = words[1]
    return package


def _place(parent: str, package: str) -> str:
    """``package`` under ``parent``, as Hydra places it: ``_global_`` makes what follows it absolute."""
    joined = ".".join(p for p in (parent, package) if p)
    at = joined.rfind("_global_")
    return joined if at == -1 else joined[at + len("_global_") + 1:]


def _names(value) -> list[str]:
    """The options a group choice names: ``a``, a sweep ``a,b``, ``choice(a,b)``, ``glob(*)``, a list."""
    text = ",".join(map(str, value)) if isinstance(value, list) else str(value or "")
    words = re.split(r"[\s,()\[\]'\"]+", text.removeprefix("choice(").removeprefix("glob("))
    return [w for w in words if w and w not in ("null", "None", "???")]


def _files(group: str, name: str, folders: Sequence[Path]) -> list[Path]:
    """Every file ``group/name.yaml`` (``name`` may be a glob) in ``folders``: all are checked, since
    the one Hydra reads depends on its search order."""
    found = []
    for folder in folders:
        try:
            found += sorted(p for p in folder.glob(f"{group}/{name}.yaml") if p.is_file())
        except (ValueError, OSError):  # a pattern glob refuses: Hydra will not find it either
            pass
    return found


def _search_path(overrides: Sequence[str], config_dir: Path) -> list[Path]:
    folders: list[Path] = []
    for override in overrides:
        key, _, value = override.lstrip("+~").partition("=")
        if key == "hydra.searchpath":
            entries = yaml.safe_load(value) if value.startswith("[") else [value]
            folders += [Path(str(e).removeprefix("file://")) for e in entries or []
                        if not str(e).startswith("pkg://")]
    return [*folders, Path(config_dir)]


def _choices(overrides: Iterable[str], defaults: dict) -> dict[tuple[str, str | None], list[str]]:
    """``(group, @package or None) -> option names`` for the overrides that choose a config group."""
    chosen = {(group, None): _names(name) for group, name in defaults.items()}
    for override in overrides:
        key, _, value = override.lstrip("+~").partition("=")
        group, _, package = key.partition("@")
        if re.fullmatch(r"\w+(/\w+)*", group) and not _under(group.replace("/", "."), "hydra"):
            chosen[(group, package or None)] = _names(value)
    return chosen


def check_user_files(overrides: Sequence[str], config_dir: Path) -> None:
    """Check every file ``overrides`` select, and every file they name (``UserError`` on the first bad one)."""
    folders = _search_path(overrides, config_dir)
    seen: set = set()
    for (group, package), names in _choices(overrides, GROUPS).items():
        for name in names:
            for path in _files(group, name, folders):
                check_user_file(path, group, _place("", group) if package is None else package,
                                package is not None, folders, seen)


def check_user_file(path: Path, group: str = "", package: str = "", from_entry: bool = False,
                    folders: Sequence[Path] = (), seen: set | None = None, depth: int = 0) -> None:
    """Refuse ``path`` if it sets a ``hydra.*`` key outside ``ALLOWED_HYDRA`` or interpolates, then
    check the files its defaults list and sweep axes name.

    ``package`` is where its keys go unless its header says otherwise (``from_entry``: the entry
    that named it set an ``@package``, which wins over the header).
    """
    seen = set() if seen is None else seen
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except UnicodeDecodeError:
        raise UserError(f"{path} is not a text file (it holds binary data)") from None
    except (OSError, yaml.YAMLError):
        return  # unreadable or malformed: Hydra's own message names it
    header = _header_package(text)
    if not from_entry and header is not None:
        package = _place("", f"_global_.{header}")
    if (Path(path).resolve(), package) in seen or not isinstance(data, dict):
        return
    seen.add((Path(path).resolve(), package))
    if depth > MAX_DEPTH:
        raise UserError(f"{path}: defaults: nested more than {MAX_DEPTH} files deep (a cycle?)")
    entries = data.pop("defaults", None)
    for text in _strings(entries):
        if "${" in text:
            raise UserError(f"{path}: defaults: interpolations (${{...}}) are not allowed in a scenario or "
                            "experiment file; name the file itself")
    axes = []
    for key, value in flatten(data, package).items():
        if key == "overwrite" or key == SWEEP_PARAMS + "overwrite":
            raise UserError(f"{path}: {key}: replacing results is allowed only on the command line "
                            "(overwrite=true), not by a scenario or experiment file")
        if _under(key, "hydra") and not any(_under(key, allowed) for allowed in ALLOWED_HYDRA):
            raise UserError(f"{path}: {key}: a scenario or experiment file may set only "
                            f"{', '.join(ALLOWED_HYDRA)} among Hydra's keys")
        if key.startswith(SWEEP_PARAMS):
            axis = key.removeprefix(SWEEP_PARAMS).lstrip("+~")
            if axis.startswith("hydra"):
                raise UserError(f"{path}: {key}: a sweep in a scenario or experiment file may not set "
                                "Hydra's keys (hydra.*); give them on the command line")
            axes.append(f"{axis}={value}")
        for text in _strings(value):
            if "${" in text:
                raise UserError(f"{path}: {key}: interpolations (${{...}}) are not allowed in a scenario or "
                                "experiment file; write the value itself")
    for entry, written, child_group, child_package, names in _defaults(entries, group):
        if _under(written.replace("/", "."), "hydra"):
            raise UserError(f"{path}: defaults: {entry}: a scenario or experiment file may not choose "
                            "Hydra's own configs (hydra/...)")
        for name in names:
            for child in _files(child_group, name, folders):
                check_user_file(child, child_group, _place(package, child_package[0]), child_package[1],
                                folders, seen, depth + 1)
    for (axis_group, axis_package), names in _choices(axes, {}).items():
        for name in names:
            for child in _files(axis_group, name, folders):
                check_user_file(child, axis_group, _place("", axis_group if axis_package is None else axis_package),
                                axis_package is not None, folders, seen, depth + 1)


def _defaults(entries, group: str) -> Iterator[tuple[str, str, str, tuple[str, bool], list[str]]]:
    """For each entry of the defaults list of a file in ``group``: the entry and its group path as
    written, the group its files are in, (its package relative to the file's, whether the entry set it) and its option names."""
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, str):
            path, _, package = entry.strip().partition("@")
            child_group, _, name = path.rpartition("/")
            names = [name] if name != "_self_" else []
        elif isinstance(entry, dict) and len(entry) == 1:
            (key, value), = entry.items()
            child_group, _, package = str(key).split()[-1].partition("@") if str(key).split() else ("", "", "")
            names = _names(value)
        else:
            continue
        written = child_group.lstrip("/")  # the group path as written: its package, relative to the file's
        if not child_group.startswith("/") and group:
            child_group = f"{group}/{written}" if written else group
        own = package or written.replace("/", ".")
        yield str(entry), written, child_group.lstrip("/"), ("" if own == "_here_" else own, bool(package)), names


def _strings(value) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
