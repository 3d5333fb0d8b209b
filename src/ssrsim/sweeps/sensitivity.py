"""A sensitivity study: a SALib design run as a study (blocks of rows), then ranked indices.

A design is not a grid, so it cannot be written as Hydra sweep axes. The design's rows are cut
into blocks (:mod:`ssrsim.sweeps.study`), each block one job of an ordinary sweep
(``+design=block_NNNN``, the study folder on Hydra's search path): the same planning, launchers,
resume and checks as ``ssrsim run -m``, one table per block. The command line (``ssrsim
sensitivity``, :mod:`ssrsim.cli.sensitivity`) parses the options, launches the study and calls
``analyse_study`` on its collected rows.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

from ..run.files import atomic, save_figure
from .designs import analyze, draw_ranking
from .study import OUTCOMES

#: Each outcome's words in a figure's title.
TITLES = {"relapse": "relapse into armed conflict {when}", "war_relapse": "war-level relapse {when}",
          "mean_public_confidence": "mean public confidence", "battle_deaths": "battle deaths",
          "one_sided_deaths": "one-sided deaths"}


def ranges_from(texts: list[str]) -> dict[str, tuple[float, float]]:
    """``["levers.political_will=0.1:0.9"]`` -> ``{"levers.political_will": (0.1, 0.9)}``."""
    out = {}
    for text in texts:
        key, _, span = text.partition("=")
        lo, sep, hi = span.partition(":")
        try:
            out[key] = (float(lo), float(hi))
        except ValueError:
            raise ValueError(f"--range {text!r}: expected KEY=LOW:HIGH, e.g. levers.political_will=0.1:0.9") from None
        if not key or not sep:
            raise ValueError(f"--range {text!r}: expected KEY=LOW:HIGH, e.g. levers.political_will=0.1:0.9")
    return out


def default_folder(ranges: list[str], method: str, n: int, seed: int, overrides: list[str]) -> Path:
    """The study's own folder: a function of its design and overrides, so it resumes in place."""
    key = json.dumps([ranges, method, n, seed, [o for o in overrides if not o.startswith("hydra")]])
    return Path("multirun") / "sensitivity" / f"{method}-n{n}-seed{seed}-" \
        f"{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def with_search_path(overrides: list[str], folder: Path) -> list[str]:
    """Add the sweep folder to ``hydra.searchpath`` (keeping a user's own entries)."""
    entry = f"file://{folder.resolve()}"
    for i, o in enumerate(overrides):
        if o.startswith("hydra.searchpath="):
            inner = o.split("=", 1)[1].strip("[]")
            return [*overrides[:i], f"hydra.searchpath=[{inner},{entry}]", *overrides[i + 1:]]
    return [*overrides, f"hydra.searchpath=[{entry}]"]


def indices(prob: dict, method: str, X: np.ndarray, rows: pd.DataFrame) -> pd.DataFrame:
    """Indices of each outcome of ``study.OUTCOMES`` (one block per output, ``output`` column);
    ``rows``: the study's rows (``study_rows.parquet``), in design order."""
    blocks = [analyze(prob, method, X, rows[output].to_numpy()).assign(output=output)
              for output in OUTCOMES]
    return pd.concat(blocks, ignore_index=True)


def analyse_study(folder: Path, prob: dict, method: str, X: np.ndarray, rows: pd.DataFrame) -> pd.DataFrame:
    """Indices of a collected study; writes ``sensitivity.parquet``/``.csv`` and one ranking
    figure per outcome into ``folder``."""
    rows = rows.sort_values("row", ignore_index=True)
    result = indices(prob, method, X[rows["row"].to_numpy()], rows)
    atomic(folder / "sensitivity.parquet", lambda p: result.to_parquet(p, index=False))
    atomic(folder / "sensitivity.csv", lambda p: result.to_csv(p, index=False))
    runs = f"{len(X)} design rows × {int(rows['runs'].iloc[0])} runs"
    horizon = int(rows["horizon_months"].iloc[0])
    when = "within 10 years" if horizon == 120 else f"by month {horizon}"
    for output, block in result.groupby("output", sort=False):
        fig = draw_ranking(block.drop(columns="output"),
                           title=f"What drives {TITLES[output].format(when=when)}?\n({method}, {runs}; whiskers: 95% intervals)")
        save_figure(fig, folder / f"sensitivity_{output}.png")
    return result
