"""Run the arms the checks need, each once, on common random numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from ..config.compose import compose
from ..run.runner import simulate, worker_pool
from .checks import SERIES, ArmData, Outcome
from .facts import ARMS, PATTERN_ARMS, SEED, SIZES, Fact, arm_months
from .metrics import RECORDED, per_replicate
from .patterns import pattern_data


def arm_config(arm: str, size: str, extra: Iterable[str] = (), months: int | None = None):
    """The baseline with the arm's overrides at the given size, on the validation's seed (the same
    for every arm), for ``months`` (default: as long as the facts' checks of the arm read,
    ``arm_months``; a run is the same month by month whatever its length)."""
    spec = SIZES[size]
    months = arm_months(arm) if months is None else months
    return compose("baseline", [*spec["overrides"], *ARMS[arm], f"replicates={spec['replicates']}",
                                f"months={months}", f"seed={SEED}", *extra])  # extra last: it may set replicates


def arm_data(results) -> ArmData:
    """What the checks read from one arm's results: per-replicate metrics, a few monthly series and
    the deaths of every clash logged (clashes of at least 10 deaths)."""
    ev = results.events
    clashes = ev[ev.kind == "clash"]
    return ArmData(per_replicate(results), results.timeseries[list(SERIES)].copy(),
                   clashes["size"].to_numpy(float), clashes["replicate"].to_numpy(int))


def run_arm(cfg, arm: str, pool=None) -> ArmData:
    """One arm's data: its runs through ``simulate``, recording only the series the checks read
    (``metrics.RECORDED``), or, for an arm of ``PATTERN_ARMS``, stepped by ``validation.patterns``
    (the same runs, read on individuals)."""
    if arm in PATTERN_ARMS:
        return pattern_data(cfg, pool)
    return arm_data(simulate(cfg, workers=1, progress=False, pool=pool, series=RECORDED))


def run_arms(arms: Iterable[str], size: str, workers: int = 1, extra: Iterable[str] = (),
             progress: Callable[[str, int, int], None] | None = None) -> dict[str, ArmData]:
    """Every arm at ``size``, on ``workers`` processes started once for all of them."""
    arms = list(dict.fromkeys(arms))
    data = {}
    with worker_pool(workers) as pool:
        for i, arm in enumerate(arms):
            data[arm] = run_arm(arm_config(arm, size, extra), arm, pool)
            if progress:
                progress(arm, i + 1, len(arms))
    return data


def evaluate(facts: Iterable[Fact], data: dict[str, ArmData]) -> pd.DataFrame:
    """One row per check: fact, statistic, kind, effect, 95% interval, minimum, pass."""
    rows = []
    for fact in facts:
        for check in fact.checks:
            o: Outcome = check.outcome(data)
            rows.append({"fact": fact.number, "title": fact.title, "statistic": check.statistic,
                         "kind": check.kind, "unit": check.unit, "effect": o.effect, "lo": o.lo, "hi": o.hi,
                         "minimum": o.minimum, "n": o.n, "passed": o.passed})
    return pd.DataFrame(rows)
