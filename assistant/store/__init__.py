"""SQLite store: one file in the user's data folder, one row per answer.

- Every confirmed answer is committed in its own transaction before the caller moves on, so
  killing the process at any moment loses no confirmed answer.
- The schema has a version (``PRAGMA user_version``), a marker (``PRAGMA application_id``) and
  ordered migrations, run once under a write lock however many processes start at once
  (:mod:`assistant.store.opening`).
- Only a really corrupt database is moved aside (never overwritten), and the user is told where
  it is; a newer or another program's database is left untouched with a clear message; a lock,
  a full disk, a read-only file or a missing permission raise a
  :class:`~assistant.store.errors.StoreError` that front ends show in the user's language.
- The file is readable and writable by its owner only. Deleting a session really removes it
  (``secure_delete``, ``VACUUM`` and a truncated write-ahead log) and its documents folder.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from collections.abc import Iterator

from assistant.store import comments as _comments
from assistant.store import errors as E
from assistant.store.errors import StorageError, StoreError  # noqa: F401  (the store's errors)
from assistant.store.opening import APPLICATION_ID, open_database, statements as _statements  # noqa: F401

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
    # 3: a coordinator's comments on answers and draft sections (assistant.store.comments)
    _comments.MIGRATION,
    # 4 (documents): each written document and the answers it was written from, so a later
    # change can say which documents are out of date
    """
    CREATE TABLE documents (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        filename TEXT NOT NULL,
        flow_id TEXT NOT NULL,
        used TEXT NOT NULL,
        written TEXT NOT NULL,
        PRIMARY KEY (session_id, filename)
    );
    """,
    # 5: web front end: a participant's resume code (hashed) -> their organisation (store/web.py)
    """
    CREATE TABLE web_codes (
        code_hash TEXT PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        created TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


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
    engine = "sqlite"

    def __init__(self, directory: str | os.PathLike, *, on_moved_aside=None):
        self.dir = Path(directory)
        self.path = self.dir / DB_NAME
        self.conn, self.moved_aside = open_database(self.path, MIGRATIONS, on_moved_aside)
        from assistant.store.files import clean_temp

        clean_temp(self.documents_root, recursive=True)  # left by a process killed while writing

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # --- sessions -----------------------------------------------------------------------
    def create_session(self, name: str, locale: str = "nb") -> int:
        from assistant.usertext import clean_name

        name = clean_name(name)  # no controls, no lone surrogates (sqlite cannot encode them)
        now = _now()
        with self._tx():
            rows = self._run("INSERT INTO sessions (name, locale, created, updated) VALUES (?, ?, ?, ?) "
                             "RETURNING id", (name, locale, now, now))
        return int(rows[0]["id"])

    def sessions(self) -> list[SessionInfo]:
        rows = self._rows(
            "SELECT s.*, (SELECT COUNT(*) FROM answers a WHERE a.session_id = s.id) AS n "
            "FROM sessions s ORDER BY s.updated DESC, s.id DESC")
        return [self._info(r) for r in rows]

    def session(self, session_id: int) -> SessionInfo:
        rows = self._rows(
            "SELECT s.*, (SELECT COUNT(*) FROM answers a WHERE a.session_id = s.id) AS n "
            "FROM sessions s WHERE s.id = ?", (session_id,))
        if not rows:
            raise KeyError(session_id)
        return self._info(rows[0])

    def _info(self, r) -> SessionInfo:
        return SessionInfo(id=r["id"], name=r["name"], locale=r["locale"], current_flow=r["current_flow"],
                           created=r["created"], updated=r["updated"], answers=r["n"],
                           settings=self._json(r["settings"] or "{}", r["id"], "settings"))

    def rename(self, session_id: int, name: str) -> None:
        from assistant.usertext import clean_name

        self._update_session(session_id, name=clean_name(name))

    def set_locale(self, session_id: int, locale: str) -> None:
        self._update_session(session_id, locale=locale)

    def set_current_flow(self, session_id: int, flow_id: str | None) -> None:
        self._update_session(session_id, current_flow=flow_id)

    def set_settings(self, session_id: int, settings: dict[str, Any]) -> None:
        self._update_session(session_id, settings=json.dumps(settings, sort_keys=True))

    def _update_session(self, session_id: int, **fields: Any) -> None:
        self.session(session_id)  # KeyError if missing
        cols = ", ".join(f"{k} = ?" for k in fields)
        with self._tx(session_id):
            self._run(f"UPDATE sessions SET {cols}, updated = ? WHERE id = ?",
                      (*fields.values(), _now(), session_id))

    def delete_session(self, session_id: int) -> list[Path]:
        """Remove a session and everything in it, scrub the freed pages, and remove its
        documents folder(s). Returns the folders removed."""
        from assistant.store.files import remove_folders, session_folders

        self.session(session_id)
        with self._tx():
            self._run("DELETE FROM sessions WHERE id = ?", (session_id,))
        self._scrub()
        try:
            return remove_folders(session_folders(self.documents_root, session_id))
        except OSError as exc:
            raise E.from_os(exc) from None

    # --- documents ----------------------------------------------------------------------
    @property
    def documents_root(self) -> Path:
        return self.dir / "documents"

    def documents_dir(self, session_id: int) -> Path:
        """Where an organisation's documents go: a folder named after it (safe characters)."""
        from assistant.store.files import documents_folder

        return documents_folder(self.documents_root, self.session(session_id).name, session_id)

    # --- answers ------------------------------------------------------------------------
    def save_answer(self, session_id: int, key: str, value: Any) -> None:
        """Commit one answer now (its own transaction)."""
        data = json.dumps(value, ensure_ascii=False)
        now = _now()
        with self._tx(session_id):
            self._run("INSERT INTO answers (session_id, key, value, updated) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT (session_id, key) DO UPDATE SET value = excluded.value, "
                      "updated = excluded.updated", (session_id, key, data, now))
            self._run("INSERT INTO history (session_id, key, value, at) VALUES (?, ?, ?, ?)",
                      (session_id, key, data, now))
            self._run("UPDATE sessions SET updated = ? WHERE id = ?", (now, session_id))

    def answers(self, session_id: int) -> dict[str, Any]:
        rows = self._rows("SELECT key, value FROM answers WHERE session_id = ? ORDER BY key", (session_id,))
        return {r["key"]: self._json(r["value"], session_id, r["key"]) for r in rows}

    def save_flow_state(self, session_id: int, flow_id: str, seen: Any, focus: str | None,
                        mode: str | None) -> None:
        with self._tx(session_id):
            self._run(
                "INSERT INTO flow_state (session_id, flow_id, seen, focus, mode, updated) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, flow_id) DO UPDATE SET "
                "seen = excluded.seen, focus = excluded.focus, mode = excluded.mode, "
                "updated = excluded.updated",
                (session_id, flow_id, json.dumps(sorted(seen)), focus, mode, _now()))

    def flow_state(self, session_id: int, flow_id: str) -> tuple[list[str], str | None, str | None]:
        rows = self._rows("SELECT seen, focus, mode FROM flow_state WHERE session_id = ? AND flow_id = ?",
                          (session_id, flow_id))
        if not rows:
            return [], None, None
        row = rows[0]
        return self._json(row["seen"], session_id, f"flow {flow_id}"), row["focus"], row["mode"]

    def flow_states(self, session_id: int) -> dict[str, list[str]]:
        rows = self._rows("SELECT flow_id, seen FROM flow_state WHERE session_id = ?", (session_id,))
        return {r["flow_id"]: self._json(r["seen"], session_id, f"flow {r['flow_id']}") for r in rows}

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

    def copy_session(self, session_id: int, target: Store) -> int:
        """Copy one organisation (answers, their history, progress, settings, comments, the record of
        its documents) into ``target``,
        another store (e.g. a laptop's file to the server, or back). Returns its id there."""
        info = self.session(session_id)
        history = self._rows("SELECT key, value, at FROM history WHERE session_id = ? ORDER BY id", (session_id,))
        answers = self._rows("SELECT key, value, updated FROM answers WHERE session_id = ?", (session_id,))
        flows = self._rows("SELECT flow_id, seen, focus, mode, updated FROM flow_state WHERE session_id = ?",
                           (session_id,))
        comments = self._rows("SELECT target, author, text, created, done FROM comments WHERE session_id = ? "
                              "ORDER BY id", (session_id,))
        documents = self._rows("SELECT filename, flow_id, used, written FROM documents WHERE session_id = ?",
                               (session_id,))
        with target._tx():
            rows = target._run("INSERT INTO sessions (name, locale, current_flow, created, updated, settings) "
                               "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                               (info.name, info.locale, info.current_flow, info.created, info.updated,
                                json.dumps(info.settings, sort_keys=True)))
            new = int(rows[0]["id"])
            for r in answers:
                target._run("INSERT INTO answers (session_id, key, value, updated) VALUES (?, ?, ?, ?)",
                            (new, r["key"], r["value"], r["updated"]))
            for r in history:
                target._run("INSERT INTO history (session_id, key, value, at) VALUES (?, ?, ?, ?)",
                            (new, r["key"], r["value"], r["at"]))
            for r in flows:
                target._run("INSERT INTO flow_state (session_id, flow_id, seen, focus, mode, updated) "
                            "VALUES (?, ?, ?, ?, ?, ?)", (new, r["flow_id"], r["seen"], r["focus"], r["mode"],
                                                          r["updated"]))
            for r in comments:
                target._run("INSERT INTO comments (session_id, target, author, text, created, done) "
                            "VALUES (?, ?, ?, ?, ?, ?)", (new, r["target"], r["author"], r["text"], r["created"],
                                                          r["done"]))
            for r in documents:
                target._run("INSERT INTO documents (session_id, filename, flow_id, used, written) "
                            "VALUES (?, ?, ?, ?, ?)", (new, r["filename"], r["flow_id"], r["used"], r["written"]))
        return new

    # --- documents (which answers each written document used) ---------------------------
    def record_document(self, session_id: int, filename: str, flow_id: str, used: dict[str, Any]) -> None:
        with self._tx(session_id):
            self._run(
                "INSERT INTO documents (session_id, filename, flow_id, used, written) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (session_id, filename) DO UPDATE SET flow_id = excluded.flow_id, "
                "used = excluded.used, written = excluded.written",
                (session_id, filename, flow_id, json.dumps(used, ensure_ascii=False, sort_keys=True), _now()))

    def documents(self, session_id: int) -> dict[str, tuple[str, dict[str, Any]]]:
        """filename -> (flow id, the answers it was written from)."""
        rows = self._rows("SELECT filename, flow_id, used FROM documents WHERE session_id = ? "
                          "ORDER BY filename", (session_id,))
        return {r["filename"]: (r["flow_id"], json.loads(r["used"])) for r in rows}

    # --- helpers ------------------------------------------------------------------------
    def _json(self, text: str, session_id: int, key: str) -> Any:
        try:
            return json.loads(text)
        except (TypeError, ValueError):
            raise E.BadRow(self.path, "invalid JSON", id=session_id, key=key) from None

    def _run(self, sql: str, params: tuple = ()) -> list:
        """One statement (``?`` placeholders); its rows, each readable by column name."""
        return self.conn.execute(sql, params).fetchall()

    def _rows(self, sql: str, params: tuple = ()) -> list:
        with self._guard():
            return self._run(sql, params)

    def _scrub(self) -> None:
        """After a delete: no copy left in free pages or in the write-ahead log."""
        with self._guard():
            self.conn.execute("VACUUM")
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def _guard(self, session_id: int | None = None) -> Iterator[None]:
        """SQLite and OS errors become StoreErrors (a message for the user, not a traceback)."""
        try:
            yield
        except sqlite3.IntegrityError as exc:
            if session_id is not None and "FOREIGN KEY" in str(exc):
                raise E.SessionGone(self.path, str(exc), id=session_id) from None
            raise E.from_sqlite(exc, self.path) from None
        except sqlite3.Error as exc:
            raise E.from_sqlite(exc, self.path) from None
        except OSError as exc:
            raise E.from_os(exc, self.path) from None

    @contextmanager
    def _tx(self, session_id: int | None = None) -> Iterator[sqlite3.Connection]:
        """One committed transaction; on any failure it is rolled back and nothing is changed."""
        with self._guard(session_id):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    try:
                        self.conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise
