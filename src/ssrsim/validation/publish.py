"""Put a full-size validation report into the docs: ``docs/validation.md`` §3 is the report.

    python -m ssrsim.validation.publish validation/latest [--docs docs]
    python -m ssrsim.validation.publish --sensitivity validation/sensitivity [--docs docs]

Copies the report's tables, manifests and figures into ``docs/validation/`` and replaces the
results section of ``docs/validation.md`` with the report's text (headings one level down, figure
links into ``validation/``). The docs are regenerated from a report, never edited by hand, so
that what they say is what a run said. Only a full-size report is accepted.

``--sensitivity`` does the same for the global sensitivity study (``ssrsim sensitivity --study
validation``), which runs apart from ``ssrsim validate``: each finished piece's summary, manifest,
tables and figures go to ``docs/validation/sensitivity/<piece>/`` (what ``ssrsim validate``
quotes), and §3's sensitivity subsection becomes their summary. A piece smaller than the study's
(fewer Morris trajectories, a smaller Sobol sample, fewer robustness points) is refused.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

RESULTS = "## 3. Results"
COPIED = ("facts.csv", "calibration.csv", "manifest.json")
#: Copied when the report has them (a report made without the qualitative cases has not).
OPTIONAL = ("cases.csv", "cases_reported.csv")
SENSITIVITY = "### Global sensitivity over the plausible ranges"
#: The least size of a piece that goes into the docs: (manifest key, value), the study's defaults.
FULL_PIECE = {"morris": ("n", 10), "sobol": ("n", 256), "robustness": ("points", 30)}


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
    for name in COPIED + tuple(n for n in OPTIONAL if (report / n).is_file()):
        shutil.copyfile(report / name, target / name)
    for table in sorted(report.glob("burundi_*")):  # the Burundi case's tables and manifest, if it ran
        shutil.copyfile(table, target / table.name)
    for figure in sorted((report / "figures").glob("*.png")):
        shutil.copyfile(figure, target / figure.name)
    head = text.split(RESULTS)[0]
    tail = text.split(RESULTS, 1)[1]
    after = tail.find("\n## ")  # a later section, if any, is kept
    page.write_text(head + results_section(report) + (tail[after:] if after >= 0 else ""), encoding="utf-8")


def publish_sensitivity(root: Path, docs: Path) -> list[str]:
    """Copy each finished piece under ``root`` into ``docs/validation/sensitivity/`` and rewrite
    §3's sensitivity subsection from the copy; the pieces copied."""
    from .sensitivity import MANIFEST, PIECE_FILES, PIECES, SUMMARY, latest_summary

    finished = [piece for piece in PIECES if (root / piece / SUMMARY).is_file() and (root / piece / MANIFEST).is_file()]
    if not finished:
        raise ValueError(f"{root}: no finished piece of the sensitivity study ({', '.join(PIECES)})")
    for piece in finished:
        key, least = FULL_PIECE[piece]
        size = json.loads((root / piece / MANIFEST).read_text(encoding="utf-8")).get(key, 0)
        if size < least:
            raise ValueError(f"{root / piece}: {key} {size}, a trial; only a piece of at least {key} {least} goes into the docs")
    page = docs / "validation.md"
    text = page.read_text(encoding="utf-8")
    if SENSITIVITY not in text:
        raise ValueError(f"{page}: no '{SENSITIVITY}' subsection to replace")
    committed = docs / "validation" / "sensitivity"
    for piece in finished:
        (committed / piece).mkdir(parents=True, exist_ok=True)
        for pattern in PIECE_FILES:
            for path in sorted((root / piece).glob(pattern)):
                shutil.copyfile(path, committed / piece / path.name)
    summary = latest_summary(committed)
    summary = "\n".join(("#" + line) if line.startswith("#") else line for line in summary.splitlines())
    head, tail = text.split(SENSITIVITY, 1)
    after = min((i for i in (tail.find("\n### "), tail.find("\n## ")) if i >= 0), default=len(tail))
    page.write_text(head + summary.rstrip("\n") + "\n" + tail[after:], encoding="utf-8")
    return finished


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m ssrsim.validation.publish", description=__doc__.split("\n")[0])
    parser.add_argument("report", type=Path, help="a full-size report folder (ssrsim validate --out), or with "
                        "--sensitivity the sensitivity study's folder (ssrsim sensitivity --study validation --out)")
    parser.add_argument("--sensitivity", action="store_true", help="publish the global sensitivity study's pieces")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder (default docs)")
    opts = parser.parse_args(argv)
    try:
        if opts.sensitivity:
            pieces = publish_sensitivity(opts.report, opts.docs)
        else:
            publish(opts.report, opts.docs)
    except (OSError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        raise SystemExit(2)
    done = f"the sensitivity pieces {', '.join(pieces)}" if opts.sensitivity else "results"
    print(f"{opts.docs / 'validation.md'}: {done} from {opts.report}")


if __name__ == "__main__":
    main()
