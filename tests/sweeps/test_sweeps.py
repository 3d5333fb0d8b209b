"""Sweeps end to end: validated before they start, resumable, identical with 1 or 2 workers."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest
from helpers import AXIS, TINY, like_a_terminal, sigint_state, ssrsim, sweep
from ssrsim.run.files import write_text

from ssrsim.model import MODEL_VERSION, SSRModel
from ssrsim.config.compose import compose, compose_dictconfig, to_config
from ssrsim.config.errors import UserError
from ssrsim.run.runner import release
from ssrsim.sweeps.plan import DONE_FILE, plan
from ssrsim.sweeps.study import OUTCOMES, row_config


def test_sweep_writes_jobs_table_figures_and_progress(two_workers):
    folder, done = two_workers
    table = pd.read_parquet(folder / "sweep.parquet")
    assert list(table["job"]) == [0, 1, 2]
    assert list(table["levers.political_will"]) == [0.2, 0.5, 0.8]
    assert set(table["seed"]) == {12345} and set(table["replicates"]) == {2}
    for col in ("p_relapse_end", "p_relapse_end_lo", "p_relapse_end_hi", "mean_public_confidence",
                "final_confidence_police_median", "p_war_relapse_end"):
        assert table[col].between(0, 1).all(), col
    for name in ("sweep.csv", "sweep_confidence.parquet", "manifest.json", "sweep_relapse.png",
                 "sweep_confidence.png"):
        assert (folder / name).stat().st_size > 0, name
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["jobs_collected"] == 3 and manifest["missing_jobs"] == []
    assert manifest["versions"]["mesa"] and "git_commit" in manifest
    assert manifest["model_version"] == MODEL_VERSION
    confidence = pd.read_parquet(folder / "sweep_confidence.parquet")
    assert len(confidence) == 3 * 25 * 4 and {"job", "month", "variable", "q50"} <= set(confidence)
    assert "sweep: 3/3 jobs complete" in done.stderr and "job 2: replicate 2/2" in done.stderr


@pytest.mark.parametrize("axis, expected", [
    ("levers.politcal_will=0.2,0.4", ["sweep point 0", "levers.politcal_will"]),
    ("levers.political_will=range(0.5,0.5)", ["levers.political_will", "empty sweep range"]),
    ("levers.political_will=0.5,1.5", ["sweep point 1", "levers.political_will = 1.5", "0 – 1"]),
    ("experiment=atlantis", ["experiment/atlantis", "will_oversight"]),
])
def test_bad_sweep_is_refused_before_any_job(tmp_path, axis, expected):
    done = ssrsim("run", "-m", axis, *TINY, f"hydra.sweep.dir={tmp_path / 'sweep'}")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    for text in expected:
        assert text in done.stderr, done.stderr
    assert not (tmp_path / "sweep").exists()


def test_folder_is_named_by_the_sweep_not_the_clock():
    base = plan(["-m", AXIS, *TINY][1:])
    assert base.folder == plan([AXIS, *TINY]).folder
    assert str(base.folder).startswith("multirun/baseline/political_will-0.2_0.5_0.8")
    assert plan([AXIS, *TINY, "workers=2", "hydra.launcher.n_jobs=2"]).folder == base.folder
    assert plan(["levers.political_will=0.2,0.5", *TINY]).folder != base.folder
    assert base.swept == ["levers.political_will"] and len(base.jobs) == 3


@pytest.mark.parametrize("axes", [
    [AXIS, "levers.oversight_strength=0.2,0.6", "seed=1,2", "name=a,b", "params.spoilers.min_fighters=30"],
    ["scenario=baseline,burundi", "levers.political_will=0.3,0.6,0.9"],  # a config group: composed once per option
    ["scenario=baseline,burundi", "levers.political_will=0.3,0.6"],  # as many options as points: each composed in full
])
def test_every_point_is_the_config_hydra_composes(axes):
    """Points that differ only in values are set on the first point's composition (fast); they
    must equal what Hydra composes for each point on its own."""
    sweep_plan = plan([*axes, *TINY])
    assert len(sweep_plan.jobs) > 2
    assert sweep_plan.configs == [to_config(compose_dictconfig(job)) for job in sweep_plan.jobs]


def test_points_choosing_a_scenario_are_composed_once_per_scenario(monkeypatch):
    """Two scenarios x five values: each scenario composed in full for its first point and, as the
    check, its last; the other six points are set on those compositions."""
    from ssrsim.sweeps import plan as planning

    composed = []
    full = planning._Points._compose
    monkeypatch.setattr(planning._Points, "_compose", lambda self, job: composed.append(job) or full(self, job))
    sweep_plan = plan(["scenario=baseline,burundi", "levers.political_will=0.1,0.3,0.5,0.7,0.9", *TINY])
    assert len(sweep_plan.jobs) == 10 and len(composed) == 4
    assert [c.levers.political_will for c in sweep_plan.configs] == [0.1, 0.3, 0.5, 0.7, 0.9] * 2


def test_every_design_point_is_the_config_hydra_composes(tmp_path):
    """A study's design points (config files at the global package, ``+design=...``) are merged
    on the first point's composition, and the command line's values set after them, as Hydra does."""
    for i, (will, months) in enumerate([(0.2, 12), (0.4, 24), (0.6, 36), (0.8, 48)]):
        (tmp_path / "design").mkdir(exist_ok=True)
        (tmp_path / "design" / f"point_{i:04d}.yaml").write_text(
            f"# @package _global_\nlevers:\n  political_will: {will}\n  ddr:\n    reintegration_months: {months}\n")
    search = f"hydra.searchpath=[file://{tmp_path}]"
    sweep_plan = plan(["+design=point_0000,point_0001,point_0002,point_0003", search, *TINY,
                       "levers.oversight_strength=0.7"])
    expected = [to_config(compose_dictconfig([search, *job])) for job in sweep_plan.jobs]
    assert sweep_plan.configs == expected
    assert [c.levers.political_will for c in expected] == [0.2, 0.4, 0.6, 0.8]


def test_a_bad_value_on_the_last_point_is_named():
    done = plan_error([AXIS.replace("0.8", "1.8"), "levers.oversight_strength=0.2,0.6", *TINY])
    assert "sweep point 4" in done and "levers.political_will = 1.8" in done


def plan_error(args):
    with pytest.raises(UserError) as e:
        plan(args)
    return str(e.value)


@pytest.mark.parametrize("name, points", [("will_oversight", 12), ("funding_cycles", 9),
                                          ("ddr_pacing", 12), ("peacekeeping_mandate", 5)])
def test_experiments_plan_and_validate(name, points):
    sweep_plan = plan([f"experiment={name}"])
    assert len(sweep_plan.jobs) == points and sweep_plan.configs[0].description.endswith("?")
    assert len(sweep_plan.swept) >= 1 and str(sweep_plan.folder).startswith("multirun/baseline/experiment-")


def test_a_folder_with_another_sweeps_results_is_refused(two_workers):
    folder, _ = two_workers
    done = ssrsim("run", "-m", AXIS, "months=36", "replicates=2", "context.citizens=1000",
                  f"hydra.sweep.dir={folder}")
    assert done.returncode == 2 and "different configuration" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_sweep_folder_is_checked_before_its_jobs(tmp_path):
    """A user's file stops a new sweep unless overwrite=true; a sweep's own folder (its plan
    written by ssrsim) is resumed whatever else is there; a job file that changed is damage the
    job repairs; a collected table the user edited is never written over."""
    from ssrsim.config.errors import UserError
    from ssrsim.run.files import write_text
    from ssrsim.sweeps.plan import PLAN_FILE, check_sweep_folder

    (tmp_path / "notes.txt").write_text("the user's")
    with pytest.raises(UserError, match=r"not ssrsim's: notes.txt.*overwrite=true \(every job then runs again\)"):
        check_sweep_folder(tmp_path, overwrite=False)
    check_sweep_folder(tmp_path, overwrite=True)
    write_text(tmp_path / PLAN_FILE, "{}")
    (tmp_path / "0").mkdir()
    write_text(tmp_path / "0" / "summary.parquet", "a job's table")
    (tmp_path / "0" / "summary.parquet").write_text("damaged")
    check_sweep_folder(tmp_path, overwrite=False)  # resumed: the job runs again
    write_text(tmp_path / "sweep.csv", "job\n0\n")
    (tmp_path / "sweep.csv").write_text("job,my column\n0,1\n")
    with pytest.raises(UserError, match=r"sweep.csv \(changed since ssrsim wrote it\)"):
        check_sweep_folder(tmp_path, overwrite=True)
    assert (tmp_path / "notes.txt").read_text() == "the user's"


@pytest.mark.slow
def test_readme_sweep_of_the_baseline(tmp_path):
    """The README's documented sweep: 4 points × 20 replicates of the full baseline."""
    done = ssrsim("run", "-m", "levers.political_will=0.2,0.4,0.6,0.8", "replicates=20",
                  "hydra.launcher.n_jobs=2", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (folder,) = (tmp_path / "multirun" / "baseline").iterdir()
    table = pd.read_parquet(folder / "sweep.parquet")
    assert len(table) == 4 and set(table["replicates"]) == {20}
    assert table["p_relapse_10y"].notna().all()
    assert (folder / "sweep_relapse.png").exists() and "sweep: 4/4 jobs complete" in done.stderr


def test_sensitivity_runs_a_design_in_blocks_of_rows(tmp_path):
    """Six design rows in blocks of four: two jobs, each one table of its runs (no run folders), and
    run k = row x replicates + r is replicate k of the row's configuration: SeedSequence([seed, k])."""
    folder = tmp_path / "morris"
    done = ssrsim("sensitivity", "--method", "morris", "--n", "2", "--range", "levers.political_will=0.1:0.9",
                  "--range", "levers.ddr.reintegration_months=6:48", "--block", "4", *TINY,
                  "hydra.launcher.n_jobs=1", f"hydra.sweep.dir={folder}")
    assert done.returncode == 0, done.stderr
    result = pd.read_parquet(folder / "sensitivity.parquet")
    assert set(result["output"]) == set(OUTCOMES)
    assert set(result["parameter"]) == {"levers.political_will", "levers.ddr.reintegration_months"}
    assert all((folder / f"sensitivity_{output}.png").exists() for output in OUTCOMES)
    assert sorted(p.name for p in (folder / "design").glob("*.yaml")) == ["block_0000.yaml", "block_0001.yaml"]
    assert sorted(p.name for p in (folder / "1").glob("*") if not p.name.startswith(".")) == ["block.parquet", "job.json"]
    runs = pd.read_parquet(folder / "study.parquet")
    assert list(runs["row"]) == [row for row in range(6) for _ in range(2)] and list(runs["replicate"]) == list(range(12))
    assert runs["levers.political_will"].nunique() > 1  # the design's values reached the runs
    values = pd.read_parquet(folder / "design.parquet").iloc[5].to_dict()
    model = SSRModel(row_config(compose("baseline", TINY), values), 11).run()
    expected = model.summary()
    release(model)
    for column in ("mean_public_confidence", "total_battle_deaths", "total_remobilized", "levers.political_will"):
        assert runs.iloc[11][column] == expected.get(column, values.get(column)), column
    rows = pd.read_parquet(folder / "study_rows.parquet")
    assert list(rows["row"]) == list(range(6)) and (rows["runs"] == 2).all()
    assert rows.loc[5, "mean_public_confidence"] == runs.iloc[10:12]["mean_public_confidence"].mean()
    plot = ssrsim("plot", str(folder))  # a study's figures come from the sensitivity command
    assert plot.returncode == 2 and "is a sensitivity study" in plot.stderr and "Traceback" not in plot.stderr


def test_a_study_on_common_random_numbers(tmp_path):
    """--seeds common: run r of every design row draws SeedSequence([seed, r]), so the rows of a
    Morris trajectory differ only in their values."""
    folder = tmp_path / "crn"
    done = ssrsim("sensitivity", "--method", "morris", "--n", "1", "--range", "levers.political_will=0.1:0.9",
                  "--seeds", "common", *TINY, f"hydra.sweep.dir={folder}")
    assert done.returncode == 0, done.stderr
    runs = pd.read_parquet(folder / "study.parquet")
    assert list(runs["row"]) == [0, 0, 1, 1] and list(runs["replicate"]) == [0, 1, 0, 1]
    values = pd.read_parquet(folder / "design.parquet").iloc[1].to_dict()
    model = SSRModel(row_config(compose("baseline", TINY), values), 1).run()
    assert runs.iloc[3]["total_battle_deaths"] == model.summary()["total_battle_deaths"]
    assert runs.iloc[3]["mean_public_confidence"] == model.summary()["mean_public_confidence"]
    release(model)
    again = ssrsim("sensitivity", "--method", "morris", "--n", "1", "--range", "levers.political_will=0.1:0.9",
                   *TINY, f"hydra.sweep.dir={folder}")  # the same design, seeded by rows: another study
    assert again.returncode == 2 and "seeds common" in again.stderr, again.stderr


def test_a_morris_study_on_one_stream_per_trajectory(tmp_path):
    """--seeds trajectories: the k + 1 rows of Morris trajectory t all draw SeedSequence([seed, t]),
    so each elementary effect is a paired difference; each run also counts its battle deaths of
    months 0-120 (``battle_deaths_10y``), which the validation's Morris screening ranks."""
    folder = tmp_path / "traj"
    done = ssrsim("sensitivity", "--method", "morris", "--n", "2", "--range", "levers.political_will=0.1:0.9",
                  "--seeds", "trajectories", "months=150", "replicates=1", "context.citizens=1000",
                  f"hydra.sweep.dir={folder}")
    assert done.returncode == 0, done.stderr
    runs = pd.read_parquet(folder / "study.parquet")
    assert list(runs["row"]) == [0, 1, 2, 3] and list(runs["replicate"]) == [0, 0, 1, 1]
    values = pd.read_parquet(folder / "design.parquet").iloc[3].to_dict()
    model = SSRModel(row_config(compose("baseline", ["months=150", "context.citizens=1000"]), values), 1)
    model.run()
    deaths = model.tables()["timeseries"]
    assert runs.iloc[3]["total_battle_deaths"] == model.summary()["total_battle_deaths"]
    assert runs.iloc[3]["battle_deaths_10y"] == deaths[deaths["month"] <= 120]["battle_deaths"].sum()
    release(model)
    sobol = ssrsim("sensitivity", "--method", "sobol", "--n", "4", "--range", "levers.political_will=0.1:0.9",
                   "--seeds", "trajectories", "months=24")
    assert sobol.returncode == 2 and "only a Morris design has trajectories" in sobol.stderr


def test_sensitivity_mistakes_leave_nothing(tmp_path):
    done = ssrsim("sensitivity", "--range", "levers.political_will=0.1:1.9", *TINY,
                  f"hydra.sweep.dir={tmp_path / 's'}")
    assert done.returncode == 2 and "levers.political_will" in done.stderr and "0 – 1" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "s").exists()
    empty = ssrsim("sensitivity", "--range", "levers.political_will=0.5:0.5")
    assert empty.returncode == 2 and "empty range" in empty.stderr
    few = ssrsim("sensitivity", "--method", "lhs", "--n", "20", "--range", "levers.political_will=0.1:0.9")
    assert few.returncode == 2 and "more than 20 points" in few.stderr and "Traceback" not in few.stderr


