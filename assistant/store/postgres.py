"""The same store on PostgreSQL, for a server shared by many app processes and machines.

Chosen by a database URL (``--database postgresql://…`` or ``VEIVISER_DATABASE_URL``). The
schema and the migrations are the SQLite ones (:data:`assistant.store.MIGRATIONS`), with the one
type that differs (the session id) written for PostgreSQL, and the store's SQL is the same text;
psycopg 3 runs it (``?`` becomes ``%s``). The schema version is the table ``veiviser_schema``, one
row per migration applied; migrations run in one transaction under an advisory lock, so many
servers starting at once migrate once. Each answer is its own committed transaction, as on
SQLite. A lost connection gives :class:`DatabaseUnavailable` (the caller keeps the answer), and the
next call connects again. Connection strings are shown without their password.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from assistant.store import MIGRATIONS, Store
from assistant.store import errors as E
from assistant.store.opening import APPLICATION_ID, statements

SCHEMES = ("postgresql://", "postgres://")


def is_url(text: str | None) -> bool:
    return text is not None and text.startswith(SCHEMES)


def redact(url: str) -> str:
    """The URL without its password (in the user part or as a ``password=`` parameter)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        if ":" in user:
            user = user.split(":", 1)[0] + ":***"
        netloc = f"{user}@{host}"
    query = re.sub(r"(?i)(^|&)(password=)[^&]*", r"\1\2***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def pg_migrations() -> list[str]:
    return [m.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "SERIAL PRIMARY KEY") for m in MIGRATIONS]


class PostgresStore(Store):
    engine = "postgresql"

    def __init__(self, url: str, directory, *, on_moved_aside=None):
        self.url = url
        self.dir = Path(directory)
        self.shown = redact(url)  # what messages show
        self.path = Path(self.shown)
        self.moved_aside = None
        self.conn: Any = None  # a psycopg connection (the SQLite store's is sqlite3's)
        with self._guard():
            self._connect()
            self._migrate()
        from assistant.store.files import clean_temp

        clean_temp(self.documents_root, recursive=True)

    def _connect(self) -> None:
        import psycopg
        from psycopg.rows import dict_row

        self.conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row, connect_timeout=10)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()

    def _migrate(self) -> None:
        target = len(MIGRATIONS)
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (APPLICATION_ID,))
            found = self.conn.execute("SELECT to_regclass('veiviser_schema') AS t").fetchone()["t"]
            if found is None:
                others = self.conn.execute(
                    "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()"
                ).fetchone()["n"]
                if others:
                    raise E.ForeignDatabase(self.shown, f"{others} tables, no veiviser_schema")
                self.conn.execute("CREATE TABLE veiviser_schema (version INTEGER PRIMARY KEY, "
                                  "migrated TEXT NOT NULL)")
            version = self.conn.execute("SELECT coalesce(max(version), 0) AS v FROM veiviser_schema"
                                        ).fetchone()["v"]
            if version > target:
                raise E.NewerDatabase(self.shown, f"schema {version} > {target}")
            for number in range(version, target):
                for statement in statements(pg_migrations()[number]):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO veiviser_schema (version, migrated) VALUES (%s, %s)",
                                  (number + 1, dt.datetime.now(dt.UTC).isoformat()))

    def _run(self, sql: str, params: tuple = ()) -> list:
        cur = self.conn.execute(sql.replace("?", "%s"), params)
        return cur.fetchall() if cur.description else []

    def _scrub(self) -> None:
        """PostgreSQL frees the deleted rows' space itself (autovacuum); nothing to do here."""

    @contextmanager
    def _guard(self, session_id: int | None = None) -> Iterator[None]:
        import psycopg

        try:
            if self.conn is not None and (self.conn.closed or self.conn.broken):
                self._connect()  # the server came back: go on where we were
            yield
        except psycopg.errors.ForeignKeyViolation as exc:
            if session_id is not None:
                raise E.SessionGone(self.shown, str(exc), id=session_id) from None
            raise E.StoreError(self.shown, str(exc)) from None
        except psycopg.errors.DiskFull as exc:
            raise E.DiskFull(self.shown, str(exc)) from None
        except psycopg.OperationalError as exc:
            raise E.DatabaseUnavailable(self.shown, redact(str(exc))) from None
        except psycopg.Error as exc:
            raise E.StoreError(self.shown, redact(str(exc))) from None

    @contextmanager
    def _tx(self, session_id: int | None = None) -> Iterator[Any]:
        """One committed transaction. The connection lost while it commits: CommitUnknown (the
        change may be in the database); lost before: DatabaseUnavailable (nothing was changed)."""
        import psycopg

        committing = False
        with self._guard(session_id):
            try:
                with self.conn.transaction():
                    yield self.conn
                    committing = True
            except psycopg.OperationalError as exc:
                if committing and (self.conn.broken or self.conn.closed):
                    raise E.CommitUnknown(self.shown, redact(str(exc))) from None
                raise


def open_store(directory, url: str | None = None, **kw) -> Store:
    """The store the user chose: PostgreSQL for a database URL, else SQLite in ``directory``."""
    if url is not None and is_url(url):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise E.StoreError(redact(url), "psycopg is not installed: pip install 'veiviser[postgres]'") from None
        return PostgresStore(url, directory, **kw)
    return Store(directory, **kw)
