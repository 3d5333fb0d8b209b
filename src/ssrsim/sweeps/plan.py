"""Sweeps: a Hydra multirun planned, checked and made resumable before any job starts.

``ssrsim run -m AXIS=V1,V2 ...`` is expanded here exactly as Hydra's basic sweeper will expand it
(the experiment's ``hydra.sweeper.params`` first, then the command line), so that

* every point is composed and validated first: one bad value on one point stops the sweep with
  a message naming the point and the field, and nothing is written;
* the default folder ``multirun/<name>/<slug>-<hash>`` is a function of the jobs themselves,
  never of the clock: the same command lands in the same folder, and job ``i`` is always the
  same point, in subfolder ``i``;
* a job whose folder holds a completion marker (``job.json``, written last, after the tables)
  for the same configuration is skipped, so a killed sweep started again runs only the missing
  jobs and ends with the numbers an uninterrupted sweep gives.
* a folder holding files that are not ssrsim's is refused unless ``overwrite=true``, and even
  then they are never replaced (``check_sweep_folder``); a sweep's own folder is resumed.

Run settings that do not change the numbers (``workers``, ``overwrite``, ``hydra.*`` such as
``hydra.launcher.n_jobs``) are left out of the folder's hash and of each job's fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..config.errors import UserError, readable_errors
from ..run.files import changed, checksum, present, write_text
from ..run.provenance import RUN_SETTINGS, fingerprint
from ..run.results import SAVED_FILES, TABLE_FILES, FolderHasResults, refuse_theirs

PLAN_FILE = "sweep.json"  # in the sweep folder: the jobs, written before they start
DONE_FILE = "job.json"  # in a job folder: written last, marks the job complete
BLOCK_TABLE = "block.parquet"  # in a study's job folder: its block of runs (:mod:`ssrsim.sweeps.study`)
#: The files of a job whose checksums its completion record holds.
JOB_FILES = (*(f"{t}.parquet" for t in TABLE_FILES), "config.yaml")
#: Everything a job writes in its folder ``<sweep>/<i>`` (glob patterns): a run, then its marker.
JOB_OUTPUTS = tuple(f"[0-9]*/{name}" for name in (*SAVED_FILES, BLOCK_TABLE, DONE_FILE))
SWEEP_TABLE = "sweep.parquet"  # collected: one row per job
CONFIDENCE_TABLE = "sweep_confidence.parquet"  # collected: job x month x variable
#: What ``ssrsim collect`` writes into a sweep folder.
COLLECTED = (SWEEP_TABLE, "sweep.csv", CONFIDENCE_TABLE, "manifest.json")
#: What ``ssrsim plot`` draws there (which figures depends on the sweep's axes).
SWEEP_FIGURES = ("sweep_*.png",)
#: What a sensitivity study adds (:mod:`ssrsim.sweeps.study`, :mod:`ssrsim.sweeps.sensitivity`): its
#: design and blocks, their tables, and its indices.
STUDY_FILES = ("design/block_*.yaml", "design.parquet", "study.json", "study.parquet", "study_rows.parquet",
               "sensitivity.parquet", "sensitivity.csv", "sensitivity_*.png")
#: Everything a sweep writes in its folder (glob patterns), including what Hydra (``multirun.yaml``)
#: and the submitit launcher (``.submitit/``) write there for it.
SWEEP_FILES = (PLAN_FILE, "multirun.yaml", ".submitit/*", *COLLECTED, *SWEEP_FIGURES, *STUDY_FILES, *JOB_OUTPUTS)
LAUNCHER_EXTRAS = {"submitit": "slurm", "ray": "ray"}  # Hydra launcher plugins -> ssrsim's extras


@dataclass
class Plan:
    """A sweep expanded and validated: job ``i`` runs ``jobs[i]`` into ``folder / str(i)``."""

    folder: Path
    jobs: list[list[str]]
    configs: list[Config] = field(repr=False)
    swept: list[str]  # override keys whose value differs between jobs
    launcher: str = ""  # the launcher's class (its Hydra ``_target_``)

    def job_folder(self, job: int) -> Path:
        return self.folder / str(job)

    def complete(self) -> list[int]:
        """Jobs that will be skipped: their folder holds complete results of the same configuration.

        With ``overwrite=true`` none is: every job runs again, whatever its folder holds.
        """
        return [i for i, cfg in enumerate(self.configs)
                if not cfg.overwrite and is_complete(self.job_folder(i), cfg)]

    def write(self, command: list[str]) -> None:
        """Record the plan in the sweep folder (collect reads the swept keys and job list)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        from_experiment = any(key_of(o) == "experiment" for o in self.jobs[0])
        question = self.configs[0].description if from_experiment else ""  # else a scenario's blurb
        write_text(self.folder / PLAN_FILE, json.dumps(
            {"command": command, "description": question, "swept": self.swept, "jobs": self.jobs},
            indent=2))


