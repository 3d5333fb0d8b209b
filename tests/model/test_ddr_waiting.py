"""DDR that can fail while waiting, and integration by faction (docs/model.md §9).

Paired arms on common random numbers (the same replicates' seeds in every arm). Each minimum was
written before the test was first run; the outcomes compared are emergent (battle deaths, the
grievance of fighters in the camps, protests, cohesion, splits), never a lever's own formula term.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers import arm
from ssrsim.config import Config
from ssrsim.model import SSRModel
from ssrsim.model.fighters import Status
from ssrsim.run.runner import simulate


def baseline(months: int, replicates: int, **changes) -> Config:
    """The baseline at full size but 2,000 citizens (the citizens do not move the fighters)."""
    cfg = Config().model_copy(deep=True)
    cfg.months, cfg.replicates, cfg.context.citizens = months, replicates, 2000
    return arm(cfg, **changes)


def battle_deaths(cfg: Config) -> float:
    return float(simulate(cfg, workers=2).summary["total_battle_deaths"].mean())


@pytest.mark.xfail(strict=True, reason="since step 6 (elections judged by groups with fighters still waiting) the slow "
                   "pace is no longer the safe middle: measured none 13,842, 150 a month 1,634, 6,000 a month 88 "
                   "battle deaths; on 20 replicates the curve is 13,842 / 6,542 / 640 / 87 / 160 for 0 / 150 / 600 / "
                   "2,000 / 6,000 a month (docs/model.md §10)")
@pytest.mark.slow  # the default suite stays under 10 minutes; run before landing
def test_ddr_pace_has_an_inverted_u_and_the_slow_side_runs_through_the_movements_deals():
    """Neither no demobilisation nor the fastest pace is safest (design §9.6).

    Movements left waiting with their commanders judge the agreement's DDR promise broken and can
    take their fighters back to war; a pace beyond the programmes' capacity leaves fighters
    waiting, aggrieved, protesting and remobilising.

    Minimum (12 paired replicates, 120 months, mean battle deaths): no demobilisation at least
    3 times a slow pace (150 a month), the fastest pace (6,000 a month) at least twice the slow
    one. Knock-out: with deals that never break (``breakdown_belief`` 0), no demobilisation has
    at most a tenth of the battle deaths it has with them: the slow side has no other channel.
    """
    none, slow, fast = (battle_deaths(baseline(120, 12, levers__ddr__demobilization_per_month=pace))
                        for pace in (0, 150, 6000))
    assert none >= 3 * slow, (none, slow)
    assert fast >= 2 * slow, (fast, slow)
    knocked = battle_deaths(baseline(120, 12, levers__ddr__demobilization_per_month=0,
                                     params__bargaining__breakdown_belief=0.0))
    assert knocked <= 0.1 * none, (knocked, none)


@pytest.mark.slow  # a known failure, recorded with its numbers; run before landing
@pytest.mark.xfail(strict=True, reason="measured +0.04 grievance and 1.19 times the protests (0.447 against 0.488; "
                   "449 against 536): fighters stay two months in the camps, too short for grievance to move far")
def test_crowded_unsupplied_camps_aggrieve_those_in_them_and_bring_protests():
    """Cantonment sites need upkeep and room (Knight & Özerdem 2004).

    Minimum (4 paired replicates, 36 months, a pace of 3,000 a month): with 500 places instead of
    100,000, the mean grievance of cantoned fighters over months 6-24 is at least 0.1 higher, and
    there are at least 1.5 times as many protests (and some).

    First run (step 5 of model version 2): +0.04 and 1.19 times. It fails, and is kept failing:
    at ``levers.ddr.cantonment_months`` 2 and ``params.fighters.grievance_rate`` 0.08 a fighter's
    grievance moves about 15% of the way to the camp's target before it leaves, and most
    protests come from the demobilised waiting for programmes, not from the camps.
    """
    def outcome(places):
        cfg = baseline(36, 4, levers__ddr__demobilization_per_month=3000, levers__ddr__cantonment_capacity=places)
        grievance, protests = [], 0
        for r in range(4):
            m = SSRModel(cfg, r)
            for month in range(1, 37):
                m.step()
                camped = m.fighters.where(Status.CANTONED)
                if 6 <= month <= 24 and camped.size:
                    grievance.append(m.fighters.grievance[camped].mean())
            protests += int(m.tables()["timeseries"]["ddr_protests"].sum())
        return float(np.mean(grievance)), protests

    roomy, crowded = outcome(100000), outcome(500)
    assert crowded[0] >= roomy[0] + 0.1, (roomy, crowded)
    assert crowded[1] > 0 and crowded[1] >= 1.5 * roomy[1], (roomy, crowded)


@pytest.mark.slow  # the default suite stays under 10 minutes; run before landing
def test_polarised_services_lose_cohesion_and_split():
    """Integration by faction (004:7; design §9.6): a service half made of integrated factions is
    polarised and less cohesive, and one without cohesion can split (Burundi 2015, ICG 2017).

    Minimum (4 paired replicates, 120 months): with half of each service's places reserved for
    the movements and every cantoned fighter offered one, the army's mean cohesion over the last
    year is at least 0.1 lower than with no integration. With splits made likely
    (``split_cohesion`` 0.9), at least one service splits in the integrated arm and none without
    integration (there is no faction to leave).
    """
    integrated = dict(levers__ddr__integration_share=1.0, levers__ddr__integration_quota=0.5)
    none = dict(levers__ddr__integration_share=0.0)

    def outcome(changes, **more):
        r = simulate(baseline(120, 4, **changes, **more), workers=2)
        ts = r.timeseries
        cohesion = ts[ts.month > 108]["cohesion_army"].mean()
        return float(cohesion), int((r.events.kind == "service_split").sum())

    (with_cohesion, _), (without_cohesion, _) = outcome(integrated), outcome(none)
    assert with_cohesion <= without_cohesion - 0.1, (with_cohesion, without_cohesion)
    (_, splits_with), (_, splits_without) = (outcome(c, params__forces__split_cohesion=0.9) for c in (integrated, none))
    assert splits_with >= 1 and splits_without == 0, (splits_with, splits_without)
