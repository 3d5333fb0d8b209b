"""The plenary pack's figures: the teams side by side, and one slide per team.

Every figure draws all the runs of a debrief at once (each :class:`~ssrsim.exercise.teams.TeamRun`
in its colour, the historical track dashed and first, so that no team's line hides under it), from the numbers of
:mod:`ssrsim.exercise.outcomes`; :mod:`ssrsim.exercise.debrief` assembles the pack and decides
where each figure goes:

    war_figure            cumulative P(war-level relapse) with 95% bands, and each calendar
                          year's battle deaths per run (mean, 95% interval)
    confidence_figure     public confidence overall and per service
    warning_figure        the indicators before a crisis the case names (its ``warning_signs``)
    effectiveness_figure  the two core objectives (002:59): effectiveness against accountability
    benchmark_figure      when each benchmark of 004:37-58 was met, and by how many replicates
                          (sources in words: :func:`ssrsim.exercise.citations.cite`)
    events_figure         clashes per run and year, and the share of runs with a remobilisation
                          wave, a funding cliff or a coup attempt each year (95% intervals)
    slide_figure          a 16:9 slide per team, readable from the back of a room: its choices
                          and headline numbers against the historical track

They are sized to be projected (large fonts, wide panels) and built on
``matplotlib.figure.Figure`` without pyplot, so nothing depends on a display or on pyplot's state;
the caller saves them (:func:`ssrsim.run.files.save_figure`).
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..config import SERVICES
from ..config.calendar import dates as calendar_dates
from ..config.calendar import month_of, year_of
from ..model.benchmarks import BENCHMARKS, BY_NAME, heading
from ..run.analysis import Z95, bands, cumulative_incidence, wilson_interval
from ..config.errors import UserError
from .citations import cite
from .menu import MONEY, WarningSigns, family_words, load_exercise
from .outcomes import EVENT_KINDS, WARNING_SERIES, Headline, deaths_by_year, end_of, full_years, short_date
from .teams import TeamRun


# --------------------------------------------------------------------------- shared by the figures
def _dates(team: TeamRun):
    """The calendar date of each month of the run (month 0 is the calendar's start)."""
    return calendar_dates(team.cfg.calendar.start, team.cfg.months)


def _date_axis(ax) -> None:
    """A tick every other year and a light grid: the whole run stays legible when projected."""
    import matplotlib.dates as mdates
    locator = mdates.YearLocator(2)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(labelsize=11)
    ax.grid(alpha=0.3)


def _elections(ax, team: TeamRun, label: bool = False) -> None:
    """Dotted lines at the scheduled elections (the same for every team), the shocks to read against."""
    dates = _dates(team)
    for i, e in enumerate(x for x in team.cfg.events if x.kind == "election"):
        ax.axvline(dates[e.month], color="#999999", linestyle=":", linewidth=1.2,
                   label="elections" if label and i == 0 else None)


def drawn_in_order(teams: list[TeamRun]) -> list[TeamRun]:
    """The historical track first, so that the teams' lines are drawn over it, never under it."""
    return sorted(teams, key=lambda t: not t.historical)


def mean_interval(values: np.ndarray) -> tuple[float, float, float]:
    """Mean over runs and its 95% interval (normal approximation: runs are independent)."""
    values = np.asarray(values, dtype=float)
    mean = float(values.mean())
    half = Z95 * float(values.std(ddof=1)) / math.sqrt(len(values)) if len(values) > 1 else 0.0
    return mean, max(0.0, mean - half), mean + half


def _dodged_bars(ax, teams: list[TeamRun], years: list[int], rows: dict[str, list[tuple[float, float, float]]]) -> None:
    """Bars per year, one per team side by side, each with its 95% interval (hatched: historical)."""
    width = 0.8 / len(teams)
    for i, t in enumerate(teams):
        mean, lo, hi = (np.array(v) for v in zip(*rows[t.name]))
        x = np.array(years) + (i - (len(teams) - 1) / 2) * width
        ax.bar(x, mean, width=width * 0.95, color=t.colour, alpha=0.55 if t.historical else 0.85,
               hatch="//" if t.historical else None, edgecolor=t.colour, label=t.name)
        ax.errorbar(x, mean, yerr=[mean - lo, hi - mean], fmt="none", ecolor="#333333", elinewidth=1, capsize=2)
    ax.set_xticks(years, [str(y) for y in years], fontsize=11)
    ax.tick_params(labelsize=11)
    ax.grid(axis="y", alpha=0.3)


def war_figure(teams: list[TeamRun]) -> Figure:
    """Cumulative P(war-level relapse) with 95% bands, and battle deaths per calendar year (mean
    per run with its 95% interval: it differs between teams where the armed-conflict share, near 1
    in a case with a fighting holdout, does not)."""
    fig = Figure(figsize=(17, 6.5), layout="constrained")
    a, b = fig.subplots(1, 2, width_ratios=(1, 1.3))
    for t in drawn_in_order(teams):
        ci = cumulative_incidence(t.results.summary, t.cfg.months, "war_relapse_month")
        x = _dates(t)[ci["month"].to_numpy()]
        a.fill_between(x, ci["lo"], ci["hi"], step="post", color=t.colour, alpha=0.12, linewidth=0)
        a.step(x, ci["p"], where="post", label=t.name, **t.style)
    a.set_ylim(0, 1)
    a.set_title("War-level relapse (≥ 1,000 battle deaths in 12 months):\ncumulative probability, 95% band", fontsize=14)
    a.set_ylabel("Probability", fontsize=12)
    _date_axis(a)
    a.legend(fontsize=11, loc="upper left")
    years = full_years(teams[0].cfg.months, teams[0].cfg.calendar.start)
    rows = {}
    for t in teams:
        deaths = deaths_by_year(t.results.timeseries, t.cfg.calendar.start).unstack(fill_value=0)
        rows[t.name] = [mean_interval(deaths[y] if y in deaths else np.zeros(len(deaths))) for y in years]
    _dodged_bars(b, teams, years, rows)
    b.set_ylim(bottom=0)
    b.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    b.set_title(f"Battle deaths per calendar year: mean per run ({teams[0].replicates} runs each),\n"
                "95% interval", fontsize=14)
    b.set_ylabel("Battle deaths in the year", fontsize=12)
    b.legend(fontsize=11, loc="upper left")
    return fig


def _band_panels(teams: list[TeamRun], series: dict[str, str], ncols: int, title: str,
                 ylim: tuple | None = (0, 1), first_month: int = 0, size=(17, 10)) -> Figure:
    """One panel per variable; in each, every team's median with its interquartile band."""
    nrows = math.ceil(len(series) / ncols)
    fig = Figure(figsize=size, layout="constrained")
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=True)).ravel()
    tidy = {t.name: bands(t.results.timeseries, list(series), quantiles=(0.25, 0.5, 0.75)) for t in teams}
    for ax, (var, label) in zip(axes, series.items()):
        for t in drawn_in_order(teams):
            d = tidy[t.name]
            d = d[(d["variable"] == var) & (d["month"] >= first_month)]
            x = _dates(t)[d["month"].to_numpy()]
            ax.fill_between(x, d["q25"], d["q75"], color=t.colour, alpha=0.15, linewidth=0)
            ax.plot(x, d["q50"], label=t.name, **t.style)
        _elections(ax, teams[0], label=ax is axes[0])
        dates = _dates(teams[0])
        ax.set_xlim(dates[first_month], dates[teams[0].cfg.months])
        ax.set_title(label, fontsize=14)
        if ylim is not None and var not in ("coup_risk", "trailing_deaths"):
            ax.set_ylim(*ylim)
        else:
            ax.set_ylim(bottom=0)
        _date_axis(ax)
    for ax in axes[len(series):]:
        ax.set_visible(False)
    axes[0].legend(fontsize=11, loc="best")
    fig.suptitle(title, fontsize=16)
    return fig


