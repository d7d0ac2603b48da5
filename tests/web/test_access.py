"""Access rules of ``veiviser serve`` against a real server process, over plain HTTP."""

from __future__ import annotations

import http.client
import os
import re
import sqlite3
import subprocess
import sys
import urllib.parse

import pytest

from tests.web.conftest import PASSCODE, ROOT, Server, free_port


class Client:
    """A tiny HTTP client that keeps the one cookie and never follows redirects."""

    def __init__(self, server: Server):
        self.server = server
        self.cookie: str | None = None

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=10)
        h = dict(headers or {})
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            h["content-type"] = "application/x-www-form-urlencoded"
        if self.cookie:
            h["cookie"] = f"veiviser={self.cookie}"
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        for k, v in resp.getheaders():
            if k.lower() == "set-cookie" and v.startswith("veiviser="):
                self.cookie = v.split(";")[0].split("=", 1)[1]
        conn.close()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, text

    def csrf(self, path: str = "/") -> str:
        _s, _h, text = self.request("GET", path)
        return re.search(r'name="csrf" value="([^"]+)"', text).group(1)

    def join(self, passcode: str = PASSCODE):
        return self.request("POST", "/join", {"csrf": self.csrf("/join"), "passcode": passcode})


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("access"))
    yield s
    s.stop()


def test_another_address_without_a_passcode_is_refused(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "VEIVISER_PASSCODE"}
    cmd = [sys.executable, "-m", "assistant", "serve", "--host", "0.0.0.0", "--port", str(free_port()),
           "--data-dir", str(tmp_path), "--locale", "en"]
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--passcode-file" in result.stderr and "VEIVISER_PASSCODE" in result.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    result = subprocess.run(cmd + ["--passcode-file", str(empty)], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2 and "empty.txt" in result.stderr


def test_requests_without_the_passcode_are_refused(server):
    c = Client(server)
    for path in ("/", "/roadmap", "/flow/founding", "/flow/founding/review", "/code",
                 "/flow/founding/download/stiftelsesprotokoll.md"):
        status, headers, _ = c.request("GET", path)
        assert status == 303 and headers["location"] == "/join", path
    token = c.csrf("/join")
    status, _, _ = c.request("POST", "/start", {"csrf": token, "name": "Sneaky"})
    assert status == 403
    status, _, _ = c.request("POST", "/resume", {"csrf": token, "code": "sol hus bok"})
    assert status == 403
    status, _, text = c.request("POST", "/join", {"csrf": token, "passcode": "wrong"})
    assert status == 400 and 'aria-invalid="true"' in text
    assert c.join()[0] == 303
    assert c.request("GET", "/")[0] == 200  # now the start page


def test_forms_need_the_csrf_token_and_cookies_their_signature(server):
    c = Client(server)
    c.join()
    assert c.request("POST", "/start", {"name": "No token"})[0] == 403
    assert c.request("POST", "/start", {"name": "Bad token", "csrf": "x" * 32})[0] == 403
    token = c.csrf()
    assert c.request("POST", "/start", {"name": "Cross site", "csrf": token},
                     headers={"origin": "http://evil.example"})[0] == 403
    status, headers, _ = c.request("POST", "/start", {"name": "Good", "csrf": token})
    assert status == 303 and headers["location"] == "/code"
    assert c.request("GET", "/roadmap")[0] == 200
    # change the cookie's payload without its signature: it counts as no cookie at all
    body, mac = c.cookie.rsplit(".", 1)
    forged = Client(server)
    forged.cookie = body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + mac
    status, headers, _ = forged.request("GET", "/roadmap")
    assert status == 303 and headers["location"] == "/join"


def test_security_headers_and_cookie_flags(server):
    c = Client(server)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/join")
    resp = conn.getresponse()
    resp.read()
    headers = {k.lower(): v for k, v in resp.getheaders()}
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"
    cookie = headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert c.request("GET", "/static/veiviser.css")[1]["x-content-type-options"] == "nosniff"
    status, _, text = c.request("GET", "/nowhere")
    assert status == 404 and "<html" in text


def test_codes_are_stored_hashed_and_guessing_is_limited(tmp_path):
    s = Server(tmp_path)
    try:
        c = Client(s)
        c.join()
        c.request("POST", "/start", {"csrf": c.csrf(), "name": "Hashed"})
        _, _, text = c.request("GET", "/code")
        code = re.search(r'id="resume-code"[^>]*>([^<]+)<', text).group(1).strip()
        assert len(code.split()) == 3
        assert c.request("GET", "/code")[0] == 303  # shown once only
        db = s.data / "veiviser.db"
        conn = sqlite3.connect(db)
        rows = conn.execute("SELECT code_hash FROM web_codes").fetchall()
        conn.close()
        assert len(rows) == 1 and code not in rows[0][0]
        raw = b"".join(p.read_bytes() for p in s.data.glob("veiviser.db*"))
        assert code.encode() not in raw
        # ten wrong guesses a minute, then no more tries, not even the right code
        guesser = Client(s)
        guesser.join()
        token = guesser.csrf()
        statuses = [guesser.request("POST", "/resume", {"csrf": token, "code": f"sol hus {w}"})[0]
                    for w in ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")]
        assert statuses == [400] * 10
        assert guesser.request("POST", "/resume", {"csrf": token, "code": code})[0] == 429
    finally:
        s.stop()


def test_several_worker_processes_share_one_store(tmp_path):
    s = Server(tmp_path, extra=("--workers", "2"))
    try:
        clients, codes = [], []
        for i in range(6):  # separate connections: the kernel hands them to either worker
            c = Client(s)
            assert c.join()[0] == 303
            assert c.request("POST", "/start", {"csrf": c.csrf(), "name": f"Org {i}"})[0] == 303
            codes.append(re.search(r'id="resume-code"[^>]*>([^<]+)<', c.request("GET", "/code")[2]).group(1))
            clients.append(c)
        for i, code in enumerate(codes):  # every organisation opens again, from a new device
            c = Client(s)
            c.join()
            status, headers, _ = c.request("POST", "/resume", {"csrf": c.csrf(), "code": code})
            assert status == 303 and headers["location"] == "/roadmap"
            assert f"Org {i}" in c.request("GET", "/roadmap")[2]
        conn = sqlite3.connect(s.data / "veiviser.db")
        assert conn.execute("SELECT COUNT(*) FROM web_codes").fetchone()[0] == 6
        conn.close()
    finally:
        s.stop()
