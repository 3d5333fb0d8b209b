"""Put a full-size validation report into the docs: ``docs/validation.md`` §3 is the report.

    python -m ssrsim.validation.publish validation/latest [--docs docs]

Copies the report's tables, manifests and figures into ``docs/validation/`` and replaces the
results section of ``docs/validation.md`` with the report's text (headings one level down, figure
links into ``validation/``). The docs are regenerated from a report, never edited by hand, so
that what they say is what a run said. Only a full-size report is accepted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

RESULTS = "## 3. Results"
COPIED = ("facts.csv", "calibration.csv", "manifest.json")


def results_section(report: Path) -> str:
    """The report's Markdown as the docs' results section."""
    text = (report / "report.md").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1].lstrip("\n")  # drop the report's own title
    body = body.replace("](figures/", "](validation/")
    lines = [("#" + line) if line.startswith("#") else line for line in body.splitlines()]
    return f"{RESULTS}\n\nThe latest full-size report, copied by `python -m ssrsim.validation.publish`.\n\n" + \
        "\n".join(lines) + "\n"


def publish(report: Path, docs: Path) -> None:
    meta = json.loads((report / "manifest.json").read_text(encoding="utf-8"))
    if meta.get("size") != "full":
        raise ValueError(f"{report}: a {meta.get('size')!r} report; only a full-size report goes into the docs")
    page = docs / "validation.md"
    text = page.read_text(encoding="utf-8")
    if RESULTS not in text:
        raise ValueError(f"{page}: no '{RESULTS}' section to replace")
    target = docs / "validation"
    for name in COPIED:
        shutil.copyfile(report / name, target / name)
    for table in sorted(report.glob("burundi_*")):  # the Burundi case's tables and manifest, if it ran
        shutil.copyfile(table, target / table.name)
    for figure in sorted((report / "figures").glob("*.png")):
        shutil.copyfile(figure, target / figure.name)
    head = text.split(RESULTS)[0]
    tail = text.split(RESULTS, 1)[1]
    after = tail.find("\n## ")  # a later section, if any, is kept
    page.write_text(head + results_section(report) + (tail[after:] if after >= 0 else ""), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m ssrsim.validation.publish", description=__doc__.split("\n")[0])
    parser.add_argument("report", type=Path, help="a full-size report folder (ssrsim validate --out)")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder (default docs)")
    opts = parser.parse_args(argv)
    try:
        publish(opts.report, opts.docs)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        raise SystemExit(2)
    print(f"{opts.docs / 'validation.md'}: results from {opts.report}")


if __name__ == "__main__":
    main()
