"""Right-to-left text in a terminal.

Textual does not reorder right-to-left text and most terminals (and xterm.js in the browser) do
not either, so Arabic and Persian come out backwards with unjoined letters. Three modes:

- ``app``: Veiviser reorders. Each *already wrapped* line is shaped (arabic-reshaper joins the
  letters) and put in visual order (python-bidi). Reordering must happen per line after
  wrapping, or the end of a paragraph would land on its first line.
- ``terminal``: the terminal reorders (mlterm, Konsole, GNOME Terminal with BiDi on): text is
  left in logical order, so it is not reordered twice.
- ``off``: leave text alone (pipes, files, screen readers, which read logical order).

The default (:func:`default_mode`) is ``app`` for a right-to-left locale on a terminal and
``off`` otherwise; ``--rtl`` or ``VEIVISER_RTL`` choose another.
"""

from __future__ import annotations

import os
import re
import textwrap
import unicodedata
from collections.abc import Callable

MODES = ("app", "terminal", "off")
ENV = "VEIVISER_RTL"

# Explicit direction marks and embeddings; python-bidi leaves them in its output, but once the
# text is in visual order they would only confuse a terminal that also reorders.
_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def has_rtl(text: str) -> bool:
    """Does the text hold any right-to-left letter (Arabic, Hebrew, Syriac, Thaana, N'Ko …)?"""
    return any(unicodedata.bidirectional(c) in ("R", "AL", "RLE", "RLO", "RLI") for c in text)


def choose_mode(requested: str | None, locale: str, tty: bool = True) -> str:
    """The mode to use: ``requested`` (from --rtl), else $VEIVISER_RTL, else the default."""
    for value in (requested, os.environ.get(ENV)):
        if value and value.strip().lower() in MODES:
            return value.strip().lower()
    return default_mode(locale, tty)


def default_mode(locale: str, tty: bool = True) -> str:
    """``app`` for a right-to-left locale on a terminal; ``off`` for left-to-right locales, and for
    pipes and files, which must keep logical order."""
    from assistant.i18n.format import is_rtl

    return "app" if tty and is_rtl(locale) else "off"


# Runs that must keep their left-to-right order inside right-to-left text: paths, web addresses
# and e-mail addresses (a word holding / \\ @ or ://), and numbers with their grouping ("38 000",
# "15.03.2026", "12,500"). Trailing sentence punctuation stays outside.
_LTR_RUN = re.compile(
    r"(?:[^\s/\\@]*[/\\@][^\s]*?|(?<![\w.])[+-]?\d+(?:[ \u00a0\u202f.,'/:\-]\d+)*)(?=[.,;:!?\u060c\u061b)\]»”\"]*(?:\s|$))")
_LRI, _PDI = "\u2066", "\u2069"


def isolate(text: str) -> str:
    """Wrap each path, address and number in a left-to-right isolate (LRI … PDI), so the bidi
    algorithm keeps it in order: '38 000' never '000 38', '/home/a.md' never 'home/a.md/'."""
    return _LTR_RUN.sub(lambda m: _LRI + m.group(0) + _PDI if m.group(0) else "", text)


def display(text: str, mode: str, base: str = "R") -> str:
    """One line (or several, each handled on its own) as it should be written to the screen.

    ``base`` is the paragraph direction for lines that mix directions: "R" in a right-to-left
    locale, "L" when, say, an Arabic name appears in a Norwegian line.
    """
    if mode != "app" or not has_rtl(text):
        return text
    if "\n" in text:
        return "\n".join(display(line, mode, base) for line in text.split("\n"))
    import arabic_reshaper
    from bidi import get_display

    shaped = arabic_reshaper.reshape(isolate(text))
    return _CONTROLS.sub("", get_display(shaped, base_dir=base))


def cell_width(text: str) -> int:
    """Terminal cells: wide East Asian characters take two, combining marks none."""
    width = 0
    for c in text:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return width


def wrap(text: str, width: int, mode: str, base: str = "R", align: bool = False) -> list[str]:
    """Wrap ``text`` to ``width`` cells in logical order, then make each line ready to show.

    With ``align`` (and mode ``app``, base "R"), lines are padded on the left so they end at the
    right edge, as right-to-left text should.
    """
    out: list[str] = []
    for paragraph in text.split("\n"):
        lines = textwrap.wrap(paragraph, width=max(width, 1), break_long_words=True,
                              break_on_hyphens=False) or [""]
        for line in lines:
            shown = display(line, mode, base)
            if align and mode == "app" and base == "R":
                shown = " " * max(0, width - cell_width(shown)) + shown
            out.append(shown)
    return out


def displayer(locale: str, mode: str, width: int | None = None) -> Callable[[str], str]:
    """A ``display`` callable for a line-by-line front end (PlainUI's hook).

    In mode ``app`` a line with right-to-left text is wrapped to ``width`` cells (a terminal
    wrapping a line that is already in visual order would show its end first), each piece is
    reordered and, in a right-to-left locale, aligned to the right edge. A prompt (text ending in
    a space, the cursor goes after it) is reordered but not aligned. Other modes change nothing.
    """
    from assistant.i18n.format import is_rtl

    if mode != "app":
        return lambda s: s
    base = "R" if is_rtl(locale) else "L"

    def show(text: str) -> str:
        if not has_rtl(text):
            return text
        body = text.rstrip(" ")
        tail = text[len(body):]
        if tail or not width:
            return display(body, mode, base) + tail
        return "\n".join(wrap(body, width, mode, base, align=base == "R"))

    return show


def for_stream(locale: str, requested: str | None, stream) -> Callable[[str], str]:
    """The display hook for a front end writing to ``stream`` (``--rtl`` value in ``requested``):
    reorders only on a terminal unless asked, wraps to the terminal's width."""
    import shutil

    isatty = getattr(stream, "isatty", None)
    mode = choose_mode(requested, locale, tty=bool(isatty and isatty()))
    return displayer(locale, mode, max(20, shutil.get_terminal_size().columns - 1))
