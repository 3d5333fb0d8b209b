"""Why longer reintegration support raises relapse in the model (a diagnosis of lesson 3).

    python experiments/diagnostics/reintegration_arms.py [--replicates 40] [--workers 2] [--seed 12345] [set overrides ...]

The lessons rerun (experiments/lessons) finds 36-month programmes worse than 6-month ones, where
the source (000:12) says support of one to two years or more is needed. Programme places
(``levers.ddr.reintegration_capacity``) and the money per participant-month
(``params.donors.reintegration_cost``) are fixed, so a longer programme serves fewer people at a
time and costs more per fighter. This script separates that from the length itself. It runs the
``baseline`` (120 months) in four arms on the same seeds:

- ``6``, ``18`` (the default) and ``36`` months, places and money as they are;
- ``36 matched``: 36 months with three times the places (24,000) and half the cost per
  participant-month, so that every fighter can enter at once and the programme costs per fighter
  what an 18-month one does.

For each arm it prints relapse into armed conflict and war within 10 years; remobilisations over
the run and, paired with the 18-month arm, in how many replicates there were more; the
demobilised fighters waiting for a place (mean of each run's peak); the share of programme months
the fund did not pay; the months in which donors still earmarked money for DDR (they do while any
fighter is in cantonment, waiting or in a programme, so longer programmes hold the share away
from other work for longer); and the statuses the remobilised left. Overrides (``key=value``, as on
the command line) apply to every arm and test a candidate change.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import numpy as np

MONTHS = 120
ARMS = {
    "6": ["levers.ddr.reintegration_months=6"],
    "18": [],
    "36": ["levers.ddr.reintegration_months=36"],
    "36 matched": ["levers.ddr.reintegration_months=36", "levers.ddr.reintegration_capacity=24000",
                   "params.donors.reintegration_cost=0.00009"],
}
LEFT_FROM = ("demobilized", "reintegrating", "reintegrated", "integrated")


def replicate(args: tuple[list[str], int, int]) -> dict:
    """One run of an arm, instrumented month by month."""
    import ssrsim
    from ssrsim.model import SSRModel
    from ssrsim.model.fighters import Status

    overrides, seed, r = args
    cfg = ssrsim.compose("baseline", [*overrides, f"months={MONTHS}", f"seed={seed}"])
    m = SSRModel(cfg, r)
    left = np.zeros(len(Status), np.int64)
    take_up_arms = m.take_up_arms

    def counted(ids, spoilers):  # the statuses the remobilised leave, counted before they change
        np.add.at(left, m.fighters.status[ids].astype(np.int64), 1)
        take_up_arms(ids, spoilers)

    m.take_up_arms = counted
    peak_waiting = unpaid = programme_months = earmarked = 0
    while m.month < MONTHS:
        m.step()
        fi = m.fighters
        peak_waiting = max(peak_waiting, int(fi.counts()[Status.DEMOBILIZED]))
        participants = fi.where(Status.REINTEGRATING)
        programme_months += participants.size
        unpaid += int(np.count_nonzero(~m.ddr.funded[participants]))
        earmarked += bool(m.ddr_caseload_left)
    s = m.summary()
    return {"relapse": s["relapse_month"] is not None and s["relapse_month"] <= MONTHS,
            "war": s["war_relapse_month"] is not None and s["war_relapse_month"] <= MONTHS,
            "remobilized": s["total_remobilized"], "peak_waiting": peak_waiting,
            "unpaid": unpaid / max(programme_months, 1), "earmarked": earmarked,
            **{f"from_{k}": int(left[Status[k.upper()]]) for k in LEFT_FROM}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument("overrides", nargs="*", help="key=value, applied to every arm")
    args = parser.parse_args()
    jobs = [([*overrides, *args.overrides], args.seed, r) for overrides in ARMS.values() for r in range(args.replicates)]
    with ProcessPoolExecutor(args.workers, mp_context=get_context("spawn")) as pool:
        rows = list(pool.map(replicate, jobs, chunksize=1))
    n = args.replicates
    runs = {name: rows[i * n:(i + 1) * n] for i, name in enumerate(ARMS)}
    default = np.array([r["remobilized"] for r in runs["18"]])
    print(f"baseline, {MONTHS} months, {n} paired replicates, seed {args.seed}"
          + (f"; every arm with {' '.join(args.overrides)}" if args.overrides else ""))
    for name, arm in runs.items():
        col = {k: np.array([r[k] for r in arm], float) for k in arm[0]}
        more = int((col["remobilized"] > default).sum())
        left = ", ".join(f"{k} {col[f'from_{k}'].mean():,.0f}" for k in LEFT_FROM)
        print(f"  {name:>10s} months: relapse {col['relapse'].mean():.3f}, war {col['war'].mean():.3f}; "
              f"remobilised {col['remobilized'].mean():,.0f} (more than 18 months in {more} of {n}); "
              f"peak waiting {col['peak_waiting'].mean():,.0f}; programme months unpaid {col['unpaid'].mean():.3f}; "
              f"DDR earmarked {col['earmarked'].mean():.0f} months")
        print(f"  {'':>10s}         remobilised from: {left}")


if __name__ == "__main__":
    main()
