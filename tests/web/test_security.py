"""The pieces of the web front end's access control, on their own (no server)."""

from __future__ import annotations

import subprocess
import sys

from assistant.store import Store
from assistant.store import web as codes
from assistant.web import security
from assistant.web.cli import is_loopback
from assistant.web.words import WORDS
from tests.web.conftest import ROOT


def test_signed_values_cannot_be_changed(tmp_path):
    signer = security.Signer(security.load_secret(tmp_path))
    value = signer.dumps({"o": 1, "c": "token"})
    assert signer.loads(value) == {"o": 1, "c": "token"}
    body, mac = value.split(".")
    other = security.Signer(b"k" * 32).dumps({"o": 2, "c": "token"})
    assert signer.loads(other) == {}
    assert signer.loads(other.split(".")[0] + "." + mac) == {}
    assert signer.loads("garbage") == {} and signer.loads(None) == {}
    # the key is made once and then shared (several workers, restarts)
    assert security.load_secret(tmp_path) == signer.key
    assert (tmp_path / security.SECRET_FILE).stat().st_mode & 0o777 == 0o600


def test_limiter_forgets_after_its_window():
    now = [0.0]
    lim = security.Limiter(limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        assert not lim.blocked("a")
        lim.fail("a")
    assert lim.blocked("a") and not lim.blocked("b")
    now[0] = 61
    assert not lim.blocked("a")


def test_codes_are_three_words_and_found_however_they_are_written(tmp_path):
    assert len(WORDS) >= 300 and all(w.isascii() and w.isalpha() and w.islower() for w in WORDS)
    code = security.new_code()
    assert len(code.split()) == 3 and all(w in WORDS for w in code.split())
    with Store(tmp_path) as store:
        sid = store.create_session("A")
        assert codes.add_code(store, sid, code)
        assert not codes.add_code(store, store.create_session("B"), code)  # taken: the caller tries another
        assert codes.session_for_code(store, code) == sid
        assert codes.session_for_code(store, "  " + code.upper().replace(" ", " - ") + " ") == sid
        assert codes.session_for_code(store, "") is None
        assert codes.session_for_code(store, code + " x") is None
        store.delete_session(sid)  # the code goes with the organisation
        assert codes.session_for_code(store, code) is None
        assert store.conn.execute("SELECT COUNT(*) FROM web_codes").fetchone()[0] == 0


def test_loopback_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10") and not is_loopback("example.org")


def test_only_the_web_front_end_imports_the_web_framework():
    code = ("import sys\n"
            "import assistant.cli, assistant.session, assistant.plain, assistant.store, assistant.render\n"
            "from assistant.cli import build_parser\n"
            "build_parser(['serve'])\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn')]\n"
            "print(bad)\nsys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    offenders = [str(p) for p in (ROOT / "assistant").rglob("*.py") if "web" not in p.relative_to(ROOT).parts
                 and any(line.strip().startswith(("import starlette", "from starlette", "import uvicorn",
                                                  "from uvicorn")) for line in p.read_text().splitlines())]
    assert offenders == []
