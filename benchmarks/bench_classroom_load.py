"""A classroom under load: twenty team browsers joining and submitting at once, the debrief meanwhile.

    python benchmarks/bench_classroom_load.py [--teams 20] [--case tests/cases/tiny] [--replicates 2]

Issue 15 asks that twenty team browsers joining and submitting at once, with the facilitator
running the debrief meanwhile, lose no decision and keep every page responding. This script starts
``ssrsim app`` (two workers, a fresh data folder) and drives Debian's headless Chromium: one
browser context per team (its own cookies, as on twenty laptops) and one for the facilitator.

1. The facilitator opens a session of ``--case`` (the games with ``--replicates`` replicates).
2. **Join**: every team types the code and its name, and all press Join within a fraction of a
   second; the time until each page shows the first decision point.
3. **Submit**: every team picks an option (odd teams one, even teams another) and all press
   Submit at once; the time until each page confirms.
4. **Live update**: the facilitator moves on; the time until each team's page, not reloaded,
   shows the second decision point.
5. **Submit** again at the second point, and the facilitator ends the decisions.
6. **Debrief under load**: the facilitator runs the games and the debrief; meanwhile every team
   reloads its page, one after another, and the time until each page is drawn again is taken.
   Then the time until the facilitator's first slide shows.
7. **Nothing lost**: the app's database (read directly) must hold, for each team and each
   decision point, the option its page submitted.

Each step also gives the CPU seconds the app used (its server process and its workers, read from
``/proc``) against the whole machine's: the browsers share the server's two cores here, while in a
classroom each laptop draws its own page, so the app's share is what a classroom's server would
spend. Prints each step's median and slowest time over the teams, and whether every decision was kept;
exit status 1 if one was lost or a page never answered. Needs the app extra, playwright and
``/usr/bin/chromium``. Takes a few minutes on two cores (Chromium's twenty pages are heavy).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[1]
#: The longest any page may take to answer (ms) before the run counts it as not responding.
PATIENCE = 180_000
#: The options teams pick at each decision point of the tiny case (even-numbered teams, odd ones):
#: their labels on the page and their names in the database.
PICKS = {1: (("Six more months (1 point)", "longer"), ("Fast: 150 a month (2 points)", "fast")),
         2: (("Fast: 150 a month (2 points)", "fast"), ("Insist on strong oversight (2 points)", "strong"))}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_app(data: Path, port: int) -> subprocess.Popen:
    app = subprocess.Popen([sys.executable, "-m", "ssrsim.cli", "app", "--port", str(port), "--workers", "2",
                            "--data", str(data)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in app.stdout:
        if line.startswith("ssrsim app: ready"):
            return app
    raise SystemExit(f"ssrsim app stopped before it was ready (exit {app.wait()})")


def app_cpu(pid: int) -> float:
    """CPU seconds used so far by process ``pid`` and every descendant, alive or reaped (Linux)."""
    processes = {}  # pid -> (parent pid, CPU ticks)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        processes[int(stat.parent.name)] = (int(fields[1]), sum(int(f) for f in fields[11:15]))
    family, grew = {pid}, True
    while grew:
        grew = False
        for child, (parent, _) in processes.items():
            if parent in family and child not in family:
                family.add(child)
                grew = True
    ticks = sum(processes[p][1] for p in family if p in processes)  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_cpu() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores, /proc/stat)."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


class Meter:
    """The app's and the machine's CPU seconds over one step."""

    def __init__(self, pid: int):
        self.pid = pid
        self.start()

    def start(self) -> None:
        self.app, self.machine = app_cpu(self.pid), machine_cpu()

    def read(self) -> str:
        app, machine = app_cpu(self.pid) - self.app, machine_cpu() - self.machine
        self.start()
        return f"   CPU: app {app:5.1f} s of the machine's {machine:5.1f} s"


def timed(pages: list, text: str, since: float) -> list[float]:
    """Seconds from ``since`` until each page shows ``text`` (pages checked in turn)."""
    out = []
    for page in pages:
        page.get_by_text(text).first.wait_for(timeout=PATIENCE)
        out.append(time.perf_counter() - since)
    return out


def line(step: str, seconds: list[float], cpu: str) -> str:
    return (f"{step:<46} median {statistics.median(seconds):6.1f} s   slowest {max(seconds):6.1f} s   "
            f"({len(seconds)} pages){cpu}")


def submit_all(teams: list, point: int, label: str) -> list[float]:
    """Every team picks its option, then all press Submit at once; seconds until each confirms."""
    for i, team in enumerate(teams, 1):
        team.get_by_text(PICKS[point][i % 2][0]).click()
    start = time.perf_counter()
    for team in teams:
        team.get_by_role("button", name="Submit").click(no_wait_after=True)
    return timed(teams, f"Submitted for {label}", start)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--teams", type=int, default=20)
    ap.add_argument("--case", default=str(ROOT / "tests" / "cases" / "tiny"))
    ap.add_argument("--replicates", type=int, default=2, help="replicates of each team's game")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    from ssrsim.app.classroom.store import DATABASE, Store

    data = Path(tempfile.mkdtemp(prefix="ssrsim-load-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    app = start_app(data, port)
    lost, report = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])

            def page_at(address: str):
                page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
                page.set_default_timeout(PATIENCE)
                page.goto(address)
                return page

            facilitator = page_at(url + "classroom")
            facilitator.get_by_label("Case", exact=True).fill(args.case)
            facilitator.get_by_label("Replicates of the games", exact=True).fill(str(args.replicates))
            facilitator.get_by_label("Replicates at each decision point", exact=True).fill("2")
            facilitator.get_by_role("button", name="Open a session").click()
            facilitator.get_by_text("Facilitator key:").wait_for()
            code = re.search(r"Join code\s+([A-Z0-9]{6})", facilitator.inner_text("body")).group(1)

            teams = [page_at(url + "team") for _ in range(args.teams)]
            for i, team in enumerate(teams, 1):
                team.get_by_label("Join code", exact=True).fill(code)
                team.get_by_label("Team name", exact=True).fill(f"Team {i:02d}")
            meter = Meter(app.pid)
            start = time.perf_counter()
            for team in teams:
                team.get_by_role("button", name="Join", exact=True).click(no_wait_after=True)
            joined = timed(teams, "Decision point 1 of 2", start)
            report.append(line("join, all at once", joined, meter.read()))
            first = re.search(r"Decision point 1 of 2: (.+)", teams[0].inner_text("body")).group(1).strip()
            meter.start()
            report.append(line(f"submit at {first}, all at once", submit_all(teams, 1, first), meter.read()))

            facilitator.get_by_text("Every team has submitted.").wait_for()
            meter.start()
            start = time.perf_counter()
            facilitator.get_by_role("button", name=re.compile(r"^Close .* and move to ")).click()
            moved = timed(teams, "Decision point 2 of 2", start)
            report.append(line("live update to the second point", moved, meter.read()))
            second = re.search(r"Decision point 2 of 2: (.+)", teams[0].inner_text("body")).group(1).strip()
            meter.start()
            report.append(line(f"submit at {second}, all at once", submit_all(teams, 2, second), meter.read()))

            facilitator.get_by_text("Every team has submitted.").wait_for()
            facilitator.get_by_role("button", name=re.compile(r"^Close .* and end the decisions")).click()
            button = facilitator.get_by_role("button", name="Run the teams' games and open the debrief")
            meter.start()
            start = time.perf_counter()
            button.click()
            during = []
            for team in teams:  # each page reloaded while the games and the debrief run
                began = time.perf_counter()
                team.reload()
                team.get_by_text(re.compile(r"Every decision point is past|The games have been run|The debrief")
                                 ).first.wait_for(timeout=PATIENCE)
                during.append(time.perf_counter() - began)
            report.append(line("a page reloaded during the games", during, ""))
            facilitator.get_by_text(re.compile(r"Slide 1 of \d+")).wait_for(timeout=10 * PATIENCE)
            report.append(f"{'games and debrief (the facilitator)':<46} {time.perf_counter() - start:6.1f} s"
                          f"{'':<40}{meter.read()}")
            browser.close()
    finally:
        app.send_signal(signal.SIGINT)
        app.wait(timeout=60)

    store = Store(data / DATABASE)
    session = store.session_by_code(code)
    kept = 0
    rows = store.teams(session.id)
    for team in rows:
        number = int(team.name.split()[-1])
        decisions = [d for _, d in sorted(store.decisions(team.id).items())]  # by decision point
        for point in (1, 2):
            wanted = PICKS[point][number % 2][1]
            if len(decisions) >= point and wanted in decisions[point - 1].get("choices", {}).values():
                kept += 1
            else:
                lost.append(f"{team.name} at decision point {point}: wanted {wanted}, kept {decisions}")
    print(f"ssrsim classroom under load: {args.teams} teams, case {Path(args.case).name}, "
          f"{args.replicates} replicates per game, app with 2 workers")
    print("\n".join(report))
    print(f"decisions kept: {kept} of {2 * args.teams} (teams in the database: {len(rows)})")
    for item in lost:
        print(f"  LOST: {item}")
    return 1 if lost or len(rows) != args.teams else 0


if __name__ == "__main__":
    sys.exit(main())
