"""Behaviour of ssrsim.plots on a small synthetic run (columns of docs/outputs.md)."""

import io

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import pytest
from matplotlib import _pylab_helpers
from matplotlib.figure import Figure
from matplotlib.text import Text

from ssrsim.model import STATUSES
from ssrsim.config.calendar import dates as calendar_dates
from ssrsim.run.analysis import cumulative_incidence
from ssrsim.run.figures import (YEARS_LABEL, confidence_figure, overview_figure, relapse_figure,
                                save_figures, status_figure, thin_statuses, violence_figure)

MONTHS = 132
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def run():
    rng = np.random.default_rng(3)
    replicates = 12
    relapse = [int(m) if m <= MONTHS else None for m in rng.integers(1, 300, replicates)]
    summary = pd.DataFrame({
        "replicate": range(replicates), "seed": 3,
        "relapsed": [m is not None for m in relapse],
        "relapse_month": pd.array(relapse, dtype="Int64"),
        "war_relapse_month": pd.array([None] * (replicates - 1) + [90], dtype="Int64"),
    })
    rows = []
    for r in range(replicates):
        for m in range(MONTHS + 1):
            row = {"replicate": r, "seed": 3, "month": m, "public_confidence": rng.uniform(),
                   "battle_deaths": int(rng.poisson(4)), "abuses": int(rng.poisson(2))}
            row |= {f"confidence_{s}": rng.uniform() for s in ("army", "police", "gendarmerie")}
            row |= {f"excombatants_{s}": int(rng.integers(0, 50)) for s in STATUSES}
            rows.append(row)
    return summary, pd.DataFrame(rows)


