"""`sessions copy --to`: a laptop's organisation to the server and back, with its answers,
history, progress and settings; connection strings are never printed with their password."""

import os
import subprocess
import sys
from pathlib import Path

from assistant.store import Store
from assistant.store.postgres import PostgresStore

ROOT = Path(__file__).resolve().parents[2]


def veiviser(*args, env=None):
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=60, env=dict(os.environ, VEIVISER_LOCALE="en", **(env or {})))


def snapshot(store, sid):
    info = store.session(sid)
    history = [(r["key"], r["value"]) for r in store._rows("SELECT key, value FROM history WHERE session_id = ? "
                                                            "ORDER BY id", (sid,))]
    return (info.name, info.locale, info.current_flow, info.settings, store.answers(sid),
            store.flow_states(sid), history)


def test_copy_to_postgres_and_back(pg_url, tmp_path):
    laptop, back = tmp_path / "laptop", tmp_path / "back"
    with Store(laptop) as store:
        sid = store.create_session("Ukrainsk forening", "uk")
        store.save_answer(sid, "org.name", "Ukrainsk forening")
        store.save_answer(sid, "org.name", "Ukrainsk forening Tromsø")
        store.save_answer(sid, "board", [{"name": "Olena", "role": "chair"}])
        store.save_flow_state(sid, "founding", {"intro", "name"}, None, None)
        store.set_current_flow(sid, "founding")
        store.set_settings(sid, {"rtl": "off"})
        before = snapshot(store, sid)
    r = veiviser("sessions", "copy", str(sid), "--to", pg_url, env={"VEIVISER_DATA_DIR": str(laptop)})
    assert r.returncode == 0, r.stderr
    with PostgresStore(pg_url, tmp_path) as server:
        [copied] = server.sessions()
        assert snapshot(server, copied.id) == before
    r = veiviser("--database", pg_url, "sessions", "copy", str(copied.id), "--to", str(back))
    assert r.returncode == 0, r.stderr
    with Store(back) as store:
        [again] = store.sessions()
        assert snapshot(store, again.id) == before


def test_a_server_that_is_down_gives_a_message_without_the_password(tmp_path):
    url = f"postgresql://veiviser:hemmelig123@/veiviser?host={tmp_path}/no-server"
    r = veiviser("sessions", "list", env={"VEIVISER_DATABASE_URL": url, "VEIVISER_DATA_DIR": str(tmp_path)})
    assert r.returncode == 3
    assert "cannot be reached" in r.stderr, r.stderr
    assert "hemmelig123" not in r.stdout + r.stderr and "Traceback" not in r.stderr
    assert "veiviser:***@" in r.stderr
