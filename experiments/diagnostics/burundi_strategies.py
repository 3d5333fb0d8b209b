"""Why the Burundi validation's strategies differ from the historical track (a diagnosis).

    python experiments/diagnostics/burundi_strategies.py [--replicates 40] [--workers 1]

Plays the three fixed strategies of docs/burundi.md §5.4 ((a) historical, (b) DDR first + FNL
talks, (c) exclusionary) on replicates 0..N-1 of the scenario's seed, the first N replicates of
the validation's full size, and prints, per strategy, the numbers behind its outcomes: the FNL's
deal and return to arms, the signatory movements' broken deals, who fights (clashes by group),
the fighters integrated, remobilised and under spoilers, one-sided deaths by perpetrator,
repression and exclusion (the incumbent's choices to repress, and the threat of losing office it
estimates before choosing, docs/model.md §6.3), and confidence by service and identity group. docs/burundi.md §6 quotes
them. About 80 s for 40 replicates on one core.
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd

FIRST_DECISION, END_2008, YEAR_2015 = 13, 61, (134, 145)


def mechanisms(results) -> dict[str, float]:
    """One strategy's numbers, as means or shares over its replicates."""
    ts, ev, s, groups = results.timeseries, results.events, results.summary, results.groups
    n = len(s)
    played = ts[ts.month >= FIRST_DECISION]

    def share(mask) -> float:
        return ev[mask].replicate.nunique() / n

    def per_rep(frame, column) -> float:
        return float(frame.groupby("replicate")[column].sum().mean())

    deals = ev[(ev.kind == "peace_deal") & (ev.actor == "fnl")].groupby("replicate").month.min()
    after = ev.replicate.map(deals).lt(ev.month)
    back = (((ev.kind.isin(["deal_broken", "election_rejected"])) & (ev.actor == "fnl"))
            | ((ev.kind == "rearm") & (ev.actor == "palipehutu_fnl"))) & after
    repress = ev[(ev.kind == "settlement") & ev.detail.str.startswith("repress", na=False)]
    clashes = ev[(ev.kind == "clash") & ev.month.between(FIRST_DECISION, YEAR_2015[1])]
    out = {
        "FNL deal (share of runs)": len(deals) / n,
        "FNL deal, median year": 2003 + (deals.median() + 10) // 12 if len(deals) else np.nan,
        "FNL back to arms after its deal (share)": share(back),
        "a signatory movement breaks its deal or rejects an election (share)":
            share(ev.kind.isin(["deal_broken", "election_rejected"]) & ev.actor.isin(["cndd_fdd", "other_movements"])),
        "battle deaths, Dec 2004-2015 (per run)": per_rep(played[played.month <= YEAR_2015[1]], "battle_deaths"),
        "clashes, Dec 2004-2015 (per run)": len(clashes) / n,
    }
    for actor, count in clashes.groupby("actor").size().sort_values(ascending=False).head(5).items():
        out[f"  clashes by {actor} (per run)"] = count / n
    at = ts[ts.month == END_2008].set_index("replicate")
    out.update({
        "integrated ex-combatants, Dec 2008": float(at.excombatants_integrated.mean()),
        "demobilised, Dec 2008": float(at.demobilized_total.mean()),
        "in reintegration programmes, mean Dec 2004-2008": float(
            ts[ts.month.between(FIRST_DECISION, END_2008)].excombatants_reintegrating.mean()),
        "remobilised ex-combatants, whole run (per run)": float(s.total_remobilized.mean()),
        "fighters under spoilers, mean Dec 2004-May 2016": float(played.spoiler_fighters.mean()),
        "one-sided deaths by the state (per run)": per_rep(ts, "one_sided_deaths_state"),
        "one-sided deaths by the militia (per run)": per_rep(ts, "one_sided_deaths_militias"),
        "one-sided deaths by armed groups (per run)": per_rep(ts, "one_sided_deaths_armed_groups"),
        "repression, mean Dec 2004-May 2016": float(played.repression.mean()),
        "the incumbent's choices to repress (per run)": len(repress) / n,
        "  of them in 2009-2010 (per run)": int(repress.month.between(62, 85).sum()) / n,
        "exclusion, mean Dec 2004-May 2016": float(played.exclusion.mean()),
        "coup attempt at any time (share)": share(ev.kind == "coup_attempt"),
        "public confidence, mean Dec 2004-May 2016": float(played.public_confidence.mean()),
        "  in the army": float(played.confidence_army.mean()),
        "  in the police": float(played.confidence_police.mean()),
        "perceived safety, mean": float(played.perceived_safety.mean()),
        "accountability index, mean": float(played.accountability_index.mean()),
        "quick-win credibility, mean": float(played.quick_win_credibility.mean()),
    })
    threat = groups[(groups.group == "cndd_fdd") & (groups.measure == "payoff_threat")]
    for month, label in ((60, "Nov 2008"), (72, "Nov 2009")):
        out[f"the incumbent's estimated threat, median {label}"] = float(threat[threat.month == month].value.median())
    g = groups[(groups.month >= FIRST_DECISION)]
    for group in ("hutu", "tutsi"):
        for measure in ("confidence_army", "represented_army"):
            rows = g[(g.group == group) & (g.measure == measure)]
            out[f"  {group}: {measure}, mean"] = float(rows.value.mean()) if len(rows) else np.nan
    return out


def main() -> None:
    from ssrsim.exercise.play import play
    from ssrsim.validation.burundi.strategies import LABELS, fixed_teams

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--workers", type=int, default=1)
    opts = parser.parse_args()
    table = {}
    for name, team in fixed_teams().items():
        results = play(team, replicates=opts.replicates, workers=opts.workers, progress=None)
        table[LABELS[name]] = mechanisms(results)
    frame = pd.DataFrame(table)
    with pd.option_context("display.width", 200, "display.max_colwidth", 80, "display.float_format",
                           lambda x: f"{x:.3f}" if abs(x) < 100 else f"{x:.0f}"):
        print(f"{opts.replicates} replicates per strategy, the scenario's seed (replicates 0-{opts.replicates - 1})")
        print(frame.to_string())


if __name__ == "__main__":
    main()
