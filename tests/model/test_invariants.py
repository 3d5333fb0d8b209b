"""Invariants of every run: fighters accounted for, only allowed transitions, money balances."""

import numpy as np
import pytest

from ssrsim.model import PROGRAMMES
from ssrsim.model import STATUSES, SSRModel, Status
from ssrsim.model.fighters import ALLOWED
from helpers import run, small_config

# The transitions the status machine allows (docs/odd.md), written out independently of the code's table.
EXPECTED = {
    ("combatant", "cantoned"), ("cantoned", "demobilized"), ("cantoned", "integrated"),
    ("demobilized", "reintegrating"), ("reintegrating", "reintegrated"),
    ("demobilized", "remobilized"), ("reintegrating", "remobilized"),
    ("reintegrated", "remobilized"), ("integrated", "remobilized"),
    ("remobilized", "cantoned"),
    ("combatant", "killed"), ("remobilized", "killed"), ("integrated", "killed"),
}


def test_transition_table_is_the_specified_one():
    table = {(STATUSES[a], STATUSES[b]) for a, b in zip(*np.nonzero(ALLOWED))}
    assert table == EXPECTED


def _reachable(pairs):
    """Pairs joined by a chain of allowed transitions (several can happen within one month)."""
    closure = set(pairs)
    while True:
        more = {(a, d) for a, b in closure for c, d in closure if b == c and a != d} - closure
        if not more:
            return closure
        closure |= more


@pytest.mark.parametrize("will", [0.55, 0.15])
def test_only_allowed_transitions_occur(will, monkeypatch):
    """Every status change, as it happens and as seen month to month (ids are stable rows)."""
    from ssrsim.model.fighters import FighterPopulation

    calls = set()
    original = FighterPopulation.move

    def spy(self, idx, new):
        calls.update((STATUSES[o], STATUSES[new]) for o in np.unique(self.status[idx]))
        return original(self, idx, new)

    monkeypatch.setattr(FighterPopulation, "move", spy)
    cfg = small_config(months=96, levers={"political_will": will})
    model = SSRModel(cfg, 0)
    monthly = set()
    before = model.fighters.status[: model.fighters.n].copy()
    for _ in range(cfg.months):
        model.step()
        after = model.fighters.status[: model.fighters.n]
        changed = before != after[: before.size]
        monthly |= {(STATUSES[a], STATUSES[b]) for a, b in zip(before[changed], after[: before.size][changed])}
        before = after.copy()
    assert calls <= EXPECTED, calls - EXPECTED
    assert monthly <= _reachable(EXPECTED), monthly - _reachable(EXPECTED)
    assert {("combatant", "cantoned"), ("cantoned", "demobilized"), ("demobilized", "reintegrating"),
            ("reintegrating", "reintegrated"), ("cantoned", "integrated")} <= calls


def test_recruits_join_as_new_combatants():
    model = SSRModel(small_config(months=96), 0)
    n0 = model.fighters.n
    model.run()
    f = model.fighters
    assert f.n > n0, "spoilers recruited nobody in eight years"
    assert np.all(f.recruited[n0: f.n]) and not f.recruited[:n0].any()
    armed = np.arange(n0, f.n)[f.status[n0: f.n] == Status.COMBATANT]
    # a recruit under arms follows a spoiler, unless that spoiler made peace (then it is in DDR)
    assert np.all((f.spoiler[armed] >= 0) | model.ddr.in_process[f.faction[armed]])


def test_every_fighter_accounted_for_every_month():
    model = run(small_config(months=120))
    ts = model.tables()["timeseries"]
    status_sum = ts[[f"excombatants_{s}" for s in STATUSES]].sum(axis=1)
    assert (status_sum == model.fighters.initial + ts["recruited"]).all()
    assert (ts[[f"excombatants_{s}" for s in STATUSES]] >= 0).all().all()


def test_indices_stay_in_range_and_finite():
    model = run(small_config(months=120, levers={"political_will": 0.15, "oversight_strength": 0.9}))
    ts = model.tables()["timeseries"]
    shares = ["public_confidence", "confidence_army", "confidence_police", "confidence_gendarmerie",
              "political_will", "effectiveness_index", "accountability_index", "ownership", "legitimacy",
              "oversight_capacity", "impunity", "unemployment", "perceived_safety", "coup_risk"]
    assert ts.notna().all().all()
    assert ((ts[shares] >= 0) & (ts[shares] <= 1)).all().all()
    f = model.fighters
    for arr in (f.grievance, f.livelihood, f.tie):
        assert np.all((arr[: f.n] >= 0) & (arr[: f.n] <= 1))
    assert np.all((model.citizens.trust >= 0) & (model.citizens.trust <= 1))
    for force in model.forces:
        for v in (force.capacity, force.integrity, force.pay_adequacy, force.cohesion, force.predation):
            assert 0 <= v <= 1


def test_donor_ledgers_balance():
    cfg = small_config(months=120)
    cfg.levers.funding.predictability = 0.5
    model = run(cfg)
    funding = model.tables()["funding"]
    cum = funding.groupby(["donor", "programme"], observed=True)[["committed", "disbursed"]].cumsum()
    assert (cum["disbursed"] <= cum["committed"] + 1e-9).all()
    assert (funding[["committed", "disbursed"]] >= 0).all().all()
    for donor in model.donors:
        assert np.all(donor.disbursed <= donor.committed + 1e-9)
        np.testing.assert_allclose(donor.committed - donor.disbursed - donor.undisbursed, 0, atol=1e-9)
    total = funding.groupby("donor", observed=True)[["committed", "disbursed"]].sum()
    for donor in model.donors:
        np.testing.assert_allclose(total.loc[donor.name, "disbursed"], donor.disbursed.sum())
    assert set(funding["programme"].astype(str)) == set(PROGRAMMES)


def test_ddr_fund_and_government_budget_balance():
    model = run(small_config(months=120))
    ddr = model.ddr
    assert ddr.fund >= 0
    np.testing.assert_allclose(ddr.received - ddr.spent, ddr.fund, atol=1e-9)
    donated = sum(d.disbursed[0] for d in model.donors)
    np.testing.assert_allclose(ddr.received, donated + model.government.ledger["ddr"], rtol=1e-9)
    ledger = model.government.ledger
    spent = sum(v for k, v in ledger.items() if k != "revenue")
    np.testing.assert_allclose(spent, ledger["revenue"], rtol=1e-9)
    assert min(ledger.values()) >= 0
