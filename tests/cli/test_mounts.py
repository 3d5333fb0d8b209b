"""A full disk and read-only folders on real file systems: a small tmpfs and a read-only bind mount,
mounted in a private mount namespace (``unshare``) so that nothing outside the test sees them.
Skipped where the system allows no mount namespace; the full disk is also simulated, everywhere, by
``tests/cli/test_run.py::test_a_full_disk_ends_with_a_message_naming_the_file``.

After each refusal: exit 2, a message naming the file or folder and the system's reason, no
traceback, no file changed, no temporary left, no finished replicate lost, and the command run
again where there is room gives an uninterrupted run's tables."""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ssrsim.run.files import checksum
from helpers import ssrsim

RUN = ["run", "replicates=3", "months=12", "context.citizens=500"]


def in_namespace(script: str) -> subprocess.CompletedProcess:
    """Run a shell script in a private mount namespace (as root, or as a user namespace's root)."""
    flags = ["--mount"] if os.geteuid() == 0 else ["--user", "--map-root-user", "--mount"]
    return subprocess.run(["unshare", *flags, "sh", "-ec", script], capture_output=True, text=True, timeout=600)


def recorded(args: list[str], err: Path) -> str:
    """A shell line running ``ssrsim ARGS`` with its stderr in ``err`` and its exit status in
    ``err.rc`` (read by ``refused``), going on whatever the status."""
    line = shlex.join([sys.executable, "-m", "ssrsim.cli", *args])
    return f"{line} 2> {err} && echo 0 > {err}.rc || echo $? > {err}.rc\n"


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """An uninterrupted run (the numbers a rerun must give), or skip where mounts are not allowed."""
    where = tmp_path_factory.mktemp("mounts")
    if shutil.which("unshare") is None or in_namespace(f"mount -t tmpfs -o size=64k tmpfs {where}").returncode:
        pytest.skip("no private mount namespace here (unshare --mount refused)")
    done = ssrsim(*RUN, f"hydra.run.dir={where / 'r'}")
    assert done.returncode == 0, done.stderr
    return where / "r"


def tables_equal(folder: Path, reference: Path) -> None:
    for table in ("timeseries", "summary", "events"):
        pd.testing.assert_frame_equal(pd.read_parquet(folder / f"{table}.parquet"),
                                      pd.read_parquet(reference / f"{table}.parquet"))


def refused(err: Path, reason: str, where: Path) -> str:
    """The message of a command that stopped with exit 2 naming ``where`` and the system's reason."""
    text = err.read_text()
    assert Path(f"{err}.rc").read_text().strip() == "2", text
    assert reason in text and str(where) in text and "Traceback" not in text, text
    return text


def test_a_full_disk_keeps_finished_replicates_and_the_rerun_completes(tmp_path, reference):
    """A tmpfs the size of the finished run folder: the run fills it while it writes its tables
    and figures (the kept replicates hold as much again). The command the message gives, run with
    room again, finishes the run from the kept replicates."""
    small, copy = tmp_path / "small", tmp_path / "copy"
    small.mkdir()
    size = sum(f.stat().st_size for f in reference.rglob("*") if f.is_file())
    run = [*RUN, f"hydra.run.dir={small / 'r'}"]
    done = in_namespace(f"mount -t tmpfs -o size={size} tmpfs {small}\n"
                        + recorded(run, tmp_path / "full")
                        + f"cp -a {small} {copy}\n"
                        f"mount -o remount,size=64m {small}\n"
                        + recorded([*run, "overwrite=true"], tmp_path / "again")
                        + f"cp -a {small}/r {tmp_path / 'finished'}\n")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "again.rc").read_text().strip() == "0", (tmp_path / "again").read_text()
    text = refused(tmp_path / "full", "No space left on device", small / "r")
    assert "3 of 3 replicates are kept" in text and "overwrite=true to finish the run" in text, text
    assert not [p for p in copy.rglob("*") if p.name.endswith(".tmp")]  # no temporary left behind
    assert len(list(copy.rglob("*_summary.parquet"))) == 3  # no finished replicate lost
    assert "resuming: 3 already finished" in (tmp_path / "again").read_text()
    tables_equal(tmp_path / "finished", reference)


def test_read_only_folders_are_refused_before_computing_and_left_as_they_were(tmp_path, reference):
    """A finished run folder and an empty folder on a read-only mount: a run into either (with
    overwrite=true), a sweep and a validation report are refused before any computation."""
    ro = tmp_path / "ro"
    ro.mkdir()
    shutil.copytree(reference, ro / "r")
    before = {p: checksum(p) for p in ro.rglob("*") if p.is_file()}
    cases = {"run": [*RUN, f"hydra.run.dir={ro / 'r'}", "overwrite=true"],
             "new": [*RUN, f"hydra.run.dir={ro / 'new'}"],
             "sweep": ["run", "-m", "levers.political_will=0.3,0.6", *RUN[1:], f"hydra.sweep.dir={ro / 'sweep'}"],
             "validate": ["validate", "--fast", "--out", str(ro / "report")]}
    script = f"mount --bind {ro} {ro}\nmount -o remount,bind,ro {ro}\n"
    done = in_namespace(script + "".join(recorded(args, tmp_path / name) for name, args in cases.items()))
    assert done.returncode == 0, done.stderr
    for name in cases:
        refused(tmp_path / name, "read-only file system", ro)
    assert {p: checksum(p) for p in ro.rglob("*") if p.is_file()} == before
