"""When can one apply? A scheme's rounds against today's date.

Pure: a scheme and a date in, a :class:`Timing` out. The states:

- ``open``: a round is open today; ``closes`` is its deadline, ``days`` the days left.
- ``upcoming``: a known round opens later (``opens``, ``closes``).
- ``closed``: the last round has closed; ``next_closes`` is when the next deadline is expected
  (``next_exact``: a rule fixes it, else it is the usual time of year).
- ``unconfirmed``: the funder's pattern says a round may be open now, but we have not seen this
  year's date on the page: check the page.
- ``passed``: the usual date of a moving deadline has just passed and we have not seen this
  year's round: it is probably closed (``next_closes`` is the usual date next year), but the
  date may have moved: check the page. Never "open now".
- ``rolling``: applications are read all year.
- ``unknown``: the scheme says nothing about rounds (a municipal model scheme).

A round confirmed more than a year before today no longer counts as confirmed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assistant.content.grants import GrantScheme, Yearly
from assistant.content.models import Source

FRESH_DAYS = 365


@dataclass(frozen=True)
class Timing:
    state: str
    closes: dt.date | None = None
    opens: dt.date | None = None
    days: int | None = None
    next_closes: dt.date | None = None
    next_exact: bool = False
    for_year: int | None = None
    source: Source | None = None

    def as_dict(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"state": self.state, "closes": iso(self.closes), "opens": iso(self.opens), "days": self.days,
                "next_closes": iso(self.next_closes), "next_exact": self.next_exact, "for_year": self.for_year,
                "source": ({"title": self.source.title, "url": self.source.url,
                            "checked": self.source.checked.isoformat(),
                            "page_date": iso(self.source.page_date)} if self.source else None)}


def _on(year: int, month_day: str) -> dt.date:
    month, day = (int(x) for x in month_day.split("-"))
    if month == 2 and day == 29:
        day = 28
    return dt.date(year, month, day)


def _fresh(src: Source, today: dt.date) -> bool:
    """Seen on the page within the year before ``today`` (or after it: planning back in time)."""
    return (today - src.checked).days <= FRESH_DAYS


GRACE_DAYS = 60  # after the usual date of a moving deadline we do not yet call the round closed
SAME_CYCLE_DAYS = 120  # a dated round this close to the usual date is this year's round


def _yearly(y: Yearly, today: dt.date, last) -> Timing:
    """``last``: the latest dated round that has closed, if any."""
    closes = _on(today.year, y.closes)
    seen = last if last is not None and abs((last.closes - closes).days) <= SAME_CYCLE_DAYS else None
    if closes < today or seen is not None:
        if not y.fixed and seen is None and (today - closes).days <= GRACE_DAYS:
            # the usual date has just passed, but we have not seen this year's round: it may
            # have moved (Bufdir's deadline was 17 December in 2021)
            return Timing("passed", closes=closes, next_closes=_on(today.year + 1, y.closes), source=y.source)
        nxt = _on(today.year + 1, y.closes)
        known = seen.closes if seen is not None else (closes if y.fixed else None)
        return Timing("closed", closes=known, next_closes=nxt, next_exact=y.fixed,
                      for_year=seen.for_year if seen is not None else None,
                      source=seen.source if seen is not None else y.source)
    opens = None
    if y.opens:
        opens = _on(today.year, y.opens)
        if opens > closes:  # the round opens in the year before its deadline
            opens = _on(today.year - 1, y.opens)
    if not (y.fixed and _fresh(y.source, today)):
        return Timing("unconfirmed", closes=closes, opens=opens, source=y.source)
    if opens and today < opens:
        return Timing("upcoming", closes=closes, opens=opens, source=y.source)
    return Timing("open", closes=closes, opens=opens, days=(closes - today).days, source=y.source)


def timing(scheme: GrantScheme, today: dt.date) -> Timing:
    if scheme.rolling is not None:
        return Timing("rolling", source=scheme.rolling.source)
    rounds = sorted(scheme.rounds, key=lambda r: r.closes)
    for r in rounds:  # a round seen on the page that is open today
        start = r.opens or r.source.checked  # no opening date: open since we saw it announced
        if start <= today <= r.closes and _fresh(r.source, today):
            return Timing("open", closes=r.closes, opens=r.opens, days=(r.closes - today).days,
                          for_year=r.for_year, source=r.source)
    for r in rounds:  # a known round that opens later
        if r.opens and r.opens > today and _fresh(r.source, today):
            return Timing("upcoming", closes=r.closes, opens=r.opens, for_year=r.for_year, source=r.source)
    last = max((r for r in rounds if r.closes < today), key=lambda r: r.closes, default=None)
    if scheme.yearly is not None:
        return _yearly(scheme.yearly, today, last)
    if last is not None:
        return Timing("closed", closes=last.closes, for_year=last.for_year, source=last.source)
    return Timing("unknown")
