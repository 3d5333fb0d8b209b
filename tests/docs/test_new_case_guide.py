"""docs/new_case.md (writing a new country case) must keep matching the code.

The guide's worked example (Lakeland, invented) is written as pieces of YAML, each marked by a
line ``<!-- file: my_case/... -->`` just before its code block; the pieces of one file, put
together in order, make that file. These tests write them into a case folder and check that the
case loads, briefs and plays, that every value it sets has a source, that the mistakes the guide
quotes give the messages it quotes, and that every configuration key the guide names exists.
"""

from __future__ import annotations

import logging
import re
from functools import cache

import pytest
import yaml
from helpers import ROOT, schema_path_problem

from ssrsim.config import Config, paths
from ssrsim.config.errors import UserError, readable_errors
from ssrsim.exercise.brief import parameter_sheet, write_brief
from ssrsim.exercise.decisions import load_team
from ssrsim.exercise.menu import historical_track, load_exercise, scenario_file
from ssrsim.exercise.play import play

logging.getLogger("MESA").setLevel(logging.WARNING)
GUIDE = ROOT / "docs" / "new_case.md"
SCENARIO = "my_case/scenario/my_case.yaml"
#: A marked piece: the marker line, then a fenced YAML block.
PIECE = re.compile(r"^<!-- file: (\S+) -->\n```yaml\n(.*?)^```$", re.M | re.S)
CONFIG_ROOTS = ("context", "levers", "params", "thresholds")


@cache
def text() -> str:
    assert GUIDE.is_file(), "docs/new_case.md is missing"
    return GUIDE.read_text(encoding="utf-8")


@cache
def case_files() -> dict[str, str]:
    """Each file the guide marks, its pieces put together in order."""
    files: dict[str, str] = {}
    for match in PIECE.finditer(text()):
        files[match.group(1)] = files.get(match.group(1), "") + match.group(2)
    return files


def prose() -> str:
    """The guide without its code blocks."""
    return re.sub(r"^```.*?^```$", "", text(), flags=re.M | re.S)


def flat(words: str) -> str:
    return " ".join(words.split())


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    folder = tmp_path_factory.mktemp("guide")
    for name, body in case_files().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    return folder / "my_case"


def test_the_guide_marks_a_whole_case():
    files = case_files()
    assert set(files) == {SCENARIO, "my_case/exercise.yaml", "my_case/historical.yaml"}, sorted(files)
    assert text().count(f"<!-- file: {SCENARIO} -->") >= 8, "the scenario is shown block by block"
    assert files[SCENARIO].startswith("# @package _global_\n")
    markers = len(re.findall(r"^<!-- file: ", text(), re.M))
    assert markers == len(PIECE.findall(text())), "a file marker not followed by a ```yaml block"


def test_the_example_case_loads_briefs_and_plays(case, tmp_path):
    exercise, cfg = load_exercise(case)
    assert cfg.name == "my_case" and cfg.calendar.start == "2020-01"
    assert {s.name for s in cfg.context.spoilers} == {"front", "hardliners"}
    assert sum(f.incumbent for f in cfg.context.settlement.factions) == 1
    assert cfg.context.government.election_cycle_months == 0  # the guide's advice, followed
    written = write_brief(case, tmp_path / "brief", replicates=2)
    md = (tmp_path / "brief" / "brief.md").read_text()
    assert "Lakeland" in md and tmp_path / "brief" / "team_template.yaml" in written
    assert "without a `sources` entry" not in md, "the example sets a value without a source"
    results = play(load_team(historical_track(case)), replicates=1, workers=1)
    assert results.summary.total_demobilized.iloc[0] > 0
    assert {"set_lever", "election", "donor_exit"} <= set(results.events.kind)


