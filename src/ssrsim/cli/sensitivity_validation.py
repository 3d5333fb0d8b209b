"""``ssrsim sensitivity --study validation``: the validation's global sensitivity study, three resumable pieces.

Morris over every parameter, Sobol on the ten most influential, then the stylised facts over a
Latin hypercube of those ten (``docs/sweeps.md``). The pieces' outcomes, indices and summaries are
:mod:`ssrsim.validation.screening`, :mod:`ssrsim.validation.robustness` and
:mod:`ssrsim.validation.sensitivity`; this module parses the options, composes and checks the
configuration, launches the Morris and Sobol designs as studies in blocks (:mod:`ssrsim.cli.studies`)
and the robustness points in worker processes, and writes each
piece's results when its runs are complete. Each piece's folder resumes: the same command skips
what has finished.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path

from . import fail, user_errors
from .studies import is_overwrite

USAGE = """ssrsim sensitivity --study validation [--piece morris|sobol|robustness|all] [--out DIR]
                   [--workers N] [--seed S] [--trajectories T] [--sobol-n N] [--noise-rows M]
                   [--points P] [--fact-replicates R] [--top K] [overrides...]

  e.g. ssrsim sensitivity --study validation --workers 2                    all three pieces, full size
       ssrsim sensitivity --study validation --piece morris --trajectories 2 months=24 context.citizens=500
