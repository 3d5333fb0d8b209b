"""``ssrsim sensitivity --study validation``: its mistakes refused, each piece resumable, its records complete."""

import json

import pandas as pd
import pytest
from helpers import finished_morris, ssrsim

from ssrsim.validation.robustness import validation_seed
from ssrsim.validation.sensitivity import latest_summary

STUDY = ("sensitivity", "--study", "validation", "--workers", "1")
SMALL = ("months=12", "context.citizens=300")


@pytest.mark.parametrize("args, message", [
    (("--workers", "0"), "--workers 0: at least 1"),
    (("--sobol-n", "6"), "--sobol-n 6: a Sobol design needs a power of 2"),
    (("replicates=5",), "replicates: set by the study"),
    (("scenario=burundi",), "scenario: set by the study (the study is of the baseline scenario"),
    (("hydra.launcher.n_jobs=2",), "hydra settings are not taken here"),
    (("--piece", "sobol"), "--piece morris --out"),  # no Morris piece yet
    (("--piece", "morris", "months=-3"), "months"),
])
def test_mistakes_are_named_and_nothing_is_written(tmp_path, args, message):
    done = ssrsim(*STUDY, "--out", str(tmp_path / "v"), *args)
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not any((tmp_path / "v").rglob("*.*"))


def test_a_file_of_the_users_where_a_piece_writes_its_results_is_refused_before_it_runs(tmp_path):
    finished_morris(tmp_path, SMALL)
    (tmp_path / "sobol").mkdir()
    (tmp_path / "sobol" / "summary.md").write_text("my notes")
    done = ssrsim(*STUDY, "--piece", "sobol", "--sobol-n", "4", "--out", str(tmp_path), *SMALL, "overwrite=true")
    assert done.returncode == 2 and "would write over files that are not its own: summary.md" in done.stderr
    assert [p.name for p in (tmp_path / "sobol").iterdir()] == ["summary.md"]


def test_the_sobol_piece_takes_the_morris_ranking_and_resumes(tmp_path):
    finished_morris(tmp_path, SMALL)
    command = (*STUDY, "--piece", "sobol", "--sobol-n", "4", "--top", "2", "--out", str(tmp_path), *SMALL)
    done = ssrsim(*command)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "sobol"
    assert "sobol: 2 parameters, base sample 4: 18 runs of 12 months (16 for the indices, 2 to measure chance)" \
        in done.stderr
    indices = pd.read_csv(folder / "sobol.csv")
    assert set(indices["parameter"]) == {"params.fighters.grievance_rate", "params.spoilers.min_fighters"}
    assert {"S1_adj", "ST_adj_conf", "noise_share", "flagged"} <= set(indices.columns)
    runs = pd.read_parquet(folder / "study.parquet")
    assert len(runs) == 18 and list(runs["replicate"]) == list(range(18))  # row i on stream i
    values = runs[["params.fighters.grievance_rate", "params.spoilers.min_fighters"]]
    assert (values.iloc[16:].to_numpy() == values.iloc[[0, 4]].to_numpy()).all()  # noise rows: A rows again
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["config"]["months"] == 12 and manifest["seed"] == validation_seed() and manifest["noise_rows"] == 2
    assert manifest["versions"]["SALib"] and manifest["git_commits"] and manifest["wall_seconds"] > 0
    assert (folder / "sobol_relapse_10y.png").exists() and "### Sobol indices" in (folder / "summary.md").read_text()
    again = ssrsim(*command)
    assert again.returncode == 0 and "9 already complete will be skipped" in again.stderr, again.stderr
    assert len(json.loads((folder / "sessions.json").read_text())["sessions"]) == 2
    assert "### Sobol indices" in latest_summary(tmp_path)


def test_the_robustness_piece_runs_every_fact_at_each_point(tmp_path):
    finished_morris(tmp_path, ("months=6", "context.citizens=200"))
    command = (*STUDY, "--piece", "robustness", "--points", "1", "--fact-replicates", "2", "--top", "2", "--out", str(tmp_path),
               "months=6", "context.citizens=200")
    done = ssrsim(*command)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "robustness"
    facts = pd.read_csv(folder / "facts.csv")
    assert list(facts.columns) == ["fact", "check", "statistic", "kind", "minimum", "points", "passed", "positive",
                                   "median_effect"] and (facts["points"] == 1).all()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["config"]["replicates"] == 2 and "SeedSequence([seed, r])" in manifest["seeds"]
    assert manifest["parameters"] == ["params.fighters.grievance_rate", "params.spoilers.min_fighters"]
    again = ssrsim(*command)
    assert again.returncode == 0 and "1 already complete will be skipped" in again.stderr, again.stderr


@pytest.mark.slow(reason="about a minute: 702 runs, every parameter over two trajectories")
def test_the_morris_piece_screens_every_parameter(tmp_path):
    command = (*STUDY, "--piece", "morris", "--trajectories", "2", "--out", str(tmp_path), "months=6",
               "context.citizens=200")
    done = ssrsim(*command)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "morris"
    parameters = pd.read_csv(folder / "parameters.csv")
    runs = pd.read_parquet(folder / "study.parquet")
    assert len(runs) == 2 * (len(parameters) + 1) and set(runs["replicate"]) == {0, 1}  # a stream per trajectory
    indices = pd.read_csv(folder / "morris.csv")
    assert len(indices) == 5 * len(parameters) and indices["mu_star_conf"].notna().all()
    ranking = pd.read_csv(folder / "ranking.csv")
    assert ranking["parameter"].is_unique and len(ranking) == len(parameters)
    assert "a trial, not the study's result" in (folder / "summary.md").read_text()
    again = ssrsim(*command)
    assert again.returncode == 0 and "already complete" in again.stderr
