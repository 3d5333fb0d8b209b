"""Each submodel draws from a stream of its own that starts every month at a fixed point (streams.py)."""

import numpy as np

from ssrsim.model.streams import SUBMODELS, Streams
from helpers import small_config


def test_a_months_draws_do_not_depend_on_how_many_were_drawn_before():
    busy, idle = Streams(7, 3), Streams(7, 3)
    busy.start_month(4)
    busy.ddr.random(1000)  # one arm draws more in month 4 ...
    busy.citizens.random(17)
    busy.start_month(5)
    idle.start_month(5)
    for name in SUBMODELS:  # ... and month 5 draws the same in both
        np.testing.assert_array_equal(getattr(busy, name).random(5), getattr(idle, name).random(5))


def test_streams_differ_between_submodels_months_and_replicates():
    draws = {}
    for replicate in (0, 1):
        streams = Streams(7, replicate)
        for month in (1, 2):
            streams.start_month(month)
            for name in SUBMODELS:
                draws[replicate, month, name] = tuple(getattr(streams, name).random(3))
    assert len(set(draws.values())) == len(draws)


class _Refuses:
    """A generator that fails on any draw."""

    def __getattr__(self, name):
        raise AssertionError(f"a monthly draw used the setup stream (rng.{name})")


def test_the_months_draw_only_from_the_submodels_streams():
    """After setup, no draw comes from the model's own stream, which would unpair the arms again.

    A draw from ``model.rng`` in a month would shift every later draw of that stream by a count
    that differs between arms; the run fails here if any mechanism still takes one. The small
    default and the Burundi case (with mechanisms of its own) run four years, past the first donor
    cycle.
    """
    import ssrsim
    from ssrsim.model import SSRModel

    for cfg in (small_config(months=48), ssrsim.compose("burundi", ["months=48", "context.citizens=500"])):
        model = SSRModel(cfg, 0)
        model.rng = model.random = _Refuses()
        model.run()
        assert model.month == 48
