"""Collecting a sweep folder into one tidy table per sweep (``ssrsim collect DIR``).

Reads each finished job's small summary and its confidence columns one job at a time, reduces
them to one row (relapse and atrocity probabilities with 95% intervals, confidence statistics)
and one small per-month table, and writes those as it goes, so memory stays flat however many
jobs there are:

* ``sweep.parquet`` / ``sweep.csv``: one row per job, swept values as columns;
* ``sweep_confidence.parquet``: job × month × variable, quantiles across replicates;
* ``manifest.json``: versions, commit, command, seeds, and every job (with missing ones listed).

Everything derives from the job folders, so collecting again gives the same tables, and the
table of a resumed sweep equals that of an uninterrupted one.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from ..config import SERVICES, paths
from ..config.errors import UserError
from ..model.outputs import confidence_columns
from ..run.analysis import bands, cumulative_incidence, horizon_events, relapse_probabilities
from ..run.files import atomic, read_json, read_table, read_text, write_text, writing
from ..run.provenance import provenance
from ..run.results import refuse_theirs
from .plan import (COLLECTED, CONFIDENCE_TABLE, DONE_FILE, PLAN_FILE, SWEEP_TABLE, damaged, key_of, read_record,
                   swept_keys)

CONFIDENCE_COLUMNS = tuple(confidence_columns())
YEARS = (5, 10, 20)
#: Decimals of the floats in sweep.csv.
CSV_DECIMALS = 4


def swept_values(config: dict, overrides: list[str], swept: list[str]) -> dict:
    """The job's value of each swept key: typed from its config, else the override's text."""
    given = {key_of(o): o.split("=", 1)[1] for o in overrides}
    out = {}
    for key in swept:
        value = paths.get(config, key)
        out[key] = given.get(key) if value is None or isinstance(value, (dict, list)) else value
    return out


def _interval_columns(name: str, row) -> dict:
    return {name: row["p"], f"{name}_lo": row["lo"], f"{name}_hi": row["hi"]}


def job_outcomes(summary: pd.DataFrame, confidence: pd.DataFrame, months: int) -> dict:
    """One job's headline numbers: relapse and atrocity risk with 95% intervals, and confidence
    statistics. Outcomes whose summary column a job lacks (an older run) are left out of its row."""
    row: dict = {"replicates": len(summary), "months": months}
    probs = relapse_probabilities(summary, months, YEARS).set_index("years")
    for years in YEARS:
        p = probs.loc[years] if years in probs.index else {"p": np.nan, "lo": np.nan, "hi": np.nan}
        row |= _interval_columns(f"p_relapse_{years}y", p)
    row |= _interval_columns("p_relapse_end", cumulative_incidence(summary, months).iloc[months])
    for column, p in horizon_events(summary, months, months).items():  # p_war_relapse_end, p_mass_atrocity_end, …
        row |= _interval_columns(f"p_{column.removesuffix('_month')}_end", p)
    row["relapse_share"] = float(summary["relapsed"].mean())
    if "peak_group_one_sided_deaths" in summary:  # absent from runs before atrocity risk was modelled
        row["mean_peak_group_one_sided_deaths"] = float(summary["peak_group_one_sided_deaths"].mean())
    row["mean_public_confidence"] = float(summary["mean_public_confidence"].mean())
    row["final_public_confidence_median"] = float(summary["final_public_confidence"].median())
    final = confidence[confidence["month"] == months]
    for s in SERVICES:
        col = f"confidence_{s}"
        row[f"mean_{col}"] = float(confidence[col].mean())
        row[f"final_{col}_median"] = float(final[col].median())
    return row


def planned_jobs(folder: Path) -> tuple[dict, list[list[str]]]:
    """The sweep's plan (command, description, swept keys) and its jobs' overrides.

    A folder without a plan (a sweep run before plans were recorded, or by hand) is read from
    its numbered job folders, and the swept keys are those whose value differs between jobs.
    """
    if (folder / PLAN_FILE).exists():
        plan = read_json(folder / PLAN_FILE, ("jobs",))
        if not isinstance(plan["jobs"], list) or not all(isinstance(job, list) for job in plan["jobs"]):
            raise UserError(f"{folder / PLAN_FILE} is not the plan ssrsim wrote there (jobs: a list of overrides)")
        return plan, plan["jobs"]
    last = max((int(p.name) for p in folder.iterdir() if p.name.isdigit()), default=-1)
    jobs: list[list[str]] = [[] for _ in range(last + 1)]
    for i in range(last + 1):
        record = read_record(folder / str(i) / DONE_FILE)
        if record is not None and isinstance(record.get("overrides"), list):
            jobs[i] = record["overrides"]  # an unreadable marker: the job counts as unfinished
    return {"command": None, "description": "", "swept": swept_keys(jobs)}, jobs


class PartialSweep(UserError):
    """Some planned jobs have not finished, and the user did not ask for a partial collection."""


def collect(folder: str | Path, partial: bool = False) -> pd.DataFrame:
    """Write the sweep's tables and manifest into ``folder`` and return the job table.

    A sweep with unfinished jobs is refused (``PartialSweep``, before anything is written) unless
    ``partial``: then the finished jobs are collected and the manifest lists the missing ones.
    Collecting again replaces the tables; a file of the same name that is not ssrsim's (a user's,
    or one edited since) is refused instead (``refuse_theirs``).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder")
    refuse_theirs(folder, COLLECTED, overwrite=True)  # it rebuilds its own tables, never a user's file
    plan, jobs = planned_jobs(folder)
    records = [read_record(folder / str(i) / DONE_FILE) for i in range(len(jobs))]
    missing = [i for i, r in enumerate(records) if r is None or damaged(folder / str(i), r)]
    if missing and len(missing) < len(jobs) and not partial:
        listed = ", ".join(map(str, missing[:10])) + (" …" if len(missing) > 10 else "")
        command = plan.get("command")
        command = shlex.join(command) if isinstance(command, list) else command
        resume = f"run `{command}` again to finish it" if command else "run the sweep again"
        raise PartialSweep(f"{folder}: {len(missing)} of {len(jobs)} jobs have not finished or are damaged (jobs {listed}); "
                           f"{resume}, or collect what is there with --partial")
    with writing(folder / CONFIDENCE_TABLE) as confidence_file:  # job by job, then renamed into place
        rows, done = _read_jobs(folder, plan, jobs, records, missing, confidence_file)
        if not rows:
            raise FileNotFoundError(f"{folder} holds no finished sweep job (no */{DONE_FILE})")
    table = pd.DataFrame(rows)
    atomic(folder / SWEEP_TABLE, lambda p: table.to_parquet(p, index=False))
    # The CSV is for reading and spreadsheets: four decimals (a probability over at most a few
    # thousand runs has no more); the Parquet table keeps full precision.
    atomic(folder / "sweep.csv", lambda p: table.round(CSV_DECIMALS).to_csv(p, index=False))
    manifest = {**provenance(), "sweep_command": plan["command"], "description": plan["description"],
                "swept": plan["swept"], "jobs_planned": len(jobs), "jobs_collected": len(done),
                "missing_jobs": missing,
                "seeds": "replicate r of every job uses SeedSequence([seed, r])", "jobs": done}
    write_text(folder / "manifest.json", json.dumps(manifest, indent=2))
    return table


