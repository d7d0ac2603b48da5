"""Ten real ``veiviser serve`` processes (ten ports) started at the same moment on one empty
database come up, serve, and migrate it once: on PostgreSQL (each its own data folder, as ten
machines) and on SQLite (one shared data folder, as ten processes on one machine).

"At the same moment" is made sure of, not hoped for: the test holds the lock the migration takes
(PostgreSQL's advisory lock; SQLite's write lock on the still empty file) until every server is
waiting for it, then lets go, so all ten race for the migration. "Once" is shown by the database
itself: on PostgreSQL, ``veiviser_schema`` has one row per migration and the statistics count
exactly that many rows ever inserted into it (attempts that failed and rolled back count too); on
SQLite, where a second run of a migration fails (its tables exist already) and would stop that
server, every server is up, the version is right, and every table is there once.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from assistant.store import SCHEMA_VERSION
from assistant.store.opening import APPLICATION_ID
from tests.pg import pg_url  # noqa: F401  (the fixture)
from tests.web.conftest import PASSCODE, ROOT, free_port
from tests.web.test_access import Client

N = 10


class Starting:
    """A ``veiviser serve`` started without waiting for it."""

    def __init__(self, tmp: Path, data: Path, extra: tuple = ()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data = data
        pf = tmp / "passcode.txt"
        pf.write_text(PASSCODE + "\n", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("VEIVISER_PASSCODE", "VEIVISER_DATABASE_URL")}
        self.log = open(tmp / f"server-{self.port}.log", "wb")  # noqa: SIM115  (closed in stop)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(self.port), "--data-dir", str(data),
             "--passcode-file", str(pf), *extra], cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def serving(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"a server exited ({self.proc.returncode}): {self.output()}")
        try:
            urllib.request.urlopen(self.url + "/static/veiviser.css", timeout=2).read()
            return True
        except OSError:
            return False

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.1)


def start_ten(tmp_path: Path, data_for, extra: tuple) -> list[Starting]:
    servers = []
    for i in range(N):
        folder = tmp_path / f"s{i}"
        folder.mkdir()
        servers.append(Starting(folder, data_for(folder), extra))
    return servers


def all_serve(servers: list[Starting]) -> None:
    wait_for(lambda: all([s.serving() for s in servers]), 240, "all ten servers to serve")
    for s in servers:  # each one works: a participant starts an organisation through it
        c = Client(s)  # type: ignore[arg-type]  (a port is all the client needs)
        c.join()
        assert c.request("POST", "/start", {"csrf": c.csrf(), "name": f"Lag {s.port}"})[0] == 303
        assert c.request("GET", "/roadmap")[0] == 200
    for s in servers:
        out = s.output()
        assert "Traceback" not in out and "rror" not in out, out


def test_ten_servers_starting_at_once_on_an_empty_postgresql_database_migrate_once(tmp_path, pg_url):  # noqa: F811
    import psycopg

    holder = psycopg.connect(pg_url, autocommit=True)
    holder.execute("SELECT pg_advisory_lock(%s)", (APPLICATION_ID,))  # the migrations' lock, held
    servers = start_ten(tmp_path, lambda folder: folder / "data", ("--database", pg_url))
    try:
        def waiting() -> int:
            for s in servers:
                assert s.proc.poll() is None, s.output()
            return holder.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                                  "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                                  ).fetchone()[0]

        wait_for(lambda: waiting() == N, 240, "all ten servers to wait for the migration lock")
        holder.execute("SELECT pg_advisory_unlock(%s)", (APPLICATION_ID,))  # go: all ten at once
        all_serve(servers)
    finally:
        for s in servers:
            s.stop()
        holder.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM veiviser_schema ORDER BY version")]
        assert versions == list(range(1, SCHEMA_VERSION + 1))
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == N
        # the servers' connections have ended (their statistics are written when they do)
        wait_for(lambda: conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                      "AND pid <> pg_backend_pid()").fetchone()[0] == 0, 30, "the servers' connections to end")

        def inserted() -> int:
            conn.execute("SELECT pg_stat_clear_snapshot()")
            return conn.execute("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'veiviser_schema'"
                                ).fetchone()[0]

        wait_for(lambda: inserted() >= SCHEMA_VERSION, 30, "the statistics")
        assert inserted() == SCHEMA_VERSION  # never tried twice, not even rolled back


def test_ten_servers_starting_at_once_on_one_empty_sqlite_folder_migrate_once(tmp_path):
    data = tmp_path / "shared-data"
    data.mkdir(mode=0o700)
    db = data / "veiviser.db"
    holder = sqlite3.connect(db, isolation_level=None)  # an empty file: an empty database
    holder.execute("BEGIN IMMEDIATE")  # the write lock every migration takes first, held
    servers = start_ten(tmp_path, lambda folder: data, ())
    try:
        def opened() -> int:
            n = 0
            for s in servers:
                assert s.proc.poll() is None, s.output()
                try:
                    fds = list(Path(f"/proc/{s.proc.pid}/fd").iterdir())
                except OSError:
                    continue
                n += any(_points_to(fd, db) for fd in fds)
            return n

        # SQLite lets a server wait 30 s for the lock: go when all ten have the file open, or after 15 s
        started = time.monotonic()
        wait_for(lambda: opened() == N or (opened() and time.monotonic() - started > 15), 240, "the servers")
        holder.execute("ROLLBACK")  # nothing written: still the empty file
        holder.close()
        all_serve(servers)
        keys = {(s.data / "web-secret").read_bytes() for s in servers}
        assert len(keys) == 1  # one cookie key made once for the shared folder
    finally:
        for s in servers:
            s.stop()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        assert len(tables) == len(set(tables)) and {"sessions", "answers", "history", "web_codes"} <= set(tables)
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == N


def _points_to(fd: Path, target: Path) -> bool:
    try:
        return os.readlink(fd) == str(target)
    except OSError:
        return False
