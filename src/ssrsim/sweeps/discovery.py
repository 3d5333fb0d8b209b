"""Scenario discovery: under which conditions does an outcome of interest concentrate?

A study (``ssrsim sensitivity``) or a sweep (``ssrsim run -m``) runs scenarios over ranges of
levers and uncertainties. PRIM, the patient rule induction method (Friedman and Fisher 1999; for
scenario discovery, Bryant and Lempert 2010), finds boxes in that space, each a few ranges of a
few keys, where the scenarios of interest (war-level relapse within 10 years at or above 0.4, say)
are dense and which hold many of them:

- *density*: the share of the box's scenarios that are of interest;
- *coverage*: the share of all scenarios of interest that lie in the box;
- *mass*: the share of all scenarios in the box.

PRIM peels the space a sliver at a time (``peel_alpha`` of the scenarios), keeping at each step the
cut that raises density most, then pastes back what it can; the boxes along the way trade coverage
for density (the peeling trajectory). Of each trajectory the box kept here is, among those of at
least ``density``, the one that best holds both: the highest coverage x density (fewer restricted
keys on a tie), where the trajectory bends from gaining density to losing coverage. Each
restriction has a quasi-p value (a one-sided binomial test of the box with and without it: Bryant
and Lempert 2010); the restriction least needed (quasi-p above 0.05) is dropped, then the next,
while the box stays at ``density``. The next box is sought among the scenarios outside it. Each
restriction kept has a reproducibility: the share of PRIM runs on 10 random halves of the
scenarios (drawn from ``seed``) whose box, chosen the same way, restricts that key again.

It reads the folder's table of scenarios and never runs the model. The PRIM of the EMA Workbench
(Kwakkel 2017) does the peeling, in the ``discovery`` extra.
"""

from __future__ import annotations

import json
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..config.errors import UserError
from ..run.files import DPI, atomic, read_json, save_figure, write_text
from .figures import unit
from .plan import PLAN_FILE, SWEEP_TABLE
from .sensitivity import TITLES
from .study import OUTCOMES, ROWS_TABLE, STUDY_FILE, is_study

SHARES = ("relapse", "war_relapse")  # a study's outcomes that are shares of a design row's runs
#: Columns of a sweep's table that are neither a swept key nor an outcome.
BOOKKEEPING = ("job", "seed", "replicates", "months")
#: What ``write`` puts in its folder (``discovery/<outcome>_<above|below>_<threshold>/``).
FILES = ("boxes.csv", "restrictions.csv", "trajectory.csv", "tradeoff.png", "discovery.md", "manifest.json")
HALVES = 10  # PRIM runs on random halves for each restriction's reproducibility
#: The Workbench's ``threshold``: with a 0/1 outcome, a scenario of interest is one at or above it,
#: and a box is kept (else replaced by all the scenarios) if its density is. Just above 0, every
#: box peeled is kept, so its trajectory can be drawn even where no box reaches ``density``, which
#: ``_choose`` applies.
ACCEPT_ANY = 1e-9
SIGNIFICANCE = 0.05  # a restriction whose quasi-p value is above this is dropped, if the box stays dense


@dataclass
class Scenarios:
    """A folder's scenarios: the keys they vary (``x``), their outcomes and what each outcome means."""

    folder: Path
    kind: str  # "study" or "sweep"
    x: pd.DataFrame
    outcomes: pd.DataFrame
    meaning: dict[str, str]