def test_every_value_the_example_sets_has_a_source(case):
    """As tests/exercise/test_burundi.py asks of Burundi, and only the kinds of events it allows."""
    exercise, cfg = load_exercise(case)
    rows, uncovered = parameter_sheet(cfg, scenario_file(exercise))
    assert not uncovered, f"values without a source or an 'assumption' note: {uncovered}"
    data = yaml.safe_load(case_files()[SCENARIO])
    for key in ("name", "description", "sources", "events"):
        data.pop(key)
    set_paths = paths.flatten(data, named_lists=True)
    stale = [s for s in cfg.sources if not s.startswith("events.")
             and not any(p == s or p.startswith(s + ".") for p in set_paths)]
    assert not stale, f"sources for values the example does not set: {stale}"
    assert all(e.note for e in cfg.events)
    assert {e.kind for e in cfg.events} <= {"election", "term_limit_bid", "set_lever", "donor_exit"}


def test_a_value_without_a_source_is_named_as_the_guide_says(tmp_path):
    """The brief's note the guide quotes names a value the file sets without a source."""
    import inspect

    from ssrsim.exercise import brief

    note = "Values the scenario file sets without a `sources` entry: "
    assert note.strip() in flat(prose()) and note in inspect.getsource(brief)
    path = tmp_path / "my_case.yaml"
    path.write_text(case_files()[SCENARIO].replace('  context.population: "invented"\n', ""))
    with readable_errors():
        cfg = Config.model_validate(yaml.safe_load(path.read_text()))
    assert parameter_sheet(cfg, path)[1] == ["context.population"]


def _cut(start: str, end: str):
    return lambda t: t[:t.index(start)] + t[t.index(end):]


#: (a mistake made in the example's scenario, the message the guide quotes for it)
MISTAKES = [
    (lambda t: t.replace("home_provinces: [5],\n", "home_provinces: [6],\n"),
     "context.factions[front].home_provinces: 6 is not in 0..5"),
    (lambda t: t.replace("{name: lowland, share: 0.4}", "{name: lowland, share: 0.3}"),
     "context.groups: the shares must sum to 1 (they sum to 0.9)"),
    (_cut("  groups:\n", "  factions:\n"),
     "context.factions[army_surplus].group: unknown group 'lowland'; allowed: ['majority', 'minority']"),
    (lambda t: t.replace("kind: armed_holdout, faction: front,", "kind: elite,"),
     "context.factions[front]: a holdout faction (in_process=false) needs an armed_holdout spoiler that commands it"),
    (lambda t: t.replace("kind: armed_holdout, faction: front,", "kind: armed_holdout,"),
     "context.spoilers[front]: an armed_holdout needs a faction"),
    (_cut("  spoilers:\n", "  forces:\n"),
     "context.spoilers[holdout_c].faction: unknown faction 'holdout_c'; "
     "allowed: ['army_surplus', 'movement', 'front']"),
    (_cut("    - {service: gendarmerie", "  settlement:\n"),
     "context.forces: exactly one of each service ['army', 'police', 'gendarmerie'] is required"),
    (lambda t: t.replace("{highland: 0.3, lowland: 0.7}", "{highland: 0.3, lowland: 0.6}"),
     "context.forces[army].group_shares: the shares must sum to 1"),
    (lambda t: t.replace("incumbent: true, ", ""),
     "factions: exactly one faction must be the incumbent (incumbent: true)"),
    (lambda t: t.replace("posts_government: 0.25,", "posts_government: 0.45,"),
     "factions[].posts_government: the shares add up to 1.05; at most 1 is allowed"),
    (lambda t: t.replace("{army: 0.4, gendarmerie: 0.3}", "{army: 0.9, gendarmerie: 0.3}"),
     "factions[].loyal_units.army: the shares add up to 1.1; at most 1 is allowed"),
    (lambda t: t.replace("included: false,", "included: false, entrenched: true,"),
     "entrenched: a faction whose place is guaranteed holds it at month 0 (included: true)"),
    (lambda t: t.replace("armed_group: front,", "armed_group: liberation_front,"),
     "context.settlement.factions[front_party].armed_group: unknown armed group 'liberation_front'; allowed: a "
     "spoiler ['front', 'hardliners'] or a signatory movement ['movement']"),
    (lambda t: t.replace('start: "2020-01"', 'start: "01/2020"'),
     "calendar.start = '01/2020': must be YYYY-MM, e.g. 2003-11"),
    (lambda t: t.replace("kind: election,", "kind: boycott,"),
     "events[1].kind = 'boycott': Input should be 'election', 'term_limit_bid',"),
    (lambda t: t.replace("target: trust_fund,", "target: world_bank,"),
     "events[2].target: unknown donor 'world_bank'; allowed: ['bilateral', 'trust_fund']"),
    (lambda t: t.replace("path: levers.ddr.demobilization_per_month", "path: levers.ddr.demobilisation_per_month"),
     "events[0].path: 'levers.ddr.demobilisation_per_month' is not a lever"),
]


