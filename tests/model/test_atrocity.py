"""Atrocity risk and the prevention levers (docs/model.md §11).

Paired arms on common random numbers. Where the same repression decisions are needed, the
incumbent's decision is held fixed (``repressing`` from month 12 to 36) in-process, so only what
the compared setting changes can move the deaths. Each minimum was written before the test was
first run, below effects seen in an exploratory run. Each test prints what it measured
(``pytest tests/model/test_atrocity.py -s``): docs/model.md §11.6 quotes it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from helpers import arm
from ssrsim.config import Config
from ssrsim.model import SSRModel
from ssrsim.model import atrocity
from ssrsim.model.settlement import Settlement
from ssrsim.run.runner import simulate

REPLICATES = 8


def baseline(months: int = 48, **changes) -> Config:
    """The baseline at full size with 2,000 citizens; the holdout's fighters are of the minority."""
    cfg = Config().model_copy(deep=True)
    cfg.months, cfg.context.citizens = months, 2000
    cfg.context.factions[3].group = "minority"
    return arm(cfg, **changes)


@pytest.fixture
def forced_repression(monkeypatch):
    """The incumbent represses from month 12 to 36 whatever its payoffs say."""
    monkeypatch.setattr(Settlement, "repressing", property(lambda self: 12 <= self.model.month <= 36))


def killed(cfg: Config) -> tuple[float, np.ndarray]:
    """Civilians killed by the state and its militias, and deaths against each group, over
    ``REPLICATES`` replicates run in this process."""
    ordered, by_group = 0.0, 0
    for r in range(REPLICATES):
        model = SSRModel(cfg, r).run()
        ts = model.tables()["timeseries"]
        ordered += float(ts["one_sided_deaths_state"].sum() + ts["one_sided_deaths_militias"].sum())
        by_group = by_group + model.atrocity.history.sum(axis=0)
    return ordered, by_group


@pytest.mark.slow  # the default suite stays under 10 minutes; run before landing
def test_training_and_a_commission_restrain_the_same_ordered_killing(forced_repression):
    """Prevention lowers one-sided deaths for the same repression (docs/model.md §11): training acts on
    the forces' conduct, a commission through the chance that abuses are sanctioned.

    Minimum (8 paired replicates, repression held from month 12 to 36): each cuts the civilians
    killed by the state and its militias by at least a tenth; with the commission's sanction
    deterrence switched off (its channel knocked out) the commission changes them by less than
    a twentieth.
    """
    base, _ = killed(baseline())
    trained, _ = killed(baseline(levers__prevention__training=1.0))
    commission, _ = killed(baseline(levers__prevention__commission=1.0))
    off = baseline(params__prevention__sanction_deterrence=0.0)
    without, _ = killed(off)
    knocked_out, _ = killed(arm(off, levers__prevention__commission=1.0))
    print(f"killed by the state and militias: {base:.0f} without, {trained:.0f} trained, {commission:.0f} "
          f"with a commission; knocked out: {without:.0f} without, {knocked_out:.0f} with")
    assert base > 0
    assert trained <= 0.9 * base, (trained, base)
    assert commission <= 0.9 * base, (commission, base)
    assert abs(knocked_out - without) < 0.05 * without, (knocked_out, without)


def test_one_sided_violence_strikes_the_suspect_group_and_inclusion_tempers_it(forced_repression):
    """The state suspects the groups over-represented among the armed opposition (here the
    holdout, of the minority); an inclusive national ideology makes its violence less selective
    (001:35-36).

    Minimum (8 paired replicates): a member of the minority is at least 1.2 times as likely to be
    killed as a member of the majority; with no targeting the ratio is within 0.85-1.15; a full
    inclusive ideology removes at least a third of the minority's excess risk.
    """
    shares = np.array([g.share for g in Config().context.groups])

    def ratio(cfg: Config) -> float:
        _, by_group = killed(cfg)
        per_head = by_group / shares
        return float(per_head[1] / per_head[0])

    targeted = ratio(baseline())
    untargeted = ratio(baseline(params__atrocity__targeting=0.0))
    inclusive = ratio(baseline(context__prevention__inclusive_ideology=1.0))
    print(f"minority's risk over the majority's: {targeted:.2f} targeted, {untargeted:.2f} untargeted, "
          f"{inclusive:.2f} with an inclusive ideology")
    assert targeted >= 1.2, targeted
    assert 0.85 <= untargeted <= 1.15, untargeted
    assert inclusive - 1 <= (2 / 3) * (targeted - 1), (inclusive, targeted)


