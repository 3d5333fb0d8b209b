"""The results of a run: tables in memory, written to and read back from a run folder.

A run folder holds the tables as Parquet, the resolved config, a manifest (versions, git commit,
seeds, wall time) and figures (see ``docs/outputs.md``). Files are written to a temporary name
and renamed, so an interrupted write never leaves a half file under the final name.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pandas as pd
import yaml

from .config import Config

TABLE_FILES = ("timeseries", "summary", "provinces", "funding", "events")
RESULT_FILES = tuple(f"{t}.parquet" for t in TABLE_FILES) + ("manifest.json",)


class FolderHasResults(Exception):
    """The folder already holds results and overwriting was not allowed."""


@dataclass
class Results:
    """Tables of one run of ``config.replicates`` replicates."""

    config: Config
    timeseries: pd.DataFrame
    summary: pd.DataFrame
    provinces: pd.DataFrame
    funding: pd.DataFrame
    events: pd.DataFrame
    wall_seconds: float = 0.0
    manifest: dict = field(default_factory=dict)

    def save(self, folder: str | Path, overwrite: bool = False, command: str | None = None) -> Path:
        """Write tables, config and manifest into ``folder``; refuse a folder with results.

        ``command`` is what the manifest records as the command (default: this process's).
        """
        folder = Path(folder)
        check_folder(folder, overwrite)
        folder.mkdir(parents=True, exist_ok=True)
        for name in TABLE_FILES:
            atomic(folder / f"{name}.parquet", lambda p, n=name: getattr(self, n).to_parquet(p, index=False))
        text = yaml.safe_dump(self.config.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
        write_text(folder / "config.yaml", text)
        self.manifest = manifest(self.config, self.wall_seconds, command)
        write_text(folder / "manifest.json", json.dumps(self.manifest, indent=2))
        return folder


def check_folder(folder: Path, overwrite: bool) -> None:
    """Raise ``FolderHasResults`` if ``folder`` holds results and ``overwrite`` is false."""
    present = [f for f in RESULT_FILES if (folder / f).exists()]
    if present and not overwrite:
        raise FolderHasResults(f"{folder} already holds results ({', '.join(present)}); "
                               "choose another folder or pass overwrite=true")


def atomic(path: Path, write) -> None:
    """Call ``write(tmp)`` then rename ``tmp`` to ``path``: readers never see a half-written file."""
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    atomic(path, lambda p: Path(p).write_text(text, encoding="utf-8"))


def load_run(folder: str | Path) -> Results:
    """Read a finished run folder back into ``Results``."""
    folder = Path(folder)
    missing = [f for f in (*RESULT_FILES, "config.yaml") if not (folder / f).exists()]
    if missing:
        raise FileNotFoundError(f"{folder} is not a finished ssrsim run: missing {', '.join(missing)}")
    cfg = Config.model_validate(yaml.safe_load((folder / "config.yaml").read_text(encoding="utf-8")))
    tables = {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLE_FILES}
    meta = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return Results(config=cfg, wall_seconds=meta.get("wall_seconds", 0.0), manifest=meta, **tables)


def _git_commit() -> str | None:
    """The commit of the source tree ssrsim runs from, if it is a git checkout."""
    here = Path(__file__).resolve().parent
    try:
        out = subprocess.run(["git", "-C", str(here), "rev-parse", "HEAD"], capture_output=True,
                             text=True, timeout=5, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(here), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=5, check=True).stdout.strip()
        return out + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def provenance(command: str | None = None) -> dict:
    """Where numbers came from: time, command (default: this process's), commit, platform, versions."""
    return {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": command or " ".join(sys.argv),
        "git_commit": _git_commit(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": {p: _version(p) for p in ("ssrsim", "mesa", "numpy", "pandas", "pyarrow",
                                                "pydantic", "hydra-core", "matplotlib", "SALib")},
    }


def manifest(cfg: Config, wall_seconds: float, command: str | None = None) -> dict:
    """Provenance of a run: versions, commit, seeds and timing."""
    seeds = [{"replicate": r, "seed_sequence_entropy": [cfg.seed, r]} for r in range(cfg.replicates)]
    return {"scenario": cfg.name, "wall_seconds": round(wall_seconds, 3), "seed": cfg.seed,
            "replicates": cfg.replicates, "seeds": seeds, **provenance(command)}
