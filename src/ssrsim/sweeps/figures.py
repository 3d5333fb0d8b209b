"""Figures of a collected sweep (``ssrsim plot DIR``), from its tidy tables.

Like :mod:`ssrsim.run.figures`, each function takes DataFrames and returns a bare ``Figure``. Axes
are labelled with the swept key and its unit from the schema, and figures are titled with the
sweep's question (the experiment's ``description``) when it has one.

* :func:`relapse_figure`: P(relapse) against one swept value with 95% intervals, one line per
  value of a second swept key (or points, for a sampled design);
* :func:`heatmap_figure`: P(relapse) over a two-dimensional grid;
* :func:`confidence_figure`: median public confidence over time, one line per job, coloured
  by a swept value.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from ..config import Config
from ..config.fields import extra, field_info
from ..run.figures import FONT, SMALL, TITLE, YEARS_LABEL
from ..run.files import read_json, read_table, save_figure
from ..run.results import refuse_theirs
from .plan import CONFIDENCE_TABLE, PLAN_FILE, SWEEP_FIGURES, SWEEP_TABLE

GRID_LEVELS = 12  # more distinct values than this: a sampled design, drawn as points
MAX_LINES = 8  # more combinations of the other axes than this: points instead of lines


def label(key: str) -> str:
    """``levers.ddr.reintegration_months`` -> ``reintegration_months (months)``, unit from the schema."""
    info = field_info(Config, key)
    unit = extra(info).get("unit", "") if info is not None else ""
    return f"{key.split('.')[-1]} ({unit})" if unit else key.split(".")[-1]


def outcome(table: pd.DataFrame) -> tuple[str, str]:
    """The relapse column a figure shows: by 10 years if the runs reach it, else by their end."""
    if "p_relapse_10y" in table and table["p_relapse_10y"].notna().all():
        return "p_relapse_10y", "P(relapse by 10 years)"
    months = int(table["months"].min())
    return "p_relapse_end", f"P(relapse by month {months})"


def _title(ax, title: str, default: str) -> None:
    """The sweep's question (wrapped to the figure's width) or a default title."""
    ax.set_title(textwrap.fill(title or default, 64), fontsize=TITLE)


def relapse_figure(table: pd.DataFrame, x: str, by: str | list[str] | None = None, title: str = "") -> Figure:
    """P(relapse) with 95% intervals against ``x``, one line per value of ``by`` (one key or several).

    Where a line would pass through several jobs at the same ``x`` (axes left out of ``by``, or a
    sampled design) the jobs are drawn as points, not joined.
    """
    column, ylabel = outcome(table)
    fig = Figure(figsize=(8, 5.5), layout="constrained")
    ax = fig.add_subplot()
    keys = [by] if isinstance(by, str) else list(by or [])
    groups = list(table.groupby(keys, sort=True)) if keys else [((), table)]
    colours = colormaps["viridis"](np.linspace(0, 0.9, max(len(groups), 1)))
    numeric = pd.api.types.is_numeric_dtype(table[x])
    span = float(table[x].max() - table[x].min()) if numeric else 0.0
    for i, ((values, group), colour) in enumerate(zip(groups, colours)):
        g = group.sort_values(x)
        err = np.vstack([g[column] - g[f"{column}_lo"], g[f"{column}_hi"] - g[column]])
        values = values if isinstance(values, tuple) else (values,)
        name = ", ".join(f"{k.split('.')[-1]} = {v}" for k, v in zip(keys, values)) or None
        joined = g[x].is_unique and g[x].nunique() <= GRID_LEVELS
        dodge = (i - (len(groups) - 1) / 2) * 0.012 * span  # keep overlapping intervals apart
        ax.errorbar(g[x] + dodge if numeric else g[x], g[column], yerr=err, color=colour, capsize=3, marker="o",
                    linestyle="-" if joined else "none", linewidth=2, label=name, alpha=0.9)
    ax.set_ylim(0, 1)
    ax.set_xlabel(label(x), fontsize=FONT)
    ax.set_ylabel(f"{ylabel}, 95% interval", fontsize=FONT)
    ax.tick_params(labelsize=SMALL)
    ax.grid(alpha=0.3)
    if keys:
        ax.legend(fontsize=SMALL)
    _title(ax, title, "Risk of conflict relapse across the sweep")
    return fig


def heatmap_figure(table: pd.DataFrame, x: str, y: str, title: str = "") -> Figure:
    """P(relapse) over the grid of ``x`` × ``y`` (the mean where several jobs share a cell)."""
    column, ylabel = outcome(table)
    grid = table.pivot_table(index=y, columns=x, values=column, aggfunc="mean").sort_index(ascending=False)
    fig = Figure(figsize=(8, 6), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(grid.to_numpy(), cmap="magma_r", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(grid.shape[1]), [f"{v:g}" if isinstance(v, float) else str(v) for v in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [f"{v:g}" if isinstance(v, float) else str(v) for v in grid.index])
    for (i, j), value in np.ndenumerate(grid.to_numpy()):
        if not np.isnan(value):
            ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=SMALL,
                    color="white" if value > 0.55 else "black")
    ax.set_xlabel(label(x), fontsize=FONT)
    ax.set_ylabel(label(y), fontsize=FONT)
    ax.tick_params(labelsize=SMALL)
    fig.colorbar(image, ax=ax).set_label(ylabel, fontsize=FONT)
    _title(ax, title, "Risk of conflict relapse")
    return fig


def confidence_figure(confidence: pd.DataFrame, table: pd.DataFrame, by: str | None,
                      variable: str = "public_confidence", title: str = "") -> Figure:
    """Median ``variable`` over time per job, coloured by the job's value of ``by``."""
    fig = Figure(figsize=(9, 5.5), layout="constrained")
    ax = fig.add_subplot()
    data = confidence[confidence["variable"] == variable]
    numeric = by is not None and pd.api.types.is_numeric_dtype(table[by])
    values = table.set_index("job")[by] if by is not None else None
    norm = Normalize(table[by].min(), table[by].max()) if numeric else None
    categories = {v: i for i, v in enumerate(sorted(values.unique(), key=str))} if by and not numeric else {}
    for job, g in data.groupby("job"):
        if numeric:
            colour = colormaps["viridis"](norm(values[job]))
        elif by is not None:
            colour = colormaps["tab10"](categories[values[job]] % 10)
        else:
            colour = "#0072B2"
        ax.plot(g["month"] / 12, g["q50"], color=colour, linewidth=1.6, alpha=0.85)
    if numeric:
        fig.colorbar(ScalarMappable(norm=norm, cmap=colormaps["viridis"]), ax=ax).set_label(
            label(by), fontsize=FONT)
    elif categories:
        for v, i in categories.items():
            ax.plot([], [], color=colormaps["tab10"](i % 10), label=f"{by} = {v}")
        ax.legend(fontsize=SMALL)
    ax.set_ylim(0, 1)
    ax.set_xlabel(YEARS_LABEL, fontsize=FONT)
    ax.set_ylabel("Share of citizens who trust, median of runs\n(trust of 0.5 or more on a 0–1 scale)", fontsize=FONT)
    ax.tick_params(labelsize=SMALL)
    ax.grid(alpha=0.3)
    ax.margins(x=0)
    _title(ax, title, "Public confidence across the sweep")
    return fig


