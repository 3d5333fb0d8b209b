"""``ssrsim sensitivity``: a SALib design run as an ordinary sweep, then ranked indices.

A design is not a grid, so it cannot be written as Hydra sweep axes. Each design row becomes a
small config file ``<sweep>/design/point_NNNN.yaml`` (the row's values, ``# @package _global_``)
and the sweep is ``+design=point_0000,point_0001,...`` with the sweep folder on Hydra's search
path. The jobs then go through the same planning, validation, launcher, resume and collection
as ``ssrsim run -m``, on any launcher, and the design files stay beside the results they made.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from .sensitivity import METHODS, analyze, draw_ranking, point_overrides, problem, sample

USAGE = """ssrsim sensitivity --range KEY=LOW:HIGH [--range ...] [--method morris|sobol|lhs]
                   [--n N] [--seed S] [overrides...]

  e.g. ssrsim sensitivity --method morris --n 6 --range levers.political_will=0.1:0.9 \\
         --range levers.oversight_strength=0.1:0.9 --range levers.ddr.reintegration_months=6:48 \\
         replicates=10 months=120 hydra.launcher.n_jobs=2
"""
OUTPUTS = {"relapse": "P(relapse)", "mean_public_confidence": "mean public confidence"}


def _parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="ssrsim sensitivity", usage=USAGE)
    parser.add_argument("--range", action="append", default=[], metavar="KEY=LOW:HIGH", dest="ranges")
    parser.add_argument("--method", choices=METHODS, default="morris")
    parser.add_argument("--n", type=int, default=6,
                        help="trajectories (morris), base sample, a power of 2 (sobol), points (lhs)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the design (not of the model)")
    return parser.parse_known_args(argv)


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
    names = []
    for i, row in enumerate(X):
        tree: dict = {}
        for override in point_overrides(prob, row):
            path, value = override.split("=", 1)
            *parents, leaf = path.split(".")
            node = tree
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = yaml.safe_load(value)
        name = f"point_{i:04d}"
        (folder / "design" / f"{name}.yaml").write_text(
            "# @package _global_\n" + yaml.safe_dump(tree, sort_keys=False), encoding="utf-8")
        names.append(name)
    return names


def _default_folder(args: argparse.Namespace, overrides: list[str]) -> Path:
    key = json.dumps([args.ranges, args.method, args.n, args.seed,
                      [o for o in overrides if not o.startswith("hydra")]])
    return Path("multirun") / "sensitivity" / f"{args.method}-n{args.n}-seed{args.seed}-" \
        f"{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def _with_search_path(overrides: list[str], folder: Path) -> list[str]:
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


def sensitivity_command(argv: list[str]) -> None:
    """Sample, run the design as a sweep (resumable), collect, analyze, draw."""
    from .cli import _run, fail

    args, overrides = _parse(argv)
    overrides = [o for o in overrides if o not in ("-m", "--multirun")]
    try:
        prob = problem(ranges_from(args.ranges))
        X = sample(prob, args.method, n=args.n, seed=args.seed)
    except ValueError as e:
        fail(str(e))
    given = [o for o in overrides if o.startswith("hydra.sweep.dir=")]
    folder = Path(given[0].split("=", 1)[1]) if given else _default_folder(args, overrides)
    new = not folder.exists()
    names = design_files(prob, X, folder)
    sweep_args = [f"+design={','.join(names)}", *_with_search_path(overrides, folder)]
    if not given:
        sweep_args.append(f"hydra.sweep.dir={folder}")
    try:
        _run(["-m", *sweep_args])
    except SystemExit:
        if new:  # a mistake found before any job ran: leave nothing behind
            shutil.rmtree(folder, ignore_errors=True)
        raise
    table = pd.read_parquet(folder / "sweep.parquet")
    if len(table) != len(X):
        fail(f"{len(X) - len(table)} of {len(X)} design points have no results; "
             "run the same command again to complete them")
    point = table["design"].str.removeprefix("point_").astype(int).to_numpy()
    result = indices(prob, args.method, X[point], table)
    pd.DataFrame(X, columns=prob["names"]).assign(point=range(len(X))).to_parquet(folder / "design.parquet")
    result.to_parquet(folder / "sensitivity.parquet", index=False)
    result.to_csv(folder / "sensitivity.csv", index=False)
    runs = f"{len(X)} points × {int(table['replicates'].iloc[0])} replicates"
    for output, block in result.groupby("output", sort=False):
        what = OUTPUTS[output]
        fig = draw_ranking(block.drop(columns=["output", "measured_by"]),
                           title=f"What drives {what}? ({args.method}, {runs})")
        fig.savefig(folder / f"sensitivity_{output}.png", dpi=120)
    print(result.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"sensitivity: indices in {folder / 'sensitivity.parquet'}, figures sensitivity_*.png")
