"""``ssrsim validate``: the calibration check, every stylised fact, the Burundi case and the
qualitative cases, written up as a report.

The report folder holds ``report.md`` (each target and fact: what the model gives, pass or
fail, its figure), ``calibration.csv``, ``facts.csv``, the Burundi case's ``burundi_*`` files,
``cases.csv`` and ``cases_reported.csv``, ``manifest.json`` and ``figures/``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from ..model import MODEL_VERSION
from ..run.files import save_figure, write_text
from ..run.provenance import git_commit, versions
from ..run.runner import simulate, worker_pool
from .arms import arm_config, arm_data, run_arm
from .calibration import EMERGENT, SOURCE, check, check_emergent
from .burundi import markdown as burundi_markdown, run_burundi, save as save_burundi
from . import cases as qualitative
from .checks import KNOCK_OUT
from .sensitivity import latest_summary
from .facts import MONTHS, SIZES, VALIDATED, Fact, arm_months

#: Replicates per calibration arm (more than a fact arm: a level, not a paired difference).
CALIBRATION_REPLICATES = {"fast": 40, "full": 200}
#: The arms the calibration reads: the fitted relapse targets on the baseline, the other targets
#: on the arms ``EMERGENT`` names.
CALIBRATION_ARMS = tuple(dict.fromkeys(["baseline", *(a for t in EMERGENT for a in t.arms)]))
#: Where the global sensitivity study's committed results are (``ssrsim sensitivity --study
#: validation``, copied into the docs): the report quotes them, with the commit that ran them,
#: rather than recomputing two hours of runs.
COMMITTED_SENSITIVITY = Path("docs") / "validation" / "sensitivity"
#: What a report folder holds (glob patterns): never replaced without ``--overwrite``.
REPORT_FILES = ("report.md", "facts.csv", "calibration.csv", "manifest.json", "figures/calibration.png",
                "figures/fact_*.png", "burundi*", "figures/burundi_*.png", "cases.csv", "cases_reported.csv")


def validate(folder: Path, size: str = "full", workers: int = 2, facts: tuple[Fact, ...] = VALIDATED,
             progress: Callable[[str], None] | None = None, with_burundi: bool = True, with_cases: bool = True):
    """Run the calibration targets, the facts, the Burundi case and the qualitative cases at
    ``size``; write the report into ``folder``. Returns the calibration and facts tables, the
    Burundi result and the cases' (checks, reported) tables (None for a part left out)."""
    say = progress or (lambda _: None)
    start = time.perf_counter()
    commit = git_commit()  # the code that runs, read before a long run lets the tree move on
    calib_n = CALIBRATION_REPLICATES[size]
    arms = list(dict.fromkeys(a for f in facts for a in f.arms))
    fact_n = SIZES[size]["replicates"]
    # A fact arm that is also a calibration arm with at least as many replicates is not run again:
    # its first replicates are the same runs (replicate r on SeedSequence([seed, r])).
    reused = [arm for arm in arms if arm in CALIBRATION_ARMS and calib_n >= fact_n]
    # A calibration arm runs every month; a fact arm as long as its checks read (arm_months).
    jobs = [(arm, calib_n, "calibration", MONTHS) for arm in CALIBRATION_ARMS] + \
           [(arm, fact_n, "fact", arm_months(arm, facts)) for arm in arms if arm not in reused]
    total = sum(n * months for _, n, _, months in jobs)  # run-months: what the time left is counted in
    calib_data, data, calib, done = {}, {}, None, 0
    with worker_pool(workers) as pool:  # started once for every arm
        for i, (arm, n, role, months) in enumerate(jobs, start=1):
            elapsed = time.perf_counter() - start
            eta = f", ~{elapsed / done * (total - done):.0f}s left" if done else ""
            say(f"[{i}/{len(jobs)}] {role} arm {arm!r}, {n} replicates x {months} months ({elapsed:.0f}s elapsed{eta})")
            cfg = arm_config(arm, size, [f"replicates={n}"], months)
            if role == "calibration":
                results = simulate(cfg, workers=1, progress=False, pool=pool)
                calib_data[arm] = arm_data(results)
                if arm == "baseline":
                    calib = results
            else:
                data[arm] = run_arm(cfg, arm, pool)
            done += n * months
    data.update({arm: calib_data[arm].first(fact_n) for arm in reused})
    calibration = pd.concat([check(calib.summary, calib.config.months),
                             check_emergent(calib_data)], ignore_index=True)
    outcomes = {f.number: [c.outcome(data) for c in f.checks] for f in facts}
    table = pd.DataFrame([
        {"fact": f.number, "title": f.title, "sources": f.sources, "check": j + 1, "kind": c.kind,
         "statistic": c.statistic, "unit": c.unit, "effect": o.effect, "lo": o.lo, "hi": o.hi,
         "se": o.standard_error, "minimum": o.minimum, "n": o.n, "passed": o.passed}
        for f in facts for j, (c, o) in enumerate(zip(f.checks, outcomes[f.number]))])
    burundi = run_burundi(size, workers, say) if with_burundi else None
    replicates, overrides = qualitative.SIZES[size]
    cases = qualitative.run_cases(replicates, workers=workers, overrides=overrides, say=say) if with_cases else None
    _write(folder, size, calibration, table, calib, calib.config.months, facts, outcomes,
           time.perf_counter() - start, commit, burundi, cases)
    return calibration, table, burundi, cases


