"""Comments by a coordinator (a facilitator) on an organisation's work: on one answer
(``answer:<profile key>``) or on one section of an application draft
(``section:<scheme id>/<section id>``). Stored with who wrote them and when, markable done.

Comments live in their own table, never in ``answers``: nothing that renders documents reads
them, so a comment is never part of a document sent to a funder.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# the migration step the store appends at the end of its list
MIGRATION = """
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    target TEXT NOT NULL,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    created TEXT NOT NULL,
    done TEXT
);
CREATE INDEX comments_by_session ON comments (session_id, target);
"""

TARGET = re.compile(r"^(answer:[a-z][a-z0-9_.]*|section:[a-z][a-z0-9_]*/[a-z][a-z0-9_]*)$")


@dataclass(frozen=True)
class Comment:
    id: int
    session_id: int
    target: str
    author: str
    text: str
    created: str
    done: str | None

    @property
    def is_done(self) -> bool:
        return self.done is not None


def answer_target(key: str) -> str:
    return f"answer:{key}"


def section_target(scheme_id: str, section_id: str) -> str:
    return f"section:{scheme_id}/{section_id}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Comments:
    """The comments of one store (pass a :class:`~assistant.store.Store`)."""

    def __init__(self, store):
        self.store = store

    def add(self, session_id: int, target: str, author: str, text: str) -> int:
        if not TARGET.match(target):
            raise ValueError(f"not a comment target: {target!r}")
        if not author.strip() or not text.strip():
            raise ValueError("a comment needs an author and a text")
        self.store.session(session_id)  # KeyError if missing
        with self.store._tx(session_id):
            rows = self.store._run("INSERT INTO comments (session_id, target, author, text, created) "
                                   "VALUES (?, ?, ?, ?, ?) RETURNING id",
                                   (session_id, target, author.strip(), text, _now()))
        return int(rows[0]["id"])

    def list(self, session_id: int, target: str | None = None, open_only: bool = False) -> list[Comment]:
        sql = "SELECT * FROM comments WHERE session_id = ?"
        params: list = [session_id]
        if target is not None:
            sql += " AND target = ?"
            params.append(target)
        if open_only:
            sql += " AND done IS NULL"
        rows = self.store._rows(sql + " ORDER BY created, id", tuple(params))
        return [Comment(r["id"], r["session_id"], r["target"], r["author"], r["text"], r["created"],
                        r["done"]) for r in rows]

    def mark_done(self, comment_id: int, done: bool = True) -> None:
        with self.store._tx():
            rows = self.store._run("UPDATE comments SET done = ? WHERE id = ? RETURNING id",
                                   (_now() if done else None, comment_id))
        if not rows:
            raise KeyError(comment_id)

    def open_count(self, session_id: int) -> int:
        rows = self.store._rows("SELECT COUNT(*) AS n FROM comments WHERE session_id = ? AND done IS NULL",
                                (session_id,))
        return int(rows[0]["n"])