def confidence_figure(teams: list[TeamRun]) -> Figure:
    """Public confidence in the security sector overall and in each service."""
    series = {"public_confidence": "Security sector overall", **{f"confidence_{s}": s.capitalize() for s in SERVICES}}
    return _band_panels(teams, series, 2, "Public confidence: share of citizens who trust (median and interquartile "
                        "band; dotted: elections)")


def warning_figure(teams: list[TeamRun], signs: WarningSigns) -> Figure:
    """From ``signs.since`` on, the indicators that might have announced the crisis the case
    names (``WARNING_SERIES``)."""
    first = max(0, month_of(signs.since, teams[0].cfg.calendar.start))
    return _band_panels(teams, WARNING_SERIES, 3, f"{signs.title} (median and interquartile band, from "
                        f"{short_date(signs.since)}; dotted: elections)", first_month=first, size=(17, 9))


#: The long-term benchmark of the UN's Considerations for Mission Leadership (2021), 5.4.2 (004:53),
#: as the model reads it: effectiveness and accountability at least these.
BENCHMARK_BOX = (0.6, 0.45)


def effectiveness_figure(teams: list[TeamRun], years: list[int] = ()) -> Figure:
    """Median effectiveness against median accountability over time (the December of each of
    ``years`` marked), and both over time.

    The left panel is zoomed to the paths (on a 0-1 square they sat in one corner, their year
    labels piled on each other); where the benchmark's box lies outside the view, an arrow says
    where. Year labels go on the first team's path only, alternately above and below it."""
    fig = Figure(figsize=(17, 7.5), layout="constrained")
    a, b = fig.subplots(1, 2)
    start = teams[0].cfg.calendar.start
    marks = [y for y in years if 0 <= month_of(f"{y}-12", start) <= teams[0].cfg.months]
    xs, ys = [], []
    for i, t in enumerate(drawn_in_order(teams)):
        ts = t.results.timeseries
        med = ts.groupby("month")[["effectiveness_index", "accountability_index"]].median()
        a.plot(med["effectiveness_index"], med["accountability_index"], label=t.name, **t.style)
        last = ts[ts["month"] == ts["month"].max()]
        a.scatter(last["effectiveness_index"], last["accountability_index"], s=12, color=t.colour, alpha=0.35)
        xs += [*med["effectiveness_index"], *last["effectiveness_index"]]
        ys += [*med["accountability_index"], *last["accountability_index"]]
        for k, y in enumerate(marks):
            m = month_of(f"{y}-12", start)
            point = (med["effectiveness_index"].iloc[m], med["accountability_index"].iloc[m])
            a.plot(*point, "o", color=t.colour, markersize=6)
            if t is teams[0]:
                a.annotate(str(y), point, xytext=(0, 9 if k % 2 == 0 else -16), textcoords="offset points",
                           fontsize=11, ha="center", color=t.colour)
        x = _dates(t)[med.index.to_numpy()]
        b.plot(x, med["effectiveness_index"], label=f"{t.name}: effectiveness", **t.style)
        b.plot(x, med["accountability_index"], color=t.colour, linestyle=":", linewidth=2.2,
               label=f"{t.name}: accountability")
    pad = 0.05
    (x0, x1), (y0, y1) = (max(0.0, min(xs) - pad), min(1.0, max(xs) + pad)), (max(0.0, min(ys) - pad),
                                                                              min(1.0, max(ys) + pad))
    a.set_xlim(x0, x1)
    a.set_ylim(y0, y1)
    bx, by = BENCHMARK_BOX
    benchmark = (f"Long-term benchmark (UN, Considerations for Mission Leadership, 2021):\n"
                 f"effectiveness ≥ {bx} and accountability ≥ {by}")
    if bx < x1 and by < y1:
        a.axvspan(bx, 1.0, ymin=(by - y0) / (y1 - y0), ymax=1.0, color="#009E73", alpha=0.08)
    else:
        benchmark += "; beyond this view ↗"
    a.text(0.02, 0.98, benchmark, transform=a.transAxes, fontsize=11, va="top")
    a.set_xlabel("Effectiveness index (capacity of the forces)", fontsize=12)
    a.set_ylabel("Accountability index (integrity × oversight)", fontsize=12)
    a.set_title("Effectiveness against accountability (median path; "
                + ("dots: December of the years marked;\n" if marks else "\n")
                + "small dots: each run at the end)", fontsize=13)
    a.grid(alpha=0.3)
    a.tick_params(labelsize=11)
    a.legend(fontsize=11, loc="lower right")
    b.set_ylim(0, 1)
    b.set_title("Over time (median): effectiveness solid, accountability dotted", fontsize=13)
    _date_axis(b)
    b.legend(fontsize=11, loc="upper left", ncol=2)
    return fig


