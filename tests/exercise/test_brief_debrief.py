"""The country brief and the plenary debrief of the exercise.

Kept small: the brief's starting indicators use 2 replicates, and the debrief reads teams played
with 2 replicates (``min_replicates=2``; the command line's minimum stays 40), in one process each
(a pool's start costs more than it saves at this size, with the suite's workers on every core).
"""

from __future__ import annotations

import json
import logging
import re
import shutil

import pandas as pd
import pytest
import yaml

from ssrsim.config.errors import UserError
from ssrsim.exercise.brief import FILES, write_brief
from ssrsim.exercise.citations import cite
from ssrsim.exercise.debrief import write_debrief
from ssrsim.exercise.decisions import load_team
from ssrsim.exercise.document import OutputExists
from ssrsim.exercise.menu import load_exercise
from ssrsim.exercise.outcomes import conflict_years
from ssrsim.exercise.play import play, save_play
from ssrsim.exercise.teams import MIN_REPLICATES, check_teams, read_play
from ssrsim.run.results import FolderHasResults
from helpers import ROOT

logging.getLogger("MESA").setLevel(logging.WARNING)
DOCS = ROOT / "docs"
REPLICATES = 2
QUESTIONS = [q.title for q in load_exercise("burundi")[0].debrief.questions]


# ------------------------------------------------------------------------------------ the brief
@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    out = tmp_path_factory.mktemp("brief")
    return out, write_brief("burundi", out, replicates=REPLICATES)


def test_brief_writes_its_files(brief):
    out, paths = brief
    for name in FILES:
        assert (out / name) in paths and (out / name).stat().st_size > 0
    for png in ("figures/start.png", "figures/timeline.png"):
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_brief_holds_the_facts_menu_and_parameter_sheet(brief):
    out, _ = brief
    md = (out / "brief.md").read_text()
    exercise, cfg = load_exercise("burundi")
    assert "## 1. The situation" in md and "Burundi, December 2004" in md
    for fact in exercise.facts:  # the sourced facts table, every row with its source
        assert f"| {fact.when} | {fact.fact} | {cite(fact.source)} |" in md.replace("\\|", "|")
    assert len(exercise.facts) >= 15
    for family in exercise.families.values():  # the menu, with labels and costs
        assert family.question in md
        for option in family.options.values():
            assert option.label in md
    assert "budget US$72m for two years" in md and "US$180 per participant" in md
    for key in cfg.sources:  # the parameter sheet: every value the scenario sets
        assert f"`{key}`" in md
    assert "Starting indicators" in md and "army (planned size 20,000)" in md
    assert "ssrsim exercise play --interactive" in md


def test_the_brief_speaks_in_words_outside_the_facilitators_annex(brief):
    """Participants read no configuration path and no bare source code (002:107 is the deck's
    title and slide); only the annex, for facilitators, names values by their path."""
    out, _ = brief
    md = (out / "brief.md").read_text()
    body, annex = md.split("## Annex for facilitators")
    for path in ("levers.", "context.", "params."):
        assert path not in body, path
    assert not re.search(r"\b00[0-4]:\d", md) and not re.search(r"\b00[0-4]:\d", (out / "brief.html").read_text())
    assert "(after the chart in DCAF/ISSAT, SSR and Peace Support Operations (2014), slide 26" in body
    assert "| Cantonment intake: 1,000 fighters / month |" in body and "| donor exit: World Bank MDRP |" in body
    assert "**How fast do combatants enter cantonment?**" in body and "ddr_pace" not in body
    assert "DDR 34.2, capacity 25.65, governance 8.55, quick wins 3.6" in body
    assert "`levers.ddr.demobilization_per_month`" in annex


def test_brief_html_is_self_contained(brief):
    out, _ = brief
    html = (out / "brief.html").read_text()
    assert html.count("data:image/png;base64,") == 2
    assert 'src="figures/' not in html and "<link" not in html and "<style>" in html
    assert "<table>" in html and "Pretoria Protocols" in html


def test_template_loads_unchanged_and_keeps_the_status_quo(brief):
    out, _ = brief
    team = load_team(out / "team_template.yaml")
    assert team.name == "Group A" and len(team.phases) == 6
    assert team.events == []  # the scenario's own settings: nothing changes
    assert all(spent == 0 for spent in team.capital_spent)
    assert team.money[0] == pytest.approx({"ddr": 34.2, "capacity": 25.65, "governance": 8.55, "quick_wins": 3.6})


