"""What the Explore page shows of a finished run: risks with intervals at both thresholds, the pairs
of two settings, the run folder (as ``ssrsim run`` writes it) and its zip, the figures."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from helpers import small_config

import ssrsim
from ssrsim.app import outcomes
from ssrsim.run.analysis import relapse_probabilities
from ssrsim.run.files import RECORD
from ssrsim.run.results import RUN_FILES

PNG = b"\x89PNG\r\n\x1a\n"


def summary(relapse: list, war: list) -> pd.DataFrame:
    return pd.DataFrame({"replicate": range(len(relapse)), "relapse_month": pd.array(relapse, dtype="Int64"),
                         "war_relapse_month": pd.array(war, dtype="Int64")})


def test_risks_at_both_thresholds_by_5_10_and_20_years_within_the_horizon():
    cfg = small_config(months=130)
    table = outcomes.risk_table(summary([10, 70, None, None], [None, 125, None, None]), cfg)
    assert list(table.columns) == ["Relapse into", "by 5 years", "by 10 years"]
    assert table["Relapse into"].tolist() == ["Armed conflict", "War"]
    armed = relapse_probabilities(summary([10, 70, None, None], [None] * 4), 130, (5, 10)).iloc[1]
    assert table.iloc[0, 2] == f"{armed.p:.2f} ({armed.lo:.2f} – {armed.hi:.2f})" and armed.p == 0.5
    assert table.iloc[1, 1].startswith("0.00 (0.00 – ")


def test_a_run_shorter_than_five_years_states_its_own_horizon():
    table = outcomes.risk_table(summary([3, None], [None, None]), small_config(months=12))
    assert list(table.columns) == ["Relapse into", "by 1 year"]
    assert outcomes.horizon_label(18) == "by 18 months"


def test_the_thresholds_are_the_configurations():
    cfg = small_config(months=12)
    cfg = cfg.model_copy(update={"thresholds": cfg.thresholds.model_copy(update={"war_deaths": 500,
                                                                                 "window_months": 6})})
    assert outcomes.thresholds(cfg) == ("Armed conflict: ≥25 battle deaths in 6 months; "
                                        "war: ≥500 battle deaths in 6 months.")


def results(cfg, summary: pd.DataFrame) -> ssrsim.Results:
    return ssrsim.Results(config=cfg, summary=summary, **{t: pd.DataFrame() for t in
                                                           ("timeseries", "provinces", "funding", "events", "groups")})


def test_pairs_of_replicates_count_where_the_settings_differ():
    cfg = small_config(months=24)
    a = results(cfg, summary([5, 30, None, 7, 3], [None] * 5))  # relapsed by month 24: 0, 3, 4
    b = results(cfg, summary([8, 12, None, None, None], [None] * 5).iloc[::-1])  # 0, 1; rows in reverse
    table = outcomes.paired_table(a, b, ("A", "B"))
    assert list(table.columns) == ["Relapse into", "A only", "B only", "both", "neither"]
    assert table.iloc[0, 1:].tolist() == [2, 1, 1, 1]  # matched by replicate, not by row
    assert table.iloc[1, 1:].tolist() == [0, 0, 0, 5]


@pytest.fixture(scope="module")
def finished():
    results = ssrsim.simulate(small_config(months=24, citizens=500), workers=1)
    return outcomes.finish(results, "Setting B", "ssrsim run scenario=baseline replicates=2")


def test_the_run_folder_is_the_one_ssrsim_run_writes(finished):
    assert finished.folder.name.endswith("_baseline_setting_b") and finished.name == "Setting B"
    assert sorted(p.name for p in finished.folder.iterdir()) == sorted((*RUN_FILES, RECORD))
    again = ssrsim.load_run(finished.folder)
    pd.testing.assert_frame_equal(again.summary, finished.results.summary)
    assert again.manifest["command"] == "ssrsim app: ssrsim run scenario=baseline replicates=2"


def test_the_zip_holds_the_folder_with_its_record(finished):
    with zipfile.ZipFile(io.BytesIO(finished.zipped())) as archive:
        names = set(archive.namelist())
        assert names == {f"{finished.folder.name}/{f}" for f in (*RUN_FILES, RECORD)}
        assert archive.read(f"{finished.folder.name}/summary.parquet") == (finished.folder / "summary.parquet").read_bytes()
    assert finished.archive_name == f"{finished.folder.name}.zip"


def test_the_page_shows_four_figures_of_the_run(finished):
    assert list(finished.figures) == ["Relapse risk", "Public confidence", "Fighters by status", "Violence"]
    assert finished.figures["Relapse risk"] == (finished.folder / "relapse_risk.png").read_bytes()
    assert all(image.startswith(PNG) and len(image) > 20_000 for image in finished.figures.values())
