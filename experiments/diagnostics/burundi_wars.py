"""Where Burundi's wars before 2015 come from on the historical track (a diagnosis).

    python experiments/diagnostics/burundi_wars.py [--replicates 40] [--workers 2] [set overrides ...]

The record has no war-level fighting (1,000 battle deaths in 12 months) between the 2003 ceasefire
and 2015; the model's historical track reaches it in about half its runs (docs/burundi.md §3).
This script plays the historical track and, for every run that reaches war before January 2015,
prints the month and the developments of the 24 months before it (rejected elections, broken
deals, splits, coups, re-armed factions, remobilisation waves), then counts which first broke the
peace across runs. Then who struck coups (attempts and runs, by faction), who fought in 2010-2013
(runs and clashes, by group), for the FNL's offers before 2010, how many were accepted and what the offer was worth
to its leaders against fighting on (docs/burundi.md §3 quotes all three), what followed the 2015 term-limit bid
(war and armed conflict from January 2015), when one-sided violence against one group first came, against
whom and by whose hand, and how often the unscheduled developments emerge (the FNL's boycott and return to
arms among them: the table of ``experiments/burundi/historical_track.py``). Overrides (``key=value``,
as on the command line) test a candidate change.

``--judged N`` instead runs N replicates to the month before the first election and prints how
each group under a deal weighs it (``Bargaining.election``: staying in against rejecting, the
fighters still waiting and those its commanders could call back, the chance it rejects);
``--baseline`` does the same for the generic ``baseline`` scenario, for comparison.

``--track R [R ...]`` instead follows replicates R for their first 60 months (``--months``; every
6 months, ``--every``): each group's belief in its deal and the share of its promises kept this
month, and each elite faction with loyal units: whether it is included, its power against its
entitlement, its grievance, its army units and its chance of striking and of succeeding
(``docs/burundi.md`` §3 quotes both). ``--track 0 1 --months 150 --every 3`` follows the 2015
term-limit bid (month 137).

``--deal-breaks N`` instead runs N replicates to the eve of the 2015 bid and, for every run in which
the FNL's deal broke, prints the month and what its promises kept looked like the month before:
the share of its promised integration places filled, the reinsertion support paid, its fighters
integrated and processed (``Bargaining._promise_kept``; docs/burundi.md §3 quotes it).

``--before-bid N`` instead runs N replicates to the month before the 2015 term-limit bid and prints,
for each elite faction with loyal units, the months it spent excluded and when it was first
excluded, and its army units, grievance and chance of striking on the eve of the bid: who could
stage the 2015 coup.
"""

from __future__ import annotations

import argparse
from collections import Counter

import pandas as pd

START_2015 = 134  # months since November 2003
JAN_2010, JAN_2014 = 74, 122
#: The values in an offer event's detail: "refused: the offer is worth X to its leaders, fighting on Y".
OFFER_VALUES = r"worth (?P<offer>[-\d.]+) to its leaders, fighting on (?P<fighting>[-\d.]+)"
#: Developments read before a war, in the words printed.
WATCHED = {"election_rejected": "rejects the election", "deal_broken": "breaks its deal",
           "split": "splits", "coup_attempt": "coup attempt", "rearm": "re-arms",
           "remobilization_wave": "remobilisation wave", "service_split": "a service splits",
           "peace_deal": "makes a deal"}


def run(replicates: int, workers: int, overrides: list[str]):
    from ssrsim.config.calendar import label_of
    from ssrsim.exercise.decisions import load_team
    from ssrsim.exercise.menu import historical_track
    from ssrsim.exercise.decisions import team_config
    from ssrsim.run.runner import console_progress, simulate

    team = load_team(historical_track("burundi"))
    cfg = team_config(team, [f"replicates={replicates}", f"workers={workers}", *overrides])
    res = simulate(cfg, workers=workers, progress=console_progress())
    return res, (lambda m: label_of(m, cfg.calendar.start))


