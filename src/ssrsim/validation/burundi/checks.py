"""The Burundi validation's statistics (docs/burundi.md §5): one row per replicate, then the checks.

Why a module of its own: what a check reads is fixed by §5, before the runs, and it is pure
pandas on per-replicate rows, so the statistics can be tested on rows made by hand, without
running the model. ``reduce`` turns one replicate's tables into its row (``replicate_row`` runs
the replicate first: a worker's job); ``evaluate`` turns the strategies' rows into the tables the
report shows:

- H1-H3, the historical track's checks, and C1, the 2015 crisis check, as shares of replicates
  with Wilson 95% intervals against their bounds;
- T1, the paired differences of strategies (b) and (c) from the historical track (a), with 95%
  t-intervals against the minimum effects;
- what is reported without a threshold: 2015's violence, the emerged developments, the spread
  over the strategies drawn from the menu.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...config import Config
from ...config.calendar import year_of
from ...run.analysis import wilson_interval
from ...run.runner import run_replicate
from .strategies import LABELS
from ..checks import t_interval

# Months since November 2003 (month 0).
END_2008, DEC_2011, DEC_2014 = 61, 97, 133
YEAR_2015 = (134, 145)
ELECTION_2010 = 79
FIRST_DECISION = 13
CONFLICT_YEARS = tuple(range(2004, 2016))  # the run's full calendar years

#: Historical track: H1 demobilised in December 2008 within 23,000 ± 25%, in at least 80% of runs.
DEMOBILISED, DEMOBILISED_BAND, H1_MIN = 23000, 0.25, 0.80
#: H2: armed conflict in each of 2004-2007 in at least 80% of runs, 2008 in at least 50%.
H2_MIN = {2004: 0.8, 2005: 0.8, 2006: 0.8, 2007: 0.8, 2008: 0.5}
#: H3: war-level relapse before January 2015 in at most 10% of runs.
H3_MAX = 0.10
#: C1: indicator -> (words, +1 if higher is worse, -1 if lower is worse).
INDICATORS = {"exclusion": ("exclusion from power", 1), "risk_militias": ("militia activity", 1),
              "repression": ("repression", 1), "civic_space": ("civic space", -1),
              "polarisation_army": ("army polarisation", 1)}
C1_WORSE, C1_MIN, TOLERANCE = 4, 0.60, 1e-9
#: T1: outcome -> (words, unit, minimum effect, +1 if higher is better, -1 if lower is better).
OUTCOMES = {"conflict_years": ("conflict years (2004-2015)", "years", 0.5, -1),
            "confidence": ("public confidence (mean, Dec 2004 - May 2016)", "0-1", 0.01, 1),
            "one_sided_deaths": ("one-sided deaths (whole run)", "people", 100.0, -1)}
PAIRS = (("ddr_first", "historical"), ("exclusionary", "historical"))
#: The direction each strategy is expected to move the outcomes, against history (+1: better).
EXPECTED = {"ddr_first": 1, "exclusionary": -1}

def replicate_row(cfg: Config, replicate: int) -> dict:
    """Run one replicate and reduce it to the numbers every check reads (a worker's job)."""
    out = run_replicate(cfg, replicate)
    return reduce(out["timeseries"], out["events"], out["summary"], cfg)


def reduce(ts: pd.DataFrame, events: pd.DataFrame, summary: dict, cfg: Config) -> dict:
    """One replicate's tables as one row: the outcomes of T1, the historical checks' counts,
    the crisis indicators at December 2011 and 2014, 2015's violence and the emerged events."""
    ts = ts.set_index("month").sort_index()
    months = ts.index.to_numpy()
    years = year_of(months, cfg.calendar.start)
    deaths = ts["battle_deaths"].groupby(years).sum()
    row = {"replicate": int(summary["replicate"])}
    threshold = cfg.thresholds.relapse_deaths
    for y in CONFLICT_YEARS:
        row[f"conflict_{y}"] = bool(deaths.get(y, 0) >= threshold)
    row["conflict_years"] = int(sum(row[f"conflict_{y}"] for y in CONFLICT_YEARS))
    row["confidence"] = float(ts.loc[FIRST_DECISION:, "public_confidence"].mean())
    row["one_sided_deaths"] = float(summary["total_one_sided_deaths"])
    row["demobilised_2008"] = float(ts.at[END_2008, "demobilized_total"])
    war = summary.get("war_relapse_month")
    row["war_month"] = float(war) if war is not None else np.nan
    for name, (_, bad) in INDICATORS.items():
        before, after = float(ts.at[DEC_2011, name]), float(ts.at[DEC_2014, name])
        row[f"{name}_2011"], row[f"{name}_2014"] = before, after
        row[f"{name}_worse"] = bool(bad * (after - before) > TOLERANCE)
    row["worse"] = int(sum(row[f"{name}_worse"] for name in INDICATORS))
    first, last = YEAR_2015
    in_2015 = ts.loc[first:last]
    row["one_sided_2015"] = float(in_2015["one_sided_deaths"].sum())
    row["refugee_flight_2015"] = float(in_2015["refugee_flight"].sum())
    row["battle_deaths_2015"] = float(in_2015["battle_deaths"].sum())
    row.update(emerged(events))
    return row


def emerged(ev: pd.DataFrame) -> dict:
    """Whether the unscheduled developments happened (as ``experiments/burundi/historical_track.py``
    counts them): the 2010 boycott, the FNL back to arms after its first deal, a 2015 coup attempt."""
    deals = ev[(ev["kind"] == "peace_deal") & (ev["actor"] == "fnl")]["month"]
    deal = deals.min() if len(deals) else None
    back = ((ev["kind"].isin(["deal_broken", "election_rejected"]) & (ev["actor"] == "fnl"))
            | ((ev["kind"] == "rearm") & (ev["actor"] == "palipehutu_fnl")))
    first, last = YEAR_2015
    return {"fnl_deal": deal is not None,
            "boycott_2010": bool(((ev["kind"] == "boycott") & (ev["month"] == ELECTION_2010)).any()),
            "fnl_rearmed": bool(deal is not None and (back & (ev["month"] > deal)).any()),
            "coup_2015": bool(((ev["kind"] == "coup_attempt") & ev["month"].between(first, last)).any())}



# --------------------------------------------------------------------------- the checks
def _share(x: pd.Series) -> tuple[float, float, float, int, int]:
    k, n = int(np.asarray(x, bool).sum()), len(x)
    lo, hi = wilson_interval(np.array([k]), n)
    return k / n, float(lo[0]), float(hi[0]), k, n


def evaluate(fixed: dict[str, pd.DataFrame], random: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The report's tables from the strategies' per-replicate rows (the statements of §5):
    ``checks`` (H1-H3, C1, T1 with pass or fail), ``differences`` (T1 outcome by outcome),
    ``crisis`` (C1 indicator by indicator), ``reported`` and ``spread``."""
    a = fixed["historical"]
    checks = []

    def check(name: str, statement: str, x: pd.Series, bound: float, at_least: bool = True) -> None:
        p, lo, hi, k, n = _share(x)
        checks.append({"check": name, "statement": statement, "value": p, "lo": lo, "hi": hi, "k": k, "n": n,
                       "bound": f"{'>=' if at_least else '<='} {bound:.2f}",
                       "passed": bool(p >= bound if at_least else p <= bound)})

    band = (a.demobilised_2008 >= (1 - DEMOBILISED_BAND) * DEMOBILISED) & \
           (a.demobilised_2008 <= (1 + DEMOBILISED_BAND) * DEMOBILISED)
    check("H1", "demobilised in December 2008 within 23,000 ± 25%", band, H1_MIN)
    for year, bound in H2_MIN.items():
        check(f"H2 {year}", f"armed conflict (>= 25 battle deaths) in {year}", a[f"conflict_{year}"], bound)
    check("H3", "war-level relapse before January 2015", a.war_month < YEAR_2015[0], H3_MAX, at_least=False)
    check("C1", f"at least {C1_WORSE} of the 5 crisis indicators worse in December 2014 than in December 2011",
          a.worse >= C1_WORSE, C1_MIN)
    diffs = differences(fixed)
    for strategy, base in PAIRS:
        d = diffs[diffs.strategy == strategy]
        shows = d[d.shows]
        checks.append({"check": f"T1 {strategy}", "value": float(len(shows)), "lo": np.nan, "hi": np.nan,
                       "k": len(shows), "n": len(d), "bound": ">= 1 outcome",
                       "statement": f"{LABELS[strategy]} - {LABELS[base]} shows on at least one outcome"
                                    + (f" ({', '.join(shows.outcome)})" if len(shows) else ""),
                       "passed": bool(len(shows) >= 1)})
    return {"checks": pd.DataFrame(checks), "differences": diffs, "crisis": crisis_table(a),
            "reported": reported_table(a), "spread": spread_table(fixed, random)}


def differences(fixed: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """T1: each paired difference (strategy - history) of each outcome, mean and 95% t-interval."""
    rows = []
    for strategy, base in PAIRS:
        for outcome, (words, unit, minimum, better) in OUTCOMES.items():
            diff = (fixed[strategy][outcome] - fixed[base][outcome]).dropna().to_numpy(float)
            mean, lo, hi, _, n = t_interval(diff)
            shows = bool((lo > 0 or hi < 0) and abs(mean) >= minimum)
            rows.append({"strategy": strategy, "against": base, "outcome": outcome, "words": words, "unit": unit,
                         "mean": mean, "lo": lo, "hi": hi, "minimum": minimum, "n": n, "shows": shows,
                         "better": bool(better * mean > 0),
                         "as_expected": bool(np.sign(better * mean) == EXPECTED[strategy]) if mean != 0 else False,
                         strategy: float(fixed[strategy][outcome].mean()), base: float(fixed[base][outcome].mean())})
    frame = pd.DataFrame(rows)
    return frame


def crisis_table(a: pd.DataFrame) -> pd.DataFrame:
    """C1 indicator by indicator: the share of replicates worse, and the medians at both dates."""
    rows = []
    for name, (words, bad) in INDICATORS.items():
        p, lo, hi, k, n = _share(a[f"{name}_worse"])
        rows.append({"indicator": name, "words": words, "worse_if": "higher" if bad > 0 else "lower",
                     "median_2011": float(a[f"{name}_2011"].median()), "median_2014": float(a[f"{name}_2014"].median()),
                     "median_change": float((a[f"{name}_2014"] - a[f"{name}_2011"]).median()),
                     "share_worse": p, "lo": lo, "hi": hi, "k": k, "n": n})
    counts = a.worse.value_counts().reindex(range(len(INDICATORS) + 1), fill_value=0)
    rows.append({"indicator": "count", "words": "replicates by number of indicators worse (0-5)",
                 "counts": ", ".join(f"{i}: {c}" for i, c in counts.items())})
    return pd.DataFrame(rows)


def reported_table(a: pd.DataFrame) -> pd.DataFrame:
    """The numbers reported without a threshold: 2015's violence and the emerged developments."""
    rows = []

    def share(name, words, x, record):
        p, lo, hi, k, n = _share(x)
        rows.append({"what": name, "words": words, "value": p, "lo": lo, "hi": hi, "k": k, "n": n,
                     "kind": "share", "record": record})

    def amount(name, words, x, record):
        mean, lo, hi, _, n = t_interval(x.to_numpy(float))
        rows.append({"what": name, "words": words, "value": mean, "lo": lo, "hi": hi, "median": float(x.median()),
                     "n": n, "kind": "mean", "record": record})

    amount("one_sided_2015", "civilians deliberately killed in 2015 (per replicate)", a.one_sided_2015,
           "500-2,000 killed in the 2015 crisis (ICG 2017)")
    share("one_sided_violence_2015", "one-sided violence in 2015 (>= 25 civilians killed)", a.one_sided_2015 >= 25,
          "yes (ICG 2017)")
    amount("refugee_flight_2015", "people fleeing abroad in 2015 (per replicate)", a.refugee_flight_2015,
           "about 400,000 refugees (ICG 2017)")
    share("war_onset_2015", "war-level relapse beginning in 2015",
          a.war_month.between(*YEAR_2015), "no war (ICG 2017)")
    share("war_year_2015", ">= 1,000 battle deaths in 2015", a.battle_deaths_2015 >= 1000, "no war (ICG 2017)")
    share("boycott_2010", "a boycott of the 2010 elections", a.boycott_2010, "opposition boycott (ICG 2011)")
    share("fnl_rearmed", "the FNL back to arms after its deal", a.fnl_rearmed,
          "part of it, after the 2010 elections (ICG 2011)")
    share("coup_2015", "a coup attempt in 2015", a.coup_2015, "13 May 2015, failed (ICG 2017)")
    share("fnl_deal", "a deal with the FNL (context)", a.fnl_deal, "April 2009 (IRIN 2009)")
    return pd.DataFrame(rows)


def spread_table(fixed: dict[str, pd.DataFrame], random: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per outcome: the random strategies' means (their quantiles), their paired differences from
    history on the same replicates, and where (a), (b), (c) stand among them on those replicates."""
    if not random:
        return pd.DataFrame()
    reps = next(iter(random.values())).index
    base = fixed["historical"].loc[reps]
    rows = []
    for outcome, (words, unit, minimum, better) in OUTCOMES.items():
        means = pd.Series({name: t[outcome].mean() for name, t in random.items()})
        diffs = pd.Series({name: (t[outcome] - base[outcome]).mean() for name, t in random.items()})
        row = {"outcome": outcome, "words": words, "replicates": len(reps), "strategies": len(random),
               "min": means.min(), "q25": means.quantile(0.25), "median": means.median(),
               "q75": means.quantile(0.75), "max": means.max(),
               "diff_min": diffs.min(), "diff_max": diffs.max(),
               "random_better_than_history": int((better * diffs > 0).sum())}
        for name, t in fixed.items():
            value = t.loc[reps, outcome].mean()
            row[name] = value
            row[f"{name}_rank"] = int((better * means > better * value).sum()) + 1  # 1: better than all drawn
        rows.append(row)
    return pd.DataFrame(rows)
