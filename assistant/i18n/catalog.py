"""Loading .po catalogs and translating with them.

Catalogs are read with Babel's .po reader (so "edit the .po, run, see" works with no compile
step). Fuzzy entries are not used. A broken catalog never stops the program: its problems are
kept in :attr:`Translator.problems` and the source text is shown instead.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any
from collections.abc import Iterable

from assistant import paths
from assistant.i18n.safeformat import translated

SOURCE_LOCALE = "en"  # the language of every msgid
DEFAULT_LOCALE = "nb"

# Locales Babel does not know under the code people use.
ALIASES = {"no": "nb", "nb_NO": "nb", "prs": "fa_AF", "fa_af": "fa_AF", "kmr": "ku_TR"}


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with Translator.gettext."""
    return message


# The code strings (menus, buttons, messages) are in this domain; a catalog reads it first and
# the others (content, grants) on the first text it cannot find there, so the first screen waits
# for one file instead of three.
FIRST_DOMAIN = "veiviser"


class Catalog:
    """One locale's messages from every .po file in its folder.

    Files are read as needed: ``FIRST_DOMAIN`` at once, the rest on the first miss, or when
    ``messages``, ``problems``, ``headers`` or ``unreviewed`` is asked for as a whole."""

    def __init__(self, locale: str, pending: Iterable[Path] = ()):
        self.locale = locale
        self._messages: dict[tuple[str | None, str], str | tuple[str, ...]] = {}
        self.plural_header: str | None = None
        self._headers: dict[str, str] = {}
        self._problems: list[str] = []
        self.files: list[Path] = []
        self._unreviewed: list[Path] = []  # files whose header says X-Reviewed: no
        self._pending = list(pending)
        self._plural: Any = None

    def __repr__(self) -> str:
        return f"Catalog({self.locale!r}, {len(self.files)} files)"

    # --- reading files -----------------------------------------------------------------------
    def add_file(self, po: Path) -> None:
        self.files.append(po)
        data = _load_po(po)
        if data["problems"]:
            self._problems.extend(data["problems"])
            return
        for key, value in data["headers"].items():
            self._headers.setdefault(key, value)
        if data["unreviewed"]:
            self._unreviewed.append(po)
        self.plural_header = self.plural_header or data["plural"]
        self._messages.update(data["messages"])

    def load_all(self) -> Catalog:
        while self._pending:
            self.add_file(self._pending.pop(0))
        return self

    def lookup(self, key: tuple[str | None, str]):
        hit = self._messages.get(key)
        if hit is None and self._pending:
            self.load_all()
            hit = self._messages.get(key)
        return hit

    @property
    def messages(self) -> dict[tuple[str | None, str], str | tuple[str, ...]]:
        return self.load_all()._messages

    @property
    def problems(self) -> list[str]:
        return self.load_all()._problems

    @property
    def headers(self) -> dict[str, str]:
        return self.load_all()._headers

    @property
    def unreviewed(self) -> list[Path]:
        return self.load_all()._unreviewed

    def plural(self, n: int) -> int:
        """The plural form index for ``n``, worked out on first use (CLDR data is slow to load)."""
        if self._plural is None:
            try:
                self._plural = _plural_function(self.locale, self.plural_header)
            except Exception as exc:
                self._problems.append(f"{self.locale}: bad Plural-Forms ({exc})")
                self._plural = lambda n: int(n != 1)
        return self._plural(n)


def _plural_function(locale: str, header: str | None):
    """The plural index function. Uses CLDR (via Babel) for locales whose .po headers Babel is
    known to get wrong (Arabic, python-babel #816), else the catalog's own Plural-Forms."""
    from assistant.i18n.plurals import plural_function

    return plural_function(locale, header)