def check_sweep_folder(folder: Path, overwrite: bool) -> None:
    """Refuse, before any job runs, a sweep folder where a user's files are at risk (``refuse_theirs``).

    A folder holding a plan (``sweep.json``) that ssrsim wrote is a sweep's: it is resumed,
    whatever else is there, and only ssrsim's own files are replaced (``overwrite`` would run every
    job again). A job's file that changed since the job wrote it is damage, not a user's edit: the
    job's completion record finds it and the job runs again.
    """
    plan_file = Path(folder) / PLAN_FILE
    resumed = plan_file.is_file() and not changed(plan_file)
    how = "pass overwrite=true (every job then runs again)"
    refuse_theirs(folder, SWEEP_FILES, overwrite or resumed, how=how, repaired=JOB_OUTPUTS)
    # Without a plan, the tables and manifest of a collected sweep or of a run (whoever wrote them)
    # belong to something else: a new sweep would replace them, and with them its seeds.
    found = [] if resumed or overwrite else present(folder, (*COLLECTED, *SAVED_FILES))
    if found:
        raise FolderHasResults(f"{folder} already holds results that are not this sweep's ({', '.join(found[:4])}); "
                               f"choose another folder or {how}")


def key_of(override: str) -> str:
    """``levers.x=0.3`` -> ``levers.x``; ``+experiment=a`` -> ``experiment``."""
    return override.split("=", 1)[0].lstrip("+~")


def swept_keys(jobs: list[list[str]]) -> list[str]:
    """The keys whose override differs between jobs, in the order they first appear."""
    keys = dict.fromkeys(key_of(o) for job in jobs for o in job)
    return [k for k in keys if len({o for job in jobs for o in job if key_of(o) == k}) > 1]


def _numbers_matter(override: str) -> bool:
    return key_of(override) not in RUN_SETTINGS


def checksums(folder: Path, names=JOB_FILES) -> dict[str, str]:
    """The checksum of each of a finished job's files (for its completion record)."""
    return {name: checksum(folder / name) for name in names}


def damaged(folder: Path, record: dict) -> list[str]:
    """The job files that are missing or differ from the completion record's checksums (a record
    written before checksums were kept checks nothing)."""
    return [name for name, expected in record.get("checksums", {}).items()
            if not (folder / name).is_file() or checksum(folder / name) != expected]


def read_record(marker: Path) -> dict | None:
    """A job's completion record, or None if it is missing or unreadable (the job is then redone)."""
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return record if isinstance(record, dict) else None


def is_complete(folder: Path, cfg: Config) -> bool:
    """True if ``folder`` holds a finished, undamaged job of ``cfg``; raise if it holds another config's."""
    done = read_record(folder / DONE_FILE)
    if done is None or damaged(folder, done):
        return False
    if done.get("fingerprint") != fingerprint(cfg):
        raise FolderHasResults(f"{folder} holds the results of a different configuration "
                               f"({', '.join(done.get('overrides', [])) or 'no overrides'}); "
                               "choose another folder (hydra.sweep.dir=...) or pass overwrite=true")
    return True


def _slug(args: list[str], jobs: list[list[str]]) -> str:
    """A readable, stable folder name: the sweep's own overrides plus a hash of its jobs."""
    kept = [[o for o in job if _numbers_matter(o)] for job in jobs]
    digest = hashlib.sha256(json.dumps(kept).encode()).hexdigest()[:8]
    words = [a.lstrip("+") for a in args if not a.startswith("hydra") and _numbers_matter(a)]
    text = "_".join(f"{key_of(w).split('.')[-1]}-{w.partition('=')[2]}" for w in words)
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_")[:48]
    return f"{readable}-{digest}" if readable else digest


def _sweep_values(override) -> list[str]:
    from hydra.core.override_parser.types import ValueType

    if override.value_type in (ValueType.RANGE_SWEEP, ValueType.CHOICE_SWEEP,
                               ValueType.SIMPLE_CHOICE_SWEEP, ValueType.GLOB_CHOICE_SWEEP):
        return list(override.sweep_string_iterator())
    return [override.get_value_element_as_str()]


def with_install_hint(message: str) -> str:
    """Name the ssrsim extra that brings a launcher Hydra could not find."""
    for plugin, extra in LAUNCHER_EXTRAS.items():
        if f"hydra/launcher/{plugin}" in message:
            return f"{message}\n(this launcher comes with: pip install 'ssrsim[{extra}]')"
    return message


