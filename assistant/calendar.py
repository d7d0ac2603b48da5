"""The organisation's year as a calendar: its own dates from the answers, each with the page it
comes from, shown as a list (the panel ``year.calendar``, in the user's language) and written as
an iCalendar file (RFC 5545) that phones and Outlook import.

Dates: the annual meeting (its date, or the last day the bylaws allow) and the last day to send
its notice; the report deadline of a grant received; the next application deadline the
organisation plans for; momskompensasjon's 1 September; the annual meetings where the board's
and the deputies' terms end. No front
end is imported here: front ends show :func:`calendar_panel` and write documents as usual (the
``ics`` writer is registered in :data:`assistant.render.WRITERS`).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Mapping

from assistant.content.loader import Content
from assistant.i18n import N_
from assistant.i18n.content import PANELS
from assistant.render.templates import CONTEXT_PROVIDERS

MONTHS = {"march": 3, "april": 4, "june": 6}  # bylaws.meeting_month: the meeting is held by its end


@dataclass(frozen=True)
class Event:
    date: dt.date
    kind: str
    message: str  # a veiviser-domain msgid with {params}
    params: Mapping[str, str] = field(default_factory=dict)
    url: str = ""

    def title(self, translator) -> str:
        """In the translator's language; a ``date`` parameter (ISO) in its date format."""
        from assistant.i18n import format as F

        params = dict(self.params)
        if "date" in params:
            params["date"] = F.date(params["date"], translator.locale)
        return translator.format(self.message, **params)

    @property
    def uid(self) -> str:
        digest = hashlib.sha1(f"{self.kind}|{self.date.isoformat()}|{sorted(self.params.items())}"
                              .encode()).hexdigest()[:20]
        return f"{digest}@veiviser"


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _fact_url(content: Content, fact_id: str) -> str:
    fact = content.facts.get(fact_id)
    return fact.source.url if fact else ""


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def _names(people: Any) -> str:
    items = [str(p.get("name", "")).strip() for p in (people or []) if isinstance(p, Mapping)]
    return ", ".join(n for n in items if n)


def events(content: Content, answers: Mapping[str, Any], today: dt.date | None = None) -> list[Event]:
    """The organisation's dates from today on, sorted: the next of each yearly date, and the
    dates the answers give."""
    today = today or dt.date.today()
    out: list[Event] = []
    meeting_url = _fact_url(content, "meeting.annual_business")
    month = MONTHS.get(str(answers.get("bylaws.meeting_month") or ""))

    meeting = _date(answers.get("annual.date"))
    if meeting and meeting >= today:
        out.append(Event(meeting, "annual_meeting", N_("Annual meeting"), url=meeting_url))
        notice = str(answers.get("bylaws.notice") or "")
        if notice.isdigit():
            out.append(Event(meeting - dt.timedelta(days=int(notice)), "notice",
                             N_("Last day to send the notice of the annual meeting"),
                             url=_fact_url(content, "bylaws.notice_no_law")))
    elif month:
        year = today.year if _month_end(today.year, month) >= today else today.year + 1
        out.append(Event(_month_end(year, month), "annual_meeting",
                         N_("Annual meeting: the bylaws say it must be held by this day"), url=meeting_url))

    report = _date(answers.get("answer.report_deadline"))
    if report and answers.get("answer.outcome") != "rejected":
        scheme = content.grants.get(str(answers.get("grant.scheme") or ""))
        out.append(Event(report, "report", N_("Report due: {grant}"),
                         {"grant": str(answers.get("grant.title") or (scheme.name if scheme else ""))},
                         url=scheme.url if scheme else ""))

    planned = content.grants.get(str(answers.get("calendar.next_scheme") or ""))
    deadline = _date(answers.get("calendar.next_deadline"))
    if planned and deadline:
        out.append(Event(deadline, "application", N_("Application deadline: {grant}"),
                         {"grant": planned.name}, url=planned.url))

    if answers.get("calendar.moms") is True and not _ruled_out(content, "momskompensasjon", answers, today):
        year = today.year if dt.date(today.year, 9, 1) >= today else today.year + 1
        out.append(Event(dt.date(year, 9, 1), "moms",
                         N_("Momskompensasjon: be in Frivillighetsregisteret by this day"),
                         url=_fact_url(content, "calendar.moms_september")))

    out.extend(_term_events(answers, month, meeting_url))

    # past dates are dropped; a date of its own (a report due in 14 months) is kept however far
    return sorted((e for e in out if e.date >= today), key=lambda e: (e.date, e.kind))