def report(res, label) -> None:
    s, ev = res.summary, res.events
    war = s.set_index("replicate").war_relapse_month.astype(float)
    early = war[war < START_2015]
    print(f"war before 2015 in {len(early)} of {len(war)} runs")
    first = Counter()
    for r, month in early.items():
        e = ev[(ev.replicate == r) & ev.kind.isin(WATCHED) & (ev.month <= month) & (ev.month > month - 24)]
        steps = [f"{label(int(x.month))} {x.actor} {WATCHED[x.kind]}" + (f" ({int(x['size'])})" if x.kind in
                 ("deal_broken", "split", "rearm", "remobilization_wave") and pd.notna(x["size"]) else "")
                 for _, x in e.iterrows()]
        print(f"  run {r}: war {label(int(month))}; before it: " + ("; ".join(steps) or "nothing watched"))
        breaks = e[e.kind.isin(["election_rejected", "deal_broken", "coup_attempt", "rearm", "service_split"])]
        first[(breaks.iloc[0].kind, breaks.iloc[0].actor) if len(breaks) else ("none", "-")] += 1
    print("what first broke the peace (within 24 months before the war):")
    for (kind, actor), n in first.most_common():
        print(f"  {n:3d}  {actor} {WATCHED.get(kind, kind)}")


def judged(replicates: int, baseline: bool, overrides: list[str]) -> None:
    """How each group under a deal weighs the first election, the month before it."""
    import ssrsim
    from ssrsim.exercise.decisions import load_team, team_config
    from ssrsim.exercise.menu import historical_track
    from ssrsim.model import SSRModel
    from ssrsim.model.maths import logistic

    if baseline:
        cfg = ssrsim.compose("baseline", ["replicates=1", *overrides])
        g = cfg.context.government
        first = min([e.month for e in cfg.events if e.kind == "election"]
                    + ([g.first_election_month] if g.election_cycle_months else []))
    else:
        cfg = team_config(load_team(historical_track("burundi")), ["replicates=1", *overrides])
        first = min(e.month for e in cfg.events if e.kind == "election")
    print(f"{cfg.name}: the month before the first election (month {first})")
    for r in range(replicates):
        m = SSRModel(cfg, r)
        m.run(first - 1)
        b, shared = m.bargaining, m.settlement.power_sharing()
        state = m.deterrence().sum() / b.p.force_ratio
        print(f"  replicate {r}: the state's deterrence {state:,.0f} fighter-equivalents; power shared {shared:.2f}, "
              f"secured {b.secured_power():.2f}")
        for index in b.deals:
            s = m.spoilers[index]
            if s.faction == b.expected_winner:
                print(f"    {s.name}: expects to win, not asked")
                continue
            stay = b.value_of_staying(s)
            fight = b.value_of_rejecting(s)
            waiting, strength, recall = b._waiting(s), b.waiting_strength(s), b._recallable(s)
            if waiting + recall < 1:
                continue
            print(f"    {s.name}: {waiting:,} waiting (as {strength:,.0f} in the bush), {recall:,.0f} to call back, "
                  f"balance {b.balance(s, strength + recall):.2f}; staying in {stay:.2f}, rejecting {fight:.2f}; "
                  f"P(reject) {logistic(b.p.choice_sensitivity * (fight - stay)):.2f}")


def track(replicates: list[int], overrides: list[str], months: int = 60, every: int = 6) -> None:
    """Deals' beliefs and the coup-minded factions' state, month by month, for some replicates."""
    from ssrsim.exercise.decisions import load_team, team_config
    from ssrsim.exercise.menu import historical_track
    from ssrsim.model import SSRModel

    cfg = team_config(load_team(historical_track("burundi")), ["replicates=1", *overrides])
    p = cfg.params.settlement
    for r in replicates:
        m = SSRModel(cfg, r)
        b, s = m.bargaining, m.settlement
        for _ in range(months):
            m.step()
            if m.month % every:
                continue
            deals = "; ".join(f"{m.spoilers[i].name} belief {b.belief[i]:.2f} kept {b.kept[i]:.2f}" for i in b.deals)
            print(f"replicate {r}, month {m.month}: {deals or 'no deal'}")
            for f in s.others:
                if f.loyal.any():
                    print(f"    {f.name}{'' if f.included else ' (excluded)'}: power {f.power(p):.2f} of "
                          f"{f.entitlement:g}, grievance {f.grievance:.2f}, "
                          f"army units {f.loyal[0]:.2f}, strikes {s.strike_chance(f):.4f} a month, "
                          f"succeeds {s.success_chance(f):.2f}; coup attempts so far {s.coup_attempts}")


