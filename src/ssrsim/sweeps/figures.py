"""Figures of a collected sweep (``ssrsim plot DIR``), from its tidy tables.

Like :mod:`ssrsim.run.figures`, each function takes DataFrames and returns a bare ``Figure``. Axes
are labelled with the swept key and its unit from the schema, and figures are titled with the
sweep's question (the experiment's ``description``) when it has one.

* :func:`relapse_figure`: P(relapse) against one swept value with 95% intervals, one line per
  value of a second swept key (or points, for a sampled design);
* :func:`heatmap_figure`: P(relapse) over a two-dimensional grid;
* :func:`confidence_figure`: public confidence over time, one panel per job with its median and
  the bands of 50% and 90% of its runs; beyond :data:`MAX_PANELS` jobs, one median line per job,
  coloured by a swept value.

Every figure says how many runs each point, cell or panel rests on: at 10 replicates a difference
of 0.2 between two cells is within chance, and a reader must be able to see that.
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
MAX_PANELS = 12  # more jobs than this: the confidence figure draws median lines, without bands


def unit(key: str) -> str:
    """A config key's unit from the schema ("" if it has none or is not a field)."""
    info = field_info(Config, key)
    return extra(info).get("unit", "") if info is not None else ""


def label(key: str) -> str:
    """``levers.ddr.reintegration_months`` -> ``reintegration_months (months)``, unit from the schema."""
    return f"{key.split('.')[-1]} ({unit(key)})" if unit(key) else key.split(".")[-1]


def outcome(table: pd.DataFrame) -> tuple[str, str]:
    """The relapse column a figure shows: by 10 years if the runs reach it, else by their end."""
    if "p_relapse_10y" in table and table["p_relapse_10y"].notna().all():
        return "p_relapse_10y", "P(relapse by 10 years)"
    months = int(table["months"].min())
    return "p_relapse_end", f"P(relapse by month {months})"


def _title(ax, title: str, default: str) -> None:
    """The sweep's question (wrapped to the figure's width) or a default title."""
    ax.set_title(textwrap.fill(title or default, 64), fontsize=TITLE)


def runs(table: pd.DataFrame) -> str:
    """How many runs each job holds, in words: "10 runs each" (or a range when they differ)."""
    low, high = int(table["replicates"].min()), int(table["replicates"].max())
    return f"{low} runs each" if low == high else f"{low}–{high} runs each"


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
    ax.set_ylabel(f"{ylabel}\n(95% interval; {runs(table)})", fontsize=FONT)
    ax.tick_params(labelsize=SMALL)
    ax.grid(alpha=0.3)
    if keys:  # under the panel, where it hides no interval
        ax.legend(fontsize=SMALL, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False)
    _title(ax, title, "Risk of conflict relapse across the sweep")
    return fig


