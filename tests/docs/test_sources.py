"""Every citation a user meets can be looked up: docs/sources.md is the reference.

(a) Each source-document code ``NNN:LINE`` or ``NNN:LINE-LINE`` used in the code, configuration,
documentation, experiments, notebooks or README has a row in docs/sources.md (a row starts with
``| `CODE` |``), which says where to find the passage in the original document.

(b) Nothing users get cites the project's private working files (the design notes, the evidence
table, the extracted mechanisms, anything under ``../shared``): users do not have them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from helpers import ROOT

SOURCES = ROOT / "docs" / "sources.md"

#: Where users meet citations: folders (searched recursively) and single files.
SCANNED = ("src", "configs", "docs", "experiments", "notebooks", "README.md")

#: Private working files that users do not get, so nothing may cite them.
PRIVATE = ("MODEL.md", "ENGINEERING.md", "evidence.md", "seed-mechanisms", "../shared")

#: A source-document code: document 000-004, a line, optionally a range of lines (hyphen or en dash).
CODE = re.compile(r"(?<![\w.:/-])(00[0-4]):(\d+)(?:[-\u2013](\d+))?(?![\w:])")

#: A row of a table in docs/sources.md: ``| `003:478` | ...``.
ROW = re.compile(r"^\| `(00[0-4]:\d+(?:-\d+)?)` \|", re.M)

#: Generated or ignored folders (see .gitignore): not what users are given.
SKIPPED_DIRS = {"__pycache__", "multirun", "outputs", "build", "dist"}


def text_files(*places: str) -> list[Path]:
    """Every text file under ``places`` (relative to the repository), binary files skipped."""
    files: list[Path] = []
    for place in places:
        path = ROOT / place
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(p for p in sorted(path.rglob("*")) if p.is_file()
                         and not any(part in SKIPPED_DIRS or part.startswith(".") or part.endswith(".egg-info")
                                     for part in p.relative_to(ROOT).parts[:-1]))
    return [f for f in files if read(f) is not None]


@cache
def read(path: Path) -> str | None:
    """The file's text, or None if it is not UTF-8 text (images, parquet ...)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


@cache
def documented_codes() -> frozenset[str]:
    assert SOURCES.is_file(), "docs/sources.md is missing"
    return frozenset(ROW.findall(SOURCES.read_text(encoding="utf-8")))


def where(path: Path, text: str, start: int) -> str:
    return f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, start) + 1}"


def used_codes() -> dict[str, list[str]]:
    """Code (ranges with a hyphen) -> the places (file:line) that use it. docs/sources.md itself,
    the reference, is not a use."""
    uses: dict[str, list[str]] = {}
    for path in text_files(*SCANNED):
        if path == SOURCES:
            continue
        text = read(path)
        for match in CODE.finditer(text):
            doc, line, end = match.groups()
            code = f"{doc}:{line}" + (f"-{end}" if end else "")
            uses.setdefault(code, []).append(where(path, text, match.start()))
    return uses


def test_sources_page_has_rows():
    codes = documented_codes()
    assert len(codes) > 50, "docs/sources.md: no table rows of the form | `NNN:LINE` | found"
    for doc in ("000", "001", "002", "003", "004"):
        assert any(c.startswith(doc + ":") for c in codes), f"docs/sources.md has no row for document {doc}"


def test_every_cited_code_has_a_row_in_sources():
    uses = used_codes()
    assert len(uses) > 50, "too few NNN:LINE codes found: is the pattern or the scanned list wrong?"
    missing = {code: places for code, places in uses.items() if code not in documented_codes()}
    lines = [f"  {code}: {', '.join(places)}" for code, places in sorted(missing.items())]
    if missing:
        pytest.fail("codes used without a row in docs/sources.md (add the row there, or fix the "
                    "citation):\n" + "\n".join(lines), pytrace=False)


def test_no_file_cites_private_working_files():
    offending = []
    for path in text_files(*SCANNED, "CITATION.cff"):
        for number, line in enumerate(read(path).splitlines(), start=1):
            found = [name for name in PRIVATE if name in line]
            if found:
                offending.append(f"  {path.relative_to(ROOT)}:{number}: {', '.join(found)}: "
                                 f"{line.strip()[:120]}")
    files = sorted({entry.split(":")[0].strip() for entry in offending})
    if offending:
        pytest.fail(f"{len(offending)} lines in {len(files)} files cite private working files that "
                    f"users do not get (cite docs/sources.md, the project's docs, or say 'assumed'):\n"
                    + "\n".join(offending), pytrace=False)