def test_template_lines_uncommented_still_load(brief, tmp_path):
    out, _ = brief
    text = (out / "team_template.yaml").read_text()
    text = text.replace('# "2006-12":', '"2006-12":', 1).replace("# ddr_pace: steady", "ddr_pace: fast  ", 2)
    text = text.replace("    # money: {ddr: 41.04", "    money: {ddr: 41.04", 1)
    path = tmp_path / "group_a.yaml"
    path.write_text(text)
    team = load_team(path)
    assert team.choices[0]["ddr_pace"] == "fast" and team.choices[1]["ddr_pace"] == "fast"
    assert team.money[1]["ddr"] == pytest.approx(41.04)


def test_brief_refuses_to_overwrite(brief):
    out, _ = brief
    with pytest.raises(FolderHasResults) as e:
        write_brief("burundi", out, replicates=REPLICATES)
    assert isinstance(e.value, UserError) and isinstance(e.value, OutputExists)
    assert "already holds a brief" in str(e.value) and "--overwrite" in str(e.value)
    assert write_brief("burundi", out, overwrite=True, replicates=REPLICATES)


def test_brief_unknown_exercise(tmp_path):
    with pytest.raises(UserError, match="unknown exercise"):
        write_brief("atlantis", tmp_path)
    assert not any(tmp_path.iterdir())


# ------------------------------------------------------------------------------------ the debrief
TEAMS = {
    "Group A": {"2004-12": {"money": {"ddr": 40, "capacity": 12, "governance": 16, "quick_wins": 4},
                            "ddr_pace": "slow", "reintegration": "broad", "oversight": "support"}},
    "Group B": {"2004-12": {"money": {"ddr": 30, "capacity": 36, "governance": 2, "quick_wins": 4},
                            "ddr_pace": "fast", "fnl": "inclusive"},
                "2008-12": {"oversight": "minimal"}},
}


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    """Two teams played with 2 replicates each, and their debrief (the historical track run)."""
    root = tmp_path_factory.mktemp("exercise")
    folders = []
    for name, decisions in TEAMS.items():
        path = root / f"{name[-1].lower()}.yaml"
        path.write_text(yaml.safe_dump({"team": name, "exercise": "burundi", "decisions": decisions}))
        team = load_team(path)
        folder = root / name.replace(" ", "_").lower()
        save_play(play(team, replicates=REPLICATES, workers=1), team, folder)
        folders.append(folder)
    out = root / "debrief"
    messages = []
    paths = write_debrief(folders, out, replicates=REPLICATES, workers=1, min_replicates=REPLICATES,
                          progress=lambda *a: messages.append(a))
    return root, folders, out, paths, messages


def test_debrief_writes_the_pack(played):
    _, _, out, paths, messages = played
    for name in ("debrief.md", "debrief.html", "events_by_year.csv", "summary.csv"):
        assert (out / name) in paths
    for png in ("war_relapse", "confidence", "effectiveness_accountability", "benchmarks", "events",
                "warning_signs"):
        assert (out / "figures" / f"{png}.png").is_file()
    md = (out / "debrief.md").read_text()
    for words in ("Group A", "Group B", "Historical track", "## 9. Debrief questions", "P(war-level relapse)",
                  "armed-conflict years", "The story of one median replicate", "capital spent"):
        assert words in md, words
    for title in QUESTIONS:  # with its source in words
        assert cite(title) in md
    assert not re.search(r"\b00[0-4]:\d", md)
    # participants read the menu's words and the actors' names, not the configuration's code names
    assert "| DDR pace | **Slow: 500 a month** |" in md and "ddr_pace" not in md
    assert "settlement CNDD-FDD" in md and not re.search(r"cndd_fdd|world_bank_mdrp|co_opt", md)
    html = (out / "debrief.html").read_text()
    assert 'src="figures/' not in html and html.count("data:image/png;base64,") == 6 + 3
    # the historical track was played on the teams' seed and saved as a play folder
    record = json.loads((out / "historical" / "team.json").read_text())
    assert record["team"] == "Historical track" and record["seed"] == 12345
    assert any("historical track" in str(m[0]) for m in messages if len(m) == 1)
    assert any(len(m) == 2 for m in messages)  # (done, total) while it ran