def benchmark_figure(teams: list[TeamRun], tables: dict[str, pd.DataFrame]) -> Figure:
    """For each benchmark of 004:37-58: per team, the median date reached (interquartile line)
    and the share of replicates that reached it."""
    dates = _dates(teams[0])
    months = teams[0].cfg.months
    names = list(BY_NAME)
    fig = Figure(figsize=(17, 8.5), layout="constrained")
    ax = fig.add_subplot()
    step = 0.8 / len(teams)
    for i, t in enumerate(teams):
        tab = tables[t.name].set_index("benchmark")
        for row, name in enumerate(names):
            y = row + (i - (len(teams) - 1) / 2) * step
            r = tab.loc[name]
            if r["reached"] == 0:
                ax.plot(dates[months], y, marker="x", color=t.colour, markersize=9)
                ax.text(dates[months], y, "  0%", va="center", fontsize=10, color=t.colour)
                continue
            lo, mid, hi = (dates[int(round(r[c]))] for c in ("q25_month", "median_month", "q75_month"))
            ax.plot([lo, hi], [y, y], color=t.colour, linewidth=2.5, alpha=0.7)
            ax.plot(mid, y, marker="D" if t.historical else "o", color=t.colour, markersize=9,
                    label=t.name if row == 0 or not any(tab["reached"].iloc[:row]) else None)
            ax.text(hi, y, f"  {r['share']:.0%}", va="center", fontsize=10, color=t.colour)
    handles = [ax.plot([], [], marker="D" if t.historical else "o", color=t.colour, linestyle="-",
                       label=t.name)[0] for t in teams]
    ax.legend(handles=handles, fontsize=11, loc="lower left")
    ax.set_yticks(range(len(names)), [f"{heading(BY_NAME[n])}\n({cite(BY_NAME[n].source, titles=False)})"
                                      for n in names], fontsize=11)
    ax.set_ylim(len(names) - 0.5, -0.5)
    for row in range(len(names) - 1):
        ax.axhline(row + 0.5, color="#dddddd", linewidth=1)
    ax.set_xlim(dates[0], dates[months] + pd.Timedelta(days=400))
    _date_axis(ax)
    ax.set_title(f"Benchmarks of {cite('004:53', places=False)}: median date reached\n"
                 "(line: interquartile range of the replicates that "
                 "reached it; %: share of replicates that reached it; x: none did)", fontsize=13)
    return fig


