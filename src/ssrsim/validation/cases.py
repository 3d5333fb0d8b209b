"""The qualitative out-of-sample cases (docs/validation.md §5, "Qualitative cases").

Why: the calibration and the stylised facts test the generic baseline; these two cases ask whether
the model, with nothing fitted to them, sees two real countries as their record shows them:
Mozambique after the 1992 General Peace Agreement (no return to war; low-level fighting from
2013) and Liberia after the 2003 Accra agreement (a large mission; no relapse). Each case is its
scenario file (``configs/scenario/mozambique.yaml``, ``liberia.yaml``) run as shipped: context
and levers from the record, the calibrated ``params`` untouched, only the replicate count and the
seed set here. The checks, their statistics and bounds were stated in the docs before any run,
and are written here once (``CHECKS``).

    python -m ssrsim.validation.cases [--replicates 100] [--seed 271828] [--workers 1]

prints the table of checks and the numbers reported beside them, in Markdown.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..config.compose import compose
from ..run.analysis import wilson_interval
from ..run.runner import simulate
from .checks import t_interval
from .facts import SEED
from .metrics import per_replicate

#: Replicates of each case at the stated size (docs/validation.md §5).
REPLICATES = 100
#: What ``ssrsim validate`` runs of each case at its two sizes: (replicates, overrides). The fast
#: size only shows that the cases run; its numbers are not the result.
SIZES = {"fast": (4, ("context.citizens=2000",)), "full": (REPLICATES, ())}
#: A calendar year of the run: months 12(k - 1) + 1 .. 12k after the agreement (month 0).
YEAR = 12
#: Mozambique's periods for M3, in years of the run: the quiet twenty years, then the fighting
#: that began in April 2013 (year 21) and went on, with a truce, to the end of 2016 (year 24).
EARLY_YEARS, LATE_YEARS = (1, 20), (21, 24)
#: M3's minimum: years 21-24 more often armed-conflict years than years 1-20 by 5 points.
LATE_EXCESS = 0.05


def replicate_rows(results) -> pd.DataFrame:
    """One row per replicate: relapse in the run and within 10 years (0/1), the first relapse's
    month, and the share of armed-conflict years (at least ``thresholds.relapse_deaths`` battle
    deaths) in each of M3's periods, over the whole years the run has in it (NaN if none)."""
    cfg = results.config
    rows = per_replicate(results)
    out = pd.DataFrame({
        "relapse": rows.relapse_month.notna().astype(float),
        "war_relapse": rows.war_relapse_month.notna().astype(float),
        "relapse_10y": rows.relapse_10y,
        "war_relapse_10y": rows.war_relapse_10y,
        "relapse_month": rows.relapse_month,
    }, index=rows.index)
    ts = results.timeseries[results.timeseries.month >= 1]
    year = (ts.month - 1) // YEAR + 1
    deaths = ts.battle_deaths.groupby([ts.replicate, year]).sum().unstack(fill_value=0)
    whole = [y for y in deaths.columns if y * YEAR <= cfg.months]  # complete years only
    conflict = deaths[whole] >= cfg.thresholds.relapse_deaths
    for name, (first, last) in (("conflict_early", EARLY_YEARS), ("conflict_late", LATE_YEARS)):
        years = [y for y in whole if first <= y <= last]
        out[name] = conflict[years].mean(axis=1) if years else np.nan
    out["late_minus_early"] = out.conflict_late - out.conflict_early
    out.attrs["years"] = len(whole)  # the run's whole years, for the periods' labels
    return out


@dataclass(frozen=True)
class CaseCheck:
    """One check of a case: ``estimate`` reads the replicate rows and returns the estimate, its 95%
    interval and the replicates it rests on; ``passes`` decides from (estimate, lo, hi)."""

    name: str
    statement: str
    bound: str
    estimate: Callable[[pd.DataFrame], tuple[float, float, float, int]]
    passes: Callable[[float, float, float], bool]


def share(column: str) -> Callable[[pd.DataFrame], tuple[float, float, float, int]]:
    """Share of replicates where the 0/1 ``column`` is 1, with its Wilson interval."""
    def estimate(rows):
        x = rows[column].to_numpy(float)
        lo, hi = wilson_interval(x.sum(), x.size)
        return float(x.mean()), float(lo), float(hi), x.size
    return estimate


def mean(column: str) -> Callable[[pd.DataFrame], tuple[float, float, float, int]]:
    """Mean of ``column`` over replicates, with its t-interval."""
    def estimate(rows):
        m, lo, hi, _, n = t_interval(rows[column].to_numpy(float))
        return float(m), float(lo), float(hi), n
    return estimate


def at_most(bound: float) -> Callable[[float, float, float], bool]:
    return lambda est, lo, hi: bool(est <= bound)


def at_least(bound: float) -> Callable[[float, float, float], bool]:
    return lambda est, lo, hi: bool(est >= bound)


def above_zero_by(minimum: float) -> Callable[[float, float, float], bool]:
    return lambda est, lo, hi: bool(lo > 0 and est >= minimum)


