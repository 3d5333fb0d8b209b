"""``ssrsim run``: a scenario's replicates into a run folder; with ``-m``, a sweep of them.

The configuration is composed and validated before Hydra starts, so a mistake ends with a short
message naming the field and what is allowed, exit status 2, no traceback and nothing written. A
sweep's points are all validated before its first job starts (:mod:`ssrsim.sweeps.plan`). A run
then goes straight to ``run_single`` with the config composed once; Hydra runs ``hydra_entry``
(this module's thin ``@hydra.main``) once per sweep job, and for a run that uses Hydra's own
flags or settings (``--cfg job``, ``hydra.verbose=true``, ...).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
from pathlib import Path

import hydra

from ..config import compose  # noqa: F401  registers the schema's defaults as `ssrsim_base`
from . import fail, importing, system_error, user_errors

#: Environment variable naming the process that runs a sweep, so that its workers know they are not it.
SWEEP_PROCESS = "SSRSIM_SWEEP_PROCESS"

USAGE = """ssrsim run [KEY=VALUE ...]             run a scenario's replicates into a run folder
       ssrsim run -m KEY=V1,V2 [KEY=...]     a sweep: one job per point, then collected"""

HELP = """Overrides are Hydra's KEY=VALUE: any configuration key, e.g.
  ssrsim run scenario=low_will_holdout levers.political_will=0.4 replicates=20 workers=2
  ssrsim run hydra.run.dir=runs/my_run           choose the run folder (refused if it holds
                                                 results, unless overwrite=true)
  ssrsim run hydra.searchpath=[file://my_configs] scenario=my_country    your own scenario file
                                                 my_configs/scenario/my_country.yaml

Sweeps (-m): comma lists and range(a,b,step) are axes; several axes make a grid.
  ssrsim run -m levers.political_will=0.2,0.5,0.8 replicates=20 hydra.launcher.n_jobs=2
  ssrsim run -m experiment=will_oversight        a ready experiment (configs/experiment/)
  ssrsim run -m ... hydra.sweep.dir=runs/sweep   choose the sweep folder; the same command
                                                 resumes an interrupted sweep there

Every key, with its range, default, unit and source: docs/parameters.md.
Run folders: docs/outputs.md. Sweeps and launchers: docs/sweeps.md."""


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="ssrsim run", usage=USAGE, epilog=HELP, add_help=False,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-h", "--help", action="store_true", help="show this help and exit")
    parser.add_argument("-m", "--multirun", action="store_true",
                        help="a sweep: one job per point of the comma lists and ranges given")
    opts, overrides = parser.parse_known_args(argv)
    if opts.help:
        parser.print_help()
        return
    check_named_folders(overrides)
    if opts.multirun:
        multirun(overrides)
    else:
        single(overrides)


def check_named_folders(overrides: list[str]) -> None:
    """A run or sweep folder named on the command line is checked before Hydra creates it."""
    from ..run.files import check_destination

    for override in overrides:
        key, _, value = override.partition("=")
        if key in ("hydra.run.dir", "hydra.sweep.dir") and value:
            with user_errors():
                check_destination(Path(value))


def single(overrides: list[str]) -> None:
    """Compose and validate once, check where the default run folder goes, then run into it
    (``run_single``). Hydra's own flags and settings go through Hydra's main (``hydra_entry``)."""
    from omegaconf import OmegaConf, open_dict

    from ..config.compose import compose_dictconfig, to_config
    from ..config.errors import readable_errors
    from ..run.files import check_destination

    if any(o.startswith("-") for o in overrides):  # Hydra's own flags (--cfg job, --info, ...): Hydra's
        sys.argv = ["ssrsim run", *overrides]      # main reads them, with their values, and acts on them
        hydra_entry()
        return
    with user_errors(), readable_errors():
        dcfg = compose_dictconfig(overrides, return_hydra_config=True)
        pattern = str(OmegaConf.to_container(dcfg.hydra.run, resolve=False)["dir"])
        folder = Path(OmegaConf.to_container(dcfg.hydra.run, resolve=True)["dir"]).absolute()
        with open_dict(dcfg):
            dcfg.pop("hydra")
        cfg = to_config(dcfg)
        # The default folder (outputs/<name>/<date_time>) is made before the run: its fixed part
        # is checked now, so that a file named ``outputs`` gets a message.
        fixed = pattern.replace("${name}", cfg.name).split("${", 1)[0]
        if fixed and not any(o.startswith("hydra.run.dir=") for o in overrides):
            check_destination(Path(fixed))
    sys.argv = ["ssrsim run", *overrides]  # the manifest records the command
    if any(_needs_hydra(o) for o in overrides):
        hydra_entry()  # Hydra's own flags and settings: Hydra composes the run again and runs it
        return
    # Composed once: Hydra's main would compose the same config twice more (about 0.2 s each).
    # The model (Mesa, pandas, SciPy) and Matplotlib, if the run draws figures, are imported here,
    # before the run makes anything, and frozen out of the garbage collector's reach
    # (``importing``). Mesa's logging set-up reads every frame of the call stack at import
    # (inspect.stack): 0.03 s less CPU here than from deep inside run_single.
    with importing():
        from .. import model  # noqa: F401

        if cfg.figures:
            from ..run import figures  # noqa: F401
    logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO
    with user_errors():  # a full disk, a folder that became unwritable: a message, not a traceback
        folder.mkdir(parents=True, exist_ok=True)
        run_single(cfg, folder)


#: Hydra settings a run without Hydra's main does the same with: the folder, the config search path.
OWN_HYDRA_KEYS = ("hydra.run.dir", "hydra.searchpath")


def _needs_hydra(override: str) -> bool:
    """Whether an override asks Hydra for something ``single`` does not do itself: a ``hydra.*``
    setting other than the run folder and the search path."""
    key = override.split("=", 1)[0].lstrip("+~")
    return key.startswith("hydra") and key not in OWN_HYDRA_KEYS and not key.startswith("hydra.launcher")


def multirun(overrides: list[str]) -> Path:
    """Plan and validate every point, run the jobs (resumable, with progress), collect; return the folder."""
    from ..sweeps.jobs import SweepProgress
    from ..sweeps.plan import DONE_FILE, plan

    with user_errors():
        sweep = plan([o for o in overrides if not o.startswith("-")],
                     progress=lambda done, total: print(f"sweep: planning, {done}/{total} points checked",
                                                        file=sys.stderr, flush=True))
    # the planned folder, pinned: the sweep's own by default, a user's resolved once (${now:...})
    quoted = str(sweep.folder).replace("\\", "\\\\").replace("'", "\\'")
    sys.argv = (["ssrsim run", "-m", *(o for o in overrides if not o.startswith("hydra.sweep.dir="))]
                + [f"hydra.sweep.dir='{quoted}'"])
    sweep.write(["ssrsim", "run", "-m", *overrides])
    os.environ[SWEEP_PROCESS] = str(os.getpid())  # the launcher's workers inherit it: see run_task
    try:
        with SweepProgress(sweep):
            hydra_entry()
        finish_sweep(sweep.folder)
    except KeyboardInterrupt:
        finished = sum(1 for _ in sweep.folder.glob(f"*/{DONE_FILE}"))  # job markers, written last
        kept = f"{finished} finished job{'s' if finished != 1 else ''} kept in {sweep.folder}" if finished \
            else "no job had finished"
        print(f"\nssrsim: sweep interrupted; {kept}: run the same command again to complete it", file=sys.stderr)
        raise SystemExit(130) from None
    return sweep.folder


def finish_sweep(folder: Path) -> None:
    """Collect a sweep's jobs into its tables, draw its figures, say where they are."""
    from ..sweeps.collect import collect
    from ..sweeps.figures import save_sweep_figures
    from ..sweeps.study import ROWS_TABLE, STUDY_TABLE, collect_study, is_study

    if is_study(folder):  # a design's blocks: its runs and its rows' outcomes, no sweep figures
        with user_errors():
            rows = collect_study(folder)
        print(f"study: {int(rows['runs'].sum())} runs of {len(rows)} design rows collected into "
              f"{folder / STUDY_TABLE} (and {ROWS_TABLE})")
        return
    table = collect(folder)
    figures = save_sweep_figures(folder)
    print(f"sweep: {len(table)} jobs collected into {folder / 'sweep.parquet'} "
          f"(and sweep.csv, manifest.json); figures: {', '.join(p.name for p in figures)}")


@hydra.main(version_base="1.3", config_path="pkg://ssrsim.configs", config_name="config")
def hydra_entry(dcfg) -> None:
    """Hydra's job: hand the composed config to ``run_task``. A full disk or a folder that became
    unwritable ends with a message, not Hydra's report of a traceback."""
    with user_errors():
        run_task(dcfg)


def run_task(dcfg) -> Path:
    """One Hydra job: validate, then a sweep job, or simulate, write the run folder and summarise."""
    from hydra.core.hydra_config import HydraConfig
    from hydra.types import RunMode

    from ..config.compose import to_config
    from ..config.errors import readable_errors

    if os.environ.get(SWEEP_PROCESS, str(os.getpid())) != str(os.getpid()):
        # A worker of a sweep's launcher pool: Ctrl-C is the sweep's to handle (it stops the
        # workers and says what was kept). A terminal sends SIGINT to the whole process group, and
        # a worker taking it between jobs printed a traceback from the pool's own code.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO
    with user_errors(), readable_errors():
        cfg = to_config(dcfg)
    hydra_cfg = HydraConfig.get()
    folder = Path(hydra_cfg.runtime.output_dir)
    if hydra_cfg.mode == RunMode.MULTIRUN:
        from ..sweeps.jobs import run_job

        search = [o for o in hydra_cfg.overrides.hydra if o.startswith("hydra.searchpath=")]  # user configs
        run_job(cfg, folder, hydra_cfg.job.num, [*search, *hydra_cfg.overrides.task])
        return folder
    return run_single(cfg, folder)


def run_single(cfg, folder: Path) -> Path:
    """Simulate ``cfg``'s replicates into the run folder ``folder`` (resumable), then its figures and summary."""
    from ..run.analysis import BANDED, console_summary
    from ..run.partial import KeptReplicates
    from ..run.results import SAVED_FILES, FolderHasResults, check_folder, read_curves, write_about
    from ..run.runner import console_progress, run_replicates

    kept = KeptReplicates(folder, cfg)
    with user_errors():
        check_folder(folder, cfg.overwrite)
        if kept.other_configuration() and not cfg.overwrite:
            raise FolderHasResults(f"{folder} holds replicates of another configuration ({kept.folder.name}/, kept "
                                   "by an interrupted run); choose another folder or pass overwrite=true "
                                   "(they are then discarded)")
    kept.start()
    finished = kept.finished()
    print(f"ssrsim: scenario {cfg.name!r}, {cfg.replicates} replicates x {cfg.months} months "
          f"(seed {cfg.seed}, {cfg.workers} worker{'s' if cfg.workers > 1 else ''})"
          + (f"; resuming: {len(finished)} already finished" if finished else ""), file=sys.stderr)
    progress, count = console_progress(), len(finished)

    def done(replicate: int, out: dict) -> None:  # on disk at once: memory does not grow with replicates
        nonlocal count
        kept.keep(replicate, out)
        count += 1
        progress(count, cfg.replicates)

    start, finish = time.perf_counter(), f"hydra.run.dir={folder}"
    try:
        run_replicates(cfg, sorted(set(range(cfg.replicates)) - set(finished)), cfg.workers, done)
        wall = time.perf_counter() - start
        with user_errors():
            check_folder(folder, cfg.overwrite, SAVED_FILES)
        finish += " overwrite=true"  # from here on the folder holds some of the run's own files
        summary = kept.assemble(folder)
        write_about(folder, cfg, wall)
        # The figures and the console read their curves from the table in blocks of months, not the whole table.
        with user_errors():
            curves = read_curves(folder / "timeseries.parquet", BANDED)
        if cfg.figures:  # matplotlib is imported only to draw them
            from ..run.figures import save_run_figures

            save_run_figures(folder, cfg, summary, curves)
    except KeyboardInterrupt:
        print(f"\nssrsim: run interrupted; {kept.count()} of {cfg.replicates} replicates kept in {kept.folder}: run the "
              f"same command with {finish} to finish it", file=sys.stderr)
        raise SystemExit(130) from None
    except OSError as e:  # a full disk, a folder made read-only meanwhile: what is finished stays
        fail(f"{system_error(e)}; {kept.count()} of {cfg.replicates} replicates are kept in {kept.folder}: "
             f"make room, then run the same command with {finish} to finish the run from them")
    kept.discard()  # the run folder is complete: its kept replicates are no longer needed
    print(console_summary(summary, curves, cfg.months, folder=str(folder), scenario=cfg.name))
    return folder