_PO_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+(".*)$')
_PO_STRING = re.compile(r'^"(?:[^"\\]|\\.)*"$')


def lint_po(text: str) -> list[str]:
    """Strict syntax check of a .po file (Babel's reader accepts broken files silently).
    Returns "line N: reason" for each problem."""
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _PO_KEYWORD.match(line)
        rest = m.group(2) if m else line
        if not m and not line.startswith('"'):
            problems.append(f"line {number}: expected msgid, msgstr, msgctxt or a quoted string")
        elif not _PO_STRING.match(rest):
            problems.append(f"line {number}: the quoted text is not closed correctly")
    return problems


def _parse_po(po: Path) -> dict:
    """One .po file as plain data: messages, headers, unreviewed flag, problems. Slow (Babel)."""
    from babel.messages.pofile import read_po

    from assistant.i18n.extract import header_fields

    out: dict = {"messages": {}, "headers": {}, "plural": None, "unreviewed": False, "problems": []}
    try:
        text = po.read_text(encoding="utf-8")
        syntax = lint_po(text)
    except (OSError, UnicodeDecodeError) as exc:
        text, syntax = "", [f"cannot read as UTF-8 ({exc})"]
    if syntax:
        out["problems"] = [f"{po}: {p}" for p in syntax[:5]]
        return out
    try:
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=None, abort_invalid=True)
    except Exception as exc:  # a broken catalog: report, keep going
        out["problems"] = [f"{po}: cannot read ({exc})"]
        return out
    headers = dict(catalog.mime_headers)
    fields = header_fields(text)
    headers.update({k: v for k, v in fields.items() if k not in headers})
    out["headers"] = headers
    out["plural"] = headers.get("Plural-Forms")
    out["unreviewed"] = fields.get("X-Reviewed", "").strip().lower() in ("no", "false", "0")
    messages = out["messages"]
    for msg in catalog:
        if not msg.id or msg.fuzzy:
            continue
        if isinstance(msg.id, tuple):
            forms = tuple(msg.string) if isinstance(msg.string, (list, tuple)) else (msg.string,)
            if all(forms):
                messages[(msg.context, msg.id[0])] = forms
        elif msg.string:
            messages[(msg.context, msg.id)] = msg.string
    return out


def _cache_dir() -> Path | None:
    chosen = os.environ.get("VEIVISER_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("veiviser", appauthor=False))


def _load_po(po: Path) -> dict:
    """A parsed .po file, from a cache keyed by the file's path, size and modification time, so
    start-up does not parse every catalog each time; an edited .po is parsed again."""
    import marshal
    import zlib

    try:
        st = po.stat()
    except OSError:
        return _parse_po(po)
    stamp = (str(po.absolute()), st.st_size, st.st_mtime_ns, 1)
    cache = _cache_dir()
    # The name only spreads files out; the stamp inside decides whether the cache is used.
    raw = stamp[0].encode("utf-8", "surrogateescape")
    path = cache / f"po-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.marshal" if cache else None
    if path is not None:
        try:
            saved_stamp, data = marshal.loads(path.read_bytes())
            if tuple(saved_stamp) == stamp:
                return data
        except (OSError, EOFError, ValueError, TypeError):
            pass
    data = _parse_po(po)
    if path is not None and not data["problems"]:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps((stamp, data)))
            os.replace(tmp, path)
        except OSError:
            pass  # no cache: only slower
    return data


def read_catalog(locale: str, directory: Path) -> Catalog:
    """The catalog of one locale folder; only its first domain is read now (see :class:`Catalog`)."""
    folder = directory / locale / "LC_MESSAGES"
    files = sorted(folder.glob("*.po"), key=lambda p: (p.stem != FIRST_DOMAIN, p.name))
    cat = Catalog(locale, pending=files[1:])
    if files:
        cat.add_file(files[0])
    return cat


class Translator:
    """Translate code and content strings for one locale, falling back to the source text."""

    def __init__(self, locale: str, catalogs: Iterable[Catalog] = ()):  # most specific first
        self.locale = locale
        self.catalogs = list(catalogs)

    @property
    def problems(self) -> list[str]:
        return [p for c in self.catalogs for p in c.problems]

    @property
    def reviewed(self) -> bool:
        """False when the catalog says no native speaker has reviewed it."""
        return not any(c.unreviewed for c in self.catalogs)

    def _lookup(self, context: str | None, message: str):
        for c in self.catalogs:
            hit = c.lookup((context, message))
            if hit is not None:
                return c, hit
        return None, None

    # A translation comes back as a safe string: its .format fills only the source's
    # placeholders, and a broken one falls back to the source (assistant.i18n.safeformat).
    def gettext(self, message: str) -> str:
        _, hit = self._lookup(None, message)
        if isinstance(hit, tuple):
            hit = hit[0]
        return translated(hit, message, self.locale) if hit else message

    def pgettext(self, context: str, message: str) -> str:
        if not message:
            return message
        _, hit = self._lookup(context, message)
        if isinstance(hit, tuple):
            hit = hit[0]
        return translated(hit, message, self.locale) if hit else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.npgettext(None, singular, plural, n)

    def npgettext(self, context: str | None, singular: str, plural: str, n: int) -> str:
        cat, hit = self._lookup(context, singular)
        if isinstance(hit, tuple) and cat is not None:
            index = cat.plural(n)
            if 0 <= index < len(hit):
                return translated(hit[index], singular if n == 1 else plural, self.locale)
        return singular if n == 1 else plural

    # "_" reads well at call sites
    _ = gettext

    def format(self, message: str, **params) -> str:
        """Translate a code message and fill its {placeholders}."""
        text = self.gettext(message)
        return text.format(**params) if params else text


