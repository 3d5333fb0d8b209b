"""The results of a run: tables in memory, written to and read back from a run folder.

A run folder holds the tables as Parquet, the resolved config, a manifest (versions, git commit,
seeds, wall time) and figures (see ``docs/outputs.md``). Every file is written atomically
(:mod:`ssrsim.run.files`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from ..config import Config
from ..config.errors import UserError
from .files import atomic, check_destination, read_table, read_text, write_text
from .provenance import provenance

TABLE_FILES = ("timeseries", "summary", "provinces", "funding", "events", "groups")
RESULT_FILES = tuple(f"{t}.parquet" for t in TABLE_FILES) + ("manifest.json",)


class FolderHasResults(UserError):
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
    groups: pd.DataFrame
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
    refuse_overwrite(folder, RESULT_FILES, overwrite)


def refuse_overwrite(folder: Path, names, overwrite: bool, what: str = "results",
                     how: str = "pass overwrite=true", error: type[FolderHasResults] = FolderHasResults) -> None:
    """Raise ``error`` naming what is there if any of ``names`` exists in ``folder`` and ``overwrite``
    is false, or ``UserError`` if ``folder`` cannot be written (``check_destination``): the one
    check every writer of a folder makes before it computes anything."""
    check_destination(folder)
    present = [n for n in names if (Path(folder) / n).exists()]
    if present and not overwrite:
        listed = ", ".join(present[:3]) + (f" and {len(present) - 3} more" if len(present) > 3 else "")
        raise error(f"{folder} already holds {what} ({listed}); choose another folder or {how}")


def load_run(folder: str | Path) -> Results:
    """Read a finished run folder back into ``Results``."""
    folder = Path(folder)
    missing = [f for f in (*RESULT_FILES, "config.yaml") if not (folder / f).exists()]
    if missing:
        raise FileNotFoundError(f"{folder} is not a finished ssrsim run: missing {', '.join(missing)}")
    try:
        cfg = Config.model_validate(yaml.safe_load(read_text(folder / "config.yaml")))
        meta = json.loads(read_text(folder / "manifest.json"))
    except (yaml.YAMLError, json.JSONDecodeError, ValueError) as e:
        raise UserError(f"{folder}: its config.yaml or manifest.json is damaged ({type(e).__name__})") from None
    tables = {name: read_table(folder / f"{name}.parquet") for name in TABLE_FILES}
    return Results(config=cfg, wall_seconds=meta.get("wall_seconds", 0.0), manifest=meta, **tables)


def manifest(cfg: Config, wall_seconds: float, command: str | None = None) -> dict:
    """Provenance of a run: versions, commit, seeds and timing."""
    seeds = [{"replicate": r, "seed_sequence_entropy": [cfg.seed, r]} for r in range(cfg.replicates)]
    return {"scenario": cfg.name, "wall_seconds": round(wall_seconds, 3), "seed": cfg.seed,
            "replicates": cfg.replicates, "seeds": seeds, **provenance(command)}
