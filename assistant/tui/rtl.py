"""Right-to-left display: the one place where the UI meets :mod:`assistant.i18n.bidi`.

Textual does not reorder right-to-left text. In "app" mode we wrap a paragraph to the width we
have, then hand each wrapped line to ``bidi.display(line, "app")`` (python-bidi +
arabic-reshaper) and align it to the right. In "terminal" mode the terminal reorders; in "off"
mode nothing is done. Until the bidi module exists the text is shown as it is.
"""

from __future__ import annotations

from rich.cells import cell_len


def _bidi():
    try:
        from assistant.i18n import bidi
    except ImportError:
        return None
    return bidi


class Direction:
    def __init__(self, locale: str, mode: str | None = None):
        from assistant.i18n.format import is_rtl

        self.locale = locale
        self.rtl = is_rtl(locale)
        self._bidi = _bidi() if self.rtl else None
        if self._bidi is not None and hasattr(self._bidi, "choose_mode"):
            mode = self._bidi.choose_mode(mode, locale, tty=True)  # a TUI always has a terminal
        elif mode is None:
            mode = "app" if self.rtl else "off"
        self.mode = mode if self.rtl else "off"

    @property
    def reorders(self) -> bool:
        """True when this UI itself must reorder and right-align text."""
        return self.rtl and self.mode == "app" and self._bidi is not None

    def line(self, text: str) -> str:
        """One line (already short enough), ready to draw."""
        if not self.reorders:
            return text
        return self._bidi.display(text, "app", "R")

    def lines(self, text: str, width: int) -> list[str]:
        """A paragraph wrapped to ``width`` cells, each line ready to draw (aligned by CSS)."""
        out: list[str] = []
        for para in text.split("\n"):
            out.extend(self.line(ln) for ln in wrap(para, max(width, 1)))
        return out

    def width(self, text: str) -> int:
        if self._bidi is not None and hasattr(self._bidi, "cell_width"):
            return self._bidi.cell_width(text)
        return cell_len(text)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; long words are cut."""
    if not text.strip():
        return [""]
    lines: list[str] = []
    current = ""
    for word in text.split():
        while cell_len(word) > width:
            if current:
                lines.append(current)
                current = ""
            cut = width
            while cell_len(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        if not current:
            current = word
        elif cell_len(current) + 1 + cell_len(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines
