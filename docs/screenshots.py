"""Retake the screenshots of the browser app in docs/ (``docs/app.md`` shows them).

    python docs/screenshots.py [--out docs] [--replicates 20] [--only explore|classroom]

Starts ``ssrsim app`` on a free port (its classroom data in a temporary folder), and in Debian's
headless Chromium (``/usr/bin/chromium``, driven by playwright):

- compares two settings of the baseline on the same seeds: political will 0.55 (the scenario's)
  and 0.25. Writes ``app_explore.png``, the Explore page once both runs have finished.
- opens a classroom session of the Burundi case; two teams join from their own browser contexts
  and submit at the first decision point. Writes ``app_classroom_facilitator.png`` (the board:
  both teams submitted) and ``app_classroom_team.png`` (a team's page: where things stand, its
  choices and the running tally).

About two minutes on two cores. Look at the pictures before committing them.
"""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
#: A slide's proportions, wide enough for the settings beside two columns of results.
VIEWPORT = {"width": 1600, "height": 1000}


def start_app(data: str) -> tuple[subprocess.Popen, str]:
    """``ssrsim app`` on a free port, once it answers; the process and the page's address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = subprocess.Popen([sys.executable, "-m", "ssrsim.cli", "app", "--port", str(port), "--data", data])
    address = f"http://127.0.0.1:{port}/"
    for _ in range(600):
        try:
            urllib.request.urlopen(address, timeout=5).close()
            return app, address
        except OSError:
            time.sleep(0.1)
    app.kill()
    raise SystemExit("ssrsim app did not start within a minute")


def explore(address: str, out: Path, replicates: int) -> None:
    """The Explore page comparing two levels of political will, after the runs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORT)
        page.set_default_timeout(600_000)
        page.goto(address)
        page.get_by_text("Choose a scenario").wait_for()
        replicates_field = page.get_by_label("Replicates", exact=True)
        replicates_field.fill(str(replicates))
        replicates_field.press("Enter")
        page.get_by_text("Compare two settings").click()
        will = page.get_by_label("Political will (B)", exact=True)
        will.fill("0.25")
        will.press("Enter")
        page.get_by_role("button", name="Run", exact=True).click()
        page.get_by_role("heading", name="Violence: Setting B").wait_for()
        page.mouse.move(0, 0)  # no hover highlight in the picture
        # the top of the settings and of the results (clicking Run scrolled the settings down)
        page.evaluate("for (const e of document.querySelectorAll('*')) e.scrollTop = 0")
        page.screenshot(path=out / "app_explore.png")
        browser.close()


def classroom(address: str, out: Path) -> None:
    """A Burundi session at its first decision point: two teams have submitted."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])

        def new_page(path: str, viewport: dict = VIEWPORT):
            page = browser.new_context(viewport=viewport).new_page()  # a laptop of its own
            page.set_default_timeout(120_000)
            page.goto(address + path)
            return page

        facilitator = new_page("classroom")
        facilitator.get_by_role("button", name="Open a session").click()
        facilitator.get_by_text("Facilitator key:").wait_for()
        code = facilitator.inner_text("body").split("Join code", 1)[1].split()[0]
        teams = []
        for name, choices in (("Steering group A", ("Fast: 2,000 a month (2 points)",
                                                      "Support oversight bodies (2 points)")),
                              ("Steering group B", ("Slow: 500 a month (0 points)",
                                                      "40% of places reserved for the movements (1 point)"))):
            team = new_page("team", TEAM_VIEWPORT)  # tall enough for the first choices
            team.get_by_label("Join code", exact=True).fill(code)
            team.get_by_label("Team name", exact=True).fill(name)
            team.get_by_role("button", name="Join", exact=True).click()
            team.get_by_text("Battle deaths, last 12 months").wait_for()
            for choice in choices:
                team.get_by_text(choice).click()
            team.get_by_role("button", name="Submit").click()
            team.get_by_text("Submitted for December 2004").wait_for()
            teams.append(team)
        facilitator.get_by_text("Every team has submitted.").wait_for()
        facilitator.mouse.move(0, 0)
        facilitator.screenshot(path=out / "app_classroom_facilitator.png")
        team = teams[0]
        team.get_by_label(PROGRAMME_SHOWN, exact=True).fill("30")  # the tally follows the money as it is typed
        team.get_by_text("Money: US$67.8 of US$72 million").wait_for()
        team.mouse.move(0, 0)
        team.evaluate("for (const e of document.querySelectorAll('*')) e.scrollTop = 0")
        team.screenshot(path=out / "app_classroom_team.png")
        browser.close()


#: A team's page is long: the picture shows the situation, the money and the first choices.
TEAM_VIEWPORT = {"width": 1600, "height": 1500}
#: The money field typed into before the team's screenshot.
PROGRAMME_SHOWN = "DDR and reintegration"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--replicates", type=int, default=20)
    parser.add_argument("--only", choices=("explore", "classroom"), default=None)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ssrsim-screenshots-") as data:
        app, address = start_app(data)
        try:
            if opts.only in (None, "explore"):
                explore(address, opts.out, opts.replicates)
                print(f"written: {opts.out / 'app_explore.png'}")
            if opts.only in (None, "classroom"):
                classroom(address, opts.out)
                print(f"written: {opts.out / 'app_classroom_facilitator.png'}, {opts.out / 'app_classroom_team.png'}")
        finally:
            app.send_signal(signal.SIGINT)
            app.wait(timeout=30)


if __name__ == "__main__":
    main()
