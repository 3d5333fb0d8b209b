"""Designs beyond the grid and global sensitivity analysis, with SALib.

Pure functions from named ranges to a design, from a design to sweep points, and from outputs to
ranked indices, so the same code serves ``ssrsim sensitivity`` (lever ranges, run as a sweep) and
a screening of model parameters from a script::

    prob = problem({"levers.political_will": (0.1, 0.9), "levers.ddr.reintegration_months": (6, 48)})
    X = sample(prob, "morris", n=10, seed=1)            # one row per model evaluation
    overrides = [point_overrides(prob, x) for x in X]   # Hydra overrides for each sweep job
    Y = ...                                             # one output per row of X
    table = analyze(prob, "morris", X, Y)               # mu_star, sigma with 95% intervals, ranked
    fig = draw_ranking(table, title="What drives relapse risk?")

Methods: ``morris`` (screening: mu*, sigma; a few tens of evaluations per parameter), ``sobol``
(first and total order S1, ST with confidence intervals; n × (k + 2) evaluations, n a power of 2)
and ``lhs`` (Latin hypercube, a space-filling design; analysed with RBD-FAST, first order only).
Keys are dotted config paths; a key that holds an integer in the schema is rounded when it
becomes an override, while the analysis keeps the design's unrounded values (Morris reads the
direction of each step from them).
"""

from __future__ import annotations

import textwrap
import warnings
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..config import Config
from ..config.fields import field_info, is_integer

Method = Literal["morris", "sobol", "lhs"]
METHODS: tuple[str, ...] = ("morris", "sobol", "lhs")
#: Harmonics RBD-FAST sums over (SALib's default): an LHS design needs more than twice as many points.
RBD_HARMONICS = 10
# The measure a ranking sorts by, and the half-width of its 95% interval, per method.
RANKED_BY = {"morris": ("mu_star", "mu_star_conf"), "sobol": ("ST", "ST_conf"), "lhs": ("S1", "S1_conf")}


def problem(ranges: Mapping[str, tuple[float, float]]) -> dict:
    """A SALib problem from ``{config_path: (low, high)}``; ranges must be non-empty intervals."""
    if not ranges:
        raise ValueError("sensitivity needs at least one named range")
    for name, (lo, hi) in ranges.items():
        if not lo < hi:
            raise ValueError(f"{name}: empty range ({lo}, {hi}); the low end must be below the high end")
    return {"num_vars": len(ranges), "names": list(ranges),
            "bounds": [[float(lo), float(hi)] for lo, hi in ranges.values()]}


def sample(prob: dict, method: Method, n: int, seed: int, **options) -> np.ndarray:
    """The design matrix: one row per model evaluation, one column per named range.

    ``n`` is the number of trajectories (morris), the base sample size (sobol; a power of 2;
    first and total order only unless ``calc_second_order=True``) or the number of points (lhs).
    """
    from SALib.sample import latin, morris, sobol

    if n < 1:
        raise ValueError(f"n = {n}: the design needs at least one sample")
    if method == "morris":
        X = morris.sample(prob, n, seed=seed, **{"num_levels": 4, **options})
    elif method == "sobol":
        if n & (n - 1):
            raise ValueError(f"n = {n}: a Sobol design needs a power of 2 (e.g. {1 << n.bit_length()})")
        X = sobol.sample(prob, n, seed=seed, **{"calc_second_order": False, **options})
    elif method == "lhs":
        if n <= 2 * RBD_HARMONICS:  # RBD-FAST's correction divides by 1 - 2M/n
            raise ValueError(f"n = {n}: a Latin hypercube is analysed with RBD-FAST over {RBD_HARMONICS} harmonics, "
                             f"which needs more than {2 * RBD_HARMONICS} points (100 or more for a usable index)")
        X = latin.sample(prob, n, seed=seed)
    else:
        raise ValueError(f"unknown method {method!r}; allowed: {', '.join(METHODS)}")
    # SALib scales to low + u x (high - low), which can land a rounding error past the high end
    # (0.1 + 1 x 0.2 = 0.30000000000000004): a schema bound of 0.3 would then refuse the row.
    bounds = np.asarray(prob["bounds"], dtype=float)
    return np.clip(X, bounds[:, 0], bounds[:, 1])


def _integer(name: str) -> bool:
    """Whether the config field at ``name`` holds an integer (a design's value is then rounded)."""
    info = field_info(Config, name)
    return info is not None and is_integer(info)


def point_overrides(prob: dict, x: Sequence[float]) -> list[str]:
    """Hydra overrides ``path=value`` for one design row (integer fields rounded)."""
    return [f"{name}={int(round(value)) if _integer(name) else repr(float(value))}"
            for name, value in zip(prob["names"], x, strict=True)]


def design_table(names: list[str], X: np.ndarray) -> pd.DataFrame:
    """The design as the config takes it, a column per parameter: integer fields rounded, as
    ``point_overrides`` writes them (a study's ``design.parquet``)."""
    return pd.DataFrame({name: np.rint(X[:, j]).astype(int) if _integer(name) else X[:, j].astype(float)
                         for j, name in enumerate(names)})


