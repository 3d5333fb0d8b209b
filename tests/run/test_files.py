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