@pytest.mark.parametrize("edit, message", MISTAKES, ids=[m for _, m in MISTAKES])
def test_each_mistake_gives_the_message_the_guide_quotes(edit, message):
    """Validated as the command line validates a composed scenario (a scenario's lists replace
    the defaults' whole, as Hydra merges them)."""
    assert message in flat(prose()), f"docs/new_case.md does not quote: {message}"
    scenario = case_files()[SCENARIO]
    edited = edit(scenario)
    assert edited != scenario, "the edit changed nothing: the example moved"
    with pytest.raises(UserError) as e:
        with readable_errors():
            Config.model_validate(yaml.safe_load(edited))
    assert message in str(e.value), str(e.value)


def test_the_header_and_a_shipped_name_give_the_messages_the_guide_quotes(case, tmp_path):
    """The two mistakes only Hydra's reading of the case folder shows."""
    import shutil

    for edit, message in [
        (lambda folder: (folder / "scenario" / "my_case.yaml").write_text(
            case_files()[SCENARIO].removeprefix("# @package _global_\n")),
         "scenario: unknown key (allowed keys: name, description, seed,"),
        (lambda folder: ((folder / "scenario" / "my_case.yaml").rename(folder / "scenario" / "burundi.yaml"),
                         (folder / "exercise.yaml").write_text(case_files()["my_case/exercise.yaml"].replace(
                             "scenario: my_case", "scenario: burundi"))),
         "a shipped scenario has the same name, and Hydra would read the shipped one; rename the case's scenario"),
    ]:
        assert message in flat(prose()), f"docs/new_case.md does not quote: {message}"
        folder = tmp_path / f"case{len(list(tmp_path.iterdir()))}"
        shutil.copytree(case, folder)
        edit(folder)
        with pytest.raises(UserError) as e:
            load_exercise(folder)
        assert message in str(e.value), str(e.value)


# --------------------------------------------------------------------------- key paths
def test_the_key_path_check_is_strict():
    for good in ("context.factions[].group", "context.forces[army].group_shares", "levers.ddr",
                 "context.settlement.factions.old_guard", "context.region.sanctuary"):
        assert schema_path_problem(good) is None, good
    for bad in ("context.factions.group", "context.faction[].group", "levers.ddr.pace",
                "context.population.size", "levers[].ddr"):
        assert schema_path_problem(bad), bad


def test_every_key_the_guide_names_exists():
    found = []
    for span in re.findall(r"`([^`\n]+)`", prose()):
        match = re.match(rf"(?:{'|'.join(CONFIG_ROOTS)})\.[A-Za-z0-9_.\[\]]*[A-Za-z0-9_\]]", span)
        if match:
            found.append(match.group(0))
    assert len(found) > 40, "too few keys found: is the pattern wrong?"
    bad = {p: why for p in sorted(set(found)) if (why := schema_path_problem(p))}
    assert not bad, f"docs/new_case.md names keys the schema does not have: {bad}"


def test_the_guide_is_linked():
    assert "new_case.md" in (ROOT / "docs" / "training.md").read_text(encoding="utf-8")
    assert "docs/new_case.md" in (ROOT / "README.md").read_text(encoding="utf-8")
