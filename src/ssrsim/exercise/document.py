"""The documents the exercise hands out: written once, saved as Markdown and as printable HTML.

The country brief (:mod:`ssrsim.exercise.brief`) and the plenary pack
(:mod:`ssrsim.exercise.debrief`) are read on paper, projected, or opened in an editor, so each is
built once as a list of blocks (:class:`Document`) and written twice: Markdown that diffs well
next to its PNG figures, and a self-contained HTML page (inline CSS, figures embedded) that a
facilitator can e-mail or print without the folder around it.

    Document                  headings, paragraphs, lists, tables, code, notes and figures
    refuse_overwrite          ``OutputExists`` before anything is written into a folder that
                              already holds a brief or a debrief (unless overwriting is allowed)
                              or files that are not ssrsim's
    fmt_number                numbers in tables: separators for counts, two decimals for indices

Figures are saved with :func:`ssrsim.run.files.save_figure`; dates are read with
:mod:`ssrsim.config.calendar`.
"""

from __future__ import annotations

import base64
import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..run.files import write_text
from .citations import cite
from ..run.results import FolderHasResults
from ..run.results import refuse_overwrite as run_refuse_overwrite


# --------------------------------------------------------------------------- the output folder
class OutputExists(FolderHasResults):
    """The output folder already holds a brief or debrief and overwriting was not allowed.

    A ``FolderHasResults`` (like a run folder), hence a ``UserError`` (a message, no traceback).
    """


def refuse_overwrite(out: Path, names: Sequence[str], overwrite: bool, what: str) -> None:
    """Raise ``OutputExists`` if any of ``names`` exists in ``out`` and ``overwrite`` is false, or
    if ``out`` holds files that are not ssrsim's (:func:`ssrsim.run.results.refuse_overwrite`)."""
    run_refuse_overwrite(out, names, overwrite, what, how="allow overwriting (--overwrite)", error=OutputExists)


# --------------------------------------------------------------------------- dates and numbers
def fmt_number(x: float) -> str:
    """Readable numbers: thousands separators for large ones, 2 decimals for indices."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if abs(x) >= 100 or float(x).is_integer():
        return f"{x:,.0f}"
    if abs(x) < 0.01:
        return f"{x:.4f}"
    return f"{x:.2f}"


# --------------------------------------------------------------------------- the document
_INLINE = re.compile(r"`([^`]+)`|\*\*([^*]+)\*\*")


def _inline_html(text: str) -> str:
    """Escape ``text`` for HTML, keeping `code` and **bold**."""
    out, pos = [], 0
    for m in _INLINE.finditer(text):
        out.append(html.escape(text[pos:m.start()]))
        out.append(f"<code>{html.escape(m.group(1))}</code>" if m.group(1) is not None
                   else f"<strong>{html.escape(m.group(2))}</strong>")
        pos = m.end()
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _cell_md(value: object) -> str:
    """A Markdown table cell: pipes escaped and line breaks folded, so a row stays one line."""
    return str(value).replace("|", "\\|").replace("\n", " ")


CSS = """
body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; font-size: 11pt; line-height: 1.4;
       max-width: 60em; margin: 2em auto; padding: 0 1.5em; color: #111; }
