"""The results of a run: tables in memory, written to and read back from a run folder.

A run folder holds the tables as Parquet, the resolved config, a manifest (model and package
versions, git commit, seeds, wall time) and figures (see ``docs/outputs.md``). Every file is
written atomically and entered in the folder's record (:mod:`ssrsim.run.files`).
``refuse_overwrite`` is the check every command makes of its destination before it computes
anything.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from ..config import Config
from ..config.errors import UserError
from .analysis import FINAL_CONFIDENCE, Curves
from .files import (atomic, check_destination, matches, present, read_table, read_text, reading_table, theirs,
                    write_text)
from .provenance import provenance

TABLE_FILES = ("timeseries", "summary", "provinces", "funding", "events", "groups")
RESULT_FILES = tuple(f"{t}.parquet" for t in TABLE_FILES) + ("manifest.json",)
#: What ``Results.save`` writes.
SAVED_FILES = (*RESULT_FILES, "config.yaml")
#: The figures of a run (drawn by :func:`ssrsim.run.figures.save_figures`).
FIGURE_FILES = ("relapse_risk.png", "public_confidence.png", "fighters_by_status.png", "overview.png")
#: What ``ssrsim run`` writes in its run folder.
RUN_FILES = (*SAVED_FILES, *FIGURE_FILES)
#: Timeseries rows :func:`read_curves` holds at once: about 40 MB of the columns the figures draw.
BLOCK_ROWS = 250_000
#: How many files a message names before it says "and N more".
LISTED = 3


class FolderHasResults(UserError):
    """The folder already holds results and overwriting was not allowed, or it holds files that
    are not ssrsim's where ssrsim would write."""


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
        """Write tables, config and manifest into ``folder``; refuse a folder with results, or
        one holding files that are not ssrsim's (``refuse_overwrite``).

        ``command`` is what the manifest records as the command (default: this process's).
        """
        folder = Path(folder)
        check_folder(folder, overwrite, SAVED_FILES)
        return self.write(folder, command)

    def write(self, folder: Path, command: str | None = None) -> Path:
        """Write tables, config and manifest into ``folder`` without checking it: for a sweep's
        job, whose folder the sweep checked before any job ran (:mod:`ssrsim.sweeps.plan`)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name in TABLE_FILES:
            atomic(folder / f"{name}.parquet", lambda p, n=name: getattr(self, n).to_parquet(p, index=False))
        self.manifest = write_about(folder, self.config, self.wall_seconds, command)
        return folder


def write_about(folder: Path, cfg: Config, wall_seconds: float, command: str | None = None) -> dict:
    """Write what a run folder's tables came from: ``config.yaml`` and ``manifest.json``; return the manifest."""
    text = yaml.safe_dump(cfg.model_dump(mode="json"), sort_keys=False, allow_unicode=True)
    write_text(folder / "config.yaml", text)
    about = manifest(cfg, wall_seconds, command)
    write_text(folder / "manifest.json", json.dumps(about, indent=2))
    return about


def check_folder(folder: Path, overwrite: bool, names=RUN_FILES) -> None:
    """Raise ``FolderHasResults`` if ``folder`` holds results and ``overwrite`` is false, or if it
    holds files that are not ssrsim's (``refuse_overwrite``); ``names``: what will be written."""
    refuse_overwrite(folder, names, overwrite)


def refuse_overwrite(folder: Path, names, overwrite: bool, what: str = "results",
                     how: str = "pass overwrite=true", error: type[FolderHasResults] = FolderHasResults) -> None:
    """The one check every writer of a folder makes before it computes anything.

    ``refuse_theirs`` (a folder that cannot be written, or holds files that are not ssrsim's),
    then ``error`` naming what is there if any of ``names`` (relative paths or glob patterns of
    what the command writes) exists in ``folder`` and ``overwrite`` is false.
    """
    refuse_theirs(folder, names, overwrite, how, error)
    found = present(folder, names)
    if found and not overwrite:
        raise error(f"{folder} already holds {what} ({_listed(found)}); choose another folder or {how}")


