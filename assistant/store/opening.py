"""Opening the SQLite file safely: identify it, migrate it once, move it aside only if corrupt.

- The file is Veiviser's when its ``application_id`` is :data:`APPLICATION_ID` (or, for files
  made before the marker existed, when it has Veiviser's tables and a known version). Anything
  else is refused and left exactly as it was.
- The version check and every migration run in one ``BEGIN IMMEDIATE`` transaction that reads
  the version again, so many processes starting at once create or upgrade the schema once; the
  others wait (busy timeout) and find it done.
- Only SQLite's "not a database" / "malformed", confirmed by the file header or
  ``PRAGMA integrity_check``, moves the file aside (under a lock file, and only if it is still the
  same file). A lock, a full disk, a read-only file or a permission problem raises a
  :class:`~assistant.store.errors.StoreError` and touches nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from assistant.store import errors as E

APPLICATION_ID = 0x56564953  # "VVIS"
HEADER = b"SQLite format 3\x00"
LEGACY_TABLES = {"sessions", "answers", "flow_state", "history"}
BUSY_TIMEOUT = 30.0  # seconds to wait for another process's transaction


class Corrupt(Exception):
    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def statements(script: str) -> Iterator[str]:
    for part in script.split(";"):
        if part.strip():
            yield part.strip()


def prepare_folder(folder: Path) -> None:
    from assistant.store.files import make_folder

    try:
        make_folder(folder)
    except OSError as exc:
        raise E.from_os(exc, folder) from None


def connect(path: Path) -> sqlite3.Connection:
    """Create the file (0600) if it is missing and connect; changes nothing in an existing file."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as exc:
        if not path.exists():
            raise E.from_os(exc, path) from None
    try:
        st = path.stat()
        if st.st_mode & 0o077 and st.st_uid == os.geteuid():  # private; a read-only file stays so
            os.chmod(path, stat.S_IMODE(st.st_mode) & 0o700)
    except OSError:
        pass  # a read-only medium: opening says so
    if not os.access(path, os.R_OK):
        raise E.NoPermission(path, "not readable")
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def header_problem(path: Path) -> str | None:
    """Why the file cannot be a SQLite database, from its first bytes (None if it may be one)."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(HEADER))
    except OSError:
        return None
    if head and head != HEADER[: len(head)] or 0 < len(head) < len(HEADER):
        return "file is not a database"
    return None


def confirmed_corrupt(path: Path) -> str | None:
    """The reason if the file really is damaged: its header, or a fresh integrity check."""
    reason = header_problem(path)
    if reason:
        return reason
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    except sqlite3.Error:
        return None
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        return None if result == "ok" else str(result)
    except sqlite3.DatabaseError as exc:
        return str(exc) if E.sqlite_code(exc) in E.CORRUPTION else None
    finally:
        conn.close()


def identify(conn: sqlite3.Connection, path: Path, schema_version: int) -> tuple[int, bool]:
    """(version, stamped): raise unless the file is Veiviser's (or empty) and not newer."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%'")}
    if app_id == APPLICATION_ID:
        stamped = True
    elif app_id == 0 and version == 0 and not tables:
        stamped = False  # empty: ours to set up
    elif app_id == 0 and 1 <= version <= schema_version and LEGACY_TABLES <= tables:
        stamped = False  # made by Veiviser before the marker existed
    else:
        raise E.ForeignDatabase(path, f"application_id {app_id}, user_version {version}")
    if version > schema_version:
        raise E.NewerDatabase(path, f"schema {version} > {schema_version}")
    return version, stamped


def migrate(conn: sqlite3.Connection, path: Path, migrations: list[str]) -> None:
    target = len(migrations)
    conn.execute("BEGIN")  # one consistent read, before taking the write lock: a foreign or newer
    try:                   # file on a read-only medium is named as such, and never locked for writing
        identify(conn, path, target)
    finally:
        conn.execute("COMMIT")
    conn.execute("BEGIN IMMEDIATE")
    try:
        version, stamped = identify(conn, path, target)  # again, now that no one else can migrate
        for number in range(version, target):
            for statement in statements(migrations[number]):
                conn.execute(statement)
        if version != target:
            conn.execute(f"PRAGMA user_version = {target}")
        if not stamped:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def setup(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")
    # WAL with FULL sync: each commit is one append and one fsync. Set only once the file is
    # known to be Veiviser's, so a newer or foreign database is never written to.
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    ok = conn.execute("PRAGMA quick_check").fetchone()[0]
    if ok != "ok":
        raise Corrupt(ok)


def move_aside(path: Path, suspect: os.stat_result | None) -> Path | None:
    """Move a confirmed-corrupt file aside, once: under a lock, only if it is still that file."""
    import fcntl

    lock = path.with_name("." + path.name + ".lock")
    fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            now = path.stat()
        except FileNotFoundError:
            return None
        if suspect is not None and (now.st_ino, now.st_dev) != (suspect.st_ino, suspect.st_dev):
            return None  # another process moved it already and started a new one
        if not confirmed_corrupt(path):
            return None
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
            n += 1
        os.replace(path, target)
        for suffix in ("-journal", "-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
        return target
    finally:
        os.close(fd)


def open_database(path: Path, migrations: list[str],
                  on_moved_aside: Callable[[Path, str], None] | None = None
                  ) -> tuple[sqlite3.Connection, Path | None]:
    """Connect, identify, migrate. Returns the connection and where a corrupt file went."""
    prepare_folder(path.parent)
    moved: Path | None = None
    deadline = time.monotonic() + BUSY_TIMEOUT
    attempt = 0
    while True:
        conn = None
        try:
            suspect = path.stat() if path.exists() else None
            reason = header_problem(path)
            if reason:
                raise Corrupt(reason)
            conn = connect(path)
            migrate(conn, path, migrations)
            setup(conn)
            return conn, moved
        except (Corrupt, sqlite3.DatabaseError) as exc:
            if conn is not None:
                conn.close()
            if isinstance(exc, sqlite3.DatabaseError) and E.sqlite_code(exc) not in E.CORRUPTION:
                if busy_again(exc, deadline):
                    continue
                raise E.from_sqlite(exc, path) from None
            attempt += 1
            if attempt == 3:
                raise E.StoreError(path, str(exc)) from None
            try:
                aside = move_aside(path, suspect)
            except OSError as oserr:
                raise E.from_os(oserr, path) from None
            if aside is not None:
                moved = aside
                if on_moved_aside is not None:
                    on_moved_aside(aside, getattr(exc, "reason", None) or str(exc))
        except E.StoreError:
            if conn is not None:
                conn.close()
            raise
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            if busy_again(exc, deadline):
                continue
            raise E.from_sqlite(exc, path) from None
        except OSError as exc:
            if conn is not None:
                conn.close()
            raise E.from_os(exc, path) from None


def busy_again(exc: sqlite3.Error, deadline: float) -> bool:
    """Whether to try opening again after SQLITE_BUSY/LOCKED that no busy handler waited for.

    SQLite returns SQLITE_BUSY at once, without the busy timeout, in a few WAL cases: while the
    last connection to close cleans up the WAL and shared-memory files, or while another runs
    recovery (https://www.sqlite.org/wal.html, "Sometimes queries return SQLITE_BUSY"). Fifty
    processes starting as others finish meet this; the fix SQLite documents is to try again.
    """
    if E.sqlite_code(exc) not in (E.SQLITE_BUSY, E.SQLITE_LOCKED) or time.monotonic() >= deadline:
        return False
    time.sleep(random.uniform(0.005, 0.05))
    return True