def save_sweep_figures(folder: str | Path) -> list[Path]:
    """Draw a collected sweep's figures into ``folder`` (which ones depends on its dimensions).

    Drawing again replaces them; a file of the same name that is not ssrsim's is refused instead.
    """
    folder = Path(folder)
    if not (folder / SWEEP_TABLE).exists():
        raise FileNotFoundError(f"{folder} has no {SWEEP_TABLE}; run ssrsim collect {folder} first")
    refuse_theirs(folder, SWEEP_FIGURES, overwrite=True)
    table = read_table(folder / SWEEP_TABLE)
    plan = read_json(folder / PLAN_FILE) if (folder / PLAN_FILE).exists() else {}
    question = plan.get("description", "")
    swept = [k for k in table.columns if k in plan.get("swept", [])] or \
        [k for k in table.columns[1:table.columns.get_loc("seed")]]
    # a key that names design points (ssrsim sensitivity) is no axis; its figures are the rankings
    swept = [k for k in swept if pd.api.types.is_numeric_dtype(table[k]) or table[k].nunique() <= GRID_LEVELS]
    ordered = sorted(swept, key=lambda k: -table[k].nunique())  # the longest axis on x
    figures: dict[str, Figure] = {}
    if ordered:
        x, others = ordered[0], ordered[1:]
        lines = len(table.drop_duplicates(others)) if others else 1
        by = others if lines <= MAX_LINES else None  # else points: too many lines to tell apart
        figures["sweep_relapse.png"] = relapse_figure(table, x, by, title=question)
        if len(ordered) == 2 and table[x].nunique() <= GRID_LEVELS:
            figures["sweep_heatmap.png"] = heatmap_figure(table, x, ordered[1], title=question)
    if (folder / CONFIDENCE_TABLE).exists():
        confidence = pd.read_parquet(folder / CONFIDENCE_TABLE, filters=[("variable", "=", "public_confidence")])
        figures["sweep_confidence.png"] = confidence_figure(confidence, table, ordered[0] if ordered else None,
                                                            title=question)
    return [save_figure(fig, folder / name) for name, fig in figures.items()]
