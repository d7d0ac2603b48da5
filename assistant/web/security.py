"""Access control for the web front end, with no organisation data in URLs.

- A signed cookie (HMAC-SHA256 over a small JSON value; HttpOnly, SameSite=Lax) holds the
  participant's organisation id, whether the workshop passcode was given, a CSRF token and the
  language; for a coordinator also whether the facilitator passcode was given (a second
  fingerprint, never the participants' one) and the name they write comments with. The signing key is a random file in the data folder (mode 0600), shared by every
  worker process that uses the same folder.
- Every form carries the CSRF token; a POST without the right one is refused.
- Failed passcode and resume-code tries are counted per client address; too many in a minute are
  refused (429) until the minute has passed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from collections import deque
from pathlib import Path
from typing import Any

from assistant.web.words import WORDS

COOKIE = "veiviser"
SECRET_FILE = "web-secret"

HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
    "cross-origin-opener-policy": "same-origin",
}


def load_secret(data_dir: Path) -> bytes:
    """The cookie signing key: made once, then read by every process. It is written in full to a
    private file of its own first and then linked into place, which fails if another process got
    there first, so no process (of many starting at once) ever reads a half-written key, and a
    process killed while making it leaves no empty key behind."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = data_dir / SECRET_FILE
    if not path.exists():
        tmp = data_dir / f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32))
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process made it first: use that one
            except OSError:  # no hard links here (e.g. FAT): renamed into place; processes starting in the
                # same instant may then keep different keys until restarted (a participant is asked again)
                os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    data = path.read_bytes()
    if len(data) != 32:
        raise RuntimeError(f"{path} is not a valid key file")
    return data


class Signer:
    def __init__(self, key: bytes):
        self.key = key

    def _mac(self, body: bytes) -> str:
        return base64.urlsafe_b64encode(hmac.new(self.key, body, hashlib.sha256).digest()).decode().rstrip("=")

    def dumps(self, data: dict[str, Any]) -> str:
        body = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")
        return f"{body}.{self._mac(body.encode())}"

    def loads(self, value: str | None) -> dict[str, Any]:
        if not value or "." not in value:
            return {}
        body, mac = value.rsplit(".", 1)
        if not hmac.compare_digest(mac, self._mac(body.encode())):
            return {}
        try:
            data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def fingerprint(self, passcode: str) -> str:
        """What the cookie keeps to show the passcode was given: changes when the passcode does."""
        return self._mac(b"passcode:" + passcode.encode())[:22]

    def facilitator_fingerprint(self, passcode: str) -> str:
        """The same for the facilitator passcode: a participant's fingerprint never opens it."""
        return self._mac(b"facilitator:" + passcode.encode())[:22]


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def csrf_ok(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and hmac.compare_digest(str(expected), str(given))


def passcode_ok(expected: str, given: str) -> bool:
    return hmac.compare_digest(" ".join(expected.split()).encode(), " ".join(given.split()).encode())


def new_code() -> str:
    return " ".join(secrets.choice(WORDS) for _ in range(3))


class Limiter:
    """At most ``limit`` failures per ``window`` seconds per key (a client address)."""

    def __init__(self, limit: int = 10, window: float = 60.0, clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self.fails: dict[str, deque[float]] = {}

    def _recent(self, key: str) -> deque[float]:
        q = self.fails.setdefault(key, deque())
        now = self.clock()
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, key: str) -> bool:
        return len(self._recent(key)) >= self.limit

    def fail(self, key: str) -> None:
        self._recent(key).append(self.clock())
        if len(self.fails) > 10000:  # forget quiet addresses
            for k in [k for k, q in self.fails.items() if not q]:
                del self.fails[k]
