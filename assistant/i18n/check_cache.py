"""What ``veiviser check`` found in a catalog, remembered until anything it depends on changes.

Checking the 36 shipped catalogs takes most of ``check``'s time, and a translator runs ``check``
again and again while editing one of them. Each result is kept in the user cache folder (the
one the translations' start-up cache uses; ``VEIVISER_CACHE_DIR=off`` turns both off) under a
key made of everything the result depends on: the file's bytes, its locale, the glossary terms
and commands it was checked against, the source of the checking code (every module of
``assistant/i18n``) and the installed Babel and langdetect. Any change to one of these is a
different key, so a stale result is never used; an unreadable or foreign cache file is ignored.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import zlib
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable, Iterable

VERSION = b"check-cache 1"


@lru_cache(maxsize=1)
def code_stamp() -> bytes:
    """The checking code and the libraries it leans on, as bytes that change when they do."""
    import importlib.util

    h = hashlib.sha256(VERSION)
    here = Path(__file__).resolve().parent
    for path in sorted(here.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for name in ("babel", "langdetect"):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin:
            st = os.stat(origin)
            h.update(f"{name}:{origin}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.digest()


def key(kind: str, data: bytes, *parts: Iterable[str] | str | None) -> bytes:
    h = hashlib.sha256(code_stamp())
    h.update(kind.encode())
    h.update(hashlib.sha256(data).digest())
    for part in parts:
        text = "\x00none" if part is None else part if isinstance(part, str) else "\x1f".join(part)
        h.update(b"\x1e" + text.encode("utf-8", "surrogateescape"))
    return h.digest()


def _file(path: Path, kind: str) -> Path | None:
    from assistant.i18n.catalog import _cache_dir

    try:
        folder = _cache_dir()
    except Exception:  # no cache folder on this system: only slower
        return None
    if folder is None:
        return None
    raw = f"{kind}\0{path.absolute()}".encode("utf-8", "surrogateescape")
    return folder / f"check-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.marshal"


def remembered(path: Path, kind: str, k: bytes, compute: Callable[[], list]) -> list:
    """``compute()``'s result for this key, from the cache when it was computed before.
    Results must be lists of str/tuple values (marshal)."""
    cache = _file(path, kind)
    if cache is not None:
        try:
            saved_key, value = marshal.loads(cache.read_bytes())
            if saved_key == k:
                return [tuple(v) if isinstance(v, list) else v for v in value]
        except (OSError, EOFError, ValueError, TypeError):
            pass
    value = compute()
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps((k, value)))
            os.replace(tmp, cache)
        except (OSError, ValueError):
            pass
    return value
