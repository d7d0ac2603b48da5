"""Right-to-left display: the one place where the UI meets :mod:`assistant.i18n.bidi`.

Textual does not reorder right-to-left text. In "app" mode we wrap a paragraph to the width we
have, then hand each wrapped line to ``bidi.display(line, "app")`` (python-bidi +
arabic-reshaper) and align it to the right. In "terminal" mode the terminal reorders; in "off"
mode nothing is done. Until the bidi module exists the text is shown as it is.
"""

from __future__ import annotations

import os

from rich.cells import cell_len


def _bidi():
    try:
        from assistant.i18n import bidi
    except ImportError:
        return None
    return bidi


# The helpers below mirror assistant.i18n.format.is_rtl / language_name without asking Babel,
# which loads a whole locale's data to name one language: too slow for the first screen. So the languages Veiviser's users speak (see
# shared/domain/needs.md) are listed here as Babel/CLDR names them; a test checks this table
# against Babel, and any other code asks Babel.

OWN_NAMES = {"fa_AF": "دری", "qps": "Pseudo (⟦åççéñţš⟧)", "qps_RTL": "Pseudo (right-to-left)"}
AUTONYMS = {
    "nb": "norsk bokmål", "nn": "norsk nynorsk", "en": "English", "ar": "العربية", "so": "Soomaali",
    "ti": "ትግርኛ", "am": "አማርኛ", "uk": "Українська", "pl": "Polski", "fa": "فارسی", "ps": "پښتو",
    "ur": "اردو", "ta": "தமிழ்", "tr": "Türkçe", "ku": "Kurdî (kurmancî)", "ckb": "کوردیی ناوەندی",
    "sw": "Kiswahili", "fr": "Français", "es": "Español", "de": "Deutsch", "ru": "Русский",
    "lt": "Lietuvių", "ro": "Română", "th": "ไทย", "vi": "Tiếng Việt", "sq": "Shqip",
    "bs": "Bosanski", "hr": "Hrvatski", "sr": "Српски", "om": "Oromoo",
}
RTL_CODES = {"ar", "fa", "fa_AF", "ps", "ur", "ckb", "he", "yi", "sd", "ug", "dv"}
LTR_CODES = set(AUTONYMS) - RTL_CODES


def _babel(code: str):
    from assistant.i18n.format import _locale

    return _locale(code)


def is_rtl(code: str) -> bool:
    from assistant.i18n.pseudo import PSEUDO_LOCALES

    if code in PSEUDO_LOCALES:
        return PSEUDO_LOCALES[code] == "rtl"
    if code in RTL_CODES or code.split("_")[0] in RTL_CODES - {"fa_AF"}:
        return True
    if code in LTR_CODES:
        return False
    return _babel(code).character_order == "right-to-left"


def language_name(code: str) -> str:
    """The language's own name for itself: 'norsk bokmål', 'العربية', 'Soomaali', 'ትግርኛ'."""
    if "assistant.i18n.format" in __import__("sys").modules:
        from assistant.i18n.format import language_name as full

        return full(code)
    if code in OWN_NAMES:
        return OWN_NAMES[code]
    if code in AUTONYMS:
        return AUTONYMS[code]
    loc = _babel(code)
    name = loc.get_display_name(loc) or code
    return name[:1].upper() + name[1:] if code not in ("nb", "nn") else name


class Direction:
    def __init__(self, locale: str, mode: str | None = None):
        self.locale = locale
        self.rtl = is_rtl(locale)
        self._bidi = _bidi() if self.rtl else None
        # bidi.choose_mode(mode, locale, tty=True), without its import of the content models:
        # the asked mode, else $VEIVISER_RTL, else "app" for a right-to-left locale on a terminal.
        modes = getattr(self._bidi, "MODES", ("app", "terminal", "off"))
        env = os.environ.get(getattr(self._bidi, "ENV", "VEIVISER_RTL"))
        for value in (mode, env):
            if value and value.strip().lower() in modes:
                mode = value.strip().lower()
                break
        else:
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
            # a web address or path breaks after a "/" (or "-"), not inside a name
            slash = max(word.rfind("/", 0, cut), word.rfind("-", 0, cut))
            if slash >= width // 2 and slash > word.find("://") + 2:
                cut = slash + 1
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
