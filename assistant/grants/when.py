"""The sentences that say when one can apply, and how fresh a source is, in the user's
language: "Open now. The deadline is 1 September 2027, in 31 days." and "checked 1 December
2026, page updated 4 May 2025"."""

from __future__ import annotations

import datetime as dt

from assistant.content.models import Source
from assistant.grants.catalogue import say
from assistant.grants.timing import Timing


def _date(value: dt.date, locale: str) -> str:
    from assistant.i18n import format as F

    try:
        return F.date(value, locale)
    except ValueError:
        return value.isoformat()


def when_date(value: dt.date | None, translator) -> str:
    return _date(value, translator.locale) if value else ""


def checked_text(content, translator, src: Source) -> str:
    """When we checked the page, and the page's own date when it shows one."""
    checked = _date(src.checked, translator.locale)
    if src.page_date is None:
        return checked
    return say(content, translator, "date_with_page", checked=checked,
               page_date=_date(src.page_date, translator.locale))


def when_text(content, translator, scheme, t: Timing) -> str:
    """One or two sentences: open now, not open yet, closed (and the next round), not
    confirmed for this year, or open all year. Empty when the scheme says nothing."""
    loc = translator.locale
    d = lambda x: _date(x, loc) if x else ""  # noqa: E731
    s = lambda msg, **kw: say(content, translator, msg, **kw)  # noqa: E731
    if t.state == "open":
        if t.days == 0:
            return s("when_open_today", date=d(t.closes))
        return s("when_open", date=d(t.closes), days=t.days)
    if t.state == "upcoming":
        return s("when_upcoming", opens=d(t.opens), date=d(t.closes))
    if t.state == "closed":
        if t.next_closes and t.next_exact:
            text = s("when_closed_next_exact", next=d(t.next_closes))
        elif t.next_closes:
            text = s("when_closed_next", next=d(t.next_closes))
        else:
            text = s("when_closed")
        return text + (" " + s("when_last", date=d(t.closes)) if t.closes else "")
    if t.state == "passed":
        return s("when_passed", date=d(t.closes), next=d(t.next_closes))
    if t.state == "unconfirmed":
        return s("when_unconfirmed", date=d(t.closes))
    if t.state == "rolling":
        return s("when_rolling")
    return ""


def source_line(content, translator, t: Timing) -> str:
    """Where the round was seen: "Source: title, url (checked …)"."""
    if t.source is None:
        return ""
    return say(content, translator, "when_source", title=t.source.title, url=t.source.url,
               date=checked_text(content, translator, t.source))