h1 { font-size: 20pt; border-bottom: 2px solid #333; padding-bottom: .2em; }
h2 { font-size: 15pt; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 12.5pt; margin-top: 1.2em; }
table { border-collapse: collapse; margin: .6em 0 1em; font-size: 9.5pt; width: 100%; }
th, td { border: 1px solid #bbb; padding: .25em .45em; vertical-align: top; text-align: left; }
th { background: #eee; }
td.num, th.num { text-align: right; white-space: nowrap; }
figure { margin: 1em 0; text-align: center; page-break-inside: avoid; }
figure img { max-width: 100%; }
figcaption { font-size: 9.5pt; color: #333; }
pre { background: #f4f4f4; border: 1px solid #ddd; padding: .6em; font-size: 9pt;
      white-space: pre-wrap; page-break-inside: avoid; }
code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: 92%; }
.note { border-left: 4px solid #E69F00; padding: .3em .8em; background: #fff8e6; }
.pagebreak { page-break-before: always; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; }
               table { page-break-inside: auto; } tr { page-break-inside: avoid; } }
"""


@dataclass
class Document:
    """A document built once and written as Markdown and as self-contained HTML.

    Blocks: headings, paragraphs (with `code` and **bold**), bullet lists, tables, code blocks,
    notes and figures (PNG files next to the Markdown, embedded in the HTML). Every text but code
    passes through :func:`~ssrsim.exercise.citations.cite` on the way in: readers hold the source
    documents, not the project's line-numbered copies, so a code such as ``003:585`` is shown as
    the document's title and the place to look in it.
    """

    title: str
    blocks: list[tuple] = field(default_factory=list)

    def heading(self, text: str, level: int = 2, page_break: bool = False) -> None:
        self.blocks.append(("h", level, cite(text), page_break))

    def para(self, text: str) -> None:
        self.blocks.append(("p", cite(text)))

    def note(self, text: str) -> None:
        self.blocks.append(("note", cite(text)))

    def bullets(self, items: Sequence[str], ordered: bool = False) -> None:
        self.blocks.append(("ul", [cite(t) for t in items], ordered))

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]],
              numeric: Sequence[int] = ()) -> None:
        self.blocks.append(("table", list(header), [[cite(c) if isinstance(c, str) else c for c in r] for r in rows],
                            set(numeric)))

    def code(self, text: str, lang: str = "") -> None:
        self.blocks.append(("code", text.rstrip("\n"), lang))

    def figure(self, path: Path, caption: str, rel: str) -> None:
        """``path``: the PNG; ``rel``: how the Markdown refers to it (relative to the document)."""
        self.blocks.append(("fig", Path(path), cite(caption), rel))

    def markdown(self) -> str:
        """The Markdown text; figures are referred to by their ``rel`` path."""
        out = [f"# {self.title}", ""]
        for b in self.blocks:
            kind = b[0]
            if kind == "h":
                out += [f"{'#' * b[1]} {b[2]}", ""]
            elif kind == "p":
                out += [b[1], ""]
            elif kind == "note":
                out += ["> " + b[1].replace("\n", "\n> "), ""]
            elif kind == "ul":
                out += [f"{i + 1}. {t}" if b[2] else f"- {t}" for i, t in enumerate(b[1])] + [""]
            elif kind == "table":
                header, rows, numeric = b[1], b[2], b[3]
                out.append("| " + " | ".join(_cell_md(h) for h in header) + " |")
                out.append("|" + "|".join("---:" if i in numeric else "---" for i in range(len(header))) + "|")
                out += ["| " + " | ".join(_cell_md(c) for c in r) + " |" for r in rows]
                out.append("")
            elif kind == "code":
                out += [f"```{b[2]}", b[1], "```", ""]
            elif kind == "fig":
                out += [f"![{b[2]}]({b[3]})", "", f"*{b[2]}*", ""]
        return "\n".join(out).rstrip() + "\n"

    def html(self) -> str:
        """One self-contained page: the CSS inline, the figures embedded, so the file travels alone."""
        body = [f"<h1>{_inline_html(self.title)}</h1>"]
        for b in self.blocks:
            kind = b[0]
            if kind == "h":
                cls = ' class="pagebreak"' if b[3] else ""
                body.append(f"<h{b[1]}{cls}>{_inline_html(b[2])}</h{b[1]}>")
            elif kind == "p":
                body.append(f"<p>{_inline_html(b[1])}</p>")
            elif kind == "note":
                body.append(f'<p class="note">{_inline_html(b[1])}</p>')
            elif kind == "ul":
                tag = "ol" if b[2] else "ul"
                body.append(f"<{tag}>" + "".join(f"<li>{_inline_html(t)}</li>" for t in b[1]) + f"</{tag}>")
            elif kind == "table":
                header, rows, numeric = b[1], b[2], b[3]

                def cls(i: int) -> str:
                    return ' class="num"' if i in numeric else ""
                head = "".join(f"<th{cls(i)}>{_inline_html(str(h))}</th>" for i, h in enumerate(header))
                trs = "".join("<tr>" + "".join(f"<td{cls(i)}>{_inline_html(str(c))}</td>"
                                               for i, c in enumerate(r)) + "</tr>" for r in rows)
                body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{trs}</tbody></table>")
            elif kind == "code":
                body.append(f"<pre><code>{html.escape(b[1])}</code></pre>")
            elif kind == "fig":
                data = base64.b64encode(b[1].read_bytes()).decode("ascii")
                body.append(f'<figure><img alt="{html.escape(b[2])}" src="data:image/png;base64,{data}">'
                            f"<figcaption>{_inline_html(b[2])}</figcaption></figure>")
        return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                f"<title>{html.escape(self.title)}</title><style>{CSS}</style></head>\n<body>\n"
                + "\n".join(body) + "\n</body></html>\n")

    def write(self, folder: Path, stem: str) -> list[Path]:
        """Write ``<stem>.md`` and ``<stem>.html`` into ``folder``; return both paths."""
        md, page = folder / f"{stem}.md", folder / f"{stem}.html"
        write_text(md, self.markdown())
        write_text(page, self.html())
        return [md, page]

