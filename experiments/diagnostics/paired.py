"""Paired arms for the diagnosis scripts: the same replicates of each arm, spread over processes.

The scripts beside this one compare arms (lists of ``key=value`` overrides) replicate by replicate
on the same seed: replicate r of every arm shares its random draws (docs/model.md §1.3), so a
difference between arms is the arm's. This module holds what they share: the usual options and
the run over a pool of worker processes (spawned, so the scripts' replicate functions run in a
clean interpreter; a script calls ``paired_runs`` under ``if __name__ == "__main__"``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context


def arguments(doc: str) -> argparse.ArgumentParser:
    """A parser with --replicates, --workers and --seed, described by the script's docstring's first line."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=12345)
    return parser


def paired_runs(replicate: Callable, arms: Sequence[list[str]], replicates: int, workers: int,
                common: Sequence[str] = ()) -> list[list]:
    """``replicate(overrides, r)`` for every arm and r in 0..replicates-1, as one list per arm.

    ``common`` overrides (the seed, the horizon, a candidate change) come first and an arm's own
    after them, so an arm keeps the setting it is about.
    """
    jobs = [([*common, *arm], r) for arm in arms for r in range(replicates)]
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        rows = list(pool.map(replicate, *zip(*jobs)))
    return [rows[i * replicates:(i + 1) * replicates] for i in range(len(arms))]
