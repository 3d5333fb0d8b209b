"""The Explore page: a scenario, its levers, a run of N replicates, and what came of it.

The sidebar holds the settings: the scenario, the run's size and every lever, each field saying
its unit and range (:mod:`.form`, read from the schema). With "Compare two settings" each lever
has a second field, and both settings run with the same seed: replicate r of one and of the other
share their random numbers, so the comparison is paired. Runs wait their turn in the app's one
process pool (:mod:`.run_queue`): the page shows the queue and the replicates done, and stays
responsive. The main area shows relapse risk at both thresholds with intervals, the run's figures
(:mod:`ssrsim.run.figures`) side by side for two settings, the story of a median replicate
(:mod:`ssrsim.run.story`), the ``ssrsim run`` command that makes the same run folder, and a
download of the folder.

Page state lives in Solara's reactive variables, which hold one value per browser tab.
"""

from __future__ import annotations

import re
import time
from concurrent.futures import CancelledError
from dataclasses import dataclass

import pandas as pd
import reacton.ipyvuetify as rv
import solara
from solara.lab import task

from ..config.compose import scenarios
from ..config.errors import UserError
from ..config.schema import Config
from ..run.story import median_replicate, narrative
from . import form, outcomes, run_queue

NAMES = ("Setting A", "Setting B")
RUN_SETTINGS = form.run_settings()
LEVERS = form.lever_settings()
FAMILIES = form.families(LEVERS)
#: How often a waiting page looks at the queue (seconds).
POLL = 0.25
#: The scenario a page opens with.
FIRST_SCENARIO = "baseline"

scenario = solara.reactive(FIRST_SCENARIO)
comparing = solara.reactive(False)
#: What was typed, by setting path: the run's size, and the levers of settings A and B.
typed_size = solara.reactive({})
typed_levers = solara.reactive(({}, {}))
#: The message of settings that were refused, and the fields it names.
refused = solara.reactive("")
#: The queue and replicates, in words, while a run is on.
waiting = solara.reactive("")
#: Why the last run did not finish, when the queue said so.
failure = solara.reactive("")


@dataclass(frozen=True)
class Request:
    """One setting to run: its name (when two are compared), validated config and the command line
    that makes the same run."""

    name: str | None
    cfg: Config
    command: str


def starting(name: str) -> dict[str, str]:
    """The values the fields of scenario ``name`` show before anything is typed."""
    return form.starting_values(form.scenario_config(name), RUN_SETTINGS + LEVERS)


def prepare() -> None:
    """Compose the scenario a page opens with, once, before the first visitor asks for it."""
    starting(FIRST_SCENARIO)


def settings_to_run() -> list[Request]:
    """The settings on the page as validated configs; ``UserError`` naming each field refused."""
    out = []
    for name, levers in zip(NAMES if comparing.value else (None,), typed_levers.value):
        cfg, overridden = form.configure(scenario.value, RUN_SETTINGS + LEVERS, {**starting(scenario.value),
                                                                                   **typed_size.value, **levers})
        out.append(Request(name, cfg, form.command(scenario.value, overridden)))
    return out


def described(run: run_queue.Run, name: str | None) -> str:
    """Where one setting's run is, in words."""
    ahead = run.ahead()
    if run.done() == 0 and ahead:
        state = f"waiting, {ahead} run{'s' if ahead > 1 else ''} ahead in the queue"
    else:
        state = f"{run.done()} of {run.total} replicates done"
    return f"{name}: {state}" if name else state.capitalize()


@task
def simulate_settings(batch: list[Request]) -> list[outcomes.Outcome] | None:
    """Queue the settings' runs, report progress until they finish, then write their run folders
    and figures. Cancelled or superseded, or shown by no tab for ``run_queue.ABANDONED_AFTER`` seconds, it
    withdraws what has not started; a run the queue could not finish (its workers stopped, or the
    server is stopping) is told in ``failure``."""
    queue = run_queue.shared()
    runs = [queue.submit(r.cfg) for r in batch]
    left = None  # when the last tab showing the page went, while none has come back
    try:
        while unfinished := [run for run in runs if not run.finished()]:
            if not simulate_settings.is_current():
                return None
            if page_shown():
                left = None
            elif left is None:
                left = time.monotonic()
            elif time.monotonic() - left > run_queue.ABANDONED_AFTER:
                return None  # withdrawn below; the page is gone
            waiting.value = "; ".join(described(run, r.name) for run, r in zip(runs, batch))
            simulate_settings.progress = 100 * sum(run.done() for run in runs) / sum(run.total for run in runs)
            unfinished[0].wait(POLL)
        results = [run.results() for run in runs]
    except (run_queue.RunFailed, CancelledError) as e:
        failure.value = str(e) or "the app is stopping"
        return None
    finally:
        for run in runs:
            run.cancel()
    waiting.value = "Writing the run folders and drawing the figures"
    return [outcomes.finish(res, r.name, r.command) for res, r in zip(results, batch)]