#: The checks of each case, as stated in docs/validation.md §5 before any run.
CHECKS: dict[str, tuple[CaseCheck, ...]] = {
    "mozambique": (
        CaseCheck("M1", "war-level relapse within the run (288 months)", "<= 0.20",
                  share("war_relapse"), at_most(0.20)),
        CaseCheck("M2", "relapse into armed conflict within the run (288 months)", ">= 0.50",
                  share("relapse"), at_least(0.50)),
        CaseCheck("M3", "share of years 21-24 with armed conflict minus share of years 1-20 (mean)",
                  f"interval above 0, mean >= {LATE_EXCESS:g}", mean("late_minus_early"), above_zero_by(LATE_EXCESS)),
    ),
    "liberia": (
        CaseCheck("L1", "war-level relapse within the run (180 months)", "<= 0.15",
                  share("war_relapse"), at_most(0.15)),
        CaseCheck("L2", "relapse into armed conflict within the run (180 months)", "<= 0.40",
                  share("relapse"), at_most(0.40)),
    ),
}

#: Reported beside the checks, without a threshold: (label, column, how it is estimated).
REPORTED = (
    ("relapse into armed conflict within 10 years (baseline 0.59)", "relapse_10y", share),
    ("war-level relapse within 10 years (baseline 0.30)", "war_relapse_10y", share),
)
#: M3's periods, reported for every case over the years its run has: (column, years).
PERIODS = (("conflict_early", EARLY_YEARS), ("conflict_late", LATE_YEARS))


def run_case(case: str, replicates: int = REPLICATES, seed: int = SEED, workers: int = 1,
             overrides: Iterable[str] = ()) -> pd.DataFrame:
    """The case's scenario as shipped, ``replicates`` on ``seed``, reduced to replicate rows.
    ``overrides`` (Hydra syntax, last) are for the tests' tiny runs only: the stated size sets none."""
    cfg = compose(case, [f"replicates={replicates}", f"seed={seed}", *overrides])
    return replicate_rows(simulate(cfg, workers=workers, progress=False))


def checks_table(case: str, rows: pd.DataFrame) -> pd.DataFrame:
    """The case's checks: estimate, 95% interval, replicates, bound and whether it passes."""
    out = []
    for check in CHECKS[case]:
        est, lo, hi, n = check.estimate(rows)
        out.append({"case": case, "check": check.name, "statement": check.statement, "estimate": est,
                    "lo": lo, "hi": hi, "n": n, "bound": check.bound,
                    "passed": bool(np.isfinite(est) and check.passes(est, lo, hi))})
    return pd.DataFrame(out)


def reported_table(case: str, rows: pd.DataFrame) -> pd.DataFrame:
    """What is reported beside the checks, and the median month of the first relapse."""
    out = []
    for label, column, how in REPORTED:
        est, lo, hi, n = how(column)(rows)
        out.append({"case": case, "what": label, "estimate": est, "lo": lo, "hi": hi, "n": n})
    years = rows.attrs.get("years", LATE_YEARS[1])
    for column, (first, last) in PERIODS:
        if first <= years:
            est, lo, hi, n = mean(column)(rows)
            out.append({"case": case, "what": f"share of years {first}-{min(last, years)} with armed conflict (mean)",
                        "estimate": est, "lo": lo, "hi": hi, "n": n})
    months = rows.relapse_month.dropna()
    out.append({"case": case, "what": "median month of the first relapse into armed conflict (runs with one)",
                "estimate": float(months.median()) if len(months) else np.nan, "lo": np.nan, "hi": np.nan,
                "n": len(months)})
    return pd.DataFrame(out)


def run_cases(replicates: int = REPLICATES, seed: int = SEED, workers: int = 1, overrides: Iterable[str] = (),
              say: Callable[[str], None] = lambda _: None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every case: its checks and what is reported beside them, each a table over the cases."""
    checks, reported = [], []
    for case in CHECKS:
        say(f"qualitative case {case!r}, {replicates} replicates")
        rows = run_case(case, replicates, seed, workers, overrides)
        checks.append(checks_table(case, rows))
        reported.append(reported_table(case, rows))
    return pd.concat(checks, ignore_index=True), pd.concat(reported, ignore_index=True)


def _number(row) -> str:
    if not np.isfinite(row.estimate):
        return "n/a"
    if not np.isfinite(row.lo):
        return f"{row.estimate:.3g} (n = {row.n})"
    return f"{row.estimate:.2f} [{row.lo:.2f}, {row.hi:.2f}] (n = {row.n})"


def markdown(checks: pd.DataFrame, reported: pd.DataFrame) -> str:
    lines = ["| case | check | statement | model [95% interval] | passes when | result |",
             "|---|---|---|---|---|---|"]
    for r in checks.itertuples():
        result = "pass" if r.passed else "**FAIL**"
        lines.append(f"| {r.case} | {r.check} | {r.statement} | {_number(r)} | {r.bound} | {result} |")
    lines += ["", "| case | reported (no threshold) | model [95% interval] |", "|---|---|---|"]
    lines += [f"| {r.case} | {r.what} | {_number(r)} |" for r in reported.itertuples()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m ssrsim.validation.cases", description=__doc__.split("\n")[0])
    parser.add_argument("--replicates", type=int, default=REPLICATES, help=f"replicates per case (default {REPLICATES})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"root seed (default {SEED}, the validation's)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (the numbers do not depend on it)")
    opts = parser.parse_args(argv)
    print(markdown(*run_cases(opts.replicates, opts.seed, opts.workers)), end="")


if __name__ == "__main__":
    main()
