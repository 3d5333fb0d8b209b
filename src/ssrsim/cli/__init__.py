"""The ``ssrsim`` command: one module per subcommand.

    ssrsim run [overrides]          run.py          a scenario's replicates into a run folder
    ssrsim run -m AXIS=V1,V2 ...    run.py          a sweep: one job per point, then collected
    ssrsim collect DIR              collect.py      (re)build a sweep's tables
    ssrsim plot DIR                 plot.py         (re)draw a sweep's figures
    ssrsim sensitivity ...          sensitivity.py  a SALib design run as a sweep, then indices
    ssrsim sensitivity --study validation   sensitivity_validation.py   the validation's global
                                    sensitivity study: Morris, Sobol, the facts' robustness
    ssrsim discover DIR ...         discover.py     scenario discovery (PRIM) on a study or sweep
    ssrsim scenarios                scenarios.py    the shipped scenarios
    ssrsim validate [--fast]        validate.py     calibration and stylised facts, as a report
    ssrsim exercise play|brief|debrief   exercise.py   the training exercise
    ssrsim app [--port N]           app.py          the browser app (needs the app extra)

Each module has ``main(argv)`` with its own argparse parser; the top-level parser only names the
subcommands, and a subcommand's module (and what it imports: Hydra, Matplotlib) is loaded only
when it runs. A user mistake ends with ``ssrsim: error: ...``, exit status 2 and no traceback.
"""

from __future__ import annotations

import argparse
import gc
import shlex
import sys
from contextlib import contextmanager
from importlib import import_module

#: subcommand -> (module, one-line help)
COMMANDS = {
    "run": ("run", "run a scenario's replicates (or, with -m, a sweep) into a folder"),
    "collect": ("collect", "build a sweep folder's tables (sweep.parquet, sweep.csv, ...)"),
    "plot": ("plot", "draw a collected sweep's figures"),
    "sensitivity": ("sensitivity", "a Morris / Sobol / LHS design run as a sweep, then ranked indices "
                                   "(--study validation: the validation's global sensitivity study)"),
    "discover": ("discover", "scenario discovery: the boxes of levers where an outcome of interest concentrates "
                             "(PRIM; pip install \".[discovery]\")"),
    "scenarios": ("scenarios", "list the shipped scenarios"),
    "validate": ("validate", "check the calibration and the stylised facts; write a report"),
    "exercise": ("exercise", "the training exercise: play, brief, debrief"),
    "app": ("app", "the browser app: explore scenarios and levers (pip install \".[app]\")"),
}

EPILOG = """examples:
  ssrsim run                                         the default scenario, 40 replicates, figures
  ssrsim run scenario=low_will_holdout levers.political_will=0.4 replicates=20
  ssrsim run -m levers.political_will=0.2,0.5,0.8 replicates=20 hydra.launcher.n_jobs=2
  ssrsim exercise play historical
  ssrsim app                                         the browser app on http://127.0.0.1:8765
  ssrsim <command> --help                            a command's options

Every configuration key, with its range, unit and source: docs/parameters.md."""


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="ssrsim", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG,
        description="An agent-based simulator of security sector reform and DDR after civil war.")
    top.add_argument("--version", action="store_true", help="print the versions and exit")
    sub = top.add_subparsers(dest="command", metavar="<command>")
    for name, (_, text) in COMMANDS.items():
        sub.add_parser(name, help=text, add_help=False)
    return top


def fail(message: str) -> None:
    """A user mistake: ``ssrsim: error: ...`` on stderr, exit status 2."""
    print(f"ssrsim: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def sweep_folder(prog: str, description: str, argv: list[str], partial: bool = False):
    """The arguments of ``ssrsim collect`` and ``ssrsim plot``: a sweep folder (and, for collect,
    ``--partial``). Returns the parsed arguments (``.folder``, ``.partial``)."""
    from pathlib import Path

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("folder", type=Path, metavar="SWEEP_DIR")
    if partial:
        parser.add_argument("--partial", action="store_true",
                            help="collect the finished jobs of an unfinished sweep (the manifest lists the missing ones)")
    return parser.parse_args(argv)


@contextmanager
def user_errors():
    """Report a ``UserError`` raised inside as ``fail`` does, and an ``OSError`` (a full disk, a
    folder made read-only or removed while the command ran) with the system's reason and the file."""
    from ..config.errors import UserError

    try:
        yield
    except UserError as e:
        fail(str(e))
    except OSError as e:
        fail(system_error(e))


@contextmanager
def importing():
    """Import modules with Python's cyclic garbage collector paused, then freeze every object
    there is out of its reach (``gc.freeze``): for what lives as long as the process.

    Imports make next to no garbage, yet every full collection walks every object imported so
    far: in ``ssrsim run`` three of them during the imports, and more as the process ends (Python
    collects before it exits), took about 0.6 s of its CPU; frozen, the imported objects are
    never walked again. What a command makes afterwards is collected as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def system_error(e: OSError) -> str:
    """What the system refused, naming the file: ``results/x.parquet: No space left on device``
    (an ``OSError`` raised with a message of ssrsim's own is that message)."""
    if e.errno is None:
        return str(e)
    where = f"{e.filename}: " if e.filename else ""
    return f"{where}{e.strerror or e}; files written before it are kept (each is whole or absent)"


def refuse_removed_keys(args: list[str]) -> None:
    """An override of a key that model version 2 removed is told what replaces it (before Hydra,
    which would only say it cannot override the key)."""
    from ..config.schema import REMOVED_KEYS

    for arg in args:
        key = arg.split("=", 1)[0].lstrip("+~")
        if "=" in arg and key in REMOVED_KEYS:
            fail(f"{key}: removed in model version 2; {REMOVED_KEYS[key]}")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else list(argv)
    top = parser()
    if not argv or argv[0] in ("-h", "--help", "help"):
        top.print_help()
        return
    if argv[0] == "--version":
        from importlib.metadata import version

        from .. import __version__
        from ..model import MODEL_VERSION

        print(f"ssrsim {__version__} (model version {MODEL_VERSION}; mesa {version('mesa')}, "
              f"python {sys.version.split()[0]})")
        return
    command, rest = argv[0], argv[1:]
    if command not in COMMANDS:
        fail(f"unknown command {command!r}; commands: {', '.join(COMMANDS)} (see ssrsim --help)")
    with importing():
        refuse_removed_keys(rest)
        from ..run.files import command_line

        subcommand = import_module(f".{COMMANDS[command][0]}", __name__)
    try:
        with command_line(shlex.join(["ssrsim", *argv])):  # what the folders' records name as the writer
            subcommand.main(rest)
    except KeyboardInterrupt:
        print("\nssrsim: interrupted; files already written are kept (each is whole or absent). A sweep or "
              "study resumes its finished jobs when the same command is run again.",
              file=sys.stderr)
        raise SystemExit(130) from None
    except OSError as e:
        fail(system_error(e))
