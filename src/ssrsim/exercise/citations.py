"""Source-document codes in words, for what participants read.

A code such as ``003:585`` points at a line of the project's plain-text copy of one of five
source documents. Participants hold the originals, not those copies, so the brief and debrief
cite the document's short title and the place to look in it instead ("Developing an SSR Concept
for the United Nations (Bratislava, 2006), pp. 41–44"). docs/sources.md is the one reference:
its tables give each document's short title ("cited as") and each code's place. The package does
not ship docs/, so the tables are copied into ``source_places.py`` by
``python -m ssrsim.exercise.citations`` (``--check`` says whether that copy is current; a test
runs it).
"""

from __future__ import annotations

import re
import sys
from itertools import groupby

from ..config.generated_page import repository_root, write_or_check

#: A code: document 000-004, a line, optionally a range of lines (hyphen or en dash).
_ONE = r"(?<![\w.:/-])00[0-4]:\d+(?:[-\u2013]\d+)?(?![\w:])"
#: Codes side by side ("003:585; 003:605", "001:25-27, 001:34"): cited together.
RUN = re.compile(rf"{_ONE}(?:[;,] ?{_ONE})*")

GENERATED = "src/ssrsim/exercise/source_places.py"
COMMAND = "python -m ssrsim.exercise.citations"


def cite(text: str, titles: bool = True, places: bool = True) -> str:
    """``text`` with every code, or run of codes, replaced by its readable citation.

    Neighbouring codes of one document share its title ("title, place and place"). Text without
    codes, such as an author and year ("Samii 2010"), is returned unchanged. A figure short of
    room names the document once in its title (``places=False``) and the places alone on its
    axis (``titles=False``).
    """
    from .source_places import PLACES, TITLES  # generated: imported here, so regenerating never needs it

    def words(run: re.Match) -> str:
        codes = [code.replace("\u2013", "-") for code in re.split(r"[;,] ?", run.group())]
        cited = []
        # neighbours only, in order: a gloss after the last code stays with that code
        for doc, same in groupby(codes, key=lambda code: code[:3]):
            where = " and ".join(dict.fromkeys(PLACES[c] for c in same if c in PLACES)) if places else ""
            cited.append(", ".join(part for part in (TITLES[doc] if titles else "", where) if part))
        return "; ".join(cited)

    return RUN.sub(words, text)


def _place(code: str, where: str) -> str:
    """Where to look in the original, as docs/sources.md words it. The proceedings (003) are
    located by the part's page range, the last item of the entry; the handbook (004) by section."""
    if code.startswith("003:"):
        return where.rsplit("; ", 1)[-1]
    if code.startswith("004:"):
        return f"section {where}"
    return where


def places_module() -> str:
    """The text of ``source_places.py``, from docs/sources.md's tables."""
    text = (repository_root() / "docs" / "sources.md").read_text(encoding="utf-8")
    titles = dict(re.findall(r"^\| (00[0-4]) \|.*\| ([^|]+?) \|$", text, re.M))
    places = {code: _place(code, where)
              for code, where in re.findall(r"^\| `(00[0-4]:[\d-]+)` \| ([^|]+?) \|", text, re.M)}
    lines = [f'"""Generated from docs/sources.md by `{COMMAND}`: do not edit."""', "",
             "#: Each source document's short title (docs/sources.md, Source documents, \"cited as\").",
             "TITLES = {", *(f"    {k!r}: {v!r}," for k, v in titles.items()), "}", "",
             "#: Where each code's passage is in the original document.",
             "PLACES = {", *(f"    {k!r}: {v!r}," for k, v in places.items()), "}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_or_check(GENERATED, places_module(), COMMAND, argv)


if __name__ == "__main__":
    sys.exit(main())
