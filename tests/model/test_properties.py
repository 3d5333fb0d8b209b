"""Property tests over random valid configurations (small sizes): no NaN, no negative counts,
every fighter accounted for, shares in [0, 1], ledgers balanced."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssrsim.config import Config
from ssrsim.model import STATUSES, SSRModel

unit = st.floats(0, 1, allow_nan=False)


@st.composite
def configs(draw):
    data = Config().model_dump()
    provinces = draw(st.integers(3, 16))
    data["context"]["provinces"] = {"count": provinces, "extra_links": draw(st.integers(0, 8))}
    homes = st.lists(st.integers(0, provinces - 1), max_size=3)
    data["context"]["factions"] = [
        {"name": "gov", "fighters": draw(st.integers(0, 1500)), "government": True},
        {"name": "rebels", "fighters": draw(st.integers(0, 3000)), "home_provinces": draw(homes),
         "commander_tie": draw(unit)},
        {"name": "holdout", "fighters": draw(st.integers(0, 400)), "in_process": False,
         "home_provinces": draw(homes), "commander_tie": draw(unit)},
    ]
    data["context"]["spoilers"] = [
        {"name": "holdout", "kind": "armed_holdout", "faction": "holdout", "resources": draw(unit),
         "home_provinces": draw(homes)},
        {"name": "elites", "kind": "elite", "resources": draw(unit)},
        {"name": "crime", "kind": "criminal", "resources": draw(unit), "home_provinces": draw(homes)},
    ][: draw(st.integers(1, 3))]
    data["context"]["forces"] = [
        {"service": s, "size": draw(st.integers(0, 4000)), "capacity": draw(unit), "integrity": draw(unit),
         "pay_adequacy": draw(unit)} for s in ("army", "police", "gendarmerie")]
    data["context"]["citizens"] = draw(st.integers(100, 1500))
    data["context"]["peacekeeping"] = {"troops": draw(st.integers(0, 3000)),
                                       "mandate_months": draw(st.integers(0, 60)),
                                       "drawdown_months": draw(st.integers(1, 24))}
    data["context"]["economy"].update(corruption=draw(unit), illicit_rents=draw(unit),
                                      regional_instability=draw(unit), youth_unemployment=draw(unit),
                                      unemployment=draw(unit), growth=draw(st.floats(-0.2, 0.2)))
    data["levers"].update(political_will=draw(unit), oversight_strength=draw(unit))
    data["levers"]["funding"].update(cycle_months=draw(st.integers(6, 60)), predictability=draw(unit),
                                     governance_share=draw(unit), quick_win_share=draw(unit),
                                     substitution=draw(unit), annual_envelope=draw(st.floats(0, 100)))
    data["levers"]["ddr"].update(demobilization_per_month=draw(st.integers(0, 800)),
                                 reintegration_months=draw(st.integers(1, 48)),
                                 reintegration_capacity=draw(st.integers(0, 3000)),
                                 integration_share=draw(unit))
    data["months"] = draw(st.integers(1, 48))
    data["seed"] = draw(st.integers(0, 2**32))
    return Config.model_validate(data)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configs())
def test_random_valid_configs_keep_the_invariants(cfg):
    model = SSRModel(cfg, 0)
    model.run()
    tables = model.tables()
    ts = tables["timeseries"]
    assert len(ts) == cfg.months + 1
    assert ts.notna().all().all()
    counts = ts[[f"excombatants_{s}" for s in STATUSES]]
    assert (counts >= 0).all().all()
    assert (counts.sum(axis=1) == model.fighters.initial + ts["recruited"]).all()
    numeric = ts.drop(columns=["replicate", "seed", "month"])
    assert (numeric >= 0).all().all()
    shares = ["public_confidence", "political_will", "effectiveness_index", "accountability_index",
              "oversight_capacity", "impunity", "ownership", "legitimacy", "perceived_safety"]
    assert ((ts[shares] >= 0) & (ts[shares] <= 1)).all().all()
    funding = tables["funding"]
    assert np.isfinite(funding[["committed", "disbursed"]].to_numpy()).all()
    for donor in model.donors:
        assert np.all(donor.disbursed <= donor.committed + 1e-9)
    assert model.ddr.fund >= 0
    summary = model.summary()
    assert summary["total_reintegrated"] <= summary["total_demobilized"]