def events_figure(teams: list[TeamRun], table: pd.DataFrame) -> Figure:
    """The events that tell the story, per calendar year, each with its 95% interval: clashes as
    a mean per run; the rarer events (remobilisation waves, funding cliffs, coup attempts) as the
    share of runs with at least one that year, so that "1 of 40" reads as such and not as a rate
    of 0.025."""
    years = full_years(teams[0].cfg.months, teams[0].cfg.calendar.start)
    fig = Figure(figsize=(17, 9), layout="constrained")
    axes = fig.subplots(2, 2).ravel()
    n = teams[0].replicates
    for ax, kind in zip(axes, ["clash", "remobilization_wave", "funding_cliff", "coup_attempt"]):
        rows = {}
        for t in teams:
            ev = t.results.events[t.results.events["kind"] == kind]
            per_run = (ev.assign(year=year_of(ev["month"].to_numpy(), t.cfg.calendar.start))
                       .groupby(["year", "replicate"]).size())
            if kind == "clash":
                rows[t.name] = [mean_interval(per_run.get(y, pd.Series(dtype=float)).reindex(range(t.replicates),
                                                                                            fill_value=0))
                                for y in years]
            else:
                hits = np.array([per_run.get(y, pd.Series(dtype=float)).size for y in years])
                lo, hi = wilson_interval(hits, t.replicates)
                rows[t.name] = list(zip(hits / t.replicates, lo, hi))
        _dodged_bars(ax, teams, years, rows)
        if kind == "clash":
            ax.set_title(EVENT_KINDS[kind].capitalize() + ": mean per run and year", fontsize=13)
            ax.set_ylabel("Clashes per run", fontsize=12)
            ax.set_ylim(bottom=0)
        else:
            ax.set_title(f"Runs with a {EVENT_KINDS[kind].removesuffix('s')} that year", fontsize=13)
            ax.set_ylabel(f"Share of the {n} runs", fontsize=12)
            ax.set_ylim(0, 1)
    axes[0].legend(fontsize=11, loc="upper left")
    fig.suptitle("Events per calendar year (95% intervals; hatched: the historical track)", fontsize=14)
    return fig