def _fallback_chain(locale: str) -> list[str]:
    chain = [locale]
    if "_" in locale:
        chain.append(locale.split("_")[0])
    return chain


@functools.lru_cache(maxsize=32)
def _cached_catalog(locale: str, directory: str, stamp: tuple) -> Catalog:
    return read_catalog(locale, Path(directory))


@functools.lru_cache(maxsize=4)
def _cached_pseudo(locale: str, directory: str, stamp: tuple) -> Catalog:
    from assistant.i18n.pseudo import pseudo_catalog

    return pseudo_catalog(locale, Path(directory))


def _stamp(directory: Path, locale: str) -> tuple:
    folder = directory / locale / "LC_MESSAGES"
    try:
        return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.po")))
    except OSError:
        return ()


def get_translator(locale: str | None, directory: str | os.PathLike | None = None) -> Translator:
    """A translator for ``locale`` (normalised): its own catalog, then its language's (fa_AF →
    fa), then the English source text. Pseudo-locales (qps, qps_RTL) are made from the templates."""
    directory = paths.locales_dir(directory)
    code = normalise(locale or DEFAULT_LOCALE)
    from assistant.i18n.pseudo import PSEUDO_LOCALES

    if code in PSEUDO_LOCALES:
        stamp = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in (directory / "templates").glob("*.pot")))
        return Translator(code, [_cached_pseudo(code, str(directory), stamp)])
    # A folder named as asked for wins over an alias: a translator who drops in "kmr" gets it.
    asked = _tidy(locale or DEFAULT_LOCALE)
    if asked != code and (directory / asked / "LC_MESSAGES").is_dir():
        code = asked
    catalogs = []
    for loc in _fallback_chain(code):
        if (directory / loc / "LC_MESSAGES").is_dir():
            catalogs.append(_cached_catalog(loc, str(directory), _stamp(directory, loc)))
    return Translator(code, catalogs)


def _tidy(code: str) -> str:
    """'ar-eg.UTF-8' → 'ar_EG': separators, encoding and modifier, letter case."""
    code = code.strip().replace("-", "_").split(".")[0].split("@")[0]
    if "_" in code:
        lang, _, region = code.partition("_")
        return f"{lang.lower()}_{region.upper()}"
    return code.lower()


def normalise(code: str) -> str:
    """'nb-NO' → 'nb', 'prs' → 'fa_AF', 'ar_eg.UTF-8' → 'ar_EG', 'qps_rtl' → 'qps_RTL'."""
    tidy = _tidy(code)
    return ALIASES.get(tidy, ALIASES.get(tidy.lower(), tidy))


def available_locales(directory: str | os.PathLike | None = None) -> list[str]:
    """Every locale with a catalog folder, plus the source language."""
    directory = paths.locales_dir(directory)
    found = {SOURCE_LOCALE}
    if directory.is_dir():
        for child in directory.iterdir():
            if (child / "LC_MESSAGES").is_dir() and any((child / "LC_MESSAGES").glob("*.po")):
                if not child.name.startswith(("qps", "_")):
                    found.add(child.name)
    return sorted(found)


def negotiate(preferred: Iterable[str], available: Iterable[str]) -> str | None:
    """Pick the best available locale for a list of preferred ones (e.g. from $LANG). Each
    preferred locale in turn: as it is, else its language ("fa_IR" → "fa"); as Babel does."""
    by_lower = {a.lower(): a for a in available}
    for p in preferred:
        if not p:
            continue
        code = normalise(p)
        hit = by_lower.get(code.lower()) or by_lower.get(code.split("_")[0].lower())
        if hit:
            return hit
    return None


def locale_from_environment() -> list[str]:
    out: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            out.extend(v for v in value.split(":") if v)
    return out

