"""The validation's global sensitivity study: its folder, its pieces' results, and what a report quotes.

``ssrsim sensitivity --study validation`` (sensitivity over the plausible ranges, as a separate
resumable study: ``docs/validation.md``, ``docs/sweeps.md``) runs three pieces, each in its own
folder under one root (default ``validation/sensitivity/``) and each resumable:

- ``morris/``: a Morris screening of every parameter (:mod:`.screening`, run as a study in blocks);
- ``sobol/``: Sobol indices of the ten most influential (read from ``morris/``);
- ``robustness/``: the share of the plausible space where each stylised fact holds (:mod:`.robustness`).

Beside its runs, each piece writes ``summary.md`` (what ran and what it found), its tables (CSV), a
``manifest.json`` (the configuration, seeds, package versions, the commits that ran it, wall time)
and ``sessions.json`` (each invocation's start and commit: a piece resumed under another commit says
so). ``latest_summary`` gathers the summaries for ``ssrsim validate``'s report, which quotes the
committed results (``docs/validation/sensitivity/``) rather than running hours of simulations.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from ..config import Config, paths
from ..config.errors import UserError
from ..run.files import read_json, write_text
from ..run.provenance import RUN_SETTINGS, fingerprint, git_commit, provenance

DEFAULT_ROOT = Path("validation") / "sensitivity"
PIECES = ("morris", "sobol", "robustness")
SUMMARY = "summary.md"
MANIFEST = "manifest.json"
SESSIONS = "sessions.json"
PARAMETERS = "parameters.csv"  # morris/: every parameter's value and the range it was moved over
RANKING = "ranking.csv"  # morris/: parameters by influence over all outcomes (screening.ranking)
#: What a piece writes beside its runs (glob patterns; the runs' own files are the study's or
#: the robustness piece's).
PIECE_FILES = (SUMMARY, MANIFEST, SESSIONS, PARAMETERS, RANKING, "morris.csv", "sobol.csv", "ranges.csv",
               "checks.csv", "facts.csv", "morris_*.png", "sobol_*.png")
#: How many of the most influential parameters the Sobol and robustness pieces take.
TOP = 10


def check_piece_files(folder: Path) -> None:
    """Refuse, before any run, a piece folder where a file the piece writes at the end (its summary,
    tables, figures) is there and is not ssrsim's: it is never replaced, even with overwrite."""
    from ..run.results import refuse_theirs

    refuse_theirs(folder, PIECE_FILES, overwrite=True)


def model_fingerprint(cfg: Config) -> str:
    """What identifies the model a piece ran, whatever its runs per row: the pieces must agree."""
    return fingerprint(cfg.model_copy(update={"replicates": 1}))