def _read_jobs(folder: Path, plan: dict, jobs: list[list[str]], records: list[dict | None], missing: list[int],
               confidence_file: Path) -> tuple[list[dict], list[dict]]:
    """Each finished job's row and manifest entry; its confidence quantiles are appended to
    ``confidence_file`` as it goes, so memory stays flat however many jobs there are."""
    rows, done = [], []
    writer = None
    try:
        for i, overrides in enumerate(jobs):
            job_dir = folder / str(i)
            if i in missing:
                continue
            marker = records[i]
            try:
                config = yaml.safe_load(read_text(job_dir / "config.yaml"))
            except yaml.YAMLError as e:
                raise UserError(f"{job_dir}: its config.yaml is damaged ({type(e).__name__}); "
                                "run the sweep again to redo the job") from None
            summary = read_table(job_dir / "summary.parquet")
            confidence = read_table(job_dir / "timeseries.parquet", columns=["replicate", "month", *CONFIDENCE_COLUMNS])
            rows.append({"job": i, **swept_values(config, overrides, plan["swept"]),
                         "seed": config["seed"], **job_outcomes(summary, confidence, config["months"])})
            quantiles = pa.Table.from_pandas(bands(confidence, CONFIDENCE_COLUMNS).assign(job=i),
                                             preserve_index=False)
            writer = writer or pq.ParquetWriter(confidence_file, quantiles.schema)
            writer.write_table(quantiles)
            done.append({"job": i, "folder": str(job_dir), "overrides": overrides, "seed": marker["seed"],
                         "replicates": marker["replicates"], "wall_seconds": marker["wall_seconds"]})
    finally:
        if writer is not None:
            writer.close()
    return rows, done


def load_sweep(folder: str | Path) -> pd.DataFrame:
    """A collected sweep's job table (``sweep.parquet``)."""
    return pd.read_parquet(Path(folder) / SWEEP_TABLE)
