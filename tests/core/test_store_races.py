"""Many real processes open one database at the same moment: the schema is made (or upgraded)
once, no healthy file is moved aside, and every process's answer is there afterwards."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from assistant.store import APPLICATION_ID, DB_NAME, MIGRATIONS, SCHEMA_VERSION, Store, _statements

ROOT = Path(__file__).resolve().parents[2]
N = 50

# Each process waits for the start signal (a file), then opens the store and saves one answer.
WORKER = """
import os, sys, time
from assistant.store import Store
folder, go, n = sys.argv[1], sys.argv[2], sys.argv[3]
while not os.path.exists(go):
    time.sleep(0.002)
with Store(folder) as store:
    sid = store.create_session("Forening " + n)
    store.save_answer(sid, "org.name", "Forening nummer " + n)
print(sid)
"""


def race(folder: Path, tmp_path: Path) -> list[subprocess.CompletedProcess]:
    go = tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(folder), str(go), str(i)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(N)]
    time.sleep(1.0)  # let them all import and wait at the line
    go.write_text("go")
    results = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        results.append((p.returncode, out, err))
    return results


def check_all_saved(folder: Path, results, extra: int = 0) -> None:
    failures = [(code, err) for code, _out, err in results if code != 0]
    assert failures == [], failures[:3]
    assert sorted(p.name for p in folder.iterdir() if ".corrupt-" in p.name) == []
    with Store(folder) as store:
        sessions = store.sessions()
        assert len(sessions) == N + extra
        names = {store.answers(s.id).get("org.name") for s in sessions}
        assert {f"Forening nummer {i}" for i in range(N)} <= names
    conn = sqlite3.connect(folder / DB_NAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_fifty_first_starts_at_once_create_the_schema_once(tmp_path):
    folder = tmp_path / "data"
    results = race(folder, tmp_path)
    check_all_saved(folder, results)


def test_fifty_upgrades_of_a_version_1_database_at_once(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    conn = sqlite3.connect(folder / DB_NAME)  # as Veiviser 0.1 made it: version 1, no marker
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO sessions (name, locale, created, updated) VALUES ('Gammel', 'nb', 'x', 'x')")
    conn.execute("INSERT INTO answers VALUES (1, 'org.name', '\"Gammel forening\"', 'x')")
    conn.commit()
    conn.close()
    results = race(folder, tmp_path)
    check_all_saved(folder, results, extra=1)
    with Store(folder) as store:
        assert store.answers(1) == {"org.name": "Gammel forening"}
        assert store.session(1).settings == {}  # the column migration 2 added
