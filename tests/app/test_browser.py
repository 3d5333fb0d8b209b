"""The app's pages in a real headless Chromium, served by ``ssrsim app`` as a user starts it.

Explore: a lever out of range is refused with its name and what it allows; a small scenario runs
and its risks, figures, the story of its median replicate and its run folder appear; the page asks nothing of the internet;
a closed tab's run gives its place in the queue back once ``--abandon-after`` has passed.
Classroom: a facilitator and two teams, each in its own browser context (its own cookies, as on
three laptops), play the first decision point of the tiny test case: the teams join with the
code, see where things stand, choose with the tally in view, submit; the facilitator sees both
submitted and moves on, and each team's page follows, showing its own decisions only; one team's
choices never reach the other's page or live traffic; an address with a forged token or key is
refused and shows nothing; the app restarted mid-session, every page reloaded and back with
nothing lost. With ``-m slow``: the same after a restart, then the second decision point, the games
and the debrief on every page.

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
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from helpers import ROOT

from ssrsim.app.server import missing_extra

CHROMIUM = "/usr/bin/chromium"
#: The longest a step may take on a loaded machine (ms): the server's first page, a run.
PATIENCE = 120_000
#: The app's ``--abandon-after`` here (s): short, so that a closed tab's run is withdrawn within the
#: default suite's time, long enough that no open page's run is (the default is 30).
ABANDON_AFTER = 10


def missing() -> str | None:
    """Why the browser test cannot run here, or None."""
    if not os.path.exists(CHROMIUM):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return 'playwright is not installed (pip install ".[test]")'
    return missing_extra()


class App:
    """``ssrsim app`` on a free port with one worker, its data in a folder of its own; ``str(app)``
    is its address. ``restart()`` stops it as a user does (Ctrl-C) and starts it again on the same
    port and data, as after a power cut in the classroom."""

    def __init__(self, folder):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.folder, self.log, self.process = folder, folder / "app.log", None
        self.url = f"http://127.0.0.1:{self.port}/"

    def __str__(self) -> str:
        return self.url

    def __add__(self, path: str) -> str:
        return self.url + path

    def start(self) -> None:
        with open(self.log, "a") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "ssrsim.cli", "app", "--port", str(self.port), "--workers", "1",
                 "--data", str(self.folder / "data"), "--abandon-after", str(ABANDON_AFTER)],
                stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + PATIENCE / 1000
        while True:
            try:
                urllib.request.urlopen(self.url, timeout=5).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.process.kill()
                    pytest.fail(f"ssrsim app did not start:\n{self.log.read_text()}")
                time.sleep(0.2)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            assert self.process.wait(timeout=30) == 0, self.log.read_text()
        finally:
            self.process.kill()
        assert "Traceback" not in self.log.read_text(), self.log.read_text()

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app, started as a user starts it; stopped with Ctrl-C (SIGINT) at the end."""
    reason = missing()
    if reason and os.environ.get("SSRSIM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"SSRSIM_REQUIRE_BROWSER=1, but {reason}")
    if reason:
        pytest.skip(reason)
    served = App(tmp_path_factory.mktemp("app"))
    served.start()
    yield served
    served.stop()


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
    page.goto(str(app))
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
    for title in ("Relapse risk", "Public confidence", "Fighters by status", "Violence",
                  "The story of one median replicate"):
        assert page.get_by_role("heading", name=title).is_visible(), title
    assert re.search(r"Replicate \d: its total battle deaths are the median's", page.inner_text("main"))
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
    assert asked == {urlsplit(str(app)).netloc}, f"the page asked for more than the app: {sorted(asked)}"


def test_a_run_whose_tab_closed_gives_its_place_in_the_queue_back(app, browser):
    """A run that no tab shows any more is withdrawn once ``--abandon-after`` has passed (Solara keeps
    a closed tab's session for hours): a run queued behind it by another page then goes ahead, long
    before the abandoned run of 500 replicates could have finished on the app's one worker."""
    left = new_page(browser, str(app))
    left.get_by_text("Choose a scenario").wait_for()
    type_into(left, "Replicates", "500")
    left.get_by_role("button", name="Run", exact=True).click()
    left.get_by_text(re.compile(r"\d+ of 500 replicates done")).wait_for()
    close(left)
    other = new_page(browser, str(app))
    other.get_by_text("Choose a scenario").wait_for()
    type_into(other, "Replicates", "2")
    type_into(other, "Months", "12")
    queued = time.monotonic()
    other.get_by_role("button", name="Run", exact=True).click()
    other.get_by_text("waiting, 1 run ahead in the queue").wait_for()
    other.get_by_role("heading", name="Violence").wait_for()
    assert time.monotonic() - queued < ABANDON_AFTER + 60, "the closed tab's run held the queue"
    close(other)


# ------------------------------------------------------------------------------ the classroom
TINY = ROOT / "tests" / "cases" / "tiny"


def new_page(browser, address: str):
    """A page in a browser context of its own: another laptop in the room. ``page.traffic`` keeps
    every message the server sends it over its websockets (the live updates), as text."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.set_default_timeout(PATIENCE)
    page.traffic = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: page.traffic.append(
        payload if isinstance(payload, str) else payload.decode("utf-8", "replace"))))
    page.goto(address)
    return page


def close(page) -> None:
    """Check that the page shows no traceback, and close it (an open page is a browser at work)."""
    assert "Traceback" not in page.inner_text("body")
    page.context.close()


def forged(secret: str) -> str:
    """``secret`` with its last character changed: a guess one character away."""
    return secret[:-1] + ("A" if secret[-1] != "A" else "B")


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


def open_session(app, browser):
    """The facilitator opens a session of the tiny case: its page and the join code."""
    from playwright.sync_api import expect

    facilitator = new_page(browser, app + "classroom")
    facilitator.get_by_label("Case", exact=True).fill(str(TINY))
    facilitator.get_by_label("Replicates of the games", exact=True).fill("2")
    facilitator.get_by_label("Replicates at each decision point", exact=True).fill("2")
    facilitator.get_by_role("button", name="Open a session").click()
    facilitator.get_by_text("Facilitator key:").wait_for()
    assert "key=" in facilitator.url
    shown = re.compile(r"Join code\s+([A-Z0-9]{6})")
    expect(facilitator.locator("body")).to_contain_text(shown)  # it may render a moment after the key
    return facilitator, shown.search(facilitator.inner_text("body")).group(1)


def submitted(team, when: str) -> None:
    """The team presses Submit; its page confirms the decision for ``when``."""
    team.get_by_role("button", name="Submit").click()
    team.get_by_text(f"Submitted for {when}").wait_for()


def first_choices(red, blue) -> None:
    """Red takes a fast DDR pace and a longer mandate, Blue strong oversight; both submit."""
    red.get_by_text("Fast: 150 a month (2 points)").click()
    red.get_by_text("Six more months (1 point)").click()
    red.get_by_text("Political capital: 3 of 4 points").wait_for()
    submitted(red, "June 2020")
    blue.get_by_text("Insist on strong oversight (2 points)").click()
    submitted(blue, "June 2020")


def own_choices(red) -> str:
    """Red's first decision as its page words it (its table of decisions, last row: call it once
    the table shows)."""
    return red.locator("table").last.locator("tr").last.locator("td").last.inner_text()


def nothing_of_red_reaches_blue(red, blue, red_choices: str) -> None:
    """Red's choices and name are not on Blue's page nor in Blue's live traffic; they are in
    Red's own traffic, so the check reads what it should and could fail."""
    assert any(red_choices in frame for frame in red.traffic), red_choices
    assert not [f for f in blue.traffic if red_choices in f or "Red team" in f]
    assert "Red team" not in blue.inner_text("body")


