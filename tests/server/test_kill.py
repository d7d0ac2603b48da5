"""SIGKILL of a real server process while participants' answers are in flight loses no confirmed
answer: ``veiviser serve --database <PostgreSQL> --workers 2``, ten participants answering the
founding flow as fast as they can, one worker killed (uvicorn starts another), then the whole
server killed and started again. Every answer whose POST got its 303 (the participant saw it
saved) is in the database; a POST cut off by the kill got an error, never a success; and every
participant comes back with their resume code to the question after their last saved answer.
Skipped without VEIVISER_TEST_DATABASE_URL (.ci/run sets it)."""

from __future__ import annotations

import http.client
import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest

from tests.pg import pg_url  # noqa: F401  (the fixture)
from tests.web.conftest import Server
from tests.web.test_access import Client
from tests.web.test_flows import answer

CODE = re.compile(r'id="resume-code"[^>]*>([^<]+)<')
STEP = re.compile(r'name="step" value="([^"]+)"')
FAILED = (OSError, http.client.HTTPException)  # the connection reset or closed without an answer


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.05)


def workers(server: Server) -> list[int]:
    """The server's worker processes (uvicorn's spawned children)."""
    pid = server.proc.pid
    try:
        children = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    out = []
    for child in children:
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                out.append(child)
        except OSError:
            pass
    return out


class Participant(threading.Thread):
    def __init__(self, server: Server, i: int, stop: threading.Event):
        super().__init__(daemon=True)
        self.server, self.name, self.stop = server, f"Deltaker {i}", stop
        self.code = ""
        self.confirmed: list[str] = []  # the steps whose answer got its 303
        self.cut: list[str] = []  # the steps whose POST got no answer (the kill)
        self.finished = False
        self.problem: str | None = None

    def run(self) -> None:
        try:
            self._run()
        except Exception as exc:  # reported by the test, with the participant
            self.problem = repr(exc)

    def _run(self) -> None:
        c = Client(self.server)
        c.join()
        assert c.request("POST", "/start", {"csrf": c.csrf(), "name": self.name})[0] == 303
        self.code = CODE.search(c.request("GET", "/code")[2]).group(1)
        attempt = 0
        while not self.stop.is_set():
            try:
                status, _, page = c.request("GET", "/flow/founding")
            except FAILED:
                continue
            assert status == 200, status
            if 'data-page="finished"' in page:
                self.finished = True
                return
            target, form = answer(page, attempt)
            try:
                status, _, _ = c.request("POST", target or "/flow/founding", form)
            except FAILED:
                if form.get("action") == "answer":
                    self.cut.append(form["step"])
                continue
            assert status in (303, 400), status
            attempt = attempt + 1 if status == 400 else 0
            if status == 303 and form.get("action") == "answer":
                self.confirmed.append(form["step"])


def stored(url: str, name: str) -> tuple[set[str], int]:
    """(the answered keys, the number of history rows) of one organisation."""
    import psycopg

    with psycopg.connect(url) as conn:
        keys = {r[0] for r in conn.execute("SELECT a.key FROM answers a JOIN sessions s ON s.id = a.session_id "
                                           "WHERE s.name = %s", (name,))}
        history = conn.execute("SELECT count(*) FROM history h JOIN sessions s ON s.id = h.session_id "
                               "WHERE s.name = %s", (name,)).fetchone()[0]
    return keys, history


def kill_all(server: Server) -> None:
    victims = [server.proc.pid, *workers(server)]
    for pid in victims:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    server.proc.wait()
    wait_for(lambda: not any(Path(f"/proc/{pid}").exists() and b"spawn_main" in _cmdline(pid) for pid in victims),
             30, "the killed workers to be gone")


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.fixture(scope="module")
def keys_of_steps():
    from assistant.content.loader import load_content

    return {q.id: q.key for q in load_content().flows["founding"].questions()}


def test_sigkill_of_a_server_mid_answer_loses_no_confirmed_answer(tmp_path, pg_url, keys_of_steps):  # noqa: F811
    server = Server(tmp_path, extra=("--database", pg_url, "--workers", "2"))
    stop = threading.Event()
    people = [Participant(server, i, stop) for i in range(10)]
    try:
        wait_for(lambda: len(workers(server)) == 2, 60, "two workers")
        for p in people:
            p.start()
        wait_for(lambda: all(len(p.confirmed) >= 2 or p.problem for p in people), 120, "everyone answering")
        kills = 0
        while kills < 8:  # a worker killed while posts are in flight on it (almost always at once)
            cut_before = sum(len(p.cut) for p in people)
            done_before = sum(len(p.confirmed) for p in people)
            victim = workers(server)[0]
            os.kill(victim, signal.SIGKILL)
            kills += 1
            wait_for(lambda: len(workers(server)) == 2 and victim not in workers(server), 60,  # noqa: B023
                     "uvicorn to start another worker")
            wait_for(lambda: sum(len(p.confirmed) for p in people) >= done_before + 20  # noqa: B023
                     or all(p.finished or p.problem for p in people), 90, "answers after the kill")
            if sum(len(p.cut) for p in people) > cut_before:
                break
        stop.set()
        for p in people:
            p.join(60)
        assert not [(p.name, p.problem) for p in people if p.problem]
        cut = sum(len(p.cut) for p in people)
        print(f"{kills} kill(s); {sum(len(p.confirmed) for p in people)} answers confirmed, {cut} cut off")
        assert cut > 0, f"{kills} kills cut no answer in flight"
        # every confirmed answer is in the database, and its history row too
        for p in people:
            keys, history = stored(pg_url, p.name)
            missing = [s for s in p.confirmed if keys_of_steps[s] not in keys]
            assert not missing, (p.name, missing)
            assert history >= len(p.confirmed), (p.name, history, len(p.confirmed))
    finally:
        stop.set()
        kill_all(server)
    # the whole server killed; started again on the same database, everyone comes back
    again = Server(tmp_path, extra=("--database", pg_url, "--workers", "2"))
    try:
        for p in people:
            c = Client(again)
            c.join()
            status, headers, _ = c.request("POST", "/resume", {"csrf": c.csrf(), "code": p.code})
            assert status == 303 and headers["location"] == "/roadmap"
            assert p.name in c.request("GET", "/roadmap")[2]
            if p.finished:
                continue
            keys, history = stored(pg_url, p.name)
            status, _, page = c.request("GET", "/flow/founding")
            assert status == 200
            step = STEP.search(page)
            if step and p.confirmed:
                assert step.group(1) not in p.confirmed, (p.name, step.group(1))  # no saved answer asked again
            for attempt in range(4):  # a refused answer (400): the next valid one, as the participants do
                target, form = answer(page, attempt)
                status, _, refused = c.request("POST", target or "/flow/founding", form)
                if status == 303:
                    break
                assert status == 400, status
            assert status == 303, refused
            if form.get("action") == "answer":
                assert stored(pg_url, p.name)[1] > history  # answering goes on where it stopped
    finally:
        again.stop()
