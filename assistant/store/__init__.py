"""SQLite store: one file in the user's data folder, one row per answer.

- Every confirmed answer is committed in its own transaction before the caller moves on, so
  killing the process at any moment loses no confirmed answer.
- The schema has a version (``PRAGMA user_version``) and ordered migrations.
- A corrupt database is moved aside (never overwritten) and the user is told where it is; a
  database from a newer Veiviser is left untouched with a clear message.
- The file is readable and writable by its owner only. Deleting a session really removes it
  (``secure_delete``, ``VACUUM`` and a truncated write-ahead log).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Iterator

DB_NAME = "veiviser.db"

MIGRATIONS: list[str] = [
    # 1: sessions, answers, per-flow progress, answer history
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        locale TEXT NOT NULL DEFAULT 'nb',
        current_flow TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE answers (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated TEXT NOT NULL,
        PRIMARY KEY (session_id, key)
    );
    CREATE TABLE flow_state (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        flow_id TEXT NOT NULL,
        seen TEXT NOT NULL DEFAULT '[]',
        focus TEXT,
        mode TEXT,
        updated TEXT NOT NULL,
        PRIMARY KEY (session_id, flow_id)
    );
    CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """,
    # 2: settings per session (e.g. right-to-left display mode) as JSON
    """
    ALTER TABLE sessions ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
    """,
    # 3: web front end: a participant's resume code (hashed) -> their organisation (store/web.py)
    """
    CREATE TABLE web_codes (
        code_hash TEXT PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        created TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """A store problem to show the user: ``code`` picks the message, ``path`` where."""

    def __init__(self, code: str, path: Path, detail: str = "", moved_to: Path | None = None):
        self.code = code
        self.path = path
        self.detail = detail
        self.moved_to = moved_to
        super().__init__(f"{code}: {path} {detail}".strip())


@dataclass(frozen=True)
class SessionInfo:
    id: int
    name: str
    locale: str
    current_flow: str | None
    created: str
    updated: str
    answers: int
    settings: dict[str, Any]


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Store:
    def __init__(self, directory: str | os.PathLike, *, on_moved_aside=None):
        self.dir = Path(directory)
        self.path = self.dir / DB_NAME
        self.moved_aside: Path | None = None
        self.conn = self._open(on_moved_aside)

    # --- opening ------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not self.path.exists():
            fd = os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        os.chmod(self.path, stat.S_IRUSR | stat.S_IWUSR)
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        return conn

    def _open(self, on_moved_aside) -> sqlite3.Connection:
        try:
            conn = self._connect()
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                conn.close()
                raise StoreError("newer", self.path, f"schema {version} > {SCHEMA_VERSION}")
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                conn.close()
                raise sqlite3.DatabaseError(ok)
            self._use_wal(conn)
            self._migrate(conn, version)
            return conn
        except StoreError:
            raise
        except sqlite3.DatabaseError as exc:
            aside = self._move_aside()
            self.moved_aside = aside
            if on_moved_aside is not None:
                on_moved_aside(aside, str(exc))
            conn = self._connect()
            self._use_wal(conn)
            self._migrate(conn, 0)
            return conn

    @staticmethod
    def _use_wal(conn: sqlite3.Connection) -> None:
        """WAL with FULL sync: each commit is one append and one fsync, durable even on power
        loss. Set only after the version check, so a newer database is never written to."""
        conn.execute("PRAGMA journal_mode = WAL")

    def _move_aside(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{DB_NAME}.corrupt-{stamp}-{n}")
            n += 1
        os.replace(self.path, target)
        for suffix in ("-journal", "-wal", "-shm"):
            side = self.path.with_name(DB_NAME + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
        return target

    def _migrate(self, conn: sqlite3.Connection, version: int) -> None:
        for number in range(version, SCHEMA_VERSION):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
                conn.execute("COMMIT")
            except Exception:
                conn.execute("ROLLBACK")
                raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- sessions -----------------------------------------------------------------------
    def create_session(self, name: str, locale: str = "nb") -> int:
        now = _now()
        with self._tx():
            cur = self.conn.execute(
                "INSERT INTO sessions (name, locale, created, updated) VALUES (?, ?, ?, ?)",
                (name, locale, now, now))
        return int(cur.lastrowid)

    def sessions(self) -> list[SessionInfo]:
        rows = self.conn.execute(
            "SELECT s.*, (SELECT COUNT(*) FROM answers a WHERE a.session_id = s.id) AS n "
            "FROM sessions s ORDER BY s.updated DESC, s.id DESC").fetchall()
        return [self._info(r) for r in rows]

    def session(self, session_id: int) -> SessionInfo:
        row = self.conn.execute(
            "SELECT s.*, (SELECT COUNT(*) FROM answers a WHERE a.session_id = s.id) AS n "
            "FROM sessions s WHERE s.id = ?", (session_id,)).fetchone()
        if row is None:
            raise KeyError(session_id)
        return self._info(row)

    @staticmethod
    def _info(r: sqlite3.Row) -> SessionInfo:
        return SessionInfo(id=r["id"], name=r["name"], locale=r["locale"], current_flow=r["current_flow"],
                           created=r["created"], updated=r["updated"], answers=r["n"],
                           settings=json.loads(r["settings"] or "{}"))

    def rename(self, session_id: int, name: str) -> None:
        self._update_session(session_id, name=name)

    def set_locale(self, session_id: int, locale: str) -> None:
        self._update_session(session_id, locale=locale)

    def set_current_flow(self, session_id: int, flow_id: str | None) -> None:
        self._update_session(session_id, current_flow=flow_id)

    def set_settings(self, session_id: int, settings: dict[str, Any]) -> None:
        self._update_session(session_id, settings=json.dumps(settings, sort_keys=True))

    def _update_session(self, session_id: int, **fields: Any) -> None:
        self.session(session_id)  # KeyError if missing
        cols = ", ".join(f"{k} = ?" for k in fields)
        with self._tx():
            self.conn.execute(f"UPDATE sessions SET {cols}, updated = ? WHERE id = ?",
                              (*fields.values(), _now(), session_id))

    def delete_session(self, session_id: int) -> None:
        """Remove a session and everything in it, and scrub the freed pages."""
        self.session(session_id)
        with self._tx():
            self.conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
        self.conn.execute("VACUUM")
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no copy left in the write-ahead log

    # --- answers ------------------------------------------------------------------------
    def save_answer(self, session_id: int, key: str, value: Any) -> None:
        """Commit one answer now (its own transaction)."""
        data = json.dumps(value, ensure_ascii=False)
        now = _now()
        with self._tx():
            self.conn.execute(
                "INSERT INTO answers (session_id, key, value, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (session_id, key) DO UPDATE SET value = excluded.value, "
                "updated = excluded.updated", (session_id, key, data, now))
            self.conn.execute("INSERT INTO history (session_id, key, value, at) VALUES (?, ?, ?, ?)",
                              (session_id, key, data, now))
            self.conn.execute("UPDATE sessions SET updated = ? WHERE id = ?", (now, session_id))

    def answers(self, session_id: int) -> dict[str, Any]:
        rows = self.conn.execute("SELECT key, value FROM answers WHERE session_id = ? ORDER BY key",
                                 (session_id,)).fetchall()
        return {r["key"]: json.loads(r["value"]) for r in rows}

    def save_flow_state(self, session_id: int, flow_id: str, seen: Any, focus: str | None,
                        mode: str | None) -> None:
        with self._tx():
            self.conn.execute(
                "INSERT INTO flow_state (session_id, flow_id, seen, focus, mode, updated) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, flow_id) DO UPDATE SET "
                "seen = excluded.seen, focus = excluded.focus, mode = excluded.mode, "
                "updated = excluded.updated",
                (session_id, flow_id, json.dumps(sorted(seen)), focus, mode, _now()))

    def flow_state(self, session_id: int, flow_id: str) -> tuple[list[str], str | None, str | None]:
        row = self.conn.execute("SELECT seen, focus, mode FROM flow_state WHERE session_id = ? "
                                "AND flow_id = ?", (session_id, flow_id)).fetchone()
        if row is None:
            return [], None, None
        return json.loads(row["seen"]), row["focus"], row["mode"]

    def flow_states(self, session_id: int) -> dict[str, list[str]]:
        rows = self.conn.execute("SELECT flow_id, seen FROM flow_state WHERE session_id = ?",
                                 (session_id,)).fetchall()
        return {r["flow_id"]: json.loads(r["seen"]) for r in rows}

    def export(self, session_id: int) -> dict[str, Any]:
        info = self.session(session_id)
        return {
            "format": "veiviser-session",
            "schema": SCHEMA_VERSION,
            "id": info.id,
            "name": info.name,
            "locale": info.locale,
            "created": info.created,
            "updated": info.updated,
            "answers": self.answers(session_id),
            "flows": {fid: {"seen": seen} for fid, seen in self.flow_states(session_id).items()},
        }

    # --- helpers ------------------------------------------------------------------------
    def _tx(self):
        return _Transaction(self.conn)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def _statements(script: str) -> Iterator[str]:
    for part in script.split(";"):
        if part.strip():
            yield part.strip()
