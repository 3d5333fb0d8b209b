"""The fighters' monthly shortcuts give what the straightforward computation gives, bit for bit.

Each shortcut (a bound that leaves few fighters to score, values kept row by row) is compared
with the plain formula over every fighter, on populations taken from real runs mid-way through
DDR, when every status is present.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers import run, small_config
from ssrsim.model.fighters import IS_POST
from ssrsim.model.maths import logistic


@pytest.fixture(scope="module")
def models():
    cfg = small_config(months=48)
    return [run(cfg, replicate, months=months) for replicate, months in ((0, 30), (1, 48))]


def plain_remobilizing(fi, p, pull_p, draw):
    """Every post-demobilisation fighter scored, as the model first wrote it."""
    local = np.where(pull_p > 0, p.remobilization_base + p.remobilization_pull * pull_p, -np.inf).astype(np.float32)
    post = np.flatnonzero(IS_POST[fi.status[: fi.n]])
    score = local[fi.province[post]]
    score += p.remobilization_grievance * fi.grievance[post]
    score -= p.remobilization_livelihood * fi.livelihood[post]
    score += p.remobilization_tie * fi.tie[post]
    score += p.remobilization_youth * fi.youth[post]
    return post[draw[post] < logistic(score)]


@pytest.mark.parametrize("pulls", ["none", "some", "strong", "everywhere"])
def test_remobilizing_scores_only_candidates_but_picks_the_same_fighters(models, pulls):
    for model in models:
        fi, p = model.fighters, model.cfg.params.fighters
        rng = np.random.default_rng(7)
        provinces = model.provinces.count
        pull_p = {"none": np.zeros(provinces),
                  "some": np.where(rng.random(provinces) < 0.5, rng.random(provinces), 0.0),
                  "strong": np.full(provinces, 3.0),  # a bound of 1: everyone a candidate
                  "everywhere": rng.random(provinces)}[pulls]
        for _ in range(5):
            draw = rng.random(fi.n) ** 3  # many low draws: many movers
            expected = plain_remobilizing(fi, p, pull_p, draw)
            got = fi.remobilizing(p, pull_p, draw)
            assert np.array_equal(got, expected)
            if pulls != "none":
                assert expected.size > 0


def plain_drift(fi, p, unemployment_p, pay_by_service, funded, reinsertion_months, reinsertion_paid, conditions):
    """``FighterPopulation.drift`` written plainly: each status's targets set on its fighters' ids."""
    from ssrsim.model.fighters import S, _status_targets
    from ssrsim.model.maths import toward
    n = fi.n
    status, prov = fi.status[:n], fi.province[:n]
    u = unemployment_p.astype(np.float32)
    hw = p.hardship_grievance_weight
    labour = 1 - p.unemployment_livelihood_loss * u
    grievance_by_status, livelihood_by_status = _status_targets(p)
    pay = pay_by_service.astype(np.float32)
    target = ((1 - hw) * grievance_by_status[status] + hw * u[prov]).astype(np.float32)
    labour_market = np.isin(status, [S.DEMOBILIZED, S.REINTEGRATING, S.REINTEGRATED])
    live_target = (livelihood_by_status[status] * np.where(labour_market, labour[prov], np.float32(1))).astype(np.float32)
    integrated = np.flatnonzero(status == S.INTEGRATED)
    service = fi.service[integrated]
    target[integrated] = (1 - hw) * (p.integrated_grievance_floor + p.integrated_grievance_pay * (1 - pay))[service] \
        + hw * u[prov[integrated]]
    live_target[integrated] = pay[service]

    def hardship(rows, value):
        return (1 - hw) * value + hw * u[prov[rows]]
    waiting = np.flatnonzero(status == S.DEMOBILIZED)
    supported = toward(p.waiting_grievance, p.reinsertion_grievance, reinsertion_paid)
    target[waiting] = hardship(waiting, np.where(fi.months_in_status[waiting] < reinsertion_months, supported,
                                                 p.waiting_grievance))
    cantoned = np.flatnonzero(status == S.CANTONED)
    target[cantoned] = hardship(cantoned, toward(p.cantonment_grievance, p.poor_cantonment_grievance, 1 - conditions))
    programme = np.flatnonzero(status == S.REINTEGRATING)
    paused = programme[~funded[programme]]
    target[paused] = hardship(paused, p.waiting_grievance)
    live_target[paused] = p.paused_programme_livelihood * labour[prov[paused]]
    done = np.flatnonzero(status == S.REINTEGRATED)
    live_target[done] *= p.reintegrated_livelihood_floor + p.reintegrated_livelihood_support * fi.support[done]
    grievance, livelihood, tie = fi.grievance[:n].copy(), fi.livelihood[:n].copy(), fi.tie[:n].copy()
    grievance[:] = toward(grievance, target, p.grievance_rate)
    livelihood[:] = toward(livelihood, live_target, p.livelihood_rate)
    loosen = np.flatnonzero(np.isin(status, [S.REINTEGRATING, S.REINTEGRATED, S.INTEGRATED]))
    tie[loosen] = toward(tie[loosen], p.programme_tie, p.tie_loosening_rate)
    return grievance, livelihood, tie, fi.months_in_status[:n] + 1


@pytest.mark.parametrize("paid", [1.0, np.float64(0.4)])  # a float or a numpy scalar: the model passes both
def test_drift_gives_each_fighter_what_the_plain_formula_gives(models, paid):
    import copy
    for model in models:
        fi = copy.deepcopy(model.fighters)
        p = model.cfg.params.fighters
        rng = np.random.default_rng(3)
        unemployment = rng.random(model.provinces.count)
        pay = rng.random(len(model.forces))
        for month in range(3):
            funded = rng.random(fi.n) < 0.5
            expected = plain_drift(fi, p, unemployment, pay, funded, 6, paid, 0.7)
            fi.drift(p, unemployment, pay, funded, 6, paid, 0.7)
            got = fi.grievance[: fi.n], fi.livelihood[: fi.n], fi.tie[: fi.n], fi.months_in_status[: fi.n]
            for a, b in zip(got, expected):
                assert a.dtype == b.dtype and np.array_equal(a, b)
            # Fighters change status and recruits join between months, as in a run.
            moved = np.flatnonzero(fi.status[: fi.n] == 3)[:50]  # reintegrating -> reintegrated
            fi.move(moved, 4)
            fi.add_recruits(0, 0, 0, 40 + month, rng)


def test_by_row_keeps_up_with_changes_and_recruits(models):
    import copy
    fi = copy.deepcopy(models[1].fighters)
    rng = np.random.default_rng(5)

    def code(rows):
        return fi.status[rows].astype(np.int64) * 1000 + fi.spoiler[rows]
    for _ in range(6):
        assert np.array_equal(fi.by_row("code", code), code(slice(0, fi.n)))
        fi.add_recruits(1, 0, 0, int(rng.integers(1, 3000)), rng)  # now and then the arrays grow
        combatants = fi.where(0)
        fi.move(rng.choice(combatants, 30, replace=False), 1)
        fi.follow(rng.choice(fi.n, 20, replace=False), 1)
    assert np.array_equal(fi.by_row("code", code), code(slice(0, fi.n)))


def test_tally_counts_the_values_as_a_bincount_would_after_changes_twice_in_a_month(models):
    import copy
    fi = copy.deepcopy(models[1].fighters)
    rng = np.random.default_rng(11)

    def code(rows):  # negative for the dead: not counted
        return np.where(fi.status[rows] == 7, -1, fi.status[rows].astype(np.int64) * 100 + fi.spoiler[rows] + 1)

    def plain():
        values = code(slice(0, fi.n))
        return np.bincount(values[values >= 0], minlength=800)
    assert np.array_equal(fi.tally("code", code, 800), plain())
    for _ in range(6):
        combatants = fi.where(0)
        some = rng.choice(combatants, 40, replace=False)
        fi.follow(some, 2)  # the same fighters change twice before the tally is read
        fi.move(some[:25], 7)
        fi.add_recruits(2, 1, 0, int(rng.integers(1, 3000)), rng)  # now and then the arrays grow
        assert np.array_equal(fi.tally("code", code, 800), plain())
    factions = len(models[1].faction_names)
    assert np.array_equal(fi.by_faction_and_status(factions).ravel(), np.bincount(
        fi.faction[: fi.n].astype(np.int64) * 8 + fi.status[: fi.n], minlength=factions * 8))


def test_each_once_keeps_one_occurrence_of_every_row(models):
    fi = models[0].fighters
    rows = np.random.default_rng(2).integers(0, fi.n, 5000)
    once = fi._each_once(rows)
    assert once.size == np.unique(rows).size and np.array_equal(np.sort(once), np.unique(rows))


def test_the_counted_shortcuts_of_the_model_agree_with_a_search(models):
    from ssrsim.model.fighters import Status
    from ssrsim.model.spoilers import ARMED
    for model in models:
        fi = model.fighters
        n, provinces = fi.n, model.provinces.count
        armed = (fi.spoiler[:n] >= 0) & ARMED[fi.status[:n]]
        cells = fi.spoiler[:n][armed].astype(np.int64) * provinces + fi.province[:n][armed]
        local = np.bincount(cells, minlength=len(model.spoilers) * provinces).reshape(len(model.spoilers), provinces)
        assert np.array_equal(model._local_spoilers(), local)
        counts = fi.counts()
        combatants = np.flatnonzero(fi.status[:n] == Status.COMBATANT)
        assert model.ddr_caseload_left == bool(counts[Status.CANTONED] + counts[Status.DEMOBILIZED]
                                               + counts[Status.REINTEGRATING]
                                               or model.ddr.in_process[fi.faction[combatants]].any())


def test_move_refuses_a_forbidden_transition_and_names_the_first_offender(models):
    import copy
    from ssrsim.model.fighters import Status
    fi = copy.deepcopy(models[0].fighters)
    cantoned, combatants = fi.where(Status.CANTONED)[:2], fi.where(Status.COMBATANT)[:2]
    counts = fi.counts().copy()
    with pytest.raises(RuntimeError, match="forbidden fighter transition CANTONED -> REINTEGRATED"):
        fi.move(np.concatenate([cantoned, combatants]), Status.REINTEGRATED)
    with pytest.raises(RuntimeError, match="forbidden fighter transition COMBATANT -> DEMOBILIZED"):
        fi.move(np.concatenate([cantoned, combatants]), Status.DEMOBILIZED)
    assert np.array_equal(fi.counts(), counts)  # refused before any change
    fi.move(combatants, Status.CANTONED)
    assert fi.counts()[Status.CANTONED] == counts[Status.CANTONED] + 2
    assert np.array_equal(fi.where(Status.CANTONED), np.flatnonzero(fi.status[: fi.n] == Status.CANTONED))


def test_uniforms_are_the_draws_of_random_n_and_leave_the_stream_as_it_would(models):
    import copy
    fi = copy.deepcopy(models[0].fighters)
    a, b = np.random.default_rng(9), np.random.default_rng(9)
    for recruits in (0, 5000, 0):  # the buffer grows with the population
        fi.add_recruits(0, 0, 0, recruits, np.random.default_rng(1))
        expected = a.random(fi.n)
        assert np.array_equal(fi.uniforms(b), expected)
    assert a.random() == b.random()


def test_a_clashs_members_are_the_armed_of_its_cell_in_ascending_order(models):
    from ssrsim.model.spoilers import _members_by_cell
    for model in models:
        armed, cells = model.armed_spoiler_fighters(), model.armed_spoiler_cells()
        members = _members_by_cell(model)
        assert cells.size > 0
        for cell in [*np.unique(cells).tolist(), int(cells.max()) + 1]:  # and a cell with no one
            assert np.array_equal(members(cell), armed[cells == cell])
