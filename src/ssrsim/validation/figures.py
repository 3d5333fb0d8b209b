"""Figures of the validation report: the calibration curve and one figure per stylised fact."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..run.analysis import cumulative_incidence
from .calibration import TARGETS
from .checks import KNOCK_OUT, Outcome
from .facts import Fact


#: Characters of 9-point text that fit in an inch of figure width (titles are wrapped to fit).
CHARS_PER_INCH = 12

def draw_calibration(summary: pd.DataFrame, months: int) -> Figure:
    """The baseline's cumulative relapse risk at both thresholds, with bands, against the targets."""
    fig = Figure(figsize=(7, 4.2), layout="constrained")
    ax = fig.subplots()
    curves = {"relapse_month": ("relapse into armed conflict (25 battle deaths)", "C0"),
              "war_relapse_month": ("war-level relapse (1,000 battle deaths)", "black")}
    for column, (label, colour) in curves.items():
        ci = cumulative_incidence(summary, months, column)
        years = ci.month / 12
        ax.fill_between(years, ci.lo, ci.hi, alpha=0.2, color=colour)
        ax.plot(years, ci.p, color=colour, label=f"model: {label}, 95% interval")
    for t in TARGETS:  # the two thresholds' markers side by side where they share a year
        shift = 0.12 if t.column == "relapse_month" else -0.12
        ax.errorbar(t.years + shift, t.value, yerr=[[t.value - t.low], [t.high - t.value]], fmt="s",
                    color=curves[t.column][1], mfc="white", capsize=5, lw=1.5)
    ax.plot([], [], "s", color="grey", mfc="white", label="published target and band (colour: threshold)")
    ax.set(xlabel="years since the peace agreement", ylabel="P(relapse)",
           ylim=(0, 1), xlim=(0, months / 12))
    ax.set_title(f"Calibration: relapse risk of the generic baseline ({len(summary)} replicates)\n"
                 "targets: Collier et al. 2008; Suhrke & Samset 2007; Walter 2004; "
                 "Gates, Nygård & Trappeniers 2016", fontsize=9)
    fig.legend(loc="outside lower center", fontsize=8)
    return fig


def draw_fact(fact: Fact, outcomes: list[Outcome]) -> Figure:
    """One panel per check: what the interval is built on, the effect with its 95% interval,
    zero and the fixed minimum (dashed). Green when the check passes, red when it fails, grey when
    A knock-out shows its tolerance as a dashed band on both sides of zero."""
    width = max(4.2 * len(outcomes), 6.4)  # one panel still leaves room for the title
    fig = Figure(figsize=(width, 4.2), layout="constrained")
    axes = np.atleast_1d(fig.subplots(1, len(outcomes)))
    for ax, check, o in zip(axes, fact.checks, outcomes):
        values = o.values[~np.isnan(o.values)]
        jitter = np.random.default_rng(0).uniform(-0.15, 0.15, values.size)
        ax.scatter(jitter, values, s=8, alpha=0.35, color="grey")
        colour = "C2" if o.passed else "C3"
        ax.errorbar([0.45], [o.effect], yerr=[[o.effect - o.lo], [o.hi - o.effect]], fmt="o",
                    color=colour, capsize=6, lw=2)
        ax.axhline(0, color="black", lw=0.8)
        for level in ((-o.minimum, o.minimum) if check.kind == KNOCK_OUT else (o.minimum,)):
            ax.axhline(level, color=colour, ls="--", lw=1)
        ax.set_xlim(-0.5, 0.8)
        ax.set_xticks([])
        ax.set_ylabel(check.unit)
        ax.set_title("\n".join(textwrap.wrap(check.statistic, 45)), fontsize=8)
    fig.supxlabel("\n".join(textwrap.wrap(
        "grey: what the interval is built on (paired differences per replicate, lags, or bootstrap draws); "
        "dot: effect with 95% interval; dashed: minimum effect (a knock-out: its tolerance)", int(width * CHARS_PER_INCH * 9 / 7))), fontsize=7)
    verdict = "holds" if all(o.passed for o in outcomes) else "NOT reproduced"
    fig.suptitle("\n".join(textwrap.wrap(f"Fact {fact.number}: {fact.title} — {verdict}",
                                          int(width * CHARS_PER_INCH))), fontsize=9)
    return fig
