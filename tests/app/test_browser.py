"""The app's pages in a real headless Chromium, served by ``ssrsim app`` as a user starts it.

Explore: a lever out of range is refused with its name and what it allows; a small scenario runs
and its risks, figures and run folder appear; and the page asks nothing of the internet.
Classroom: a facilitator and two teams, each in its own browser context (its own cookies, as on
three laptops), play the first decision point of the tiny test case: the teams join with the
code, see where things stand, choose with the tally in view, submit; the facilitator sees both
submitted and moves on, and each team's page follows, showing its own decisions only.

Skipped, with the reason, where Debian's Chromium, playwright or the app extra is missing;
``SSRSIM_REQUIRE_BROWSER=1`` (CI) makes that a failure.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from urllib.parse import urlsplit

import pandas as pd
import pytest
from helpers import ROOT

from ssrsim.app.server import missing_extra

CHROMIUM = "/usr/bin/chromium"
#: The longest a step may take on a loaded machine (ms): the server's first page, a run.
PATIENCE = 120_000


def missing() -> str | None:
    """Why the browser test cannot run here, or None."""
    if not os.path.exists(CHROMIUM):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return 'playwright is not installed (pip install ".[test]")'
    return missing_extra()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """``ssrsim app`` on a free port with one worker; its address. Stopped with Ctrl-C (SIGINT)."""
    reason = missing()
    if reason and os.environ.get("SSRSIM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SSRSIM_REQUIRE_BROWSER=1, but {reason}")
    if reason:
        pytest.skip(reason)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("app")
    log = folder / "app.log"
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "ssrsim.cli", "app", "--port", str(port), "--workers", "1",
                                    "--data", str(folder / "data")], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + PATIENCE / 1000
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"ssrsim app did not start:\n{log.read_text()}")
            time.sleep(0.2)
    yield url
    process.send_signal(signal.SIGINT)
    try:
        assert process.wait(timeout=30) == 0, log.read_text()
    finally:
        process.kill()
    assert "Traceback" not in log.read_text(), log.read_text()


@pytest.fixture(scope="module")
def browser(app):
    """Headless Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(app, browser):
    """One browser page on the app, with every URL it requested."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.set_default_timeout(PATIENCE)
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    page.goto(app)
    page.get_by_text("Choose a scenario").wait_for()
    yield page
    page.close()


def type_into(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Enter")


def test_a_lever_out_of_range_is_refused_naming_it_and_what_it_allows(page):
    type_into(page, "Political will", "1.5")
    page.get_by_role("button", name="Run", exact=True).click()
    page.get_by_text("levers.political_will = 1.5: Input should be less than or equal to 1 (allowed: 0 – 1)").wait_for()
    type_into(page, "Political will", "0.55")


def test_the_explorer_runs_a_small_scenario_and_shows_its_figures(page, app):
    type_into(page, "Replicates", "2")
    type_into(page, "Months", "12")
    page.get_by_role("button", name="Run", exact=True).click()
    page.get_by_role("heading", name="Violence").or_(page.get_by_text("The run failed")).wait_for()
    assert page.get_by_role("heading", name="Violence").is_visible(), page.inner_text("main")
    assert not page.get_by_text("Not run:").is_visible()  # the refusal went with the wrong value
    for text in ("baseline: 2 replicates × 12 months, seed 12345", "Armed conflict: ≥25 battle deaths in 12 months; "
                 "war: ≥1,000 battle deaths in 12 months.", "by 1 year",
                 "The same run at a terminal: ssrsim run scenario=baseline replicates=2 months=12"):
        assert page.get_by_text(text).is_visible(), text
    for title in ("Relapse risk", "Public confidence", "Fighters by status", "Violence"):
        assert page.get_by_role("heading", name=title).is_visible(), title
    drawn = page.locator("img").evaluate_all("images => images.map(i => i.naturalWidth)")
    assert len(drawn) == 4 and min(drawn) > 500, drawn

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the run folder (zip)").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        folder = download.value.suggested_filename.removesuffix(".zip")
        assert {f"{folder}/{name}" for name in ("summary.parquet", "config.yaml", "relapse_risk.png")} <= set(
            archive.namelist())
        summary = pd.read_parquet(io.BytesIO(archive.read(f"{folder}/summary.parquet")))
    assert len(summary) == 2

    # Every request goes to the app (the figures are data: URLs, the download a blob: URL).
    asked = {urlsplit(url).netloc for url in page.requested if urlsplit(url).scheme not in ("data", "blob")}
    assert asked == {urlsplit(app).netloc}, f"the page asked for more than the app: {sorted(asked)}"


# ------------------------------------------------------------------------------ the classroom
TINY = ROOT / "tests" / "cases" / "tiny"


def new_page(browser, address: str):
    """A page in a browser context of its own: another laptop in the room."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(PATIENCE)
    page.goto(address)
    return page