def _write(folder, size, calibration, table, calib, months, facts, outcomes, seconds, commit, burundi,
           cases) -> None:
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
        "all_passed": bool(calibration.passed.all() and table.passed.all() and (
            size == "fast" or ((burundi is None or burundi.passed) and (cases is None or cases[0].passed.all())))),
    }
    write_text(folder / "manifest.json", json.dumps(meta, indent=2))
    text = markdown(calibration, table, facts, meta)
    text += "\n" + latest_summary(COMMITTED_SENSITIVITY)
    if burundi is not None:
        save_burundi(burundi, folder)
        text += "\n" + "\n".join("#" + line if line.startswith("#") else line
                                  for line in burundi_markdown(burundi).splitlines()) + "\n"
    if cases is not None:
        write_text(folder / "cases.csv", cases[0].to_csv(index=False))
        write_text(folder / "cases_reported.csv", cases[1].to_csv(index=False))
        text += "\n" + cases_markdown(*cases, size)
    write_text(folder / "report.md", text)


def cases_markdown(checks: pd.DataFrame, reported: pd.DataFrame, size: str) -> str:
    """The qualitative cases' section of the report."""
    replicates = qualitative.SIZES[size][0]
    indicative = " At the fast size they are indicative and do not count." if size == "fast" else ""
    return ("## Qualitative cases\n\nMozambique after 1992 and Liberia after 2003, each its scenario as shipped "
            f"(context and levers from the record, no parameter fitted), {replicates} replicates on seed "
            f"{qualitative.SEED}; the checks were stated before any run (`docs/validation.md` §5).{indicative}\n\n"
            + qualitative.markdown(checks, reported))


def _num(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def definitions(facts=VALIDATED) -> str:
    """The facts as stated before testing: statistic, minimum and replicates, as a Markdown table."""
    fast, full = SIZES["fast"]["replicates"], SIZES["full"]["replicates"]
    lines = ["| fact | check (statistic) | minimum effect (knock-out: tolerance) | replicates per arm (fast / full) |",
             "|---|---|---|---|"]
    for f in facts:
        for c in f.checks:
            minimum = f"within ± {_num(c.minimum)}" if c.kind == KNOCK_OUT else _num(c.minimum)
            lines.append(f"| {f.number} | {c.statistic} | {minimum} {c.unit} | {fast} / {full} |")
    return "\n".join(lines)


def markdown(calibration: pd.DataFrame, table: pd.DataFrame, facts, meta: dict,
             figures: str = "figures") -> str:
    """The report as Markdown; ``figures`` is the figures folder relative to the report."""
    mark = {True: "pass", False: "**FAIL**"}
    lines = [
        "# ssrsim validation report", "",
        f"Size **{meta['size']}**: {meta['replicates_per_arm']} replicates per arm, "
        f"{meta['calibration_replicates']} for the calibration, {meta['months']} months (a fact's arm as many as its "
        f"checks read), seed "
        f"{meta['seed']} (replicate r of every arm on `SeedSequence([seed, r])`). "
        f"ssrsim {meta['versions']['ssrsim']} (model version {meta['model_version']}), commit `{meta['git_commit']}`, "
        f"{meta['wall_seconds']:.0f} s. Regenerate with `{meta['command']}`.", "",
        f"**Overall: {'every target and fact holds' if meta['all_passed'] else 'NOT all checks pass'}.**", "",
        "## Calibration", "",
        f"Fitted targets (relapse): {SOURCE}. The other targets were fitted by no parameter; their "
        "sources are in the table. A target passes when the model's estimate lies in the band. Every "
        f"replicate is out of sample: seed {meta['seed']} is neither the fit's nor one its rounds were checked on.", "",
        "| target | band | model [95% interval] | source | result |", "|---|---|---|---|---|",
    ]
    for r in calibration.itertuples():
        band = f"{_num(r.band_low)}–{_num(r.band_high)}" if np.isfinite(r.band_high) else f"≥ {_num(r.band_low)}"
        lines.append(f"| {r.target} | {band} | {_num(r.model)} [{_num(r.lo)}, {_num(r.hi)}] | "
                     f"{r.source} | {mark[bool(r.passed)]} |")
    lines += ["", f"![calibration]({figures}/calibration.png)", "",
              "## Stylised facts", "",
              "An effect check passes when its 95% interval excludes zero and the effect reaches the "
              "minimum fixed in advance; a knock-out passes when its interval lies within ± the "
              "tolerance (`ssrsim/validation/facts.py`, `docs/validation.md`).", "",
              "| fact | check | effect [95% interval] | minimum (knock-out: tolerance) | n | result |",
              "|---|---|---|---|---|---|"]
    for r in table.itertuples():
        tolerance = f"± {_num(r.minimum)}" if r.kind == KNOCK_OUT else _num(r.minimum)
        lines.append(f"| {r.fact} | {r.statistic} | {_num(r.effect)} [{_num(r.lo)}, {_num(r.hi)}] "
                     f"{r.unit} | {tolerance} | {r.n} | {mark[bool(r.passed)]} |")
    for f in facts:
        lines += ["", f"### Fact {f.number}: {f.title}", "", f"Sources: {f.sources}.", ""]
        if f.notes:
            lines += [f.notes, ""]
        lines.append(f"![fact {f.number}]({figures}/fact_{f.number:02d}.png)")
    return "\n".join(lines) + "\n"
