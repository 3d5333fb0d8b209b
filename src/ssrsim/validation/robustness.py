"""The robustness piece of the global sensitivity study: where in the plausible space does each fact hold?

The stylised facts are checked at the calibrated values (``ssrsim validate``). Here they are
checked again at points of a Latin hypercube over the ranges of the most influential parameters
(the Morris piece's), every other value as calibrated: at each point, every arm the facts compare
runs with the point's values, the fast size's citizen sample and ``replicates`` paired replicates
(replicate r of every arm on ``SeedSequence([seed, r])``, as in ``ssrsim validate``), and every
check is evaluated. What is
reported per check is the share of points where it passes (``Outcome.passed``) and where its
effect has the stated sign (effect > 0; a knock-out, which asks for no effect, has no sign).

The facts, their arms and checks are read through their interfaces only (``FACTS``, each
``Fact.arms`` and ``Fact.checks``, ``arm_config``, ``run_arm``, ``Check.outcome``), so a new
fact, arm or metric is taken as it comes. An arm that sets a parameter the point moves keeps its
own value: that value is the contrast its checks measure. A point is the unit of work and of
resumption: its checks are written to ``points/point_NNN.parquet`` when its arms have run; the
same command skips the points written.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..config.errors import UserError, readable_errors
from ..run.files import atomic, changed, read_json, read_table, remove_own, write_text
from ..run.provenance import fingerprint
from ..run.results import refuse_theirs
from ..sweeps.designs import design_table, problem
from ..sweeps.study import design_digest, row_config
from .arms import arm_config, run_arm
from .checks import KNOCK_OUT
from .facts import ARMS, FACTS, Fact

RECORD = "robustness.json"  # the piece's identity: design, arms, checks, replicates
DESIGN_TABLE = "design.parquet"  # a row per point, a column per parameter
POINTS = "points"  # one table per finished point: its checks
#: Everything the piece writes in its folder besides what :mod:`.sensitivity` lists.
FILES = (RECORD, DESIGN_TABLE, f"{POINTS}/point_*.parquet")
DEFAULT_POINTS = 30
DEFAULT_REPLICATES = 20
#: The size whose arms are taken (``arms.arm_config``), with ``replicates`` set here: the fast one,
#: whose citizen sample (4,000 rather than 20,000) makes a run a fifth quicker, so that 30 points
#: fit in the 90 minutes a piece may take on two cores. A smaller sample measures confidence (and
#: the legitimacy it feeds) with more noise; 20 replicates, not the sample, bound each check's precision.
SIZE = "fast"


def lhs_design(top: pd.DataFrame, points: int, seed: int) -> pd.DataFrame:
    """``points`` Latin-hypercube points over ``top``'s ranges (``parameter``, ``low``, ``high``),
    as the config takes them (integer keys rounded). Any number of points (no index is computed
    from them, unlike ``ssrsim sensitivity --method lhs``)."""
    from SALib.sample import latin

    if points < 1:
        raise ValueError(f"--points {points}: at least one point")
    prob = problem(dict(zip(top["parameter"], zip(top["low"], top["high"]))))
    bounds = np.asarray(prob["bounds"])
    X = np.clip(latin.sample(prob, points, seed=seed), bounds[:, 0], bounds[:, 1])
    return design_table(prob["names"], X)


def arms_of(facts: tuple[Fact, ...] = FACTS) -> list[str]:
    """Every arm the facts compare, once, in the order the facts name them."""
    return list(dict.fromkeys(a for f in facts for a in f.arms))


def validation_seed() -> int:
    """The root seed the facts' arms run on (``ssrsim validate``'s): the study's, unless overridden."""
    return arm_config(arms_of()[0], SIZE).seed


@cache
def arm_base(arm: str, extra: tuple[str, ...]):
    """An arm's configuration with ``extra`` (composed by Hydra once per process: a point's values
    are then set on it, which is what composing them again would give)."""
    return arm_config(arm, SIZE, extra)


def overrides_of(values: dict) -> list[str]:
    """A design row as overrides (integer keys hold integers in the design)."""
    return [f"{k}={int(v) if isinstance(v, (int, np.integer)) else repr(float(v))}" for k, v in values.items()]


def set_by(arm: str) -> set[str]:
    """The keys an arm's own overrides set."""
    return {o.split("=", 1)[0].lstrip("+~") for o in ARMS[arm]}


