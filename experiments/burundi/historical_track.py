"""The Burundi historical track against the record, and the warning signs before 2015.

    python experiments/burundi/historical_track.py [--replicates 40] [--workers 2] [--out docs/burundi]

Runs the decisions actually taken (configs/exercise/burundi/historical.yaml) and writes, into
``--out``: ``demobilised.png`` (against IRIN's and the World Bank's counts), ``violence.png``
(battle deaths per calendar year, with the FNL track), ``warning_signs.png`` (2009-2016) and
``historical_track.md`` (the numbers quoted in docs/burundi.md, and how often the developments the
scenario does not schedule emerge). About 40 s on 2 cores.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

#: Documented demobilisation counts (IRIN; World Bank TDRP): month since Nov 2003 -> demobilised.
RECORD = {17: (7282, "Apr 2005"), 33: (20298, "Aug 2006"), 42: (22688, "May 2007"),
          61: (23000, "end 2008, about 23,000")}
#: Where the record's demobilisation figures come from (the figure's legend).
RECORD_SOURCES = "the record (IRIN; end 2008: World Bank TDRP)"
#: Indicators read for warning signs, with the direction that would warn.
SIGNS = {"coup_risk": ("coup risk (chance a month that some faction strikes)", "up"), "political_will": ("political will", "down"),
         "legitimacy": ("legitimacy", "down"), "public_confidence": ("public confidence", "down"),
         "confidence_army": ("confidence in the army", "down"),
         "confidence_police": ("confidence in the police", "down"),
         "impunity": ("impunity", "up"), "accountability_index": ("accountability index", "down"),
         "spoiler_fighters": ("fighters under spoilers", "up"),
         "excombatants_remobilized": ("remobilised ex-combatants", "up"),
         "exclusion": ("exclusion from power", "up"), "repression": ("repression", "up"),
         "risk_militias": ("armed militia (share of its members armed)", "up"),
         "polarisation_army": ("polarisation of the army", "up")}


def run(replicates: int, workers: int):
    from ssrsim.exercise.decisions import load_team
    from ssrsim.exercise.menu import historical_track
    from ssrsim.exercise.play import play
    from ssrsim.run.runner import console_progress

    return play(load_team(historical_track("burundi")), replicates, workers, progress=console_progress())


def yearly(ts: pd.DataFrame) -> pd.DataFrame:
    """Battle deaths per replicate (rows) and calendar year (columns); month 0 = November 2003."""
    from ssrsim.exercise.debrief import deaths_by_year

    return deaths_by_year(ts, "2003-11").unstack(fill_value=0)


def figures(results, out: Path) -> None:
    from ssrsim.config.calendar import dates as calendar_dates

    ts = results.timeseries
    dates = calendar_dates(results.config.calendar.start, results.config.months)

    fig, ax = plt.subplots(figsize=(8, 4.2))
    q = ts.groupby("month").demobilized_total.quantile([0.05, 0.5, 0.95]).unstack()
    ax.fill_between(dates[q.index], q[0.05], q[0.95], alpha=0.3, label="model, 5-95%")
    ax.plot(dates[q.index], q[0.5], label="model, median")
    for month, (count, label) in RECORD.items():
        ax.errorbar(dates[month], count, yerr=0.25 * count if month == 61 else None, fmt="o", color="k",
                    capsize=4, label=RECORD_SOURCES if month == 61 else None)
        # Short labels, clear of the next point; the end-2008 one right of its ±25% bar.
        ax.annotate(label, (dates[month], count), textcoords="offset points",
                    xytext=(10, -3) if month == 61 else (6, -14), fontsize=8)
    ax.set(title="Burundi: fighters demobilised (historical track)", ylabel="demobilised, cumulative")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(out / "demobilised.png", dpi=120)
    plt.close(fig)

    per_year = yearly(ts).loc[:, 2004:2015]  # whole calendar years only
    fig, ax = plt.subplots(figsize=(8, 4.2))
    years = per_year.columns
    ax.fill_between(years, per_year.quantile(0.25), per_year.quantile(0.75), alpha=0.3, label="model, IQR")
    ax.plot(years, per_year.median(), marker="o", label="model, median")
    ax.axhline(25, color="grey", ls="--", lw=1)
    ax.text(years[0], 27, "armed conflict (25 a year)", fontsize=8)
    for year, text in [(2006.7, "FNL ceasefire"), (2008.3, "fighting, then ceasefire"), (2009.3, "FNL disarms"),
                       (2010.5, "2010 elections"), (2015.4, "2015 crisis")]:
        ax.axvline(year, color="k", lw=0.6, alpha=0.5)
        ax.text(year, ax.get_ylim()[1] * 0.92, text, rotation=90, fontsize=7, va="top")
    ax.set(title="Burundi: battle deaths per year (historical track; vertical lines: the record)",
           ylabel="battle deaths", xlabel="year")
    ax.legend(loc="upper left")  # the early years' upper part is empty; the later years' band is wide
    fig.tight_layout()
    fig.savefig(out / "violence.png", dpi=120)
    plt.close(fig)

    late = ts[ts.month >= 60]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for col in ("public_confidence", "confidence_army", "confidence_police", "political_will",
                "legitimacy", "impunity", "accountability_index"):
        m = late.groupby("month")[col].median()
        axes[0].plot(dates[m.index], m, label=SIGNS.get(col, (col,))[0])
    m = late.groupby("month").coup_risk.median() * 12
    axes[1].plot(dates[m.index], m, color="C3", label="coup risk per year")
    axes[1].plot(dates[m.index], late.groupby("month").spoiler_fighters.median() / 10000, color="C4",
                 label="fighters under spoilers / 10,000")
    for col, colour in (("exclusion", "C1"), ("repression", "C2")):
        axes[1].plot(dates[m.index], late.groupby("month")[col].mean(), color=colour,
                     label=SIGNS[col][0] + " (mean)")
    for ax in axes:
        ax.axvline(pd.Timestamp("2015-05-13"), color="k", ls="--", lw=1)
        ax.text(pd.Timestamp("2015-05-13"), 0.02, " failed coup", fontsize=8)
        ax.legend(fontsize=7, loc="upper left")
    axes[0].set(title="Institutions and confidence, 2009-2016 (median)", ylim=(0, 1.05))
    axes[1].set(title="Coup risk, exclusion, repression and spoilers, 2009-2016")
    fig.tight_layout()
    fig.savefig(out / "warning_signs.png", dpi=120)
    plt.close(fig)


def table(results) -> str:
    """The numbers docs/burundi.md quotes, as Markdown."""
    ts, summary = results.timeseries, results.summary
    n = len(summary)
    lines = [f"Historical track, {n} replicates, seed {results.config.seed}.", "",
             "| check | model | record |", "|---|---|---|"]
    for month, (count, label) in RECORD.items():
        x = ts[ts.month == month].demobilized_total
        lines.append(f"| demobilised by {label} | {x.median():,.0f} (5-95%: {x.quantile(.05):,.0f}-"
                     f"{x.quantile(.95):,.0f}) | {count:,} |")
    d = ts[ts.month == 61].demobilized_total
    lines.append(f"| share within 23,000 ± 25% at end 2008 | {((d >= 17250) & (d <= 28750)).mean():.0%} | — |")
    conflict = (yearly(ts) >= 25).mean()
    lines.append("| share of replicates with >= 25 battle deaths, 2004-2008 | "
                 + ", ".join(f"{y}: {conflict[y]:.0%}" for y in range(2004, 2009)) + " | FNL fighting until 2008-09 |")
    lines.append("| same, 2009-2015 | " + ", ".join(f"{y}: {conflict[y]:.0%}" for y in range(2009, 2016))
                 + " | FNL disarmed 2009; new rebellion after 2010 (ICG 2011) |")
    war = summary.war_relapse_month.astype(float)
    lines.append(f"| war-level relapse before 2015 | {(war < 134).mean():.0%} of replicates | none |")
    lines += ["", *emergent(results)]
    lines += ["", "Warning sign: a move of 10% or more in the bad direction between January 2012 and June 2015.", "",
              "| indicator (median over replicates) | Jan 2010 | Jan 2012 | Jan 2014 | Jun 2015 | warns? |",
              "|---|---|---|---|---|---|"]
    for col, (label, bad) in SIGNS.items():
        values = [ts[ts.month == m][col].median() for m in (74, 98, 122, 139)]  # Jan 2010, 2012, 2014, Jun 2015
        # A warning: a move of at least 10% in the bad direction between 2012 and mid-2015.
        change = (values[-1] - values[1]) / max(abs(values[1]), 1e-9)
        warns = change >= 0.1 if bad == "up" else change <= -0.1
        fmt = "{:.4f}" if col == "coup_risk" else ("{:,.0f}" if values[0] > 5 else "{:.2f}")
        lines.append(f"| {label} | " + " | ".join(fmt.format(v) for v in values) + f" | {'yes' if warns else 'no'} |")
    return "\n".join(lines) + "\n"


def emergent(results) -> list[str]:
    """How often the developments the scenario does not schedule emerge (docs/burundi.md): the
    FNL's deal, the 2010 boycott, the FNL's return to arms, the 2015 coup attempt, one-sided
    violence and mass atrocity. Only elections and the 2015 term-limit bid are scheduled."""
    ev, n = results.events, len(results.summary)

    def share(mask) -> str:
        hit = ev[mask].replicate.nunique()
        return f"{hit / n:.0%} ({hit} of {n})"

    fnl_deal = ev[(ev.kind == "peace_deal") & (ev.actor == "fnl")].groupby("replicate").month.min()
    after_deal = ev.replicate.map(fnl_deal).lt(ev.month)
    back_to_arms = ((ev.kind.isin(["deal_broken", "election_rejected"]) & (ev.actor == "fnl"))
                    | ((ev.kind == "rearm") & (ev.actor == "palipehutu_fnl"))) & after_deal
    when = ", median " + str(int(2003 + (fnl_deal.median() + 10) // 12)) if len(fnl_deal) else ""
    s = results.summary
    return ["| emerged (not scheduled) | model | record |", "|---|---|---|",
            f"| a deal with the FNL | {share((ev.kind == 'peace_deal') & (ev.actor == 'fnl'))}{when} | "
            "ceasefires 2006 and 2008, deal and disarmament 2009 (IRIN 2009) |",
            f"| a boycott of the 2010 elections | {share((ev.kind == 'boycott') & (ev.month == 79))} | "
            "opposition boycott (ICG 2011) |",
            f"| the FNL among the boycotters | {share((ev.kind == 'boycott') & (ev.month == 79) & (ev.actor == 'palipehutu_fnl'))} "
            "| yes (ICG 2011) |",
            f"| the FNL back to arms after its deal | {share(back_to_arms)} | part of it, after the 2010 elections (ICG 2011) |",
            f"| a coup attempt in 2015 | {share((ev.kind == 'coup_attempt') & ev.month.between(134, 145))} | "
            "13 May 2015, failed (ICG 2017) |",
            f"| a coup attempt at any time | {share(ev.kind == 'coup_attempt')} | 2015 (an alleged plot in 2006) |",
            f"| one-sided violence against one group (25 in 12 months) by mid-2016 | "
            f"{s.one_sided_violence_month.notna().mean():.0%} | 2010-2012 killings of FNL members (HRW 2012); 2015 |",
            f"| mass atrocity (1,000 against one group in 12 months) | {s.mass_atrocity_month.notna().mean():.0%} | "
            "500-2,000 killed in the 2015 crisis, of all groups (ICG 2017) |"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replicates", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("docs/burundi"))
    opts = parser.parse_args()
    opts.out.mkdir(parents=True, exist_ok=True)
    results = run(opts.replicates, opts.workers)
    figures(results, opts.out)
    text = table(results)
    (opts.out / "historical_track.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
