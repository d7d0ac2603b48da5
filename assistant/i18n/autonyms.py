"""Languages' own names without Babel, for the first prompt of plain mode.

Babel loads a whole locale's data (a pickle merged with CLDR's root) to name one language: about
15 ms a language on this machine, 0.19 s for the language list before the first prompt. The
languages Veiviser's users speak (shared/domain/needs.md) are listed here as CLDR names them; a
test checks the table against Babel, and any other code asks Babel. (assistant/tui/rtl.py has the
same table for the terminal UI's first screen.)
"""

from __future__ import annotations

AUTONYMS = {
    "nb": "norsk bokmål", "nn": "norsk nynorsk", "en": "English", "ar": "العربية", "so": "Soomaali",
    "ti": "ትግርኛ", "am": "አማርኛ", "uk": "Українська", "pl": "Polski", "fa": "فارسی", "ps": "پښتو",
    "ur": "اردو", "ta": "தமிழ்", "tr": "Türkçe", "ku": "Kurdî (kurmancî)", "ckb": "کوردیی ناوەندی",
    "sw": "Kiswahili", "fr": "Français", "es": "Español", "de": "Deutsch", "ru": "Русский",
    "lt": "Lietuvių", "ro": "Română", "th": "ไทย", "vi": "Tiếng Việt", "sq": "Shqip",
    "bs": "Bosanski", "hr": "Hrvatski", "sr": "Српски", "om": "Oromoo",
}


def language_name(code: str) -> str:
    """The language's own name for itself, as :func:`assistant.i18n.format.language_name`."""
    from assistant.i18n.format import OWN_NAMES, language_name as full

    if code in OWN_NAMES:
        return OWN_NAMES[code]
    return AUTONYMS.get(code) or full(code)