def before_bid(replicates: int, overrides: list[str]) -> None:
    """Each coup-minded faction's exclusions up to the month before the term-limit bid, and its means then."""
    from ssrsim.exercise.decisions import load_team, team_config
    from ssrsim.exercise.menu import historical_track
    from ssrsim.model import SSRModel

    cfg = team_config(load_team(historical_track("burundi")), ["replicates=1", *overrides])
    bid = next(e.month for e in cfg.events if e.kind == "term_limit_bid")
    for r in range(replicates):
        m = SSRModel(cfg, r)
        s = m.settlement
        coup_minded = [f for f in s.others if f.loyal.any()]
        excluded = Counter()
        first: dict[str, int] = {}
        for _ in range(bid - 1):
            m.step()
            for f in coup_minded:
                if not f.included:
                    excluded[f.name] += 1
                    first.setdefault(f.name, m.month)
        print(f"replicate {r}, month {m.month}: " + "; ".join(
            f"{f.name} excluded {excluded[f.name]} months (first at {first.get(f.name, '-')}), army units "
            f"{f.loyal[0]:.3f}, grievance {f.grievance:.2f}, strikes {s.strike_chance(f):.4f} a month"
            for f in coup_minded))


def deal_breaks(replicates: int, overrides: list[str]) -> None:
    """Why the FNL's deal broke, run by run: its promises kept the month before."""
    from ssrsim.exercise.decisions import load_team, team_config
    from ssrsim.exercise.menu import historical_track
    from ssrsim.model import SSRModel

    cfg = team_config(load_team(historical_track("burundi")), ["replicates=1", *overrides])
    broken = 0
    for r in range(replicates):
        m = SSRModel(cfg, r)
        b = m.bargaining
        fnl = next(s for s in m.spoilers if s.name == "fnl")
        before = None
        for _ in range(START_2015):
            deal = b.deals.get(fnl.index)
            if deal is not None:
                integrated, processed = b._processed(m)
                before = (b.places_filled(fnl.index, deal), m.ddr.reinsertion_paid,
                          int(integrated[fnl.faction]), int(processed[fnl.faction]))
            m.step()
            if deal is not None and fnl.index not in b.deals:
                broken += 1
                print(f"run {r}: the FNL's deal broke in month {m.month}; the month before, places filled "
                      f"{before[0]:.2f}, reinsertion paid {before[1]:.2f}, {before[2]} integrated of {before[3]} processed")
                break
    print(f"the FNL's deal broke before 2015 in {broken} of {replicates} runs")


def who(res, label) -> None:
    """Who struck coups, who fought in 2010-2013, and what the FNL's offers before 2010 were worth."""
    ev = res.events
    attempts = ev[ev.kind == "coup_attempt"]
    coups = attempts.groupby("actor", observed=True)
    print("coup attempts (attempts, runs, failed):",
          {a: (len(g), g.replicate.nunique(), int(g.detail.str.startswith("failed").sum())) for a, g in coups})
    years = attempts.month.map(lambda m: label(int(m))[:4]).value_counts().sort_index()
    print("coup attempts by year:", years.to_dict())
    clashes = ev[(ev.kind == "clash") & (ev.month >= JAN_2010) & (ev.month < JAN_2014)].groupby("actor", observed=True).replicate
    print("clashes in 2010-2013 (runs, clashes):", {a: (g.nunique(), len(g)) for a, g in clashes})
    offers = ev[(ev.kind == "offer") & (ev.actor == "fnl") & (ev.month < JAN_2010)]
    values = offers.detail.str.extract(OFFER_VALUES).astype(float).assign(
        month=offers.month.to_numpy(), accepted=offers.detail.str.startswith("accepted").to_numpy())
    runs = res.summary.replicate.nunique()
    for month, v in values.dropna().groupby("month"):
        if len(v) >= runs / 4:  # the decision points' offers, not the talks' occasional ones
            print(f"FNL offer at month {month}: made in {len(v)} of {runs} runs, accepted in {int(v.accepted.sum())}; worth to its leaders "
                  f"{v.offer.median():.2f} (median; {v.offer.min():.2f}-{v.offer.max():.2f}), fighting on "
                  f"{v.fighting.median():.2f} ({v.fighting.min():.2f}-{v.fighting.max():.2f})")


