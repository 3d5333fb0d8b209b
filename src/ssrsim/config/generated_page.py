"""A documentation page generated from the code: written, or checked against the committed copy.

``docs/parameters.md`` (from the schema) and ``docs/outputs.md`` (from the outputs catalogue) are
generated so that they cannot drift from what the code accepts and writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def repository_root() -> Path:
    """The source tree this module runs from (the folder holding ``pyproject.toml``)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file():
            return parent
    return here.parents[3]


def write_or_check(relpath: str, text: str, command: str, argv: list[str] | None = None) -> int:
    """``command [PATH] [--check]``: write ``text`` to ``relpath`` (under the repository), or with
    ``--check`` exit 1 when the file there differs from ``text``."""
    parser = argparse.ArgumentParser(prog=command, description=f"Write (or check) {relpath}.")
    parser.add_argument("path", nargs="?", type=Path, default=None,
                        help=f"output file (default: <repository>/{relpath})")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the file differs from what the code gives instead of writing it")
    args = parser.parse_args(argv)
    path: Path = args.path or repository_root() / relpath
    if args.check:
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            state = "is missing" if current is None else "is out of date"
            print(f"{path} {state}: run {command}", file=sys.stderr)
            return 1
        print(f"{path} is up to date")
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"wrote {path}")
    return 0
