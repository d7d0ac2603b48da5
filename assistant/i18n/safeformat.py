"""Filling ``{placeholders}`` of a translation without trusting it.

A translation comes from a file anyone can edit. ``str.format`` on it can raise (``{verdi}``,
``{value``, ``{0}``), allocate without bound (``{value:>99999999999}``) or walk attributes
(``{value.__class__.__mro__}``). :func:`safe_format` allows only the placeholders the source
text has, by name, with the source's own format spec and conversion (or none), so a translation
can move and drop placeholders but do nothing else. :func:`format_problem` says what is wrong,
for ``veiviser check``; at run time :class:`Translated` falls back to the source, once per
message with a warning in the log.
"""

from __future__ import annotations

import logging
import re
import string
from typing import Any

log = logging.getLogger("veiviser.i18n")
_FORMATTER = string.Formatter()
_WARNED: set[tuple[str, str]] = set()


class FormatProblem(ValueError):
    pass


def _fields(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    try:
        return list(_FORMATTER.parse(text))
    except ValueError as exc:  # "{value", "}" alone
        raise FormatProblem(f"broken placeholder syntax ({exc})") from None


# A profile key named in a content text ("{org.first_apply_year}"): filled by the grant finder
# from the profile by name (a lookup, never an attribute walk), so a translation may keep it.
PROFILE_KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+")


def _name_ok(name: str) -> bool:
    return name.isidentifier() or PROFILE_KEY.fullmatch(name) is not None


def placeholders(source: str) -> dict[str, tuple[str, str | None]]:
    """name -> (format spec, conversion) of each placeholder of a (trusted) source text."""
    out: dict[str, tuple[str, str | None]] = {}
    for _, name, spec, conv in _fields(source):
        if name is not None and _name_ok(name):
            out[name] = (spec or "", conv)
    return out


def _check(text: str, allowed: dict[str, tuple[str, str | None]]) -> list[tuple[str, str, str | None]]:
    parts: list[tuple[str, str, str | None]] = []  # (literal, name or "", conversion) ...
    for literal, name, spec, conv in _fields(text):
        if name is None:
            parts.append((literal, "", None))
            continue
        if name == "" or name.isdigit():
            raise FormatProblem(f"positional placeholder {{{name}}}: use the names of the source")
        if not _name_ok(name) or (not name.isidentifier() and name not in allowed):
            raise FormatProblem(f"placeholder {{{name}}} reaches into a value (no '.' or '[' allowed)")
        if name not in allowed:
            raise FormatProblem(f"placeholder {{{name}}} is not in the source")
        want_spec, want_conv = allowed[name]
        if (spec or "") not in ("", want_spec) or conv not in (None, want_conv):
            raise FormatProblem(f"placeholder {{{name}}} has a format or conversion the source does not have")
        parts.append((literal, name, conv))
    return parts


def format_problem(text: str, source: str) -> str | None:
    """Why ``text`` (a translation of ``source``) cannot be filled safely; None when it can."""
    try:
        allowed: dict | FormatProblem = placeholders(source)
    except FormatProblem as exc:
        allowed = exc
    return format_problem_with(text, allowed)


def format_problem_with(text: str, allowed: dict | FormatProblem) -> str | None:
    """:func:`format_problem` with the source's :func:`placeholders` (or why it has none)
    already worked out, for ``check``, which sees each source text once per locale."""
    try:
        if isinstance(allowed, FormatProblem):
            raise allowed
        _check(text, allowed)
    except FormatProblem as exc:
        return str(exc)
    return None


def safe_format(text: str, source: str, params: dict[str, Any]) -> str:
    allowed = placeholders(source)
    out: list[str] = []
    for literal, name, conv in _check(text, allowed):
        out.append(literal)
        if not name:
            continue
        if name not in params:
            raise FormatProblem(f"no value for {{{name}}}")
        value = params[name]
        if conv == "r":
            value = repr(value)
        elif conv == "s":
            value = str(value)
        elif conv == "a":
            value = ascii(value)
        out.append(format(value, allowed[name][0]))
    return "".join(out)


class Translated(str):
    """A translation that remembers its source: ``.format`` is :func:`safe_format`, and a broken
    translation gives the source text (filled), with one warning in the log."""

    source: str = ""
    locale: str = ""

    def format(self, *args: Any, **params: Any) -> str:  # type: ignore[override]
        if not args:
            try:
                return safe_format(str(self), self.source, params)
            except FormatProblem as exc:
                problem = str(exc)
        else:
            problem = "positional arguments"
        key = (self.locale, self.source)
        if key not in _WARNED:
            _WARNED.add(key)
            log.warning("%s: the translation of %r cannot be used (%s); the source text is shown",
                        self.locale, self.source, problem)
        try:
            return safe_format(self.source, self.source, params)
        except FormatProblem:
            return self.source


def translated(text: str, source: str, locale: str) -> str:
    """``text`` as a :class:`Translated` when it differs from the source (else as it is)."""
    both = source + text
    if text is source or text == source or ("{" not in both and "}" not in both):
        return text
    out = Translated(text)
    out.source = source
    out.locale = locale
    return out
