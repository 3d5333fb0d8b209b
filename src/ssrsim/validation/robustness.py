"""Sensitivity sanity: which model parameters matter, and can ±25% on them flip a stylised fact?

Two steps (results in ``docs/validation.md``):

1. **Morris screening** of every ``params.*`` value (the model's internal parameters, whose values
   are assumed or calibrated) over ±25% of its current value, within the schema's bounds, for
   P(relapse within 10 years) and mean public confidence.
2. For the most influential parameters, every stylised fact is re-run with the parameter moved
   25% down and up. A *flip* is a check that holds at the calibrated value and fails there; a
   check *comes close* when its interval's lower end falls below half the minimum effect.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

from ..config import Config, paths
from ..config.fields import field_info, limits
from ..config.compose import compose
from ..run.runner import simulate
from ..sweeps import designs as sensitivity
from .arms import run_arms
from .facts import FACTS, Fact
from .metrics import per_replicate

OUTPUTS = {"relapse_10y": "P(relapse within 10 years)", "confidence_mean": "mean public confidence"}


def model_parameters(cfg: Config | None = None) -> dict[str, tuple[float, float, float]]:
    """``{path: (value, lower bound, upper bound)}`` for every numeric ``params.*`` field."""
    cfg = cfg or Config()
    out = {}
    for path, value in paths.flatten(cfg.params.model_dump(), "params").items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            lo, hi = limits(field_info(Config, path))
            out[path] = (float(value), float(-np.inf if lo is None else lo), float(np.inf if hi is None else hi))
    return out


def moved(value: float, lo: float, hi: float, fraction: float) -> float:
    """``value`` moved by ``fraction`` of its magnitude, kept inside the schema's bounds."""
    return float(np.clip(value + fraction * abs(value), lo, hi))


def screening_ranges(params: dict[str, tuple[float, float, float]], fraction: float = 0.25):
    ranges = {p: (moved(v, lo, hi, -fraction), moved(v, lo, hi, fraction)) for p, (v, lo, hi) in params.items()}
    return {p: r for p, r in ranges.items() if r[0] < r[1]}  # a zero value has no ±25%


def morris(ranges: dict[str, tuple[float, float]], trajectories: int, replicates: int, months: int,
           workers: int, seed: int = 1,
           progress: Callable[[int, int], None] | None = None) -> dict[str, pd.DataFrame]:
    """Morris mu*/sigma for each output in ``OUTPUTS``, most influential first."""
    prob = sensitivity.problem(ranges)
    X = sensitivity.sample(prob, "morris", trajectories, seed=seed)
    Y = {k: [] for k in OUTPUTS}
    for i, x in enumerate(X):
        cfg = compose("baseline", [*sensitivity.point_overrides(prob, x), f"replicates={replicates}",
                                   f"months={months}"])
        metrics = per_replicate(simulate(cfg, workers=workers, progress=False))
        for k in OUTPUTS:
            Y[k].append(float(metrics[k].mean()))
        if progress:
            progress(i + 1, len(X))
    return {k: sensitivity.analyze(prob, "morris", X, np.array(Y[k]), seed=seed) for k in OUTPUTS}


def most_influential(tables: dict[str, pd.DataFrame], count: int) -> list[str]:
    """Parameters ranked by their largest mu*, each output's mu* scaled by that output's top mu*."""
    score = {}
    for table in tables.values():
        top = table.mu_star.max() or 1.0
        for row in table.itertuples():
            score[row.parameter] = max(score.get(row.parameter, 0.0), row.mu_star / top)
    return sorted(score, key=score.get, reverse=True)[:count]


def fact_table(data, facts: tuple[Fact, ...] = FACTS) -> pd.DataFrame:
    rows = []
    for f in facts:
        for j, c in enumerate(f.checks):
            o = c.outcome(data)
            rows.append({"fact": f.number, "check": j + 1, "effect": o.effect, "lo": o.lo,
                         "minimum": o.minimum, "passed": o.passed})
    return pd.DataFrame(rows)


def perturb_facts(parameters: list[str], values: dict[str, tuple[float, float, float]], size: str,
                  workers: int, fraction: float = 0.25, replicates: int | None = None,
                  progress: Callable[[str], None] | None = None) -> Iterator[pd.DataFrame]:
    """Every fact at the current values, then with each parameter moved ±``fraction``
    (``replicates`` per arm overrides the size's count).

    Yields the cumulative table after each setting, so a long screening can be saved as it goes.
    ``flipped``: the check holds at the current values and fails here; ``close``: the interval's
    lower end is below half the minimum effect.
    """
    arms = [a for f in FACTS for a in f.arms]
    common = [f"replicates={replicates}"] if replicates else []
    base = fact_table(run_arms(arms, size, workers, extra=common)).assign(parameter="(calibrated)", value=np.nan)
    held = base.set_index(["fact", "check"]).passed
    tables = [base]
    for p in parameters:
        v, lo, hi = values[p]
        for sign in (-1, 1):
            x = moved(v, lo, hi, sign * fraction)
            if progress:
                progress(f"{p} = {x:.4g} ({'+' if sign > 0 else '-'}{fraction:.0%})")
            t = fact_table(run_arms(arms, size, workers, extra=[*common, f"{p}={x!r}"]))
            tables.append(t.assign(parameter=p, value=x))
            out = pd.concat(tables, ignore_index=True)
            out["flipped"] = [bool(held[k]) and not bool(ok)
                              for k, ok in zip(zip(out.fact, out.check), out.passed)]
            out["close"] = out.lo < 0.5 * out.minimum
            yield out
