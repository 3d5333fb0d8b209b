"""Where numbers came from: the code's commit, the model and packages' versions, the command, the time.

Every output ssrsim writes (a run's manifest, a sweep's, the validation report's) carries this.
The model version (:data:`ssrsim.model.MODEL_VERSION`) stands beside the package version because
numbers change with the mechanisms, not with every release of the package.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
import sys
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..config import Config
from ..model import MODEL_VERSION

#: Keys that never change a run's numbers.
RUN_SETTINGS = ("workers", "overwrite", "figures")
#: The packages whose versions a manifest records.
PACKAGES = ("ssrsim", "mesa", "numpy", "pandas", "pyarrow", "pydantic", "hydra-core", "matplotlib", "SALib",
            "scipy")


def fingerprint(cfg: Config) -> str:
    """A hash of everything in a config that changes its numbers (not ``RUN_SETTINGS``): what a
    sweep job's or an interrupted run's kept results were computed with."""
    data = cfg.model_dump(mode="json", exclude=set(RUN_SETTINGS))
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def git_commit() -> str | None:
    """The commit of the source tree ssrsim runs from (``-dirty`` if it has changes), if any."""
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(["git", "-C", str(here), "rev-parse", "HEAD"], capture_output=True,
                             text=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(here), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=5, check=True).stdout.strip()
        return out + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def package_version(package: str) -> str | None:
    """The installed version of ``package``, or None."""
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def versions(packages: tuple[str, ...] = PACKAGES) -> dict[str, str | None]:
    return {p: package_version(p) for p in packages}


def provenance(command: str | None = None) -> dict:
    """Time, command (default: this process's), commit, platform, the model version and package versions."""
    return {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": command or " ".join(sys.argv),
        "git_commit": git_commit(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "model_version": MODEL_VERSION,
        "versions": versions(),
    }
