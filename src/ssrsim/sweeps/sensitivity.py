"""A sensitivity study: a SALib design run as an ordinary sweep, then ranked indices.

A design is not a grid, so it cannot be written as Hydra sweep axes. Each design row becomes a
small config file ``<sweep>/design/point_NNNN.yaml`` (the row's values, ``# @package _global_``)
and the sweep is ``+design=point_0000,point_0001,...`` with the sweep folder on Hydra's search
path. The jobs then go through the same planning, validation, launcher, resume and collection
as ``ssrsim run -m``, on any launcher, and the design files stay beside the results they made.
The command line (``ssrsim sensitivity``, :mod:`ssrsim.cli.sensitivity`) parses the options,
launches the sweep and calls ``analyse_study`` on the collected table.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from ..config import paths
from ..run.files import atomic, save_figure, write_texts
from .designs import analyze, draw_ranking, point_overrides

OUTPUTS = {"relapse": "P(relapse)", "mean_public_confidence": "mean public confidence"}


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


def design_files(prob: dict, X: np.ndarray, folder: Path) -> list[str]:
    """Write one ``design/point_NNNN.yaml`` per row of ``X``; return the option names."""
    (folder / "design").mkdir(parents=True, exist_ok=True)
    texts = {}
    for i, row in enumerate(X):
        tree = paths.nest({path: yaml.safe_load(value)
                           for path, value in (o.split("=", 1) for o in point_overrides(prob, row))})
        texts[f"point_{i:04d}"] = "# @package _global_\n" + yaml.safe_dump(tree, sort_keys=False)
    write_texts(folder / "design", {f"{name}.yaml": text for name, text in texts.items()})
    return list(texts)


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


def indices(prob: dict, method: str, X: np.ndarray, table: pd.DataFrame) -> pd.DataFrame:
    """Indices for relapse risk and mean confidence, one block per output (``output`` column)."""
    relapse = "p_relapse_10y" if table["p_relapse_10y"].notna().all() else "p_relapse_end"
    blocks = []
    for output, column in (("relapse", relapse), ("mean_public_confidence", "mean_public_confidence")):
        block = analyze(prob, method, X, table[column].to_numpy())
        blocks.append(block.assign(output=output, measured_by=column))
    return pd.concat(blocks, ignore_index=True)


def analyse_study(folder: Path, prob: dict, method: str, X: np.ndarray, table: pd.DataFrame) -> pd.DataFrame:
    """Indices of a collected study; writes ``design.parquet``, ``sensitivity.parquet``/``.csv``
    and one ranking figure per output into ``folder``."""
    point = table["design"].str.removeprefix("point_").astype(int).to_numpy()
    result = indices(prob, method, X[point], table)
    design = pd.DataFrame(X, columns=prob["names"]).assign(point=range(len(X)))
    atomic(folder / "design.parquet", design.to_parquet)
    atomic(folder / "sensitivity.parquet", lambda p: result.to_parquet(p, index=False))
    atomic(folder / "sensitivity.csv", lambda p: result.to_csv(p, index=False))
    runs = f"{len(X)} points × {int(table['replicates'].iloc[0])} replicates"
    for output, block in result.groupby("output", sort=False):
        fig = draw_ranking(block.drop(columns=["output", "measured_by"]),
                           title=f"What drives {OUTPUTS[output]}? ({method}, {runs})")
        save_figure(fig, folder / f"sensitivity_{output}.png")
    return result
