"""Writing files so that nobody ever reads half of one.

Every table, text and figure ssrsim writes goes to a temporary name first and is then renamed
into place, so an interrupted write never leaves a half file under the final name. Temporary names
are unique to the process and the write, so two processes writing into one folder never swap
halves of each other's files.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from ..config.errors import UserError

#: Resolution of every PNG ssrsim writes: sharp on a slide or on A4, small enough to embed.
DPI = 120


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


def read_table(path: Path, **options):
    """A Parquet table, or ``UserError`` naming the file if it is missing, truncated or not a table."""
    import pandas as pd
    import pyarrow as pa

    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path} is missing")
    try:
        return pd.read_parquet(path, **options)
    except (OSError, ValueError, pa.ArrowException) as e:
        raise UserError(f"{path} is damaged or not an ssrsim table ({type(e).__name__}); "
                        "run the command that made it again") from None


def checksum(path: Path) -> str:
    """The SHA-256 of a file's bytes (what completion records hold to detect damage)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def temporary(path: Path) -> Path:
    """A hidden name beside ``path`` that no other process or write uses."""
    path = Path(path)
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def atomic(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` then rename ``tmp`` to ``path``: readers never see a half-written file.

    If the write fails, its temporary file is removed and the error raised.
    """
    path = Path(path)
    tmp = temporary(path)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    atomic(path, lambda p: Path(p).write_text(text, encoding="utf-8"))


def save_figure(fig, path: Path, dpi: int = DPI) -> Path:
    """Write a Matplotlib ``Figure`` as PNG atomically (creating its folder); return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic(path, lambda p: fig.savefig(p, dpi=dpi, format="png"))
    return path