def heatmap_figure(table: pd.DataFrame, x: str, y: str, title: str = "") -> Figure:
    """P(relapse) over the grid of ``x`` × ``y`` (the mean where several jobs share a cell), each
    cell with its 95% interval when one job fills it."""
    column, ylabel = outcome(table)
    cells = table.pivot_table(index=y, columns=x, values=[column, f"{column}_lo", f"{column}_hi"],
                              aggfunc=["mean", "count"]).sort_index(ascending=False)
    grid, alone = cells["mean"][column], cells["count"][column] == 1
    fig = Figure(figsize=(8.5, 6.5), layout="constrained")
    ax = fig.add_subplot()
    image = ax.imshow(grid.to_numpy(), cmap="magma_r", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(grid.shape[1]), [f"{v:g}" if isinstance(v, float) else str(v) for v in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [f"{v:g}" if isinstance(v, float) else str(v) for v in grid.index])
    lo, hi = cells["mean"][f"{column}_lo"].to_numpy(), cells["mean"][f"{column}_hi"].to_numpy()
    for (i, j), value in np.ndenumerate(grid.to_numpy()):
        if not np.isnan(value):
            text = f"{value:.2f}\n[{lo[i, j]:.2f}, {hi[i, j]:.2f}]" if alone.iloc[i, j] else f"{value:.2f}\n(mean)"
            ax.text(j, i, text, ha="center", va="center", fontsize=SMALL,
                    color="white" if value > 0.55 else "black")
    ax.set_xlabel(label(x), fontsize=FONT)
    ax.set_ylabel(label(y), fontsize=FONT)
    ax.tick_params(labelsize=SMALL)
    fig.colorbar(image, ax=ax).set_label(f"{ylabel}\n[95% interval]; {runs(table)}", fontsize=FONT)
    _title(ax, title, "Risk of conflict relapse")
    return fig


def _job_name(table: pd.DataFrame, job: int, keys: list[str]) -> str:
    """A job's panel title: its values of ``keys`` ("political_will = 0.2, ..."), or its number."""
    row = table.set_index("job").loc[job]
    return ", ".join(f"{k.split('.')[-1]} = {row[k]:g}" if isinstance(row[k], float) else f"{k.split('.')[-1]} = {row[k]}"
                     for k in keys) or f"job {job}"


def confidence_figure(confidence: pd.DataFrame, table: pd.DataFrame, by: str | None,
                      variable: str = "public_confidence", title: str = "", keys: list[str] | None = None) -> Figure:
    """``variable`` over time: one panel per job (named by its values of ``keys``) with the median
    and the bands of 50% and 90% of its runs, or, beyond :data:`MAX_PANELS` jobs, the median of each
    job as a line coloured by its value of ``by``."""
    data = confidence[confidence["variable"] == variable]
    jobs = sorted(data["job"].unique())
    if len(jobs) <= MAX_PANELS:
        return _confidence_panels(data, table, jobs, keys if keys is not None else ([by] if by else []), title)
    fig = Figure(figsize=(9, 5.5), layout="constrained")
    ax = fig.add_subplot()
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
    ax.set_ylabel(f"Share of citizens who trust, median of runs\n({len(jobs)} jobs, {runs(table)}; "
                  "bands omitted)", fontsize=FONT)
    ax.tick_params(labelsize=SMALL)
    ax.grid(alpha=0.3)
    ax.margins(x=0)
    _title(ax, title, "Public confidence across the sweep")
    return fig


def _confidence_panels(data: pd.DataFrame, table: pd.DataFrame, jobs: list[int], keys: list[str],
                       title: str) -> Figure:
    """One small panel per job: median, and the bands of 50% and 90% of its runs in two greys."""
    columns = min(3, len(jobs))
    rows = -(-len(jobs) // columns)
    fig = Figure(figsize=(5 * columns, 3.6 * rows + 1.2), layout="constrained")
    axes = np.atleast_1d(fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False).ravel())
    for ax, job in zip(axes, jobs):
        g = data[data["job"] == job]
        years = g["month"] / 12
        ax.fill_between(years, g["q05"], g["q95"], color="#DDDDDD", linewidth=0, label="90% of runs")
        ax.fill_between(years, g["q25"], g["q75"], color="#AAAAAA", linewidth=0, label="middle 50% of runs")
        ax.plot(years, g["q50"], color="black", linewidth=2, label="median")
        ax.set_title(textwrap.fill(_job_name(table, job, keys), 56), fontsize=SMALL + 1)
        ax.set_ylim(0, 1)
        ax.margins(x=0)
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=SMALL)
    for ax in axes[len(jobs):]:
        ax.set_visible(False)
    fig.legend(*axes[0].get_legend_handles_labels(), fontsize=SMALL, loc="outside lower center", ncol=3,
               frameon=False)  # under the panels, where it hides no band
    for ax in axes[max(0, len(jobs) - columns):len(jobs)]:  # the bottom panel of each column
        ax.set_xlabel(YEARS_LABEL, fontsize=FONT)
        ax.xaxis.set_tick_params(labelbottom=True)
    fig.supylabel("Share of citizens who trust (trust of 0.5 or more on a 0–1 scale)", fontsize=FONT)
    fig.suptitle(textwrap.fill(title or f"Public confidence across the sweep ({runs(table)})", 80), fontsize=TITLE)
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
                                                            title=question, keys=ordered)
    return [save_figure(fig, folder / name) for name, fig in figures.items()]
