"""The classroom's memory: one SQLite file holding sessions, teams, decisions and computed situations.

A classroom runs for hours on a laptop that may be closed, restarted or run out of battery, so
nothing of a session lives only in the server's memory: the decision point a session is at, the
teams that joined and every decision they submitted are rows here, written before the page says
they are saved. A new ``Store`` on the same file (the app restarted) finds the session where it
was. SQLite is in the standard library, is one file a facilitator can copy, and needs no server.

Secrets are never stored: a facilitator's key and a team's token are ``<row id>.<secret>``, and
only the SHA-256 of the secret is kept (the secrets are long and random, so a plain hash is
enough); :meth:`Store.session_by_key` and :meth:`Store.team_by_token` compare hashes with
``hmac.compare_digest``. Join codes are short, readable and not secret from the room: they are
stored as they are. This module knows nothing of the exercise or of Solara: decisions are kept as
the JSON the flow gives, and checked there (:mod:`.flow`).

Each call opens its own connection and closes it: the server calls from many threads (one per
browser tab), and SQLite serialises the writes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

#: The database's file name inside the app's data folder.
DATABASE = "classroom.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,            -- the join code teams type
    key_hash TEXT NOT NULL,               -- SHA-256 of the facilitator key's secret
    exercise TEXT NOT NULL,               -- a shipped case's name or a case folder's path
    replicates INTEGER NOT NULL,          -- of the final run and the debrief
    situation_replicates INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    point INTEGER NOT NULL DEFAULT 0,     -- index of the decision point being decided (= their number: all done)
    stage TEXT NOT NULL DEFAULT 'playing',  -- playing, played (games run), debriefed
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS teams (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    name TEXT NOT NULL,
    slug TEXT NOT NULL,                   -- the name as a folder name: unique within a session
    token_hash TEXT NOT NULL,
    joined TEXT NOT NULL,
    UNIQUE (session_id, slug)
);
CREATE TABLE IF NOT EXISTS decisions (
    team_id INTEGER NOT NULL REFERENCES teams(id),
    label TEXT NOT NULL,                  -- the decision point, YYYY-MM
    decision TEXT NOT NULL,               -- JSON: {"money": {...} or null, "choices": {...}}
    submitted TEXT NOT NULL,
    PRIMARY KEY (team_id, label)
);
CREATE TABLE IF NOT EXISTS situations (
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    label TEXT NOT NULL,
    inputs TEXT NOT NULL,                 -- a hash of the decisions and run size it was computed from
    standings TEXT NOT NULL,              -- JSON: one replicate's numbers per element
    PRIMARY KEY (session_id, label, inputs)
);
"""


class NameTaken(ValueError):
    """A team of that name (or of a name that makes the same folder) is already in the session."""


@dataclass(frozen=True)
class Session:
    id: int
    code: str
    exercise: str
    replicates: int
    situation_replicates: int
    seed: int
    point: int
    stage: str
    created: str


@dataclass(frozen=True)
class TeamRow:
    id: int
    session_id: int
    name: str
    slug: str
    joined: str


