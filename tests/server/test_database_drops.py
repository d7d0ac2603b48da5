"""A real ``veiviser serve`` whose PostgreSQL goes away while a participant answers: the
participant gets the question again with a message in their language and what they typed still in
the field, and once the database is back, sending it again saves it, once. Two ways to lose the
database: PostgreSQL ends the server's connection (pg_terminate_backend, as in a restart or a
failover), and the database cannot be reached at all for a while (a relay in front of it cuts
every connection and refuses new ones, then lets them through again). Skipped without
VEIVISER_TEST_DATABASE_URL (.ci/run sets it)."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.pg import pg_url  # noqa: F401  (the fixture)
from tests.server.proxy import Relay
from tests.web.conftest import Server
from tests.web.test_access import Client
from tests.web.test_flows import answer

TYPED = "Kvinnegruppa på Fjell – «vi møtes» & <snakker>"  # user text stays text: escaped, not markup
STEP = re.compile(r'name="step" value="([^"]+)"')
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def rows(url: str, sql: str, params: tuple = ()) -> list:
    import psycopg

    with psycopg.connect(url) as conn:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []


def to_text_question(c: Client) -> dict:
    """Go on to the first question that takes a line of text; its form, not yet sent."""
    for _ in range(12):
        status, _, page = c.request("GET", "/flow/founding")
        assert status == 200, status
        target, form = answer(page)
        if form.get("action") == "answer" and 'data-kind="text"' in page:
            return form
        assert c.request("POST", target or "/flow/founding", form)[0] == 303
    raise AssertionError("no text question in the founding flow")


def kept_form(page: str, typed: str) -> dict:
    """The form of the page that came back, as the participant sends it again: the typed text
    must be in its field, escaped."""
    assert f'value="{html.escape(typed)}"' in page, page[-3000:]
    assert typed not in page  # never as markup
    return {"csrf": CSRF.search(page).group(1), "step": STEP.search(page).group(1), "action": "answer",
            "answer": typed}


def saved(url: str, name: str) -> list:
    return [r[0] for r in rows(url, "SELECT a.value FROM answers a JOIN sessions s ON s.id = a.session_id "
                                    "WHERE s.name = %s AND a.value LIKE %s", (name, '"Kvinnegruppa%'))]


def test_a_connection_ended_by_postgresql_keeps_the_typed_answer_and_the_retry_saves_it(tmp_path, pg_url):  # noqa: F811
    s = Server(tmp_path, extra=("--database", pg_url))
    try:
        c = Client(s)
        c.join()
        c.request("GET", "/?lang=en")  # the participant's language: English
        assert c.request("POST", "/start", {"csrf": c.csrf(), "name": "Avbrutt"})[0] == 303
        form = to_text_question(c)
        form["answer"] = TYPED
        rows(pg_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        status, _, page = c.request("POST", "/flow/founding", form)
        assert status == 503 and "Traceback" not in page
        assert "cannot be reached" in page and "Your answer was not saved. It is still in the box" in page
        assert 'lang="en"' in page and 'class="error-summary"' in page
        again = kept_form(page, TYPED)
        assert saved(pg_url, "Avbrutt") == []
        # the participant presses "Save answer" on that page: the server connects again, saves it
        status, headers, _ = c.request("POST", "/flow/founding", again)
        assert status == 303, status
        assert saved(pg_url, "Avbrutt") == [json.dumps(TYPED, ensure_ascii=False)]  # once, as typed
        status, _, page = c.request("GET", "/flow/founding")
        assert status == 200 and f'value="{html.escape(TYPED)}"' not in page  # on to the next question
    finally:
        s.stop()


def test_a_database_out_of_reach_keeps_the_typed_answer_until_it_is_back(tmp_path, pg_url):  # noqa: F811
    relay = Relay(pg_url)
    s = Server(tmp_path, extra=("--database", relay.database_url))
    try:
        c = Client(s)
        c.join()
        assert c.request("POST", "/start", {"csrf": c.csrf(), "name": "Utenfor"})[0] == 303  # nb: Norwegian
        form = to_text_question(c)
        form["answer"] = TYPED
        relay.down()  # PostgreSQL out of reach: the open connection cut, new ones refused
        for _ in range(2):  # and again while it is still away: the answer is still kept
            status, _, page = c.request("POST", "/flow/founding", form)
            assert status == 503 and "Traceback" not in page
            assert "den som driver serveren" in page  # the store's message, in Norwegian
            assert "Svaret ditt ble ikke lagret. Det står fortsatt i feltet" in page
            assert 'lang="nb"' in page and relay.database_url in page  # where, as a URL (no password in it)
            form = kept_form(page, TYPED)
        status, _, page = c.request("GET", "/roadmap")  # any page while it is away: a message, not a traceback
        assert status == 503 and "den som driver serveren" in page
        relay.up()
        status, _, _ = c.request("POST", "/flow/founding", form)
        assert status == 303, status
        assert saved(pg_url, "Utenfor") == [json.dumps(TYPED, ensure_ascii=False)]
        assert TYPED in rows(pg_url, "SELECT value FROM history")[-1][0]
    finally:
        s.stop()
        relay.down()


def test_a_list_of_people_is_kept_too(tmp_path, pg_url):  # noqa: F811
    kind = "people"
    relay = Relay(pg_url)
    s = Server(tmp_path, extra=("--database", relay.database_url))
    try:
        c = Client(s)
        c.join()
        assert c.request("POST", "/start", {"csrf": c.csrf(), "name": "Folk"})[0] == 303
        for _ in range(40):  # on to the first question that asks for people
            status, _, page = c.request("GET", "/flow/founding")
            assert status == 200
            target, form = answer(page)
            if f'data-kind="{kind}"' in page:
                break
            assert c.request("POST", target or "/flow/founding", form)[0] == 303
        else:
            pytest.fail("no people question in the founding flow")
        form["name-0"], form["name-1"] = "Amina Ali", "Zeynep <Kaya>"
        relay.down()
        status, _, page = c.request("POST", "/flow/founding", form)
        assert status == 503 and "den som driver serveren" in page
        assert 'value="Amina Ali"' in page and 'value="Zeynep &lt;Kaya&gt;"' in page
        relay.up()
        form["csrf"] = CSRF.search(page).group(1)
        assert c.request("POST", "/flow/founding", form)[0] == 303
        names = rows(pg_url, "SELECT value FROM answers WHERE value LIKE %s", ('%Zeynep%',))
        assert len(names) >= 1 and "Amina Ali" in names[0][0]
    finally:
        s.stop()
        relay.down()
