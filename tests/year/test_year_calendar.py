"""The year as a calendar: the .ics parses with a real iCalendar library and holds the report
deadline and the annual meeting, each with its source; the same list shows in the user's
language; ``veiviser calendar`` writes it."""

import datetime as dt

import icalendar
import pytest

from assistant.calendar import _fold, calendar_panel, events, to_ics
from assistant.cli import main
from assistant.i18n.catalog import get_translator

from .conftest import EXAMPLE_NAMES, TODAY, example_answers, run


def parse(path):
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
    return icalendar.Calendar.from_ical(raw)


def vevents(cal):
    return [c for c in cal.walk() if c.name == "VEVENT"]


def by_summary(cal):
    return {str(e["SUMMARY"]): e for e in vevents(cal)}


def test_calendar_holds_report_deadline_and_annual_meeting(content, tmp_path):
    answers = example_answers("ukrainian_bergen", content)  # granted, report due 1 Feb 2027
    written = run(content, "year_calendar", answers, tmp_path, ("md", "html", "docx")).written
    assert tmp_path / "aarskalender.ics" in written
    cal = parse(tmp_path / "aarskalender.ics")
    events_ = by_summary(cal)
    report = events_["Frist for rapport: Lekegruppe for ukrainske barn"]
    assert report["DTSTART"].dt == dt.date(2027, 2, 1)
    assert report["DTSTART"].params.get("VALUE") == "DATE"
    assert report["DTEND"].dt == dt.date(2027, 2, 2)
    assert str(report["URL"]).startswith("https://www.imdi.no/")
    meeting = events_["Årsmøte"]
    assert meeting["DTSTART"].dt == dt.date(2027, 4, 10)
    assert "Kilde: https://" in str(meeting["DESCRIPTION"])
    notice = events_["Siste dag for å sende innkallingen til årsmøtet"]
    assert notice["DTSTART"].dt == dt.date(2027, 4, 10) - dt.timedelta(days=21)  # notice "21"
    uids = [str(e["UID"]) for e in vevents(cal)]
    assert len(uids) == len(set(uids)) and all(e.get("DTSTAMP") for e in vevents(cal))
    md = (tmp_path / "aarskalender.md").read_text(encoding="utf-8")
    assert "1. februar 2027" in md and "Frist for rapport" in md


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_every_example_has_its_annual_meeting_and_board_term(content, tmp_path, example):
    answers = example_answers(example, content)
    run(content, "year_calendar", answers, tmp_path, ())
    cal = parse(tmp_path / "aarskalender.ics")
    found = by_summary(cal)
    meeting = dt.date.fromisoformat(answers["annual.date"])
    assert found["Årsmøte"]["DTSTART"].dt == meeting
    # terms end at the annual meeting of the bylaws' month, the deputies' after one year
    # (review 2026-12-02 #10)
    month_end = {"march": (3, 31), "april": (4, 30), "june": (6, 30)}[answers["bylaws.meeting_month"]]
    if answers["bylaws.term"] == "1":  # everyone for one year: the whole board at the next meeting
        whole = [s for s in found if "er valgperioden over for hele styret" in s]
        assert len(whole) == 1 and found[whole[0]]["DTSTART"].dt == dt.date(meeting.year + 1, *month_end)
        assert all(p["name"] in whole[0] for p in answers["annual.new_board"])
        return
    members = [s for s in found if s.startswith("På årsmøtet, som holdes innen denne dagen, er "
                                                "valgperioden over for styremedlemmene")]
    deputies = [s for s in found if "er valgperioden over for varamedlemmene" in s]
    assert len(members) == 1 and not any(s.startswith("Styrets valgperiode") for s in found)
    assert found[members[0]]["DTSTART"].dt == dt.date(meeting.year + int(answers["bylaws.term"]), *month_end)
    for person in answers["annual.new_board"]:  # commas escaped in the file, whole again here
        if person["role"] == "deputy":
            assert person["name"] in deputies[0] and person["name"] not in members[0]
            assert found[deputies[0]]["DTSTART"].dt == dt.date(meeting.year + 1, *month_end)
        else:
            assert person["name"] in members[0]
    if answers.get("calendar.moms"):
        assert found["Momskompensasjon: vær i Frivillighetsregisteret innen denne dagen"]["DTSTART"].dt \
            == dt.date(2027, 9, 1)
    if answers.get("calendar.next_deadline"):
        assert any(s.startswith("Søknadsfrist: ") for s in found)