def scenarios(folder: str | Path) -> Scenarios:
    """The scenarios of a study folder (a row per design row: the means over its runs) or of a
    sweep folder (a row per job); ``UserError`` if ``folder`` is neither or is not collected."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder (give a study folder of `ssrsim sensitivity` or a sweep folder "
                        "of `ssrsim run -m`)")
    if is_study(folder):
        study = read_json(folder / STUDY_FILE, ("parameters",))
        table = _collected(folder, ROWS_TABLE)
        names = list(study["parameters"])
        horizon = int(table["horizon_months"].iloc[0]) if len(table) else 120
        when = "within 10 years" if horizon >= 120 else f"within {horizon} months"
        meaning = {k: TITLES[k].format(when=when) + (" (a scenario's share of runs)" if k in SHARES else "")
                   for k in OUTCOMES}
        return Scenarios(folder, "study", table[names], table[list(OUTCOMES)], meaning)
    if (folder / PLAN_FILE).is_file():
        names = list(read_json(folder / PLAN_FILE, ("swept",))["swept"])
        table = _collected(folder, SWEEP_TABLE)
        measured = [c for c in table.columns if c not in (*names, *BOOKKEEPING) and not c.endswith(("_lo", "_hi"))
                    and pd.api.types.is_numeric_dtype(table[c])]
        return Scenarios(folder, "sweep", table[names], table[measured], {c: c.replace("_", " ") for c in measured})
    raise UserError(f"{folder} is not a study or a sweep folder (it has no {STUDY_FILE} or {PLAN_FILE}); give the "
                    "folder `ssrsim sensitivity` or `ssrsim run -m` wrote")


def _collected(folder: Path, table: str) -> pd.DataFrame:
    if not (folder / table).is_file():
        raise UserError(f"{folder} has no {table}: its runs are not collected; run `ssrsim collect {folder}` (it "
                        "names any job that has not finished)")
    return pd.read_parquet(folder / table)


@dataclass
class Question:
    """The outcome of interest: ``outcome`` at or above (``above``) or at or below ``threshold``."""

    outcome: str
    threshold: float
    above: bool = True

    @property
    def slug(self) -> str:
        return f"{self.outcome}_{'above' if self.above else 'below'}_{self.threshold:g}"

    def words(self, meaning: dict[str, str]) -> str:
        return f"{meaning.get(self.outcome, self.outcome)} at or {'above' if self.above else 'below'} {self.threshold:,g}"


@dataclass
class Discovery:
    question: Question
    boxes: pd.DataFrame  # a row per box: coverage, density, mass, scenarios, of interest, ranges
    restrictions: pd.DataFrame  # a row per box and restricted key: its range, quasi-p values, reproducibility
    trajectory: pd.DataFrame  # a row per box and peeling step: coverage, density, mass, keys restricted, kept
    scenarios: int
    of_interest: int
    settings: dict
    sentences: list[str]


def of_interest(found: Scenarios, question: Question) -> np.ndarray:
    """Which scenarios are of interest; ``UserError`` naming the outcomes if it is not one, or
    saying what the threshold leaves if no scenario, or every one, is of interest."""
    if question.outcome not in found.outcomes:
        raise UserError(f"--outcome {question.outcome}: not an outcome of this {found.kind}; allowed: "
                        f"{', '.join(found.outcomes.columns)}")
    values = found.outcomes[question.outcome].to_numpy(float)
    known = ~np.isnan(values)
    if not known.any():
        raise UserError(f"--outcome {question.outcome}: no scenario of {found.folder} has a value for it")
    y = (values >= question.threshold) if question.above else (values <= question.threshold)
    y &= known
    side = "--above" if question.above else "--below"
    if not y.any() or y.all():
        raise UserError(f"{side} {question.threshold:g}: {'no' if not y.any() else 'every'} scenario has "
                        f"{question.outcome} {'at or above' if question.above else 'at or below'} it ({question.outcome} "
                        f"ranges from {np.nanmin(values):.3g} to {np.nanmax(values):.3g}): nothing to tell apart")
    return y


def discover(found: Scenarios, question: Question, density: float = 0.6, boxes: int = 3, peel_alpha: float = 0.05,
             paste_alpha: float = 0.05, mass_min: float = 0.05, seed: int = 1) -> Discovery:
    """Up to ``boxes`` PRIM boxes where the scenarios of interest have at least ``density``."""
    prim = _prim_module()
    if not 0 < density <= 1:
        raise UserError(f"--density {density}: a share, above 0 and at most 1")
    if boxes < 1:
        raise UserError(f"--boxes {boxes}: at least 1")
    y = of_interest(found, question).astype(int)
    x = _prim_inputs(found.x)
    settings = {"peel_alpha": peel_alpha, "paste_alpha": paste_alpha, "mass_min": mass_min}
    finder = _quiet(prim.Prim, x, y, threshold=ACCEPT_ANY, **settings)
    rng = np.random.default_rng(seed)
    box_rows, restriction_rows, steps, sentences = [], [], [], []
    for number in range(1, boxes + 1):
        box = _quiet(finder.find_box)
        if box is None:
            break
        chosen, peeled = _choose(box.peeling_trajectory, density), len(box.peeling_trajectory)
        if chosen is not None:
            box.select(chosen)
            chosen = _simplified(box, chosen, density)
        trajectory = box.peeling_trajectory
        steps.append(pd.DataFrame({"box": number, "step": range(len(trajectory))}).join(
            trajectory[["coverage", "density", "mass", "res_dim", "n", "k"]].reset_index(drop=True)).assign(
            dropped=[i >= peeled for i in range(len(trajectory))],  # a restriction dropped from the kept box
            kept=[i == chosen for i in range(len(trajectory))]))
        if chosen is None:
            break  # no box on this trajectory is dense enough: no further box either
        again = _reproduced(prim, x.loc[box.yi_initial].reset_index(drop=True), y[box.yi_initial], density,
                            settings, rng)
        ranges = _restrictions(box, chosen, again)
        restriction_rows.append(pd.concat([pd.DataFrame({"box": [number] * len(ranges)}), ranges], axis=1))
        stats = trajectory.iloc[chosen]
        words = _ranges_in_words(ranges)
        box_rows.append({"box": number, "coverage": stats.coverage, "density": stats.density, "mass": stats.mass,
                         "scenarios": int(stats.n), "of_interest": int(stats.k), "keys": int(stats.res_dim),
                         "ranges": words})
        sentences.append(f"Box {number}: {question.words(found.meaning)} is likely ({stats.density:.0%} of the "
                         f"{int(stats.n)} scenarios in the box; {stats.coverage:.0%} of all such scenarios lie in it) "
                         f"when {words}.")
    columns = ["box", "coverage", "density", "mass", "scenarios", "of_interest", "keys", "ranges"]
    return Discovery(
        question, pd.DataFrame(box_rows, columns=columns),
        pd.concat(restriction_rows, ignore_index=True) if restriction_rows else pd.DataFrame(
            columns=["box", "key", "low", "high", "values", "qp_low", "qp_high", "reproduced"]),
        pd.concat(steps, ignore_index=True) if steps else pd.DataFrame(),
        len(y), int(y.sum()),
        {"density": density, "boxes": boxes, **settings, "seed": seed, "halves": HALVES,
         "significance": SIGNIFICANCE}, sentences)


def _quiet(call, *args, **kwargs):
    """``call`` without the EMA Workbench's warnings (its own use of pandas features being deprecated)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call(*args, **kwargs)