def study(folder) -> list[str]:
    """A small sensitivity study (one Morris trajectory over two ranges: 3 design rows, 3 blocks)
    into ``folder``, as a command line."""
    return [sys.executable, "-m", "ssrsim.cli", "sensitivity", "--method", "morris", "--n", "1",
            "--range", "levers.political_will=0.1:0.9", "--range", "levers.oversight_strength=0.1:0.9",
            *TINY, "hydra.launcher.n_jobs=1",
            f"hydra.sweep.dir={folder}"]


@pytest.fixture(scope="module")
def uninterrupted_study(tmp_path_factory):
    folder = tmp_path_factory.mktemp("study") / "s"
    done = ssrsim(*study(folder)[3:])
    assert done.returncode == 0, done.stderr
    return pd.read_parquet(folder / "study.parquet")


@pytest.mark.parametrize("signum", [signal.SIGINT, pytest.param(signal.SIGKILL, marks=pytest.mark.slow(
    reason="a killed sweep's resumption is in the default suite (test_sweep_killed_for_real_resumes); "
           "about 35 s, and the default suite stays under 10 minutes"))])
def test_sensitivity_interrupted_keeps_its_finished_jobs_and_resumes(tmp_path, signum, uninterrupted_study):
    """Ctrl-C (or SIGKILL) during a first study, once a job has finished: the folder and its
    finished jobs are kept, and the same command completes the study, skipping them, with the
    uninterrupted study's table."""
    folder = tmp_path / "s"
    command = study(folder)
    returncode, stderr = signal_after_first_job(command, folder, signum)
    assert returncode != 0 and "Traceback" not in stderr, (stderr, sigint_state())
    if signum == signal.SIGINT:
        assert re.search(r"sweep interrupted; \d+ finished jobs? kept in ", stderr), stderr
    assert (folder / "0" / DONE_FILE).exists() and not (folder / "sensitivity.parquet").exists()
    again = ssrsim(*command[3:])
    assert again.returncode == 0, again.stderr
    assert "job 0: complete, skipped" in again.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "study.parquet"), uninterrupted_study)


