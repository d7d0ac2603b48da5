"""The connection to PostgreSQL lost while an answer's transaction commits: nobody can know whether
it was saved, so Veiviser says so (not "nothing was changed"), keeps the answer in the field, and
saving it again stores it once. The loss is real: a deferred constraint trigger, which PostgreSQL
runs inside COMMIT, ends its own backend (pg_terminate_backend), as a crash or a failover at that
moment would. Skipped without VEIVISER_TEST_DATABASE_URL (.ci/run sets it)."""

from __future__ import annotations

import html
import json

import pytest

from assistant.i18n import get_translator
from assistant.store import errors as E
from assistant.store.postgres import PostgresStore
from tests.pg import pg_url  # noqa: F401  (the fixture)
from tests.server.test_database_drops import CSRF, STEP, to_text_question
from tests.web.conftest import Server
from tests.web.test_access import Client

DIE_AT_COMMIT = [
    "CREATE FUNCTION veiviser_test_die() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NULL; END $$",
    "CREATE CONSTRAINT TRIGGER veiviser_test_die AFTER INSERT ON history DEFERRABLE INITIALLY DEFERRED "
    "FOR EACH ROW EXECUTE FUNCTION veiviser_test_die()",
]


def run(url: str, *sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in sql:
            conn.execute(statement)


def test_the_store_says_an_answer_may_be_saved_when_the_commit_is_cut(pg_url, tmp_path):  # noqa: F811
    with PostgresStore(pg_url, tmp_path) as store:
        sid = store.create_session("Usikker")
        run(pg_url, *DIE_AT_COMMIT)
        with pytest.raises(E.CommitUnknown) as caught:
            store.save_answer(sid, "org.name", "Første forsøk")
        assert caught.value.maybe_saved
        text = caught.value.translate(get_translator("nb"))
        assert "Kanskje ble det lagret" in text and "Ingenting ble endret" not in text
        run(pg_url, "DROP TRIGGER veiviser_test_die ON history")
        store.save_answer(sid, "org.name", "Første forsøk")  # again: connected anew, saved once
        assert store.answers(sid) == {"org.name": "Første forsøk"}
        # cut before the commit (the connection ended while idle): nothing was changed, and it says so
        run(pg_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        with pytest.raises(E.DatabaseUnavailable):
            store.save_answer(sid, "org.name", "Andre")
        assert store.answers(sid) == {"org.name": "Første forsøk"}


def test_the_web_keeps_the_answer_and_says_it_may_be_saved(tmp_path, pg_url):  # noqa: F811
    s = Server(tmp_path, extra=("--database", pg_url))
    try:
        c = Client(s)
        c.join()
        assert c.request("POST", "/start", {"csrf": c.csrf(), "name": "Usikker"})[0] == 303
        form = to_text_question(c)
        typed = "Vi møtes på Fjell <hver tirsdag>"
        form["answer"] = typed
        run(pg_url, *DIE_AT_COMMIT)
        status, _, page = c.request("POST", "/flow/founding", form)
        assert status in (400, 503) and "Traceback" not in page
        assert "Kanskje ble det lagret, kanskje ikke" in page and "Ingenting ble endret" not in page
        assert f'value="{html.escape(typed)}"' in page
        run(pg_url, "DROP TRIGGER veiviser_test_die ON history")
        again = {"csrf": CSRF.search(page).group(1), "step": STEP.search(page).group(1), "action": "answer",
                 "answer": typed}
        assert c.request("POST", "/flow/founding", again)[0] == 303
        import psycopg

        with psycopg.connect(pg_url) as conn:
            values = [r[0] for r in conn.execute("SELECT value FROM answers WHERE value = %s",
                                                 (json.dumps(typed, ensure_ascii=False),))]
        assert len(values) == 1
    finally:
        s.stop()
