"""The Burundi validation, for the ``ssrsim validate`` report (docs/burundi.md §5 states it, §6 reports it).

Why a case and not only the stylised facts: the facts test the generic baseline's mechanisms one
lever at a time; this tests the model against one country's record, and the claim the training
exercise rests on, that a team's decisions change the outcome. All of it is the Burundi exercise
played with decision files (``.strategies``) on the scenario's seed; the statistics are
``.checks``', the figures ``.figures``'.

    run_burundi(size, workers, progress) -> BurundiResult   the runs and every check
    markdown(result) -> str                                  the report's section
    save(result, folder) -> [paths]                          burundi.md, tables, manifest, figures

Every replicate of every strategy runs in one pool of worker processes (started once, not once
per strategy) and is reduced there to one row of numbers, so memory does not grow with the
tables. Replicate r of every strategy draws from ``SeedSequence([seed, r])`` whatever the number
of workers: the numbers are the same serial or parallel, and strategies are paired on common
random numbers.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pandas as pd

from ...config import Config
from ...exercise.decisions import Team, TeamFile, team_config
from ...model import MODEL_VERSION
from ...run.files import save_figure, write_texts
from ...run.provenance import fingerprint, git_commit, versions
from ...run.runner import workers_can_start
from .checks import OUTCOMES, evaluate, replicate_row
from .strategies import (DDR_FIRST, EXCLUSIONARY, LABELS, RANDOM_SEED, RANDOM_STRATEGIES, fixed_teams,
                                 random_teams)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Size:
    """Replicates of each fixed strategy, of each random strategy, and how many random ones."""

    fixed: int
    random: int
    strategies: int = RANDOM_STRATEGIES


#: fast: the tests and CI (under a minute on 2 cores); full: the results of docs/burundi.md §6.
SIZES = {"fast": Size(fixed=16, random=1), "full": Size(fixed=200, random=30)}
#: What ``save`` writes into a report folder.
FILES = ("burundi.md", "burundi_checks.csv", "burundi_differences.csv", "burundi_replicates.csv",
         "burundi_strategies.yaml", "burundi_manifest.json")
FIGURES = ("burundi_teams.png", "burundi_2015.png")


@dataclass
class BurundiResult:
    """Per-replicate rows of every strategy, the tables of ``.checks.evaluate``, and
    where the numbers came from (``meta``: size, seeds, replicates, versions, commit, time)."""

    size: str
    meta: dict
    fixed: dict[str, pd.DataFrame]  # strategy -> one row per replicate (index: replicate)
    random: dict[str, pd.DataFrame]  # drawn strategy's name -> one row per replicate
    decisions: dict[str, str]  # strategy -> its decision file (YAML)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def checks(self) -> pd.DataFrame:
        return self.tables["checks"]

    @property
    def passed(self) -> bool:
        """Whether every check passed (at the fast size only indicative: see ``markdown``)."""
        return bool(self.checks["passed"].all())


# --------------------------------------------------------------------------- running
def run_burundi(size: str = "full", workers: int = 1, progress: Progress | None = None) -> BurundiResult:
    """Play the three fixed strategies and the drawn ones at ``size``; evaluate every check.

    ``progress`` is called with a line of text at the start, at every tenth of the runs and at
    the end (as ``ssrsim validate`` reports its steps)."""
    from ...exercise.play import decisions_text

    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, got {size!r}")
    spec = SIZES[size]
    say = progress or (lambda _: None)
    start = time.perf_counter()
    commit = git_commit()  # the code that runs, read before a long run lets the tree move on
    fixed = fixed_teams()
    drawn = random_teams(spec.strategies, RANDOM_SEED)
    configs = {name: _config(team, spec.fixed) for name, team in fixed.items()}
    configs.update({team.name: _config(team, spec.random) for _, team in drawn})
    jobs = [(cfg, r) for cfg in configs.values() for r in range(cfg.replicates)]
    say(f"Burundi validation ({size}): {len(fixed)} strategies x {spec.fixed} replicates and {len(drawn)} drawn "
        f"from the menu x {spec.random}: {len(jobs)} runs on {workers} worker(s)")
    step = max(1, len(jobs) // 10)

    def done(n: int) -> None:
        if n % step == 0 or n == len(jobs):
            elapsed = time.perf_counter() - start
            say(f"  {n}/{len(jobs)} runs ({elapsed:.0f}s elapsed, ~{elapsed / n * (len(jobs) - n):.0f}s left)")

    rows = iter(run_jobs(jobs, workers, done))
    per_strategy = {name: pd.DataFrame([next(rows) for _ in range(cfg.replicates)]).set_index("replicate")
                    for name, cfg in configs.items()}
    first = next(iter(configs.values()))
    meta = {"size": size, "scenario": first.name.split("-")[0], "seed": first.seed, "months": first.months,
            "calendar_start": first.calendar.start, "replicates_fixed": spec.fixed,
            "replicates_random": spec.random, "random_strategies": spec.strategies, "random_seed": RANDOM_SEED,
            "seeds": "replicate r of every strategy draws from SeedSequence([seed, r])",
            "config_fingerprints": {n: fingerprint(c) for n, c in configs.items()},
            "workers": workers, "git_commit": commit, "model_version": MODEL_VERSION, "versions": versions()}
    decisions = {"historical": Path(fixed["historical"].source).read_text(encoding="utf-8"),
                 "ddr_first": decisions_text(TeamFile.model_validate(DDR_FIRST)),
                 "exclusionary": decisions_text(TeamFile.model_validate(EXCLUSIONARY)),
                 **{team.name: decisions_text(raw) for raw, team in drawn}}
    result = BurundiResult(size=size, meta=meta, fixed={n: per_strategy[n] for n in fixed},
                           random={t.name: per_strategy[t.name] for _, t in drawn}, decisions=decisions)
    result.tables = evaluate(result.fixed, result.random)
    meta["wall_seconds"] = round(time.perf_counter() - start, 1)
    meta["all_passed"] = result.passed
    say(f"Burundi validation done in {meta['wall_seconds']:.0f}s: "
        + ("every check passes" if result.passed else "NOT every check passes")
        + (" (fast size: indicative)" if size == "fast" else ""))
    return result


def _config(team: Team, replicates: int) -> Config:
    return team_config(team, [f"replicates={replicates}"])


def run_jobs(jobs: list[tuple[Config, int]], workers: int, done: Callable[[int], None] = lambda n: None) -> list[dict]:
    """``replicate_row`` of every (config, replicate) job, in order, serially or in one pool of
    ``workers`` spawned processes (one worker for a program read from standard input, as
    ``ssrsim.run.runner`` does)."""
    if workers > 1 and not workers_can_start():
        workers = 1
    rows: list[dict] = []
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            rows.append(replicate_row(*job))
            done(len(rows))
        return rows
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for row in pool.map(_job, jobs, chunksize=1):
            rows.append(row)
            done(len(rows))
    return rows


def _job(job: tuple[Config, int]) -> dict:
    return replicate_row(*job)


# --------------------------------------------------------------------------- the report
def _num(x: float, unit: str = "people") -> str:
    """A number as the report shows it: confidence (0-1) to 3 decimals, years to 2, people whole."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return {"0-1": f"{x:.3f}", "years": f"{x:.2f}"}.get(unit, f"{x:,.0f}")