def _ruled_out(content: Content, scheme_id: str, answers: Mapping[str, Any], today: dt.date) -> bool:
    """Whether the finder gives a definite "not for you" for the scheme on these answers (costs
    below momskompensasjon's minimum, say): then the calendar does not remind of its date. An
    unknown answer is no "not for you"."""
    scheme = content.grants.get(scheme_id)
    if scheme is None:
        return False
    from assistant.grants.finder import assess

    return assess(scheme, answers, today).status == "not_for_you"


def _term_events(answers: Mapping[str, Any], month: int | None, url: str) -> list[Event]:
    """Where the board's terms end, as the bylaws say: at the annual meeting (held by the end of
    the bylaws' meeting month) ``bylaws.term`` years after the election for the chair and the
    board members, and one year after it for the deputies (vedtekter: "Varamedlemmer velges for
    ett år om gangen")."""
    term = str(answers.get("bylaws.term") or "")
    elected_at, board = _date(answers.get("annual.date")), answers.get("annual.new_board")
    if not board:
        elected_at, board = _date(answers.get("org.founded")), answers.get("board")
    if not (term.isdigit() and elected_at and board and month):
        return []
    people = [p for p in board if isinstance(p, Mapping)]
    members = [p for p in people if p.get("role") != "deputy"]
    deputies = [p for p in people if p.get("role") == "deputy"]
    date = elected_at.isoformat()
    if int(term) <= 1:  # everyone is elected for one year: the whole board at the next meeting
        return [Event(_month_end(elected_at.year + 1, month), "term",
                      N_("At the annual meeting, held by this day, the term ends for the whole board "
                         "elected {date}: {names}"), {"date": date, "names": _names(people)}, url=url)]
    out = []
    if members:
        out.append(Event(_month_end(elected_at.year + int(term), month), "term",
                         N_("At the annual meeting, held by this day, the term ends for the board "
                            "members elected {date}: {names}"), {"date": date, "names": _names(members)},
                         url=url))
    if deputies:
        out.append(Event(_month_end(elected_at.year + 1, month), "term_deputies",
                         N_("At the annual meeting, held by this day, the term ends for the deputy "
                            "members elected {date}: {names}"), {"date": date, "names": _names(deputies)},
                         url=url))
    return out


def calendar_panel(content: Content, answers: Mapping[str, Any], translator, today=None) -> str:
    from assistant.i18n import format as F

    items = events(content, answers, today)
    if not items:
        return translator.gettext("No dates yet. Answer the questions about the annual meeting "
                                  "and your grants, and the dates come here.")
    lines = []
    for e in items:
        lines.append(f"* {F.date(e.date, translator.locale)}: {e.title(translator)}")
        if e.url:
            lines.append(f"    {e.url}")
    return "\n".join(lines)


class YearCalendar:
    """What the calendar template sees as ``calendar``: the events in Norwegian."""

    def __init__(self, content: Content, answers: Mapping[str, Any], today: dt.date | None):
        self._content, self._answers, self._today = content, answers, today

    @property
    def events(self) -> list[dict[str, Any]]:
        from assistant.i18n import get_translator

        nb = get_translator("nb")
        return [{"date": e.date.isoformat(), "title": e.title(nb), "url": e.url, "uid": e.uid}
                for e in events(self._content, self._answers, self._today)]


# --- iCalendar (RFC 5545) -------------------------------------------------------------------

def _escape(text: str) -> str:
    """TEXT values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets; a continuation starts with one space (RFC 5545 3.1). Never
    splits a UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # the leading space of a continuation counts
        if size + n > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += n
    out.append(current)
    return "\r\n ".join(out)


def to_ics(items: list[dict[str, Any]], now: dt.datetime | None = None) -> str:
    """One all-day VEVENT per item (date, title, url, uid)."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Veiviser//Organisasjonens år//NB",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for item in items:
        day = dt.date.fromisoformat(item["date"])
        lines += ["BEGIN:VEVENT", f"UID:{item['uid']}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_escape(item['title'])}"]
        if item.get("url"):
            lines += [f"DESCRIPTION:{_escape('Kilde: ' + item['url'])}", f"URL:{item['url']}"]
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def write_ics(doc, path: Path, **_: Any) -> None:
    """The ``ics`` writer: the calendar events the document was rendered from."""
    cal = (doc.data or {}).get("calendar") if getattr(doc, "data", None) is not None else None
    items = cal.events if cal is not None else []
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(to_ics(items).encode("utf-8"))
    tmp.replace(path)


def _provide(content: Content, answers: Mapping[str, Any], today: dt.date | None) -> YearCalendar:
    return YearCalendar(content, answers, today)


CONTEXT_PROVIDERS["calendar"] = _provide
PANELS["year.calendar"] = calendar_panel


def _register_writer() -> None:
    from assistant.render import WRITERS

    WRITERS["ics"] = write_ics


_register_writer()
