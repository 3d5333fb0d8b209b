"""The benchmarks of an SSR process that the model's state can express, with the test of each.

The UN's guidance for mission leadership names short, medium and long-term benchmarks
(004:37-58); these are the ones the model can state. The thresholds are assumptions. A run
records the first month each is met (``benchmark_<name>_month`` in ``summary.parquet``); the
exercise's brief and debrief show them by ``label``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .fighters import Status


@dataclass(frozen=True)
class Benchmark:
    name: str  # as in the summary column ``benchmark_<name>_month``
    term: str  # short, medium or long
    label: str  # what a reader calls it
    source: str
    criterion: str  # the test, in words
    met: Callable  # model -> bool


def _ddr_underway(m) -> bool:
    """A quarter of the month-0 caseload (members of signatory factions) has left the armed groups."""
    caseload = m.initial_caseload
    left = np.count_nonzero(m.fighters.status[caseload] != Status.COMBATANT)
    return caseload.size > 0 and left >= 0.25 * caseload.size


BENCHMARKS: tuple[Benchmark, ...] = (
    # 004:41 asks for mission and UN country team activities coordinated in support of DDR: a
    # loose fit for "DDR under way", but the only benchmark of the handbook's lists (004:37-58)
    # that is about DDR.
    Benchmark("short_ddr_underway", "short", "DDR under way", "004:41",
              "a quarter of the DDR caseload has left the armed groups", _ddr_underway),
    Benchmark("short_funding_agreed", "short", "funding agreed", "004:40",
              "every donor has committed a first cycle", lambda m: all(d.cycle_end >= 0 for d in m.donors)),
    Benchmark("medium_strategy_agreed", "medium", "strategy agreed (ownership)", "004:45",
              "national ownership (will x capacity) at least 0.4", lambda m: m.government.ownership >= 0.4),
    Benchmark("medium_oversight_functioning", "medium", "oversight functioning", "004:46",
              "oversight bodies' effective capacity at least 0.35", lambda m: m.oversight_capacity >= 0.35),
    Benchmark("long_implementation_advanced", "long", "implementation advanced", "004:53",
              "effectiveness at least 0.6 and accountability at least 0.45",
              lambda m: m.effectiveness_index >= 0.6 and m.accountability_index >= 0.45),
    Benchmark("long_public_confidence_restored", "long", "public confidence restored", "004:54",
              "public confidence at least 0.6", lambda m: m.public_confidence >= 0.6),
    Benchmark("long_oversight_controlling", "long", "oversight controlling", "004:55",
              "oversight at least 0.55 and impunity at most 0.35",
              lambda m: m.oversight_capacity >= 0.55 and m.impunity <= 0.35),
)
BY_NAME = {b.name: b for b in BENCHMARKS}


def heading(b: Benchmark) -> str:
    """``'Short: DDR under way'``: the term and the label, as the debrief lists them."""
    return f"{b.term.capitalize()}: {b.label}"
