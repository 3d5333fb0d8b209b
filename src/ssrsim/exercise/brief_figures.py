"""The country brief's figures: the months before the first decision, and the scheduled processes.

    start_figure     four panels of the scenario without decisions up to the first decision
                     point (violence, confidence, government and forces, peacekeepers and the
                     armed holdout): median and 5–95% band
    timeline_figure  the processes that run side by side, after the ISSAT chart of 002:107:
                     peacekeeping, DDR, each donor, each armed holdout's track, the elections
                     and the decision points, one lane each on the calendar

Built on ``matplotlib.figure.Figure`` without pyplot, like the debrief's figures; the caller saves
them (:func:`ssrsim.run.files.save_figure`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..config import Config
from ..config.calendar import dates as calendar_dates
from ..model.events import EventSchedule
from ..run.analysis import bands
from ..run.figures import CONFIDENCE_SERIES, SERVICE_STYLES, VIOLENCE_SERIES, VIOLENCE_STYLES
from .menu import Phase

#: The start figure's panels: variable -> (label, colour, line style). Each line in a panel has a
#: style of its own, so that none hides another in greyscale (the confidence lines lie close).
VIOLENCE = {v: (label, colour, VIOLENCE_STYLES[v]) for v, (label, colour) in VIOLENCE_SERIES.items()
            if v != "abuses"}  # abuses are counted on another scale
CONFIDENCE = {v: (label, colour, SERVICE_STYLES.get(v, "-")) for v, (label, colour) in CONFIDENCE_SERIES.items()}
GOVERNMENT = {"political_will": ("Political will", "#000000", "-"), "legitimacy": ("Legitimacy", "#CC79A7", "--"),
              "effectiveness_index": ("Effectiveness", "#0072B2", "-."),
              "accountability_index": ("Accountability", "#009E73", ":")}


def _share_axis_top(b: pd.DataFrame, variables) -> float:
    """The top of a 0-1 axis: 1, or closer to the data when every band stays low, so that lines
    near each other (confidence at a few per cent) can be told apart; in steps of 0.1."""
    high = float(b[b["variable"].isin(list(variables))]["q95"].max())
    return min(1.0, max(0.2, np.ceil(high * 1.25 * 10) / 10))


def start_figure(timeseries: pd.DataFrame, month: int, start: str, title: str, holdout: str = "") -> Figure:
    """Four small panels of months 0..``month`` without decisions (median and 5–95% band);
    ``holdout`` names the armed holdout in the legend."""
    dates = calendar_dates(start, month)
    cols = [*VIOLENCE, *CONFIDENCE, *GOVERNMENT, "peacekeepers", "spoiler_fighters"]
    b = bands(timeseries, cols)
    fig = Figure(figsize=(12, 7.5), layout="constrained")
    axes = fig.subplots(2, 2)
    spoilers = f"Spoiler fighters ({holdout})" if holdout else "Spoiler fighters"
    panels = [  # (axes, title, y label, y range: None, (0, top) or (0, None) for bottom 0, variables)
        (axes[0, 0], "Violence", "people killed per month", (0, None), VIOLENCE),
        (axes[0, 1], "Public confidence", "share who trust", (0, _share_axis_top(b, CONFIDENCE)), CONFIDENCE),
        (axes[1, 0], "Government and forces", "0–1", (0, 1), GOVERNMENT),
        (axes[1, 1], "Peacekeepers and holdout", "people", (0, None),
         {"peacekeepers": ("Peacekeepers", "#56B4E9", "-"), "spoiler_fighters": (spoilers, "#D55E00", "--")}),
    ]
    for ax, panel, ylabel, ylim, variables in panels:
        for var, (label, colour, style) in variables.items():
            d = b[b["variable"] == var]
            x = dates[d["month"].to_numpy()]
            ax.fill_between(x, d["q05"], d["q95"], color=colour, alpha=0.15, linewidth=0)
            ax.plot(x, d["q50"], color=colour, linewidth=2, linestyle=style, label=label)
        ax.set_title(panel, fontsize=13)
        ax.set_ylabel(ylabel, fontsize=11)
        ax.tick_params(labelsize=10)
        ax.tick_params(axis="x", rotation=30)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=10, loc="best")
        if ylim == (0, None):
            ax.set_ylim(bottom=0)
        elif ylim is not None:
            ax.set_ylim(*ylim)
            ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    fig.suptitle(title, fontsize=15)
    return fig


class _Lanes:
    """Horizontal lanes on the calendar of a run, one per process, added as they are first named."""

    def __init__(self, ax, start: str, months: int):
        self.ax, self.months, self.names = ax, months, []
        self.dates = calendar_dates(start, months + 1)

    def lane(self, name: str) -> int:
        if name not in self.names:
            self.names.append(name)
        return self.names.index(name)

    def bar(self, name: str, a: int, b: int, colour: str, alpha: float = 0.8, text: str = "") -> None:
        """A bar from month ``a`` to ``b`` (clipped to the run) in lane ``name``."""
        y = self.lane(name)
        a, b = max(0, a), min(self.months, b)
        if b <= a:
            return
        self.ax.barh(y, self.dates[b] - self.dates[a], left=self.dates[a], height=0.55, color=colour, alpha=alpha)
        if text:  # on a white box, so that a decision point's dashed line does not cross it
            self.ax.text(self.dates[a], y, " " + text, va="center", fontsize=11, zorder=3,
                         bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "alpha": 0.8, "linewidth": 0})

    def mark(self, name: str, month: int, marker: str, size: float, colour: str, text: str) -> None:
        """A marker at ``month`` in lane ``name``, labelled above."""
        y = self.lane(name)
        self.ax.plot([self.dates[month]], [y], marker=marker, markersize=size, color=colour)
        self.ax.text(self.dates[month], y + 0.35, text, fontsize=11, ha="center")


def timeline_figure(cfg: Config, plan: Sequence[Phase]) -> Figure:
    """The processes that run side by side (after 002:107): peacekeeping, DDR, donors, the armed
    holdouts' tracks, elections and the decision points, on the calendar."""
    months = cfg.months
    fig = Figure(figsize=(13, 6.2), layout="constrained")
    ax = fig.add_subplot()
    lanes = _Lanes(ax, cfg.calendar.start, months)
    _peacekeeping_lane(lanes, cfg)
    _ddr_and_donor_lanes(lanes, cfg)
    _holdout_lanes(lanes, cfg)
    # Listed elections and those of the regular calendar (context.government.election_cycle_months),
    # as the model holds them: a case with a cycle has elections that no event lists.
    for month in EventSchedule(cfg).election_months:
        if month <= months:
            lanes.mark("Elections", month, "D", 10, "#CC79A7", lanes.dates[month].strftime("%Y"))
    for i, p in enumerate(plan, 1):
        ax.axvline(lanes.dates[p.month], color="#333333", linestyle="--", linewidth=1)
        ax.text(lanes.dates[p.month], -0.9, f"D{i}", ha="center", fontsize=11, fontweight="bold")
    ax.set_yticks(range(len(lanes.names)), lanes.names, fontsize=11)
    ax.set_ylim(len(lanes.names) - 0.4, -1.3)
    ax.set_xlim(lanes.dates[0], lanes.dates[months])
    ax.tick_params(axis="x", labelsize=11)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(f"Scheduled processes and decision points D1–D{len(plan)}", fontsize=13)
    return fig


