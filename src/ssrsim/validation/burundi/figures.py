"""Figures of the Burundi validation: teams matter (T1 and the spread) and the 2015 crisis (C1).

Why these two: T1's claim is a set of paired differences, so the figure shows each difference
with its interval against zero and the minimum effect, beside the differences of the strategies
drawn from the menu (how far choices can move the outcome at all); C1's claim is a count of
indicators per replicate, so the figure shows each indicator's share of replicates worse and the
distribution of the count against the stated threshold.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure

from .checks import C1_MIN, C1_WORSE, INDICATORS, OUTCOMES, PAIRS
from .strategies import LABELS

COLOURS = {"ddr_first": "#0072B2", "exclusionary": "#D55E00"}


def teams_figure(result) -> Figure:
    """One panel per outcome: (b) - (a) and (c) - (a) with 95% intervals, zero, the minimum
    effect either side (dashed), and each drawn strategy's mean difference from (a) (grey)."""
    diffs, random, base = result.tables["differences"], result.random, result.fixed["historical"]
    fig = Figure(figsize=(11, 4.2), layout="constrained")
    axes = fig.subplots(1, len(OUTCOMES))
    for ax, (outcome, (words, unit, minimum, better)) in zip(axes, OUTCOMES.items()):
        if random:
            reps = next(iter(random.values())).index
            drawn = np.array([(t[outcome] - base.loc[reps, outcome]).mean() for t in random.values()])
            jitter = np.random.default_rng(0).uniform(-0.15, 0.15, drawn.size)
            ax.scatter(2 + jitter, drawn, s=14, color="grey", alpha=0.7,
                       label=f"drawn from the menu ({len(reps)} replicates each)")
        for i, (strategy, _) in enumerate(PAIRS):
            r = diffs[(diffs.strategy == strategy) & (diffs.outcome == outcome)].iloc[0]
            ax.errorbar([i], [r["mean"]], yerr=[[r["mean"] - r.lo], [r.hi - r["mean"]]], fmt="o", capsize=6, lw=2,
                        color=COLOURS[strategy], label=f"{LABELS[strategy]} - (a), n={r.n}")
        ax.axhline(0, color="black", lw=0.8)
        for sign in (-1, 1):
            ax.axhline(sign * minimum, color="grey", ls="--", lw=1)
        ax.set_xticks([0, 1, 2], ["(b) - (a)", "(c) - (a)", "drawn - (a)"])
        ax.set_xlim(-0.5, 2.5)
        ax.set_ylabel(f"difference ({unit}); {'higher' if better > 0 else 'lower'} is better")
        ax.set_title("\n".join(textwrap.wrap(words, 40)), fontsize=9)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=3, fontsize=8)
    fig.suptitle(f"Burundi: teams matter? Differences from the historical track on common random numbers "
                 f"(95% intervals; dashed: minimum effect, stated before the runs; {result.size} size)", fontsize=9)
    return fig


def crisis_figure(result) -> Figure:
    """Left: each indicator's share of replicates worse in December 2014 than in December 2011
    (Wilson 95%). Right: replicates by the number of indicators worse, the C1 threshold marked."""
    a = result.fixed["historical"]
    crisis = result.tables["crisis"]
    rows = crisis[crisis.indicator != "count"]
    fig = Figure(figsize=(11, 4.2), layout="constrained")
    left, right = fig.subplots(1, 2)
    y = np.arange(len(rows))
    left.barh(y, rows.share_worse, color="C3", alpha=0.6)
    left.errorbar(rows.share_worse, y, xerr=[rows.share_worse - rows.lo, rows.hi - rows.share_worse], fmt="none",
                  color="black", capsize=4)
    left.set_yticks(y, [f"{w} ({'up' if INDICATORS[i][1] > 0 else 'down'} is worse)"
                        for i, w in zip(rows.indicator, rows.words)], fontsize=8)
    left.set_xlim(0, 1)
    left.set_xlabel("share of replicates worse in Dec 2014 than in Dec 2011")
    left.set_title("Each indicator", fontsize=9)
    counts = a.worse.value_counts().reindex(range(len(INDICATORS) + 1), fill_value=0)
    colours = ["C3" if k >= C1_WORSE else "grey" for k in counts.index]
    right.bar(counts.index, counts.to_numpy() / len(a), color=colours)
    share = float((a.worse >= C1_WORSE).mean())
    right.axvline(C1_WORSE - 0.5, color="black", ls="--", lw=1)
    right.text(C1_WORSE - 0.45, right.get_ylim()[1] * 0.95, f"C1 counts {C1_WORSE} or more", fontsize=8, va="top")
    right.set_xlabel("number of the five indicators worse")
    right.set_ylabel("share of replicates")
    right.set_title(f"C1: at least {C1_WORSE} worse in {share:.0%} of {len(a)} replicates "
                    f"(stated minimum {C1_MIN:.0%})", fontsize=9)
    fig.suptitle(f"Burundi, historical track: warning signs between December 2011 and December 2014 "
                 f"({result.size} size)", fontsize=9)
    return fig
