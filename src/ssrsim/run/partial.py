"""A single run's finished replicates, kept on disk as they finish: memory stays flat, and an
interrupted run resumes.

``ssrsim run`` writes each replicate's tables into ``replicates/`` in its run folder as soon as
the replicate finishes (``CCCCC/NNNNN_<table>.parquet``, a subfolder per ``CHUNK`` replicates,
each entered in its subfolder's record; the configuration's fingerprint is in ``run.json``) and
holds nothing of it in memory. At the end the
run's tables are written from them a chunk of replicates at a time (``assemble``: one Parquet row
group per chunk), then they are deleted. Interrupted, the run leaves them there; the same command
with the same folder (``hydra.run.dir=...``) runs only the missing replicates. Replicate r draws
from ``SeedSequence([seed, r])`` wherever it runs, so a resumed run gives the same numbers as an
uninterrupted one. Only files the record lists, unchanged, are read back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..config import Config
from .files import atomic, read_json, read_record, read_table, remove_own, theirs, write_files, write_text
from .provenance import fingerprint
from .runner import TABLES, summary_frame

FOLDER = "replicates"
#: The configuration's fingerprint: what the kept replicates were run with.
MARKER = "run.json"
#: Replicates per row group of the run's tables: memory while writing them grows with this, not with
#: the number of replicates.
CHUNK = 100


class KeptReplicates:
    """The ``replicates/`` folder of one run folder."""

    def __init__(self, run_folder: Path, cfg: Config):
        self.folder = Path(run_folder) / FOLDER
        self.cfg = cfg

    def other_configuration(self) -> bool:
        """Whether replicates of another configuration are kept here."""
        marker = self.folder / MARKER
        return marker.exists() and read_json(marker, ("fingerprint",))["fingerprint"] != fingerprint(self.cfg)

    def count(self) -> int:
        """How many replicates are kept (their last file, the summary, in a record), unread."""
        return sum(1 for chunk in self._chunks() for name in read_record(chunk) if name.endswith("_summary.parquet"))

    def finished(self) -> list[int]:
        """The replicates kept for this configuration, whole and unchanged (their numbers; unread)."""
        if not (self.folder / MARKER).exists() or self.other_configuration():
            return []
        changed = theirs(self.folder)
        listed = {chunk.name: read_record(chunk) for chunk in self._chunks()}
        return [r for r in range(self.cfg.replicates)
                if all(f.name in listed.get(f.parent.name, {}) and f.relative_to(self.folder).as_posix() not in changed
                       and f.exists() for f in self._files(r))]

    def assemble(self, run_folder: Path) -> pd.DataFrame:
        """Write the run's tables into ``run_folder`` from every replicate kept, ``CHUNK`` replicates
        at a time, and return the summary (a row per replicate, small)."""
        for table in TABLES:
            atomic(Path(run_folder) / f"{table}.parquet", lambda path, t=table: self._stream(t, path))
        summary = summary_frame([read_table(self._file(r, "summary")).iloc[0].to_dict()
                                 for r in range(self.cfg.replicates)])
        atomic(Path(run_folder) / "summary.parquet", lambda path: summary.to_parquet(path, index=False))
        return summary

    def _stream(self, table: str, path: Path) -> None:
        """One table of every replicate into ``path``, a row group per chunk of replicates."""
        writer = None
        try:
            for start in range(0, self.cfg.replicates, CHUNK):
                rows = pd.concat([read_table(self._file(r, table))
                                  for r in range(start, min(start + CHUNK, self.cfg.replicates))], ignore_index=True)
                chunk = pa.Table.from_pandas(rows, preserve_index=False, schema=writer.schema if writer else None)
                writer = writer or pq.ParquetWriter(path, chunk.schema)
                writer.write_table(chunk)
        finally:
            if writer is not None:
                writer.close()

    def _file(self, replicate: int, table: str) -> Path:
        """Where a replicate's table is kept: in a subfolder per ``CHUNK`` replicates, whose record
        (rewritten at each replicate) stays short however many replicates the run has."""
        return self.folder / f"{replicate // CHUNK:05d}" / f"{replicate:05d}_{table}.parquet"

    def _chunks(self) -> list[Path]:
        return sorted(p for p in self.folder.glob("[0-9]" * 5) if p.is_dir() and not p.is_symlink())

    def _files(self, replicate: int) -> list[Path]:
        return [self._file(replicate, t) for t in (*TABLES, "summary")]

    def start(self) -> None:
        """Mark the folder with this configuration's fingerprint, discarding another's replicates."""
        if self.other_configuration():
            self.discard()
        if not (self.folder / MARKER).exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            write_text(self.folder / MARKER, json.dumps({"fingerprint": fingerprint(self.cfg),
                                                         "about": __doc__.splitlines()[0]}))

    def keep(self, replicate: int, out: dict) -> None:
        """Write one finished replicate's tables (one record update for all of them)."""
        tables = {**{t: out[t] for t in TABLES}, "summary": pd.DataFrame([out["summary"]])}
        write_files(self._file(replicate, "summary").parent,
                    {self._file(replicate, t).name: (lambda p, df=df: df.to_parquet(p, index=False))
                     for t, df in tables.items()})

    def discard(self) -> None:
        """Delete the kept replicates (ssrsim's files only; anything else stays)."""
        if self.folder.is_dir():
            for chunk in self._chunks():
                remove_own(chunk)
            remove_own(self.folder)
