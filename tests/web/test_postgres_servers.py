"""Two real ``veiviser serve`` processes on two loopback ports, sharing one PostgreSQL database
(as two app machines behind a reverse proxy would): each sees the other's organisations at once,
participants answering at the same time through both lose no write, and a database that goes away
gives a message page, not a traceback. Skipped without VEIVISER_TEST_DATABASE_URL (.ci/run)."""

from __future__ import annotations

import re
import shutil
import threading

import pytest

from tests.pg import pg_url  # noqa: F401  (the fixture)
from tests.web.conftest import Server
from tests.web.test_access import Client
from tests.web.test_flows import answer

CODE = re.compile(r'id="resume-code"[^>]*>([^<]+)<')


@pytest.fixture
def two(tmp_path, pg_url):  # noqa: F811
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a_dir.mkdir()
    a = Server(a_dir, extra=("--database", pg_url))
    (b_dir / "data").mkdir(parents=True)
    shutil.copy(a.data / "web-secret", b_dir / "data" / "web-secret")  # one cookie key for both machines
    try:
        b = Server(b_dir, extra=("--database", pg_url))
    except Exception:
        a.stop()
        raise
    yield a, b, pg_url
    a.stop()
    b.stop()


def rows(url: str, sql: str, params: tuple = ()) -> list:
    import psycopg

    with psycopg.connect(url) as conn:
        cur = conn.execute(sql, params)
        return cur.fetchall() if cur.description else []


def test_an_organisation_started_on_one_server_is_resumed_on_the_other(two):
    a, b, url = two
    codes = []
    for i in range(3):
        c = Client(a)
        c.join()
        assert c.request("POST", "/start", {"csrf": c.csrf(), "name": f"Lag {i}"})[0] == 303
        codes.append(CODE.search(c.request("GET", "/code")[2]).group(1))
    for i, code in enumerate(codes):
        c = Client(b)  # another machine, another device, at once
        c.join()
        status, headers, _ = c.request("POST", "/resume", {"csrf": c.csrf(), "code": code})
        assert status == 303 and headers["location"] == "/roadmap"
        assert f"Lag {i}" in c.request("GET", "/roadmap")[2]
    assert not (a.data / "veiviser.db").exists() and not (b.data / "veiviser.db").exists()
    assert sorted(r[0] for r in rows(url, "SELECT name FROM sessions")) == ["Lag 0", "Lag 1", "Lag 2"]


def participant(servers, i: int, steps: int, done: dict, failures: list) -> None:
    try:
        c = Client(servers[i % 2])
        c.join()
        c.request("POST", "/start", {"csrf": c.csrf(), "name": f"Deltaker {i}"})
        confirmed = 0
        for n in range(steps * 3):
            c.server = servers[(i + n) % 2]  # every request to either server, as a proxy may send it
            status, _, page = c.request("GET", "/flow/founding")
            assert status == 200, status
            target, form = answer(page)
            status, _headers, _ = c.request("POST", target or "/flow/founding", form)
            assert status in (303, 400), status
            if status == 303 and form.get("action") == "answer":
                confirmed += 1
                if confirmed == steps:
                    break
        done[f"Deltaker {i}"] = confirmed
    except Exception as exc:  # reported by the test, with the participant
        failures.append((i, repr(exc)))


def test_twenty_participants_at_once_through_two_servers_lose_no_write(two):
    a, b, url = two
    done: dict = {}
    failures: list = []
    threads = [threading.Thread(target=participant, args=((a, b), i, 5, done, failures)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not failures, failures
    assert len(done) == 20 and all(n == 5 for n in done.values()), done
    stored = dict(rows(url, "SELECT s.name, count(a.key) FROM sessions s LEFT JOIN answers a "
                            "ON a.session_id = s.id GROUP BY s.name"))
    assert stored == done


def test_the_database_going_away_gives_a_message_page_and_keeps_the_answer(two):
    a, _b, url = two
    c = Client(a)
    c.join()
    c.request("POST", "/start", {"csrf": c.csrf(), "name": "Borte"})
    _, _, page = c.request("GET", "/flow/founding")
    target, form = answer(page)
    # the server's connection is cut (a restart of PostgreSQL, a failover): a message page
    rows(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
              "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    status, _, text = c.request("POST", target or "/flow/founding", form)
    assert status == 503 and "Traceback" not in text and "<html" in text
    assert "den som driver serveren" in text  # nb: the store's message, translated
    # the next try connects again and the answer is saved
    for _ in range(10):  # on to a question (past any page that only informs)
        status, _, page = c.request("GET", "/flow/founding")
        assert status == 200
        target, form = answer(page)
        if form.get("action") == "answer" and form.get("answer"):
            break
        assert c.request("POST", target or "/flow/founding", form)[0] == 303
    typed = form["answer"]
    # the database refuses the write (here: a rule no row passes): the question again, with the
    # message and what was typed still in the field
    before = rows(url, "SELECT count(*) FROM answers")[0][0]
    rows(url, "ALTER TABLE answers ADD CONSTRAINT refuse CHECK (false) NOT VALID")
    status, _, text = c.request("POST", target or "/flow/founding", form)
    assert status == 400 and "Traceback" not in text and 'class="error-summary"' in text
    assert f'value="{typed}"' in text or f">{typed}<" in text
    rows(url, "ALTER TABLE answers DROP CONSTRAINT refuse")
    status, _, _ = c.request("POST", target or "/flow/founding", form)
    assert status == 303
    assert rows(url, "SELECT count(*) FROM answers")[0][0] == before + 1  # the retry saved it, once


def test_the_connection_string_is_never_shown_with_its_password(tmp_path, pg_url):  # noqa: F811
    url = pg_url.replace("postgresql://postgres@", "postgresql://postgres:s3cret-pw@")
    assert "s3cret-pw" in url
    s = Server(tmp_path, extra=("--database", url))  # trust on the test cluster: any password passes
    try:
        c = Client(s)
        c.join()
        c.request("POST", "/start", {"csrf": c.csrf(), "name": "Hemmelig"})
        rows(pg_url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        status, _, text = c.request("GET", "/roadmap")
        assert status == 503 and "postgres:***@" in text and "s3cret-pw" not in text
    finally:
        s.stop()
    printed = s.proc.stdout.read().decode()
    assert "postgres:***@" in printed and "s3cret-pw" not in printed
