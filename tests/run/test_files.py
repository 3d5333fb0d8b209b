"""Atomic writes: a temporary name per process and write, and nothing left behind on failure."""

from __future__ import annotations

import os

import pytest

from ssrsim.run.files import atomic, temporary


def test_temporary_names_are_unique_and_name_the_process(tmp_path):
    target = tmp_path / "summary.parquet"
    names = {temporary(target) for _ in range(50)}
    assert len(names) == 50
    assert all(n.parent == tmp_path and n.name.startswith(".summary.parquet.") and f".{os.getpid()}." in n.name
               for n in names)


def test_a_failed_write_leaves_neither_a_half_file_nor_its_temporary(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("what the user had\n")

    def half_then_fail(path):
        path.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        atomic(target, half_then_fail)
    assert target.read_text() == "what the user had\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]


def test_a_destination_that_cannot_hold_files_is_refused(tmp_path):
    from pathlib import Path

    from ssrsim.config.errors import UserError
    from ssrsim.run.files import check_destination

    blocker = tmp_path / "notes.txt"
    blocker.write_text("the user's")
    for folder, message in ((blocker, "is a file"), (blocker / "run", "is a file"), (Path("/"), "root")):
        with pytest.raises(UserError, match=message):
            check_destination(folder)
    check_destination(tmp_path / "new" / "run")  # a folder still to be made is fine
    assert not (tmp_path / "new").exists() and blocker.read_text() == "the user's"


def test_damaged_or_binary_files_are_named_not_tracebacks(tmp_path):
    import pandas as pd

    from ssrsim.config.errors import UserError
    from ssrsim.exercise.decisions import load_team
    from ssrsim.run.files import read_table, read_text

    table = tmp_path / "timeseries.parquet"
    pd.DataFrame({"month": range(100), "value": range(100)}).to_parquet(table)
    table.write_bytes(table.read_bytes()[:200])  # truncated, as by a full disk
    with pytest.raises(UserError, match="timeseries.parquet is damaged"):
        read_table(table)
    binary = tmp_path / "decisions.yaml"
    binary.write_bytes(bytes(range(256)))
    with pytest.raises(UserError, match="not a text file"):
        read_text(binary)
    with pytest.raises(UserError, match="decisions.yaml is not a text file"):
        load_team(binary)
    with pytest.raises(UserError, match="is missing"):
        read_table(tmp_path / "absent.parquet")




def test_damaged_json_and_case_files_are_named_not_tracebacks(tmp_path):
    """The JSON files ssrsim reads back (a sweep's plan; a played team's ``team.json`` goes through
    the same ``read_json``) and an exercise case's menu: binary, not JSON or the wrong shape gives a
    message naming the file."""
    from ssrsim.config.errors import UserError
    from ssrsim.config.user_files import check_user_file
    from ssrsim.exercise.menu import load_exercise
    from ssrsim.run.files import read_json
    from ssrsim.sweeps.collect import planned_jobs

    plan = tmp_path / "sweep.json"
    plan.write_bytes(bytes(range(256)))
    with pytest.raises(UserError, match="sweep.json is not a text file"):
        planned_jobs(tmp_path)
    plan.write_text('{"jobs": 5}')
    with pytest.raises(UserError, match="sweep.json is not the plan ssrsim wrote"):
        planned_jobs(tmp_path)
    plan.write_text("[1, 2]")
    with pytest.raises(UserError, match="sweep.json is not the file ssrsim wrote there"):
        read_json(plan, ("jobs",))
    plan.write_text("{not json")
    with pytest.raises(UserError, match="sweep.json is not valid JSON"):
        read_json(plan)
    case = tmp_path / "case"
    case.mkdir()
    (case / "exercise.yaml").write_bytes(bytes(range(256)))
    with pytest.raises(UserError, match="exercise.yaml is not a text file"):
        load_exercise(case)
    scenario = tmp_path / "my_scenario.yaml"
    scenario.write_bytes(bytes(range(256)))
    with pytest.raises(UserError, match="my_scenario.yaml is not a text file"):
        check_user_file(scenario)

# ------------------------------------------------------------------- the record, and whose files
def tiny_results():
    """A run's ``Results`` with one-row tables: what ``save`` writes, without simulating."""
    import pandas as pd

    from ssrsim.config import Config
    from ssrsim.run.results import Results

    table = pd.DataFrame({"replicate": [0], "value": [1.0]})
    return Results(config=Config(), timeseries=table, summary=table, provinces=table, funding=table, events=table,
                   groups=table)


def files_of(folder):
    """Every file under ``folder`` (records included) -> its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_record_lists_every_file_written_with_its_checksum_and_command(tmp_path):
    import json

    from matplotlib.figure import Figure

    from ssrsim.run.files import RECORD, checksum, command_line, read_record, save_figure, write_text
    from ssrsim.run.results import SAVED_FILES

    with command_line("ssrsim run (test)"):
        folder = tiny_results().save(tmp_path / "run")
    save_figure(Figure(), folder / "figures" / "empty.png")
    write_text(folder / "config.yaml", "again: true\n")  # replaced: its entry follows
    record = read_record(folder)
    assert set(record) == set(SAVED_FILES)
    for name, entry in record.items():
        assert entry["sha256"] == checksum(folder / name), name
    assert record["summary.parquet"]["command"] == "ssrsim run (test)"
    assert record["config.yaml"]["command"] != "ssrsim run (test)" and "replaced" in record["config.yaml"]
    assert set(read_record(folder / "figures")) == {"empty.png"}  # each folder holds its own record
    assert json.loads((folder / RECORD).read_text())["about"].startswith("The files ssrsim wrote")
    assert not list(folder.rglob("*.tmp"))  # the record too is written under a temporary name


def test_a_users_file_is_refused_and_kept_byte_for_byte_with_overwrite(tmp_path):
    from ssrsim.run.results import FolderHasResults

    results = tiny_results()
    folder = results.save(tmp_path / "run")
    (folder / "notes.txt").write_text("my notes\n")
    (folder / "mine").mkdir()
    (folder / "mine" / "data.csv").write_text("x\n1\n")
    before = files_of(folder)
    with pytest.raises(FolderHasResults) as refused:
        results.save(folder)
    message = str(refused.value)
    assert str(folder) in message and "notes.txt, mine/data.csv" in message and "overwrite=true" in message
    assert files_of(folder) == before
    results.save(folder, overwrite=True)
    after = files_of(folder)
    assert after["notes.txt"] == b"my notes\n" and after["mine/data.csv"] == b"x\n1\n"
    assert after.keys() == before.keys()  # nothing of the user's deleted, nothing added


def test_a_file_edited_since_ssrsim_wrote_it_is_the_users(tmp_path):
    from ssrsim.run.files import theirs
    from ssrsim.run.results import FolderHasResults

    results = tiny_results()
    folder = results.save(tmp_path / "run")
    (folder / "config.yaml").write_text("# my own settings\n")
    assert theirs(folder) == {"config.yaml": True}
    for overwrite in (False, True):  # save writes config.yaml: refused even with overwrite
        with pytest.raises(FolderHasResults, match=r"config.yaml \(changed since ssrsim wrote it\)"):
            results.save(folder, overwrite=overwrite)
    assert (folder / "config.yaml").read_text() == "# my own settings\n"


def test_the_check_fails_when_a_checksum_does_not_match(tmp_path):
    """The records are read, not trusted by name: one wrong checksum in a record, and the file
    it lists is taken for a user's, refused even with overwrite, and nothing is written."""
    import json

    from ssrsim.run.files import RECORD
    from ssrsim.run.results import FolderHasResults

    folder = tiny_results().save(tmp_path / "run")
    record = json.loads((folder / RECORD).read_text())
    record["files"]["summary.parquet"]["sha256"] = "0" * 64
    (folder / RECORD).write_text(json.dumps(record))
    before = files_of(folder)
    with pytest.raises(FolderHasResults, match=r"would write over .*summary.parquet \(changed since"):
        tiny_results().save(folder, overwrite=True)
    assert files_of(folder) == before


def test_a_file_no_record_lists_is_the_users_whatever_its_name(tmp_path):
    """Your own config.yaml in a folder ssrsim never wrote, or a folder whose record was deleted:
    the files the command would write are not ssrsim's, so it is refused even with overwrite and
    nothing changes. Only what other programs write for ssrsim (multirun.yaml) goes by name."""
    from ssrsim.run.files import RECORD, theirs
    from ssrsim.run.results import FolderHasResults

    results = tiny_results()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "config.yaml").write_text("# my own settings\n")
    folder = results.save(tmp_path / "run")
    (folder / RECORD).unlink()
    for where in (mine, folder):
        before = files_of(where)
        for overwrite in (False, True):
            with pytest.raises(FolderHasResults, match=r"would write over files that are not its own: .*config.yaml"):
                results.save(where, overwrite=overwrite)
        assert files_of(where) == before
    (mine / "multirun.yaml").write_text("hydra: {}\n")
    assert theirs(mine, ["multirun.yaml", "config.yaml"]) == {"config.yaml": False}


