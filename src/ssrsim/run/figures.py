"""Figures of a run, built on :mod:`ssrsim.run.analysis`.

Every figure is a bare :class:`matplotlib.figure.Figure`, never pyplot state: nothing is
registered globally, so figures can be drawn from worker threads or in a loop without leaking,
and no GUI backend is ever needed. Each panel has a ``draw_*(ax, ...)`` function that the single
figures and the one-page overview share. Fonts are set per artist (not through rcParams, which
are global) and are at least 11 pt so the figures stay readable on a slide.

Month m is plotted at m / 12 years, as the console report counts time, or at ``dates[m]`` when a
calendar is given (``ssrsim.config.calendar.dates``). Series are labelled as the outputs catalogue
names them (:mod:`ssrsim.model.outputs`). Lines differ in style as well as colour, so a figure
reads in greyscale and for colour-blind readers.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
from matplotlib.ticker import FuncFormatter, MultipleLocator
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..config.calendar import dates as calendar_dates
from ..model import STATUSES
from ..model.outputs import output
from .analysis import BANDED, Curves, cumulative_incidence
from .files import save_figure
from .results import FIGURE_FILES

FONT = 12
SMALL = 11
TITLE = 14
YEARS_LABEL = "Years since the peace agreement"
#: Share of fighters below which a status is too thin to see in the stack: also drawn as a line.
THIN_STATUS = 0.05

# Okabe & Ito (2008) colour-blind-safe palette, grey added for the dead.
STATUS_COLOURS = dict(zip(STATUSES, ("#D55E00", "#E69F00", "#F0E442", "#56B4E9", "#009E73",
                                     "#0072B2", "#CC79A7", "#666666")))
#: Lines of the thin statuses: the stack's colours, but a darker yellow (a yellow line on white
#: is invisible), and a style each.
STATUS_LINES = {"cantoned": ("#E69F00", "-"), "demobilized": ("#9E8F00", "--"), "reintegrating": ("#56B4E9", "-."),
                "remobilized": ("#CC79A7", "-"), "killed": ("#666666", ":")}
CONFIDENCE_COLOURS = {"public_confidence": "#000000", "confidence_army": "#0072B2",
                      "confidence_police": "#D55E00", "confidence_gendarmerie": "#009E73"}
CONFIDENCE_SERIES = {c: (output(c).short, colour) for c, colour in CONFIDENCE_COLOURS.items()}
#: Each service's median line: its style, so that no service hides another in greyscale.
SERVICE_STYLES = {"confidence_army": "-", "confidence_police": "--", "confidence_gendarmerie": ":"}
VIOLENCE_SERIES = {c: (output(c).label, colour) for c, colour in
                   {"battle_deaths": "#D55E00", "one_sided_deaths": "#CC79A7", "abuses": "#0072B2"}.items()}
VIOLENCE_STYLES = {"battle_deaths": "-", "one_sided_deaths": "--", "abuses": ":"}
#: Counts on an axis, with thousands separators.
THOUSANDS = FuncFormatter(lambda value, _: f"{value:,.0f}")


def curves(timeseries: pd.DataFrame | Curves) -> Curves:
    """What the panels draw: given (a run's ``read_curves``), or computed from the table."""
    return timeseries if isinstance(timeseries, Curves) else Curves.of(timeseries, BANDED)


def _x(months: np.ndarray | pd.Series, dates: pd.DatetimeIndex | None) -> np.ndarray:
    """Plot positions of month numbers: years since the agreement, or the months' calendar dates."""
    months = np.asarray(months, dtype=np.int64)
    return months / 12 if dates is None else dates[months].to_numpy()


#: A legend under the panel, where it hides no curve.
BELOW = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.14), "ncol": 2, "frameon": False}


