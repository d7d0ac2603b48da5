"""Measured against messages extracted now from code and content (not the committed .pot), so a
new string that nobody translated fails here: nb complete, every launch language at least 95 %."""

import pytest

from assistant.i18n import get_translator
from assistant.i18n.extract import build_templates

LAUNCH = ["ar", "so", "ti", "uk", "pl", "fa", "ta", "ur", "tr"]


@pytest.fixture(scope="module")
def templates():
    return build_templates()


def coverage(locale, templates):
    t = get_translator(locale)
    missing = []
    total = 0
    for domain, cat in templates.items():
        for msg in cat:
            if not msg.id:
                continue
            total += 1
            msgid = msg.id[0] if isinstance(msg.id, tuple) else msg.id
            if not any((msg.context, msgid) in c.messages for c in t.catalogs):
                missing.append(f"{domain}: {msg.context or ''} {msgid[:60]!r}")
    return total, missing


def test_norwegian_is_complete(templates):
    total, missing = coverage("nb", templates)
    assert total > 1000
    assert missing == [], f"{len(missing)} of {total} untranslated in nb, e.g. {missing[:5]}"


@pytest.mark.parametrize("locale", LAUNCH + ["fa_AF"])
def test_launch_languages_are_at_least_95_percent(locale, templates):
    total, missing = coverage(locale, templates)
    assert (total - len(missing)) / total >= 0.95, f"{locale}: {len(missing)} missing, e.g. {missing[:5]}"