class _Points:
    """The validated configuration of each point of a sweep.

    Hydra composes a point in full in about 0.2 s (it rebuilds the defaults tree every time), so
    a 1,000-point sweep took minutes to plan. Points that make the same structural choices (the
    config group options, such as ``scenario=a``, that are not merged below) share one full
    composition: the first such point's. Every later point is that composition with the point's
    own plain values (no dict or list, nothing added or deleted) and mergeable options (a config
    group's option holding plain values at the global package: a sensitivity study's
    ``+design=point_NNNN``) set by Hydra's own rule (``_apply_overrides_to_config``, after the
    options, as Hydra applies them), in a few milliseconds. For each choice, the last point making
    it is also composed in full first: if the two differ, that choice's points are all composed in
    full, as before.
    """

    def __init__(self, loader, master, jobs: list[list[str]]):
        from hydra.core.override_parser.overrides_parser import OverridesParser
        from omegaconf import OmegaConf

        self.loader, self.master, self.jobs = loader, master, jobs
        parser = OverridesParser.create(config_loader=loader)
        parsed = {line: parser.parse_overrides([line])[0] for line in {o for job in jobs for o in job}}
        self.swept = set(swept_keys(jobs))
        # Hydra's repository with the sweep's search path (where a study's design files are).
        _, self.repository = loader._parse_overrides_and_create_caching_repo(
            master.hydra.job.config_name, [*OmegaConf.to_container(master.hydra.overrides.hydra), *jobs[0]])
        self.options: dict[str, object] = {}
        own = [[parsed[o] for o in job if key_of(o) in self.swept] for job in jobs]
        # Each point's structural choices (composed in full once per choice), and its overrides
        # set on that composition.
        self.choice = [tuple(o.input_line for o in job if not self._settable(o)) for job in own]
        self.own = [[o for o in job if self._settable(o)] for job in own]
        # The values set at every point: set again after a point's option is merged, as Hydra
        # sets values after it merges options.
        self.values = [parsed[o] for o in jobs[0] if key_of(o) not in self.swept and not self._group(parsed[o])]
        self.working: dict[tuple, object] = {}  # per choice, the composition each later point is set on
        self.last = {choice: i for i, choice in enumerate(self.choice)}
        options = [o for job in self.own for o in job if self._option(o) is not None]
        # Each option must set the same keys as the others of its group, or merging one on another
        # would keep what the previous point set.
        keys = {(o.key_or_group, tuple(_leaves(self._option(o)))) for o in options}
        self.fast = dict.fromkeys(self.last, 2 * len(self.last) < len(jobs)  # fewer compositions
                                  and len(keys) == len({group for group, _ in keys})
                                  and (not options or all(self._plain(o) for o in self.values)))

    def _group(self, override) -> bool:
        return self.repository.group_exists(override.key_or_group)

    def _settable(self, override) -> bool:
        """Whether a point's ``override`` can be set on another point's composition."""
        return self._plain(override) or self._option(override) is not None

    def _plain(self, override) -> bool:
        """Whether setting ``override`` on a composed config is all Hydra would do with it."""
        from hydra.core.override_parser.types import OverrideType

        key = override.key_or_group
        return (override.type == OverrideType.CHANGE and override.package is None
                and not key.startswith("hydra") and not self._group(override)
                and isinstance(override.value(), (str, int, float, bool)))

    def _option(self, override):
        """The config a group override chooses, if merging it is all Hydra would do with it
        (options at the global package, without a defaults list of their own); else None."""
        from hydra.core.override_parser.types import OverrideType

        line = override.input_line
        if line not in self.options:
            chosen = None
            if (override.type in (OverrideType.CHANGE, OverrideType.ADD) and override.package is None
                    and self._group(override) and isinstance(override.value(), str)):
                result = self.repository.load_config(f"{override.key_or_group}/{override.value()}")
                if (result is not None and result.header.get("package") == "_global_" and not result.defaults_list
                        and all(isinstance(v, (str, int, float, bool)) for v in _leaves(result.config).values())):
                    chosen = result.config
            self.options[line] = chosen
        return self.options[line]

    def _compose(self, job: list[str]):
        from omegaconf import open_dict

        composed = self.loader.load_sweep_config(self.master, job)
        with open_dict(composed):
            del composed["hydra"]  # its job fields are only set once launched
        return composed

    def config(self, i: int) -> Config:
        from ..config.compose import to_config

        choice = self.choice[i]
        if choice not in self.working:
            self.working[choice] = self._compose(self.jobs[i])
            first = to_config(self.working[choice])
            last = self.last[choice]
            if self.fast[choice] and last != i:
                # Check the shortcut once per choice, on its last point, against Hydra's full
                # composition; a bad value there is reported when its turn comes, composed in full.
                try:
                    with readable_errors():
                        self.fast[choice] = to_config(self._compose(self.jobs[last])) == self._set(last)
                except UserError:
                    self.fast[choice] = False
            return first
        return self._set(i) if self.fast[choice] else to_config(self._compose(self.jobs[i]))

    def _set(self, i: int) -> Config:
        """Point ``i``: its choice's working config with point ``i``'s options merged and values set."""
        from omegaconf import open_dict

        from ..config.compose import to_config

        working = self.working[self.choice[i]]
        options = [self._option(o) for o in self.own[i]]
        with open_dict(working):
            for option in options:
                if option is not None:
                    working.merge_with(option)
        values = [o for o, option in zip(self.own[i], options) if option is None]
        if any(option is not None for option in options):
            values += self.values
        self.loader._apply_overrides_to_config(values, working)
        return to_config(working)


