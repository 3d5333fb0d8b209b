"""Retake the screenshots of the browser app in docs/ (``docs/app.md`` shows them).

    python docs/screenshots.py [--out docs] [--replicates 20]

Starts ``ssrsim app`` on a free port, and in Debian's headless Chromium (``/usr/bin/chromium``,
driven by playwright) compares two settings of the baseline on the same seeds: political will
0.55 (the scenario's) and 0.25. Writes ``app_explore.png``, the Explore page once both runs have
finished. About a minute on two cores. Look at the picture before committing it.
"""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
#: A slide's proportions, wide enough for the settings beside two columns of results.
VIEWPORT = {"width": 1600, "height": 1000}


def start_app() -> tuple[subprocess.Popen, str]:
    """``ssrsim app`` on a free port, once it answers; the process and the page's address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = subprocess.Popen([sys.executable, "-m", "ssrsim.cli", "app", "--port", str(port)])
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--replicates", type=int, default=20)
    opts = parser.parse_args()
    app, address = start_app()
    try:
        explore(address, opts.out, opts.replicates)
    finally:
        app.send_signal(signal.SIGINT)
        app.wait(timeout=30)
    print(f"written: {opts.out / 'app_explore.png'}")


if __name__ == "__main__":
    main()