def test_a_facilitator_and_two_teams_play_a_decision_point(app, browser):
    from playwright.sync_api import expect

    facilitator, code = open_session(app, browser)

    # a wrong code is refused with a message, and nothing is joined
    stranger = new_page(browser, app + "team")
    stranger.get_by_label("Join code", exact=True).fill("QQQQQQ" if code != "QQQQQQ" else "RRRRRR")
    stranger.get_by_label("Team name", exact=True).fill("Intruders")
    stranger.get_by_role("button", name="Join", exact=True).click()
    stranger.get_by_text("no session has the join code").wait_for()
    close(stranger)

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
    submitted(red, "June 2020")
    blue.get_by_text("Insist on strong oversight (2 points)").click()
    submitted(blue, "June 2020")

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
    nothing_of_red_reaches_blue(red, blue, own_choices(red))

    # an address with a token or a key one character off is refused and shows nothing of the session
    token = parse_qs(urlsplit(red.url).query)["token"][0]
    key = parse_qs(urlsplit(facilitator.url).query)["key"][0]
    guessed_team = new_page(browser, app + f"team?token={forged(token)}")
    guessed_team.get_by_text("this team link is not valid").wait_for()
    guessed_board = new_page(browser, app + f"classroom?key={forged(key)}")
    guessed_board.get_by_text("this is not the key of any session").wait_for()
    for page in (guessed_team, guessed_board):
        body = page.inner_text("body")
        assert code not in body and "Red team" not in body and "Blue team" not in body, body
        close(page)

    # the app restarted mid-session (Ctrl-C, then the same command): every page, reloaded, is back
    # where it was, with every decision kept (``-m slow`` also plays on to the debrief after one)
    red_choices = own_choices(red)
    app.restart()
    for page in (facilitator, red, blue):
        page.reload()
    for page in (facilitator, red, blue):
        page.get_by_text("Decision point 2 of 2: June 2021").wait_for()
    history(red).to_contain_text(red_choices, timeout=PATIENCE)
    history(blue).to_contain_text("Insist on strong oversight", timeout=PATIENCE)
    history(blue).not_to_contain_text(red_choices, timeout=PATIENCE)
    for page in (facilitator, red, blue):
        close(page)


