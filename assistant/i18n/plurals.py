"""Plural forms.

Babel writes a wrong Plural-Forms header for Arabic (python-babel #816: forms 4 and 5 swapped).
For locales whose CLDR rule has more than two categories we compute the form index from CLDR
directly, in the order gettext catalogs use (zero, one, two, few, many, other), so a catalog
with a bad header still picks the right form. New catalogs get a header that agrees with CLDR on
whole numbers (:func:`plural_forms_header`), and ``veiviser i18n check`` compares every
catalog's header with CLDR.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")
# Whole numbers that tell every CLDR rule in use apart (0, 1, 2, teens, hundreds …).
SAMPLE_COUNTS = tuple(range(0, 230)) + (1000, 1001, 1002, 1005, 1011, 1021, 1101, 1000000)


def cldr_index_function(locale: str):
    from babel import Locale

    loc = Locale.parse(locale.split("_")[0] if "_" in locale and not _parses(locale) else locale)
    rule = loc.plural_form
    categories = [c for c in CLDR_ORDER if c in rule.tags or c == "other"]

    def index(n: int) -> int:
        return categories.index(rule(n))

    return index, len(categories)


def _parses(locale: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(locale)
        return True
    except (UnknownLocaleError, ValueError):
        return False


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


# Vetted expressions for whole numbers, in the usual gettext form; the test checks each against
# CLDR for SAMPLE_COUNTS.
KNOWN = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<12 || n%100>14) ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<12 || n%100>14) ? 1 : 2);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);",
}
SIMPLE = {
    "nplurals=2; plural=(n != 1);": lambda n: int(n != 1),
    "nplurals=2; plural=(n > 1);": lambda n: int(n > 1),
    "nplurals=1; plural=0;": lambda n: 0,
}


def integer_forms(locale: str) -> list[int] | None:
    """CLDR's form index for each of SAMPLE_COUNTS, or None if CLDR does not know the locale."""
    forms = _integer_forms(locale)
    return None if forms is None else list(forms)


@lru_cache(maxsize=64)
def _integer_forms(locale: str) -> tuple[int, ...] | None:
    # CLDR's rules are fixed for the installed Babel: once per locale (``check`` asks per catalog)
    try:
        fn, _ = cldr_index_function(locale)
    except Exception:
        return None
    return tuple(fn(n) for n in SAMPLE_COUNTS)


def header_forms(header: str) -> tuple[int, list[int]]:
    """nplurals and the header's form index for each of SAMPLE_COUNTS."""
    head, _, expr = header.partition("plural=")
    nplurals = int(head.split("nplurals=", 1)[1].split(";")[0].strip())
    fn = gettext.c2py(expr.strip().rstrip(";"))
    return nplurals, [fn(n) for n in SAMPLE_COUNTS]


def plural_forms_header(locale: str) -> str:
    """A correct Plural-Forms header for whole numbers, from CLDR, for new catalogs."""
    base = locale.split("_")[0]
    if base in KNOWN:
        return KNOWN[base]
    forms = integer_forms(locale)
    if forms is not None:
        for header, fn in SIMPLE.items():
            if [fn(n) for n in SAMPLE_COUNTS] == forms:
                return header
    return "nplurals=2; plural=(n != 1);"


def header_agrees_with_cldr(locale: str, header: str) -> str | None:
    """None when the header picks the same form as CLDR for every sample count, else why not."""
    forms = integer_forms(locale)
    if forms is None:
        return None
    try:
        nplurals, got = header_forms(header)
    except Exception as exc:
        return f"cannot read Plural-Forms ({exc})"
    if nplurals != max(forms) + 1:
        return f"nplurals={nplurals}, but CLDR has {max(forms) + 1} forms for whole numbers"
    for n, a, b in zip(SAMPLE_COUNTS, got, forms):
        if a != b:
            return f"Plural-Forms picks form {a} for n={n}, CLDR form {b}"
    return None
