"""A single run's finished replicates, kept as they finish so that an interrupted run resumes.

``ssrsim run`` writes each replicate's tables into ``replicates/`` in its run folder as soon as
the replicate finishes (``NNNNN_<table>.parquet``, entered in that folder's record with the
configuration's fingerprint in ``run.json``). Interrupted, the run leaves them there; the same
command with the same folder (``hydra.run.dir=...``) reads them back, runs only the missing
replicates and, once the run folder is written, deletes them. Replicate r draws from
``SeedSequence([seed, r])`` wherever it runs, so a resumed run gives the same numbers as an
uninterrupted one. Only files the record lists, unchanged, are read back.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..config import Config
from .files import read_json, read_record, read_table, remove_own, theirs, write_files, write_text
from .provenance import fingerprint
from .runner import TABLES

FOLDER = "replicates"
#: The configuration's fingerprint: what the kept replicates were run with.
MARKER = "run.json"


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
        """How many replicates are kept (their last file, the summary, in the record), unread."""
        return sum(1 for name in read_record(self.folder) if name.endswith("_summary.parquet"))

    def load(self) -> dict[int, dict]:
        """The replicates kept for this configuration, whole and unchanged (replicate -> outputs)."""
        if not (self.folder / MARKER).exists() or self.other_configuration():
            return {}
        listed, changed = read_record(self.folder), theirs(self.folder)
        kept = {}
        for r in range(self.cfg.replicates):
            files = [f"{r:05d}_{t}.parquet" for t in (*TABLES, "summary")]
            if all(f in listed and f not in changed and (self.folder / f).exists() for f in files):
                out = {t: read_table(self.folder / f"{r:05d}_{t}.parquet") for t in TABLES}
                out["summary"] = read_table(self.folder / f"{r:05d}_summary.parquet").iloc[0].to_dict()
                kept[r] = out
        return kept

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
        writers = {f"{replicate:05d}_{t}.parquet": (lambda p, df=out[t]: df.to_parquet(p, index=False))
                   for t in TABLES}
        summary = pd.DataFrame([out["summary"]])
        writers[f"{replicate:05d}_summary.parquet"] = lambda p: summary.to_parquet(p, index=False)
        write_files(self.folder, writers)

    def discard(self) -> None:
        """Delete the kept replicates (ssrsim's files only; anything else stays)."""
        if self.folder.is_dir():
            remove_own(self.folder)
