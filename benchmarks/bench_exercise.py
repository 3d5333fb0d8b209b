"""How long each step of the training exercise takes, as a facilitator runs it.

    python benchmarks/bench_exercise.py [--replicates 40] [--workers 2] [--json FILE]

Runs the documented sequence through the installed ``ssrsim`` command in a temporary folder:
``exercise brief burundi``; two team decision files (the brief's template with a few choices
changed) played with ``exercise play``; an interactive game answered with Enter throughout;
``exercise debrief`` of both, which also plays the
historical track; then the same debrief again with the historical track already played. Each
step's wall time includes the command's start-up. The target (issue 5) is under a minute per
step on the 2-core development machine at the documented 40 replicates.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 60.0
#: Two groups' choices, written over the brief's template (first decision point only).
GROUPS = {
    "group_a": ('team: "Group A"', {"# reintegration: standard": "reintegration: long",
                                    "# fnl: pressure": "fnl: offer"}),
    "group_b": ('team: "Group B"', {"# ddr_pace: steady": "ddr_pace: fast",
                                    "# integration: arusha": "integration: open"}),
}


def ssrsim() -> str:
    """The ``ssrsim`` command next to this Python, else the one on PATH."""
    here = Path(sys.executable).with_name("ssrsim")
    return str(here) if here.exists() else (shutil.which("ssrsim") or "ssrsim")


def timed(args: list[str], cwd: Path, answers: str | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run([ssrsim(), *args], cwd=cwd, capture_output=True, text=True, input=answers)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ssrsim {' '.join(args)} failed:\n{done.stderr}")
    return seconds


def team_file(template: str, name: str, changes: dict[str, str]) -> str:
    text = template.replace('team: "Group A"', name, 1)
    for old, new in changes.items():
        text = text.replace(old, new, 1)  # the first occurrence is the first decision point's line
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None, help="also write the timings here")
    opts = parser.parse_args()
    reps = ["--replicates", str(opts.replicates), "--workers", str(opts.workers)]
    work = Path(tempfile.mkdtemp(prefix="ssrsim-bench-exercise-"))
    steps = {}
    steps["brief"] = timed(["exercise", "brief", "burundi", "--out", "brief"], work)
    template = (work / "brief" / "team_template.yaml").read_text()
    for slug, (name, changes) in GROUPS.items():
        (work / f"{slug}.yaml").write_text(team_file(template, name, changes))
        steps[f"play {slug}"] = timed(["exercise", "play", f"{slug}.yaml", "--out", slug, *reps], work)
    # Interactive play answered with Enter throughout (the scenario's course): the computing a
    # team waits for, over six decision points; the prompts themselves take no time here.
    steps["play --interactive (6 decision points)"] = timed(
        ["exercise", "play", "--interactive", "--team", "Bench", "--out", "interactive",
         "--replicates", str(opts.replicates)], work, answers="\n" * 200)
    debrief = ["exercise", "debrief", "group_a", "group_b", "--out", "debrief", *reps]
    steps["debrief (plays the historical track)"] = timed(debrief, work)
    steps["debrief again (historical track reused)"] = timed([*debrief, "--overwrite"], work)
    result = {"replicates": opts.replicates, "workers": opts.workers, "cpus": os.cpu_count(),
              "load_average": os.getloadavg()[0], "seconds": {k: round(v, 1) for k, v in steps.items()},
              "target_seconds": TARGET_SECONDS}
    width = max(map(len, steps))
    for step, seconds in steps.items():
        flag = "ok" if seconds < TARGET_SECONDS else "OVER TARGET"
        print(f"{step:<{width}}  {seconds:6.1f} s  {flag}")
    print(f"(load average at the end {result['load_average']:.2f}; folders in {work})")
    if opts.json:
        opts.json.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
