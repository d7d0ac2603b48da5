"""A small, exact reader of the ``.po`` files Veiviser ships, for ``veiviser check``.

Babel's ``read_po`` was most of ``check``'s time (it builds a full Catalog, parses locations,
loads CLDR data for the Language header). This reader reads what ``check`` looks at: every
message's id (a tuple for plurals), string(s), context, flags and line, in file order, skipping
the header and obsolete (``#~``) entries, with Babel's rules: escapes ``\\n \\t \\" \\\\`` (and
the other C escapes Babel knows), multi-line strings, ``msgctxt``, plural forms padded to
``nplurals`` of the Plural-Forms header, ``#,`` flags (``fuzzy``).

It is exact by refusing: a line outside the plain grammar Babel writes (a tab after a keyword,
odd white space, a conflict marker, a duplicate message, a header without Plural-Forms, a
message Babel would reject...) raises :class:`NotPlain`, and the caller reads that file with
Babel and the strict line check instead. A test compares it with Babel on every shipped catalog.
"""

from __future__ import annotations

import re

__all__ = ["NotPlain", "PoMessage", "read_plain_po"]

_STRING = r'"(?:[^"\\\n]|\\.)*"'
_STRING_RE = re.compile(_STRING)
_KEYWORDS = frozenset(("msgctxt", "msgid", "msgid_plural", "msgstr"))
_INDEXED = re.compile(r"msgstr\[\d+\]")
_ESCAPE = re.compile(r'\\([\\abfnrtv"])')
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_ODD = re.compile("[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_NPLURALS = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;")


class NotPlain(ValueError):
    """This file is not in the plain form this reader takes on: read it with Babel."""


class PoMessage:
    """What ``check`` reads of one message (the attributes of a Babel Message it uses)."""

    __slots__ = ("id", "string", "context", "flags", "lineno")

    def __init__(self, id, string, context, flags, lineno):
        self.id = id
        self.string = string
        self.context = context
        self.flags = flags
        self.lineno = lineno

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def __repr__(self) -> str:
        return f"PoMessage({self.id!r}, {self.string!r}, context={self.context!r})"


def _plain_string(s: str) -> bool:
    """A quoted .po string with nothing after its closing quote (the strict line check's rule)."""
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        return False
    inner = s[1:-1]
    return ('"' not in inner and "\\" not in inner) or _STRING_RE.fullmatch(s) is not None


def _unescape(s: str) -> str:
    if "\\" not in s:
        return s[1:-1]
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), s[1:-1])


def _join(parts: list[str]) -> str:
    return "".join(map(_unescape, parts))


def read_plain_po(text: str) -> list[PoMessage]:
    """The messages of a .po file's text, as Babel's ``read_po(abort_invalid=True)`` would give
    them when iterating the catalog (without its header). Raises :class:`NotPlain`."""
    messages: list[PoMessage] = []
    seen: set = set()
    nplurals = 2
    # the message being read (Babel's parser state)
    ids: list[list[str]] = []
    strs: list[tuple[int, list[str]]] = []
    ctx: list[str] | None = None
    flags: set[str] = set()
    obsolete = False
    offset = 0
    in_id = in_str = in_ctx = False

    def finish() -> None:
        nonlocal ids, strs, ctx, flags, obsolete, in_id, in_str, in_ctx, nplurals
        if ids:
            if not strs:
                raise NotPlain(f"line {offset + 1}: missing msgstr")
            if len(ids) > 1:
                mid: str | tuple = tuple(_join(i) for i in ids)
                forms = [""] * nplurals
                for idx, parts in sorted(strs, key=lambda s: s[0]):
                    if idx >= nplurals:
                        raise NotPlain(f"line {offset + 1}: more translations than nplurals")
                    forms[idx] = _join(parts)
                string: str | tuple = tuple(forms)
            else:
                mid = _join(ids[0])
                string = _join(strs[0][1])
            context = _join(ctx) if ctx else None
            if not obsolete:
                if mid == "":
                    if messages or seen:
                        raise NotPlain("the header is not the first message")
                    nplurals = _header_nplurals(string)  # type: ignore[arg-type]
                    seen.add(None)
                else:
                    key = (mid if isinstance(mid, str) else mid[0], context)
                    if key in seen:
                        raise NotPlain(f"line {offset + 1}: a second message {key!r}")
                    seen.add(key)
                    messages.append(PoMessage(mid, string, context, flags, offset + 1))
            ids, strs, ctx, flags, obsolete = [], [], None, set(), False
            in_id = in_str = in_ctx = False

    odd = _ODD.search(text)
    if odd is not None:  # where Babel's reader and the strict line check split lines otherwise
        raise NotPlain(f"character {odd.start()}: {odd.group()!r}")
    for lineno, raw in enumerate(text.split("\n")):
        line = raw.strip(" \t")
        if not line:
            continue
        is_obsolete = False
        if line[0] == "#":
            second = line[1:2]
            if second == "~":
                line = line[2:].lstrip(" \t")
                is_obsolete = True
                if not line:
                    continue
            elif second == "-":
                raise NotPlain(f"line {lineno + 1}: a conflict marker")
            else:
                finish()
                if second == ",":
                    flags.update(f.strip() for f in line[2:].lstrip().split(","))
                continue
        if line[0] == '"':  # a continuation of the string before
            if not _plain_string(line):
                raise NotPlain(f"line {lineno + 1}: not a plain .po string")
            if in_id:
                ids[-1].append(line)
            elif in_str:
                strs[-1][1].append(line)
            elif in_ctx:
                ctx.append(line)  # type: ignore[union-attr]
            else:
                raise NotPlain(f"line {lineno + 1}: a string outside a message")
            continue
        keyword, _, arg = line.partition(" ")
        arg = arg.lstrip(" ")
        if not _plain_string(arg) or (keyword not in _KEYWORDS and _INDEXED.fullmatch(keyword) is None):
            raise NotPlain(f"line {lineno + 1}: not a plain .po line")
        if keyword in ("msgid", "msgctxt"):
            finish()
        obsolete = is_obsolete
        if keyword == "msgid":
            offset = lineno
        if keyword in ("msgid", "msgid_plural"):
            in_ctx, in_id = False, True
            ids.append([arg])
        elif keyword == "msgctxt":
            in_ctx = True
            ctx = [arg]
        else:
            in_id, in_str = False, True
            idx = int(keyword[7:-1]) if keyword != "msgstr" else 0
            strs.append((idx, [arg]))
    finish()
    return messages


def _header_nplurals(header: str) -> int:
    nplurals = None
    for line in header.split("\n"):
        name, colon, value = line.partition(":")
        name = name.strip().lower()
        if not colon:
            continue
        if name == "plural-forms":
            m = _NPLURALS.match(value)
            if m is None or nplurals is not None:
                raise NotPlain("Plural-Forms without a plain nplurals")
            nplurals = int(m.group(1))
        elif name == "content-type" and "charset" in value.lower() \
                and value.lower().replace(" ", "").split("charset=", 1)[-1].strip(";") not in ("utf-8", "charset"):
            raise NotPlain("a charset other than UTF-8")  # Babel would decode the rest with it
    if nplurals is None:  # Babel would take the number from the Language's CLDR data
        raise NotPlain("no Plural-Forms header")
    return nplurals