def _simplified(box, step: int, density: float) -> int:
    """Drop, one at a time, the restriction with the highest quasi-p value above ``SIGNIFICANCE``
    (the box barely needs it: Bryant and Lempert 2010), while the box keeps ``density`` and one
    restriction at least; return the step of the box kept (dropping adds a step to the trajectory)."""
    while len(box.qp[step]) > 1:
        worst, p = max(((key, max(values)) for key, values in box.qp[step].items()), key=lambda kv: kv[1])
        if p <= SIGNIFICANCE:
            break
        _quiet(box.drop_restriction, worst, step)
        candidate = len(box.peeling_trajectory) - 1
        if box.peeling_trajectory.density.iloc[candidate] < density:
            box.select(step)  # the simpler box is not dense enough: the last one stands
            break
        step = candidate
    return step


def _reproduced(prim, x: pd.DataFrame, y: np.ndarray, density: float, settings: dict,
                rng: np.random.Generator) -> dict[str, float]:
    """For each key, the share of ``HALVES`` PRIM runs, each on a random half of the scenarios
    (drawn from ``rng``), whose box, chosen and simplified as here, restricts it."""
    counts: dict[str, int] = {}
    for _ in range(HALVES):
        half = np.sort(rng.choice(len(y), size=len(y) // 2, replace=False))
        if y[half].all() or not y[half].any():
            continue
        box = _quiet(_quiet(prim.Prim, x.iloc[half].reset_index(drop=True), y[half], threshold=ACCEPT_ANY,
                            **settings).find_box)
        chosen = _choose(box.peeling_trajectory, density)
        if chosen is None:
            continue
        box.select(chosen)
        for key in box.qp[_simplified(box, chosen, density)]:
            counts[key] = counts.get(key, 0) + 1
    return {key: n / HALVES for key, n in counts.items()}


def _prim_module():
    """The EMA Workbench's PRIM, or ``UserError`` saying which extra brings it."""
    try:
        with warnings.catch_warnings():  # it warns, on import, of parallel back ends PRIM does not use
            warnings.simplefilter("ignore")
            from ema_workbench.analysis import prim
    except ImportError:
        raise UserError("scenario discovery needs the EMA Workbench: pip install \"ssrsim[discovery]\" "
                        "(or, in a checkout, pip install -e \".[discovery]\")") from None
    logging.getLogger("EMA").setLevel(logging.WARNING)  # its progress lines
    return prim


def _prim_inputs(x: pd.DataFrame) -> pd.DataFrame:
    """Keys as PRIM takes them: numbers as floats, anything else (a scenario's name) as a category."""
    out = pd.DataFrame(index=range(len(x)))
    for key in x.columns:
        column = x[key].reset_index(drop=True)
        numeric = pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
        out[key] = column.astype(float) if numeric else column.astype(str).astype("category")
    return out


def _choose(trajectory: pd.DataFrame, density: float) -> int | None:
    """The step of highest coverage x density among those with at least ``density`` and a
    restricted key (fewer keys on a tie); None if there is none. Highest coverage alone would
    take the loosest box just over the density; highest density alone, the smallest box."""
    candidates = trajectory[(trajectory.density >= density) & (trajectory.res_dim > 0)]
    if candidates.empty:
        return None
    best = candidates.assign(both=candidates.coverage * candidates.density).sort_values(
        ["both", "res_dim"], ascending=[False, True], kind="stable")
    return int(best.index[0])


def _restrictions(box, step: int, again: dict[str, float]) -> pd.DataFrame:
    """The keys box ``step`` restricts: their range, quasi-p values and reproducibility (``again``)."""
    qp = box.qp[step]
    limits = box.box_lims[step]
    rows = []
    for key, (qp_low, qp_high) in qp.items():
        low, high = limits[key].iloc[0], limits[key].iloc[1]
        numeric = not isinstance(low, set)
        rows.append({"key": key,
                     "low": float(low) if numeric and qp_low >= 0 else np.nan,
                     "high": float(high) if numeric and qp_high >= 0 else np.nan,
                     "values": "" if numeric else ", ".join(sorted(map(str, low))),
                     "qp_low": qp_low if qp_low >= 0 else np.nan, "qp_high": qp_high if qp_high >= 0 else np.nan,
                     "reproduced": float(again.get(key, 0.0))})
    return pd.DataFrame(rows)


def _ranges_in_words(ranges: pd.DataFrame) -> str:
    """A box's ranges as a clause: "political will below 0.35 and demobilization per month above 1,500"."""
    parts = []
    for r in ranges.itertuples():
        name = _name(r.key)
        if r.values:
            parts.append(f"{name} is {r.values}")
        elif np.isnan(r.low):
            parts.append(f"{name} is below {_number(r.high, r.key)}")
        elif np.isnan(r.high):
            parts.append(f"{name} is above {_number(r.low, r.key)}")
        else:
            parts.append(f"{name} is between {_number(r.low, r.key)} and {_number(r.high, r.key)}")
    return " and ".join(parts)


def _name(key: str) -> str:
    """``levers.political_will`` -> "political will"; a one-word key with its parent's name,
    ``context.peacekeeping.troops`` -> "peacekeeping troops"."""
    parts = key.split(".")
    words = parts[-1].replace("_", " ")
    return f"{parts[-2].replace('_', ' ')} {words}" if "_" not in parts[-1] and len(parts) > 2 else words


def _number(value: float, key: str) -> str:
    """A value with the key's unit, as a reader says it: 1,500 (not 1.5e+03), 0.35."""
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
    said = unit(key)
    return f"{text} {said}" if said and said not in ("share", "0-1", "index", "probability") else text


def write(found: Scenarios, result: Discovery, command: str) -> Path:
    """The discovery's tables, trade-off figure, summary and manifest into
    ``<folder>/discovery/<slug>/`` (``FILES``); return that folder. Its own earlier files are
    replaced; a file that is not ssrsim's is never (``UserError``)."""
    from ..run.provenance import package_version, provenance
    from ..run.results import refuse_theirs

    out = found.folder / "discovery" / result.question.slug
    refuse_theirs(out, FILES, overwrite=True)
    out.mkdir(parents=True, exist_ok=True)
    for name, table in (("boxes.csv", result.boxes), ("restrictions.csv", result.restrictions),
                        ("trajectory.csv", result.trajectory)):
        atomic(out / name, lambda p, t=table: t.to_csv(p, index=False, float_format="%.6g"))
    save_figure(tradeoff_figure(result, found), out / "tradeoff.png", dpi=DPI)
    write_text(out / "discovery.md", summary(found, result, command))
    manifest = {"source": str(found.folder), "kind": found.kind, "outcome": result.question.outcome,
                "threshold": result.question.threshold, "above": result.question.above, **result.settings,
                "scenarios": result.scenarios, "of_interest": result.of_interest, "keys": list(found.x.columns),
                **provenance(command), "ema_workbench": package_version("ema-workbench")}
    write_text(out / "manifest.json", json.dumps(manifest, indent=2, default=str))
    return out


def summary(found: Scenarios, result: Discovery, command: str) -> str:
    """``discovery.md``: the question, each box in words and its ranges with their statistics."""
    q = result.question
    lines = [f"# Scenario discovery: {q.words(found.meaning)}", "",
             f"`{command}`", "",
             f"{result.of_interest} of {result.scenarios} scenarios of `{found.folder}` ({found.kind}) are of interest "
             f"({result.of_interest / result.scenarios:.0%}). PRIM (peel {result.settings['peel_alpha']:g}, paste "
             f"{result.settings['paste_alpha']:g}, smallest box {result.settings['mass_min']:g} of the scenarios) kept, "
             f"of each peeling trajectory, the box of highest coverage x density among those with a density of at "
             f"least {result.settings['density']:g}, without the restrictions it barely needs (quasi-p above "
             f"{result.settings['significance']:g}) as long as it keeps that density; each next box among the "
             "scenarios outside the ones before.", ""]
    if not result.sentences:
        lines += [f"No box reaches a density of {result.settings['density']:g} with a restricted key: the scenarios "
                  "of interest do not concentrate in a region of these keys (see `tradeoff.png`; a lower "
                  "`--density` shows the best there is).", ""]
    lines += [*result.sentences, ""]
    if len(result.restrictions):
        lines += ["| box | key | low | high | quasi-p (low, high) | restricted again on random halves |",
                  "|---|---|---|---|---|---|"]
        for r in result.restrictions.itertuples():
            low = r.values or ("–" if np.isnan(r.low) else f"{r.low:.4g}")
            high = "" if r.values else ("–" if np.isnan(r.high) else f"{r.high:.4g}")
            qp = ", ".join("–" if np.isnan(v) else f"{v:.2g}" for v in (r.qp_low, r.qp_high))
            lines.append(f"| {r.box} | `{r.key}` | {low} | {high} | {qp} | {r.reproduced:.0%} |")
        lines += ["", "A quasi-p value above 0.05 that remains marks a restriction the box needs to stay dense but "
                  f"that the data barely support; a key restricted again on few of {HALVES} random halves (seed "
                  f"{result.settings['seed']}) marks one that is fragile.", ""]
    return "\n".join(lines)


def tradeoff_figure(result: Discovery, found: Scenarios):
    """Coverage against density along the peeling trajectory of each box kept (of the first search
    if none was), coloured by the keys restricted; a restriction dropped from a kept box hollow;
    the box kept ringed and labelled."""
    import textwrap

    from matplotlib import colormaps
    from matplotlib.figure import Figure

    from ..run.figures import FONT, TITLE

    fig = Figure(figsize=(7.5, 5.5), layout="constrained")
    ax = fig.subplots()
    t = result.trajectory
    if len(t):
        shown = t[t.box.isin(t.box[t.kept])] if t.kept.any() else t[t.box == t.box.min()]
        t = shown[shown.res_dim > 0]
    most = int(t.res_dim.max()) if len(t) else 1
    cmap = colormaps["viridis"].resampled(most + 1)
    colour = {"cmap": cmap, "vmin": -0.5, "vmax": most + 0.5}
    for number, steps in t.groupby("box"):
        peeled, dropped = steps[~steps.dropped], steps[steps.dropped]
        ax.plot(peeled.coverage, peeled.density, color="0.75", lw=1, zorder=1)
        points = ax.scatter(peeled.coverage, peeled.density, c=peeled.res_dim, s=22, zorder=2, **colour)
        ax.scatter(dropped.coverage, dropped.density, s=40, facecolors="none", zorder=2,
                   edgecolors=cmap((dropped.res_dim + 0.5) / (most + 1)))
        for k in steps[steps.kept].itertuples():
            ax.scatter([k.coverage], [k.density], s=160, facecolors="none", edgecolors="crimson", lw=2, zorder=3)
            ax.annotate(f"box {number}: {int(k.res_dim)} key{'s' if k.res_dim != 1 else ''}",
                        (k.coverage, k.density), xytext=(8, 8), textcoords="offset points", fontsize=FONT - 1,
                        color="crimson")
    if len(t):
        bar = fig.colorbar(points, ax=ax, ticks=range(most + 1))
        bar.set_label("keys restricted", fontsize=FONT)
    base = result.of_interest / result.scenarios
    ax.axhline(base, color="0.4", ls=":", lw=1)
    ax.annotate(f"share of interest in all scenarios ({base:.0%})", (0.01, base), xytext=(0, 4),
                textcoords="offset points", fontsize=FONT - 2, color="0.3")
    ax.axhline(result.settings["density"], color="crimson", ls="--", lw=1)
    ax.annotate(f"least density kept ({result.settings['density']:g})", (0.01, result.settings["density"]),
                xytext=(0, 4), textcoords="offset points", fontsize=FONT - 2, color="crimson")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("coverage: share of the scenarios of interest in the box", fontsize=FONT)
    ax.set_ylabel("density: share of the box's scenarios of interest", fontsize=FONT)
    ax.set_title(textwrap.fill(f"Where {result.question.words(found.meaning)}", 60), fontsize=TITLE)
    return fig
