"""Run replicates of a validated config, serially or in worker processes, and collect tables.

Replicate r always draws from ``SeedSequence([seed, r])``, so the numbers are the same whatever
the number of workers, and runs that differ in one lever are paired on common random numbers.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

import mesa
import pandas as pd

from ..config import Config
from ..model import SSRModel
from .results import TABLE_FILES, Results

TABLES = tuple(t for t in TABLE_FILES if t != "summary")  # what a model's ``tables()`` gives


def release(model: SSRModel) -> None:
    """Drop Mesa 3.3's global reference to a finished model (``Agent._ids``), or it leaks."""
    mesa.Agent._ids.pop(model, None)


def run_replicate(cfg: Config, replicate: int, series: tuple[str, ...] | None = None) -> dict:
    """One replicate's tables and summary row (``series``: only those monthly series and the
    events, ``SSRModel``'s lean record)."""
    model = SSRModel(cfg, replicate, series=series)
    model.run()
    out = model.tables()
    out["summary"] = model.summary()
    release(model)
    return out


def _job(args: tuple[Config, int, tuple[str, ...] | None]) -> dict:
    return run_replicate(*args)


def workers_can_start() -> bool:
    """Whether worker processes can start: a spawned worker first re-runs the main program from
    its file, and a program read from standard input (``python - < script``) has none."""
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    return path is None or os.path.exists(path)


def simulate(cfg: Config, workers: int | None = None,
             progress: Callable[[int, int], None] | bool | None = True,
             pool: ProcessPoolExecutor | None = None, series: tuple[str, ...] | None = None) -> Results:
    """Run ``cfg.replicates`` replicates (``workers`` processes, default ``cfg.workers``, or the
    started ``pool`` of :func:`worker_pool`) and return their tables in memory.

    ``progress``: True (the default) shows the replicates done on stderr as ``ssrsim run`` does;
    False or None shows nothing; a function is called with (done, total) after each replicate.
    ``series``: keep only those monthly series and the events (``SSRModel``'s lean record; the
    other tables empty), for a caller that reads no more, as the validation's arms.
    """
    start = time.perf_counter()
    outputs: dict[int, dict] = {}
    if progress is True:
        progress = console_progress()

    def done(replicate: int, out: dict) -> None:
        outputs[replicate] = out
        if progress:
            progress(len(outputs), cfg.replicates)

    run_replicates(cfg, range(cfg.replicates), workers, done, pool, series)
    return combine([outputs[r] for r in range(cfg.replicates)], cfg, time.perf_counter() - start)


def run_replicates(cfg: Config, replicates: Sequence[int], workers: int | None,
                   done: Callable[[int, dict], None], pool: ProcessPoolExecutor | None = None,
                   series: tuple[str, ...] | None = None) -> None:
    """Run ``replicates`` (their numbers), serially or in ``workers`` processes (default
    ``cfg.workers``), calling ``done(replicate, outputs)`` as each finishes, in order. Nothing is
    held here: ``simulate`` keeps the outputs in memory, ``ssrsim run`` writes each to disk
    (:mod:`.partial`), so that its memory does not grow with the number of replicates.

    ``pool`` (from :func:`worker_pool`) runs them in processes already started: a caller running
    many small configurations (the validation's arms) pays for starting the workers once.

    A program read from standard input runs on one worker, with a note: the numbers are the
    same whatever the number of workers.
    """
    jobs = [(cfg, r, series) for r in replicates]
    if pool is not None:
        _map(pool, jobs, done)
        return
    workers = cfg.workers if workers is None else workers
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            done(job[1], _job(job))
        return
    with worker_pool(workers) as started:
        if started is None:  # workers cannot start here
            for job in jobs:
                done(job[1], _job(job))
        else:
            _map(started, jobs, done)


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor | None]:
    """``workers`` started processes for :func:`run_replicates` (None for one worker, or where
    processes cannot start: a program read from standard input, with a note)."""
    if workers > 1 and not workers_can_start():
        print(f"ssrsim: running on 1 worker instead of {workers}: worker processes cannot start for a "
              "program read from standard input; save it to a file (with an `if __name__ == "
              "\"__main__\":` guard) to use more", file=sys.stderr)
        workers = 1
    if workers <= 1:
        yield None
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        yield pool


def _map(pool: ProcessPoolExecutor, jobs: list, done: Callable[[int, dict], None]) -> None:
    try:
        for job, out in zip(jobs, pool.map(_job, jobs, chunksize=1)):
            done(job[1], out)  # map keeps replicate order
    except BrokenProcessPool as broken:
        raise RuntimeError(
            "ssrsim: the worker processes stopped. Each worker first re-runs the main program: in a "
            "script, put the code that calls simulate under `if __name__ == \"__main__\":`, or use "
            "workers=1") from broken


def combine(outputs: list[dict], cfg: Config, wall_seconds: float) -> Results:
    """Replicates' tables and summary rows (``run_replicate`` outputs, in order) as ``Results``."""
    tables = {name: pd.concat([o[name] for o in outputs], ignore_index=True) for name in TABLES}
    return Results(config=cfg, summary=summary_frame([o["summary"] for o in outputs]),
                   wall_seconds=wall_seconds, **tables)


def summary_frame(rows: list[dict]) -> pd.DataFrame:
    """The summary table from replicates' summary rows: months of first events as nullable integers."""
    summary = pd.DataFrame(rows)
    for col in summary.columns:
        if col.endswith("_month"):
            summary[col] = summary[col].astype("Int64")
    return summary


def console_progress(stream=None, label: str = "replicate",
                     tty: bool | None = None) -> Callable[[int, int], None]:
    """A one-line progress display for long runs (a line per 10% when not a terminal), on
    ``stream`` (default: ``sys.stderr`` as it is when called, so a redirected stderr gets it).

    Sweep jobs pass ``tty=False``: jobs running side by side would overwrite each other's line.
    """
    stream = sys.stderr if stream is None else stream
    start = time.perf_counter()
    tty = stream.isatty() if tty is None else tty

    def show(done: int, total: int) -> None:
        elapsed = time.perf_counter() - start
        eta = elapsed / done * (total - done)
        line = f"{label} {done}/{total}  {elapsed:5.1f}s elapsed, ~{eta:4.0f}s left"
        if tty:
            stream.write("\r" + line + ("\n" if done == total else ""))
        elif done == total or done % max(1, total // 10) == 0:
            stream.write(line + "\n")
        stream.flush()

    return show
