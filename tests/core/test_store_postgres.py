"""The PostgreSQL store with real processes: many servers starting at once migrate once, a
SIGKILL mid-answer loses no confirmed answer, and a lost connection gives a message and keeps the
answer for a retry."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from assistant.store import SCHEMA_VERSION
from assistant.store.postgres import PostgresStore
from tests.core.test_kill import Proc

ROOT = Path(__file__).resolve().parents[2]
DEMO = Path(__file__).resolve().parent / "content"

WORKER = """
import os, sys, time
from assistant.store.postgres import PostgresStore
url, folder, go, n = sys.argv[1:5]
while not os.path.exists(go):
    time.sleep(0.002)
with PostgresStore(url, folder) as store:
    sid = store.create_session("Forening " + n)
    store.save_answer(sid, "org.name", "Forening nummer " + n)
"""


def test_ten_servers_starting_at_once_on_an_empty_database_migrate_once(pg_url, tmp_path):
    go = tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, pg_url, str(tmp_path), str(go), str(i)], env=env,
                              stderr=subprocess.PIPE, text=True) for i in range(10)]
    time.sleep(1.0)
    go.write_text("go")
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 10, errors
    with PostgresStore(pg_url, tmp_path) as store:
        versions = [r["version"] for r in store._rows("SELECT version FROM veiviser_schema ORDER BY version")]
        assert versions == list(range(1, SCHEMA_VERSION + 1))  # each migration ran once
        names = {store.answers(s.id)["org.name"] for s in store.sessions()}
        assert names == {f"Forening nummer {i}" for i in range(10)}


def _plain(pg_url, tmp_path, *args):
    env = dict(os.environ, VEIVISER_DATA_DIR=str(tmp_path), VEIVISER_LOCALE="en", PYTHONUNBUFFERED="1",
               VEIVISER_DATABASE_URL=pg_url)
    return Proc("--plain", "--content", str(DEMO), *args, "--flow", "demo", env=env)


def test_sigkill_mid_dialogue_loses_no_confirmed_answer_on_postgres(pg_url, tmp_path):
    proc = _plain(pg_url, tmp_path, "--new", "Kill test")
    proc.wait_for("Press Enter to go on.")
    proc.send("")
    for answer in ("Eritreisk forening Bergen", "2"):
        proc.send(answer)
        proc.wait_for("Saved:")
    proc.send("1")  # the third answer: killed at once, before or after its commit
    proc.p.send_signal(signal.SIGKILL)
    proc.p.wait()
    with PostgresStore(pg_url, tmp_path) as store:
        [s] = store.sessions()
        answers = store.answers(s.id)
        assert answers["org.name"] == "Eritreisk forening Bergen"
        assert answers["org.registered_enhetsregisteret"] is False
        assert answers.get("demo.why_not") in (None, "no")


def test_database_going_away_gives_a_message_and_keeps_the_answer(pg_url, tmp_path):
    import psycopg

    with PostgresStore(pg_url, tmp_path) as store:
        sid = store.create_session("Borte")
    proc = _plain(pg_url, tmp_path, "--session", str(sid))
    proc.wait_for("Press Enter to go on.")
    proc.send("")
    proc.wait_for("Name?")
    with psycopg.connect(pg_url, autocommit=True) as conn:  # the server drops the connection
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    proc.send("Forening som kom tilbake")
    proc.wait_for("cannot be reached")
    proc.wait_for("Your answer was not saved. Press Enter to try again")
    assert "Traceback" not in proc.seen
    proc.send("")  # the same answer again: connected anew, saved
    proc.wait_for("Saved: Forening som kom tilbake")
    proc.p.kill()
    proc.p.wait()
    with PostgresStore(pg_url, tmp_path) as store:
        assert store.answers(sid)["org.name"] == "Forening som kom tilbake"
    assert "hemmelig" not in proc.seen


WRITER = """
import os, sys, time
from assistant.store.postgres import PostgresStore
url, folder, go, sid, n = sys.argv[1:6]
while not os.path.exists(go):
    time.sleep(0.002)
with PostgresStore(url, folder) as store:
    for i in range(10):
        store.save_answer(int(sid), f"p{n}.q{i}", f"svar {n}-{i}")
        store.save_answer(int(sid), "shared.comment", f"fra {n}")  # the same row, from everyone
"""


def test_twenty_participants_writing_to_one_organisation_lose_no_write(pg_url, tmp_path):
    with PostgresStore(pg_url, tmp_path) as store:
        sid = store.create_session("Felles")
    go = tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, pg_url, str(tmp_path), str(go), str(sid), str(n)],
                              env=env, stderr=subprocess.PIPE, text=True) for n in range(20)]
    time.sleep(1.0)
    go.write_text("go")
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 20, errors
    with PostgresStore(pg_url, tmp_path) as store:
        answers = store.answers(sid)
        assert {k: v for k, v in answers.items() if k != "shared.comment"} == {
            f"p{n}.q{i}": f"svar {n}-{i}" for n in range(20) for i in range(10)}
        assert answers["shared.comment"] in {f"fra {n}" for n in range(20)}
        n = store._rows("SELECT COUNT(*) AS n FROM history WHERE session_id = ?", (sid,))[0]["n"]
        assert n == 20 * 10 * 2  # every write is in the history