def join(browser, app: str, code: str, name: str):
    team = new_page(browser, app + "team")
    team.get_by_label("Join code", exact=True).fill(code)
    team.get_by_label("Team name", exact=True).fill(name)
    team.get_by_role("button", name="Join", exact=True).click()
    team.get_by_text("Decision point 1 of 2: June 2020").wait_for()
    assert "token=" in team.url
    return team


def history(team):
    """The team's table of its own decisions so far (the page's last table), as a locator: the
    assertions on it wait for the page to show it (a page updates a moment after its heading)."""
    from playwright.sync_api import expect

    team.get_by_role("heading", name="Your decisions so far").wait_for()
    return expect(team.locator("table").last)


def test_a_facilitator_and_two_teams_play_a_decision_point(app, browser):
    from playwright.sync_api import expect

    facilitator = new_page(browser, app + "classroom")
    facilitator.get_by_label("Case", exact=True).fill(str(TINY))
    facilitator.get_by_label("Replicates of the games", exact=True).fill("2")
    facilitator.get_by_label("Replicates at each decision point", exact=True).fill("2")
    facilitator.get_by_role("button", name="Open a session").click()
    facilitator.get_by_text("Facilitator key:").wait_for()
    assert "key=" in facilitator.url
    code = re.search(r"Join code\s+([A-Z0-9]{6})", facilitator.inner_text("body")).group(1)

    # a wrong code is refused with a message, and nothing is joined
    stranger = new_page(browser, app + "team")
    stranger.get_by_label("Join code", exact=True).fill("QQQQQQ" if code != "QQQQQQ" else "RRRRRR")
    stranger.get_by_label("Team name", exact=True).fill("Intruders")
    stranger.get_by_role("button", name="Join", exact=True).click()
    stranger.get_by_text("no session has the join code").wait_for()

    red, blue = join(browser, app, code, "Red team"), join(browser, app, code, "Blue team")
    for team in (red, blue):
        team.get_by_text("Battle deaths, last 12 months").wait_for()  # where things stand, across runs
        assert "Traceback" not in team.inner_text("body")

    # Red goes over its political capital: the tally says so before it submits, and Submit waits
    red.get_by_text("Fast: 150 a month (2 points)").click()
    red.get_by_text("Political capital: 2 of 4 points").wait_for()
    red.get_by_text("Insist on strong oversight (2 points)").click()
    red.get_by_text("Six more months (1 point)").click()
    red.get_by_text("Political capital: 5 of 4 points — too much").wait_for()
    expect(red.get_by_role("button", name="Submit")).to_be_disabled(timeout=PATIENCE)
    red.get_by_text("No change: keep Keep the current level").click()
    red.get_by_text("Political capital: 3 of 4 points").wait_for()
    red.get_by_role("button", name="Submit").click()
    red.get_by_text("Submitted for June 2020").wait_for()
    blue.get_by_text("Insist on strong oversight (2 points)").click()
    blue.get_by_role("button", name="Submit").click()
    blue.get_by_text("Submitted for June 2020").wait_for()

    facilitator.get_by_text("Every team has submitted.").wait_for()
    board = facilitator.locator("table").first.inner_text()
    assert "Red team" in board and "Blue team" in board and board.count("submitted") == 2
    assert "Fast" not in board and "oversight" not in board  # who, not what
    facilitator.get_by_role("button", name="Close June 2020 and move to June 2021").click()
    facilitator.get_by_text("Decision point 2 of 2: June 2021").wait_for()

    for team in (red, blue):  # the teams' pages follow without a reload
        team.get_by_text("Decision point 2 of 2: June 2021").wait_for()
    history(red).to_contain_text("Fast: 150 a month", timeout=PATIENCE)
    history(red).to_contain_text("Six more months", timeout=PATIENCE)
    history(red).not_to_contain_text("Insist on strong oversight", timeout=PATIENCE)
    history(blue).to_contain_text("Insist on strong oversight", timeout=PATIENCE)
    history(blue).not_to_contain_text("Fast: 150 a month", timeout=PATIENCE)
    assert "Blue team" not in red.inner_text("body") and "Red team" not in blue.inner_text("body")
    red.reload()  # the token is in the address: a reload (or a bookmark) brings the team back
    red.get_by_text("Decision point 2 of 2: June 2021").wait_for()
    history(red).to_contain_text("Fast: 150 a month", timeout=PATIENCE)
    for page in (facilitator, red, blue, stranger):
        assert "Traceback" not in page.inner_text("body")
        page.context.close()
