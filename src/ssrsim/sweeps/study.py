"""A study: design rows run in blocks, one job per block, one Parquet table per block.

A sensitivity design of thousands of rows as thousands of sweep jobs spent more on each job than
on its model (composing it twice, starting it, writing ten files), and left a folder per run. A
study instead cuts its design into blocks of rows. Each block is one job of an ordinary sweep
(``+design=block_NNNN``): planned, launched on any launcher, resumed and checked as every sweep
job is. A block's job runs its rows one after the other in one process, and writes one table,
``<job>/block.parquet``: a row per run, with the run's design values and its summary (relapse
months at both thresholds, deaths by kind, confidence, coups, ...). No run tables, no figures.

Each row's configuration is the study's base configuration (composed once, by the sweep) with the
row's values set and validated, not composed again by Hydra. Run ``k = row × R + r`` (replicate
``r`` of ``R`` per row) draws from ``SeedSequence([seed, k])``: with one replicate per row, row
``i`` draws from ``SeedSequence([seed, i])`` (other rules: ``SEEDS``). The block option files set
nothing; the study's ``study.json`` and ``design.parquet`` say which rows a block holds.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import Config, paths
from ..config.errors import UserError, readable_errors
from ..run.files import atomic, read_json, read_table, write_text, write_texts
from ..run.provenance import fingerprint
from .plan import BLOCK_TABLE, DONE_FILE, PLAN_FILE, damaged, read_record

STUDY_FILE = "study.json"  # in the study folder: the design's identity and its blocks
DESIGN_TABLE = "design.parquet"  # the design: a row per design row, a column per parameter
STUDY_TABLE = "study.parquet"  # collected: a row per run, every block's
ROWS_TABLE = "study_rows.parquet"  # collected: a row per design row, its outcomes over its runs
#: At most this many rows in a block by default: a block of the default scenario (240 months) takes
#: about half a minute, and an interrupted study loses at most that much per worker.
MAX_BLOCK_ROWS = 50
#: Blocks a study is cut into at least (when it has rows enough): two workers stay busy to the end.
MIN_BLOCKS = 16
#: How a study's runs are seeded. ``rows``: every run its own stream, rows independent draws.
#: ``common``: every row's run r on the same stream, so rows differ only in their values (common
#: random numbers: the paired comparisons of a Morris trajectory are far less noisy).
#: ``trajectories``: common random numbers within each Morris trajectory (its k + 1 rows, the
#: study's ``rows_per_trajectory``) and another stream for each trajectory, so that an elementary
#: effect is a paired difference and mu* still averages over as many streams as trajectories.
SEEDS = {"rows": "run k = row x replicates + r draws SeedSequence([seed, k])",
         "common": "run r of every row draws SeedSequence([seed, r]) (common random numbers)",
         "trajectories": "run r of every row of trajectory t draws SeedSequence([seed, t x replicates + r])"}
#: Months counted by a run's ``battle_deaths_10y`` (months 0 to 120, as the validation's ``deaths_10y``).
FIRST_DECADE = 120


def is_study(folder: Path) -> bool:
    return (Path(folder) / STUDY_FILE).is_file()


def block_rows(rows: int, given: int | None = None) -> int:
    """Rows per block: ``given``, else enough blocks to share between workers, none too long."""
    if given is not None:
        if given < 1:
            raise ValueError(f"--block {given}: a block needs at least one row")
        return given
    return max(1, min(MAX_BLOCK_ROWS, math.ceil(rows / MIN_BLOCKS)))


def design_digest(design: pd.DataFrame) -> str:
    """What identifies a design: its parameters and every value (a study folder holds one design)."""
    data = json.dumps({"names": list(design.columns), "values": design.to_numpy().tolist()})
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def write_study(folder: Path, design: pd.DataFrame, rows_per_block: int, base: Config, about: dict) -> list[str]:
    """Write the design, the study's record and one option file per block; return the options'
    names (``block_0000`` ...). ``design``: a row per design row, a column per parameter path,
    values typed as the config holds them; ``base``: the configuration the rows are set on.
    ``about``: the method, n, the design's seed and the seeding (``SEEDS``; ``trajectories`` needs
    ``rows_per_trajectory``), for the record."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    blocks = math.ceil(len(design) / rows_per_block)
    atomic(folder / DESIGN_TABLE, lambda p: design.to_parquet(p, index=False))
    write_text(folder / STUDY_FILE, json.dumps(
        {**about, "design": design_digest(design), "config": fingerprint(base), "seed": base.seed,
         "replicates_per_row": base.replicates, "months": base.months,
         "rows": len(design), "parameters": list(design.columns),
         "rows_per_block": rows_per_block, "blocks": blocks, "seeds": SEEDS[about.get("seeding", "rows")]},
        indent=2))
    names = [f"block_{b:04d}" for b in range(blocks)]
    write_texts(folder / "design", {
        f"{name}.yaml": f"# @package _global_\n# design rows {b * rows_per_block} to "
                        f"{min(len(design), (b + 1) * rows_per_block) - 1} of {folder / DESIGN_TABLE}\n{{}}\n"
        for b, name in enumerate(names)})
    return names


