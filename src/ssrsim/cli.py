"""The ``ssrsim`` command.

    ssrsim run [hydra overrides]   run the configured scenario's replicates into a run folder
    ssrsim run -m AXIS=V1,V2 ...   a sweep: one job per point, then collected tables and figures
    ssrsim collect DIR / plot DIR  (re)build a sweep's tables / figures
    ssrsim sensitivity ...         a SALib design run as a sweep, then sensitivity indices
    ssrsim scenarios               list the shipped scenarios
    ssrsim validate [--fast]       calibration check and the ten stylised facts, as a report
    ssrsim exercise play|brief|debrief   the training exercise (ssrsim.exercise.cli)
    ssrsim --version

The configuration is composed and validated before Hydra starts, so a user mistake ends with a
short message naming the field and what is allowed, exit code 2, no traceback, and nothing
written. A sweep's points are all validated before its first job starts (see ``ssrsim.sweeps``).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from .errors import UserError, readable_errors

USAGE = """usage: ssrsim <command> [options]

commands:
  run [overrides...]   run replicates of a scenario and write tables, figures and a summary
                       e.g.  ssrsim run scenario=low_will_holdout levers.political_will=0.4 replicates=20
                       (Hydra overrides: key=value; see docs/parameters.md for every key)
  run -m [overrides]   a sweep: one job per point (comma lists, range(a,b,step)), run by the
                       joblib launcher (hydra.launcher.n_jobs=2), resumable, then collected
                       e.g.  ssrsim run -m levers.political_will=0.2,0.5,0.8 replicates=20
                             ssrsim run -m experiment=will_oversight
  collect DIR          build sweep.parquet, sweep.csv, sweep_confidence.parquet, manifest.json
  plot DIR             draw a collected sweep's figures
  sensitivity [opts]   a Morris / Sobol / LHS design run as a sweep, then ranked indices
                       (ssrsim sensitivity --help)
  scenarios            list the shipped scenarios
  validate [options]   check the calibration and the ten stylised facts; write a report
                       e.g.  ssrsim validate --workers 2 --out validation/latest
                       (about 15 minutes on 2 cores; --fast: about 2 minutes)
  exercise play FILE   the training exercise: play a team's decision file (or `historical`)
                       e.g.  ssrsim exercise play historical --replicates 40 --workers 2
  exercise play --interactive   decide at the prompt, decision point by decision point
  exercise brief NAME  the country brief and a decision-file template
  exercise debrief DIR...       compare played teams with the historical track
                       (ssrsim exercise --help)
  --version            print the version
"""


def fail(message: str) -> None:
    print(f"ssrsim: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def validated(overrides: list[str]):
    """Compose and validate ``overrides``; raise ``UserError`` with a readable message."""
    from .composition import compose_dictconfig, to_config

    with readable_errors():
        return to_config(compose_dictconfig(overrides))


def _run(overrides: list[str]) -> None:
    multirun = any(o in ("-m", "--multirun") for o in overrides)
    args = [o for o in overrides if not o.startswith("-")]
    try:
        if multirun:
            from .sweeps import plan

            sweep = plan(args)
        else:
            validated(args)
    except UserError as e:
        fail(str(e))
    import hydra

    from . import composition  # noqa: F401  registers the schema defaults as `ssrsim_base`

    @hydra.main(version_base="1.3", config_path="pkg://ssrsim.configs", config_name="config")
    def task(dcfg) -> None:
        run_task(dcfg)

    sys.argv = ["ssrsim run", *overrides]  # Hydra parses the overrides; the manifest records the command
    if not multirun:
        task()
        return
    from .sweeps import SweepProgress

    # the planned folder, pinned: the sweep's own by default, a user's resolved once (${now:...})
    quoted = str(sweep.folder).replace("\\", "\\\\").replace("'", "\\'")
    sys.argv = [a for a in sys.argv if not a.startswith("hydra.sweep.dir=")] + [f"hydra.sweep.dir='{quoted}'"]
    sweep.write(["ssrsim", "run", *overrides])
    try:
        with SweepProgress(sweep):
            task()
        _finish_sweep(sweep.folder)
    except KeyboardInterrupt:
        print(f"\nssrsim: sweep interrupted; finished jobs are kept in {sweep.folder}: "
              "run the same command again to complete it", file=sys.stderr)
        raise SystemExit(130) from None


def _finish_sweep(folder: Path) -> None:
    """Collect a sweep's jobs into its tables, draw its figures, say where they are."""
    from .collect import collect
    from .sweep_plots import save_sweep_figures

    table = collect(folder)
    figures = save_sweep_figures(folder)
    print(f"sweep: {len(table)} jobs collected into {folder / 'sweep.parquet'} "
          f"(and sweep.csv, manifest.json); figures: {', '.join(p.name for p in figures)}")