def analyze(prob: dict, method: Method, X: np.ndarray, Y: Sequence[float], seed: int = 0,
            **options) -> pd.DataFrame:
    """Sensitivity indices of output ``Y`` (one value per row of ``X``), most influential first.

    Columns: ``parameter`` then, for morris, ``mu_star``, ``mu_star_conf`` (half-width of the
    95% bootstrap interval), ``sigma`` and ``mu``; for sobol ``S1``, ``S1_conf``, ``ST``,
    ``ST_conf``; for lhs (RBD-FAST) ``S1``, ``S1_conf``. A constant output has no variance to
    apportion, which RBD-FAST reports as NaN and SALib's Sobol as 0; either is kept as it is,
    not warned of.
    """
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    if len(X) != len(Y):
        raise ValueError(f"{len(X)} design rows but {len(Y)} outputs")
    if np.isnan(Y).any():
        raise ValueError("outputs contain NaN: every design row needs a value")
    with warnings.catch_warnings():  # a constant output's zero variance: its NaN is the answer, kept
        warnings.filterwarnings("ignore", "invalid value encountered", RuntimeWarning)
        warnings.filterwarnings("ignore", "Constant values encountered", UserWarning)  # Sobol's, which gives 0
        res = _analyze(prob, method, X, Y, seed, options)
    cols = {"morris": ["mu_star", "mu_star_conf", "sigma", "mu"], "sobol": ["S1", "S1_conf", "ST", "ST_conf"],
            "lhs": ["S1", "S1_conf"]}[method]
    table = pd.DataFrame({"parameter": prob["names"], **{c: np.asarray(res[c], dtype=float) for c in cols}})
    measure = RANKED_BY[method][0]
    return table.sort_values(measure, ascending=False, kind="stable", ignore_index=True)


def _analyze(prob: dict, method: Method, X: np.ndarray, Y: np.ndarray, seed: int, options: dict):
    from SALib.analyze import morris, rbd_fast, sobol

    if method == "morris":
        return morris.analyze(prob, X, Y, seed=seed, **{"num_levels": 4, **options})
    if method == "sobol":
        return sobol.analyze(prob, Y, seed=seed, **{"calc_second_order": False, **options})
    if method == "lhs":
        return rbd_fast.analyze(prob, X, Y, seed=seed, **{"M": RBD_HARMONICS, **options})
    raise ValueError(f"unknown method {method!r}; allowed: {', '.join(METHODS)}")


def draw_ranking(table: pd.DataFrame, title: str = "", xlabel: str | None = None) -> Figure:
    """A horizontal bar per parameter, most influential on top, with 95% interval whiskers.

    Works on any table from :func:`analyze`: Morris mu* (with sigma as a second bar), Sobol
    total and first order, or RBD-FAST first order.
    """
    if "mu_star" in table:
        bars = [("mu_star", "mu_star_conf", "μ* (mean |elementary effect|)", "#0072B2"),
                ("sigma", None, "σ (interaction / non-linearity)", "#E69F00")]
        default_label = "Elementary effect (change of the output across a parameter's range)"
    elif "ST" in table:
        bars = [("ST", "ST_conf", "Total order ST", "#0072B2"), ("S1", "S1_conf", "First order S1", "#E69F00")]
        default_label = "Share of output variance"
    else:
        bars = [("S1", "S1_conf", "First order S1", "#0072B2")]
        default_label = "Share of output variance"
    ordered = table.iloc[::-1]  # barh draws bottom-up: largest on top
    y = np.arange(len(ordered))
    height = 0.8 / len(bars)
    fig = Figure(figsize=(9, 2.2 + 0.5 * len(ordered) * len(bars)), layout="constrained")
    ax = fig.add_subplot()
    for i, (col, conf, label, colour) in enumerate(bars):
        offset = (len(bars) - 1 - 2 * i) * height / 2
        err = ordered[conf].to_numpy() if conf else None
        if err is not None and col == "mu_star":  # a mean of absolute effects is never below 0
            err = np.vstack([np.minimum(err, ordered[col].to_numpy()), err])
        ax.barh(y + offset, ordered[col], height=height, xerr=err, color=colour, label=label,
                error_kw={"elinewidth": 1.2, "capsize": 3})
    ax.set_yticks(y, ordered["parameter"], fontsize=11)
    ax.set_xlabel(textwrap.fill(xlabel or default_label, 60), fontsize=12)
    ax.axvline(0, color="#333333", linewidth=0.8)
    ax.grid(axis="x", alpha=0.3)
    ax.tick_params(labelsize=11)
    ax.legend(fontsize=11, loc="lower right")
    # Over the whole figure, line by line: above the axes alone a long title ran past the right edge.
    lines = (title or "Sensitivity ranking (whiskers: 95% intervals)").splitlines()
    fig.suptitle("\n".join(textwrap.fill(line, 64) for line in lines), fontsize=14)
    return fig