def from_2015(res) -> None:
    """What follows the 2015 term-limit bid: runs with a war-level relapse from January 2015 to the
    run's end, and runs with at least 25 battle deaths in that time."""
    s, ts = res.summary, res.timeseries
    war = s.war_relapse_month.astype(float)
    deaths = ts[ts.month >= START_2015].groupby("replicate").battle_deaths.sum()
    print(f"from January 2015 to the run's end: war-level relapse in {int((war >= START_2015).sum())} of {len(s)} "
          f"runs; at least 25 battle deaths in {int((deaths >= 25).sum())}")


def one_sided(res, label) -> None:
    """When one-sided violence against one group first reached the threshold, against whom, and who
    killed in the 12 months up to it (the state, militias, armed groups)."""
    s, ts, ev = res.summary, res.timeseries, res.events
    first = s.set_index("replicate").one_sided_violence_month.astype(float).dropna()
    print(f"one-sided violence against one group in {len(first)} of {len(s)} runs; first by year:",
          first.map(lambda m: label(int(m))[:4]).value_counts().sort_index().to_dict())
    targets = ev[ev.kind == "one_sided_violence"].groupby("actor", observed=True).replicate.nunique()
    print("  against:", targets.to_dict())
    by = {"state": "one_sided_deaths_state", "militias": "one_sided_deaths_militias",
          "armed groups": "one_sided_deaths_armed_groups"}
    killed = Counter()
    for r, month in first.items():
        window = ts[(ts.replicate == r) & (ts.month > month - 12) & (ts.month <= month)]
        for who_, column in by.items():
            killed[who_] += float(window[column].sum())
    total = sum(killed.values()) or 1.0
    print("  killed in the 12 months up to it (all such runs):",
          ", ".join(f"{who_} {n:.0f} ({n / total:.0%})" for who_, n in killed.items()))


def emerged(res) -> None:
    """How often the unscheduled developments emerge in these runs: the table of
    ``experiments/burundi/historical_track.py`` (the FNL's deal, the 2010 boycott, its return to arms,
    the 2015 coup attempt ...), so a candidate change or another seed is read the same way; then which
    partners left the government over an election judged flawed, at which election."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parents[1] / "burundi"))
    from historical_track import emergent

    print("\n".join(emergent(res)))
    ev = res.events
    left = ev[(ev.kind == "boycott") & ev.detail.str.startswith("leaves")]
    print("partners that left the government over an election judged flawed (runs, by election month):",
          {month: g.actor.value_counts().to_dict() for month, g in left.groupby("month")})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--judged", type=int, metavar="N", help="how N replicates weigh the first election")
    parser.add_argument("--baseline", action="store_true", help="with --judged: the baseline scenario")
    parser.add_argument("--track", type=int, nargs="+", metavar="R",
                        help="follow replicates R: beliefs in the deals and the factions' coup odds")
    parser.add_argument("--months", type=int, default=60, help="with --track: months to follow (default 60)")
    parser.add_argument("--every", type=int, default=6, help="with --track: print every N months (default 6)")
    parser.add_argument("--deal-breaks", type=int, metavar="N",
                        help="N replicates: when and why the FNL's deal broke (promises kept the month before)")
    parser.add_argument("--before-bid", type=int, metavar="N",
                        help="N replicates to the eve of the 2015 term-limit bid: who could stage a coup")
    parser.add_argument("overrides", nargs="*", help="key=value overrides of the played configuration")
    args = parser.parse_args()
    if args.deal_breaks:
        deal_breaks(args.deal_breaks, args.overrides)
    elif args.before_bid:
        before_bid(args.before_bid, args.overrides)
    elif args.track:
        track(args.track, args.overrides, args.months, args.every)
    elif args.judged:
        judged(args.judged, args.baseline, args.overrides)
    else:
        res, label = run(args.replicates, args.workers, args.overrides)
        report(res, label)
        who(res, label)
        from_2015(res)
        one_sided(res, label)
        emerged(res)


if __name__ == "__main__":
    main()