def at_point(arm: str, values: dict) -> dict:
    """A point's values as one arm takes them: without the keys the arm sets itself, since the
    arm's own value is the contrast its checks measure."""
    return {k: v for k, v in values.items() if k not in set_by(arm)}


def plan(folder: Path, design: pd.DataFrame, overrides: list[str], replicates: int, overwrite: bool,
         facts: tuple[Fact, ...] = FACTS) -> list[int]:
    """Check the folder, the arms' configurations at every point and the piece's identity; write
    the design and record; return the points still to run. ``UserError`` naming what is wrong;
    nothing is written before every check has passed."""
    folder = Path(folder)
    record = folder / RECORD
    resumed = record.is_file() and not changed(record)
    refuse_theirs(folder, FILES, overwrite or resumed, how="pass overwrite=true (every point then runs again)")
    arms = arms_of(facts)
    for o in overrides:  # an override comes after an arm's own (arm_config): it would undo its contrast
        arm = next((a for a in arms if o.split("=", 1)[0] in set_by(a)), None)
        if arm is not None:
            raise UserError(f"{o.split('=', 1)[0]}: set by the arm {arm!r} of the stylised facts; the robustness "
                            "piece runs the arms as they are (override the model's other keys)")
    extra = [*overrides, f"replicates={replicates}"]
    configs = {}
    for arm in arms:
        try:
            with readable_errors():
                configs[arm] = arm_base(arm, tuple(extra))
        except UserError as e:
            raise UserError(f"arm {arm!r}:\n{e}") from None
    for i, values in enumerate(design.to_dict("records")):
        for arm, cfg in configs.items():
            try:
                with readable_errors():
                    row_config(cfg, at_point(arm, values))
            except UserError as e:
                raise UserError(f"point {i}, arm {arm!r} ({', '.join(overrides_of(values))}):\n{e}") from None
    identity = {"design": design_digest(design), "parameters": list(design.columns), "points": len(design),
                "replicates": replicates, "months": configs[arms[0]].months, "seed": configs[arms[0]].seed,
                "arms": {arm: fingerprint(cfg) for arm, cfg in configs.items()},
                "checks": [[f.number, j + 1, c.statistic, c.minimum] for f in facts for j, c in enumerate(f.checks)]}
    if resumed and not overwrite:
        before = read_json(record)
        if before != identity:
            what = [k for k in identity if before.get(k) != identity[k]]
            raise UserError(f"{folder} holds a robustness study of another {', '.join(what)} (the Morris ranking, the "
                            "facts or the overrides changed); choose another --out or pass overwrite=true "
                            "(every point then runs again)")
    elif (folder / POINTS).is_dir():
        remove_own(folder / POINTS)  # overwrite, or a record edited by hand: the points run again
    folder.mkdir(parents=True, exist_ok=True)
    atomic(folder / DESIGN_TABLE, lambda p: design.to_parquet(p, index=False))
    write_text(record, json.dumps(identity, indent=2))
    return [i for i in range(len(design)) if not finished(folder, i)]


def point_file(folder: Path, point: int) -> Path:
    return Path(folder) / POINTS / f"point_{point:03d}.parquet"


def finished(folder: Path, point: int) -> bool:
    """A point's table is there, as ssrsim wrote it (an edited or damaged one runs again)."""
    path = point_file(folder, point)
    return path.is_file() and not changed(path)


def evaluate(data: dict, facts: tuple[Fact, ...] = FACTS) -> pd.DataFrame:
    """One row per check: its outcome at one point (``passed``, ``positive``: effect > 0)."""
    rows = []
    for f in facts:
        for j, c in enumerate(f.checks):
            o = c.outcome(data)
            knock_out = getattr(c, "kind", "") == KNOCK_OUT  # asks for no effect: it has no sign
            rows.append({"fact": f.number, "check": j + 1, "statistic": c.statistic,
                         "kind": getattr(c, "kind", ""), "effect": o.effect, "lo": o.lo, "hi": o.hi,
                         "minimum": o.minimum, "passed": bool(o.passed),
                         "positive": np.nan if knock_out else float(o.effect > 0)})
    return pd.DataFrame(rows)


def run_point(folder: Path, point: int, values: dict, overrides: list[str], replicates: int) -> float:
    """Every arm at one point (``replicates`` paired replicates each, one process), its checks into
    ``points/point_NNN.parquet``; return its wall seconds."""
    start = time.perf_counter()
    extra = (*overrides, f"replicates={replicates}")
    data = {arm: run_arm(row_config(arm_base(arm, extra), at_point(arm, values)), arm) for arm in arms_of()}
    seconds = time.perf_counter() - start
    table = evaluate(data).assign(point=point, seconds=round(seconds, 2), **values)
    path = point_file(folder, point)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic(path, lambda p: table.to_parquet(p, index=False))
    return seconds


