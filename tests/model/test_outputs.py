"""The outputs catalogue is what a run writes: same columns, same order, same kinds of event."""

from __future__ import annotations

import pandas as pd
from helpers import ROOT, small_config

from ssrsim.model.benchmarks import BENCHMARKS
from ssrsim.model.outputs import CATALOGUE, EVENT_LOG, columns
from ssrsim.run.outputs_page import outputs_markdown
from ssrsim.run.runner import simulate

KEYS = {"timeseries": ["replicate", "seed", "month"], "provinces": ["replicate", "month", "province"],
        "summary": ["replicate", "seed"], "funding": ["replicate", "month"], "events": ["replicate"]}


def test_every_table_has_the_catalogues_columns_in_order():
    results = simulate(small_config(months=24, replicates=2))
    for table, keys in KEYS.items():
        assert list(getattr(results, table).columns) == [*keys, *columns(table)], table


def test_integer_kinds_are_written_as_integers():
    ts = simulate(small_config(months=6, replicates=1)).timeseries
    for o in CATALOGUE:
        if o.table == "timeseries":
            assert pd.api.types.is_integer_dtype(ts[o.column]) == o.integer, o.column


def test_every_logged_event_kind_is_in_the_catalogue():
    cfg = small_config(months=120, replicates=2)
    kinds = set(simulate(cfg).events["kind"])
    assert kinds and kinds <= set(EVENT_LOG), kinds - set(EVENT_LOG)


def test_benchmarks_have_a_term_label_and_source():
    assert len({b.name for b in BENCHMARKS}) == len(BENCHMARKS)
    assert all(b.term in ("short", "medium", "long") and b.name.startswith(b.term) and b.source for b in BENCHMARKS)


def test_the_outputs_page_is_current():
    assert (ROOT / "docs" / "outputs.md").read_text(encoding="utf-8") == outputs_markdown(), \
        "run python -m ssrsim.run.outputs_page"


def _relapses(deaths: dict[int, int], months: int = 40, **thresholds) -> tuple:
    """The relapse and war-relapse months the model's test reads from a given battle-death history."""
    from ssrsim.model import SSRModel

    cfg = small_config(months=months)
    cfg = cfg.model_copy(update={"thresholds": cfg.thresholds.model_copy(update=thresholds)})
    m = SSRModel(cfg, 0)
    for month in range(1, months + 1):
        m.month = month
        m.deaths_history[month] = deaths.get(month, 0)
        m._relapse()
    return m.relapse_month, m.war_relapse_month


def test_a_relapse_is_an_onset_after_a_quiet_year_not_the_wars_continuation():
    """UCDP counts episodes: fighting that goes on from the agreement (an armed holdout's) is the
    war's continuation; a relapse needs thresholds.quiet_months below the threshold first."""
    assert _relapses({1: 30, 3: 2000}) == (None, None)  # fighting from the start, then quiet
    assert _relapses({1: 30, 30: 30}) == (30, None)  # quiet from month 13 to 29: an onset
    assert _relapses({1: 30, 20: 30}) == (None, None)  # quiet for 7 months only
    assert _relapses({13: 2000}) == (13, 13)  # the first month a year of peace allows
    assert _relapses({12: 2000}) == (None, None)  # one month short of it
    assert _relapses({1: 30, 3: 2000}, quiet_months=0) == (1, 3)  # the first month at the threshold
