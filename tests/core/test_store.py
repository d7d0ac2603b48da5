import json
import sqlite3
import stat

import pytest

from assistant.store import APPLICATION_ID, DB_NAME, SCHEMA_VERSION, Store, StoreError


@pytest.fixture(params=["sqlite", "postgresql"])
def open_store(request, tmp_path):
    """Opens the store on each engine: SQLite in a folder, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return lambda: Store(tmp_path)
    url = request.getfixturevalue("pg_url")
    from assistant.store.postgres import PostgresStore

    return lambda: PostgresStore(url, tmp_path)


def test_answers_round_trip_and_history(open_store):
    with open_store() as store:
        sid = store.create_session("Somalisk kvinneforening")
        store.save_answer(sid, "org.name", "Somalisk kvinneforening")
        store.save_answer(sid, "board", [{"name": "Amina", "role": "chair"}])
        store.save_answer(sid, "org.name", "Somalisk kvinneforening i Drammen")
        assert store.answers(sid) == {"org.name": "Somalisk kvinneforening i Drammen",
                                      "board": [{"name": "Amina", "role": "chair"}]}
        n = store._rows("SELECT COUNT(*) AS n FROM history WHERE session_id = ?", (sid,))[0]["n"]
        assert n == 3
    # a second process sees the same answers
    with open_store() as store:
        assert store.answers(sid)["org.name"] == "Somalisk kvinneforening i Drammen"


def test_database_is_private(tmp_path):
    with Store(tmp_path / "data") as store:
        store.save_answer(store.create_session("x"), "org.name", "x")
        for path in (tmp_path / "data").iterdir():  # the database and its -wal and -shm files
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def test_sessions_list_rename_export_delete(open_store, tmp_path):
    with open_store() as store:
        a = store.create_session("A", "ar")
        b = store.create_session("B")
        store.save_answer(a, "org.name", "Hemmelig navn ABCXYZ")
        store.rename(a, "A2")
        assert {s.name for s in store.sessions()} == {"A2", "B"}
        exported = store.export(a)
        assert exported["answers"] == {"org.name": "Hemmelig navn ABCXYZ"}
        assert exported["locale"] == "ar"
        json.dumps(exported)
        store.delete_session(a)
        assert [s.id for s in store.sessions()] == [b]
        with pytest.raises(KeyError):
            store.session(a)
        assert store._rows("SELECT COUNT(*) AS n FROM history WHERE session_id = ?", (a,))[0]["n"] == 0
        if store.engine == "sqlite":  # really gone while still open: not in free pages, not in the WAL
            for path in tmp_path.iterdir():
                assert b"ABCXYZ" not in path.read_bytes(), path.name
    if (tmp_path / DB_NAME).exists():
        assert b"ABCXYZ" not in (tmp_path / DB_NAME).read_bytes()


def test_corrupt_database_is_moved_aside_not_overwritten(tmp_path):
    path = tmp_path / DB_NAME
    path.write_bytes(b"this is not sqlite at all" * 100)
    original = path.read_bytes()
    seen = []
    with Store(tmp_path, on_moved_aside=lambda p, why: seen.append((p, why))) as store:
        assert store.sessions() == []
        assert store.moved_aside is not None
        assert store.moved_aside.read_bytes() == original
    assert seen and seen[0][0].name.startswith(DB_NAME + ".corrupt-")


def test_newer_database_is_left_alone(tmp_path):
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as exc:
        Store(tmp_path)
    assert exc.value.code == "newer"
    assert path.read_bytes() == before


def test_migrates_a_version_1_database(tmp_path):
    from assistant.store import MIGRATIONS, _statements

    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("INSERT INTO sessions (name, locale, created, updated) VALUES ('Old', 'nb', 'x', 'x')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    with Store(tmp_path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        [old] = store.sessions()
        assert old.name == "Old" and old.settings == {}


def test_session_deleted_elsewhere_and_bad_rows_on_each_engine(open_store):
    from assistant.store.errors import BadRow, SessionGone

    with open_store() as store, open_store() as other:
        sid = store.create_session("X")
        other.delete_session(sid)
        with pytest.raises(SessionGone):
            store.save_answer(sid, "org.name", "X")
        sid = store.create_session("Y")
        with store._tx():
            store._run("INSERT INTO answers VALUES (?, 'org.purpose', '{broken', 'x')", (sid,))
        with pytest.raises(BadRow):
            store.answers(sid)


def test_postgres_refuses_a_database_of_another_program_and_hides_the_password(pg_url, tmp_path):
    import psycopg

    from assistant.store.errors import ForeignDatabase
    from assistant.store.postgres import PostgresStore, redact

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (id int)")
    with pytest.raises(ForeignDatabase):
        PostgresStore(pg_url, tmp_path)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert [r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_schema = 'public'")] == ["notes"]
    assert redact("postgresql://veiviser:hemmelig@db.example/veiviser") == "postgresql://veiviser:***@db.example/veiviser"
    assert "hemmelig" not in redact("postgresql://u@h/d?password=hemmelig&sslmode=require")
