"""The language list of plain mode names each language as Babel/CLDR does, without asking it."""

from __future__ import annotations

import pytest
from babel import Locale

from assistant.i18n import autonyms
from assistant.i18n.format import language_name


@pytest.mark.parametrize("code", sorted(autonyms.AUTONYMS))
def test_the_table_agrees_with_babel(code):
    assert autonyms.AUTONYMS[code] == language_name(code)
    loc = Locale.parse(code)
    assert autonyms.language_name(code) == language_name(code) != code, loc


def test_other_codes_ask_babel_and_dari_keeps_its_own_name():
    assert autonyms.language_name("fa_AF") == "دری"
    assert "ha" not in autonyms.AUTONYMS
    assert autonyms.language_name("ha") == language_name("ha") == "Hausa"


def test_every_shipped_locale_is_in_the_table():
    from assistant.cli import launch_order
    from assistant.i18n.catalog import available_locales

    for code in launch_order(available_locales()):
        assert code in autonyms.AUTONYMS or code == "fa_AF", code
