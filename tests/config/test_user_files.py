"""User files are data: a scenario or experiment file cannot reach Hydra's machinery or the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssrsim.config.compose import CONFIG_DIR, compose
from ssrsim.config.errors import UserError
from ssrsim.config.user_files import check_user_files, files_to_load

from helpers import ssrsim


def _scenario(folder, name, body):
    (folder / "scenario").mkdir(parents=True, exist_ok=True)
    (folder / "scenario" / f"{name}.yaml").write_text(f"# @package _global_\nname: {name}\n{body}")
    return [f"hydra.searchpath=[file://{folder}]", f"scenario={name}"]


@pytest.mark.parametrize("body, message", [
    ("hydra:\n  callbacks:\n    x:\n      _target_: os.remove\n", "hydra.callbacks.x._target_"),
    ("hydra:\n  run:\n    dir: /etc\n", "hydra.run.dir"),
    ("description: ${oc.env:HOME}\n", "interpolations"),
    ("levers:\n  political_will: ${oc.decode:'0.5'}\n", "levers.political_will"),
])
def test_a_file_reaching_hydra_or_the_environment_is_refused(tmp_path, body, message):
    overrides = _scenario(tmp_path, "hostile", body)
    with pytest.raises(UserError, match=message):
        compose("hostile", overrides[:1])
    done = ssrsim("run", *overrides, "months=2", "replicates=1", f"hydra.run.dir={tmp_path / 'run'}")
    assert done.returncode == 2 and "hostile.yaml" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "run").exists()


def test_shipped_files_and_allowed_keys_pass(tmp_path):
    for experiment in sorted(p.stem for p in (CONFIG_DIR / "experiment").glob("*.yaml")):
        check_user_files([f"experiment={experiment}"], CONFIG_DIR)  # hydra.sweeper.params is allowed
    overrides = _scenario(tmp_path, "mine", "hydra:\n  launcher:\n    n_jobs: 2\nreplicates: 3\n")
    assert files_to_load(overrides, CONFIG_DIR) == [tmp_path / "scenario" / "mine.yaml"]
    assert compose("mine", overrides[:1]).replicates == 3


def test_a_name_that_would_escape_the_output_folders_is_refused():
    done = ssrsim("run", "name=../../elsewhere", "months=2", "replicates=1")
    assert done.returncode == 2 and "name" in done.stderr and "Traceback" not in done.stderr


def test_a_sweep_checks_its_experiment_file_before_planning(tmp_path):
    (tmp_path / "experiment").mkdir()
    (tmp_path / "experiment" / "hostile.yaml").write_text(
        "# @package _global_\nhydra:\n  sweeper:\n    params:\n      levers.political_will: 0.2,0.8\n"
        "  callbacks:\n    x:\n      _target_: os.remove\n")
    done = ssrsim("run", "-m", f"hydra.searchpath=[file://{tmp_path}]", "experiment=hostile", "months=2",
                  "replicates=1", f"hydra.sweep.dir={tmp_path / 'sweep'}")
    assert done.returncode == 2 and "hydra.callbacks" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "sweep").exists()


def test_an_exercise_case_file_is_data(tmp_path):
    """An exercise definition is read as plain YAML into a strict schema: an option may set only
    levers (a Hydra key is refused, naming the place), and ``${...}`` in its text stays text."""
    import shutil

    from ssrsim.exercise.menu import case_folder, load_exercise

    def case(name: str, edit) -> Path:
        folder = tmp_path / name
        shutil.copytree(case_folder("burundi"), folder)
        path = folder / "exercise.yaml"
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        return folder

    hydra = case("hydra", lambda t: t.replace("levers: {levers.funding.conditionality: 0.6}",
                                              "levers: {hydra.callbacks.x: 0.6}"))
    with pytest.raises(UserError, match=r"families\.budget_support\.options\.conditional\.levers.*hydra\.callbacks\.x"):
        load_exercise(hydra)
    env = case("env", lambda t: t.replace('label: "Military pressure, no talks"', 'label: "${oc.env:HOME}"'))
    exercise, _ = load_exercise(env)
    assert exercise.families["fnl"].options["pressure"].label == "${oc.env:HOME}"