def test_a_study_is_the_same_on_two_workers_and_its_folder_holds_one_design(tmp_path, uninterrupted_study):
    folder = tmp_path / "s"
    two = ssrsim(*study(folder)[3:-2], "hydra.launcher.n_jobs=2", f"hydra.sweep.dir={folder}")
    assert two.returncode == 0, two.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "study.parquet"), uninterrupted_study)
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
    other = ssrsim(*study(folder)[3:], "--seed", "2")
    assert other.returncode == 2 and "holds a study of another design" in other.stderr, other.stderr
    assert "Traceback" not in other.stderr and {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before
    shorter = ssrsim(*("months=12" if a == "months=24" else a for a in study(folder)[3:]))
    assert shorter.returncode == 2 and "on another configuration" in shorter.stderr, shorter.stderr
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before


def test_a_study_refuses_a_sweep_folder(two_workers, tmp_path):
    """A plain sweep's jobs (or an earlier ssrsim's study points) would pass for finished blocks."""
    reference, _ = two_workers
    folder = tmp_path / "sweep"
    shutil.copytree(reference, folder)
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
    done = ssrsim(*study(folder)[3:])
    assert done.returncode == 2 and "holds a sweep that is not a study in blocks" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before


def test_collect_a_partial_sweep_without_its_plan(two_workers, tmp_path):
    """Jobs 0 and 2 only, no sweep.json: the swept key comes from the jobs' markers. Collecting an
    unfinished sweep is refused, naming the missing job and writing nothing, unless --partial."""
    reference, _ = two_workers
    for job in ("0", "2"):
        shutil.copytree(reference / job, tmp_path / job)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    refused = ssrsim("collect", str(tmp_path))
    assert refused.returncode == 2 and "1 of 3 jobs have not finished or are damaged (jobs 1)" in refused.stderr, refused.stderr
    assert "--partial" in refused.stderr and "Traceback" not in refused.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    done = ssrsim("collect", "--partial", str(tmp_path))
    assert done.returncode == 0, done.stderr
    table = pd.read_parquet(tmp_path / "sweep.parquet")
    expected = pd.read_parquet(reference / "sweep.parquet").iloc[[0, 2]].reset_index(drop=True)
    pd.testing.assert_frame_equal(table, expected)
    assert json.loads((tmp_path / "manifest.json").read_text())["missing_jobs"] == [1]
    assert ssrsim("plot", str(tmp_path)).returncode == 0 and (tmp_path / "sweep_relapse.png").exists()


def test_collect_refuses_a_folder_without_jobs(tmp_path):
    done = ssrsim("collect", str(tmp_path))
    assert done.returncode == 2 and "no finished sweep job" in done.stderr and "Traceback" not in done.stderr


def test_sweep_killed_for_real_resumes(two_workers, tmp_path):
    """SIGKILL the sweep once its first job is written: the rerun skips that job, redoes the
    half-written one, runs the missing one, and ends with the uninterrupted sweep's table.

    Every job here runs with one worker and the reference with two, so this is also the
    1-vs-2-workers identity."""
    reference, _ = two_workers
    command = [sys.executable, "-m", "ssrsim.cli", "run", "-m", AXIS, *TINY, "hydra.launcher.n_jobs=1",
               f"hydra.sweep.dir={tmp_path}"]
    signal_after_first_job(command, tmp_path, signal.SIGKILL)
    assert not (tmp_path / "sweep.parquet").exists()  # killed before the end
    (tmp_path / "1").mkdir(exist_ok=True)  # as if job 1's tables were damaged before its marker:
    write_text(tmp_path / "1" / "summary.parquet", "a table")  # written by ssrsim (in the record),
    (tmp_path / "1" / "summary.parquet").write_bytes(b"half a file")  # then changed; no marker
    (tmp_path / "1" / DONE_FILE).unlink(missing_ok=True)
    again = sweep(tmp_path, "hydra.launcher.n_jobs=1")
    assert "job 0: complete, skipped" in again.stderr and "job 0: replicate" not in again.stderr
    assert "job 1: replicate 2/2" in again.stderr and "job 2: replicate 2/2" in again.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "sweep.parquet"),
                                  pd.read_parquet(reference / "sweep.parquet"))


