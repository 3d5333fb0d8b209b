"""Running a sweep's jobs: one job, the progress of all, and a whole sweep from Python.

A job is a plain run of its point's config into its folder, with the completion marker
(``job.json``) written last; a job whose folder already holds a complete run of the same
configuration is skipped, so a sweep started again runs only what is missing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd

from ..config import Config
from ..run.files import command_line, write_text
from ..run.provenance import fingerprint
from .plan import BLOCK_TABLE, DONE_FILE, JOB_FILES, Plan, checksums, damaged, is_complete, plan, read_record
from .study import is_study, run_block


def run_job(cfg: Config, folder: Path, job: int, overrides: list[str], stream=sys.stderr) -> None:
    """One sweep job: skip it if complete, else simulate and write it, marker last.

    A folder without a marker holds at most the tables of a job that was killed while writing;
    they are replaced, as are the files of a damaged job. The folder is not checked here: the
    sweep checked its whole folder before any job ran (:func:`ssrsim.sweeps.plan.check_sweep_folder`).
    """
    from ..run.runner import console_progress, simulate

    if cfg.overwrite:
        (folder / DONE_FILE).unlink(missing_ok=True)
    elif is_complete(folder, cfg):
        print(f"job {job}: complete, skipped ({folder})", file=stream)
        return
    elif (folder / DONE_FILE).exists():
        record = read_record(folder / DONE_FILE)
        what = ", ".join(damaged(folder, record)) if record else DONE_FILE
        print(f"job {job}: damaged ({what}), run again ({folder})", file=stream)
    # the job alone, as a plain run: launchers run jobs under their own command lines
    command = " ".join(["ssrsim", "run", *overrides])
    with command_line(command):  # the records name it as the writer, as the manifest does
        if is_study(folder.parent):  # a block of a study's design rows: one table, no run folder
            wall, files = run_block(cfg, folder, job, stream), (BLOCK_TABLE,)
        else:
            results = simulate(cfg, progress=console_progress(stream, label=f"job {job}: replicate", tty=False))
            results.write(folder, command=command)
            wall, files = results.wall_seconds, JOB_FILES
        write_text(folder / DONE_FILE, json.dumps(
            {"job": job, "overrides": overrides, "fingerprint": fingerprint(cfg), "seed": cfg.seed,
             "replicates": cfg.replicates, "wall_seconds": round(wall, 3),
             "checksums": checksums(folder, files)}, indent=2))


class SweepProgress:
    """Jobs done / total with an ETA, from the completion markers (so any launcher works)."""

    def __init__(self, plan: Plan, stream=sys.stderr, every: float = 1.0):
        self.plan, self.stream, self.every = plan, stream, every
        self.total = len(plan.jobs)
        # A study's jobs are blocks of its design's rows (:mod:`.study`): counted as such.
        self.label, self.noun = ("study", "blocks of design rows") if is_study(plan.folder) else ("sweep", "jobs")
        self._skipped = set(plan.complete())
        self.skipped = len(self._skipped)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._start = time.perf_counter()
        self._since = time.time()

    def _finished_now(self, job: int) -> bool:
        """A marker written since the sweep started (an old one may be about to be replaced)."""
        try:
            return (self.plan.job_folder(job) / DONE_FILE).stat().st_mtime >= self._since
        except FileNotFoundError:
            return False

    def _done(self) -> int:
        return self.skipped + sum(self._finished_now(i) for i in range(self.total) if i not in self._skipped)

    def _line(self, done: int) -> str:
        elapsed = time.perf_counter() - self._start
        ran = done - self.skipped
        eta = f", ~{elapsed / ran * (self.total - done):.0f}s left" if 0 < ran and done < self.total else ""
        resumed = f" ({self.skipped} already complete)" if self.skipped else ""
        return f"{self.label}: {done}/{self.total} {self.noun} complete{resumed}, {elapsed:.0f}s elapsed{eta}"

    def _watch(self) -> None:
        shown = self.skipped
        while not self._stop.wait(self.every):
            done = self._done()
            if done != shown:
                shown = done
                print(self._line(done), file=self.stream, flush=True)

    def __enter__(self) -> SweepProgress:
        print(f"{self.label}: {self.total} {self.noun} into {self.plan.folder}"
              + (f"; {self.skipped} already complete will be skipped" if self.skipped else ""),
              file=self.stream, flush=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        if exc[0] is None:
            print(self._line(self._done()), file=self.stream, flush=True)


def sweep(overrides: list[str], folder: str | Path | None = None, n_jobs: int = 1,
          progress: bool = True) -> pd.DataFrame:
    """Run ``ssrsim run -m OVERRIDES`` (the same command, in a fresh process) and return its table.

    For notebooks and scripts: Hydra owns the process while it sweeps, so running it apart keeps
    the caller's state clean. ``folder`` defaults to the sweep's own ``multirun/...`` folder.
    ``progress`` (default True) passes the command's progress lines on to ``sys.stderr`` as they
    come (a notebook shows them under the cell), as ``ssrsim run -m`` shows them.
    """
    from .collect import SWEEP_TABLE

    overrides = [*overrides, *([f"hydra.sweep.dir={folder}"] if folder is not None else [])]
    where = plan(overrides).folder
    tail: list[str] = []
    with subprocess.Popen([sys.executable, "-m", "ssrsim.cli", "run", "-m", *overrides,
                           f"hydra.launcher.n_jobs={n_jobs}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True) as process:
        for line in process.stderr:
            tail = [*tail[-59:], line]  # what a failure shows
            if progress:
                sys.stderr.write(line)
                sys.stderr.flush()
    if process.returncode != 0:
        raise RuntimeError(f"sweep failed ({process.returncode}):\n{''.join(tail)[-3000:]}")
    return pd.read_parquet(where / SWEEP_TABLE)