def run_task(dcfg) -> Path:
    """Hydra's job: validate, simulate, write the run folder, print a summary."""
    from hydra.core.hydra_config import HydraConfig
    from hydra.types import RunMode
    from pydantic import ValidationError

    from .analysis import console_summary
    from .composition import to_config
    from .config import Config
    from .plots import save_figures
    from .results import FolderHasResults, check_folder
    from .runner import console_progress, simulate
    from .schema import explain

    logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO
    try:
        cfg = to_config(dcfg)
    except ValidationError as e:
        fail("invalid configuration:\n" + explain(e, Config))
    hydra = HydraConfig.get()
    folder = Path(hydra.runtime.output_dir)
    if hydra.mode == RunMode.MULTIRUN:
        from .sweeps import run_job

        search = [o for o in hydra.overrides.hydra if o.startswith("hydra.searchpath=")]  # user configs
        run_job(cfg, folder, hydra.job.num, [*search, *hydra.overrides.task])
        return folder
    try:
        check_folder(folder, cfg.overwrite)
    except FolderHasResults as e:
        fail(str(e))
    print(f"ssrsim: scenario {cfg.name!r}, {cfg.replicates} replicates x {cfg.months} months "
          f"(seed {cfg.seed}, {cfg.workers} worker{'s' if cfg.workers > 1 else ''})", file=sys.stderr)
    results = simulate(cfg, progress=console_progress())
    results.save(folder, overwrite=cfg.overwrite)
    save_figures(results.summary, results.timeseries, cfg.months, folder,
                 title=f"ssrsim: {cfg.name} ({cfg.replicates} replicates)",
                 calendar_start=cfg.calendar.start)
    print(console_summary(results.summary, results.timeseries, cfg.months, folder=str(folder),
                          scenario=cfg.name))
    return folder


def _validate(args: list[str]) -> None:
    """``ssrsim validate``: exit 0 when every target and fact holds, 1 when one does not."""
    import argparse
    from datetime import datetime

    parser = argparse.ArgumentParser(prog="ssrsim validate", description=(
        "Run the calibration check and the ten stylised facts (MODEL.md §6-7) and write a report."))
    parser.add_argument("--fast", action="store_true",
                        help="the small version the test suite runs (default: full size)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--out", type=Path, default=None,
                        help="report folder (default validation/<date>_<time>)")
    parser.add_argument("--overwrite", action="store_true", help="replace a report in --out")
    opts = parser.parse_args(args)
    if opts.workers < 1:
        fail(f"--workers must be at least 1, got {opts.workers}")
    from .validation.report import REPORT_FILES, validate

    folder = opts.out or Path("validation") / datetime.now().strftime("%Y-%m-%d_%H-%M-%S")
    present = [f for f in REPORT_FILES if (folder / f).exists()]
    if present and not opts.overwrite:
        fail(f"{folder} already holds a report ({', '.join(present)}); choose another --out "
             "or pass --overwrite")
    logging.getLogger("MESA").setLevel(logging.WARNING)
    size = "fast" if opts.fast else "full"
    print(f"ssrsim validate: {size} size, {opts.workers} workers -> {folder}", file=sys.stderr)
    calibration, facts = validate(folder, size, opts.workers,
                                  progress=lambda line: print(line, file=sys.stderr, flush=True))
    for r in calibration.itertuples():
        print(f"{'pass' if r.passed else 'FAIL'}  {r.target}: {r.model:.2f} [{r.lo:.2f}, {r.hi:.2f}] "
              f"(band {r.band_low:.2f}-{r.band_high:.2f})")
    for r in facts.itertuples():
        print(f"{'pass' if r.passed else 'FAIL'}  fact {r.fact}.{r.check}: {r.effect:.3g} "
              f"[{r.lo:.3g}, {r.hi:.3g}] {r.unit} (minimum {r.minimum:g})")
    print(f"report: {folder / 'report.md'}")
    if not (calibration.passed.all() and facts.passed.all()):
        raise SystemExit(1)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return
    if argv[0] == "--version":
        from importlib.metadata import version

        from . import __version__

        print(f"ssrsim {__version__} (mesa {version('mesa')}, python {sys.version.split()[0]})")
        return
    command, rest = argv[0], argv[1:]
    if command == "run":
        _run(rest)
    elif command in ("collect", "plot"):
        _collect_or_plot(command, rest)
    elif command == "sensitivity":
        from .sensitivity_sweep import sensitivity_command

        sensitivity_command(rest)
    elif command == "validate":
        _validate(rest)
    elif command == "exercise":
        from .exercise.cli import exercise_command

        exercise_command(rest)
    elif command == "scenarios":
        from .composition import scenarios

        print("\n".join(scenarios()))
    else:
        fail(f"unknown command {command!r}; commands: run, collect, plot, sensitivity, scenarios, "
             "validate, exercise (see ssrsim --help)")


def _collect_or_plot(command: str, rest: list[str]) -> None:
    if len(rest) != 1:
        fail(f"usage: ssrsim {command} SWEEP_DIR (a folder made by ssrsim run -m)")
    folder = Path(rest[0])
    try:
        if command == "collect":
            from .collect import collect

            table = collect(folder)
            print(f"{len(table)} jobs collected into {folder / 'sweep.parquet'}")
        else:
            from .sweep_plots import save_sweep_figures

            print("\n".join(str(p) for p in save_sweep_figures(folder)))
    except FileNotFoundError as e:
        fail(str(e))


if __name__ == "__main__":
    main()