def _worker_start() -> None:
    """A worker leaves Ctrl-C to the command, which stops the pool and says what was kept."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger("MESA").setLevel(logging.WARNING)


def _task(args: tuple) -> tuple[int, float]:
    return args[1], run_point(*args)


def run_points(folder: Path, todo: list[int], overrides: list[str], replicates: int, workers: int,
               say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)) -> None:
    """Run the points ``todo`` (``workers`` processes; one: in this process), saying after each how
    many are done and about how long the rest will take."""
    design = read_table(Path(folder) / DESIGN_TABLE)
    total = len(design)
    rows = design.to_dict("records")  # each column's own type: an integer key stays an integer
    tasks = [(folder, i, rows[i], overrides, replicates) for i in todo]
    start, done = time.perf_counter(), total - len(todo)
    say(f"robustness: {total} point{'s' if total != 1 else ''} x {len(arms_of())} arms x {replicates} replicates "
        f"into {folder}"
        + (f"; {done} already complete will be skipped" if done else ""))

    def report(point: int, seconds: float) -> None:
        nonlocal done
        done += 1
        elapsed = time.perf_counter() - start
        ran = done - (total - len(todo))
        left = elapsed / ran * (total - done)
        say(f"robustness: point {point} took {seconds:.0f}s; {done}/{total} points complete, {elapsed:.0f}s elapsed"
            + (f", ~{left:.0f}s left" if done < total else ""))

    for point, seconds in (map(_task, tasks) if workers <= 1 or len(tasks) <= 1 else pooled(tasks, workers)):
        report(point, seconds)


def pooled(tasks: list[tuple], workers: int, task: Callable = _task) -> Iterator:
    """``task`` (``_task``) of each task in ``workers`` spawned processes, as each finishes. Ctrl-C, a kill
    (SIGTERM) of the command or a failure stops them all: the points written are kept, the others
    run again next time. (A kill used to end the command alone, its workers running on.)"""
    from multiprocessing import get_context

    pool = get_context("spawn").Pool(min(workers, len(tasks)), initializer=_worker_start)
    before = signal.signal(signal.SIGTERM, _terminated)
    try:
        yield from pool.imap_unordered(task, tasks)
        pool.close()
    finally:
        signal.signal(signal.SIGTERM, before)
        pool.terminate()
        pool.join()


def _terminated(signum, frame) -> None:
    """A kill of the command ends it as Ctrl-C does: its workers stopped, what was written kept."""
    raise KeyboardInterrupt


def collect(folder: Path) -> pd.DataFrame:
    """Every point's checks (a row per point and check); ``UserError`` naming missing points."""
    record = read_json(Path(folder) / RECORD, ("points",))
    missing = [i for i in range(record["points"]) if not finished(folder, i)]
    if missing:
        raise UserError(f"{folder}: {len(missing)} of {record['points']} points have not finished (points "
                        f"{', '.join(map(str, missing[:10]))}); run the same command again to finish them")
    return pd.concat([read_table(point_file(folder, i)) for i in range(record["points"])], ignore_index=True)


def shares(checks: pd.DataFrame) -> pd.DataFrame:
    """Per check: over how many points it ran, the share where it passed, the share where its
    effect had the stated sign (none for a knock-out), and the median effect."""
    grouped = checks.groupby(["fact", "check", "statistic", "kind", "minimum"], sort=True)
    return grouped.agg(points=("point", "nunique"), passed=("passed", "mean"), positive=("positive", "mean"),
                       median_effect=("effect", "median")).reset_index()


def summary(table: pd.DataFrame, about: str) -> str:
    """``summary.md`` of the robustness piece: what ran and each check's shares."""
    lines = ["### Where the stylised facts hold in the plausible space", "", about, "",
             "| fact | check | statistic | minimum | passes | right sign | median effect |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {r.fact} | {r.check} | {r.statistic}{' (knock-out)' if r.kind == KNOCK_OUT else ''} | "
              f"{r.minimum:g} | {r.passed:.0%} | {'–' if pd.isna(r.positive) else f'{r.positive:.0%}'} | "
              f"{r.median_effect:.3g} |" for r in table.itertuples()]
    return "\n".join(lines) + "\n"
