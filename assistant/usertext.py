"""One rule for text a user typed (or an answers file or an old database holds).

* :func:`clean` is the boundary rule, applied by the engine's validation: it refuses lone
  surrogates (what invalid UTF-8 becomes), removes terminal escape sequences and C0/C1 control
  characters other than tab and newline (and Unicode non-characters such as U+FFFE), turns
  carriage returns into newlines, and keeps everything a user means: emoji, combining marks,
  zero-width joiners, every script.
* :func:`visible` is for terminals: whatever is still in a stored value is shown, never obeyed.
  Control characters become their visible pictures (ESC → ␛), and explicit bidi controls are
  removed and the text isolated, so they cannot reorder the rest of the screen.
* :func:`printable` is for documents: controls and lone surrogates are dropped, so python-docx and
  the encoders never see them, and stored answers from before the rule still render.

This module is part of the core: no front end, no I/O.
"""

from __future__ import annotations

import re

# ESC sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC strings (ESC ] … BEL or ST), two-byte
# ESC x; and their 8-bit C1 forms (U+009B CSI, U+009D OSC, U+0090 DCS, U+0098/9E/9F).
_SEQUENCES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P^_X]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0 except tab (9) and newline (10); DEL; C1.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
_NONCHARS = re.compile("[\ufdd0-\ufdef\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Explicit bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
FSI, PDI = "\u2068", "\u2069"


class BadText(ValueError):
    """The text cannot be stored: it holds a lone surrogate (invalid UTF-8)."""


def has_lone_surrogate(text: str) -> bool:
    return bool(_SURROGATE.search(text))


def _astral_nonchars(text: str) -> str:
    # U+1FFFE, U+1FFFF, … U+10FFFE, U+10FFFF
    if not any(ord(c) > 0xFFFF for c in text):
        return text
    return "".join(c for c in text if not (ord(c) > 0xFFFF and (ord(c) & 0xFFFE) == 0xFFFE))


def clean(text: str) -> tuple[str, int]:
    """(the text without escape sequences, controls and non-characters; how many characters
    were removed). Raises :class:`BadText` for a lone surrogate."""
    if has_lone_surrogate(text):
        raise BadText(text)
    before = len(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    crlf = before - len(text)  # a CR of a CRLF is not something the user would miss
    text = _SEQUENCES.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _NONCHARS.sub("", text)
    text = _astral_nonchars(text)
    return text, before - crlf - len(text)


def clean_name(text: str) -> str:
    """An organisation's name as stored: :func:`clean`, one line, and a lone surrogate (which a
    name cannot be refused for: it comes from a command line) replaced by U+FFFD."""
    text = _SURROGATE.sub("\ufffd", str(text))
    return " ".join(clean(text)[0].split())


def clean_paste(text: str) -> str:
    """Pasted text, for an input field: :func:`clean`, with a lone surrogate replaced (a
    terminal never sends one; the field must not show it)."""
    return clean(_SURROGATE.sub("\ufffd", text))[0]


def _picture(match: re.Match[str]) -> str:
    c = ord(match.group())
    if c < 0x20:
        return chr(0x2400 + c)  # ␀ … ␟ (ESC → ␛)
    if c == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1


def visible(text: str) -> str:
    """Text safe to write to a terminal: no byte in it is a control the terminal obeys."""
    if not isinstance(text, str):
        text = str(text)
    text = text.replace("\r\n", "\n")
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]", _picture, text)
    text = _SURROGATE.sub("\ufffd", text)
    if BIDI_CONTROLS.search(text):
        text = FSI + BIDI_CONTROLS.sub("", text) + PDI
    return text


def printable(text: str) -> str:
    """Text safe to put in a document (md, txt, html, docx): controls, non-characters and lone
    surrogates removed; explicit bidi controls kept only inside an isolate."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SEQUENCES.sub("", text)
    text = _CONTROLS.sub("", text)
    text = _NONCHARS.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    text = _astral_nonchars(text)
    if BIDI_CONTROLS.search(text):
        text = FSI + BIDI_CONTROLS.sub("", text) + PDI
    return text


class VisibleWriter:
    """A text stream that writes :func:`visible` text: what a command prints can never be a
    control the terminal obeys, whatever a stored value holds. Everything else is the stream's."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)
