"""Run the arms the checks need, each once, on common random numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from ..config.compose import compose
from ..run.runner import simulate
from .facts import ARMS, MONTHS, SIZES, ArmData, Fact, Outcome
from .metrics import per_replicate

SERIES = ("replicate", "month", "battle_deaths", "trailing_deaths", "public_confidence",
          "perceived_safety")


def arm_config(arm: str, size: str, extra: Iterable[str] = (), months: int = MONTHS):
    """The baseline with the arm's overrides at the given size (same seed for every arm)."""
    spec = SIZES[size]
    return compose("baseline", [*spec["overrides"], *ARMS[arm], f"replicates={spec['replicates']}",
                                f"months={months}", *extra])  # extra last: it may set replicates


def run_arm(arm: str, size: str, workers: int = 1, extra: Iterable[str] = ()) -> ArmData:
    results = simulate(arm_config(arm, size, extra), workers=workers, progress=False)
    return ArmData(per_replicate(results), results.timeseries[list(SERIES)].copy())


def run_arms(arms: Iterable[str], size: str, workers: int = 1, extra: Iterable[str] = (),
             progress: Callable[[str, int, int], None] | None = None) -> dict[str, ArmData]:
    arms = list(dict.fromkeys(arms))
    data = {}
    for i, arm in enumerate(arms):
        data[arm] = run_arm(arm, size, workers, extra)
        if progress:
            progress(arm, i + 1, len(arms))
    return data


def evaluate(facts: Iterable[Fact], data: dict[str, ArmData]) -> pd.DataFrame:
    """One row per check: fact, statistic, effect, 95% interval, minimum, pass."""
    rows = []
    for fact in facts:
        for check in fact.checks:
            o: Outcome = check.outcome(data)
            rows.append({"fact": fact.number, "title": fact.title, "statistic": check.statistic,
                         "unit": check.unit, "effect": o.effect, "lo": o.lo, "hi": o.hi,
                         "minimum": o.minimum, "n": o.n, "passed": o.passed})
    return pd.DataFrame(rows)