def refuse_theirs(folder: Path, names, overwrite: bool, how: str = "pass overwrite=true",
                  error: type[FolderHasResults] = FolderHasResults, repaired=()) -> None:
    """Refuse, before any computation, to write where a user's files would be at risk.

    ``UserError`` if ``folder`` cannot be written (``check_destination``); ``error`` if a file the
    command would write (``names``) is there and is not ssrsim's, even with ``overwrite``, since
    ssrsim never replaces a user's file or one edited since ssrsim wrote it; ``error`` if any file
    in the folder is not ssrsim's and ``overwrite`` is false. Which files are ssrsim's, and what
    ``repaired`` means: :func:`ssrsim.run.files.theirs`. Commands that complete or rebuild what
    they wrote before (a resumed sweep, ``ssrsim collect``) call this alone, with ``overwrite``.
    """
    check_destination(folder)
    foreign = theirs(folder, names, repaired, among=names if overwrite else None)
    taken = [p for p in foreign if matches(p, names)]
    if taken:
        raise error(f"{folder}: ssrsim would write over files that are not its own: {_listed(taken, foreign)}; "
                    "move them away or choose another folder (even with overwrite, ssrsim replaces only the files "
                    "it wrote, and only while they are unchanged)")
    if foreign and not overwrite:
        raise error(f"{folder} holds files that are not ssrsim's: {_listed(list(foreign), foreign)}; choose "
                    f"another folder, move them away, or {how} (ssrsim then replaces only its own files "
                    "and leaves these as they are)")


def _listed(paths: list[str], edited: dict[str, bool] | None = None) -> str:
    """The first few of ``paths`` for a message, each edited one said to be so."""
    edited = edited or {}
    shown = [f"{p} (changed since ssrsim wrote it)" if edited.get(p) else p for p in paths[:LISTED]]
    return ", ".join(shown) + (f" and {len(paths) - LISTED} more" if len(paths) > LISTED else "")


def load_run(folder: str | Path, tables: Collection[str] = TABLE_FILES) -> Results:
    """Read a finished run folder back into ``Results``.

    ``tables``: which tables to read (default all); the others are left empty, so that the
    summary of a long run (a row per replicate) can be read without its monthly tables.
    """
    unknown = sorted(set(tables) - set(TABLE_FILES))
    if unknown:
        raise UserError(f"load_run: no table {', '.join(unknown)}; allowed: {', '.join(TABLE_FILES)}")
    folder = Path(folder)
    missing = [f for f in (*RESULT_FILES, "config.yaml") if not (folder / f).exists()]
    if missing:
        raise FileNotFoundError(f"{folder} is not a finished ssrsim run: missing {', '.join(missing)}")
    try:
        cfg = Config.model_validate(yaml.safe_load(read_text(folder / "config.yaml")))
        meta = json.loads(read_text(folder / "manifest.json"))
    except (yaml.YAMLError, json.JSONDecodeError, ValueError) as e:
        raise UserError(f"{folder}: its config.yaml or manifest.json is damaged ({type(e).__name__})") from None
    read = {name: read_table(folder / f"{name}.parquet") if name in tables else pd.DataFrame() for name in TABLE_FILES}
    return Results(config=cfg, wall_seconds=meta.get("wall_seconds", 0.0), manifest=meta, **read)


def read_curves(path: str | Path, banded: Sequence[str], block_rows: int = BLOCK_ROWS) -> Curves:
    """The :class:`Curves` of a run's ``timeseries.parquet``, read in blocks of whole months of
    at most about ``block_rows`` rows, so that memory stays flat in the number of replicates.

    Each block is one pass over the file's row groups (100 replicates each), keeping that block's
    months: one pass for runs up to about a thousand replicates of 20 years, and as many passes
    as blocks beyond. The numbers are those of ``Curves.of`` on the whole table.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    with reading_table(path):
        table = pq.ParquetFile(path)
        names = table.schema_arrow.names
        wanted = [c for c in names if c in ("replicate", "month", *banded, *FINAL_CONFIDENCE)
                  or c.startswith("excombatants_")]
        groups = range(table.num_row_groups)
        span = pc.min_max(pa.chunked_array([table.read_row_group(g, columns=["month"]).column(0) for g in groups],
                                           table.schema_arrow.field("month").type))
        first, last = span["min"].as_py(), span["max"].as_py()
        if first is None:
            raise UserError(f"{path} holds no months; run the command that made it again")
        replicates = table.metadata.num_rows // (last - first + 1)  # every replicate has every month
        step = max(1, block_rows // max(1, replicates))
        blocks, rows = [], []
        for start in range(first, last + 1, step):
            inside = [g.filter(pc.and_(pc.greater_equal(g.column("month"), start),
                                       pc.less(g.column("month"), start + step)))
                      for g in (table.read_row_group(g, columns=wanted) for g in groups)]
            block = pa.concat_tables(inside)
            blocks.append(Curves.of(block.to_pandas(), banded))
            rows.append(block.num_rows)
    return Curves.joined(blocks, rows)


def manifest(cfg: Config, wall_seconds: float, command: str | None = None) -> dict:
    """Provenance of a run: versions, commit, seeds and timing."""
    seeds = [{"replicate": r, "seed_sequence_entropy": [cfg.seed, r]} for r in range(cfg.replicates)]
    return {"scenario": cfg.name, "wall_seconds": round(wall_seconds, 3), "seed": cfg.seed,
            "replicates": cfg.replicates, "seeds": seeds, **provenance(command)}
