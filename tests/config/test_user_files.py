"""User files are data: a scenario or experiment file cannot reach Hydra's machinery or the environment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ssrsim.config.compose import CONFIG_DIR, compose
from ssrsim.config.errors import UserError
from ssrsim.config.user_files import check_user_files

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
    # Replacing results is the user's call, on the command line, not a shared file's.
    ("overwrite: true\n", "overwrite: replacing results is allowed only on the command line"),
    ("hydra:\n  sweeper:\n    params:\n      overwrite: true,false\n", "hydra.sweeper.params.overwrite"),
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
    check_user_files(overrides, CONFIG_DIR)  # found on the search path (the hostile cases above are refused there)
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


def _file(folder, group, name, text):
    (folder / group).mkdir(parents=True, exist_ok=True)
    (folder / group / f"{name}.yaml").write_text(text)
    return f"hydra.searchpath=[file://{folder}]"


def _opens(victim) -> str:
    return f"callbacks:\n  x:\n    _target_: builtins.open\n    file: {victim}\n    mode: w\n"


@pytest.mark.parametrize("package", ["hydra", "_global_.hydra"])
def test_a_package_header_that_lands_in_hydra_is_refused(tmp_path, package):
    """``# @package hydra`` puts a file's top-level ``callbacks`` at ``hydra.callbacks``."""
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    searchpath = _file(tmp_path / "cfg", "scenario", "pkg", f"# @package {package}\n{_opens(victim)}")
    done = ssrsim("run", searchpath, "scenario=pkg", "months=2", "replicates=1", f"hydra.run.dir={tmp_path / 'run'}")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "pkg.yaml" in done.stderr and "hydra.callbacks.x._target_" in done.stderr
    assert victim.read_text() == "precious" and not (tmp_path / "run").exists()


@pytest.mark.parametrize("entry, inner, key", [
    ("inner", "# @package _global_\nhydra:\n  {callbacks}", "hydra.callbacks.x._target_"),
    ("/scenario/inner", "# @package hydra\n{callbacks}", "hydra.callbacks.x._target_"),
    ("inner", "# @package _global_\ndescription: ${{oc.env:HOME}}\n", "description"),
])
def test_a_file_named_in_a_defaults_list_is_checked(tmp_path, entry, inner, key):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    callbacks = _opens(victim).replace("\n", "\n  ").rstrip() + "\n"
    _file(tmp_path / "cfg", "scenario", "inner", inner.format(callbacks=callbacks))
    searchpath = _file(tmp_path / "cfg", "scenario", "outer",
                       f"# @package _global_\ndefaults:\n  - baseline\n  - {entry}\n  - _self_\nname: outer\n")
    done = ssrsim("run", searchpath, "scenario=outer", "months=2", "replicates=1", f"hydra.run.dir={tmp_path / 'run'}")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "inner.yaml" in done.stderr and key in done.stderr
    assert victim.read_text() == "precious" and not (tmp_path / "run").exists()


def test_defaults_lists_are_followed_once_and_may_not_choose_hydra_configs(tmp_path):
    searchpath = _file(tmp_path, "scenario", "a", "# @package _global_\ndefaults:\n  - b\n  - _self_\n")
    _file(tmp_path, "scenario", "b", "# @package _global_\ndefaults:\n  - a\n  - _self_\nreplicates: 3\n")
    check_user_files([searchpath, "scenario=a"], CONFIG_DIR)  # a cycle ends (Hydra names it)
    _file(tmp_path, "scenario", "c", "# @package _global_\ndefaults:\n  - override /hydra/launcher: slurm\n")
    with pytest.raises(UserError, match=r"c\.yaml: defaults: .*/hydra/launcher"):
        check_user_files([searchpath, "scenario=c"], CONFIG_DIR)


@pytest.mark.parametrize("axis", ["hydra.run.dir: /tmp/elsewhere", "hydra.sweep.dir: /tmp/elsewhere",
                                  "+hydra.callbacks.x._target_: builtins.open", "hydra/launcher: slurm"])
def test_a_sweep_axis_may_not_be_a_hydra_key(tmp_path, axis):
    searchpath = _file(tmp_path, "experiment", "sub", "# @package _global_\nhydra:\n  sweeper:\n    params:\n"
                       f"      levers.political_will: 0.2,0.8\n      {axis}\n")
    with pytest.raises(UserError, match=rf"sub\.yaml: hydra\.sweeper\.params\.{re.escape(axis.split(':')[0])}"):
        check_user_files([searchpath, "experiment=sub"], CONFIG_DIR)


def test_a_sweep_cannot_put_its_jobs_outside_its_folder(tmp_path):
    searchpath = _file(tmp_path, "experiment", "sub", "# @package _global_\nhydra:\n  sweeper:\n    params:\n"
                       "      levers.political_will: 0.2,0.8\n      hydra.sweep.subdir: ../../escaped_job\n")
    done = ssrsim("run", "-m", searchpath, "experiment=sub", "months=2", "replicates=1",
                  f"hydra.sweep.dir={tmp_path / 'sweeps' / 'mine'}")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "sub.yaml" in done.stderr and "hydra.sweep.subdir" in done.stderr
    assert not (tmp_path / "escaped_job").exists() and not (tmp_path / "sweeps").exists()


def test_each_file_a_sweep_over_a_group_names_is_checked(tmp_path):
    searchpath = _file(tmp_path, "scenario", "envy", "# @package _global_\ndescription: ${oc.env:HOME}\n")
    with pytest.raises(UserError, match=r"envy\.yaml: description"):
        check_user_files([searchpath, "scenario=baseline,envy"], CONFIG_DIR)
    _file(tmp_path, "experiment", "scenarios", "# @package _global_\nhydra:\n  sweeper:\n    params:\n"
          "      scenario: baseline,envy\n")
    with pytest.raises(UserError, match=r"envy\.yaml: description"):
        check_user_files([searchpath, "experiment=scenarios"], CONFIG_DIR)
