"""A sweep's figures say how many runs each point rests on, with intervals where they are read."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ssrsim.sweeps.figures import MAX_PANELS, confidence_figure, heatmap_figure, relapse_figure

WILL, OVERSIGHT = "levers.political_will", "levers.oversight_strength"


def table(replicates=10):
    """Six jobs of a 3 x 2 grid, each with its P(relapse by 10 years) and interval."""
    grid = [(w, o) for w in (0.2, 0.5, 0.8) for o in (0.2, 0.5)]
    p = np.array([0.7, 0.7, 0.7, 0.5, 0.4, 0.7])
    return pd.DataFrame({"job": range(6), WILL: [w for w, _ in grid], OVERSIGHT: [o for _, o in grid],
                         "seed": 1, "replicates": replicates, "months": 120,
                         "p_relapse_10y": p, "p_relapse_10y_lo": p - 0.25, "p_relapse_10y_hi": p + 0.2})


def confidence(jobs):
    rows = [{"job": j, "month": m, "variable": "public_confidence", "q05": 0.1, "q25": 0.2, "q50": 0.3,
             "q75": 0.4, "q95": 0.5} for j in jobs for m in range(121)]
    return pd.DataFrame(rows)


def test_heatmap_cells_carry_their_interval_and_the_runs_they_rest_on():
    fig = heatmap_figure(table(), WILL, OVERSIGHT)
    texts = sorted(t.get_text() for t in fig.axes[0].texts)
    assert "0.40\n[0.15, 0.60]" in texts and len(texts) == 6
    assert "10 runs each" in fig.axes[1].get_ylabel() and "95% interval" in fig.axes[1].get_ylabel()


def test_heatmap_cells_shared_by_several_jobs_say_they_are_means():
    twice = pd.concat([table(), table().assign(job=range(6, 12))], ignore_index=True)
    texts = [t.get_text() for t in heatmap_figure(twice, WILL, OVERSIGHT).axes[0].texts]
    assert all(t.endswith("(mean)") for t in texts)


def test_relapse_legend_is_under_the_panel_and_the_runs_are_named():
    fig = relapse_figure(table(replicates=20), WILL, OVERSIGHT)
    ax = fig.axes[0]
    fig.canvas.draw()
    assert ax.get_legend().get_window_extent().y1 <= ax.get_window_extent().y0
    assert "20 runs each" in ax.get_ylabel()


def test_confidence_has_a_banded_panel_per_job_and_lines_beyond_the_limit():
    fig = confidence_figure(confidence(range(6)), table(), WILL, keys=[WILL, OVERSIGHT])
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == 6
    assert panels[4].get_title() == "political_will = 0.8, oversight_strength = 0.2"
    assert all(len(ax.collections) == 2 for ax in panels)  # the 50% and 90% bands
    many = pd.concat([table().assign(job=range(i, i + 6)) for i in range(0, 18, 6)], ignore_index=True)
    assert len(many) > MAX_PANELS
    fig = confidence_figure(confidence(range(18)), many, WILL)
    assert len(fig.axes[0].get_lines()) == 18 and "bands omitted" in fig.axes[0].get_ylabel()