# --------------------------------------------------------------------------- the slides
def _option_words(team: TeamRun) -> dict[tuple[str, str], str]:
    """(family, option) -> the option's label in the case's menu ("Fast: 2,000 a month"), so that a
    slide says what was chosen in words; empty when the case cannot be read."""
    try:
        exercise, _ = load_exercise(team.record["exercise"])
    except (KeyError, UserError, OSError):
        return {}
    return {(f, o): option.label for f, family in exercise.families.items() for o, option in family.options.items()}


def _choice_lines(team: TeamRun, width: int = 70) -> list[str]:
    """The team's main choices, in the menu's words: the first decision point in full, then what
    changed (a money split is repeated only when its rounded shares change)."""
    phases = team.record.get("phases", [])
    if not phases:
        return ["(no team.json: choices unknown)"]
    words = _option_words(team)
    lines, before = [], {}
    split_before = None
    for p in phases:
        changed = {f: o for f, o in p.get("choices", {}).items() if before.get(f) != o}
        money = p.get("money") or {}
        total = sum(money.values()) or 1.0
        split = " / ".join(f"{money.get(k, 0) / total:.0%}" for k in MONEY)
        parts = [f"{family_words(f)}: {words.get((f, o), o.replace('_', ' '))}" for f, o in changed.items()]
        if money and split != split_before:
            parts.append(f"money {split}")
        split_before = split
        before = dict(p.get("choices", {}))
        if parts:
            lines += textwrap.wrap(f"{p['label'][:4]}: " + ", ".join(parts), width, subsequent_indent="      ",
                                   break_long_words=False, break_on_hyphens=False)
    return lines


def slide_figure(team: TeamRun, numbers: dict, reference: dict | None, conflict: pd.DataFrame,
                 ref_conflict: pd.DataFrame | None, ref_name: str, headline: Headline) -> Figure:
    """One 16:9 slide, readable from the back of a room: the team's name and main choices, its
    headline numbers next to the historical track's (``reference``, None on the track's own
    slide or when the case has none), and its armed-conflict years."""
    fig = Figure(figsize=(16, 9))
    fig.patch.set_facecolor("white")
    _slide_title(fig, team)
    _slide_choices(fig, team)
    _slide_conflict(fig.add_axes((0.05, 0.08, 0.40, 0.2)), team, conflict, ref_conflict, ref_name)
    _slide_numbers(fig, team, numbers, reference, headline)
    when = "in December" if all(label.endswith("-12") for label in headline.confidence) else "at the months shown"
    fig.text(0.03, 0.015, "Medians over replicates. P(war): at least 1,000 battle deaths in 12 months, with its 95% "
             f"interval. Trust: share of citizens who trust the service, {when}.", fontsize=11, color="#666666")
    return fig


def _slide_title(fig: Figure, team: TeamRun) -> None:
    """The team's name in its colour, its one-line strategy and its replicates."""
    fig.text(0.03, 0.925, team.name, fontsize=44, fontweight="bold", color=team.colour, va="center")
    sub = team.record.get("description") or ""
    fig.text(0.03, 0.85, (sub + "  ·  " if sub else "") + f"{team.replicates} replicates, seed {team.cfg.seed}",
             fontsize=17, color="#444444", va="center")


def _slide_choices(fig: Figure, team: TeamRun) -> None:
    """The team's main choices, top left (eight lines at most: the debrief lists them all)."""
    fig.text(0.03, 0.775, "Main choices", fontsize=21, fontweight="bold", va="center")
    fig.text(0.03, 0.735, "money: share to DDR / capacity / governance / quick wins", fontsize=13,
             color="#444444", va="center")
    lines = _choice_lines(team, width=48)
    if len(lines) > 8:
        lines = lines[:7] + ["… (all choices: the debrief, \"The teams' choices\")"]
    y = 0.69
    for line in lines:
        fig.text(0.03, y, line, fontsize=16, va="center")
        y -= 0.041