def test_ctrl_c_during_a_sweep_keeps_its_finished_jobs_and_resumes(two_workers, tmp_path):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it, so the two joblib
    workers get it too) once the first job is written: exit 130 with a message and no traceback,
    the finished job kept; the rerun skips it and ends with the uninterrupted sweep's table."""
    reference, _ = two_workers
    command = [sys.executable, "-m", "ssrsim.cli", "run", "-m", AXIS, *TINY, "hydra.launcher.n_jobs=2",
               f"hydra.sweep.dir={tmp_path}"]
    returncode, err = signal_after_first_job(command, tmp_path, signal.SIGINT)
    if returncode == 0:
        pytest.skip("the sweep finished before the interrupt reached it")
    assert returncode == 130 and "Traceback" not in err, err
    assert "sweep interrupted;" in err and "run the same command again" in err
    assert not (tmp_path / "sweep.parquet").exists()
    assert (tmp_path / "0" / DONE_FILE).exists()
    again = sweep(tmp_path, "hydra.launcher.n_jobs=2")
    assert "job 0: complete, skipped" in again.stderr
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "sweep.parquet"),
                                  pd.read_parquet(reference / "sweep.parquet"))


def test_the_sweeps_workers_leave_ctrl_c_to_the_sweep(two_workers, tmp_path):
    """SIGINT to the joblib workers alone, once each has finished a job (jobs 0 and 1 written): they
    ignore it (the sweep handles Ctrl-C, and a worker taking it between jobs printed a traceback),
    so the sweep ends as an uninterrupted one does. A worker still starting, before its first job,
    does not ignore it yet: the sweep is then interrupted, cleanly, which is what Ctrl-C asks."""
    reference, _ = two_workers
    command = [sys.executable, "-m", "ssrsim.cli", "run", "-m", AXIS, *TINY, "hydra.launcher.n_jobs=2",
               f"hydra.sweep.dir={tmp_path}"]
    running = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=like_a_terminal)
    deadline = time.monotonic() + 120
    while (not all((tmp_path / job / DONE_FILE).exists() for job in ("0", "1")) and running.poll() is None
           and time.monotonic() < deadline):
        time.sleep(0.01)
    workers = subprocess.run(["pgrep", "-P", str(running.pid)], capture_output=True, text=True).stdout.split()
    for pid in workers:
        os.kill(int(pid), signal.SIGINT)
    _, stderr = running.communicate(timeout=120)
    if not workers:
        pytest.skip("the sweep finished before its workers could be signalled")
    assert running.returncode == 0 and "Traceback" not in stderr, stderr
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "sweep.parquet"),
                                  pd.read_parquet(reference / "sweep.parquet"))


