"""Translation: gettext catalogs (.po, read directly) for code and content strings.

Source strings are English. Code marks strings with ``_()`` / ``N_()`` (see :mod:`assistant.i18n.
catalog`); content strings are looked up with a stable context ``flow/step/field`` through
:meth:`Translator.pgettext`, so editing a source text leaves the old translation fuzzy for review
instead of dropping it silently.

Catalogs live in ``locales/<locale>/LC_MESSAGES/<domain>.po``; every ``.po`` file in that folder
is loaded, so a translator adds a language by adding the folder, without touching code.
"""

from __future__ import annotations

from assistant.i18n.catalog import (
    DEFAULT_LOCALE,
    SOURCE_LOCALE,
    Translator,
    available_locales,
    get_translator,
    N_,
    negotiate,
)

__all__ = [
    "DEFAULT_LOCALE",
    "SOURCE_LOCALE",
    "Translator",
    "available_locales",
    "get_translator",
    "N_",
    "negotiate",
]