def check_same_design(folder: Path, design: pd.DataFrame, base: Config, overwrite: bool,
                      seeding: str = "rows") -> None:
    """Refuse to start a study in a folder holding another study (another design, or the same on
    another base configuration or seeding: ``months``, the scenario, ``SEEDS``...), or a sweep that
    is not a study (an ``ssrsim run -m`` sweep, or a study made before studies ran in blocks, whose jobs would pass
    for finished blocks), unless ``overwrite``. Nothing in the folder has changed yet."""
    folder = Path(folder)
    if overwrite:
        return
    if not is_study(folder):
        if (folder / PLAN_FILE).is_file():
            raise UserError(f"{folder} holds a sweep that is not a study in blocks (an ssrsim run -m sweep, or a "
                            "study made by an earlier ssrsim); choose another folder or pass overwrite=true "
                            "(every block then runs)")
        return
    record = read_json(folder / STUDY_FILE)
    if record.get("design") != design_digest(design):
        raise UserError(f"{folder} holds a study of another design ({record.get('method')}, n = {record.get('n')}, "
                        f"{record.get('rows')} rows); choose another folder or pass overwrite=true "
                        "(every block then runs again)")
    if record.get("config") != fingerprint(base) or record.get("seeding", "rows") != seeding:
        raise UserError(f"{folder} holds a study of this design on another configuration (its overrides differ: "
                        f"months {record.get('months')}, {record.get('replicates_per_row')} runs a row, "
                        f"seeds {record.get('seeding', 'rows')}, ...); "
                        "choose another folder or pass overwrite=true (every block then runs again)")


def row_config(base: Config, values: dict) -> Config:
    """``base`` with a design row's ``values`` (path -> value) set, validated."""
    data = base.model_dump()
    for path, value in values.items():
        paths.assign(data, path, value.item() if isinstance(value, np.generic) else value)
    return Config.model_validate(data)


def check_rows(base: Config, design: pd.DataFrame) -> None:
    """Validate every design row on ``base`` before any job starts; a bad row is named."""
    for i, values in enumerate(design.to_dict("records")):
        try:
            with readable_errors():
                row_config(base, values)
        except UserError as e:
            raise UserError(f"design row {i} ({', '.join(f'{k}={v}' for k, v in values.items())}):\n{e}") from None


def block_of(folder: Path, job: int) -> tuple[dict, pd.DataFrame]:
    """The study's record and block ``job``'s design rows (indexed by row number)."""
    study = read_json(Path(folder) / STUDY_FILE, ("rows_per_block", "rows"))
    design = read_table(Path(folder) / DESIGN_TABLE)
    first = job * study["rows_per_block"]
    return study, design.iloc[first: min(len(design), first + study["rows_per_block"])]


def stream_of(study: dict, row: int, r: int, runs: int) -> int:
    """The random stream (``SeedSequence([seed, k])``'s k) of run ``r`` of design row ``row``
    (``runs`` runs a row), by the study's seeding rule (``SEEDS``)."""
    seeding = study.get("seeding", "rows")
    if seeding == "common":
        return r
    if seeding == "trajectories":
        return row // study["rows_per_trajectory"] * runs + r
    return row * runs + r


