"""``ssrsim exercise``: play a team's decisions, write the country brief, debrief the teams.

User mistakes (a missing or wrong decision file, a bad number, a folder that already holds
results) end with ``ssrsim: error: ...``, exit code 2, no traceback and nothing written.
Progress goes to stderr; results and where they are to stdout.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
from pathlib import Path

from ..config.errors import UserError
from . import fail

EXAMPLES = """examples:
  ssrsim exercise brief CASE                          the country brief and a decision-file template
  ssrsim exercise play historical                     the decisions actually taken (40 replicates)
  ssrsim exercise play group_a.yaml --out exercise/a  a team's decision file
  ssrsim exercise play --interactive --team "Group B" decide at the prompt, decision point by point
  ssrsim exercise debrief exercise/a exercise/b       compare the teams with the historical track

CASE is a shipped case (the folders of configs/exercise/) or a folder of your own holding
exercise.yaml (and historical.yaml, scenario/NAME.yaml if it has them). While a single case is
shipped, commands that need one use it unless told otherwise (--exercise).

Teams played on the same --seed (default: the scenario's) face the same luck: replicate r of
every team draws the same random numbers, so differences between teams are their decisions."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ssrsim exercise", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="The training exercise: a case, a decision menu, teams' decisions played as\n"
                    "replicates of the model, and a debrief.",
        epilog=EXAMPLES)
    sub = parser.add_subparsers(dest="subcommand", metavar="{play,brief,debrief}")
    play = sub.add_parser(
        "play", formatter_class=argparse.RawDescriptionHelpFormatter,
        help="run a team's decision file (or play at the prompt) into a run folder",
        description="Run a team's decisions as replicates of the scenario and write a run folder\n"
                    "(tables, figures, decisions.yaml, team.json).",
        epilog="examples:\n  ssrsim exercise play historical --replicates 40 --workers 2\n"
               "  ssrsim exercise play group_a.yaml --out exercise/group_a\n"
               "  ssrsim exercise play --interactive --team \"Group B\" --exercise my_case/")
    play.add_argument("team", nargs="?", metavar="TEAMFILE|historical",
                      help="a decision file, or 'historical' for the decisions actually taken")
    play.add_argument("--interactive", action="store_true",
                      help="decide at the prompt, decision point by decision point")
    play.add_argument("--team", dest="team_name", default=None,
                      help="team name (interactive play; asked if not given)")
    play.add_argument("--exercise", default=None, metavar="CASE",
                      help="the case of interactive play or of 'historical': a shipped case or a case folder "
                           "(default: the only shipped case)")
    play.add_argument("--replicates", type=int, default=40,
                      help="replicates (default 40, what the debrief needs)")
    play.add_argument("--workers", type=int, default=2, help="worker processes (default 2; not interactive)")
    play.add_argument("--seed", type=int, default=None, help="root seed (default: the scenario's)")
    play.add_argument("--out", type=Path, default=None, help="run folder (default exercise/<team>)")
    play.add_argument("--overwrite", action="store_true", help="replace results already in --out")

    brief = sub.add_parser(
        "brief", help="write an exercise's country brief and decision-file template",
        description="Write the country brief (situation, facts with sources, the decision menu)\n"
                    "and a commented decision-file template.",
        epilog="examples:\n  ssrsim exercise brief CASE --out exercise/brief\n"
               "  ssrsim exercise brief my_case/            a case folder of your own",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    brief.add_argument("name", metavar="CASE", help="a shipped case, or a folder holding exercise.yaml")
    brief.add_argument("--out", type=Path, default=None, help="folder (default exercise/<CASE>_brief)")
    brief.add_argument("--overwrite", action="store_true", help="replace a brief already in --out")

    debrief = sub.add_parser(
        "debrief", help="compare played teams with each other and the historical track",
        description="Compare the run folders of played teams (ssrsim exercise play) with each\n"
                    "other and with the historical track (if the case has one).",
        epilog="example:\n  ssrsim exercise debrief exercise/group_a exercise/group_b --out exercise/debrief",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    debrief.add_argument("folders", nargs="+", type=Path, metavar="FOLDER", help="teams' run folders")
    debrief.add_argument("--out", type=Path, default=None, help="folder (default exercise/debrief)")
    debrief.add_argument("--overwrite", action="store_true", help="replace a debrief already in --out")
    debrief.add_argument("--replicates", type=int, default=40, help="replicates of any run it needs (default 40)")
    debrief.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    return parser


def main(argv: list[str]) -> None:
    parser = _parser()
    opts = parser.parse_args(argv)
    opts.command = shlex.join(["ssrsim", "exercise", *argv])  # what the manifest records
    if opts.subcommand is None:
        parser.print_help()
        return
    logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO
    try:
        {"play": _play, "brief": _brief, "debrief": _debrief}[opts.subcommand](opts)
    except UserError as e:
        fail(str(e))


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _play(opts) -> None:
    if opts.replicates < 1:
        fail(f"--replicates must be at least 1, got {opts.replicates}")
    if opts.workers < 1:
        fail(f"--workers must be at least 1, got {opts.workers}")
    if opts.interactive:
        if opts.team:
            fail("give either a decision file or --interactive, not both")
        _play_interactive(opts)
        return
    if not opts.team:
        fail("give a decision file (or 'historical'), or --interactive; see ssrsim exercise play --help")
    if opts.team_name:
        fail("--team names the team of interactive play; a decision file names its own team")
    from ..exercise.decisions import load_team, slug
    from ..exercise.play import check_play_folder, play, resolve_team, save_play
    from ..run.runner import console_progress

    if opts.exercise is not None and opts.team != "historical":
        fail("--exercise names the case of interactive play or of 'historical'; a decision file names its own")
    team = load_team(resolve_team(opts.team, opts.exercise))
    replicates = opts.replicates
    folder = opts.out or Path("exercise") / slug(team.name)
    check_play_folder(folder, opts.overwrite)
    seed = "the scenario's seed" if opts.seed is None else f"seed {opts.seed}"
    _stderr(f"ssrsim exercise: {team.name} ({team.exercise}), {replicates} replicates ({seed}, "
            f"{opts.workers} worker{'s' if opts.workers > 1 else ''})")
    results = play(team, replicates=replicates, workers=opts.workers, seed=opts.seed,
                   progress=console_progress())
    save_play(results, team, folder, overwrite=opts.overwrite, command=opts.command)
    _report(results, team.name, team.exercise, folder)


def _play_interactive(opts) -> None:
    import yaml
    from pydantic import ValidationError

    from ..exercise.decisions import TeamFile, check_team, slug
    from ..exercise.menu import case_folder
    from ..exercise.play import GameAbandoned, check_play_folder, play_interactive, save_play

    case_folder(opts.exercise)  # a case is named, and it exists: before the team's name is asked
    replicates = opts.replicates
    name = opts.team_name
    try:
        while not name:
            name = input("Team name: ").strip()
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        fail("no team name given; nothing played")
    try:
        TeamFile(team=name, exercise=opts.exercise)  # the name's length, before the game
    except ValidationError:
        fail(f"a team name has 1 to 80 characters, got {len(name)}")
    folder = opts.out or Path("exercise") / slug(name)
    check_play_folder(folder, opts.overwrite)  # before the game, not after it
    try:
        results, text = play_interactive(opts.exercise, name, replicates=replicates, seed=opts.seed)
    except GameAbandoned as e:
        print(f"\nssrsim: {e}; nothing written. The decisions so far:\n\n{e.decisions}", file=sys.stderr)
        raise SystemExit(130) from None
    team = check_team(TeamFile.model_validate(yaml.safe_load(text)), source=str(folder / "decisions.yaml"))
    try:
        save_play(results, team, folder, overwrite=opts.overwrite, decisions=text, command=opts.command)
    except UserError as e:  # the folder filled during the game: keep the game's decisions
        print(text)
        fail(f"{e}\nthe decisions above replay the game: save them to a file and run "
             "ssrsim exercise play FILE")
    _report(results, name, team.exercise, folder)
    print(f"Replay or debrief: ssrsim exercise play {folder / 'decisions.yaml'} --replicates "
          f"{results.config.replicates} --seed {results.config.seed}")


def _report(results, name: str, exercise: str, folder: Path) -> None:
    """The headline numbers of the debrief for this team, at the case's months (the usual
    relapse test is left out: a holdout that fights from the start crosses it for every team)."""
    from ..config import SERVICES
    from ..exercise.menu import load_exercise
    from ..exercise.outcomes import Headline, end_of, short_date, summary_numbers
    from ..exercise.teams import read_play
    from ..model.benchmarks import BENCHMARKS

    run = read_play(folder)
    h = Headline.of(load_exercise(exercise)[0].debrief, run.cfg)
    n = summary_numbers(run, h)
    war, last = h.war_key, h.confidence[-1]
    lines = [f"{name}: {n['replicates']} replicates of {results.config.name}, seed {n['seed']} "
             "(medians unless stated)",
             f"  P(war-level relapse) by {short_date(h.horizon)}: {n[war]:.2f} [{n[war + '_lo']:.2f}, "
             f"{n[war + '_hi']:.2f}]",
             f"  armed-conflict years ({results.config.thresholds.relapse_deaths} battle deaths or more), mean: "
             f"{n['conflict_years_mean']:.1f} of {n['conflict_years_of']}"]
    if h.demobilised is not None:
        record = ", ".join(x for x in (h.demobilised.record, h.demobilised.source) if x)
        lines.append(f"  demobilised by {end_of(h.demobilised.when)}: {n[h.demobilised_key]:,.0f}"
                     + (f" (the record: {record})" if record else ""))
    services = ", ".join(f"{s} {n[h.confidence_key(last, s)]:.2f}" for s in SERVICES)
    lines.append(f"  public confidence {short_date(last)}: {n[h.confidence_key(last)]:.2f} ({services})")
    lines.append(f"  benchmarks reached by half the replicates: {n['benchmarks_reached']} of {len(BENCHMARKS)}"
                 + (f" ({n['benchmarks_reached_names']})" if n['benchmarks_reached_names'] else ""))
    print("\n".join(lines))
    print(f"Files: {folder} (decisions.yaml, team.json, tables, figures)")


def _progress(*args) -> None:
    """Progress of the brief and debrief: a line, or (done, total) of replicates."""
    if len(args) == 1:
        _stderr(str(args[0]))
    else:
        done, total = args[:2]
        if done == total or done % max(1, total // 10) == 0:
            _stderr(f"replicate {done}/{total}")


def _brief(opts) -> None:
    from ..exercise.brief import write_brief
    from ..exercise.menu import case_folder

    out = opts.out or Path("exercise") / f"{case_folder(opts.name).name}_brief"
    paths = write_brief(opts.name, out, opts.overwrite, progress=_progress)
    print("\n".join(str(p) for p in paths))


def _debrief(opts) -> None:
    if opts.replicates < 1:
        fail(f"--replicates must be at least 1, got {opts.replicates}")
    if opts.workers < 1:
        fail(f"--workers must be at least 1, got {opts.workers}")
    from ..exercise.debrief import write_debrief

    out = opts.out or Path("exercise") / "debrief"
    try:
        paths = write_debrief(list(opts.folders), out, opts.overwrite, replicates=opts.replicates,
                              workers=opts.workers, progress=_progress)
    except FileNotFoundError as e:
        fail(str(e))
    print("\n".join(str(p) for p in paths))
