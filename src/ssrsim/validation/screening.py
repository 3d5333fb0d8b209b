"""The Morris and Sobol pieces of the validation's global sensitivity study: outcomes and indices.

The validation asks for Morris over every parameter, then Sobol on the most influential, for
relapse at both thresholds, confidence and one-sided deaths (``docs/validation.md``). Both pieces run as studies in blocks
(:mod:`ssrsim.sweeps.study`); this module turns a study's runs into indices and their summaries.

**Morris** runs one replicate per design row, so its outcomes must vary continuously from run to
run: battle deaths in the first 10 years, one-sided deaths, mean public confidence and the months
until relapse at both thresholds, a run without one counting as the horizon (censored). Each
trajectory runs on its own random stream, shared by its rows (``--seeds trajectories``): an
elementary effect is then a paired difference.

**Sobol** decomposes what a run gives, and a run's relapse within 10 years is 0 or 1: most of its
variance is chance, which is no parameter's. With independent streams (one a row), chance adds
its variance ``σ²`` to every total index's numerator (the estimator averages ``(f(A) - f(AB_i))²/2``
over pairs of runs on different streams) and to the variance both indices divide by, while the
first-order numerator stays unbiased. So the design carries *noise rows*: the first base-sample
rows again, each on another stream, whose pairs with their originals estimate ``σ²``
(``mean((y - y')²)/2``). With ``ν = σ² / Var(Y)`` (the noise share), the indices of the expected
outcome (for relapse, of its probability) are ``S1 / (1 - ν)`` and ``(ST - ν) / (1 - ν)``
(``*_adj``; intervals scaled alike, ignoring the uncertainty of ``ν``). Without it every total
index on relapse would exceed the noise share, and a noise share above 0.5 would flag every
parameter as "a calibrated intercept in disguise" (``INTERCEPT``). The estimators are SALib's
(Saltelli et al. 2010, ``docs/sources.md``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..sweeps.designs import analyze, sample

#: Months of the first decade: ``*_10y`` outcomes count within it (or within a shorter run).
DECADE = 120
MORRIS_OUTCOMES = {
    "battle_deaths_10y": "battle deaths in months 0-120",
    "one_sided_deaths": "one-sided deaths (civilians killed) over the run",
    "mean_public_confidence": "mean public confidence over the run",
    "relapse_month": "months until a relapse into armed conflict (25 battle deaths), a run without one "
                     "counting as the horizon",
    "war_relapse_month": "months until a war-level relapse (1,000 battle deaths), a run without one "
                         "counting as the horizon",
}
SOBOL_OUTCOMES = {
    "war_relapse_10y": "war-level relapse within 10 years (0/1 a run: its probability)",
    "relapse_10y": "relapse into armed conflict within 10 years (0/1 a run: its probability)",
    "mean_public_confidence": "mean public confidence over the run",
    "one_sided_deaths": "one-sided deaths (civilians killed) over the run",
}
#: The outcomes on which a large total index is a calibrated intercept in disguise.
RELAPSE = ("relapse_10y", "war_relapse_10y")
#: A total index above this on relapse flags the parameter: one parameter carrying most of the
#: variance of relapse is a calibrated intercept in disguise (``docs/validation.md``).
INTERCEPT = 0.5


def run_outcomes(runs: pd.DataFrame, months: int) -> pd.DataFrame:
    """Every outcome of both pieces for each design row (``row``), the mean over its runs, from a
    study's runs (``study.parquet``: the summary, ``battle_deaths_10y``). Relapse months are
    censored at ``months``; ``*_10y`` indicators count within 120 months or the run if shorter."""
    horizon = min(DECADE, months)
    relapse = runs["relapse_month"].astype(float)
    war = runs["war_relapse_month"].astype(float)
    per_run = pd.DataFrame({
        "row": runs["row"].to_numpy(),
        "battle_deaths_10y": runs["battle_deaths_10y"].astype(float),
        "one_sided_deaths": runs["total_one_sided_deaths"].astype(float),
        "mean_public_confidence": runs["mean_public_confidence"].astype(float),
        "relapse_month": relapse.fillna(months), "war_relapse_month": war.fillna(months),
        "relapse_10y": relapse.le(horizon).astype(float), "war_relapse_10y": war.le(horizon).astype(float)})
    return per_run.groupby("row", sort=True).mean().reset_index()


def morris_indices(prob: dict, X: np.ndarray, rows: pd.DataFrame, seed: int) -> pd.DataFrame:
    """mu*, its 95% interval's half-width, sigma and mu of each outcome of ``MORRIS_OUTCOMES``
    (``outcome`` column), most influential first within each; ``rows``: ``run_outcomes``, in design order."""
    tables = [analyze(prob, "morris", X, rows[o].to_numpy(), seed=seed).assign(outcome=o)
              for o in MORRIS_OUTCOMES]
    out = pd.concat(tables, ignore_index=True)
    out["rank"] = out.groupby("outcome", sort=False).cumcount() + 1
    return out[["outcome", "rank", "parameter", "mu_star", "mu_star_conf", "sigma", "mu"]]


def ranking(indices: pd.DataFrame) -> pd.DataFrame:
    """Parameters by influence over all outcomes: each outcome's mu* divided by that outcome's
    largest (outcomes have different units), and a parameter's ``score`` its largest such share,
    so that one dominating a single outcome ranks high. Columns ``parameter``, ``score``,
    ``outcome`` (where the score comes from), most influential first."""
    top = indices.groupby("outcome")["mu_star"].transform("max")
    scaled = indices.assign(score=(indices["mu_star"] / top.where(top > 0)).fillna(0.0))
    best = scaled.sort_values("score", ascending=False, kind="stable").drop_duplicates("parameter")
    return best[["parameter", "score", "outcome"]].reset_index(drop=True)


def sobol_design(prob: dict, n: int, seed: int, noise_rows: int) -> np.ndarray:
    """The Sobol design (``n`` x (k + 2) rows, first and total order) followed by ``noise_rows``
    noise rows: the first base samples' A rows again (see the module's docstring)."""
    if not 0 <= noise_rows <= n:
        raise ValueError(f"noise rows {noise_rows}: between 0 and the base sample n = {n}")
    X = sample(prob, "sobol", n=n, seed=seed)
    return np.vstack([X, X[:: prob["num_vars"] + 2][:noise_rows]])


def noise_share(y: np.ndarray, k: int, n: int) -> tuple[float, float]:
    """``(Var(Y), ν)``: the variance of the A and B rows (the variance SALib's indices divide by)
    and the share of it that is chance: the variance of one run's outcome at fixed values, from
    the noise rows (NaN without noise rows or variance)."""
    sobol_rows = n * (k + 2)
    A, B = y[:sobol_rows:k + 2], y[k + 1:sobol_rows:k + 2]
    again = y[sobol_rows:]
    total = float(np.var(np.r_[A, B]))
    if again.size == 0 or total <= 0:
        return total, np.nan
    return total, float(np.mean((A[: again.size] - again) ** 2) / 2) / total


def sobol_indices(prob: dict, X: np.ndarray, rows: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """First and total order of each outcome of ``SOBOL_OUTCOMES``, as SALib gives them (``S1``,
    ``ST``, with 95% half-widths) and with the noise taken out (``S1_adj``, ``ST_adj``; the
    ``noise_share`` they used), most influential (``ST_adj``) first within each outcome;
    ``variance``: the outcome's (0: constant, nothing to apportion, indices NaN). ``flagged``: a
    relapse outcome whose ``ST_adj`` exceeds ``INTERCEPT``."""
    k = prob["num_vars"]
    sobol_rows = n * (k + 2)
    tables = []
    for outcome in SOBOL_OUTCOMES:
        y = rows[outcome].to_numpy(float)
        table = analyze(prob, "sobol", X[:sobol_rows], y[:sobol_rows], seed=seed)
        variance, share = noise_share(y, k, n)
        scale = 1 / (1 - share) if share < 1 else np.nan  # NaN share: NaN too
        table = table.assign(outcome=outcome, variance=variance, noise_share=share,
                             S1_adj=table["S1"] * scale, S1_adj_conf=table["S1_conf"] * scale,
                             ST_adj=(table["ST"] - share) * scale, ST_adj_conf=table["ST_conf"] * scale)
        tables.append(table.sort_values("ST_adj", ascending=False, kind="stable", na_position="last"))
    out = pd.concat(tables, ignore_index=True)
    out["flagged"] = out["outcome"].isin(RELAPSE) & (out["ST_adj"] > INTERCEPT)
    return out[["outcome", "parameter", "S1_adj", "S1_adj_conf", "ST_adj", "ST_adj_conf", "noise_share",
                "S1", "S1_conf", "ST", "ST_conf", "variance", "flagged"]]


def number(x: float) -> str:
    """A value for a summary table: three significant digits, a dash for a missing one."""
    return "–" if pd.isna(x) else f"{x:.3g}"


def morris_summary(indices: pd.DataFrame, ranked: pd.DataFrame, about: str, top: int = 10) -> str:
    """``summary.md`` of the Morris piece: what ran (``about``), the ``top`` most influential
    overall, and each outcome's ``top`` by mu* with its interval and sigma."""
    lines = ["### Morris screening of every model parameter", "", about, "",
             "**Most influential** (a parameter's largest mu* as a share of the largest on some outcome): "
             + ", ".join(f"`{p}` ({number(s)}, {o})" for p, s, o in ranked.head(top).itertuples(index=False)), ""]
    for outcome, words in MORRIS_OUTCOMES.items():
        block = indices[indices["outcome"] == outcome].head(top)
        lines += [f"**{outcome}**: {words}", "", "| rank | parameter | mu* | ± 95% | sigma |", "|---|---|---|---|---|"]
        lines += [f"| {r.rank} | `{r.parameter}` | {number(r.mu_star)} | {number(r.mu_star_conf)} | {number(r.sigma)} |"
                  for r in block.itertuples()]
        lines.append("")
    return "\n".join(lines)


def sobol_summary(indices: pd.DataFrame, about: str) -> str:
    """``summary.md`` of the Sobol piece: what ran, the flagged parameters, and each outcome's
    indices with the noise taken out, with their intervals and the noise share."""
    flagged = indices[indices["flagged"]]
    flags = ("**Flagged** (total index on relapse above 0.5, a calibrated intercept in disguise): "
             + "; ".join(f"`{r.parameter}` on {r.outcome} (ST {number(r.ST_adj)} ± {number(r.ST_adj_conf)})"
                         for r in flagged.itertuples())) if len(flagged) else \
        "**Flagged** (total index on relapse above 0.5): none."
    lines = ["### Sobol indices of the most influential parameters", "", about, "", flags, ""]
    for outcome, words in SOBOL_OUTCOMES.items():
        block = indices[indices["outcome"] == outcome]
        if not len(block) or not block["variance"].iloc[0] > 0:
            lines += [f"**{outcome}**: {words}; the same in every run of the design: no variance to apportion", ""]
            continue
        share = block["noise_share"].iloc[0]
        if share >= 1:
            lines += [f"**{outcome}**: {words}; chance (run to run) is as large as its whole variance "
                      f"({number(share)}): no parameter's share can be told from it", ""]
            continue
        lines += [f"**{outcome}**: {words}; chance (run to run) is {number(share)} of its variance, taken out "
                  "of the indices", "", "| parameter | S1 | ± 95% | ST | ± 95% |", "|---|---|---|---|---|"]
        lines += [f"| `{r.parameter}` | {number(r.S1_adj)} | {number(r.S1_adj_conf)} | {number(r.ST_adj)} | "
                  f"{number(r.ST_adj_conf)} |" for r in block.itertuples()]
        lines.append("")
    return "\n".join(lines)
