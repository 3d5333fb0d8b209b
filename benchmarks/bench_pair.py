#!/usr/bin/env python
"""Two versions of the model side by side: CPU per replicate, alternated replicate by replicate.

This machine's speed drifts by a third from one minute to the next, so two benchmark runs a
minute apart cannot tell a 15% change from the drift. Here one process per version (each with its
own source tree first on ``sys.path``) builds and runs the same replicates of the same scenario,
taking turns one replicate at a time, and the ratio of each pair is reported: both members of a
pair run at nearly the same speed of the machine.

Usage (the older version in a worktree; its configs are found beside its sources)::

    git worktree add /tmp/old 4fb964c && ln -s /tmp/old/configs /tmp/old/src/ssrsim/configs
    python benchmarks/bench_pair.py /tmp/old/src src                  # 8 rounds of replicates 0-2
    python benchmarks/bench_pair.py --rounds 4 --tables /tmp/old/src src context.citizens=200

Runs keep no monthly tables unless ``--tables`` (as a study's runs). Only measures: it never
fails on a number.
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

#: The child: composes the scenario, runs a warm-up replicate, then times each replicate it is sent.
CHILD = """
import gc, sys, time
import ssrsim
from ssrsim.model import SSRModel
from ssrsim.config.errors import UserError
from ssrsim.run.runner import release
tables = sys.argv[1] == "tables"
try:
    cfg = ssrsim.compose(sys.argv[2], sys.argv[3:])
except UserError as e:  # a setting the schema refuses: its message, not a traceback
    sys.exit(f"bench_pair: {e}")
release(SSRModel(cfg, 10_000, tables=tables).run())
for line in sys.stdin:
    start = time.process_time()
    model = SSRModel(cfg, int(line), tables=tables).run()
    print(time.process_time() - start, flush=True)
    release(model)
    gc.collect()
"""


def start(source: Path, scenario: str, tables: bool, overrides: list[str]) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(source.resolve()), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               MKL_NUM_THREADS="1")
    return subprocess.Popen([sys.executable, "-c", CHILD, "tables" if tables else "lean", scenario, *overrides],
                            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def timed(child: subprocess.Popen, replicate: int, source: Path) -> float:
    child.stdin.write(f"{replicate}\n")
    child.stdin.flush()
    line = child.stdout.readline()
    if not line:
        sys.exit(f"bench_pair: the process running {source} ended early (its error is above)")
    return float(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path, help="source folder of the first version (holding ssrsim/)")
    ap.add_argument("after", type=Path, help="source folder of the second version")
    ap.add_argument("--scenario", default="baseline", help="scenario (baseline)")
    ap.add_argument("--replicates", type=int, default=3, help="replicates 0..N-1 in each round (3)")
    ap.add_argument("--rounds", type=int, default=8, help="rounds (8)")
    ap.add_argument("--tables", action="store_true", help="keep the monthly tables (off, as in a study)")
    ap.add_argument("overrides", nargs="*", help="config overrides after the two folders, e.g. months=120")
    args = ap.parse_args()
    for folder in (args.before, args.after):
        if not (folder / "ssrsim" / "__init__.py").is_file():
            ap.error(f"{folder}: not a source folder (no ssrsim/__init__.py in it)")
    if args.replicates < 1 or args.rounds < 1:
        ap.error("--replicates and --rounds must be at least 1")
    children = [start(folder, args.scenario, args.tables, args.overrides) for folder in (args.before, args.after)]
    times: list[list[float]] = [[], []]
    for rnd in range(args.rounds):
        for r in range(args.replicates):
            order = (0, 1) if (rnd + r) % 2 == 0 else (1, 0)  # who goes first alternates too
            for who in order:
                times[who].append(timed(children[who], r, (args.before, args.after)[who]))
        print(f"round {rnd + 1}/{args.rounds}", file=sys.stderr, flush=True)
    for child in children:
        child.stdin.close()
        child.wait()
    ratios = [b / a for a, b in zip(*times)]
    low, _, high = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else (ratios[0],) * 3
    print(f"{args.scenario}, {args.rounds} rounds x replicates 0-{args.replicates - 1}, "
          f"{'with' if args.tables else 'without'} tables, CPU a replicate (medians):")
    print(f"  before {args.before}: {statistics.median(times[0]):.3f} s")
    print(f"  after  {args.after}: {statistics.median(times[1]):.3f} s")
    print(f"  after / before, median of {len(ratios)} pairs: {statistics.median(ratios):.3f} "
          f"(quartiles {low:.3f}-{high:.3f})")


if __name__ == "__main__":
    main()