def _peacekeeping_lane(lanes: _Lanes, cfg: Config) -> None:
    """The mission: a first smaller one if any, full strength, then the drawdown."""
    pk = cfg.context.peacekeeping
    name = "Peacekeeping"
    if pk.initial_troops is not None and pk.full_strength_month > 0:
        lanes.bar(name, 0, pk.full_strength_month, "#56B4E9", 0.5, f"{pk.initial_troops:,}")
    lanes.bar(name, pk.full_strength_month if pk.initial_troops is not None else 0, pk.mandate_months,
              "#56B4E9", 0.9, f"{pk.troops:,}")
    lanes.bar(name, pk.mandate_months, pk.mandate_months + pk.drawdown_months, "#56B4E9", 0.4, "drawdown")


def _ddr_and_donor_lanes(lanes: _Lanes, cfg: Config) -> None:
    """DDR from its first intake on, and each donor from its first cycle to its exit."""
    ddr_start = min((e.month for e in cfg.events if e.kind == "set_lever"
                     and e.path == "levers.ddr.demobilization_per_month" and (e.value or 0) > 0),
                    default=0 if cfg.levers.ddr.demobilization_per_month > 0 else None)
    if ddr_start is not None:
        lanes.bar("DDR", ddr_start, cfg.months, "#E69F00", 0.8, "intake and reintegration")
    exits = {e.target: e.month for e in cfg.events if e.kind == "donor_exit"}
    for d in cfg.context.donors:
        lanes.bar(f"Donor: {d.called}", d.cycle_offset, exits.get(d.name, cfg.months), "#009E73", 0.7)


def _holdout_lanes(lanes: _Lanes, cfg: Config) -> None:
    """Each armed holdout: fighting until its peace deal, its ceasefires, the deal itself."""
    for s in cfg.context.spoilers:
        if s.kind != "armed_holdout":
            continue
        name = f"Armed holdout: {s.called}"
        deal = min((e.month for e in cfg.events if e.target == s.name and e.kind == "peace_deal"),
                   default=cfg.months)
        lanes.bar(name, 0, deal, "#D55E00", 0.25)
        for e in cfg.events:
            if e.target == s.name and e.kind == "ceasefire":
                lanes.bar(name, e.month, e.month + int(e.value or 0), "#0072B2", 0.8, "ceasefire")
            if e.target == s.name and e.kind == "peace_deal":
                lanes.mark(name, e.month, "*", 16, "#000000", "peace deal")
