"""A spoiler's pull, with its presence kept between calls, is the straightforward formula's, bit for bit."""

from __future__ import annotations

import numpy as np

from helpers import run, small_config


def plain_pull(spoiler, fighters_here):
    """The pull as the model first wrote it: presence and room worked out at every call."""
    if spoiler.co_opted:
        return np.zeros_like(spoiler.homes)
    sp = spoiler.model.cfg.params.spoilers
    here = np.maximum(spoiler.homes, fighters_here > 0)
    presence = np.maximum(here, sp.neighbour_presence * (spoiler.model.provinces.spill.T @ here))
    affordable = spoiler.resources * sp.fighters_per_resource
    fighters = fighters_here.sum()
    room = 1 - fighters / affordable if affordable > fighters else 0.0
    return spoiler.resources * presence * room


def test_pull_keeps_presence_but_gives_the_plain_values():
    model = run(small_config(months=24), 0, months=24)
    rng = np.random.default_rng(3)
    local = model._local_spoilers()
    for spoiler in model.spoilers:
        spoiler.co_opted = False
        spoiler.resources = max(spoiler.resources, 0.5)
        full = 0
        for trial in range(30):  # the provinces with fighters change, or stay, from call to call
            fighters_here = local[spoiler.index] if trial % 3 == 0 else \
                rng.integers(0, 3, local.shape[1]) * rng.integers(0, 200, local.shape[1])
            got = spoiler.pull(fighters_here)
            want = plain_pull(spoiler, fighters_here)
            assert got.tobytes() == want.tobytes()
            if spoiler.room(int(fighters_here.sum())) == 0:  # no room: it pulls no one
                full += 1
                assert not want.any()
        assert 0 < full < 30  # both cases were met
