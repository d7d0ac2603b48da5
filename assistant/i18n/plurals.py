"""Plural forms.

Babel writes a wrong Plural-Forms header for Arabic (python-babel #816: forms 4 and 5 swapped).
For locales whose CLDR rule has more than two categories we compute the form index from CLDR
directly, in the order gettext catalogs use (zero, one, two, few, many, other), so a catalog
with a bad header still picks the right form.
"""

from __future__ import annotations

import gettext

CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


def cldr_index_function(locale: str):
    from babel import Locale

    loc = Locale.parse(locale)
    rule = loc.plural_form
    categories = [c for c in CLDR_ORDER if c in rule.tags or c == "other"]

    def index(n: int) -> int:
        return categories.index(rule(n))

    return index, len(categories)


def plural_function(locale: str, header: str | None):
    """Index function for ``n``: the CLDR rule for Arabic-like locales, else the header's."""
    try:
        fn, count = cldr_index_function(locale)
    except Exception:
        fn, count = None, 0
    if fn is not None and count > 2:
        return fn
    if header and "plural=" in header:
        expr = header.split("plural=", 1)[1].strip().rstrip(";")
        return gettext.c2py(expr)
    if fn is not None:
        return fn
    return lambda n: int(n != 1)


def plural_forms_header(locale: str) -> str:
    """A correct Plural-Forms header from CLDR, for new catalogs."""
    known = {
        "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
        ": n%100>=11 ? 4 : 5);",
        "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<12 || n%100>14) ? 1 : 2);",
        "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);",
    }
    base = locale.split("_")[0]
    if base in known:
        return known[base]
    return "nplurals=2; plural=(n != 1);"