def test_subfolders_and_interrupted_writes(tmp_path):
    """A subfolder ssrsim wrote is judged by its own record; the temporary file a killed write
    left behind is ssrsim's, not the user's."""
    from matplotlib.figure import Figure

    from ssrsim.run.files import save_figure, theirs

    folder = tiny_results().save(tmp_path / "run")
    save_figure(Figure(), folder / "figures" / "a.png")
    temporary(folder / "summary.parquet").write_bytes(b"half a table")
    assert theirs(folder) == {}
    (folder / "figures" / "b.png").write_bytes(b"the user's")
    assert theirs(folder) == {"figures/b.png": False}


def _write_many(folder: str, prefix: str, count: int) -> None:
    from ssrsim.run.files import write_text

    for i in range(count):
        write_text(os.path.join(folder, f"{prefix}{i}.txt"), f"{prefix} {i}\n")


def test_two_processes_writing_into_one_folder_lose_no_record_entry(tmp_path):
    """Each write rewrites the folder's whole record; two processes writing at once take turns,
    so every file either wrote is in the record (otherwise it would pass for a user's)."""
    import multiprocessing

    from ssrsim.run.files import read_record

    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(str(tmp_path), prefix, 100)) for prefix in "ab"]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
    assert [w.exitcode for w in writers] == [0, 0]
    assert set(read_record(tmp_path)) == {f"{p}{i}.txt" for p in "ab" for i in range(100)}


def test_a_file_that_appears_while_ssrsim_computes_is_not_replaced(tmp_path):
    """The check before computing cannot see a file that appears later: the write itself refuses
    to replace a file its folder's record does not list, and leaves no temporary behind."""
    from ssrsim.config.errors import UserError
    from ssrsim.run.files import write_text

    write_text(tmp_path / "report.md", "ssrsim's report\n")
    write_text(tmp_path / "report.md", "ssrsim's report, again\n")  # its own file: replaced
    (tmp_path / "facts.csv").write_text("the user's\n")  # appeared meanwhile
    with pytest.raises(UserError, match="facts.csv: a file that is not ssrsim's"):
        write_text(tmp_path / "facts.csv", "ssrsim's facts\n")
    assert (tmp_path / "facts.csv").read_text() == "the user's\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ssrsim-files.json", "facts.csv", "report.md"]