"""
#: Overrides the pieces set themselves, or that would make the study another study than the baseline's.
REFUSED = {"scenario": "the study is of the baseline scenario, whose arms the stylised facts compare",
           "experiment": "the study is of the baseline scenario",
           "replicates": "each piece sets its runs: one a row (morris, sobol), --fact-replicates (robustness)",
           "workers": "use --workers N"}


def main(argv: list[str]) -> None:
    from ..validation.robustness import DEFAULT_POINTS, DEFAULT_REPLICATES
    from ..validation.sensitivity import DEFAULT_ROOT, PIECES, TOP

    parser = argparse.ArgumentParser(prog="ssrsim sensitivity --study validation", usage=USAGE, description=(
        "The validation's global sensitivity study (docs/sweeps.md): Morris over every model parameter, Sobol "
        "on the most influential, and the share of the plausible space where each stylised fact holds. "
        "Overrides (KEY=VALUE) set the model, e.g. months=120 or seed=7 (default: ssrsim validate's seed); "
        "overwrite=true runs a piece again."))
    parser.add_argument("--piece", choices=(*PIECES, "all"), default="all",
                        help="which piece to run (default all, in turn); sobol and robustness need morris")
    parser.add_argument("--out", type=Path, default=DEFAULT_ROOT, help=f"the study's folder (default {DEFAULT_ROOT})")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the designs (not of the model: seed=...)")
    parser.add_argument("--trajectories", type=int, default=10, help="Morris trajectories (default 10)")
    parser.add_argument("--sobol-n", type=int, default=256, help="Sobol base sample, a power of 2 (default 256)")
    parser.add_argument("--noise-rows", type=int, default=None,
                        help="Sobol rows run again on other streams to measure chance (default half of --sobol-n)")
    parser.add_argument("--points", type=int, default=DEFAULT_POINTS,
                        help=f"Latin-hypercube points of the robustness piece (default {DEFAULT_POINTS})")
    parser.add_argument("--fact-replicates", type=int, default=DEFAULT_REPLICATES,
                        help=f"paired replicates per arm and point (default {DEFAULT_REPLICATES})")
    parser.add_argument("--top", type=int, default=TOP,
                        help=f"most influential parameters taken by sobol and robustness (default {TOP})")
    args, overrides = parser.parse_known_args(argv)
    command = shlex.join(["ssrsim", "sensitivity", "--study", "validation", *argv])
    check_options(args, overrides)
    if not any(o.split("=", 1)[0] == "seed" for o in overrides):  # the facts' seed, for every piece
        from ..validation.robustness import validation_seed

        with user_errors():
            overrides = [f"seed={validation_seed()}", *overrides]
    pieces = PIECES if args.piece == "all" else (args.piece,)
    for piece in pieces:
        {"morris": morris, "sobol": sobol, "robustness": robustness}[piece](args, overrides, command)


def check_options(args, overrides: list[str]) -> None:
    """Refuse, before anything runs, an option or override the study cannot take."""
    for name, least in (("workers", 1), ("trajectories", 2), ("points", 1), ("fact_replicates", 2), ("top", 1)):
        if getattr(args, name) < least:
            fail(f"--{name.replace('_', '-')} {getattr(args, name)}: at least {least}")
    if args.sobol_n < 2 or args.sobol_n & (args.sobol_n - 1):
        fail(f"--sobol-n {args.sobol_n}: a Sobol design needs a power of 2 (e.g. 256)")
    if args.noise_rows is not None and not 2 <= args.noise_rows <= args.sobol_n:
        fail(f"--noise-rows {args.noise_rows}: between 2 and --sobol-n ({args.sobol_n})")
    for o in overrides:
        key = o.split("=", 1)[0].lstrip("+~")
        if o.startswith("-"):
            fail(f"{o}: not an option of ssrsim sensitivity --study validation (see --help)")
        if key.startswith("hydra"):
            fail(f"{o}: the study's pieces run on this machine with --workers N; hydra settings are not taken here")
        if key in REFUSED:
            fail(f"{key}: set by the study ({REFUSED[key]})")


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def morris(args, overrides: list[str], command: str) -> None:
    """Every parameter over its range, one run a row, trajectories on their own streams; then the
    indices of ``MORRIS_OUTCOMES``, the ranking, the figures, the summary and the manifest."""
    from ..sweeps.designs import problem, sample
    from ..sweeps.plan import check_sweep_folder
    from ..validation import screening
    from ..validation.ranges import parameter_table
    from ..validation.sensitivity import PARAMETERS, RANKING, check_piece_files
    from .studies import compose_base

    folder, start = args.out / "morris", time.perf_counter()
    new, overwrite = not folder.exists(), is_overwrite(overrides)
    run_overrides = [*overrides, "replicates=1"]
    with user_errors():
        check_sweep_folder(folder, overwrite=overwrite)
        check_piece_files(folder)
        base = compose_base(run_overrides)
        params = parameter_table(base)
        prob = problem(dict(zip(params["parameter"], zip(params["low"], params["high"]))))
        X = sample(prob, "morris", n=args.trajectories, seed=args.seed)
        about = {"method": "morris", "n": args.trajectories, "design_seed": args.seed, "seeding": "trajectories",
                 "rows_per_trajectory": prob["num_vars"] + 1}
    rows, sessions = _run_design(folder, prob, X, base, about, run_overrides, args.workers, command, new, overwrite,
                                 f"morris: {prob['num_vars']} parameters over their ranges, {args.trajectories} "
                                 f"trajectories: {len(X)} runs of {base.months} months, one a row")
    with user_errors():
        indices = screening.morris_indices(prob, X, rows, seed=args.seed)
        ranked = screening.ranking(indices)
        _write_csv(folder / PARAMETERS, params)
        _write_csv(folder / "morris.csv", indices)
        _write_csv(folder / RANKING, ranked)
        for outcome, words in screening.MORRIS_OUTCOMES.items():
            _figure(folder / f"morris_{outcome}.png", indices[indices["outcome"] == outcome].head(20),
                    f"Morris screening: {words}\n(top 20 of {prob['num_vars']}; whiskers: 95% intervals)")
        trial = "" if args.trajectories >= 10 else " Fewer than 10 trajectories: a trial, not the study's result."
        text = (f"{prob['num_vars']} parameters (`params.*`) over their ranges (`{PARAMETERS}`: the schema's, or a "
                f"narrower study range where the schema's is a technical limit), "
                f"{args.trajectories} trajectories of {prob['num_vars'] + 1} rows: {len(X)} runs of {base.months} "
                f"months, one a row, trajectory t's rows on stream t (`SeedSequence([{base.seed}, t])`); "
                f"design seed {args.seed}, 4 levels.{trial}")
        _finish(folder, "morris", base, about, screening.morris_summary(indices, ranked, text, args.top),
                sessions, command, start)


def sobol(args, overrides: list[str], command: str) -> None:
    """The ``--top`` most influential parameters (from the Morris piece) over the same ranges: a
    Sobol design with noise rows, one run a row on its own stream; then noise-corrected indices."""
    from ..sweeps.designs import problem
    from ..sweeps.plan import check_sweep_folder
    from ..validation import screening
    from ..validation.sensitivity import check_piece_files, top_parameters
    from .studies import compose_base

    folder, start = args.out / "sobol", time.perf_counter()
    new, overwrite = not folder.exists(), is_overwrite(overrides)
    run_overrides = [*overrides, "replicates=1"]
    noise_rows = args.sobol_n // 2 if args.noise_rows is None else args.noise_rows
    with user_errors():
        base = compose_base(run_overrides)
        top = top_parameters(args.out, base, args.top)
        check_sweep_folder(folder, overwrite=overwrite)
        check_piece_files(folder)
        prob = problem(dict(zip(top["parameter"], zip(top["low"], top["high"]))))
        X = screening.sobol_design(prob, args.sobol_n, args.seed, noise_rows)
        about = {"method": "sobol", "n": args.sobol_n, "design_seed": args.seed, "seeding": "rows",
                 "noise_rows": noise_rows}
    rows, sessions = _run_design(folder, prob, X, base, about, run_overrides, args.workers, command, new, overwrite,
                                 f"sobol: {prob['num_vars']} parameters, base sample {args.sobol_n}: {len(X)} runs of "
                                 f"{base.months} months ({len(X) - noise_rows} for the indices, {noise_rows} to "
                                 "measure chance), one a row")
    with user_errors():
        indices = screening.sobol_indices(prob, X, rows, args.sobol_n, seed=args.seed)
        _write_csv(folder / "ranges.csv", top)
        _write_csv(folder / "sobol.csv", indices)
        adjusted = {"S1_adj": "S1", "S1_adj_conf": "S1_conf", "ST_adj": "ST", "ST_adj_conf": "ST_conf"}
        for outcome, words in screening.SOBOL_OUTCOMES.items():
            block = indices[indices["outcome"] == outcome][["parameter", *adjusted]].rename(columns=adjusted)
            _figure(folder / f"sobol_{outcome}.png", block.fillna(0.0),
                    f"Sobol indices, chance taken out: {words}\n(whiskers: 95% intervals)")
        text = (f"The {prob['num_vars']} most influential parameters of the Morris piece over the same ranges "
                f"(`ranges.csv`); Saltelli design, base sample {args.sobol_n}: {len(X) - noise_rows} runs for first "
                f"and total order and {noise_rows} noise rows (base-sample rows run again on other streams, "
                f"measuring chance), {len(X)} runs of {base.months} months, row i on stream i "
                f"(`SeedSequence([{base.seed}, i])`); design seed {args.seed}. Relapse is counted 0/1 a run "
                f"within {min(screening.DECADE, base.months)} months, so its indices are those of its probability.")
        _finish(folder, "sobol", base, about, screening.sobol_summary(indices, text), sessions, command, start)


def _run_design(folder: Path, prob: dict, X, base, about: dict, run_overrides: list[str], workers: int, command: str,
                new: bool, overwrite: bool, message: str):
    """Lay a piece's design out as a study in blocks, one run a row (what has finished is kept), run
    the rest, and read each run's outcomes: ``(rows, sessions)``."""
    from ..sweeps.designs import design_table
    from ..sweeps.study import STUDY_TABLE, block_rows
    from ..validation import screening
    from ..validation.sensitivity import start_session
    from .studies import launch, prepare

    with user_errors():
        say(message)
        names = prepare(folder, design_table(prob["names"], X), base, overwrite, block_rows(len(X)), about)
        sessions = start_session(folder, command)
    launch(folder, names, [*run_overrides, f"hydra.launcher.n_jobs={workers}"], new)
    with user_errors():
        return screening.run_outcomes(_read(folder / STUDY_TABLE), base.months), sessions