def _style(ax: Axes, title: str, ylabel: str, dates: pd.DatetimeIndex | None,
           **legend: object) -> None:
    """Title, axis labels, slide-sized fonts, and a year or compact date axis.

    The title sits just above the panel (``y=1``), where Matplotlib would place it anyway: no
    panel has tick labels or an offset above it. Left to Matplotlib, its place is worked out
    again at every layout pass and draw by measuring every tick label of the y axis."""
    ax.set_title(title, fontsize=TITLE, y=1)
    ax.set_ylabel(ylabel, fontsize=FONT)
    ax.set_xlabel(YEARS_LABEL if dates is None else "Date (month)", fontsize=FONT)
    ax.tick_params(labelsize=SMALL)
    if dates is None:
        span = ax.get_xlim()[1] - ax.get_xlim()[0]
        ax.xaxis.set_major_locator(MultipleLocator(1 if span <= 8 else 2 if span <= 20 else 5))
    else:
        locator = mdates.AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.xaxis.get_offset_text().set_fontsize(SMALL)
    ax.margins(x=0)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=SMALL, **({"loc": "upper left"} | legend))


def _mark_years(ax: Axes, ci: pd.DataFrame, months: int, colour: str,
                dates: pd.DatetimeIndex | None) -> None:
    """Dot and label the probability at 5, 10 and 20 years, the numbers the console report gives.

    A label goes below its dot when the curve is high (above it would leave the panel) and to the
    left of a dot near the right edge."""
    for years in (5, 10, 20):
        if 12 * years <= months:
            p = ci["p"].iloc[12 * years]
            x = _x([12 * years], dates)[0]
            ax.plot([x], [p], "o", color=colour, markersize=7)
            left = 12 * years > 0.85 * months
            ax.annotate(f"{years} y: {p:.2f}", (x, p), xytext=(-6 if left else 6, -20 if p > 0.8 else 8),
                        textcoords="offset points", fontsize=SMALL, ha="right" if left else "left",
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
        ax.step(x, ci["p"], where="post", color=colour, linewidth=2.2, label=label,
                linestyle="-" if i == 0 else "--")
        if i == 0:
            _mark_years(ax, ci, months, colour, dates)
    ax.set_ylim(0, 1)
    ax.set_xlim(_x([0], dates)[0], _x([months], dates)[0])


def _method(summary: pd.DataFrame) -> str:
    """What a risk panel's intervals are, and over how many runs: its y label's second line."""
    return f"({len(summary)} runs; 95% intervals: Kaplan–Meier)"


def draw_relapse(ax: Axes, summary: pd.DataFrame, months: int,
                 thresholds_label: str = "≥25 battle deaths in 12 months",
                 dates: pd.DatetimeIndex | None = None) -> None:
    """Cumulative probability of relapse (and of war-level relapse) with 95% bands."""
    curves = [("relapse_month", "Relapse", f"Relapse ({thresholds_label})", "#D55E00")]
    if "war_relapse_month" in summary and summary["war_relapse_month"].notna().any():
        curves.append(("war_relapse_month", "War-level", "War-level relapse", "#000000"))
    _draw_incidence(ax, summary, months, curves, dates)
    _style(ax, "Risk of conflict relapse", f"Probability of relapse\n{_method(summary)}", dates, **BELOW)


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
           f"Probability of atrocity\n{_method(summary)}", dates, **BELOW)


