#!/usr/bin/env python
"""The model's own instructions for one replicate, counted by valgrind (cachegrind).

Timings on this machine drift by a third between runs (``README.md``); instruction counts do not,
so a change that should leave the numbers and speed up the model is compared by them:

    python benchmarks/instructions.py [--replicate 2] [--months 240] [--src PATH]

It runs ``valgrind --tool=cachegrind --cache-sim=no`` twice with ``PYTHONHASHSEED=0`` (the hash
seed alone moves the count by a few million): once on building and running
``SSRModel(Config(months=M), R)``, once on the imports alone, and prints both and their
difference, the model's own instructions. ``--src`` counts another checkout's ``src`` (for example
a ``git worktree`` of the commit before a change). Instructions are not time: numpy's cheap
instructions and Python's dear ones weigh alike. Needs valgrind (``apt-get install valgrind``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IMPORTS = "from ssrsim.config import Config\nfrom ssrsim.model import SSRModel\n"


def count(code: str, src: Path) -> int:
    """Instructions (``I refs``) of running ``code`` in a fresh interpreter with ``src`` first on the path."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "run.py"
        script.write_text(code)
        env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
        done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                               f"--cachegrind-out-file={tmp}/cachegrind.out", sys.executable, str(script)],
                              env=env, capture_output=True, text=True)
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode != 0 or not found:
        sys.exit(f"instructions.py: valgrind failed:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicate", type=int, default=2, help="replicate to count (default 2, one with a war)")
    ap.add_argument("--months", type=int, default=240, help="months (default 240)")
    ap.add_argument("--src", type=Path, default=ROOT / "src", help="the src folder to count (default this checkout's)")
    args = ap.parse_args(argv)
    if args.replicate < 0 or args.months < 1:
        ap.error("--replicate must be at least 0 and --months at least 1")
    if shutil.which("valgrind") is None:
        sys.exit("instructions.py: valgrind is not installed (apt-get install valgrind)")
    if not (args.src / "ssrsim").is_dir():
        sys.exit(f"instructions.py: --src {args.src}: no ssrsim package there")
    run = count(IMPORTS + f"SSRModel(Config(months={args.months}), {args.replicate}).run()\n", args.src)
    imports = count(IMPORTS, args.src)
    print(f"replicate {args.replicate}, {args.months} months, src {args.src}")
    print(f"build and run {run:,}; imports {imports:,}; the model's own {run - imports:,} instructions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
