"""Helpers shared by the tests: small configurations, the command line in a fresh process, a tiny sweep."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

from pydantic import BaseModel

from ssrsim.config import Config, paths
from ssrsim.config.fields import list_item_model, model_of
from ssrsim.model import SSRModel

#: The repository (docs/, notebooks/, configs/ ...).
ROOT = Path(__file__).resolve().parents[1]


def small_config(months: int = 60, scale: float = 0.1, citizens: int = 2000, **top) -> Config:
    """The baseline scaled down: fewer fighters, forces, citizens and months (same structure)."""
    data = Config().model_dump()
    for f in data["context"]["factions"]:
        f["fighters"] = max(1, int(f["fighters"] * scale)) if f["in_process"] else f["fighters"]
    for f in data["context"]["forces"]:
        f["size"] = int(f["size"] * scale)
        f["target_size"] = int(f["target_size"] * scale)
    data["levers"]["ddr"]["demobilization_per_month"] = int(600 * scale)
    data["levers"]["ddr"]["reintegration_capacity"] = int(8000 * scale)
    data["context"]["peacekeeping"]["troops"] = int(8000 * scale)
    data["context"]["citizens"] = citizens
    data["months"] = months
    data["replicates"] = 2
    data.update(top)
    return Config.model_validate(data)


def run(cfg: Config, replicate: int = 0, months: int | None = None) -> SSRModel:
    """One replicate of ``cfg``, stepped to ``months`` (default: the horizon)."""
    model = SSRModel(cfg, replicate)
    model.run(months)
    return model


def like_a_terminal() -> None:
    """``preexec_fn`` for a command a test interrupts as Ctrl-C does: the child starts with SIGINT
    at its default and unblocked, as a program started from a shell does. A child otherwise
    inherits the test process's signal state (its ignored signals and its thread's blocked mask),
    which is pytest's and its other tests' business, not the user's: the interrupt tests failed
    once in CI with a child that ran to its end through the SIGINT."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def sigint_state() -> str:
    """This process's SIGINT state, for a failing interrupt test's message."""
    blocked = signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, set())
    return f"test process: SIGINT handler {signal.getsignal(signal.SIGINT)!r}, blocked {blocked}"


def ssrsim(*args, cwd=None, timeout: int = 600, input: str | None = None):
    """The command line in a fresh process, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "ssrsim.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, input=input)


# A sweep small enough for the default suite: 3 points x 2 replicates x 24 months.
TINY = ["months=24", "replicates=2", "context.citizens=1000"]
AXIS = "levers.political_will=0.2,0.5,0.8"


def sweep(folder, *extra):
    """Run the small sweep into ``folder``; fail the test with its stderr if it fails."""
    done = ssrsim("run", "-m", AXIS, *TINY, f"hydra.sweep.dir={folder}", *extra)
    assert done.returncode == 0, done.stderr
    return done


def small(months: int = 36) -> Config:
    """The baseline, scaled down less than ``small_config``: signatory factions / 5, 2,000 citizens."""
    cfg = Config().model_copy(deep=True)
    cfg.months = months
    cfg.context.citizens = 2000
    for faction in cfg.context.factions:
        if faction.in_process:
            faction.fighters //= 5
    return cfg


def arm(base: Config, **changes) -> Config:
    """A deep copy of ``base`` with ``changes`` (``levers__political_will=0.2``), revalidated."""
    cfg = base.model_copy(deep=True)
    for key, value in changes.items():
        paths.assign(cfg, key.replace("__", "."), value)  # validated: ranges are checked
    return Config.model_validate(cfg.model_dump())


def schema_path_problem(path: str) -> str | None:
    """None if ``path`` is a key of the configuration schema (``Config``), else the reason. An item of a list is written
    ``[]`` (``context.factions[].group``), or named as the error messages name it
    (``context.forces[army].size``) or as ``sources`` do (``context.forces.army``)."""
    node: type[BaseModel] | None = Config
    parts = re.sub(r"\[[^\]]*\]", "[]", path).split(".")
    i = 0
    while i < len(parts):
        key = parts[i].removesuffix("[]")
        if node is None:
            return f"{'.'.join(parts[:i])} is a value, not a section"
        if key not in node.model_fields:
            return f"{key!r} is not a key of {'.'.join(parts[:i]) or 'the configuration'}"
        annotation = node.model_fields[key].annotation
        item = list_item_model(annotation)
        if parts[i].endswith("[]"):
            if item is None:
                return f"{key} is not a list of sections"
            node = item
        elif item is not None and i < len(parts) - 1:
            if parts[i + 1] in item.model_fields:  # context.factions.group: which faction?
                return f"{key} is a list: write {key}[]"
            node, i = item, i + 1  # an item named as in `sources`
        else:
            node = model_of(annotation)
        i += 1
    return None


def finished_morris(root, overrides, first=("params.fighters.grievance_rate", "params.spoilers.min_fighters")):
    """A finished Morris piece of the validation's sensitivity study (``ssrsim sensitivity --study
    validation``) under ``root``, as it leaves its results, with ``first`` ranked most influential:
    what the Sobol and robustness pieces read, without its 700 runs."""
    import pandas as pd

    from ssrsim.config.compose import compose
    from ssrsim.validation.ranges import parameter_table
    from ssrsim.validation.robustness import validation_seed
    from ssrsim.validation.sensitivity import PARAMETERS, RANKING, SUMMARY, start_session, write_manifest

    folder = root / "morris"
    folder.mkdir(parents=True)
    cfg = compose("baseline", [f"seed={validation_seed()}", *overrides, "replicates=1"])  # the study's seed
    table = parameter_table(cfg)
    table.to_csv(folder / PARAMETERS, index=False)
    rest = [p for p in table["parameter"] if p not in first]
    pd.DataFrame({"parameter": [*first, *rest], "score": 1.0, "outcome": "relapse_month"}).to_csv(
        folder / RANKING, index=False)
    (folder / SUMMARY).write_text("### Morris screening\n\nmade by a test\n")
    sessions = start_session(folder, "a test")
    write_manifest(folder, "morris", cfg, {"method": "morris"}, 1.0, 90.0, sessions, "a test")
    return folder


def pid_then_sleep(args) -> int:
    """A worker's task that writes its process id into ``args[0]``/<pid> and sleeps a minute:
    for tests that stop a pool of workers mid-task."""
    import os
    import time
    from pathlib import Path

    (Path(args[0]) / str(os.getpid())).write_text("")
    time.sleep(60)
    return os.getpid()
