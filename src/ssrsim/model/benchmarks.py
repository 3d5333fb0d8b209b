"""The benchmarks of an SSR process that the model's state can express, with the test of each.

The UN's guidance for mission leadership names short, medium and long-term benchmarks
(004:37-58); these are the ones the model can state. The thresholds are assumptions, set in
``thresholds.benchmarks``; each criterion's words give its default. A run records the first
month each is met (``benchmark_<name>_month`` in ``summary.parquet``); the exercise's brief and
debrief show them by ``label``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..config.schema import BenchmarkThresholds
from .fighters import Status


@dataclass(frozen=True)
class Benchmark:
    name: str  # as in the summary column ``benchmark_<name>_month``
    term: str  # short, medium or long
    label: str  # what a reader calls it
    source: str
    criterion: str  # the test, in words, at the default thresholds
    met: Callable  # model -> bool


def _th(m) -> BenchmarkThresholds:
    """The run's benchmark thresholds (``thresholds.benchmarks``)."""
    return m.cfg.thresholds.benchmarks


def _ddr_underway(m) -> bool:
    """A share (``thresholds.benchmarks.ddr_underway_share``, a quarter by default) of the month-0
    caseload (members of signatory factions) has left the armed groups."""
    caseload = m.initial_caseload
    left = np.count_nonzero(m.fighters.status[caseload] != int(Status.COMBATANT))  # an int: numpy is slow with IntEnum
    return caseload.size > 0 and left >= _th(m).ddr_underway_share * caseload.size


def _funding_agreed(m) -> bool:
    """Every donor has committed a first cycle."""
    return all(d.cycle_end >= 0 for d in m.donors)


_DEFAULT = BenchmarkThresholds()  # the criteria's words state the default thresholds
BENCHMARKS: tuple[Benchmark, ...] = (
    # 004:41 asks for mission and UN country team activities coordinated in support of DDR: a
    # loose fit for "DDR under way", but the only benchmark of the handbook's lists (004:37-58)
    # that is about DDR.
    Benchmark("short_ddr_underway", "short", "DDR under way", "004:41",
              "a quarter of the DDR caseload has left the armed groups", _ddr_underway),
    Benchmark("short_funding_agreed", "short", "funding agreed", "004:40",
              "every donor has committed a first cycle", _funding_agreed),
    Benchmark("medium_strategy_agreed", "medium", "strategy agreed (ownership)", "004:45",
              f"national ownership (will x capacity) at least {_DEFAULT.ownership}",
              lambda m: m.government.ownership >= _th(m).ownership),
    Benchmark("medium_oversight_functioning", "medium", "oversight functioning", "004:46",
              f"oversight bodies' effective capacity at least {_DEFAULT.oversight_functioning}",
              lambda m: m.oversight_capacity >= _th(m).oversight_functioning),
    Benchmark("long_implementation_advanced", "long", "implementation advanced", "004:53",
              f"effectiveness at least {_DEFAULT.implementation_effectiveness} and accountability at least "
              f"{_DEFAULT.implementation_accountability}",
              lambda m: m.effectiveness_index >= _th(m).implementation_effectiveness
              and m.accountability_index >= _th(m).implementation_accountability),
    Benchmark("long_public_confidence_restored", "long", "public confidence restored", "004:54",
              f"public confidence at least {_DEFAULT.public_confidence}",
              lambda m: m.public_confidence >= _th(m).public_confidence),
    Benchmark("long_oversight_controlling", "long", "oversight controlling", "004:55",
              f"oversight at least {_DEFAULT.oversight_controlling} and impunity at most "
              f"{_DEFAULT.impunity_controlling}",
              lambda m: m.oversight_capacity >= _th(m).oversight_controlling
              and m.impunity <= _th(m).impunity_controlling),
)
BY_NAME = {b.name: b for b in BENCHMARKS}


def heading(b: Benchmark) -> str:
    """``'Short: DDR under way'``: the term and the label, as the debrief lists them."""
    return f"{b.term.capitalize()}: {b.label}"