def test_debrief_one_slide_per_team(played):
    _, _, out, paths, _ = played
    slides = sorted(p.name for p in (out / "slides").glob("*.png"))
    assert slides == ["slide_group_a.png", "slide_group_b.png", "slide_historical_track.png"]
    from PIL import Image
    with Image.open(out / "slides" / "slide_group_a.png") as im:
        w, h = im.size
    assert abs(w / h - 16 / 9) < 0.01 and w >= 1600


def test_debrief_event_log_csv(played):
    _, _, out, _, _ = played
    table = pd.read_csv(out / "events_by_year.csv")
    assert list(table.columns) == ["team", "year", "months_in_run", "kind", "per_replicate",
                                   "share_of_replicates", "deaths_per_replicate"]
    assert set(table["team"]) == {"Group A", "Group B", "Historical track"}
    assert {"clash", "coup_attempt", "remobilization_wave", "funding_cliff", "ceasefire", "peace_deal",
            "mandate_end", "donor_exit"} <= set(table["kind"])
    assert table["year"].min() == 2003 and table["year"].max() == 2016
    # scheduled events are the same for every team: one election in 2005, the MDRP's exit in 2008
    row = table[(table["kind"] == "election") & (table["year"] == 2005)]
    assert (row["per_replicate"] == 1).all()
    row = table[(table["kind"] == "donor_exit") & (table["year"] == 2008)]
    assert (row["per_replicate"] == 1).all()
    assert (table["share_of_replicates"].between(0, 1)).all()


def test_debrief_summary_numbers(played):
    _, folders, out, _, _ = played
    summary = pd.read_csv(out / "summary.csv")
    assert list(summary["team"]) == ["Group A", "Group B", "Historical track"]
    assert (summary["p_war_by_2015_lo"] <= summary["p_war_by_2015"]).all()
    assert (summary["p_war_by_2015"] <= summary["p_war_by_2015_hi"]).all()
    assert (summary["conflict_years_mean"].between(0, 12)).all()
    # slow DDR demobilises fewer by the end of 2008 than fast DDR, on the same random numbers
    a, b = summary["demobilized_end_2008_median"].iloc[:2]
    assert a < b


def test_conflict_years_counts_calendar_years():
    rows = []
    for r in range(4):
        for m in range(0, 30):  # month 0 = 2003-11: full years 2004 (months 2-13) and 2005 (14-25)
            deaths = 30 if (r < 2 and m == 5) else (1 if m == 20 else 0)
            rows.append({"replicate": r, "month": m, "battle_deaths": deaths})
    table = conflict_years(pd.DataFrame(rows), "2003-11", 29)
    assert list(table["year"]) == [2004, 2005]
    assert list(table["conflict"]) == [2, 0] and table["share"].iloc[0] == 0.5
    assert table["lo"].iloc[1] == 0 and 0 < table["hi"].iloc[1] < 1


def test_debrief_refuses_too_few_replicates(played, tmp_path):
    _, folders, _, _, _ = played
    with pytest.raises(UserError) as e:
        write_debrief(folders, tmp_path / "d")  # the default minimum, 40
    message = str(e.value)
    assert MIN_REPLICATES == 40
    assert str(folders[0]) in message and f"has {REPLICATES} replicates" in message and "at least 40" in message
    assert f"ssrsim exercise play {folders[0] / 'decisions.yaml'} --replicates 40 --seed 12345" in message
    assert not (tmp_path / "d").exists()


def test_debrief_refuses_to_overwrite(played):
    _, folders, out, _, _ = played
    with pytest.raises(FolderHasResults, match="already holds a debrief"):
        write_debrief(folders, out, min_replicates=REPLICATES)


def test_debrief_reads_a_folder_without_team_json(played, tmp_path):
    _, folders, _, _, _ = played
    bare = tmp_path / "bare"
    shutil.copytree(folders[0], bare)
    (bare / "team.json").unlink()
    assert read_play(bare).name == "Group A"  # from decisions.yaml
    (bare / "decisions.yaml").unlink()
    assert read_play(bare).name == "burundi-group_a"  # the config's name


