"""The command line end to end: a run folder appears; user mistakes give short messages."""

import hashlib
from pathlib import Path

import pandas as pd
import pytest
from helpers import like_a_terminal, sigint_state, ssrsim

from ssrsim import __version__
from ssrsim.model import MODEL_VERSION, STATUSES

SMALL = ["months=24", "replicates=2", "context.citizens=2000"]



def digest(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run") / "baseline"
    done = ssrsim("run", *SMALL, f"hydra.run.dir={folder}")
    assert done.returncode == 0, done.stderr
    return folder, done


def test_run_writes_the_run_folder(finished):
    folder, done = finished
    for name in ("timeseries.parquet", "summary.parquet", "provinces.parquet", "funding.parquet",
                 "events.parquet", "config.yaml", "manifest.json", "relapse_risk.png",
                 "public_confidence.png", "fighters_by_status.png", "overview.png"):
        assert (folder / name).stat().st_size > 0, name
    ts = pd.read_parquet(folder / "timeseries.parquet")
    assert len(ts) == 2 * 25 and ts["month"].min() == 0
    for col in ["replicate", "month", "public_confidence", "confidence_army", "confidence_police",
                "confidence_gendarmerie", "battle_deaths", "abuses", "political_will", "spoiler_fighters",
                "effectiveness_index", "accountability_index", "peacekeepers",
                *(f"excombatants_{s}" for s in STATUSES)]:
        assert col in ts, col
    summary = pd.read_parquet(folder / "summary.parquet")
    for col in ["replicate", "seed", "relapsed", "relapse_month", "war_relapse_month",
                "final_public_confidence", "mean_public_confidence", "total_demobilized",
                "total_reintegrated", "total_remobilized", "benchmark_long_public_confidence_restored_month"]:
        assert col in summary, col
    assert "P(relapse by" in done.stdout and str(folder) in done.stdout
    assert "replicate 2/2" in done.stderr


def test_a_run_without_figures_draws_them_later_with_plot(finished, tmp_path):
    """figures=false writes the tables only; ``ssrsim plot RUN_DIR`` then draws the figures the run
    would have drawn, bit for bit, and refuses to replace a figure changed since."""
    reference, _ = finished
    folder = tmp_path / "tables_only"
    done = ssrsim("run", *SMALL, "figures=false", f"hydra.run.dir={folder}")
    assert done.returncode == 0 and "P(relapse by" in done.stdout, done.stderr
    assert not list(folder.glob("*.png"))
    tables = ("summary.parquet", "timeseries.parquet")
    assert {n: digest(folder)[n] for n in tables} == {n: digest(reference)[n] for n in tables}  # same numbers
    drawn = ssrsim("plot", str(folder))
    assert drawn.returncode == 0, drawn.stderr
    figures = ("relapse_risk.png", "public_confidence.png", "fighters_by_status.png", "overview.png")
    assert {n: digest(folder)[n] for n in figures} == {n: digest(reference)[n] for n in figures}
    (folder / "overview.png").write_bytes(b"a trainer's edit")
    refused = ssrsim("plot", str(folder))
    assert refused.returncode == 2 and "overview.png (changed since ssrsim wrote it)" in refused.stderr
    assert (folder / "overview.png").read_bytes() == b"a trainer's edit" and "Traceback" not in refused.stderr


def test_hydras_own_flags_reach_hydra(tmp_path):
    """``--cfg job`` prints the composed config, as Hydra does, and runs nothing."""
    done = ssrsim("run", "--cfg", "job", "levers.political_will=0.3", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "name: baseline" in done.stdout and "political_will: 0.3" in done.stdout
    assert not list(tmp_path.iterdir())


def test_run_folder_loads_back(finished):
    from ssrsim import load_run

    folder, _ = finished
    results = load_run(folder)
    assert results.config.months == 24 and results.config.context.citizens == 2000
    assert results.manifest["versions"]["ssrsim"] == __version__
    assert results.manifest["model_version"] == MODEL_VERSION
    assert [s["seed_sequence_entropy"] for s in results.manifest["seeds"]] == [[12345, 0], [12345, 1]]
    assert len(results.summary) == 2


def test_refuses_a_folder_with_results_unless_overwrite(finished):
    folder, _ = finished
    before = digest(folder)
    again = ssrsim("run", *SMALL, f"hydra.run.dir={folder}")
    assert again.returncode != 0
    assert "already holds results" in again.stderr and "overwrite=true" in again.stderr
    assert "Traceback" not in again.stderr + again.stdout
    assert digest(folder) == before


def test_a_users_file_in_the_run_folder_is_refused_and_kept_with_overwrite(finished, tmp_path):
    import json
    import shutil

    from ssrsim.run.files import RECORD
    from ssrsim.run.results import RUN_FILES

    folder = tmp_path / "run"
    shutil.copytree(finished[0], folder)
    (folder / "notes.txt").write_text("what I saw\n")
    before = digest(folder)
    refused = ssrsim("run", *SMALL, f"hydra.run.dir={folder}")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "not ssrsim's: notes.txt" in refused.stderr and "overwrite=true" in refused.stderr
    assert digest(folder) == before
    done = ssrsim("run", "months=6", "replicates=1", "context.citizens=500", f"hydra.run.dir={folder}",
                  "overwrite=true")
    assert done.returncode == 0, done.stderr
    assert (folder / "notes.txt").read_text() == "what I saw\n"
    record = json.loads((folder / RECORD).read_text())["files"]
    assert set(record) == set(RUN_FILES) and record["summary.parquet"]["command"].startswith("ssrsim run months=6")
    assert digest(folder)["summary.parquet"] == record["summary.parquet"]["sha256"] != before["summary.parquet"]


@pytest.mark.parametrize("override, expected", [
    (["levers.political_will=1.5"], ["levers.political_will", "0 – 1"]),
    (["replicates=0"], ["replicates", "1 – 100000"]),
    (["scenario=atlantis"], ["scenario/atlantis", "baseline"]),
    (["levers.politcal_will=0.3"], ["levers.politcal_will"]),
    (["+levers.politcal_will=0.3"], ["levers.politcal_will", "unknown key", "political_will"]),
    (["levers.funding.cycle_months=abc"], ["levers.funding.cycle_months", "integer"]),
])
def test_user_mistakes_give_a_short_message(finished, override, expected):
    folder, _ = finished
    before = digest(folder)
    done = ssrsim("run", *override, f"hydra.run.dir={folder}")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    for text in expected:
        assert text in done.stderr, done.stderr
    assert len(done.stderr.splitlines()) < 15
    assert digest(folder) == before


def test_run_and_sweep_folders_are_checked_before_hydra_makes_them(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("the user's")
    for args in (["run", f"hydra.run.dir={blocker}/run"], ["run", "-m", "levers.political_will=0.2,0.8",
                                                           f"hydra.sweep.dir={blocker}/sweep"]):
        done = ssrsim(*args, "months=2", "replicates=1")
        assert done.returncode == 2 and "is a file, not a folder" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and "HYDRA_FULL_ERROR" not in done.stderr
    assert blocker.read_text() == "the user's"


def test_malformed_scenario_file(tmp_path):
    (tmp_path / "scenario").mkdir()
    (tmp_path / "scenario" / "broken.yaml").write_text("# @package _global_\nlevers: {political_will: [0.3\n")
    out = tmp_path / "out"
    done = ssrsim("run", f"hydra.searchpath=[file://{tmp_path}]", "scenario=broken", f"hydra.run.dir={out}")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "broken.yaml" in done.stderr
    assert not out.exists() or not any(out.iterdir())


def test_user_scenario_from_a_search_path(tmp_path):
    (tmp_path / "scenario").mkdir()
    (tmp_path / "scenario" / "mine.yaml").write_text(
        "# @package _global_\nname: mine\nlevers:\n  political_will: 0.8\n")
    out = tmp_path / "out"
    done = ssrsim("run", f"hydra.searchpath=[file://{tmp_path}]", "scenario=mine", *SMALL,
                  "replicates=1", f"hydra.run.dir={out}")
    assert done.returncode == 0, done.stderr
    assert "political_will: 0.8" in (out / "config.yaml").read_text()


def test_version_and_help():
    out = ssrsim("--version").stdout
    assert __version__ in out and f"model version {MODEL_VERSION}" in out
    assert "run" in ssrsim("--help").stdout
    bad = ssrsim("frobnicate")
    assert bad.returncode == 2 and "unknown command" in bad.stderr


def test_multirun_writes_one_run_folder_per_point(tmp_path):
    done = ssrsim("run", "-m", "levers.political_will=0.3,0.6", "months=12", "replicates=1",
                  "hydra.launcher.n_jobs=1",
                  "context.citizens=500", f"hydra.sweep.dir={tmp_path}")
    assert done.returncode == 0, done.stderr
    wills = [pd.read_parquet(tmp_path / str(job) / "timeseries.parquet")["political_will"].iloc[0]
             for job in (0, 1)]
    assert wills == [0.3, 0.6]


# ------------------------------------------------------------------ interruptions and the system's refusals
def test_a_full_disk_ends_with_a_message_naming_the_file(tmp_path):
    """The single writer raising ENOSPC (as a full disk does): exit 2, the file and the system's
    reason named, no traceback, no half-written file."""
    import subprocess
    import sys

    script = ("import errno, os, sys\n"
              "import ssrsim.run.files as files\n"
              "def full(folder, names):\n"
              "    name = next(iter(names))\n"
              "    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder / name))\n"
              "files._install = full\n"
              "from ssrsim.cli import main\n"
              "main(sys.argv[1:])\n")
    done = subprocess.run([sys.executable, "-c", script, "run", "replicates=1", "months=6", "context.citizens=500",
                           f"hydra.run.dir={tmp_path / 'r'}"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    # the first file a run writes: the fingerprint of the replicates it keeps as they finish
    assert "No space left on device" in done.stderr and "replicates/run.json" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not list((tmp_path / "r").rglob("*.parquet")) and not list((tmp_path / "r").rglob(".*.tmp"))


def test_killed_while_renaming_its_tables_the_run_loses_nothing(tmp_path):
    """SIGKILL just before ``groups.parquet`` is renamed into the run folder (its temporary file
    written, the other tables in place): no finished replicate is lost, the rerun is refused
    without ``overwrite=true`` and, with it, ends with an uninterrupted run's tables."""
    import signal
    import subprocess
    import sys

    script = ("import os, signal, sys\n"
              "real = os.replace\n"
              "def replace(source, target):\n"
              "    if os.path.basename(target) == 'groups.parquet':\n"
              "        os.kill(os.getpid(), signal.SIGKILL)\n"
              "    return real(source, target)\n"
              "os.replace = replace\n"
              "from ssrsim.cli import main\n"
              "main(sys.argv[1:])\n")
    folder = tmp_path / "r"
    command = ["run", "replicates=3", "months=12", "context.citizens=500", f"hydra.run.dir={folder}"]
    killed = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert (folder / "timeseries.parquet").exists() and not (folder / "groups.parquet").exists()
    assert len(list((folder / "replicates").rglob("*_summary.parquet"))) == 3  # every replicate kept
    refused = ssrsim(*command)
    assert refused.returncode == 2 and "overwrite=true" in refused.stderr and "Traceback" not in refused.stderr
    again = ssrsim(*command, "overwrite=true")
    assert again.returncode == 0 and "resuming: 3 already finished" in again.stderr, again.stderr
    whole = tmp_path / "whole"
    assert ssrsim(*command[:-1], f"hydra.run.dir={whole}").returncode == 0
    for table in ("timeseries", "summary", "events", "groups", "provinces", "funding"):
        pd.testing.assert_frame_equal(pd.read_parquet(folder / f"{table}.parquet"),
                                      pd.read_parquet(whole / f"{table}.parquet"))


def test_ctrl_c_during_a_run_keeps_its_finished_replicates_and_the_same_command_resumes(tmp_path):
    """Ctrl-C once two replicates have finished: a message, no traceback, the finished replicates
    kept in replicates/; the same command (same folder) runs only the missing ones and gives the
    uninterrupted run's numbers, then deletes what it kept."""
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "r"
    command = ["run", "replicates=5", "months=36", "context.citizens=1000", f"hydra.run.dir={folder}"]
    running = subprocess.Popen([sys.executable, "-m", "ssrsim.cli", *command], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=like_a_terminal)
    deadline = time.monotonic() + 120
    second = folder / "replicates" / "00000" / "00001_summary.parquet"
    while not second.exists() and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(running.pid, signal.SIGINT)
    _, stderr = running.communicate(timeout=60)
    # 130, or death by SIGINT (seen once, on a slow machine, after the message was printed; why is
    # not established): a shell shows both as status 130
    assert running.returncode in (130, -signal.SIGINT), (running.returncode, stderr, sigint_state())
    assert "Traceback" not in stderr and "replicates kept in" in stderr, stderr
    assert f"hydra.run.dir={folder}" in stderr and not (folder / "summary.parquet").exists()
    again = ssrsim(*command)
    assert again.returncode == 0 and "resuming: " in again.stderr, again.stderr
    assert not (folder / "replicates").exists()
    whole = tmp_path / "whole"
    assert ssrsim(*command[:-1], f"hydra.run.dir={whole}").returncode == 0
    for table in ("timeseries", "summary", "events", "groups"):
        pd.testing.assert_frame_equal(pd.read_parquet(folder / f"{table}.parquet"),
                                      pd.read_parquet(whole / f"{table}.parquet"))


def test_the_default_run_folder_is_checked_before_hydra_makes_it(tmp_path):
    """A file named ``outputs`` where the default run folder would go: a message naming it, exit 2,
    no traceback, and the file untouched."""
    (tmp_path / "outputs").write_text("the user's\n")
    done = ssrsim("run", "replicates=1", "months=2", "context.citizens=500", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "outputs is a file, not a folder" in done.stderr, done.stderr
    assert (tmp_path / "outputs").read_text() == "the user's\n"


def test_scenarios_lists_each_with_its_description():
    done = ssrsim("scenarios")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["baseline", "burundi", "donor_driven", "liberia", "low_will_holdout",
                                                    "mozambique", "post_authoritarian"]
    burundi = next(line for line in lines if line.startswith("burundi"))
    assert "Global Ceasefire Agreement" in burundi


def test_importing_freezes_what_is_imported_and_restores_the_collector():
    import gc

    from ssrsim.cli import importing

    frozen = gc.get_freeze_count()
    try:
        with importing():
            assert not gc.isenabled()
            import json  # noqa: F401
        assert gc.isenabled() and gc.get_freeze_count() > frozen
        gc.disable()
        with importing():
            pass
        assert not gc.isenabled()  # a collector paused by the caller stays paused
    finally:
        gc.enable()
        gc.unfreeze()
