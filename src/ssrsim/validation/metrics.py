"""One row of outcome statistics per replicate, the unit every validation statistic is built on.

Replicate r of every arm draws from ``SeedSequence([seed, r])``, so rows with the same
replicate number in two arms are paired on common random numbers. Every column is an emergent
outcome (relapse, deaths, trust shares, coups, remobilisation, deals broken), never an index a
lever enters by formula.
"""

from __future__ import annotations

import pandas as pd

from ..run.results import Results

#: Windows (first and last month, inclusive) over which public confidence is averaged.
CONFIDENCE_WINDOWS = {
    "confidence_early": (1, 24),       # when quick wins are meant to show
    "confidence_year1": (1, 12),
    "confidence_3y": (25, 36),
    "confidence_year4": (37, 48),
    "confidence_4_10y": (37, 120),
    "confidence_before_exit": (73, 84),  # the last year before the donors leave (fact 3)
    "confidence_10y": (109, 120),
    "confidence_late": (121, 240),
    "confidence_final": (229, 240),
}
DECADE = 120
#: The last month each metric reads; a metric not named reads every month of the run. A check
#: declares the months it reads from these, and an arm runs as long as its checks read (``facts.
#: arm_months``): a run is the same month by month whatever its length, so a shorter run gives
#: the same values of these metrics.
READS = {"relapse_5y": 60, "war_relapse_5y": 60, "relapse_10y": DECADE, "war_relapse_10y": DECADE,
         "mass_atrocity_10y": DECADE, "deaths_10y": DECADE, "one_sided_10y": DECADE, "coups_10y": DECADE,
         "coups_10y_any": DECADE, "confidence_lost": DECADE,
         **{name: last for name, (_, last) in CONFIDENCE_WINDOWS.items()}}


#: The monthly series the per-replicate metrics and the checks read (besides the summary and the
#: events): all a validation arm's runs keep (``SSRModel(series=...)``, a lean record, the same runs).
RECORDED = ("public_confidence", "confidence_army", "confidence_police", "battle_deaths", "one_sided_deaths",
            "one_sided_deaths_state", "one_sided_deaths_militias", "repression", "coup_attempts")


def months_read(*metrics: str) -> int | None:
    """The last month these metrics read; None if one of them reads the whole run."""
    months = [READS.get(m) for m in metrics]
    return None if None in months else max(months)


def _at(ts: pd.DataFrame, column: str, month: int) -> pd.Series:
    """``column`` at ``month`` (or the last month recorded) for each replicate."""
    last = ts[ts.month <= month].groupby("replicate").month.transform("max")
    rows = ts[ts.month == last.reindex(ts.index)]
    return rows.set_index("replicate")[column]


def _window_mean(ts: pd.DataFrame, column: str, first: int, last: int) -> pd.Series:
    rows = ts[(ts.month >= first) & (ts.month <= last)]
    return rows.groupby("replicate")[column].mean()


def _within(month: pd.Series, limit: int) -> pd.Series:
    return (month <= limit).astype(float)  # NaN (never) compares False


def per_replicate(results: Results) -> pd.DataFrame:
    """Outcome statistics by replicate (index ``replicate``).

    ``*_10y`` count the first 120 months; ``relapse_*``, ``war_relapse_*`` and
    ``mass_atrocity_10y`` are 0/1 indicators of a first onset by then.
    """
    s = results.summary.set_index("replicate").sort_index()
    ts = results.timeseries
    first_decade = ts[ts.month <= DECADE].groupby("replicate")
    whole = ts.groupby("replicate")
    relapse = pd.to_numeric(s.relapse_month, errors="coerce").astype(float)
    war = pd.to_numeric(s.war_relapse_month, errors="coerce").astype(float)
    atrocity = pd.to_numeric(s.mass_atrocity_month, errors="coerce").astype(float)
    ev = results.events
    broken = ev[ev.kind == "deal_broken"].groupby("replicate").size()
    out = pd.DataFrame({
        "relapse_5y": _within(relapse, 60),
        "relapse_10y": _within(relapse, DECADE),
        "relapse_month": relapse,
        "war_relapse_month": war,
        "war_relapse_5y": _within(war, 60),
        "war_relapse_10y": _within(war, DECADE),
        "mass_atrocity_10y": _within(atrocity, DECADE),
        "deaths_total": whole.battle_deaths.sum(),
        "deaths_10y": first_decade.battle_deaths.sum(),
        "one_sided_total": whole.one_sided_deaths.sum(),
        "one_sided_10y": first_decade.one_sided_deaths.sum(),
        "one_sided_state_total": whole.one_sided_deaths_state.sum() + whole.one_sided_deaths_militias.sum(),
        "repression_total": whole.repression.sum(),
        "peak_group_one_sided": s.peak_group_one_sided_deaths.astype(float),
        "confidence_mean": s.mean_public_confidence,
        "army_over_police": (ts.confidence_army - ts.confidence_police).groupby(ts.replicate).mean(),
        "coups": s.coup_attempts.astype(float),
        "coup_successes": s.coup_successes.astype(float),
        "coups_10y": _at(ts, "coup_attempts", DECADE).astype(float),
        "remobilized": s.total_remobilized.astype(float),
        "deals_broken": broken.reindex(s.index, fill_value=0).astype(float),
    })
    for name, (first, last) in CONFIDENCE_WINDOWS.items():
        out[name] = _window_mean(ts, "public_confidence", first, last)
    out["confidence_lost"] = out.confidence_before_exit - out.confidence_10y
    out["coups_10y_any"] = (out.coups_10y > 0).astype(float)
    out["army_above_police"] = (out.army_over_police > 0).astype(float)
    return out