def _banded(tidy: pd.DataFrame, series: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The ``series`` that have bands (older runs lack some columns)."""
    present = set(tidy["variable"].unique())  # once, not per series: a Python loop over the column
    return {k: v for k, v in series.items() if k in present}


def draw_confidence(ax: Axes, timeseries: pd.DataFrame | Curves,
                    dates: pd.DatetimeIndex | None = None) -> None:
    """Public confidence across replicates: the overall median with its 50% and 90% bands in two
    greys, and each service's median as a line of its own style (four services' bands on top of
    each other could not be told apart)."""
    tidy = curves(timeseries).bands
    series = _banded(tidy, CONFIDENCE_SERIES)
    if "public_confidence" in series:
        b = tidy[tidy["variable"] == "public_confidence"]
        x = _x(b["month"], dates)
        ax.fill_between(x, b["q05"], b["q95"], color="#DDDDDD", linewidth=0, label="Overall: 90% of runs")
        ax.fill_between(x, b["q25"], b["q75"], color="#AAAAAA", linewidth=0, label="Overall: middle 50% of runs")
        ax.plot(x, b["q50"], color="black", linewidth=2.8, label="Overall (median)", zorder=3)
    for variable in SERVICE_STYLES:
        if variable in series:
            b = tidy[tidy["variable"] == variable]
            label, colour = series[variable]
            ax.plot(_x(b["month"], dates), b["q50"], color=colour, linewidth=2, linestyle=SERVICE_STYLES[variable],
                    label=f"{label} (median)", zorder=4)
    ax.set_ylim(0, 1)
    _style(ax, "Public confidence in the security services",
           "Share of citizens who trust\n(trust of 0.5 or more on a 0–1 scale)", dates, **BELOW)


def _statuses(means: pd.DataFrame) -> list[str]:
    return [s for s in STATUSES if f"excombatants_{s}" in means]


def thin_statuses(timeseries: pd.DataFrame | Curves) -> list[str]:
    """The statuses whose mean never reaches :data:`THIN_STATUS` of the fighters: too thin to see
    in the stack, so drawn as lines too (:func:`draw_thin_statuses`)."""
    means = curves(timeseries).means
    present = _statuses(means)
    total = means[[f"excombatants_{s}" for s in present]].sum(axis=1).max()
    return [s for s in present if means[f"excombatants_{s}"].max() < THIN_STATUS * total]


def draw_status(ax: Axes, timeseries: pd.DataFrame | Curves,
                dates: pd.DatetimeIndex | None = None) -> None:
    """Stacked mean number of former fighters in each DDR status; the legend lists them top to
    bottom as the stack has them."""
    means = curves(timeseries).means
    present = _statuses(means)
    ax.stackplot(_x(means.index, dates), *(means[f"excombatants_{s}"] for s in present),
                 labels=[output(f"excombatants_{s}").short for s in present],
                 colors=[STATUS_COLOURS[s] for s in present], edgecolor="white", linewidth=0.3)
    ax.yaxis.set_major_formatter(THOUSANDS)
    _style(ax, "Fighters by status (mean of runs)", "Fighters (people)", dates,
           bbox_to_anchor=(1.01, 1), borderaxespad=0, reverse=True)


def draw_thin_statuses(ax: Axes, timeseries: pd.DataFrame | Curves, statuses: list[str],
                       dates: pd.DatetimeIndex | None = None) -> None:
    """The thin statuses of the stack as lines on their own scale, so that the few fighters
    demobilised, remobilised or killed are seen."""
    means = curves(timeseries).means
    x = _x(means.index, dates)
    for s in statuses:
        colour, style = STATUS_LINES.get(s, (STATUS_COLOURS[s], "-"))
        ax.plot(x, means[f"excombatants_{s}"], color=colour, linestyle=style, linewidth=2,
                label=output(f"excombatants_{s}").short)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(THOUSANDS)
    _style(ax, "The smaller groups, on their own scale", "Fighters (people)", dates, **BELOW)


def draw_violence(ax: Axes, timeseries: pd.DataFrame | Curves,
                  dates: pd.DatetimeIndex | None = None) -> None:
    """The three kinds of violence per month, from month 1 (month 0 is the starting state, with
    nothing counted yet): each one's mean over replicates with the band of 90% of runs. Means, not
    medians: in most months most runs are at peace, so the median of battle deaths is zero."""
    c = curves(timeseries)
    series = _banded(c.bands, VIOLENCE_SERIES)
    for variable, (label, colour) in series.items():
        b = c.bands[(c.bands["variable"] == variable) & (c.bands["month"] > 0)]
        ax.fill_between(_x(b["month"], dates), b["q05"], b["q95"], color=colour, alpha=0.15, linewidth=0)
        mean = c.means[variable].loc[1:] if variable in c.means else None
        if mean is not None:
            ax.plot(_x(mean.index, dates), mean, color=colour, linewidth=1.8, linestyle=VIOLENCE_STYLES[variable],
                    label=f"{label} (mean)")
    ax.fill_between([], [], [], color="#999999", alpha=0.3, linewidth=0, label="Shaded: 90% of runs")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(THOUSANDS)
    _style(ax, "Violence per month", "People per month", dates, **BELOW)


def _single(size: tuple[float, float], title: str | None) -> Figure:
    """A figure for one panel, titled with the run (scenario and replicates) when given."""
    fig = Figure(figsize=size, layout="constrained")
    if title:
        fig.suptitle(title, fontsize=TITLE + 2)
    return fig


def relapse_figure(summary: pd.DataFrame, months: int,
                   thresholds_label: str = "≥25 battle deaths in 12 months",
                   dates: pd.DatetimeIndex | None = None, title: str | None = None) -> Figure:
    """The relapse panel alone (``relapse_risk.png``)."""
    fig = _single((10, 6.5), title)
    draw_relapse(fig.add_subplot(), summary, months, thresholds_label, dates)
    return fig


def confidence_figure(timeseries: pd.DataFrame | Curves, dates: pd.DatetimeIndex | None = None,
                      title: str | None = None) -> Figure:
    """The confidence panel alone (``public_confidence.png``)."""
    fig = _single((10, 6.5), title)
    draw_confidence(fig.add_subplot(), timeseries, dates)
    return fig


def status_figure(timeseries: pd.DataFrame | Curves, dates: pd.DatetimeIndex | None = None,
                  title: str | None = None) -> Figure:
    """The fighters-by-status panel (``fighters_by_status.png``), with the thin statuses as lines
    below it when there are any."""
    thin = thin_statuses(timeseries)
    fig = _single((11, 9.5 if thin else 6), title)
    if thin:
        stack, lines = fig.subplots(2, 1, height_ratios=(3, 2), sharex=True)
        draw_status(stack, timeseries, dates)
        draw_thin_statuses(lines, timeseries, thin, dates)
        lines.legend(fontsize=SMALL, loc="upper left", bbox_to_anchor=(1.01, 1), borderaxespad=0, frameon=False)
        stack.set_xlabel("")
    else:
        draw_status(fig.add_subplot(), timeseries, dates)
    return fig


def violence_figure(timeseries: pd.DataFrame | Curves, dates: pd.DatetimeIndex | None = None,
                    title: str | None = None) -> Figure:
    """The violence panel alone (the browser app shows it beside the others)."""
    fig = _single((10, 6.5), title)
    draw_violence(fig.add_subplot(), timeseries, dates)
    return fig


def overview_figure(summary: pd.DataFrame, timeseries: pd.DataFrame | Curves, months: int, title: str,
                    dates: pd.DatetimeIndex | None = None) -> Figure:
    """One page with the four panels, for a report or a slide.

    When the run has atrocity risk its panel goes next to relapse risk in a top row of three; the
    rows are subfigures so that the fighters' legend, outside its panel, does not widen a column
    of the top row.
    """
    atrocity, thin = has_atrocity(summary), thin_statuses(timeseries)
    fig = Figure(figsize=(20, 12), layout="constrained")
    top, bottom = fig.subfigures(2, 1)
    panels = iter(top.subplots(1, 3 if atrocity else 2))
    draw_relapse(next(panels), summary, months, dates=dates)
    if atrocity:
        draw_atrocity(next(panels), summary, months, dates)
    draw_confidence(next(panels), timeseries, dates)
    panels = iter(bottom.subplots(1, 3 if thin else 2, width_ratios=(5, 3, 4) if thin else (1, 1)))
    draw_status(next(panels), timeseries, dates)
    if thin:
        draw_thin_statuses(next(panels), timeseries, thin, dates)
    draw_violence(next(panels), timeseries, dates)
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
    figures = {relapse: relapse_figure(summary, months, dates=dates, title=title),
               confidence: confidence_figure(timeseries, dates, title),
               status: status_figure(timeseries, dates, title),
               overview: overview_figure(summary, timeseries, months, title, dates)}
    return [save_figure(fig, folder / name) for name, fig in figures.items()]


def save_run_figures(folder: str | Path, cfg, summary: pd.DataFrame, timeseries: pd.DataFrame | Curves) -> list[Path]:
    """A run folder's four figures, titled with its scenario and replicates (``ssrsim run``,
    ``ssrsim plot RUN_DIR``)."""
    return save_figures(summary, timeseries, cfg.months, folder, title=f"ssrsim: {cfg.name} ({cfg.replicates} replicates)",
                        calendar_start=cfg.calendar.start)
