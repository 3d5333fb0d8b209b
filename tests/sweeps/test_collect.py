"""Collecting a sweep folder: one row per finished job, typed swept values, missing jobs listed."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from ssrsim.config.compose import compose
from ssrsim.run.analysis import cumulative_incidence
from ssrsim.sweeps.collect import CONFIDENCE_TABLE, SWEEP_TABLE, PartialSweep, collect, job_outcomes, load_sweep, swept_values
from ssrsim.sweeps.jobs import run_job
from ssrsim.sweeps.plan import PLAN_FILE

TINY = ["months=18", "replicates=2", "context.citizens=500"]
JOBS = [["levers.political_will=0.3", *TINY], ["levers.political_will=0.7", *TINY], ["levers.political_will=0.9", *TINY]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A sweep folder by hand: the plan, and jobs 0 and 1 run (job 2 missing)."""
    folder = tmp_path_factory.mktemp("sweep")
    (folder / PLAN_FILE).write_text(json.dumps({"command": ["ssrsim", "run", "-m", "..."], "description": "a test",
                                                "swept": ["levers.political_will"], "jobs": JOBS}))
    for i, job in enumerate(JOBS[:2]):
        run_job(compose("baseline", job), folder / str(i), i, job)
    return folder


def test_an_unfinished_sweep_is_refused_unless_partial(folder):
    with pytest.raises(PartialSweep, match=r"1 of 3 jobs have not finished or are damaged \(jobs 2\); run `ssrsim run -m \.\.\.` again"):
        collect(folder)


def test_one_row_per_finished_job_and_the_missing_ones_listed(folder):
    table = collect(folder, partial=True)
    assert table["job"].tolist() == [0, 1]
    assert table["levers.political_will"].tolist() == [0.3, 0.7]  # typed from the job's config
    assert (table["replicates"] == 2).all() and (table["months"] == 18).all()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["missing_jobs"] == [2] and manifest["jobs_collected"] == 2 and manifest["jobs_planned"] == 3
    pd.testing.assert_frame_equal(load_sweep(folder), table)
    csv = pd.read_csv(folder / "sweep.csv")
    assert csv["job"].tolist() == [0, 1]
    floats = table.select_dtypes("float").columns
    pd.testing.assert_frame_equal(csv[floats], table[floats].round(4), check_dtype=False)  # readable, four decimals
    assert (csv["mean_public_confidence"] != table["mean_public_confidence"]).any()  # rounded, not the full floats


def test_confidence_quantiles_per_job_month_and_variable(folder):
    collect(folder, partial=True)
    confidence = pd.read_parquet(folder / CONFIDENCE_TABLE)
    assert set(confidence["job"]) == {0, 1}
    assert confidence.groupby(["job", "variable"]).size().eq(19).all()  # months 0..18
    assert (confidence["q05"] <= confidence["q50"]).all() and (confidence["q50"] <= confidence["q95"]).all()


def test_collecting_again_gives_the_same_table(folder):
    first = collect(folder, partial=True)
    assert (folder / SWEEP_TABLE).exists()
    pd.testing.assert_frame_equal(collect(folder, partial=True), first)


def test_swept_values_are_typed_from_the_config_else_the_override_text():
    config = {"levers": {"political_will": 0.4}, "experiment": None}
    values = swept_values(config, ["levers.political_will=0.4", "experiment=ddr_pacing"],
                          ["levers.political_will", "experiment"])
    assert values == {"levers.political_will": 0.4, "experiment": "ddr_pacing"}


SUMMARY_BY_HAND = pd.DataFrame({"relapse_month": pd.array([30, None, 90, None], dtype="Int64"),
                                "war_relapse_month": pd.array([None] * 4, dtype="Int64"),
                                "relapsed": [True, False, True, False],
                                "mean_public_confidence": [0.4, 0.5, 0.6, 0.5],
                                "final_public_confidence": [0.3, 0.5, 0.7, 0.6]})
