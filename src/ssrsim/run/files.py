"""Writing files so that nobody ever reads half of one, and knowing which files are ssrsim's.

Every table, text and figure ssrsim writes goes to a temporary name first and is then renamed
into place, so an interrupted write never leaves a half file under the final name. Temporary names
are unique to the process and the write, so two processes writing into one folder never swap
halves of each other's files.

Every folder ssrsim writes into holds a record, ``.ssrsim-files.json``, of the files it wrote
there: each one's SHA-256 and the command that wrote it. Every write goes through ``writing``,
which enters the file in the record before renaming it into place. ``theirs`` reads the records
back: which files under a folder are not ssrsim's (a user's, or ssrsim's but edited since), so
that no command replaces them (the policy: :func:`ssrsim.run.results.refuse_overwrite`).
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import secrets
import sys
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from ..config.errors import UserError

try:
    import fcntl
except ImportError:  # not POSIX (Windows): writers in one process still take turns
    fcntl = None

#: Resolution of every PNG ssrsim writes: sharp on a slide or on A4, small enough to embed.
DPI = 120
#: The record of the files ssrsim wrote in a folder, in that folder.
RECORD = ".ssrsim-files.json"
ABOUT = ("The files ssrsim wrote in this folder: each one's SHA-256 and the command that wrote it. "
         "ssrsim replaces only these, and only while they are unchanged (README: Output folders).")
#: What ``temporary`` names look like: a write in progress, or one a killed process left behind.
TEMPORARY = re.compile(r"\..+\.\d+\.[0-9a-f]{8}\.tmp")
#: Files other programs write for ssrsim, which no record of ssrsim's can list: Hydra's record of a
#: sweep and submitit's job files. Any other file a record does not list is not ssrsim's.
WRITTEN_FOR_SSRSIM = ("multirun.yaml", ".submitit/*")
_COMMAND: ContextVar[str | None] = ContextVar("ssrsim_command", default=None)
_RECORDING = threading.Lock()


def check_destination(folder: Path) -> None:
    """Refuse, before any computation, a destination that cannot hold ssrsim's files: a file, the
    root of a file system, or a place the user may not write in (``UserError`` naming it)."""
    folder = Path(folder)
    resolved = folder.resolve()
    if resolved == Path(resolved.anchor):
        raise UserError(f"{folder}: refusing to write into the root of the file system; choose a folder")
    existing = next(p for p in (resolved, *resolved.parents) if p.exists())
    if not existing.is_dir():
        raise UserError(f"{folder}: {existing} is a file, not a folder; choose another destination")
    if os.statvfs(existing).f_flag & os.ST_RDONLY:
        raise UserError(f"{folder}: cannot write in {existing} (read-only file system); choose another folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UserError(f"{folder}: cannot write in {existing} (permission denied); choose another folder")


def read_text(path: Path) -> str:
    """A UTF-8 text file, or ``UserError`` naming it if it is missing or not text."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path} is missing") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} is not a text file (it holds binary data)") from None
    except OSError as e:
        raise UserError(f"{path} cannot be read ({e.strerror or e})") from None


def read_json(path: Path, keys: tuple[str, ...] = ()) -> dict:
    """A JSON object ssrsim wrote, or ``UserError`` naming the file if it is missing, not text, not
    JSON, or not an object holding ``keys``."""
    path = Path(path)
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise UserError(f"{path} is not valid JSON ({e})") from None
    if not isinstance(data, dict) or any(k not in data for k in keys):
        raise UserError(f"{path} is not the file ssrsim wrote there"
                        + (f" (an object with {', '.join(keys)})" if keys else " (a JSON object)"))
    return data


def read_table(path: Path, **options):
    """A Parquet table, or ``UserError`` naming the file if it is missing, truncated or not a table."""
    import pandas as pd

    with reading_table(path):
        return pd.read_parquet(path, **options)


@contextmanager
def reading_table(path: Path) -> Iterator[None]:
    """Turn a missing, truncated or foreign Parquet file met inside the block into ``UserError``
    naming it, for every reader of ssrsim's tables."""
    import pyarrow as pa

    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path} is missing")
    try:
        yield
    except (OSError, ValueError, KeyError, pa.ArrowException) as e:
        raise UserError(f"{path} is damaged or not an ssrsim table ({type(e).__name__}); "
                        "run the command that made it again") from None


