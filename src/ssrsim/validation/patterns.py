"""Patterns below the national level (pattern-oriented modelling, Grimm et al. 2005), measured on
individuals: runs of an arm stepped here, month by month, reading what no output table records.

- **Where remobilisation clusters** (Daly 2016; Themnér 2011): across provinces, the rank
  correlation (Spearman) between the mean commander tie of a province's wartime fighters at
  month 0 and their remobilisations per wartime fighter over the run; and the same for the
  fighters whose own tie was below the wartime median (the pull of a network on the loosely tied).
- **A bad meeting and trust** (a bribe or an abuse, Tyler 1990): citizens whose meeting with the
  police went badly in month m, against the other citizens of the same province, group and sex
  that month (who met the police fairly or not at all), their trust in the police 12 months later
  (``HORIZON``); and the same gap the month before the meeting (a balance diagnostic, near 0).

A run stepped here is the run ``simulate`` gives (the same seed, the same draws): the model keeps,
for this, each fighter's count of remobilisations (``FighterPopulation.remobilizations``) and the
month's meetings (``CitizenPopulation.met``, ``.bad``), which no term of the model reads.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd
from scipy import stats

from ..config import SERVICES, Config
from ..model import SSRModel
from ..run.runner import release
from .checks import SERIES, ArmData

#: Months after a bad meeting at which trust is compared.
HORIZON = 12
#: The service whose meetings are compared (bribes to the police: Transparency International 2013).
SERVICE = "police"
#: What a pattern replicate gives (besides ``replicate``).
COLUMNS = ("remobilization_tie_rho", "remobilization_tie_rho_loose", "remobilizations_wartime",
           "bad_meeting_trust_gap", "bad_meeting_trust_gap_before", "bad_meetings_counted")


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rank correlation; NaN where either side does not vary (no remobilisation)."""
    if x.size < 3 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return np.nan
    return float(stats.spearmanr(x, y)[0])


def clustering(province: np.ndarray, tie: np.ndarray, remobilizations: np.ndarray,
               provinces: int) -> tuple[float, float]:
    """Across provinces with wartime fighters: Spearman of the province's mean month-0 tie and its
    remobilisations per wartime fighter, for all of them and for those whose own tie was below the
    median (each province's rate among its loosely tied, against the same mean tie of all)."""
    fighters = np.bincount(province, minlength=provinces)
    present = fighters > 0
    mean_tie = np.bincount(province, tie, minlength=provinces)[present] / fighters[present]
    rate = np.bincount(province, remobilizations, minlength=provinces)[present] / fighters[present]
    loose = tie < np.median(tie)
    loose_n = np.bincount(province[loose], minlength=provinces)[present]
    loose_remob = np.bincount(province[loose], remobilizations[loose], minlength=provinces)[present]
    has = loose_n > 0
    return (spearman(mean_tie, rate),
            spearman(mean_tie[has], loose_remob[has] / loose_n[has]))


def bad_meeting_gap(trust: np.ndarray, bad: np.ndarray, stratum: np.ndarray,
                    horizon: int = HORIZON, lag: int = HORIZON) -> tuple[float, int]:
    """Mean over citizens with a bad meeting in month m (m = 1 .. last - ``horizon``) of the trust,
    ``lag`` months after m, of the other citizens of their stratum that month minus their own.

    ``trust[m]``: every citizen's trust at the end of month m (row 0: month 0); ``bad[m]``: who had
    a bad meeting in month m; ``stratum``: each citizen's stratum code (province, group, sex). The
    comparison is within strata, weighted by the bad meetings in each (an effect on the treated).
    Returns the gap and the number of bad meetings counted."""
    strata = int(stratum.max()) + 1
    everyone_n = np.bincount(stratum, minlength=strata)
    total, counted = 0.0, 0
    for m in range(1, trust.shape[0] - horizon):
        hit = bad[m]
        treated = int(hit.sum())
        if not treated:
            continue
        later = trust[m + lag].astype(float)
        everyone = np.bincount(stratum, later, minlength=strata)
        bad_n = np.bincount(stratum[hit], minlength=strata)
        bad_sum = np.bincount(stratum[hit], later[hit], minlength=strata)
        others = everyone_n - bad_n
        kept = (bad_n > 0) & (others > 0)
        control = (everyone[kept] - bad_sum[kept]) / others[kept]
        total += float((bad_n[kept] * control - bad_sum[kept]).sum())
        counted += int(bad_n[kept].sum())
    return (total / counted if counted else np.nan), counted


def pattern_replicate(cfg: Config, replicate: int) -> dict:
    """One replicate of ``cfg``, stepped here: its pattern statistics (``COLUMNS``) and the monthly
    series the checks' figures may read."""
    model = SSRModel(cfg, replicate, tables=False)
    fighters, citizens = model.fighters, model.citizens
    wartime = fighters.initial
    province, tie = fighters.province[:wartime].astype(np.intp), fighters.tie[:wartime].astype(float)
    service, n = SERVICES.index(SERVICE), citizens.n
    months = cfg.months
    trust = np.empty((months + 1, n), np.float32)
    trust[0] = citizens.trust[service]
    bad = np.zeros((months + 1, n), bool)
    first, last = service * n, (service + 1) * n
    while model.month < months:
        model.step()
        flat = citizens.bad
        bad[model.month, flat[(flat >= first) & (flat < last)] - first] = True
        trust[model.month] = citizens.trust[service]
    remobilizations = fighters.remobilizations[:wartime].astype(float)
    rho, rho_loose = clustering(province, tie, remobilizations, model.provinces.count)
    stratum = citizens.cell.astype(np.intp) * 2 + citizens.female  # province, group, sex
    gap, counted = bad_meeting_gap(trust, bad, stratum)
    before, _ = bad_meeting_gap(trust, bad, stratum, lag=-1)
    row = {"replicate": replicate, "remobilization_tie_rho": rho, "remobilization_tie_rho_loose": rho_loose,
           "remobilizations_wartime": float(remobilizations.sum()), "bad_meeting_trust_gap": gap,
           "bad_meeting_trust_gap_before": before, "bad_meetings_counted": float(counted)}
    release(model)
    return row


def _job(args: tuple[Config, int]) -> dict:
    return pattern_replicate(*args)


def pattern_data(cfg: Config, pool: ProcessPoolExecutor | None = None) -> ArmData:
    """``cfg.replicates`` pattern replicates (in ``pool`` if given) as an arm's data: the metrics
    are ``COLUMNS`` by replicate."""
    jobs = [(cfg, r) for r in range(cfg.replicates)]
    rows = list(pool.map(_job, jobs, chunksize=1)) if pool is not None else [_job(j) for j in jobs]
    metrics = pd.DataFrame(rows).set_index("replicate").sort_index()
    return ArmData(metrics, pd.DataFrame(columns=list(SERIES)), np.array([]))