def render(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    return buffer.getvalue()


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_save_figures_writes_four_pngs_and_leaks_no_pyplot_figures(run, tmp_path):
    summary, ts = run
    paths = save_figures(summary, ts, MONTHS, tmp_path, "Test scenario", None)
    assert [p.name for p in paths] == ["relapse_risk.png", "public_confidence.png",
                                       "fighters_by_status.png", "overview.png"]
    for path in paths:
        data = path.read_bytes()
        assert data.startswith(PNG) and len(data) > 10_000
    assert _pylab_helpers.Gcf.get_all_fig_managers() == []


def test_relapse_figure_has_curves_band_labels_and_year_marks(run):
    summary, _ = run
    fig = relapse_figure(summary, MONTHS, thresholds_label="≥25 deaths")
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_ylabel() == "Probability of relapse\n(12 runs; 95% intervals: Kaplan–Meier)"
    assert ax.get_xlabel() == YEARS_LABEL
    assert ax.get_xlim() == (0, MONTHS / 12)  # years, as the console report counts them
    assert ax.get_ylim() == (0, 1)
    labels = legend_texts(ax)
    assert "Relapse (≥25 deaths)" in labels and "War-level relapse" in labels
    assert any("95%" in label for label in labels)
    marks = [t.get_text() for t in ax.texts]
    assert any(t.startswith("5 y:") for t in marks) and any(t.startswith("10 y:") for t in marks)
    assert not any(t.startswith("20 y:") for t in marks)  # beyond the 11-year horizon


def test_relapse_marks_20_years_and_keeps_its_legend_and_labels_off_the_curves(run):
    summary, _ = run
    summary = summary.assign(relapse_month=pd.array([3] * len(summary), dtype="Int64"))  # all relapse at once
    fig = relapse_figure(summary, 240, title="ssrsim: test (12 replicates)")
    assert fig.get_suptitle() == "ssrsim: test (12 replicates)"
    ax = fig.axes[0]
    render(fig)
    marks = {t.get_text(): t for t in ax.texts}
    assert set(marks) == {"5 y: 1.00", "10 y: 1.00", "20 y: 1.00"}
    inside = ax.get_window_extent()
    for text in marks.values():  # a curve at 1 puts its labels below the dots, inside the panel
        box = text.get_window_extent()
        assert box.y1 <= inside.y1 and box.x1 <= inside.x1 + 1, text.get_text()
    legend = ax.get_legend().get_window_extent()
    assert legend.y1 <= inside.y0  # under the panel: it hides no curve


def test_relapse_figure_without_war_relapse_has_one_curve(run):
    summary, _ = run
    fig = relapse_figure(summary.assign(war_relapse_month=pd.NA), MONTHS)
    assert not any("War" in label for label in legend_texts(fig.axes[0]))


def test_confidence_figure_shows_overall_with_bands_and_each_service_in_its_own_style(run):
    _, ts = run
    ax = confidence_figure(ts).axes[0]
    assert legend_texts(ax) == ["Overall: 90% of runs", "Overall: middle 50% of runs", "Overall (median)",
                                "Army (median)", "Police (median)", "Gendarmerie (median)"]
    assert "0.5 or more" in ax.get_ylabel()
    assert len(ax.collections) == 2  # the overall's two bands, in two greys
    bands = {tuple(c.get_facecolor()[0]) for c in ax.collections}
    assert len(bands) == 2
    services = ax.get_lines()[1:]
    assert len({line.get_linestyle() for line in services}) == 3  # told apart in greyscale too
    police = next(line for line in services if line.get_label() == "Police (median)")
    assert police.get_zorder() > ax.collections[0].get_zorder()


def test_status_figure_stacks_every_status_in_order_with_distinct_colours(run):
    _, ts = run
    ax = status_figure(ts).axes[0]
    assert legend_texts(ax) == [s.capitalize() for s in reversed(STATUSES)]  # top to bottom, as stacked
    colours = {tuple(c.get_facecolor()[0]) for c in ax.collections}
    assert len(colours) == len(STATUSES)
    top = ax.collections[-1].get_paths()[0].vertices[:, 1].max()
    assert top == pytest.approx(ts.groupby("month")[[f"excombatants_{s}" for s in STATUSES]]
                                .mean().sum(axis=1).max())


def test_thin_statuses_get_a_panel_of_lines_of_their_own(run):
    _, ts = run
    assert thin_statuses(ts) == []  # every status holds about an eighth of the fighters
    ts = ts.assign(excombatants_killed=ts["excombatants_killed"] // 20, excombatants_demobilized=0)
    assert thin_statuses(ts) == ["demobilized", "killed"]
    fig = status_figure(ts)
    stack, lines = fig.axes
    assert [line.get_label() for line in lines.get_lines()] == ["Demobilized", "Killed"]
    np.testing.assert_allclose(lines.get_lines()[1].get_ydata(), ts.groupby("month")["excombatants_killed"].mean())
    assert len(overview_figure(run[0], ts, MONTHS, "Baseline").axes) == 5  # and in the overview


def test_violence_shows_means_from_month_one_with_the_band_of_90_percent(run):
    _, ts = run
    ax = violence_figure(ts).axes[0]
    battle = next(line for line in ax.get_lines() if line.get_label().startswith("Battle deaths"))
    assert battle.get_label().endswith("(mean)")
    expected = ts[ts["month"] > 0].groupby("month")["battle_deaths"].mean()
    np.testing.assert_allclose(battle.get_ydata(), expected)
    np.testing.assert_allclose(battle.get_xdata(), expected.index / 12)  # no artificial zero at month 0
    assert "Shaded: 90% of runs" in legend_texts(ax)


def test_overview_has_four_titled_panels_and_a_title(run):
    summary, ts = run
    fig = overview_figure(summary, ts, MONTHS, "Baseline")
    assert fig.get_suptitle() == "Baseline"
    assert len(fig.axes) == 4
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
        assert ax.get_legend() is not None


def with_atrocity(summary):
    """The run's summary with atrocity risk: one-sided violence in 3 of 12 replicates, no mass atrocity."""
    n = len(summary)
    return summary.assign(one_sided_violence_month=pd.array([20, 70, 100] + [None] * (n - 3), dtype="Int64"),
                          mass_atrocity_month=pd.array([None] * n, dtype="Int64"),
                          peak_group_one_sided_deaths=[300, 40, 30] + [0] * (n - 3))


def atrocity_panel(fig):
    [ax] = [ax for ax in fig.axes if ax.get_title().startswith("Atrocity risk")]
    return ax


def test_overview_without_atrocity_columns_has_no_atrocity_panel(run):
    summary, ts = run  # as a run folder written before atrocity risk was modelled
    fig = overview_figure(summary, ts, MONTHS, "Baseline")
    assert not any("trocity" in ax.get_title() or "trocity" in " ".join(legend_texts(ax)) for ax in fig.axes)


def test_overview_adds_an_atrocity_panel_with_both_thresholds(run):
    summary, ts = run
    fig = overview_figure(with_atrocity(summary), ts, MONTHS, "Baseline")
    assert len(fig.axes) == 5
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() and ax.get_legend() is not None
    ax = atrocity_panel(fig)
    assert ax.get_ylim() == (0, 1)
    labels = legend_texts(ax)
    assert labels == ["One-sided violence: 95% interval", "One-sided violence (≥25 of one group)",
                      "Mass atrocity: 95% interval", "Mass atrocity (≥1,000 of one group)"]
    one_sided, mass = ax.get_lines()[0], ax.get_lines()[-1]  # steps (the 5 and 10 y dots between)
    expected = cumulative_incidence(with_atrocity(summary), MONTHS, "one_sided_violence_month")["p"]
    np.testing.assert_allclose(one_sided.get_ydata(), expected)
    assert not np.any(mass.get_ydata())  # none reached it, yet the curve and its band are drawn
    assert [t.get_text() for t in ax.texts] == ["5 y: 0.08", "10 y: 0.25"]
    [relapse] = [a for a in fig.axes if a.get_title() == "Risk of conflict relapse"]
    relapse_colours = {line.get_color() for line in relapse.get_lines()}
    atrocity_colours = {one_sided.get_color(), mass.get_color()}
    assert len(atrocity_colours) == 2 and not atrocity_colours & relapse_colours


@pytest.mark.parametrize("atrocity", [False, True])
def test_all_text_is_slide_readable(run, atrocity):
    summary, ts = run
    summary = with_atrocity(summary) if atrocity else summary
    fig = overview_figure(summary, ts, MONTHS, "Baseline", dates=calendar_dates("2003-08", MONTHS))
    render(fig)  # lays out tick labels
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text() and t.get_visible()]
    assert sizes and min(sizes) >= 11


def test_calendar_dates_start_at_the_given_month():
    dates = calendar_dates("2003-08", 24)
    assert len(dates) == 25
    assert dates[0] == pd.Timestamp("2003-08-01") and dates[12] == pd.Timestamp("2004-08-01")


def test_dates_put_real_dates_on_the_x_axis(run, tmp_path):
    summary, ts = run
    dates = calendar_dates("2003-08", MONTHS)
    for fig in (relapse_figure(summary, MONTHS, dates=dates), confidence_figure(ts, dates),
                status_figure(ts, dates)):
        ax = fig.axes[0]
        assert ax.get_xlabel() != YEARS_LABEL and "Date" in ax.get_xlabel()
        left, right = (mdates.num2date(x).replace(tzinfo=None) for x in ax.get_xlim())
        assert left == pd.Timestamp("2003-08-01")
        assert right == dates[-1]
        assert render(fig).startswith(PNG)
    paths = save_figures(summary, ts, MONTHS, tmp_path, "Dated", "2003-08")
    assert all(p.stat().st_size > 0 for p in paths)
