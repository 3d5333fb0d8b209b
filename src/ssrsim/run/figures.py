"""Figures of a run, built on :mod:`ssrsim.run.analysis`.

Every figure is a bare :class:`matplotlib.figure.Figure`, never pyplot state: nothing is
registered globally, so figures can be drawn from worker threads or in a loop without leaking,
and no GUI backend is ever needed. Each panel has a ``draw_*(ax, ...)`` function that the single
figures and the one-page overview share. Fonts are set per artist (not through rcParams, which
are global) and are at least 11 pt so the figures stay readable on a slide.

Month m is plotted at m, or at ``dates[m]`` when a calendar is given (``ssrsim.config.calendar.dates``).
Series are labelled as the outputs catalogue names them (:mod:`ssrsim.model.outputs`).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..config.calendar import dates as calendar_dates
from ..model import STATUSES
from ..model.outputs import output
from .analysis import Curves, cumulative_incidence
from .files import save_figure
from .results import FIGURE_FILES

FONT = 12
SMALL = 11
TITLE = 14
MONTHS_LABEL = "Months since the peace agreement"

# Okabe & Ito (2008) colour-blind-safe palette, grey added for the dead.
STATUS_COLOURS = dict(zip(STATUSES, ("#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#009E73",
                                     "#0072B2", "#CC79A7", "#666666")))
CONFIDENCE_COLOURS = {"public_confidence": "#000000", "confidence_army": "#0072B2",
                      "confidence_police": "#D55E00", "confidence_gendarmerie": "#009E73"}
CONFIDENCE_SERIES = {c: (output(c).short, colour) for c, colour in CONFIDENCE_COLOURS.items()}
VIOLENCE_SERIES = {c: (output(c).label, colour) for c, colour in
                   {"battle_deaths": "#D55E00", "one_sided_deaths": "#CC79A7", "abuses": "#0072B2"}.items()}
#: The timeseries columns drawn with quantile bands.
BANDED = (*CONFIDENCE_SERIES, *VIOLENCE_SERIES)


def curves(timeseries: pd.DataFrame | Curves) -> Curves:
    """What the panels draw: given (a run's ``read_curves``), or computed from the table."""
    return timeseries if isinstance(timeseries, Curves) else Curves.of(timeseries, BANDED)


def _x(months: np.ndarray | pd.Series, dates: pd.DatetimeIndex | None) -> np.ndarray:
    """Plot positions of month numbers: the months themselves or their calendar dates."""
    months = np.asarray(months, dtype=np.int64)
    return months if dates is None else dates[months].to_numpy()


def _style(ax: Axes, title: str, ylabel: str, dates: pd.DatetimeIndex | None,
           **legend: object) -> None:
    """Title, axis labels, slide-sized fonts, and a compact date axis when dated."""
    ax.set_title(title, fontsize=TITLE)
    ax.set_ylabel(ylabel, fontsize=FONT)
    ax.set_xlabel(MONTHS_LABEL if dates is None else "Date (month)", fontsize=FONT)
    ax.tick_params(labelsize=SMALL)
    if dates is not None:
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.xaxis.get_offset_text().set_fontsize(SMALL)
    ax.margins(x=0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=SMALL, **({"loc": "upper left"} | legend))


def _draw_quantile_bands(ax: Axes, tidy: pd.DataFrame, series: dict[str, tuple[str, str]],
                         dates: pd.DatetimeIndex | None) -> None:
    """Median line with a 25-75% band and a lighter 5-95% band for each series."""
    for variable, (label, colour) in series.items():
        b = tidy[tidy["variable"] == variable]
        x = _x(b["month"], dates)
        ax.fill_between(x, b["q05"], b["q95"], color=colour, alpha=0.10, linewidth=0)
        ax.fill_between(x, b["q25"], b["q75"], color=colour, alpha=0.25, linewidth=0)
        overall = variable == "public_confidence"
        ax.plot(x, b["q50"], color=colour, linewidth=2.5 if overall else 1.8,
                zorder=3 if overall else 2, label=label)


def _mark_years(ax: Axes, ci: pd.DataFrame, months: int, colour: str,
                dates: pd.DatetimeIndex | None) -> None:
    """Dot and label the probability at 5 and 10 years, the numbers people quote."""
    for years in (5, 10):
        if 12 * years <= months:
            p = ci["p"].iloc[12 * years]
            x = _x([12 * years], dates)[0]
            ax.plot([x], [p], "o", color=colour, markersize=7)
            ax.annotate(f"{years} y: {p:.2f}", (x, p), xytext=(6, 8),
                        textcoords="offset points", fontsize=SMALL,
                        bbox={"boxstyle": "round", "facecolor": "white", "alpha": 0.8})


#: The atrocity-risk curves (column, legend name, legend label with its threshold, colour): one
#: identity group's civilians deliberately killed within 12 months, at the UCDP one-sided violence
#: threshold and at the Early Warning Project's mass-killing threshold (``cfg.thresholds``). Purple
#: matches one-sided violence in the violence panel; neither colour is one of the relapse curves'.
ATROCITY_CURVES = (("one_sided_violence_month", "One-sided violence",
                    "One-sided violence (≥25 of one group)", "#CC79A7"),
                   ("mass_atrocity_month", "Mass atrocity", "Mass atrocity (≥1,000 of one group)", "#0072B2"))


def _draw_incidence(ax: Axes, summary: pd.DataFrame, months: int,
                    curves: list[tuple[str, str, str, str]], dates: pd.DatetimeIndex | None) -> None:
    """Cumulative-incidence step curves with 95% bands on a 0-1 axis, the first one marked at 5
    and 10 years: the one layout for every risk panel, so relapse and atrocity read alike."""
    for i, (column, short, label, colour) in enumerate(curves):
        ci = cumulative_incidence(summary, months, column)
        x = _x(ci["month"], dates)
        ax.fill_between(x, ci["lo"], ci["hi"], step="post", color=colour, alpha=0.2,
                        linewidth=0, label=f"{short}: 95% interval")
        ax.step(x, ci["p"], where="post", color=colour, linewidth=2.2, label=label)
        if i == 0:
            _mark_years(ax, ci, months, colour, dates)
    ax.set_ylim(0, 1)
    ax.set_xlim(_x([0], dates)[0], _x([months], dates)[0])


def draw_relapse(ax: Axes, summary: pd.DataFrame, months: int,
                 thresholds_label: str = "≥25 battle deaths in 12 months",
                 dates: pd.DatetimeIndex | None = None) -> None:
    """Cumulative probability of relapse (and of war-level relapse) with 95% bands."""
    curves = [("relapse_month", "Relapse", f"Relapse ({thresholds_label})", "#D55E00")]
    if "war_relapse_month" in summary and summary["war_relapse_month"].notna().any():
        curves.append(("war_relapse_month", "War-level", "War-level relapse", "#000000"))
    _draw_incidence(ax, summary, months, curves, dates)
    _style(ax, "Risk of conflict relapse", "Probability of relapse", dates)


def has_atrocity(summary: pd.DataFrame) -> bool:
    """Whether the run reports atrocity risk (run folders from before it was modelled do not)."""
    return any(column in summary for column, *_ in ATROCITY_CURVES)


def draw_atrocity(ax: Axes, summary: pd.DataFrame, months: int,
                  dates: pd.DatetimeIndex | None = None) -> None:
    """Cumulative probability of one-sided violence and of a mass atrocity against one identity
    group, with 95% bands.

    Unlike war-level relapse, a curve is drawn even when no replicate reached its threshold: the
    band's upper edge then says how large the risk may still be, which is the point for atrocities.
    """
    curves = [curve for curve in ATROCITY_CURVES if curve[0] in summary]
    _draw_incidence(ax, summary, months, curves, dates)
    _style(ax, "Atrocity risk: civilians of one group killed in 12 months",
           "Probability of atrocity", dates)


def _banded(tidy: pd.DataFrame, series: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The ``series`` that have bands (older runs lack some columns)."""
    return {k: v for k, v in series.items() if k in set(tidy["variable"])}


def draw_confidence(ax: Axes, timeseries: pd.DataFrame | Curves,
                    dates: pd.DatetimeIndex | None = None) -> None:
    """Public confidence, overall and per service, across replicates."""
    tidy = curves(timeseries).bands
    _draw_quantile_bands(ax, tidy, _banded(tidy, CONFIDENCE_SERIES), dates)
    ax.set_ylim(0, 1)
    _style(ax, "Public confidence (median, 50% and 90% bands)",
           "Share of citizens who trust (≥0.5)", dates)


def draw_status(ax: Axes, timeseries: pd.DataFrame | Curves,
                dates: pd.DatetimeIndex | None = None) -> None:
    """Stacked mean number of former fighters in each DDR status."""
    means = curves(timeseries).status
    present = [s for s in STATUSES if f"excombatants_{s}" in means]
    ax.stackplot(_x(means.index, dates), *(means[f"excombatants_{s}"] for s in present),
                 labels=[output(f"excombatants_{s}").short for s in present],
                 colors=[STATUS_COLOURS[s] for s in present])
    _style(ax, "Fighters by status (mean over replicates)", "Fighters (people)", dates,
           bbox_to_anchor=(1.01, 1), borderaxespad=0)


def draw_violence(ax: Axes, timeseries: pd.DataFrame | Curves,
                  dates: pd.DatetimeIndex | None = None) -> None:
    """The three kinds of violence per month across replicates: battle deaths, one-sided violence
    (civilians killed) and abuses."""
    tidy = curves(timeseries).bands
    _draw_quantile_bands(ax, tidy, _banded(tidy, VIOLENCE_SERIES), dates)
    ax.set_ylim(bottom=0)
    _style(ax, "Violence (median, 50% and 90% bands)", "Count per month", dates)


def relapse_figure(summary: pd.DataFrame, months: int,
                   thresholds_label: str = "≥25 battle deaths in 12 months",
                   dates: pd.DatetimeIndex | None = None) -> Figure:
    """The relapse panel alone (``relapse_risk.png``)."""
    fig = Figure(figsize=(10, 6), layout="constrained")
    draw_relapse(fig.add_subplot(), summary, months, thresholds_label, dates)
    return fig


def confidence_figure(timeseries: pd.DataFrame | Curves, dates: pd.DatetimeIndex | None = None) -> Figure:
    """The confidence panel alone (``public_confidence.png``)."""
    fig = Figure(figsize=(10, 6), layout="constrained")
    draw_confidence(fig.add_subplot(), timeseries, dates)
    return fig


def status_figure(timeseries: pd.DataFrame | Curves, dates: pd.DatetimeIndex | None = None) -> Figure:
    """The fighters-by-status panel alone (``fighters_by_status.png``)."""
    fig = Figure(figsize=(11, 6), layout="constrained")
    draw_status(fig.add_subplot(), timeseries, dates)
    return fig


def violence_figure(timeseries: pd.DataFrame | Curves, dates: pd.DatetimeIndex | None = None) -> Figure:
    """The violence panel alone (the browser app shows it beside the others)."""
    fig = Figure(figsize=(10, 6), layout="constrained")
    draw_violence(fig.add_subplot(), timeseries, dates)
    return fig


def overview_figure(summary: pd.DataFrame, timeseries: pd.DataFrame | Curves, months: int, title: str,
                    dates: pd.DatetimeIndex | None = None) -> Figure:
    """One page with the four panels, for a report or a slide.

    When the run has atrocity risk its panel goes next to relapse risk in a top row of three; the
    rows are subfigures so that the fighters' legend, outside its panel, does not widen a column
    of the top row.
    """
    if not has_atrocity(summary):
        fig = Figure(figsize=(16, 10), layout="constrained")
        (a, b), (c, d) = fig.subplots(2, 2)
    else:
        fig = Figure(figsize=(18, 10), layout="constrained")
        top, bottom = fig.subfigures(2, 1)
        a, atrocity, b = top.subplots(1, 3)
        c, d = bottom.subplots(1, 2)
        draw_atrocity(atrocity, summary, months, dates)
    draw_relapse(a, summary, months, dates=dates)
    draw_confidence(b, timeseries, dates)
    draw_status(c, timeseries, dates)
    draw_violence(d, timeseries, dates)
    fig.suptitle(title, fontsize=TITLE + 4)
    return fig


def save_figures(summary: pd.DataFrame, timeseries: pd.DataFrame | Curves, months: int,
                 folder: str | Path, title: str,
                 calendar_start: str | None = None) -> list[Path]:
    """Write the run's four PNGs into ``folder`` and return their paths.

    ``timeseries``: the table, or its curves (``read_curves``, for a run too long to hold). The
    figures are plain ``Figure`` objects, so they are freed once saved: there is no pyplot
    registry to close them from.
    """
    folder, timeseries = Path(folder), curves(timeseries)
    dates = calendar_dates(calendar_start, months) if calendar_start else None
    relapse, confidence, status, overview = FIGURE_FILES
    figures = {relapse: relapse_figure(summary, months, dates=dates),
               confidence: confidence_figure(timeseries, dates),
               status: status_figure(timeseries, dates),
               overview: overview_figure(summary, timeseries, months, title, dates)}
    return [save_figure(fig, folder / name) for name, fig in figures.items()]