@pytest.mark.slow(reason="about 100 s alone and several minutes beside the rest of the suite (Chromium, the "
                         "app and its games share two cores): over the browser tests' 90 s in the default suite")
def test_a_session_survives_a_restart_and_reaches_the_debrief(app, browser):
    """The app restarted mid-session (Ctrl-C, then the same command): each page, reloaded, is back
    where it was, with every decision kept; the second decision point; the games and the debrief,
    slide by slide, on every page; until the debrief nothing of Red's reaches Blue."""
    from playwright.sync_api import expect

    facilitator, code = open_session(app, browser)
    red, blue = join(browser, app, code, "Red team"), join(browser, app, code, "Blue team")
    first_choices(red, blue)
    facilitator.get_by_text("Every team has submitted.").wait_for()
    facilitator.get_by_role("button", name="Close June 2020 and move to June 2021").click()
    facilitator.get_by_text("Decision point 2 of 2: June 2021").wait_for()
    red.get_by_text("Decision point 2 of 2: June 2021").wait_for()
    history(red).to_contain_text("Six more months", timeout=PATIENCE)
    red_choices = own_choices(red)

    app.restart()
    for page in (facilitator, red, blue):
        page.reload()
    facilitator.get_by_text("Decision point 2 of 2: June 2021").wait_for()
    expect(facilitator.locator("table").first).to_contain_text("submitted", timeout=PATIENCE)
    for team in (red, blue):
        team.get_by_text("Decision point 2 of 2: June 2021").wait_for()
    history(red).to_contain_text(red_choices, timeout=PATIENCE)
    history(blue).to_contain_text("Insist on strong oversight", timeout=PATIENCE)

    # the second decision point: Red submits, Blue keeps what it had; then the games and the debrief
    red.get_by_text("Insist on strong oversight (2 points)").click()
    submitted(red, "June 2021")
    facilitator.get_by_text("Waiting for: Blue team").wait_for()
    facilitator.get_by_role("button", name="Close June 2021 and end the decisions").click()
    nothing_of_red_reaches_blue(red, blue, red_choices)

    facilitator.get_by_role("button", name="Run the teams' games and open the debrief").click()
    facilitator.get_by_text("Slide 1 of 3").wait_for()  # Red, Blue and the historical track
    for team in (red, blue):  # the debrief, which every team sees
        team.get_by_role("heading", name="The debrief").wait_for()
        for name in ("Red team", "Blue team"):
            expect(team.get_by_role("heading", name=name)).to_be_visible(timeout=PATIENCE)
    drawn = blue.locator("img").evaluate_all("images => images.map(i => i.naturalWidth)")
    assert len(drawn) >= 2 and min(drawn) > 500, drawn
    for page in (facilitator, red, blue):
        close(page)