def test_experiment_runs_from_its_documented_command(tmp_path):
    """As the experiment's README says, with an axis narrowed on the command line (it wins)."""
    done = ssrsim("run", "-m", "experiment=peacekeeping_mandate", "context.peacekeeping.mandate_months=24,96",
                  "replicates=1", "months=12", "context.citizens=500", "hydra.launcher.n_jobs=1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (folder,) = (tmp_path / "multirun" / "baseline").iterdir()
    table = pd.read_parquet(folder / "sweep.parquet")
    assert list(table["context.peacekeeping.mandate_months"]) == [24, 96]
    assert json.loads((folder / "sweep.json").read_text())["description"].startswith("Does relapse risk")


def test_a_sweep_refuses_a_folder_with_results_that_are_not_its_own(tmp_path):
    """A user's sweep.csv and manifest.json (in no record of ssrsim's) are not replaced by a new
    sweep, even with overwrite=true; a run folder's manifest (its seeds) is not replaced unless
    overwrite=true. Nothing is written."""
    users = tmp_path / "users"
    users.mkdir()
    (users / "sweep.csv").write_text("my,table\n")
    (users / "manifest.json").write_text('{"mine": true}')
    before = {p.name: p.read_bytes() for p in users.iterdir()}
    for overwrite in ([], ["overwrite=true"]):
        done = ssrsim("run", "-m", AXIS, *TINY, f"hydra.sweep.dir={users}", *overwrite)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert "sweep.csv" in done.stderr and "not its own" in done.stderr, done.stderr
        assert {p.name: p.read_bytes() for p in users.iterdir()} == before
    run = tmp_path / "run"
    assert ssrsim("run", "replicates=1", "months=6", "context.citizens=500", f"hydra.run.dir={run}").returncode == 0
    manifest = (run / "manifest.json").read_bytes()
    done = ssrsim("run", "-m", AXIS, *TINY, f"hydra.sweep.dir={run}")
    assert done.returncode == 2 and "already holds results" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert (run / "manifest.json").read_bytes() == manifest and not (run / "sweep.json").exists()


def signal_after_first_job(command: list[str], folder, signum) -> tuple[int, str]:
    """Start ``command`` in a session of its own, send ``signum`` to its whole process group (as a
    terminal's Ctrl-C does) once job 0's marker is written; return its exit status and stderr."""
    running = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=like_a_terminal)
    deadline = time.monotonic() + 120
    while not (folder / "0" / DONE_FILE).exists() and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(running.pid, signum)
    _, stderr = running.communicate(timeout=120)
    return running.returncode, stderr


def test_the_python_sweep_returns_the_table_and_passes_progress_on(tmp_path, capsys):
    import ssrsim

    table = ssrsim.sweep(["levers.political_will=0.2,0.8", "months=6", "replicates=1", "context.citizens=300"],
                         folder=tmp_path / "s")
    assert table["levers.political_will"].tolist() == [0.2, 0.8]
    err = capsys.readouterr().err
    assert "sweep: 2/2 jobs complete" in err and "replicate 1/1" in err, err