def page_shown() -> bool:
    """Whether a browser tab is connected to this page's session (Solara's virtual kernel, which
    outlives a closed tab by hours). True outside the server, where there is no page to lose."""
    from solara.server import kernel_context

    if not kernel_context.has_current_context():
        return True
    pages = list(kernel_context.get_current_context().page_status.values())
    return kernel_context.PageStatus.CONNECTED in pages


def start() -> None:
    """The Run button: check every field, then queue the run (or say which fields are wrong)."""
    try:
        batch = settings_to_run()
    except UserError as e:
        refused.value = str(e)
        return
    refused.value = failure.value = ""
    waiting.value = "Queued"
    simulate_settings(batch)


def choose_scenario(name: str) -> None:
    """A new scenario starts from its own values: what was typed for the previous one is dropped."""
    scenario.value = name
    typed_size.value = {}
    typed_levers.value = ({}, {})
    refused.value = ""


def named_in_refusal(path: str) -> bool:
    """Whether the refusal's message names the field at ``path``."""
    return re.search(rf"^{re.escape(path)}\b", refused.value, re.MULTILINE) is not None


@solara.component
def Field(setting: form.Setting, value: str, on_value, label: str, message: str):
    """A setting's text field, marked red while the refusal's message names it."""
    solara.InputText(label=label, value=value, on_value=on_value, message=message,
                     error=named_in_refusal(setting.path), style={"min-width": "9em"})


@solara.component
def RunSize():
    """Replicates and months, shared by both settings (paired runs have the same size)."""
    start_values = starting(scenario.value)
    with solara.Row():
        for s in RUN_SETTINGS:
            Field(s, typed_size.value.get(s.path, start_values[s.path]),
                  lambda text, path=s.path: typed_size.set({**typed_size.value, path: text}),
                  s.label, s.hint).key(s.path)


@solara.component
def Lever(setting: form.Setting, start_value: str):
    """One lever: its field (two when comparing), its range and unit, and what it is."""
    def typed_into(which: int):
        def set_text(text: str) -> None:
            both = list(typed_levers.value)
            both[which] = {**both[which], setting.path: text}
            typed_levers.value = tuple(both)
        return set_text

    shown = range(2) if comparing.value else range(1)
    with solara.Column(gap="0px", style={"margin-bottom": "18px"}):
        with solara.Row():
            for which in shown:
                label = f"{setting.label} ({'AB'[which]})" if comparing.value else setting.label
                Field(setting, typed_levers.value[which].get(setting.path, start_value), typed_into(which),
                      label, setting.hint).key(f"{setting.path}-{which}")
        solara.Text(setting.doc, style={"font-size": "0.8em", "color": "#555"})


@solara.component
def Settings():
    """The sidebar: scenario, run size, the levers by family, Run."""
    start_values = starting(scenario.value)
    solara.Select(label="Scenario", value=scenario.value, values=scenarios(), on_value=choose_scenario)
    solara.Text(form.scenario_config(scenario.value).description, style={"font-size": "0.9em"})
    RunSize()
    solara.Switch(label="Compare two settings (same seeds)", value=comparing)
    with rv.ExpansionPanels(multiple=True, v_model=[0]):
        for title, settings in FAMILIES.items():
            with rv.ExpansionPanel():
                rv.ExpansionPanelHeader(children=[title])
                with rv.ExpansionPanelContent():
                    for s in settings:
                        Lever(s, start_values[s.path]).key(s.path)
    if refused.value:
        solara.Error("Not run: " + refused.value.removeprefix("invalid configuration:\n"),
                     style={"white-space": "pre-wrap"})
    with solara.Row():
        solara.Button("Run", on_click=start, color="primary", disabled=simulate_settings.pending)
        if simulate_settings.pending:
            solara.Button("Cancel", on_click=simulate_settings.cancel)