def robustness(args, overrides: list[str], command: str) -> None:
    """Every fact's checks at Latin-hypercube points over the most influential parameters' ranges;
    then the share of points where each passes and where its effect has the stated sign."""
    from ..validation import robustness as piece
    from ..validation.sensitivity import check_piece_files, start_session, top_parameters
    from .studies import compose_base

    folder, start = args.out / "robustness", time.perf_counter()
    model_overrides = [o for o in overrides if not o.lower().startswith("overwrite=")]
    with user_errors():
        base = compose_base([*model_overrides, "replicates=1"])
        top = top_parameters(args.out, base, args.top)
        check_piece_files(folder)
        design = piece.lhs_design(top, args.points, args.seed)
        todo = piece.plan(folder, design, model_overrides, args.fact_replicates, is_overwrite(overrides))
        sessions = start_session(folder, command)
    piece.run_points(folder, todo, model_overrides, args.fact_replicates, args.workers, say)
    with user_errors():
        checks = piece.collect(folder)
        table = piece.shares(checks)
        _write_csv(folder / "ranges.csv", top)
        _write_csv(folder / "checks.csv", checks)
        _write_csv(folder / "facts.csv", table)
        arms = len(piece.arms_of())
        text = (f"{args.points} Latin-hypercube points over the ranges of the Morris piece's {len(top)} most "
                f"influential parameters (`ranges.csv`; design seed {args.seed}), every other value as calibrated; "
                f"at each point the {arms} arms the facts compare at the fast size's citizen sample, "
                f"{args.fact_replicates} paired replicates each "
                f"(replicate r of every arm on `SeedSequence([{base.seed}, r])`), each arm as many months as its checks "
                f"read (at most {base.months}): "
                f"{args.points * arms * args.fact_replicates} runs. *passes*: share of points where the check "
                "passes as `ssrsim validate` judges it (effect at least the minimum, interval above 0); "
                "*right sign*: share where its effect is above 0. A knock-out asks for no effect: it passes when its "
                "effect and interval stay within its tolerance (the *minimum* column), and has no sign.")
        cfg = base.model_copy(update={"replicates": args.fact_replicates})
        about = {"points": args.points, "design_seed": args.seed, "parameters": list(top["parameter"]), "arms": arms}
        seconds = float(checks.drop_duplicates("point")["seconds"].sum())
        _finish(folder, "robustness", cfg, about, piece.summary(table, text), sessions, command, start, seconds)


def _read(path: Path):
    from ..run.files import read_table

    return read_table(path)


def _write_csv(path: Path, table) -> None:
    from ..run.files import atomic

    atomic(path, lambda p: table.to_csv(p, index=False))


def _figure(path: Path, table, title: str) -> None:
    from ..run.files import save_figure
    from ..sweeps.designs import draw_ranking

    save_figure(draw_ranking(table, title=title), path)


def _finish(folder: Path, piece: str, cfg, about: dict, summary: str, sessions: list[dict], command: str,
            start: float, compute_seconds: float | None = None) -> None:
    """A piece's ``summary.md`` and ``manifest.json``; say where they are."""
    from ..run.files import write_text
    from ..validation.sensitivity import MANIFEST, SUMMARY, study_seconds, write_manifest

    write_text(folder / SUMMARY, summary)
    seconds = study_seconds(folder) if compute_seconds is None else compute_seconds
    write_manifest(folder, piece, cfg, about, time.perf_counter() - start, seconds, sessions, command)
    print(f"{piece}: results in {folder} ({SUMMARY}, {MANIFEST}); {seconds / 60:.1f} min of runs in all")