def _slide_conflict(ax, team: TeamRun, conflict: pd.DataFrame, ref_conflict: pd.DataFrame | None,
                    ref_name: str) -> None:
    """The armed-conflict years, bottom left: the team's share of replicates, the track's in grey."""
    width = 0.4 if ref_conflict is not None else 0.8
    bars = [(conflict, -width / 2 if ref_conflict is not None else 0, team.colour, team.name)]
    if ref_conflict is not None:
        bars.append((ref_conflict, width / 2, "#aaaaaa", ref_name))
    for frame, shift, colour, name in bars:
        x = frame["year"] + shift
        ax.bar(x, frame["share"], width=width, color=colour, label=name)
        ax.errorbar(x, frame["share"], yerr=[frame["share"] - frame["lo"], frame["hi"] - frame["share"]], fmt="none",
                    ecolor="#333333", elinewidth=1, capsize=2)
    ax.set_ylim(0, 1.1)
    ax.set_title(f"Armed conflict (≥ {team.cfg.thresholds.relapse_deaths} battle deaths) each year:\n"
                 "share of runs, 95% interval", fontsize=15)
    ax.set_xticks(conflict["year"], [f"'{y % 100:02d}" for y in conflict["year"]], fontsize=13)
    ax.tick_params(axis="y", labelsize=13)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=12, loc="lower right", framealpha=0.95)


def _slide_rows(numbers: dict, headline: Headline) -> list[tuple]:
    """(label, how to read the value from a team's numbers, or None for a heading) per row."""
    war = headline.war_key

    def pct(d):  # "78% [64–89]": short enough for its column at slide size
        return f"{d[war]:.0%} [{100 * d[war + '_lo']:.0f}–{100 * d[war + '_hi']:.0f}]"

    def trust(d, s):
        return " → ".join(f"{d[headline.confidence_key(label, s)]:.2f}" for label in headline.confidence)

    horizon = headline.horizon  # "by <year>" for a December; the shorter "P(war)" fits a month's name
    rows = [(f"P(war-level relapse) by {horizon[:4]}" if horizon.endswith("-12") else
             f"P(war) by {short_date(horizon)}", pct),
            (f"Armed-conflict years (of {numbers['conflict_years_of']})", lambda d: f"{d['conflict_years_mean']:.1f}")]
    if headline.demobilised is not None:
        key = headline.demobilised_key
        rows.append((f"Demobilised by {end_of(headline.demobilised.when)}", lambda d: f"{d[key]:,.0f}"))
    rows.append(("Trust, " + " → ".join(short_date(label) for label in headline.confidence) + ":", None))
    rows += [(f"      {s}", lambda d, s=s: trust(d, s)) for s in SERVICES]
    rows.append((f"Benchmarks reached (of {len(BENCHMARKS)})", lambda d: str(d["benchmarks_reached"])))
    return rows


def _slide_numbers(fig: Figure, team: TeamRun, numbers: dict, reference: dict | None, headline: Headline) -> None:
    """The headline numbers, right: the team's in its colour, the historical track's beside them."""
    x0, x1, x2 = 0.49, 0.785, 0.925
    fig.text(x1, 0.775, "this team", fontsize=17, fontweight="bold", ha="center", va="center", color=team.colour)
    if reference is not None:
        fig.text(x2, 0.775, "historical", fontsize=17, fontweight="bold", ha="center", va="center")
    y = 0.71
    for i, (label, value) in enumerate(_slide_rows(numbers, headline)):
        if i % 2 == 0:
            fig.patches.append(Rectangle((x0 - 0.01, y - 0.031), 0.995 - x0, 0.062, transform=fig.transFigure,
                                         color="#f2f2f2", zorder=0))
        fig.text(x0, y, label, fontsize=17, va="center")
        if value is not None:
            fig.text(x1, y, value(numbers), fontsize=21, fontweight="bold", ha="center", va="center",
                     color=team.colour)
            if reference is not None:
                fig.text(x2, y, value(reference), fontsize=17, ha="center", va="center", color="#333333")
        y -= 0.066
    names = numbers["benchmarks_reached_names"]
    text = ", ".join(BY_NAME[n].label for n in names.split(", ")) if names else "none"
    fig.text(x0, y + 0.01, "Reached by half the replicates: " + text, fontsize=13, va="center", color="#444444")
