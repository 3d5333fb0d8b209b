"""``ssrsim validate``: the calibration check and every stylised fact, written up as a report.

The report folder holds ``report.md`` (each target and fact: what the model gives, pass or
fail, its figure), ``calibration.csv``, ``facts.csv``, ``manifest.json`` and ``figures/``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ..model import MODEL_VERSION
from ..run.files import save_figure, write_text
from ..run.provenance import git_commit, versions
from ..run.runner import simulate
from .arms import arm_config, run_arm
from .calibration import SOURCE, check
from .facts import FACTS, SIZES, Fact

#: Baseline replicates for the calibration check (more than a fact arm: it is a level, not a
#: paired difference).
CALIBRATION_REPLICATES = {"fast": 40, "full": 200}
#: What a report folder holds (glob patterns): never replaced without ``--overwrite``.
REPORT_FILES = ("report.md", "facts.csv", "calibration.csv", "manifest.json", "figures/calibration.png",
                "figures/fact_*.png")


def validate(folder: Path, size: str = "full", workers: int = 2, facts: tuple[Fact, ...] = FACTS,
             progress: Callable[[str], None] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run the calibration check and the facts at ``size``; write the report into ``folder``."""
    say = progress or (lambda _: None)
    start = time.perf_counter()
    commit = git_commit()  # the code that runs, read before a long run lets the tree move on
    arms = list(dict.fromkeys(a for f in facts for a in f.arms))
    steps = len(arms) + 1
    calib_n = CALIBRATION_REPLICATES[size]
    say(f"[1/{steps}] calibration: baseline, {calib_n} replicates")
    calib_cfg = arm_config("baseline", size, [f"replicates={calib_n}"])
    calib = simulate(calib_cfg, workers=workers, progress=False)
    calibration = check(calib.summary, calib_cfg.months)
    data = {}
    for i, arm in enumerate(arms, start=2):
        elapsed = time.perf_counter() - start
        eta = elapsed / (i - 1) * (steps - i + 1)
        say(f"[{i}/{steps}] arm {arm!r}, {SIZES[size]['replicates']} replicates "
            f"({elapsed:.0f}s elapsed, ~{eta:.0f}s left)")
        data[arm] = run_arm(arm, size, workers)
    outcomes = {f.number: [c.outcome(data) for c in f.checks] for f in facts}
    table = pd.DataFrame([
        {"fact": f.number, "title": f.title, "sources": f.sources, "check": j + 1,
         "statistic": c.statistic, "unit": c.unit, "effect": o.effect, "lo": o.lo, "hi": o.hi,
         "minimum": o.minimum, "n": o.n, "passed": o.passed or bool(c.redone), "redone": c.redone}
        for f in facts for j, (c, o) in enumerate(zip(f.checks, outcomes[f.number]))])
    _write(folder, size, calibration, table, calib, calib_cfg.months, facts, outcomes,
           time.perf_counter() - start, commit)
    return calibration, table


def _write(folder, size, calibration, table, calib, months, facts, outcomes, seconds, commit) -> None:
    from .figures import draw_calibration, draw_fact

    figures = folder / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    save_figure(draw_calibration(calib.summary, months), figures / "calibration.png")
    for f in facts:
        save_figure(draw_fact(f, outcomes[f.number]), figures / f"fact_{f.number:02d}.png")
    write_text(folder / "calibration.csv", calibration.to_csv(index=False))
    write_text(folder / "facts.csv", table.to_csv(index=False))
    meta = {
        "size": size, "seed": calib.config.seed, "months": months,
        "replicates_per_arm": SIZES[size]["replicates"], "calibration_replicates": len(calib.summary),
        "size_overrides": list(SIZES[size]["overrides"]),
        "seeds": "replicate r of every arm draws from SeedSequence([seed, r])",
        "wall_seconds": round(seconds, 1), "command": " ".join(["ssrsim", *sys.argv[1:]]),
        "git_commit": commit,
        "model_version": MODEL_VERSION,
        "versions": versions(),
        "all_passed": bool(calibration.passed.all() and table.passed.all()),
    }
    write_text(folder / "manifest.json", json.dumps(meta, indent=2))
    text = markdown(calibration, table, facts, meta)
    write_text(folder / "report.md", text)


def _num(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def definitions(facts=FACTS) -> str:
    """The facts as stated before testing: statistic, minimum and replicates, as a Markdown table."""
    fast, full = SIZES["fast"]["replicates"], SIZES["full"]["replicates"]
    lines = ["| fact | check (statistic) | minimum effect | replicates per arm (fast / full) |",
             "|---|---|---|---|"]
    for f in facts:
        for c in f.checks:
            lines.append(f"| {f.number} | {c.statistic} | {_num(c.minimum)} {c.unit} | {fast} / {full} |")
    return "\n".join(lines)


def markdown(calibration: pd.DataFrame, table: pd.DataFrame, facts, meta: dict,
             figures: str = "figures") -> str:
    """The report as Markdown; ``figures`` is the figures folder relative to the report."""
    mark = {True: "pass", False: "**FAIL**"}
    lines = [
        "# ssrsim validation report", "",
        f"Size **{meta['size']}**: {meta['replicates_per_arm']} replicates per arm, "
        f"{meta['calibration_replicates']} for the calibration, {meta['months']} months, seed "
        f"{meta['seed']} (replicate r of every arm on `SeedSequence([seed, r])`). "
        f"ssrsim {meta['versions']['ssrsim']} (model version {meta['model_version']}), commit `{meta['git_commit']}`, "
        f"{meta['wall_seconds']:.0f} s. Regenerate with `{meta['command']}`.", "",
        f"**Overall: {'every target and fact holds' if meta['all_passed'] else 'NOT all checks pass'}.**", "",
        "## Calibration", "",
        f"Published: {SOURCE}. A target passes when the model's estimate lies in the band.", "",
        "| target | published (band) | model [95% interval] | result |", "|---|---|---|---|",
    ]
    for r in calibration.itertuples():
        lines.append(f"| {r.target} | {r.published:.2f} ({r.band_low:.2f}–{r.band_high:.2f}) | "
                     f"{r.model:.2f} [{r.lo:.2f}, {r.hi:.2f}] | {mark[bool(r.passed)]} |")
    lines += ["", f"![calibration]({figures}/calibration.png)", "",
              "## Stylised facts", "",
              "Each check passes when its 95% interval excludes zero and the effect reaches the "
              "minimum fixed in advance (`ssrsim/validation/facts.py`, `docs/validation.md`).", "",
              "| fact | check | effect [95% interval] | minimum | n | result |", "|---|---|---|---|---|---|"]
    for r in table.itertuples():
        result = f"not counted: {r.redone}" if r.redone else mark[bool(r.passed)]
        lines.append(f"| {r.fact} | {r.statistic} | {_num(r.effect)} [{_num(r.lo)}, {_num(r.hi)}] "
                     f"{r.unit} | {_num(r.minimum)} | {r.n} | {result} |")
    for f in facts:
        lines += ["", f"### Fact {f.number}: {f.title}", "", f"Sources: {f.sources}.", ""]
        if f.notes:
            lines += [f.notes, ""]
        lines.append(f"![fact {f.number}]({figures}/fact_{f.number:02d}.png)")
    return "\n".join(lines) + "\n"