def checksum(path: Path) -> str:
    """The SHA-256 of a file's bytes (what records hold to tell ssrsim's files from edited ones)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ------------------------------------------------------------------------------------ the record
@contextmanager
def command_line(command: str) -> Iterator[None]:
    """Name ``command`` as the writer of the files written inside the block, in their records
    (elsewhere a record names this process's command line, as a manifest does)."""
    token = _COMMAND.set(command)
    try:
        yield
    finally:
        _COMMAND.reset(token)


def read_record(folder: Path) -> dict[str, dict]:
    """``folder``'s record: file name -> ``{"sha256", "command"}``; empty if there is none or it
    cannot be read (none of its files is then known to be ssrsim's)."""
    try:
        files = json.loads((Path(folder) / RECORD).read_text(encoding="utf-8"))["files"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return {}
    return {name: e for name, e in files.items() if isinstance(e, dict)} if isinstance(files, dict) else {}


def _record(folder: Path, written: dict[str, str]) -> None:
    """Enter files (name -> SHA-256) in ``folder``'s record, rewritten atomically.

    An entry keeps the checksum of the file it replaces (``replaced``): a write interrupted
    between recording and renaming leaves the old file, which the record still knows. Writers
    take turns (``_turn``), as each rewrites the whole record.

    The last line of defence of the output policy: a file already there that the record does not
    list is not ssrsim's (it appeared after the command checked its folder, while it computed),
    so ``UserError`` is raised and it is left as it is.
    """
    command = _COMMAND.get() or " ".join(sys.argv)
    with _turn(folder):
        files = read_record(folder)
        foreign = [name for name in written if name not in files and os.path.lexists(folder / name)]
        if foreign:
            raise UserError(f"{folder / foreign[0]}: a file that is not ssrsim's is there (it appeared while ssrsim "
                            "computed); it is left as it is and nothing more is written; move it away and run the "
                            "command again")
        for name, sha256 in written.items():
            entry = {"sha256": sha256, "command": command}
            before = files.get(name, {}).get("sha256")
            if before not in (None, sha256):
                entry["replaced"] = before
            files[name] = entry
        text = json.dumps({"about": ABOUT, "files": dict(sorted(files.items()))}, indent=2) + "\n"
        with _removed_on_failure(temporary(folder / RECORD), folder / RECORD) as tmp:
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, folder / RECORD)


@contextmanager
def _turn(folder: Path) -> Iterator[None]:
    """The right to rewrite ``folder``'s record: threads of this process take turns under a lock,
    and processes under an advisory lock on the folder itself (no lock file is left behind).
    Where the file system cannot lock (some network file systems), processes do not wait."""
    with _RECORDING:
        if fcntl is None:
            yield
            return
        fd = os.open(folder, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:
                pass
            yield
        finally:
            os.close(fd)  # releases the lock


def changed(path: Path) -> bool:
    """True if ``path``'s folder records it with other bytes than it holds (edited since ssrsim
    wrote it); False if the record does not list it."""
    path = Path(path)
    entry = read_record(path.parent).get(path.name)
    return entry is not None and _differs(path, entry)


def _differs(path: Path, entry: dict) -> bool:
    """Whether a file holds other bytes than its record's entry says ssrsim wrote."""
    try:
        return checksum(path) not in (entry.get("sha256"), entry.get("replaced"))
    except OSError:  # unreadable, or a folder where ssrsim wrote a file
        return True


def matches(path: str, patterns: Collection[str]) -> bool:
    """Whether a relative path (``figures/start.png``) matches one of ``patterns`` (``figures/*.png``)."""
    return any(fnmatch.fnmatchcase(path, p) for p in patterns)


def _entries(folder: Path) -> Iterator[tuple[Path, str]]:
    """Every file under ``folder`` (and every link to a folder: a user's), as (path, relative
    path), in a stable order; records and temporaries of writes are left out."""
    for directory, subfolders, names in os.walk(folder):
        subfolders.sort()
        here = Path(directory)
        links = [s for s in subfolders if (here / s).is_symlink()]
        for name in sorted([*names, *links]):
            if name != RECORD and not TEMPORARY.fullmatch(name):
                yield here / name, (here / name).relative_to(folder).as_posix()


def present(folder: Path, names: Collection[str]) -> list[str]:
    """The files under ``folder`` whose relative paths match ``names``, whoever wrote them."""
    return [rel for _, rel in _entries(Path(folder)) if matches(rel, names)]


def theirs(folder: Path, names: Collection[str] = (), repaired: Collection[str] = (),
           among: Collection[str] | None = None) -> dict[str, bool]:
    """The files under ``folder`` that are not ssrsim's: relative path -> True if ssrsim wrote it
    and it changed since (edited), False if ssrsim did not write it.

    A file its folder's record lists is ssrsim's while unchanged. One the record does not list
    is not, whatever its name (a user's ``config.yaml`` in a folder ssrsim never wrote is the
    user's), unless other programs write it for ssrsim (``WRITTEN_FOR_SSRSIM``) and the command
    writes such files (``names``, the patterns of what it writes). A changed file matching
    ``repaired`` is ssrsim's too: the command checks those itself and writes them again (a
    sweep's job files, against the job's completion record). Only files matching ``among`` are
    judged, if given (the rest need no checksums).
    """
    record = cache(read_record)  # read once per folder
    out = {}
    for path, rel in _entries(Path(folder)):
        if among is not None and not matches(rel, among):
            continue
        entry = record(path.parent).get(path.name)
        if entry is None:
            if not (matches(rel, names) and matches(rel, WRITTEN_FOR_SSRSIM)):
                out[rel] = False
        elif not matches(rel, repaired) and _differs(path, entry):
            out[rel] = True
    return out


# ------------------------------------------------------------------------------------ writing
def temporary(path: Path) -> Path:
    """A hidden name beside ``path`` that no other process or write uses."""
    path = Path(path)
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


@contextmanager
def _removed_on_failure(tmp: Path, path: Path) -> Iterator[Path]:
    """``tmp``, the temporary name of ``path``, removed if the block fails, so that a failed write
    leaves nothing behind. A system error that names no file (a full disk met by Arrow's Parquet
    writer says only "Error writing bytes to file") is raised again naming ``path``."""
    try:
        yield tmp
    except OSError as e:
        tmp.unlink(missing_ok=True)
        if e.filename is not None:
            raise
        code = e.errno or next((int(n) for n in re.findall(r"\[errno (\d+)\]", str(e))), None)
        if code is None:
            raise OSError(f"{path}: {e}") from None
        raise OSError(code, os.strerror(code), str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _install(folder: Path, temporaries: dict[str, Path]) -> None:
    """Enter finished temporary files in ``folder``'s record, then rename each to its name.

    Recorded first: a write interrupted in between leaves a file the record knows (the new one,
    or the one it replaced), never a file of ssrsim's that looks like a user's.
    """
    _record(folder, {name: checksum(tmp) for name, tmp in temporaries.items()})
    for name, tmp in temporaries.items():
        os.replace(tmp, folder / name)


@contextmanager
def writing(path: Path) -> Iterator[Path]:
    """A temporary name to write ``path`` under: when the block ends, the file is entered in its
    folder's record and renamed to ``path``; if the block fails, it is removed and ``path`` left
    as it was. Every file ssrsim writes goes through here."""
    path = Path(path)
    with _removed_on_failure(temporary(path), path) as tmp:
        yield tmp
        _install(path.parent, {path.name: tmp})


def atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` then rename ``tmp`` to ``path`` (``writing``): readers never see a
    half-written file. If the write fails, its temporary file is removed and the error raised."""
    with writing(path) as tmp:
        write(tmp)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    atomic(path, lambda p: Path(p).write_text(text, encoding="utf-8"))


def write_files(folder: Path, writers: dict[str, Callable[[Path], object]]) -> list[Path]:
    """Write files (name -> ``write(tmp)``) into ``folder`` atomically, entered in its record at
    once: thousands of files written one by one would rewrite the record thousands of times."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        tmps = {name: stack.enter_context(_removed_on_failure(temporary(folder / name), folder / name))
                for name in writers}
        for name, write in writers.items():
            write(tmps[name])
        _install(folder, tmps)
    return [folder / name for name in writers]


def write_texts(folder: Path, texts: dict[str, str]) -> list[Path]:
    """Write text files (name -> text) into ``folder`` atomically (``write_files``)."""
    return write_files(folder, {name: (lambda p, t=text: Path(p).write_text(t, encoding="utf-8"))
                                for name, text in texts.items()})


def remove_own(folder: Path) -> None:
    """Delete the files ``folder``'s record lists and that are unchanged, then the record and the
    folder if nothing else is left: ssrsim's working files, never a user's."""
    folder = Path(folder)
    with _turn(folder):
        for name, entry in read_record(folder).items():
            path = folder / name
            if path.is_file() and not path.is_symlink() and not _differs(path, entry):
                path.unlink()
        if not any(True for _ in _entries(folder)):
            (folder / RECORD).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:  # something else is there (a user's file, a leftover temporary): it stays
        pass


def save_figure(fig, path: Path, dpi: int = DPI) -> Path:
    """Write a Matplotlib ``Figure`` as PNG atomically (creating its folder); return the path.

    The pixels are those of ``fig.savefig(path, dpi=dpi)``, for less CPU:

    - the figure is drawn once, by an Agg canvas that lays it out within that draw, where
      ``Figure.savefig`` draws a figure with a layout engine (constrained layout, as ssrsim's
      figures have) twice, the first time with rendering switched off only to lay it out;
    - an opaque figure (ssrsim's have a white background) is written without an alpha channel,
      which Matplotlib always writes, and at zlib level 3 rather than Pillow's 6: files about as
      small, compressed in about two thirds of the time."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    if image.getextrema()[3][0] == 255:
        image = image.convert("RGB")
    info = PngInfo()  # the record Matplotlib's PNGs carry
    info.add_text("Software", f"Matplotlib version{matplotlib.__version__}, https://matplotlib.org/")
    atomic(path, lambda p: image.save(p, format="png", dpi=(dpi, dpi), pnginfo=info, compress_level=3))
    return path