@solara.component
def Table(frame: pd.DataFrame):
    """A small table of text, as the page shows numbers with their intervals."""
    with rv.SimpleTable(dense=True):
        with rv.Html(tag="thead"):
            with rv.Html(tag="tr"):
                for column in frame.columns:
                    rv.Html(tag="th", children=[str(column)])
        with rv.Html(tag="tbody"):
            for row in frame.itertuples(index=False):
                with rv.Html(tag="tr"):
                    for i, value in enumerate(row):  # a number and its interval on one line
                        rv.Html(tag="td", children=[str(value)], style_="white-space: nowrap" if i else "")


@solara.component
def Risks(outcome: outcomes.Outcome):
    """One setting's relapse risks, its command line and its download."""
    cfg = outcome.results.config
    name = outcome.name if outcome.name == cfg.name else f"{outcome.name} ({cfg.name})"
    solara.Markdown(f"**{name}**: {cfg.replicates} replicates × {cfg.months} months, seed {cfg.seed}")
    Table(outcome.risks)
    solara.Text(f"The same run at a terminal: {outcome.command}",
                style={"font-family": "monospace", "font-size": "0.85em"})
    solara.FileDownload(outcome.zipped, filename=outcome.archive_name, label="Download the run folder (zip)")


@solara.component
def Figure(title: str, image: bytes):
    """One of the run's figures (a PNG of the run layer's), under its title."""
    with solara.Column(gap="0px"):
        solara.Markdown(f"#### {title}")
        solara.Image(image, width="100%")


@solara.component
def Results(shown: list[outcomes.Outcome]):
    """The finished runs: risks, the pairs when two settings were compared, the figures."""
    solara.Markdown("### Probability of relapse (95% intervals)")
    solara.Text(f"{outcomes.thresholds(shown[0].results.config)} Kaplan–Meier estimates over the replicates; "
                "intervals by Greenwood's formula (log-log), or Wilson's where no replicate or every one relapsed.",
                style={"font-size": "0.85em", "color": "#555"})
    with solara.Columns([1] * len(shown)):
        for outcome in shown:
            with solara.Column():
                Risks(outcome)
    if len(shown) == 2:
        solara.Markdown("Replicates relapsing by the end of the run, pair by pair (replicate r of each setting "
                        "shares its random numbers):")
        Table(outcomes.paired_table(shown[0].results, shown[1].results, NAMES))
        for title in shown[0].figures:  # each figure of the two settings side by side
            with solara.Columns([1, 1]):
                for outcome in shown:
                    Figure(f"{title}: {outcome.name}", outcome.figures[title])
    else:
        titles = list(shown[0].figures)
        for pair in (titles[:2], titles[2:]):
            with solara.Columns([1, 1]):
                for title in pair:
                    Figure(title, shown[0].figures[title])
    with solara.Columns([1] * len(shown)):
        for outcome in shown:
            Story(outcome, len(shown) == 2)


@solara.component
def Story(outcome: outcomes.Outcome, named: bool):
    """What happened when in the median replicate (by battle deaths), a line per year."""
    r = median_replicate(outcome.results)
    with solara.Column(gap="0px"):
        solara.Markdown(f"#### The story of one median replicate{f': {outcome.name}' if named else ''}")
        solara.Text(f"Replicate {r}: its total battle deaths are the median's.", style={"font-size": "0.85em"})
        solara.Markdown("\n".join(f"- {line}" for line in narrative(outcome.results, r)) or "Nothing happened.")


@solara.component
def Page():
    """The Explore page: settings in the sidebar; progress, refusal or results in the main area."""
    solara.Title("ssrsim: Explore")
    with solara.Sidebar():
        Settings()
    if simulate_settings.pending:
        solara.Info(waiting.value)
        solara.ProgressLinear(simulate_settings.progress if simulate_settings.progress else True)
    elif failure.value:
        solara.Error(f"The run failed: {failure.value}")
    elif simulate_settings.error:
        exception = simulate_settings.exception
        solara.Error(f"The run failed: {exception or type(exception).__name__}")
    elif simulate_settings.cancelled:
        solara.Warning("Cancelled.")
    if simulate_settings.latest:
        Results(simulate_settings.latest)
    elif not simulate_settings.pending:
        solara.Markdown("Choose a scenario and its levers, then **Run**. Relapse risk, public confidence, fighters "
                        "by status and violence appear here; with two settings, side by side on the same seeds.")