def start_session(folder: Path, command: str) -> list[dict]:
    """Enter this invocation (time, commit, command) in ``folder``'s ``sessions.json``; return them all."""
    path = Path(folder) / SESSIONS
    sessions = read_json(path).get("sessions", []) if path.is_file() else []
    sessions.append({"started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                     "git_commit": git_commit(), "command": command})
    Path(folder).mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps({"sessions": sessions}, indent=2))
    return sessions


def write_manifest(folder: Path, piece: str, cfg: Config, about: dict, wall_seconds: float,
                   compute_seconds: float, sessions: list[dict], command: str) -> dict:
    """A piece's ``manifest.json``: the model configuration it ran (resolved, ``replicates`` its runs
    per row or arm), the seeds and design (``about``), this invocation's wall time, the summed
    wall time of every block or point whatever session ran it (``compute_seconds``), and the
    commits of the sessions that ran it."""
    commits = list(dict.fromkeys(s.get("git_commit") for s in sessions))
    manifest = {"piece": piece, **about, "seed": cfg.seed, "seeds": _seed_rule(about),
                "model_fingerprint": model_fingerprint(cfg),
                "wall_seconds": round(wall_seconds, 1), "compute_seconds": round(compute_seconds, 1),
                "git_commits": commits, "sessions": sessions, **provenance(command),
                "config": cfg.model_dump(mode="json")}
    write_text(Path(folder) / MANIFEST, json.dumps(manifest, indent=2))
    return manifest


def _seed_rule(about: dict) -> str:
    if about.get("seeding"):
        from ..sweeps.study import SEEDS

        return SEEDS[about["seeding"]]
    return "replicate r of every arm at every point draws SeedSequence([seed, r]) (common random numbers)"


def study_seconds(folder: Path) -> float:
    """The summed wall time of a study's finished blocks (their completion records), whichever
    session ran them."""
    from ..sweeps.plan import DONE_FILE, read_record

    records = (read_record(marker) for marker in Path(folder).glob(f"*/{DONE_FILE}"))
    return sum(float(r.get("wall_seconds", 0)) for r in records if r)


def morris_done(root: Path) -> Path:
    """The Morris piece's folder, or ``UserError`` if its screening has not finished."""
    folder = Path(root) / "morris"
    if not all((folder / name).is_file() for name in (RANKING, PARAMETERS, MANIFEST)):
        raise UserError(f"{folder} holds no finished Morris screening ({RANKING}, {PARAMETERS}); the Sobol and "
                        f"robustness pieces take its most influential parameters: run "
                        f"`ssrsim sensitivity --study validation --piece morris --out {root}` first")
    return folder


def screened(manifest: dict) -> dict:
    """The configuration a piece's manifest records, read through today's schema: a key added to
    the model since the piece ran takes its default, which leaves a run's numbers as they were (a
    new switch or option is off by default; ``tests/test_checksums.py`` holds the default runs to
    their numbers). As recorded if today's schema refuses it."""
    try:
        return Config.model_validate(manifest["config"]).model_dump(mode="json")
    except (KeyError, TypeError, ValueError):  # pydantic's ValidationError is a ValueError
        return manifest.get("config", {})


def top_parameters(root: Path, cfg: Config, count: int = TOP) -> pd.DataFrame:
    """The ``count`` most influential parameters of the finished Morris piece under ``root``, with
    the ranges it moved them over (``parameter``, ``low``, ``high``). ``UserError`` if Morris has
    not finished, or ran another model configuration than ``cfg`` (its overrides differ; a key
    added to the model since, at its default, is no difference: ``screened``)."""
    folder = morris_done(root)
    manifest = read_json(folder / MANIFEST, ("config",))
    there = paths.flatten({k: v for k, v in screened(manifest).items() if k not in ("replicates", *RUN_SETTINGS)})
    here = paths.flatten(cfg.model_dump(mode="json", exclude={"replicates", *RUN_SETTINGS}))
    if there != here:
        differ = [f"{k} ({there.get(k)} there, {here.get(k)} here)" for k in dict.fromkeys([*here, *there])
                  if there.get(k) != here.get(k)]
        raise UserError(f"{folder} screened another configuration of the model: {'; '.join(differ[:4])}"
                        f"{' ...' if len(differ) > 4 else ''}; run this piece with the Morris piece's overrides, or the "
                        "Morris piece again with these")
    try:
        ranked = pd.read_csv(folder / RANKING)
        ranges = pd.read_csv(folder / PARAMETERS).set_index("parameter")
        top = ranked["parameter"].head(count).tolist()
        return pd.DataFrame({"parameter": top, "low": ranges.loc[top, "low"].to_numpy(float),
                             "high": ranges.loc[top, "high"].to_numpy(float)})
    except (OSError, ValueError, KeyError) as e:
        raise UserError(f"{folder}: {RANKING} or {PARAMETERS} is damaged ({type(e).__name__}); "
                        "run the Morris piece again") from None


def latest_summary(path: str | Path = DEFAULT_ROOT) -> str:
    """Markdown of the global sensitivity results in ``path`` (a study's root): each finished
    piece's ``summary.md``, under a line naming the commit(s) and date that produced it.

    For the ``ssrsim validate`` report, which quotes the committed results rather than computing
    them. A root with no finished piece gives a paragraph saying so and how to run them."""
    root = Path(path)
    parts, commits = [], []
    for piece in PIECES:
        folder = root / piece
        if not (folder / SUMMARY).is_file() or not (folder / MANIFEST).is_file():
            continue
        manifest = read_json(folder / MANIFEST)
        made = manifest.get("git_commits") or [manifest.get("git_commit")]
        commits += made
        when = str(manifest.get("created", ""))[:10]
        minutes = float(manifest.get("compute_seconds", 0)) / 60
        took = f"{minutes:.0f} min" if minutes < 120 else f"{minutes / 60:.1f} h"
        parts.append(f"{(folder / SUMMARY).read_text(encoding='utf-8').rstrip()}\n\n"
                     f"*{piece}: commit {', '.join(str(c) for c in made)}, {when}, model version "
                     f"{manifest.get('model_version')}, {took} of runs (summed over workers and sessions).*")
    heading = "## Global sensitivity over the plausible ranges"
    if not parts:
        return (f"{heading}\n\nNo finished piece in `{root}`: run `ssrsim sensitivity --study validation "
                f"--out {root}` (docs/sweeps.md).\n")
    missing = [p for p in PIECES if not (root / p / SUMMARY).is_file()]
    lines = [heading, "", f"Results in `{root}`, produced by commit "
             f"{', '.join(str(c) for c in dict.fromkeys(commits))} (`ssrsim sensitivity --study validation`)."
             + (f" Not yet run: {', '.join(missing)}." if missing else ""), "", "\n\n".join(parts), ""]
    return "\n".join(lines)