CONFIDENCE_BY_HAND = pd.DataFrame({"month": np.repeat(np.arange(121), 4), "replicate": np.tile(range(4), 121),
                                   **{c: 0.5 for c in ("public_confidence", "confidence_army",
                                                      "confidence_police", "confidence_gendarmerie")}})
ATROCITY_COLUMNS = ("p_one_sided_violence_end", "p_mass_atrocity_end", "mean_peak_group_one_sided_deaths")


def test_job_outcomes_from_a_summary_by_hand():
    row = job_outcomes(SUMMARY_BY_HAND, CONFIDENCE_BY_HAND, 120)
    assert row["p_relapse_5y"] == 0.25 and row["p_relapse_10y"] == 0.5 and np.isnan(row["p_relapse_20y"])
    assert row["p_relapse_5y_lo"] < 0.25 < row["p_relapse_5y_hi"]
    assert row["p_war_relapse_end"] == 0 and row["relapse_share"] == 0.5
    assert row["final_public_confidence_median"] == 0.55 and row["mean_confidence_army"] == 0.5
    assert not any(c.startswith(ATROCITY_COLUMNS) for c in row)  # a run from before atrocity risk


def test_job_outcomes_with_atrocity_risk():
    summary = SUMMARY_BY_HAND.assign(one_sided_violence_month=pd.array([10, 60, None, 130], dtype="Int64"),
                                     mass_atrocity_month=pd.array([None, 100, None, None], dtype="Int64"),
                                     peak_group_one_sided_deaths=[30, 1500, 0, 50])
    row = job_outcomes(summary, CONFIDENCE_BY_HAND, 120)
    for name, p, column in (("p_one_sided_violence_end", 0.5, "one_sided_violence_month"),  # 130: after the end
                            ("p_mass_atrocity_end", 0.25, "mass_atrocity_month")):
        ci = cumulative_incidence(summary, 120, column).iloc[120]
        assert (row[name], row[f"{name}_lo"], row[f"{name}_hi"]) == (p, ci["lo"], ci["hi"])
        assert row[f"{name}_lo"] < p < row[f"{name}_hi"]
    assert row["mean_peak_group_one_sided_deaths"] == 395
    assert list(row).index("p_war_relapse_end") < list(row).index("p_one_sided_violence_end")


def test_a_damaged_job_is_redone_and_not_collected(tmp_path):
    """The completion record holds its tables' checksums: a job whose table was damaged after it
    finished is not trusted (collect refuses it, the sweep runs it again)."""
    import io

    from ssrsim.sweeps.jobs import run_job
    from ssrsim.sweeps.plan import DONE_FILE, is_complete

    (tmp_path / PLAN_FILE).write_text(json.dumps({"command": ["ssrsim", "run", "-m", "..."], "description": "",
                                                  "swept": ["levers.political_will"], "jobs": JOBS[:2]}))
    configs = [compose("baseline", job) for job in JOBS[:2]]
    for i, cfg in enumerate(configs):
        run_job(cfg, tmp_path / str(i), i, JOBS[i])
    good = collect(tmp_path)
    record = json.loads((tmp_path / "1" / DONE_FILE).read_text())
    assert set(record["checksums"]) >= {"summary.parquet", "timeseries.parquet", "config.yaml"}
    summary = tmp_path / "1" / "summary.parquet"
    summary.write_bytes(summary.read_bytes()[:50])  # damaged after the job finished
    assert not is_complete(tmp_path / "1", configs[1])
    with pytest.raises(PartialSweep, match=r"jobs 1\)"):
        collect(tmp_path)
    said = io.StringIO()
    run_job(configs[1], tmp_path / "1", 1, JOBS[1], stream=said)
    assert "job 1: damaged (summary.parquet), run again" in said.getvalue()
    pd.testing.assert_frame_equal(collect(tmp_path), good)


def test_planning_a_large_sweep_says_how_far_it_is():
    from ssrsim.sweeps.plan import plan

    said = []
    planned = plan(["levers.political_will=range(0.05,1.0,0.05)", "months=2", "replicates=1"],
                   progress=lambda done, total: said.append((done, total)), every=0)
    assert len(planned.jobs) == 19 and said == [(i, 19) for i in range(19)]
