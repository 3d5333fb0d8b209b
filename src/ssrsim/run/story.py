"""The story of one replicate in words: what happened when, a line per calendar year.

A run's tables hold every event of every replicate; a reader (a trainer, a team at the debrief,
an analyst on the Explore page) wants one history told plainly. The replicate told is the median
one by battle deaths, so the story is neither the luckiest nor the worst run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from ..config import Config
from ..config.calendar import label_of, short_month, year_of
from .results import Results

#: Events left out of the story: levers set (the decisions are dated on their own), every clash
#: (counted per year instead) and the rolling relapse marker.
UNTOLD = ["set_lever", "clash", "relapse"]


def median_replicate(results: Results) -> int:
    """The replicate whose total battle deaths are closest to the median (lowest index on ties)."""
    totals = results.timeseries.groupby("replicate")["battle_deaths"].sum()
    gap = (totals - totals.median()).abs()
    return int(gap[gap == gap.min()].index.min())


def in_words(cfg: Config) -> Callable[[str], str]:
    """A function that puts an event log's text in words: the scenario's actors by their labels
    (``cndd_fdd`` -> "CNDD-FDD"), the remaining code words with spaces (``co_opt`` -> "co opt")."""
    called = {a.name: a.called for a in (*cfg.context.factions, *cfg.context.settlement.factions,
                                         *cfg.context.spoilers, *cfg.context.donors) if a.label}
    names = re.compile(r"\b(" + "|".join(map(re.escape, sorted(called, key=len, reverse=True))) + r")\b") \
        if called else None

    def words(text: str) -> str:
        text = names.sub(lambda m: called[m.group()], text) if names else text
        return re.sub(r"(?<=[A-Za-z])_(?=[A-Za-z])", " ", text)
    return words


def _clock(start: str | None) -> tuple[Callable, Callable[[int], str], Callable[[int], str]]:
    """How the story dates things: the year of a month (or array of months), a month in words, a
    year's heading. With a calendar: 2005, "Jul", "2005"; without: the run's year 2, "month 14",
    "Year 2"."""
    if start:
        return (lambda m: year_of(m, start)), (lambda m: short_month(label_of(m, start))), str
    return (lambda m: np.asarray(m) // 12 + 1), (lambda m: f"month {m}"), (lambda y: f"Year {y}")


def narrative(results: Results, replicate: int, decisions: Sequence[int] = ()) -> list[str]:
    """What happened when in one replicate, a line per calendar year, in words (Markdown: the
    year in bold). ``decisions``: the months of decision points, dated in the story too. A
    scenario without a calendar is told by years and months of the run ("Year 2", "month 14")."""
    cfg = results.config
    words = in_words(cfg)
    start = cfg.calendar.start
    ev = results.events
    mine = ev[ev["replicate"] == replicate]
    told = mine[~mine["kind"].isin(UNTOLD)]
    ts = results.timeseries
    ts = ts[(ts["replicate"] == replicate) & (ts["month"] >= 1)]
    year, month_words, heading = _clock(start)
    deaths = ts.assign(year=year(ts["month"].to_numpy())).groupby("year")["battle_deaths"].sum()
    clashes = mine[mine["kind"] == "clash"]
    clash_count = clashes.groupby(year(clashes["month"].to_numpy())).size()
    dated: list[tuple[int, str]] = [(int(m), f"decision point {i}") for i, m in enumerate(decisions, 1)]
    for _, row in told.iterrows():
        kind, actor, detail = row["kind"], words(str(row["actor"])), words(str(row["detail"] or ""))
        text = {"election": f"election ({detail})",
                "remobilization_wave": f"remobilisation wave ({detail})",
                "coup_attempt": f"COUP ATTEMPT by the {actor} ({detail})",
                "war_relapse": f"WAR-LEVEL RELAPSE ({detail})",
                "mandate_end": f"peacekeeping mandate ends ({detail})"}.get(
            kind, f"{kind.replace('_', ' ')} {actor}" + (f" ({detail})" if detail else ""))
        dated.append((int(row["month"]), text))
    dated.sort(key=lambda x: x[0])
    lines = []
    for y in sorted(set(year(np.arange(0, cfg.months + 1)).tolist())):
        parts = []
        d, c = int(deaths.get(y, 0)), int(clash_count.get(y, 0))
        if d or c:
            parts.append(f"{d:,} battle deaths" + (f" ({c} clash{'es' if c != 1 else ''} of 10 or more)" if c else ""))
        for month, text in dated:
            if int(year(month)) == y:
                parts.append(f"{month_words(month)}: {text}")
        if parts:
            lines.append(f"**{heading(y)}**: " + "; ".join(parts) + ".")
    return lines