def test_without_a_meeting_date_the_bylaws_month_gives_the_last_day(content):
    answers = {"bylaws.meeting_month": "april"}
    (event,) = events(content, answers, TODAY)
    assert event.date == dt.date(2027, 4, 30) and event.kind == "annual_meeting"


def test_text_is_escaped_and_folded_so_it_parses_back():
    title = "Møte; styret, kasserer \\ og «alle»\nny linje " + "æøå" * 40
    text = to_ics([{"date": "2027-03-01", "title": title, "url": "https://example.org/a,b", "uid": "x@veiviser"}],
                  now=dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC))
    raw = text.encode("utf-8")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    (event,) = vevents(icalendar.Calendar.from_ical(raw))
    assert str(event["SUMMARY"]) == title
    assert event["DTSTAMP"].dt == dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "ø" * 100
    folded = _fold(line)
    for part in folded.split("\r\n "):
        part.encode("utf-8").decode("utf-8")
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line


def test_the_list_in_the_users_language(content):
    answers = example_answers("ukrainian_bergen", content)
    uk = calendar_panel(content, answers, get_translator("uk"), TODAY)
    assert "Звіт треба надіслати: Lekegruppe for ukrainske barn" in uk and "https://www.imdi.no/" in uk
    assert "Річні збори" in uk
    empty = calendar_panel(content, {}, get_translator("so"), TODAY)
    assert "Weli taariikh ma jirto" in empty


def test_cli_writes_the_ics(content, tmp_path, capsys):
    import json

    answers = example_answers("tamil_oslo", content)
    src = tmp_path / "answers.json"
    src.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["calendar", "--answers", str(src), "--out", str(out), "--locale", "pl",
                 "--today", TODAY.isoformat()])
    assert code == 0
    printed = capsys.readouterr().out
    assert "Walne zebranie" in printed and "Termin składania wniosków" in printed
    cal = parse(out / "aarskalender.ics")
    assert by_summary(cal)["Søknadsfrist: Sparebankstiftelsen DNB – lokale tildelinger"]["DTSTART"].dt == dt.date(2027, 2, 15)


def test_a_far_report_deadline_is_kept_and_a_past_one_dropped(content):
    far = {"answer.outcome": "granted", "grant.title": "Leksehjelp", "answer.report_deadline": "2028-02-01"}
    assert [e.date for e in events(content, far, TODAY)] == [dt.date(2028, 2, 1)]
    past = dict(far, **{"answer.report_deadline": "2026-02-01"})
    assert events(content, past, TODAY) == []
    rejected = dict(far, **{"answer.outcome": "rejected"})
    assert events(content, rejected, TODAY) == []


def test_a_one_year_board_ends_together_at_the_next_annual_meeting(content, tmp_path):
    answers = dict(example_answers("somali_drammen", content), **{"bylaws.term": "1"})
    run(content, "year_calendar", answers, tmp_path, ())
    found = by_summary(parse(tmp_path / "aarskalender.ics"))
    whole = [s for s in found if "er valgperioden over for hele styret" in s]
    assert len(whole) == 1 and found[whole[0]]["DTSTART"].dt == dt.date(2028, 3, 31)
    assert all(p["name"] in whole[0] for p in answers["annual.new_board"])


def test_momskompensasjon_is_left_out_when_the_finder_rules_it_out(content):
    """Review 2026-12-02 #14: the calendar reminded of momskompensasjon's 1 September to a group
    whose costs are far below the scheme's minimum. With costs known to be too low it does not;
    with costs unknown, or high enough, it still does."""
    answers = dict(example_answers("somali_drammen", content), **{"calendar.moms": True})
    answers.pop("org.costs_last_year", None)

    def moms(extra):
        return [e for e in events(content, dict(answers, **extra), TODAY) if e.kind == "moms"]

    assert len(moms({})) == 1
    assert len(moms({"org.costs_last_year": 150000})) == 1
    assert moms({"org.costs_last_year": 28900}) == []