def _share(value: float, lo: float, hi: float, k: int, n: int) -> str:
    return f"{value:.0%} [{lo:.0%}, {hi:.0%}] ({int(k)} of {int(n)})"


def markdown(result: BurundiResult, figures: str = "figures") -> str:
    """The Burundi section of the validation report; ``figures`` is the figures folder relative
    to the report."""
    t, m = result.tables, result.meta
    fast = result.size == "fast"
    verdict = {True: "pass", False: "**FAIL**"} if not fast else {True: "pass (indicative)", False: "fail (indicative)"}
    lines = [
        "# Burundi validation", "",
        f"Size **{m['size']}**: {m['replicates_fixed']} replicates of each fixed strategy, {m['random_strategies']} "
        f"strategies drawn from the menu (seed {m['random_seed']}) with {m['replicates_random']} each; scenario "
        f"`{m['scenario']}`, seed {m['seed']} (replicate r of every strategy on `SeedSequence([seed, r])`), "
        f"{m['months']} months from {m['calendar_start']}. ssrsim {m['versions'].get('ssrsim')} (model version "
        f"{m['model_version']}), commit `{m['git_commit']}`, {m.get('wall_seconds', 0):.0f} s on {m['workers']} "
        "worker(s). The checks, their statistics and minimum effects were stated before the runs "
        "(docs/burundi.md §5).", ""]
    if fast:
        lines += ["**Fast size: indicative only.** Sixteen replicates do not settle these checks; they are decided "
                  "at the full size (docs/burundi.md §6).", ""]
    lines += [f"**Overall: {'every check passes' if result.passed else 'NOT every check passes'}"
              f"{' (indicative)' if fast else ''}.**", "",
              "| check | statement | model [95% interval] | bound | result |", "|---|---|---|---|---|"]
    for r in t["checks"].itertuples():
        value = _share(r.value, r.lo, r.hi, r.k, r.n) if not r.check.startswith("T1") else f"shows on {r.k} of {r.n} outcomes"
        lines.append(f"| {r.check} | {r.statement} | {value} | {r.bound} | {verdict[bool(r.passed)]} |")
    lines += ["", "## The 2015 crisis (strategy a)", "",
              "C1 indicator by indicator: the share of replicates in which it is worse in December 2014 than in "
              "December 2011, and its medians.", "",
              "| indicator | worse if | median Dec 2011 | median Dec 2014 | share of replicates worse [95%] |",
              "|---|---|---|---|---|"]
    crisis = t["crisis"]
    for r in crisis[crisis.indicator != "count"].itertuples():
        lines.append(f"| {r.words} (`{r.indicator}`) | {r.worse_if} | {r.median_2011:.3f} | {r.median_2014:.3f} | "
                     f"{_share(r.share_worse, r.lo, r.hi, r.k, r.n)} |")
    lines += ["", "Replicates by the number of indicators worse: "
              + crisis[crisis.indicator == "count"].counts.iloc[0] + ".", "",
              "Reported without a threshold (strategy a):", "",
              "| what | model | record |", "|---|---|---|"]
    for r in t["reported"].itertuples():
        if r.kind == "share":
            value = _share(r.value, r.lo, r.hi, r.k, r.n)
        else:
            value = f"mean {_num(r.value)} [{_num(r.lo)}, {_num(r.hi)}], median {_num(r.median)}"
        lines.append(f"| {r.words} | {value} | {r.record} |")
    lines += ["", f"![the 2015 crisis]({figures}/burundi_2015.png)", "",
              "## Teams matter", "",
              "Paired differences from the historical track (a) on common random numbers, with 95% t-intervals. "
              "A difference *shows* on an outcome when its interval excludes zero and its size reaches the "
              "minimum effect; T1 passes when each strategy's difference shows on at least one outcome. "
              "*Better* reads the direction (fewer conflict years or deaths, more confidence).", "",
              "| strategy | outcome | (a) mean | strategy mean | difference [95% interval] | minimum | shows | "
              "better than history |", "|---|---|---|---|---|---|---|---|"]
    for r in t["differences"].itertuples():
        unit = OUTCOMES[r.outcome][1]
        lines.append(f"| {LABELS[r.strategy]} | {r.words} | {_num(getattr(r, r.against), unit)} | "
                     f"{_num(getattr(r, r.strategy), unit)} | {_num(r.mean, unit)} [{_num(r.lo, unit)}, "
                     f"{_num(r.hi, unit)}] | {_num(r.minimum, unit)} | {'yes' if r.shows else 'no'} | "
                     f"{'yes' if r.better else 'no'} |")
    spread = t["spread"]
    if len(spread):
        n = int(spread.replicates.iloc[0])
        lines += ["", f"The spread over the {int(spread.strategies.iloc[0])} strategies drawn from the menu, each on "
                  f"replicates 0-{n - 1}; (a), (b) and (c) on the same replicates, with their rank among the drawn "
                  "strategies (1: better than every one of them).", "",
                  "| outcome | drawn: min | quartiles | max | drawn minus (a): range | drawn better than (a) | "
                  "(a) [rank] | (b) [rank] | (c) [rank] |", "|---|---|---|---|---|---|---|---|---|"]
        for r in spread.itertuples():
            unit = OUTCOMES[r.outcome][1]
            lines.append(f"| {r.words} | {_num(r.min, unit)} | {_num(r.q25, unit)}, {_num(r.median, unit)}, "
                         f"{_num(r.q75, unit)} | {_num(r.max, unit)} | {_num(r.diff_min, unit)} to "
                         f"{_num(r.diff_max, unit)} | {r.random_better_than_history} of {r.strategies} | "
                         f"{_num(r.historical, unit)} [{r.historical_rank}] | {_num(r.ddr_first, unit)} "
                         f"[{r.ddr_first_rank}] | {_num(r.exclusionary, unit)} [{r.exclusionary_rank}] |")
    lines += ["", f"![teams matter]({figures}/burundi_teams.png)", "",
              "The strategies' decision files are in `burundi_strategies.yaml`; (b) and (c) are tabulated in "
              "docs/burundi.md §5.4."]
    return "\n".join(lines) + "\n"


