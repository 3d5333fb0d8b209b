"""Same configuration and seed give identical numbers, serial or parallel, straight or copied."""

import copy

import numpy as np
import pandas as pd
import pytest

from ssrsim.run.runner import simulate
from helpers import run, small_config


def _tables(model):
    return model.tables()


def test_same_seed_identical_tables(small):
    a, b = _tables(run(small)), _tables(run(small))
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])


def test_different_seeds_and_replicates_differ(small):
    base = _tables(run(small))["timeseries"]
    other_seed = _tables(run(small.model_copy(update={"seed": small.seed + 1})))["timeseries"]
    other_rep = _tables(run(small, replicate=1))["timeseries"]
    for other in (other_seed, other_rep):
        assert not np.allclose(base["public_confidence"], other["public_confidence"])


def test_replicate_stream_ignores_levers(small):
    """Replicate r draws from SeedSequence([seed, r]) whatever the levers: month 0 is shared."""
    low = small.model_copy(deep=True)
    low.levers.political_will = 0.1
    a, b = _tables(run(small, months=0)), _tables(run(low, months=0))
    cols = ["public_confidence", "confidence_army", "excombatants_combatant"]
    pd.testing.assert_frame_equal(a["timeseries"][cols], b["timeseries"][cols])


def test_parallel_equals_serial(small):
    serial = simulate(small, workers=1)
    parallel = simulate(small, workers=2)
    for name in ("timeseries", "summary", "provinces", "funding", "events"):
        pd.testing.assert_frame_equal(getattr(serial, name), getattr(parallel, name))


@pytest.mark.parametrize("split", [1, 23])
def test_copy_and_continue_equals_straight_through(split):
    cfg = small_config(months=48)
    straight = run(cfg)
    model = run(cfg, months=split)
    branch = copy.deepcopy(model)
    branch.run()
    model.run()  # the original continues too, unaffected by its copy
    for continued in (branch, model):
        a, b = _tables(straight), _tables(continued)
        for name in a:
            pd.testing.assert_frame_equal(a[name], b[name])
        assert continued.summary() == straight.summary()


@pytest.mark.parametrize("scenario, months, replicate", [("baseline", 120, 3), ("burundi", 150, 1)])
def test_a_run_without_tables_has_the_same_summary(scenario, months, replicate):
    """A study's runs keep no monthly tables (``tables=False``); recording only observes, so the
    run and its summary are the same, bit for bit."""
    import ssrsim
    from ssrsim.model import SSRModel
    from ssrsim.run.runner import release

    cfg = ssrsim.compose(scenario, [f"months={months}"])
    full, lean = SSRModel(cfg, replicate).run(), SSRModel(cfg, replicate, tables=False).run()
    assert lean.summary() == full.summary()
    assert full.summary()["total_battle_deaths"] > 0  # a run with fighting: the clashes' draws were compared too
    with pytest.raises(ValueError, match="keeps no tables"):
        lean.tables()
    release(full)
    release(lean)


def test_a_lean_record_keeps_the_same_series_and_events():
    """A run keeping a few series (``series=``, the validation's arms) is the same run: those
    series, the events and the summary equal the full record's, bit for bit."""
    import ssrsim
    from ssrsim.model import SSRModel
    from ssrsim.model.model import READ_OFF
    from ssrsim.run.runner import release

    cfg = ssrsim.compose("baseline", ["months=120", "context.citizens=2000"])
    kept = ("battle_deaths", "coup_attempts", "confidence_police")
    full, lean = SSRModel(cfg, 2).run(), SSRModel(cfg, 2, series=kept).run()
    a, b = full.tables(), lean.tables()
    assert set(b["timeseries"].columns) == {"replicate", "seed", "month", "public_confidence", *kept}
    pd.testing.assert_frame_equal(b["timeseries"], a["timeseries"][b["timeseries"].columns])
    pd.testing.assert_frame_equal(b["events"], a["events"])
    assert len(a["events"]) and a["timeseries"].battle_deaths.sum() > 0  # something happened to compare
    assert lean.summary() == full.summary()
    assert b["provinces"].empty and b["groups"].empty and b["funding"].empty
    assert set(READ_OFF) < set(a["timeseries"].columns)
    with pytest.raises(ValueError, match=r"series \['abuses'\]: a run keeps alone only"):
        SSRModel(cfg, 2, series=("abuses",))
    release(full)
    release(lean)
