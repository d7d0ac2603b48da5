"""Dates, numbers and NOK for the user's locale (Babel/CLDR), and answers shown back to users."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any


@functools.lru_cache(maxsize=64)
def _locale(code: str):
    """Babel's locale for ``code``; else its language's ("ar_XB" → ar); else English."""
    from babel import Locale, UnknownLocaleError

    for candidate in (code, code.replace("-", "_").split("_")[0]):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


def nok(amount: int | float, locale: str) -> str:
    """Whole kroner in the locale's currency pattern: nb '12 500 kr', en 'NOK 12,500'."""
    from babel.numbers import format_currency

    import decimal

    loc = _locale(locale)
    pattern = loc.currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace(".00", "").replace(".##", "")
    try:
        text = format_currency(amount, "NOK", locale=loc, format=pattern, currency_digits=False)
    except (decimal.InvalidOperation, OverflowError):  # beyond Decimal's precision: still show it
        return f"{int(amount):,}".replace(",", "\u00a0") + "\u00a0NOK"
    return _currency_spacing(text)


def _currency_spacing(text: str) -> str:
    """CLDR's currency spacing, which Babel does not apply: a currency code made of letters gets
    a no-break space next to a digit ('NOK12,500' → 'NOK 12,500')."""
    import re

    text = re.sub(r"(?<![A-Za-z])([A-Z]{3})(?=\d)", "\\1\u00a0", text)
    return re.sub(r"(?<=\d)([A-Z]{3})(?![A-Za-z])", "\u00a0\\1", text)


def number(n: int | float, locale: str, group: bool = True) -> str:
    """A number in the locale's digits and grouping; ``group=False`` for years ('2026', never
    '2,026' or '2 026')."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=_locale(locale), group_separator=group)


def is_year(step) -> bool:
    """An integer question whose whole range is four-digit numbers asks for a year (content says
    so with ``validation = { min = 2000, max = 2100 }``): shown without grouping."""
    v = getattr(step, "validation", None)
    return (v is not None and v.min is not None and v.max is not None
            and 1000 <= v.min <= v.max <= 9999)


def currency_unit(locale: str) -> str:
    """The sign :func:`nok` writes next to the amount in this locale ('kr' in nb, 'NOK' in en):
    an input for an amount shows the same sign, so a locale has one style for money."""
    text = nok(0, locale)
    return "kr" if "kr" in text else "NOK"


def date(value: str | dt.date, locale: str, form: str = "long") -> str:
    from babel.dates import format_date

    d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return format_date(d, form, locale=_locale(locale))


# Names CLDR gives differently from what speakers call their language in a language menu: Dari
# speakers (fa_AF) call theirs دری, not "فارسی (افغانستان)".
OWN_NAMES = {"fa_AF": "دری", "qps": "Pseudo (⟦åççéñţš⟧)", "qps_RTL": "Pseudo (right-to-left)"}


def items(values: list[str], locale: str) -> str:
    """A list as the language writes it: nb "A, B og C", ar "A وB وC", uk "A, B і C"."""
    from babel.lists import format_list

    return format_list(list(values), locale=_locale(locale)) if values else ""


def language_name(code: str) -> str:
    """The language's own name for itself: 'norsk bokmål', 'العربية', 'Soomaali', 'ትግርኛ', 'دری'."""
    if code in OWN_NAMES:
        return OWN_NAMES[code]
    loc = _locale(code)
    name = loc.get_display_name(loc) or code
    return name[:1].upper() + name[1:] if code not in ("nb", "nn") else name


def is_rtl(code: str) -> bool:
    """Is the locale's script written right to left (ar, fa, fa_AF, ur, ckb, he; qps_RTL)?"""
    from assistant.i18n.pseudo import PSEUDO_LOCALES

    if code in PSEUDO_LOCALES:
        return PSEUDO_LOCALES[code] == "rtl"
    return _locale(code).character_order == "right-to-left"


def direction(code: str) -> str:
    """"rtl" or "ltr", for HTML ``dir`` attributes."""
    return "rtl" if is_rtl(code) else "ltr"


def show_value(step, value: Any, translator, flow_id: str) -> str:
    """An answer as the user should read it back (review screens, confirmations)."""
    from assistant.content.models import QuestionType as T
    from assistant.i18n.content import ContentText

    ct = ContentText(translator)
    loc = translator.locale
    if value is None or value == "" or value == []:
        return translator.gettext("(no answer)")
    kind = step.type
    if kind is T.yesno:
        return translator.gettext("Yes") if value else translator.gettext("No")
    if kind is T.choice:
        return ct.choice(flow_id, step, value)
    if kind is T.multichoice:
        return items([ct.choice(flow_id, step, v) for v in value], loc)
    if kind is T.money:
        return nok(value, loc)
    if kind is T.integer:
        return number(value, loc, group=not is_year(step))
    if kind is T.date:
        try:
            return date(value, loc)
        except ValueError:
            return str(value)
    if kind is T.people:
        parts = []
        for p in value:
            if len(step.roles) == 1:
                parts.append(p["name"])
            else:
                role = ct.role(flow_id, step, p["role"]) if step.roles else p["role"]
                parts.append(f"{p['name']} ({role})")
        return items(parts, loc)
    if kind is T.account and isinstance(value, str) and len(value) == 11:
        return f"{value[:4]}.{value[4:6]}.{value[6:]}"
    if kind is T.orgnr and isinstance(value, str) and len(value) == 9:
        return f"{value[:3]} {value[3:6]} {value[6:]}"
    return str(value)