def strategies_yaml(result: BurundiResult) -> str:
    """Every strategy's decision file, one YAML document each (``---``), named in a comment."""
    return "".join(f"---\n# strategy: {name}\n{text}" for name, text in result.decisions.items())


def replicates_table(result: BurundiResult) -> pd.DataFrame:
    """Every strategy's per-replicate rows in one table (column ``strategy``)."""
    frames = [t.assign(strategy=name) for name, t in {**result.fixed, **result.random}.items()]
    return pd.concat(frames).reset_index()


def save(result: BurundiResult, folder: str | Path) -> list[Path]:
    """Write the Burundi section, its tables, the strategies, a manifest and the figures into
    ``folder`` (figures under ``figures/``); return the paths written."""
    from .figures import crisis_figure, teams_figure

    folder = Path(folder)
    meta = {**result.meta, "files": list(FILES)}
    written = write_texts(folder, {
        "burundi.md": markdown(result),
        "burundi_checks.csv": result.checks.to_csv(index=False),
        "burundi_differences.csv": result.tables["differences"].to_csv(index=False),
        "burundi_replicates.csv": replicates_table(result).to_csv(index=False),
        "burundi_strategies.yaml": strategies_yaml(result),
        "burundi_manifest.json": json.dumps(meta, indent=2, default=_json) + "\n"})
    figures = folder / "figures"
    written.append(save_figure(teams_figure(result), figures / "burundi_teams.png"))
    written.append(save_figure(crisis_figure(result), figures / "burundi_2015.png"))
    return written


def _json(value):
    if isinstance(value, (np.integer, np.floating, np.bool_)):
        return value.item()
    raise TypeError(f"not JSON: {type(value).__name__}")
