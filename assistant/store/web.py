"""Resume codes for the web front end: a participant's three words -> their organisation.

Only a slow, salted hash of the code is stored (scrypt), so a copy of the database does not give
the codes away. The hash is deterministic (one fixed salt) so a code can be looked up; guessing
is slowed by the hash and rate-limited by the server. The web server computes the hash in a
worker thread (``hashed=``) so a slow hash never holds up other participants' pages. Deleting the organisation deletes its code
(ON DELETE CASCADE). The table is made by migration 3 in :mod:`assistant.store`.
"""

from __future__ import annotations

import hashlib
import unicodedata

from assistant.store import Store, _now

SALT = b"veiviser/web-resume-code/1"


def normalise_code(code: str) -> str:
    """'Sol  Hus-Bok ' -> 'sol hus bok': case, spaces and dashes do not matter."""
    text = unicodedata.normalize("NFKC", code).casefold().replace("-", " ").replace(".", " ")
    return " ".join(text.split())


def code_hash(code: str) -> str:
    return hashlib.scrypt(normalise_code(code).encode(), salt=SALT, n=2**13, r=8, p=1, dklen=32).hex()


def add_code(store: Store, session_id: int, code: str, hashed: str | None = None) -> bool:
    """Keep the code for the organisation; False (nothing saved) when the code is taken. Through
    the store's own statements, so SQLite and PostgreSQL behave alike."""
    with store._tx(session_id):
        rows = store._run("INSERT INTO web_codes (code_hash, session_id, created) VALUES (?, ?, ?) "
                          "ON CONFLICT (code_hash) DO NOTHING RETURNING session_id",
                          (hashed or code_hash(code), session_id, _now()))
    return bool(rows)


def session_for_code(store: Store, code: str, hashed: str | None = None) -> int | None:
    if not normalise_code(code):
        return None
    rows = store._rows("SELECT session_id FROM web_codes WHERE code_hash = ?", (hashed or code_hash(code),))
    return int(rows[0]["session_id"]) if rows else None