@pytest.mark.slow  # the default suite stays under 10 minutes; run before landing
@pytest.mark.xfail(strict=True, reason="measured: warnings in 1 of 16 replicates, and 1,491 against 1,665 civilians killed by the state and its militias (-10%): over 72 months the state's killing rarely reaches params.prevention.warning_deaths (10 a month against one group); over 120 months of the default scenario with cheap repression, 40 replicates: 42 warnings and 349 against 535 killed per replicate (docs/model.md §11)")
def test_early_warning_makes_the_incumbent_call_off_repression():
    """A warning linked to a response makes donors react and the incumbent decide again with
    repression costlier (001:34); the deaths fall because repression stops, not by a cut in risk.

    Minimum (16 paired replicates, 72 months, repression made cheap): warnings are raised in at
    least half of the replicates, and civilians killed by the state and its militias fall by at
    least a fifth.
    """
    cheap = dict(params__settlement__cost_oversight=0.0, params__settlement__cost_donors=0.0,
                 params__settlement__cost_mission=0.0)

    def run(cfg: Config):
        cfg = arm(cfg, replicates=16)
        r = simulate(cfg, workers=2)
        ts = r.timeseries
        ordered = float(ts["one_sided_deaths_state"].sum() + ts["one_sided_deaths_militias"].sum())
        warned = r.events.loc[r.events["kind"] == "early_warning", "replicate"].nunique()
        return ordered, warned

    without, _ = run(baseline(72, **cheap))
    with_warning, warned = run(baseline(72, levers__prevention__early_warning=1.0, **cheap))
    print(f"warned in {warned} of 16 replicates; killed by the state and militias: {with_warning:.0f} with "
          f"early warning, {without:.0f} without")
    assert warned >= 8, warned
    assert with_warning <= 0.8 * without, (with_warning, without)


def test_the_risk_panel_never_feeds_the_deaths(monkeypatch):
    """The risk-factor panel is a reading: replacing it changes nothing but its own columns."""
    cfg = baseline(48, params__settlement__cost_oversight=0.0, params__settlement__cost_donors=0.0,
                   params__settlement__cost_mission=0.0)

    def tables():
        model = SSRModel(cfg, 0).run()
        out = model.tables()
        out["summary"] = pd.DataFrame([model.summary()])
        return out

    real = tables()
    monkeypatch.setattr(atrocity.AtrocityRisk, "panel",
                        lambda self: dict.fromkeys(atrocity.RISK_FACTORS, 0.5))
    fake = tables()
    assert (fake["timeseries"]["risk_score"] == 3.5).all()
    for name, table in real.items():
        keep = [c for c in table.columns if not c.startswith("risk_")]
        pd.testing.assert_frame_equal(table[keep], fake[name][keep], check_exact=True)


def test_the_atrocity_months_are_the_first_windows_at_the_thresholds():
    """``one_sided_violence_month`` and ``mass_atrocity_month`` are recomputed from the deaths
    against each group in ``groups.parquet`` (thresholds lowered so both are reached)."""
    cfg = baseline(48, params__settlement__cost_oversight=0.0, params__settlement__cost_donors=0.0,
                   params__settlement__cost_mission=0.0, thresholds__one_sided_deaths=5,
                   thresholds__atrocity_deaths=40)
    for replicate in range(3):
        model = SSRModel(cfg, replicate).run()
        groups = model.tables()["groups"]
        deaths = groups[groups["measure"] == "one_sided_deaths"].pivot(index="month", columns="group", values="value")
        window = deaths.rolling(cfg.thresholds.window_months, min_periods=1).sum().max(axis=1)

        def first(level):
            hit = window[window >= level]
            return int(hit.index[0]) if len(hit) else None

        assert model.atrocity.one_sided_violence_month == first(5)
        assert model.atrocity.mass_atrocity_month == first(40)
        assert model.atrocity.peak == int(window.max())
