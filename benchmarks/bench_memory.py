#!/usr/bin/env python
"""Memory of ``ssrsim run`` against the number of replicates: it should stay flat.

``ssrsim run`` writes each replicate to disk as it finishes and assembles the run's tables from
there a chunk of replicates at a time (``ssrsim.run.partial``), so its peak memory should not grow
with ``replicates``. This runs the real command (``replicates=N months=12``, the default scenario)
in a fresh folder for each N, and reads the peak resident memory of the command and its worker
processes (``RUSAGE_CHILDREN`` of a fresh wrapper process for each N, so one N's peak cannot hide
another's). It reports the peak for each N and the slope in MiB per 1,000 replicates.

The figures of a long run are drawn from curves read in blocks of whole months
(``ssrsim.run.results.read_curves``). ``--curves N ...`` measures that step alone on synthetic
240-month timeseries of N replicates (the columns the figures draw, in row groups of 100 replicates
as a run writes them), beside reading the same columns whole, as ``ssrsim run`` did before.

Usage (it measures and reports, it never fails on a number)::

    python benchmarks/bench_memory.py                          # N = 250, 500, 1000, 2000 (several minutes)
    python benchmarks/bench_memory.py --replicates 100 200 --months 6      # small
    python benchmarks/bench_memory.py --replicates --curves 1000 4000 16000  # the figures' curves alone
    python benchmarks/bench_memory.py --json results/bench_memory.json
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

#: Run by a fresh interpreter for each N: the command, then the peak RSS (KiB) of its processes.
WRAPPER = ("import resource, subprocess, sys\n"
           "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
           "if done.returncode:\n"
           "    sys.exit(done.stderr)\n"
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def peak_mib(replicates: int, months: int, workers: int, folder: Path) -> dict:
    command = [sys.executable, "-m", "ssrsim.cli", "run", f"replicates={replicates}", f"months={months}",
               f"workers={workers}", f"hydra.run.dir={folder}"]
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True)
    return {"replicates": replicates, "peak_mib": int(done.stdout.split()[-1]) / 1024,
            "wall_s": time.perf_counter() - start}


#: Run by a fresh interpreter: write a synthetic timeseries, then (measured alone) read its curves
#: in blocks (``blocks``) or whole (``whole``); prints the peak RSS (KiB) of the reading process.
CURVES = """
import resource, subprocess, sys
import numpy as np, pyarrow as pa, pyarrow.parquet as pq
from ssrsim.model import STATUSES
from ssrsim.run.analysis import FINAL_CONFIDENCE
from ssrsim.run.figures import BANDED
path, replicates, how = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if how == "write":
    months, rng, writer = 241, np.random.default_rng(0), None
    for first in range(0, replicates, 100):
        n = min(100, replicates - first) * months
        columns = {"replicate": np.repeat(np.arange(first, first + n // months), months), "month": np.tile(np.arange(months), n // months)}
        columns |= {c: rng.random(n) for c in dict.fromkeys((*BANDED, *FINAL_CONFIDENCE))}
        columns |= {f"excombatants_{s}": rng.integers(0, 5000, n) for s in STATUSES}
        chunk = pa.table(columns)
        writer = writer or pq.ParquetWriter(path, chunk.schema)
        writer.write_table(chunk)
    writer.close()
    sys.exit()
if how == "blocks":
    from ssrsim.run.results import read_curves
    read_curves(path, BANDED)
else:
    import pandas as pd
    from ssrsim.run.analysis import Curves
    Curves.of(pd.read_parquet(path), BANDED)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def curves_peak_mib(replicates: int, folder: Path) -> dict:
    path = folder / f"timeseries_{replicates}.parquet"
    subprocess.run([sys.executable, "-c", CURVES, str(path), str(replicates), "write"], check=True)
    row = {"replicates": replicates, "file_mib": path.stat().st_size / 2**20}
    for how in ("blocks", "whole"):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", CURVES, str(path), str(replicates), how],
                              capture_output=True, text=True, check=True)
        row |= {f"{how}_peak_mib": int(done.stdout.split()[-1]) / 1024, f"{how}_wall_s": time.perf_counter() - start}
    path.unlink()
    return row


def slope_per_1000(rows: list[dict], key: str) -> float:
    """The least-squares slope of ``key`` against replicates, per 1,000 replicates."""
    if len(rows) < 2:
        return 0.0
    return float(np.polyfit([r["replicates"] for r in rows], [r[key] for r in rows], 1)[0]) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicates", type=int, nargs="*", default=[250, 500, 1000, 2000],
                        help="run ssrsim run with each of these numbers of replicates (none: skip)")
    parser.add_argument("--curves", type=int, nargs="*", default=[],
                        help="read the figures' curves of a synthetic 240-month run of each of these sizes")
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write every number to this file")
    args = parser.parse_args()
    rows, curves = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.replicates:
            rows.append(peak_mib(n, args.months, args.workers, Path(tmp) / f"r{n}"))
            print(f"replicates={n:6d}: peak {rows[-1]['peak_mib']:7.1f} MiB  ({rows[-1]['wall_s']:.0f} s)", flush=True)
        if rows:
            print(f"slope: {slope_per_1000(rows, 'peak_mib'):+.1f} MiB per 1,000 replicates "
                  f"({args.months} months, {args.workers} workers)")
        for n in args.curves:
            curves.append(c := curves_peak_mib(n, Path(tmp)))
            print(f"curves of {n:6d} replicates x 241 months ({c['file_mib']:.0f} MiB file): in blocks "
                  f"{c['blocks_peak_mib']:7.1f} MiB ({c['blocks_wall_s']:.0f} s); whole {c['whole_peak_mib']:7.1f} MiB "
                  f"({c['whole_wall_s']:.0f} s)", flush=True)
        if curves:
            print(f"slope: in blocks {slope_per_1000(curves, 'blocks_peak_mib'):+.1f}, whole "
                  f"{slope_per_1000(curves, 'whole_peak_mib'):+.1f} MiB per 1,000 replicates")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"runs": rows, "slope_mib_per_1000": slope_per_1000(rows, "peak_mib"),
                                         "months": args.months, "workers": args.workers, "curves": curves,
                                         "curves_slope_mib_per_1000": {
                                             how: slope_per_1000(curves, f"{how}_peak_mib") for how in ("blocks", "whole")}},
                                        indent=2))


if __name__ == "__main__":
    main()
