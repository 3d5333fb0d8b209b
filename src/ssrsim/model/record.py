"""Monthly observation of one run, kept in preallocated arrays and turned into tidy tables.

Observation is separate from behaviour: nothing here changes the model's state. What is recorded,
in which order and as which type, is the outputs catalogue (:mod:`ssrsim.model.outputs`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .benchmarks import BENCHMARKS
from .donors import PROGRAMMES
from .outputs import TIMESERIES, columns

SERIES = tuple(columns("timeseries"))
PROVINCE_SERIES = tuple(columns("provinces"))
INTEGER_SERIES = {o.column for o in TIMESERIES if o.integer}


class Recorder:
    """Arrays for every reported quantity, one row per month (month 0 = initial state)."""

    def __init__(self, months: int, provinces: int, donors: list[str], series: tuple[str, ...] | None = None):
        """``series``: the only monthly series kept (a lean record, ``lean_tables``); None: all."""
        rows = months + 1
        self.series = {name: np.zeros(rows) for name in SERIES if series is None or name in series}
        self.provinces = {name: np.zeros((rows, provinces)) for name in PROVINCE_SERIES}
        self.donors = donors
        self.committed = np.zeros((rows, len(donors), len(PROGRAMMES)))
        self.disbursed = np.zeros((rows, len(donors), len(PROGRAMMES)))
        self.events: list[tuple] = []
        self.groups: list[tuple] = []  # (month, group, measure, value)
        self.benchmarks: dict[str, int | None] = dict.fromkeys(b.name for b in BENCHMARKS)
        self.last = -1

    def write(self, month: int, values: dict, provinces: dict, committed, disbursed) -> None:
        for name, value in values.items():
            self.series[name][month] = value
        for name, value in provinces.items():
            self.provinces[name][month] = value
        self.committed[month] = committed
        self.disbursed[month] = disbursed
        self.last = month

    def write_groups(self, month: int, rows: dict[str, dict[str, float]]) -> None:
        """This month's measures of each group: ``{group: {measure: value}}``."""
        for group, measures in rows.items():  # a list, built faster than a generator is consumed
            self.groups.extend([(month, group, measure, float(value)) for measure, value in measures.items()])

    def benchmark(self, name: str, met: bool, month: int) -> None:
        if met and self.benchmarks[name] is None:
            self.benchmarks[name] = month

    def tables(self, replicate: int, seed: int) -> dict[str, pd.DataFrame]:
        """The run's tables up to the last recorded month."""
        rows = self.last + 1
        ts, events = self._timeseries(replicate, seed), self._events(replicate)
        count = self.provinces["battle_deaths"].shape[1]
        prov = pd.DataFrame({"replicate": np.full(rows * count, replicate, np.int32),
                             "month": np.repeat(np.arange(rows, dtype=np.int32), count),
                             "province": np.tile(np.arange(count, dtype=np.int16), rows)})
        for name, values in self.provinces.items():
            flat = values[:rows].ravel()
            prov[name] = flat.round().astype(np.int64) if name in INTEGER_SERIES else flat
        d, g = len(self.donors), len(PROGRAMMES)
        funding = pd.DataFrame({
            "replicate": np.full(rows * d * g, replicate, np.int32),
            "month": np.repeat(np.arange(rows, dtype=np.int32), d * g),
            "donor": pd.Categorical(np.tile(np.repeat(self.donors, g), rows), categories=self.donors),
            "programme": pd.Categorical(np.tile(PROGRAMMES, rows * d), categories=PROGRAMMES),
            "committed": self.committed[:rows].ravel(),
            "disbursed": self.disbursed[:rows].ravel(),
        })
        groups = pd.DataFrame([g for g in self.groups if g[0] < rows], columns=["month", "group", "measure", "value"])
        groups.insert(0, "replicate", np.int32(replicate))
        groups = groups.astype({"month": np.int32, "group": "category", "measure": "category", "value": float})
        return {"timeseries": ts, "provinces": prov, "funding": funding, "events": events, "groups": groups}

    def lean_tables(self, replicate: int, seed: int) -> dict[str, pd.DataFrame]:
        """A lean record's tables: the series kept and the events; the others empty."""
        empty = pd.DataFrame()
        return {"timeseries": self._timeseries(replicate, seed), "provinces": empty, "funding": empty,
                "events": self._events(replicate), "groups": empty}

    def _timeseries(self, replicate: int, seed: int) -> pd.DataFrame:
        rows = self.last + 1
        ts = pd.DataFrame({"replicate": np.full(rows, replicate, np.int32),
                           "seed": np.full(rows, seed, np.int64),
                           "month": np.arange(rows, dtype=np.int32)})
        for name, values in self.series.items():
            ts[name] = values[:rows].round().astype(np.int64) if name in INTEGER_SERIES else values[:rows]
        return ts

    def _events(self, replicate: int) -> pd.DataFrame:
        events = pd.DataFrame(self.events, columns=["month", "kind", "actor", "province", "size", "detail"])
        events.insert(0, "replicate", np.int32(replicate))
        return events.astype({"month": np.int32, "province": np.int16, "size": float})
