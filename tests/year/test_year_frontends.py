"""The year's calendar in a front end: the plain mode shows the list (the panel) in the user's
language and writes the .ics with the other documents, through the same Conversation as every
front end."""

import io

import icalendar

from assistant.i18n import get_translator
from assistant.plain import PlainUI
from assistant.store import Store

from .conftest import TODAY, example_answers
from tests.feed import feeder


def test_plain_mode_lists_the_dates_and_writes_the_ics(content, tmp_path):
    answers = example_answers("ukrainian_bergen", content)
    with Store(tmp_path / "data") as store:
        sid = store.create_session("Bergen")
        for key, value in answers.items():
            store.save_answer(sid, key, value)
        fake_input = feeder(["", "", "", ""])  # (the name is known) momskompensasjon: no; next grant: skip; list; document

        out = io.StringIO()
        ui = PlainUI(content, store, get_translator("uk"), input_fn=fake_input, out=out, today=TODAY,
                     out_dir=tmp_path / "docs")
        ui.run(session_id=sid, flow_id="year_calendar")
    text = out.getvalue()
    assert "Звіт треба надіслати: Lekegruppe for ukrainske barn" in text
    assert "Річні збори" in text
    ics = tmp_path / "docs" / "aarskalender.ics"
    assert ics.exists(), text[-2000:]
    summaries = {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert "Frist for rapport: Lekegruppe for ukrainske barn" in summaries and "Årsmøte" in summaries
    assert (tmp_path / "docs" / "aarskalender.md").exists()


def test_plain_mode_rejection_path_shows_the_notes_and_writes_the_letters(content, tmp_path):
    from .test_year_after_answer import rejected

    answers = rejected(**{"grant.scheme": "imdi_local", "answer.complain": True,
                          "answer.complaint_text": "Vedtaket bygger på feil opplysninger om registreringen vår."})
    with Store(tmp_path / "data") as store:
        sid = store.create_session("Fjell")
        for key, value in answers.items():
            store.save_answer(sid, key, value)
        fake_input = feeder([""] * 8)

        out = io.StringIO()
        PlainUI(content, store, get_translator("en"), input_fn=fake_input, out=out, today=TODAY,
                out_dir=tmp_path / "docs").run(session_id=sid, flow_id="grant_answer")
    text = out.getvalue()
    assert "The notes beside your draft" in text
    assert "5. Målgruppe\n    → Dere må si hvor mange som deltar." in text
    written = {p.name for p in (tmp_path / "docs").iterdir()}
    assert {"be-om-begrunnelse.docx", "klage.docx", "utkast-med-notater.docx"} <= written