def _leaves(config) -> dict[str, object]:
    """A config's leaf values by dotted path (a dict or list is a leaf only when empty)."""
    from omegaconf import OmegaConf

    out = {}

    def walk(node, path):
        if isinstance(node, dict) and (node or not path):  # an empty option sets nothing
            for k, v in node.items():
                walk(v, f"{path}.{k}" if path else str(k))
        else:
            out[path] = node

    walk(OmegaConf.to_container(config, resolve=False), "")
    return out


def plan(args: list[str], progress: Callable[[int, int], None] | None = None, every: float = 1.0) -> Plan:
    """Expand, compose and validate every point of ``ssrsim run -m ARGS``; raise ``UserError``.

    Uses Hydra's own parser and composition (``load_sweep_config``, as its launchers do), so
    the jobs planned are the jobs launched, in the same order. The scenario and experiment files
    are checked first (user files are data). ``progress(done, total)`` is called every ``every``
    seconds while the points are composed.
    """
    from hydra import initialize_config_dir
    from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
    from hydra.core.global_hydra import GlobalHydra
    from hydra.core.override_parser.overrides_parser import OverridesParser
    from hydra.types import RunMode
    from omegaconf import OmegaConf

    from ..config.compose import CONFIG_DIR
    from ..config.user_files import check_user_files

    check_user_files(args, CONFIG_DIR)
    hydra_args = [a for a in args if a.lstrip("+~").startswith("hydra")]
    task_args = [a for a in args if a not in hydra_args]
    GlobalHydra.instance().clear()
    with readable_errors(), initialize_config_dir(config_dir=str(CONFIG_DIR), version_base="1.3"):
        loader = GlobalHydra.instance().config_loader()
        try:
            with readable_errors():
                master = loader.load_configuration("config", overrides=args, run_mode=RunMode.MULTIRUN)
        except UserError as e:
            raise UserError(with_install_hint(str(e))) from None
        params = master.hydra.sweeper.params
        params = OmegaConf.to_container(params, resolve=True) if params is not None else {}
        parsed = OverridesParser.create(config_loader=loader).parse_overrides(
            [f"{k}={v}" for k, v in params.items()] + task_args)
        for o in parsed:
            if o.is_sweep_override() and not _sweep_values(o):
                raise UserError(f"{o.input_line}: empty sweep range (no values); "
                                "e.g. range(0.1,0.9,0.2) or a list 0.2,0.5,0.8")
        (jobs,) = BasicSweeper.split_arguments(parsed, None)
        points = _Points(loader, master, jobs)
        configs = []
        said = time.perf_counter()
        for i, job in enumerate(jobs):
            if progress and time.perf_counter() - said >= every:
                progress(i, len(jobs))
                said = time.perf_counter()
            try:
                with readable_errors():
                    configs.append(points.config(i))
            except UserError as e:
                raise UserError(f"sweep point {i} ({' '.join(job)}):\n{e}") from None
    GlobalHydra.instance().clear()
    swept = swept_keys(jobs)
    if any(key_of(a) == "hydra.sweep.dir" for a in hydra_args):
        folder = Path(str(master.hydra.sweep.dir))
    else:
        names = "+".join(dict.fromkeys(c.name for c in configs))
        folder = Path("multirun") / names / _slug(task_args, jobs)
    out = Plan(folder=folder, jobs=jobs, configs=configs, swept=swept,
               launcher=str(master.hydra.launcher.get("_target_", "")))
    if out.launcher.endswith("SlurmLauncher") and shutil.which("srun") is None:
        raise UserError("hydra/launcher=slurm submits to SLURM, but there is no srun here: run it on "
                        "the cluster's login node (or use the default joblib launcher, or "
                        "hydra/launcher=submitit_local)")
    check_sweep_folder(folder, all(cfg.overwrite for cfg in configs))
    with readable_errors():
        out.complete()  # a folder holding another configuration's results is refused now
    return out
