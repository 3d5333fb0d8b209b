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
from other work for longer); and the statuses the remobilised left.

Then, by months since discharge (the first month out of cantonment), for the discharged who are
not serving (waiting, in a programme or through one): the share in a programme, the mean of each
fighter's own terms in the log-odds of remobilising (grievance, livelihood and commander tie, the
local pull of spoilers left out), and remobilisations per 1,000 fighter-months. The first says
whether a longer programme makes a fighter readier or less ready to go back at the same time
since discharge; the second adds the pull of the spoilers around them. Overrides (``key=value``, as on
the command line) apply to every arm and test a candidate change.
"""

from __future__ import annotations

import numpy as np
from paired import arguments, paired_runs

MONTHS = 120
ARMS = {
    "6": ["levers.ddr.reintegration_months=6"],
    "18": [],
    "36": ["levers.ddr.reintegration_months=36"],
    "36 matched": ["levers.ddr.reintegration_months=36", "levers.ddr.reintegration_capacity=24000",
                   "params.donors.reintegration_cost=0.00009"],
}
LEFT_FROM = ("demobilized", "reintegrating", "reintegrated", "integrated")
#: Statuses (by name) in which a fighter has left cantonment, and those of the discharged who are
#: not serving: the fighters followed by months since discharge.
OUT_OF_CANTONMENT = ("DEMOBILIZED", "REINTEGRATING", "INTEGRATED")
CIVILIAN = ("DEMOBILIZED", "REINTEGRATING", "REINTEGRATED")
SINCE = ((0, 6), (6, 18), (18, 36), (36, 60), (60, MONTHS))  # months since discharge, [from, to)


def replicate(overrides: list[str], r: int) -> dict:
    """One run of an arm, instrumented month by month."""
    import ssrsim
    from ssrsim.model import SSRModel
    from ssrsim.model.fighters import Status

    cfg = ssrsim.compose("baseline", overrides)
    m = SSRModel(cfg, r)
    left = np.zeros(len(Status), np.int64)
    take_up_arms = m.take_up_arms
    out_of_cantonment = [Status[s] for s in OUT_OF_CANTONMENT]
    civilian_statuses = [Status[s] for s in CIVILIAN]
    fi = m.fighters
    p = cfg.params.fighters
    discharged = np.full(fi.status.size, -1, np.int64)  # month each fighter left cantonment
    exposure, in_programme, propensity, joined = (np.zeros(MONTHS + 1) for _ in range(4))

    def counted(ids, spoilers):  # the statuses the remobilised leave, counted before they change
        np.add.at(left, fi.status[ids].astype(np.int64), 1)
        civilians = ids[np.isin(fi.status[ids], civilian_statuses) & (discharged[ids] >= 0)]
        np.add.at(joined, m.month - discharged[civilians], 1)
        take_up_arms(ids, spoilers)

    m.take_up_arms = counted
    peak_waiting = unpaid = programme_months = earmarked = 0
    while m.month < MONTHS:
        m.step()
        n = fi.n
        if discharged.size < n:
            discharged = np.concatenate([discharged, np.full(n - discharged.size, -1, np.int64)])
        status = fi.status[:n]
        out = (discharged[:n] < 0) & np.isin(status, out_of_cantonment)
        discharged[:n][out] = m.month
        civilian = np.flatnonzero(np.isin(status, civilian_statuses) & (discharged[:n] >= 0))
        since = m.month - discharged[civilian]
        own = (p.remobilization_grievance * fi.grievance[civilian] - p.remobilization_livelihood
               * fi.livelihood[civilian] + p.remobilization_tie * fi.tie[civilian])
        np.add.at(exposure, since, 1)
        np.add.at(in_programme, since, status[civilian] == Status.REINTEGRATING)
        np.add.at(propensity, since, own)
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
            **{f"from_{k}": int(left[Status[k.upper()]]) for k in LEFT_FROM},
            "by_since": np.stack([exposure, in_programme, propensity, joined])}


def main() -> None:
    parser = arguments(__doc__)
    parser.add_argument("overrides", nargs="*", help="key=value, applied to every arm")
    args = parser.parse_args()
    n = args.replicates
    common = [f"months={MONTHS}", f"seed={args.seed}", *args.overrides]
    runs = dict(zip(ARMS, paired_runs(replicate, list(ARMS.values()), n, args.workers, common)))
    default = np.array([r["remobilized"] for r in runs["18"]])
    print(f"baseline, {MONTHS} months, {n} paired replicates, seed {args.seed}"
          + (f"; every arm with {' '.join(args.overrides)}" if args.overrides else ""))
    for name, arm in runs.items():
        col = {k: np.array([r[k] for r in arm], float) for k in arm[0] if k != "by_since"}
        more = int((col["remobilized"] > default).sum())
        left = ", ".join(f"{k} {col[f'from_{k}'].mean():,.0f}" for k in LEFT_FROM)
        print(f"  {name:>10s} months: relapse {col['relapse'].mean():.3f}, war {col['war'].mean():.3f}; "
              f"remobilised {col['remobilized'].mean():,.0f} (more than 18 months in {more} of {n}); "
              f"peak waiting {col['peak_waiting'].mean():,.0f}; programme months unpaid {col['unpaid'].mean():.3f}; "
              f"DDR earmarked {col['earmarked'].mean():.0f} months")
        print(f"  {'':>10s}         remobilised from: {left}")
        exposure, in_programme, propensity, joined = sum(r["by_since"] for r in arm)
        for a, b in SINCE:
            e = exposure[a:b].sum()
            print(f"  {'':>10s}         {a:3d}-{b:3d} months since discharge: {in_programme[a:b].sum() / e:4.2f} in a "
                  f"programme, own log-odds terms {propensity[a:b].sum() / e:+.3f}, "
                  f"remobilised {1000 * joined[a:b].sum() / e:.2f} per 1,000 fighter-months")


if __name__ == "__main__":
    main()