def test_different_seeds_are_flagged(played, tmp_path):
    _, folders, _, _, _ = played
    other = tmp_path / "other"
    shutil.copytree(folders[1], other)
    cfg = yaml.safe_load((other / "config.yaml").read_text())
    cfg["seed"] = 7
    (other / "config.yaml").write_text(yaml.safe_dump(cfg))
    notes = check_teams([read_play(folders[0]), read_play(other)], REPLICATES)
    assert len(notes) == 1 and "not paired" in notes[0] and "7" in notes[0]
    assert check_teams([read_play(f) for f in folders], REPLICATES) == []


def test_not_a_play_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match="not a finished ssrsim run"):
        write_debrief([tmp_path / "empty"], tmp_path / "d")
    with pytest.raises(UserError, match="no such folder"):
        write_debrief([tmp_path / "missing"], tmp_path / "d")


def test_training_guide_lists_the_debrief_questions():
    guide = (DOCS / "training.md").read_text()
    assert len(QUESTIONS) == 8
    for title in QUESTIONS:
        assert title in guide, title
    for command in ("ssrsim exercise brief burundi", 'ssrsim exercise play --interactive --team "Group A"',
                    "ssrsim exercise debrief"):
        assert command in guide


def test_the_timeline_names_donors_and_holdouts_in_words():
    """Participants read "World Bank MDRP", not the config's world_bank_mdrp."""
    from ssrsim.exercise.brief_figures import timeline_figure
    from ssrsim.exercise.menu import load_exercise, phases

    exercise, cfg = load_exercise("burundi")
    lanes = [t.get_text() for t in timeline_figure(cfg, phases(exercise, cfg)).axes[0].get_yticklabels()]
    assert "Donor: World Bank MDRP" in lanes and "Armed holdout: Palipehutu-FNL" in lanes
    assert not any("_" in lane for lane in lanes), lanes
    cfg.context.donors[0].label = ""  # no label: the code name, as before
    lanes = [t.get_text() for t in timeline_figure(cfg, phases(exercise, cfg)).axes[0].get_yticklabels()]
    assert f"Donor: {cfg.context.donors[0].name}" in lanes


def test_the_timeline_marks_the_regular_elections_as_well_as_the_listed_ones():
    """A case with an election cycle holds elections no event lists; the brief must show them."""
    from ssrsim.exercise.brief_figures import timeline_figure
    from ssrsim.exercise.menu import load_exercise, phases

    exercise, cfg = load_exercise("burundi")

    def marked(cfg):
        ax = timeline_figure(cfg, phases(exercise, cfg)).axes[0]
        return sorted(t.get_text() for t in ax.texts if t.get_position()[1] == ax_lane(ax) + 0.35)

    def ax_lane(ax):
        return [t.get_text() for t in ax.get_yticklabels()].index("Elections")

    assert marked(cfg) == ["2005", "2010", "2015"]
    cfg.context.government.election_cycle_months, cfg.context.government.first_election_month = 60, 36
    assert marked(cfg) == ["2005", "2006", "2010", "2011", "2015"]  # listed, and every five years from month 36


def test_a_slide_names_the_choices_in_the_menus_words_and_repeats_no_unchanged_money():
    from types import SimpleNamespace

    from ssrsim.exercise.plenary_figures import _choice_lines

    money = {"ddr": 34.2, "capacity": 25.65, "governance": 8.55, "quick_wins": 3.6}
    record = {"exercise": "burundi", "phases": [
        {"label": "2004-12", "choices": {"ddr_pace": "fast", "fnl": "offer"}, "money": money},
        {"label": "2006-12", "choices": {"ddr_pace": "fast", "fnl": "offer"}, "money": {k: v * 1.001 for k, v in money.items()}},
        {"label": "2008-12", "choices": {"ddr_pace": "slow", "fnl": "offer"}, "money": money}]}
    text = "\n".join(_choice_lines(SimpleNamespace(record=record), width=200))
    assert "DDR pace: Fast: 2,000 a month" in text and "FNL: Put an offer to the FNL now" in text
    assert text.count("money") == 1, text  # the same split, to the percent, is not repeated
    assert "2008: DDR pace: Slow: 500 a month" in text