def digest(secret: str) -> str:
    """The SHA-256 of a secret, as stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def split_secret(credential: str) -> tuple[int, str] | None:
    """``<id>.<secret>`` as (id, secret), or None if it is not of that shape."""
    head, dot, secret = credential.strip().partition(".")
    if not dot or not head.isdigit() or not secret:
        return None
    return int(head), secret


class Store:
    """The database file at ``path`` (made, with its folder, if it does not exist)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.connection() as db:
            db.executescript(SCHEMA)

    @property
    def folder(self) -> Path:
        """The data folder: the database and the sessions' run folders and debriefs."""
        return self.path.parent

    @contextmanager
    def connection(self):
        """A connection for one transaction: committed if the block ends normally, then closed."""
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys = ON")
            with db:
                yield db

    # ------------------------------------------------------------------ sessions
    def add_session(self, code: str, key_secret: str, exercise: str, replicates: int, situation_replicates: int,
                    seed: int) -> Session | None:
        """A new session, or None if ``code`` is already a session's (the caller draws another)."""
        try:
            with self.connection() as db:
                cursor = db.execute(
                    "INSERT INTO sessions (code, key_hash, exercise, replicates, situation_replicates, seed, created) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (code, digest(key_secret), exercise, replicates, situation_replicates, seed, now()))
                session_id = cursor.lastrowid
        except sqlite3.IntegrityError:
            return None
        return self.session(session_id)

    def session(self, session_id: int) -> Session | None:
        with self.connection() as db:
            row = db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return _session(row)

    def session_by_code(self, code: str) -> Session | None:
        with self.connection() as db:
            row = db.execute("SELECT * FROM sessions WHERE code = ?", (code,)).fetchone()
        return _session(row)

    def session_by_key(self, key: str) -> Session | None:
        """The session whose facilitator key is ``key``, or None."""
        parts = split_secret(key)
        if parts is None:
            return None
        with self.connection() as db:
            row = db.execute("SELECT * FROM sessions WHERE id = ?", (parts[0],)).fetchone()
        if row is None or not hmac.compare_digest(row["key_hash"], digest(parts[1])):
            return None
        return _session(row)

    def set_point(self, session_id: int, point: int) -> None:
        with self.connection() as db:
            db.execute("UPDATE sessions SET point = ? WHERE id = ?", (point, session_id))

    def set_stage(self, session_id: int, stage: str) -> None:
        with self.connection() as db:
            db.execute("UPDATE sessions SET stage = ? WHERE id = ?", (stage, session_id))

    # ------------------------------------------------------------------ teams
    def add_team(self, session_id: int, name: str, slug: str, token_secret: str) -> TeamRow:
        """A new team of the session; ``NameTaken`` if its slug is taken there."""
        try:
            with self.connection() as db:
                cursor = db.execute("INSERT INTO teams (session_id, name, slug, token_hash, joined) "
                                    "VALUES (?, ?, ?, ?, ?)", (session_id, name, slug, digest(token_secret), now()))
                team_id = cursor.lastrowid
        except sqlite3.IntegrityError:
            raise NameTaken(name) from None
        return self.team(team_id)

    def team(self, team_id: int) -> TeamRow | None:
        with self.connection() as db:
            row = db.execute("SELECT id, session_id, name, slug, joined FROM teams WHERE id = ?",
                             (team_id,)).fetchone()
        return TeamRow(**dict(row)) if row is not None else None

    def team_by_token(self, token: str) -> TeamRow | None:
        """The team whose token is ``token``, or None."""
        parts = split_secret(token)
        if parts is None:
            return None
        with self.connection() as db:
            row = db.execute("SELECT * FROM teams WHERE id = ?", (parts[0],)).fetchone()
        if row is None or not hmac.compare_digest(row["token_hash"], digest(parts[1])):
            return None
        return TeamRow(**{k: row[k] for k in ("id", "session_id", "name", "slug", "joined")})

    def teams(self, session_id: int) -> list[TeamRow]:
        """The session's teams, in the order they joined."""
        with self.connection() as db:
            rows = db.execute("SELECT id, session_id, name, slug, joined FROM teams WHERE session_id = ? "
                              "ORDER BY id", (session_id,)).fetchall()
        return [TeamRow(**dict(r)) for r in rows]

    # ------------------------------------------------------------------ decisions
    def save_decision(self, team_id: int, label: str, decision: dict) -> None:
        """The team's decision at ``label`` (replacing one submitted before at the same point)."""
        with self.connection() as db:
            db.execute("INSERT OR REPLACE INTO decisions (team_id, label, decision, submitted) VALUES (?, ?, ?, ?)",
                       (team_id, label, json.dumps(decision, sort_keys=True), now()))

    def decisions(self, team_id: int) -> dict[str, dict]:
        """The team's decisions by decision point (as saved)."""
        with self.connection() as db:
            rows = db.execute("SELECT label, decision FROM decisions WHERE team_id = ? ORDER BY label",
                              (team_id,)).fetchall()
        return {r["label"]: json.loads(r["decision"]) for r in rows}

    def submitted(self, session_id: int) -> dict[int, set[str]]:
        """Per team of the session, the decision points it has submitted (not what it chose)."""
        with self.connection() as db:
            rows = db.execute("SELECT d.team_id, d.label FROM decisions d JOIN teams t ON t.id = d.team_id "
                              "WHERE t.session_id = ?", (session_id,)).fetchall()
        out: dict[int, set[str]] = {}
        for r in rows:
            out.setdefault(r["team_id"], set()).add(r["label"])
        return out

    def version(self, session_id: int) -> tuple:
        """Everything a page of the session shows from the database, in one cheap read: its stage,
        its decision point, its teams and their decisions (each with when it was submitted). A
        page renders again only when this changes (``widgets.use_ticks``)."""
        with self.connection() as db:
            row = db.execute(
                "SELECT s.stage, s.point, (SELECT group_concat(id, ' ') FROM teams WHERE session_id = s.id), "
                "(SELECT group_concat(d.team_id || ' ' || d.label || ' ' || d.submitted || ' ' || d.decision, ';') "
                "FROM decisions d JOIN teams t ON t.id = d.team_id WHERE t.session_id = s.id) "
                "FROM sessions s WHERE s.id = ?", (session_id,)).fetchone()
        return tuple(row) if row is not None else ()

    # ------------------------------------------------------------------ situations
    def situation(self, session_id: int, label: str, inputs: str) -> list[dict] | None:
        with self.connection() as db:
            row = db.execute("SELECT standings FROM situations WHERE session_id = ? AND label = ? AND inputs = ?",
                             (session_id, label, inputs)).fetchone()
        return json.loads(row["standings"]) if row is not None else None

    def save_situation(self, session_id: int, label: str, inputs: str, standings: list[dict]) -> None:
        with self.connection() as db:
            db.execute("INSERT OR REPLACE INTO situations (session_id, label, inputs, standings) VALUES (?, ?, ?, ?)",
                       (session_id, label, inputs, json.dumps(standings)))


def _session(row) -> Session | None:
    if row is None:
        return None
    return Session(**{k: row[k] for k in ("id", "code", "exercise", "replicates", "situation_replicates", "seed",
                                          "point", "stage", "created")})


#: Where ``ssrsim app`` tells the pages the data folder is (its ``--data``).
DATA_ENV = "SSRSIM_APP_DATA"
#: The data folder when none is given: in the folder the app was started from.
DEFAULT_FOLDER = "ssrsim-classroom"


def data_folder() -> Path:
    """The app's data folder: ``--data`` (through ``SSRSIM_APP_DATA``), else ``./ssrsim-classroom``."""
    return Path(os.environ.get(DATA_ENV) or DEFAULT_FOLDER).expanduser().resolve()


def default_store() -> Store:
    """The store of the app's data folder (made on first use)."""
    return _store_at(data_folder() / DATABASE)


@cache
def _store_at(path: Path) -> Store:
    return Store(path)
