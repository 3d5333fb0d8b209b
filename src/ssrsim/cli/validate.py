"""``ssrsim validate``: the calibration check and the stylised facts, written up as a report.

Exit status 0 when every target, fact, Burundi check and qualitative case holds (at the fast size the
Burundi checks and the cases are indicative and do not count), 1 when one does not, 2 for a user mistake.
"""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import datetime
from pathlib import Path

from . import fail, user_errors


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="ssrsim validate", description=(
        "Run the calibration targets (published relapse, peacekeeping, coup, atrocity and trust figures) and the sixteen stylised facts and two individual-level patterns "
        "(docs/validation.md) and write a report."))
    parser.add_argument("--fast", action="store_true",
                        help="the small version the test suite runs (default: full size)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--out", type=Path, default=None,
                        help="report folder (default validation/<date>_<time>)")
    parser.add_argument("--overwrite", action="store_true", help="replace a report in --out")
    opts = parser.parse_args(argv)
    if opts.workers < 1:
        fail(f"--workers must be at least 1, got {opts.workers}")
    from ..validation.report import REPORT_FILES, validate

    folder = opts.out or Path("validation") / datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    from ..run.results import refuse_overwrite

    with user_errors():  # the destination, before minutes of computation, not after
        refuse_overwrite(folder, REPORT_FILES, opts.overwrite, what="a report", how="pass --overwrite")
    logging.getLogger("MESA").setLevel(logging.WARNING)
    size = "fast" if opts.fast else "full"
    print(f"ssrsim validate: {size} size, {opts.workers} workers -> {folder}", file=sys.stderr)
    calibration, facts, burundi, (cases, _) = validate(folder, size, opts.workers,
                                           progress=lambda line: print(line, file=sys.stderr, flush=True))
    for r in calibration.itertuples():
        print(f"{'pass' if r.passed else 'FAIL'}  {r.target}: {r.model:.2f} [{r.lo:.2f}, {r.hi:.2f}] "
              f"(band {r.band_low:.2f}-{r.band_high:.2f})")
    for r in facts.itertuples():
        print(f"{'pass' if r.passed else 'FAIL'}  fact {r.fact}.{r.check}: {r.effect:.3g} "
              f"[{r.lo:.3g}, {r.hi:.3g}] {r.unit} (minimum {r.minimum:g})")
    for r in burundi.checks.itertuples():
        print(f"{'pass' if r.passed else 'FAIL'}  Burundi {r.check}: {r.statement} ({r.bound})"
              + ("  [fast size: indicative]" if size == "fast" else ""))
    for r in cases.itertuples():
        print(f"{'pass' if r.passed else 'FAIL'}  {r.case} {r.check}: {r.statement} ({r.bound})"
              + ("  [fast size: indicative]" if size == "fast" else ""))
    print(f"report: {folder / 'report.md'}")
    if not (calibration.passed.all() and facts.passed.all()
            and (size == "fast" or (burundi.passed and cases.passed.all()))):
        raise SystemExit(1)
