#!/usr/bin/env python
"""Memory of ``ssrsim run`` against the number of replicates: it should stay flat.

``ssrsim run`` writes each replicate to disk as it finishes and assembles the run's tables from
there a chunk of replicates at a time (``ssrsim.run.partial``), so its peak memory should not grow
with ``replicates``. This runs the real command (``replicates=N months=12``, the default scenario)
in a fresh folder for each N, and reads the peak resident memory of the command and its worker
processes (``RUSAGE_CHILDREN`` of a fresh wrapper process for each N, so one N's peak cannot hide
another's). It reports the peak for each N and the slope in MiB per 1,000 replicates.

Usage (it measures and reports, it never fails on a number)::

    python benchmarks/bench_memory.py                          # N = 250, 500, 1000, 2000 (several minutes)
    python benchmarks/bench_memory.py --replicates 100 200 --months 6      # small
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicates", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write every number to this file")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.replicates:
            rows.append(peak_mib(n, args.months, args.workers, Path(tmp) / f"r{n}"))
            print(f"replicates={n:6d}: peak {rows[-1]['peak_mib']:7.1f} MiB  ({rows[-1]['wall_s']:.0f} s)", flush=True)
    slope = float(np.polyfit([r["replicates"] for r in rows], [r["peak_mib"] for r in rows], 1)[0]) * 1000 \
        if len(rows) > 1 else 0.0
    print(f"slope: {slope:+.1f} MiB per 1,000 replicates ({args.months} months, {args.workers} workers)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"runs": rows, "slope_mib_per_1000": slope, "months": args.months,
                                         "workers": args.workers}, indent=2))


if __name__ == "__main__":
    main()
