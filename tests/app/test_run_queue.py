"""The app's run queue: runs are served in turn by one small pool, each with the numbers
``ssrsim.simulate`` gives, two settings paired on the same seeds, and a cancelled run withdrawn."""

from __future__ import annotations

from concurrent.futures import CancelledError

import pandas as pd
import pytest
from helpers import small_config

import ssrsim
from ssrsim.app.run_queue import MAX_WORKERS, RunQueue


@pytest.fixture(scope="module")
def queue():
    """One worker, as a busy server has for each run: runs must wait their turn."""
    queue = RunQueue(workers=1)
    yield queue
    queue.stop()


def test_runs_are_served_in_turn_with_the_numbers_of_simulate(queue):
    a = small_config(months=12, citizens=500, replicates=2)
    b = a.model_copy(update={"levers": a.levers.model_copy(update={"political_will": 0.2})})
    first, second = queue.submit(a), queue.submit(b)
    assert (first.ahead(), second.ahead()) == (0, 1)  # the pool's worker is still starting
    assert second.total == 2 and second.done() == 0
    assert second.wait(timeout=120)
    assert first.finished() and (first.done(), second.done(), second.ahead()) == (2, 2, 0)
    ran = first.results()
    pd.testing.assert_frame_equal(ran.timeseries, ssrsim.simulate(a, workers=1).timeseries)
    paired = second.results()
    assert paired.summary["seed"].tolist() == ran.summary["seed"].tolist()  # common random numbers
    assert not paired.timeseries["political_will"].equals(ran.timeseries["political_will"])


def test_a_cancelled_run_is_withdrawn_and_the_queue_goes_on(queue):
    cfg = small_config(months=12, citizens=500, replicates=3)
    blocking, withdrawn = queue.submit(cfg), queue.submit(cfg)
    withdrawn.cancel()
    with pytest.raises(CancelledError):
        withdrawn.results()
    assert withdrawn.finished() and withdrawn.done() == 0
    assert len(blocking.results().summary) == 3
    assert len(queue.submit(cfg.model_copy(update={"replicates": 1})).results().summary) == 1


def test_a_run_may_stop_its_replicates_at_a_month(queue):
    """The classroom's job: each replicate run to a month, its numbers there (as interactive play
    shows them), from worker processes."""
    from ssrsim.exercise.play import standing_at
    from ssrsim.model import SSRModel

    cfg = small_config(months=24, citizens=500, replicates=2)
    stopped = queue.submit(cfg, job=standing_at, args=(6,)).outputs()
    assert [s["month"] for s in stopped] == [6, 6]
    model = SSRModel(cfg, 1).run(6)
    assert stopped[1]["public_confidence"] == float(model.recorder.series["public_confidence"][6])


def test_the_pool_has_at_most_two_workers():
    assert MAX_WORKERS == 2
    with pytest.raises(ValueError, match="allowed: 1 – 2"):
        RunQueue(workers=3)