def run_block(base: Config, job_folder: Path, job: int, stream=sys.stderr) -> float:
    """Run block ``job``'s rows (``base.replicates`` runs each) into ``<job_folder>/block.parquet``;
    return the block's wall seconds. Memory holds the block's summary rows only: a run's row is
    its ``summary()`` and its battle deaths in months 0 to 120 (``battle_deaths_10y``), which
    a Morris screening reads where the summary holds only the run's total."""
    import time

    from ..model import SSRModel
    from ..run.runner import release, summary_frame

    start = time.perf_counter()
    study, rows = block_of(Path(job_folder).parent, job)
    runs = base.replicates
    out = []
    for done, (row, values) in enumerate(rows.to_dict("index").items(), start=1):
        cfg = row_config(base, values)
        for r in range(runs):
            model = SSRModel(cfg, stream_of(study, row, r, runs), tables=False)  # its summary only
            model.run()
            out.append({"row": row, **values, **model.summary(),
                        "battle_deaths_10y": int(model.deaths_history[: FIRST_DECADE + 1].sum())})
            release(model)
        print(f"job {job}: design row {done}/{len(rows)}", file=stream, flush=True)
    table = summary_frame(out)
    atomic(Path(job_folder) / BLOCK_TABLE, lambda p: table.to_parquet(p, index=False))
    return time.perf_counter() - start


def collect_study(folder: Path) -> pd.DataFrame:
    """Every block's table into ``study.parquet`` (a row per run), and each design row's outcomes
    over its runs into ``study_rows.parquet``; return the latter."""
    from ..run.results import refuse_theirs

    folder = Path(folder)
    refuse_theirs(folder, (STUDY_TABLE, ROWS_TABLE), overwrite=True)  # it rebuilds its own tables, never a user's
    study = read_json(folder / STUDY_FILE, ("blocks", "parameters", "months"))
    missing = [b for b in range(study["blocks"])
               if (r := read_record(folder / str(b) / DONE_FILE)) is None or damaged(folder / str(b), r)]
    if missing:
        listed = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        raise UserError(f"{folder}: {len(missing)} of {study['blocks']} blocks have not finished or are damaged "
                        f"(blocks {listed}); run the same command again to finish them")
    runs = pd.concat([read_table(folder / str(b) / BLOCK_TABLE) for b in range(study["blocks"])], ignore_index=True)
    atomic(folder / STUDY_TABLE, lambda p: runs.to_parquet(p, index=False))
    rows = row_outcomes(runs, study["parameters"], study["months"])
    atomic(folder / ROWS_TABLE, lambda p: rows.to_parquet(p, index=False))
    return rows


#: A design row's outcomes over its runs (the means of per-run values), for the indices.
OUTCOMES = {
    "relapse": "share of runs with a relapse into armed conflict (25 battle deaths) within 10 years",
    "war_relapse": "share of runs with a war-level relapse (1,000 battle deaths) within 10 years",
    "mean_public_confidence": "mean public confidence over the run",
    "battle_deaths": "battle deaths over the run",
    "one_sided_deaths": "one-sided deaths (civilians killed) over the run",
}


def row_outcomes(runs: pd.DataFrame, parameters: list[str], months: int) -> pd.DataFrame:
    """A row per design row: its values, its runs and the mean of each outcome over them. Relapse
    counts within 10 years, or by the end of a shorter run."""
    horizon = min(120, months)
    within = {name: runs[column].astype(float).le(horizon)  # a missing month (no relapse) is False
              for name, column in (("relapse", "relapse_month"), ("war_relapse", "war_relapse_month"))}
    per_run = runs[["row", *parameters]].assign(
        **within, mean_public_confidence=runs["mean_public_confidence"],
        battle_deaths=runs["total_battle_deaths"].astype(float),
        one_sided_deaths=runs["total_one_sided_deaths"].astype(float))
    grouped = per_run.groupby("row", sort=True)
    table = grouped[parameters].first().join(grouped.size().rename("runs")).join(grouped[list(OUTCOMES)].mean())
    return table.reset_index().assign(horizon_months=horizon).astype({o: float for o in OUTCOMES})
