"""After a rejection, "improve and apply again" opens the grant application again: its answers
kept, a walk through them from the choice of grant, the funder's feedback beside the questions
of the parts it is about (on screen, in every front end, through the Conversation), the
officer's reading and the draft again; the notes never go into the application."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assistant.i18n import get_translator
from assistant.plain import PlainUI
from assistant.session import Conversation
from assistant.store import Store

from .conftest import TODAY
from .test_year_after_answer import rejected
from tests.feed import feeder as _feeder

NOTES = ("Dere må si hvor mange som deltar.", "Maten er for dyr.", "Søknaden kom sent.")


def seeded(store: Store, **extra) -> int:
    """An organisation that wrote the homework application and got a no with feedback."""
    sid = store.create_session("Fjell leksehjelp")
    answers = rejected(**{"grant.scheme": "imdi_local", "answer.complain": False,
                          "contact.phone": "+4791234567", **extra})  # as the phone question stores it
    for key, value in answers.items():
        store.save_answer(sid, key, value)
    return sid


def finish(conv: Conversation) -> None:
    """Go through a flow keeping every answer: Enter at each step."""
    for _ in range(200):
        step = conv.current
        if step is None or conv.opened:
            return
        if step.kind == "question":
            conv.submit(conv.answers.get(step.key, ""))
        else:
            conv.acknowledge()
    raise AssertionError("the flow did not end")


def test_apply_again_makes_the_application_current_with_its_answers_kept(content, tmp_path):
    with Store(tmp_path / "data") as store:
        sid = seeded(store)
        finish(Conversation(store, sid, content, "grant_application", today=TODAY))  # the first draft
        before = store.answers(sid)
        answer = Conversation(store, sid, content, "grant_answer", today=TODAY)
        finish(answer)
        assert answer.opened == "grant_application"
        assert store.session(sid).current_flow == "grant_application"
        assert store.answers(sid)["answer.apply_again"] is True

        again = Conversation(store, sid, content, "grant_application", today=TODAY)
        assert again.current.id == "scheme" and again.state.mode == "back"
        assert again.answers["grant.scheme"] == "imdi_local"
        walked, notes = [], {}
        for _ in range(200):
            step = again.current
            if step.id == "document":
                break
            walked.append(step.id)
            notes[step.id] = again.notes()
            if step.kind == "question":
                again.submit(again.answers[step.key])  # Enter: the answer is kept
            else:
                again.acknowledge()
        # every question of the application came again, and the officer's reading after them
        asked = [s.id for s in again.engine.projected(again.state) if s.kind == "question"]
        assert [s for s in asked if s in walked] == asked[asked.index("scheme"):]
        assert walked.index("officer") > walked.index("results") and "review" in walked
        assert {k: v for k, v in store.answers(sid).items()} == {**before, "answer.apply_again": True}
        # the notes are beside the questions of the parts they are about, and nowhere else
        assert notes["target_group"] == [NOTES[0]]
        assert notes["costs"] == [NOTES[1]]
        assert notes["scheme"] == [NOTES[2]] and notes["officer"] == [NOTES[2]]
        assert all(v == [] for k, v in notes.items() if k not in ("target_group", "costs", "scheme", "officer"))
        # the officer's reading runs again, and the draft is written again without the notes
        written = again.write_documents(tmp_path / "out", formats=("md", "html", "docx"))
        text = (tmp_path / "out" / "soknad.md").read_text(encoding="utf-8")
        assert "30 barn i 5. til 10. klasse" in text
        for note in NOTES:
            assert note not in text
        html = (tmp_path / "out" / "soknad.html").read_text(encoding="utf-8")
        assert not any(note in html for note in NOTES)
        from docx import Document

        docx = "\n".join(p.text for p in Document(str(next(p for p in written if p.suffix == ".docx"))).paragraphs)
        assert "Målgruppe" in docx and not any(note in docx for note in NOTES)


def test_a_changed_answer_on_the_way_goes_into_the_new_draft(content, tmp_path):
    with Store(tmp_path / "data") as store:
        sid = seeded(store, **{"answer.apply_again": True})
        Conversation(store, sid, content, "grant_answer", today=TODAY).reopen("grant_application", "scheme")
        conv = Conversation(store, sid, content, "grant_application", today=TODAY)
        conv.edit("target_group")
        assert conv.notes() == [NOTES[0]]
        conv.submit("32 barn i 5. til 10. klasse på Fjell, 18 jenter og 14 gutter. Vi når dem gjennom skolen.")
        finish(conv)
        doc = next(d for d in conv.render(conv.flow.step("document")) if d.spec.filename == "soknad")
        assert "32 barn i 5. til 10. klasse på Fjell" in doc.markdown and NOTES[0] not in doc.markdown


@pytest.mark.parametrize("extra", [{"answer.apply_again": False}, {"answer.outcome": "granted"}])
def test_no_notes_unless_applying_again_after_a_no(content, tmp_path, extra):
    with Store(tmp_path / "data") as store:
        sid = seeded(store, **{"answer.apply_again": True, **extra})
        conv = Conversation(store, sid, content, "grant_application", today=TODAY)
        conv.edit("target_group")
        assert conv.notes() == []
        answer = Conversation(store, sid, content, "grant_answer", today=TODAY)
        assert answer.notes(answer.flow.step("feedback")) == []  # notes belong to the application


def test_plain_mode_goes_on_into_the_application_with_the_notes_beside(content, tmp_path):
    with Store(tmp_path / "data") as store:
        sid = seeded(store)
        out = io.StringIO()
        PlainUI(content, store, get_translator("en"), input_fn=_feeder([""] * 120), out=out, today=TODAY,
                out_dir=tmp_path / "docs").run(session_id=sid, flow_id="grant_answer")
        assert store.session(sid).current_flow == "grant_application"
    text = out.getvalue()
    assert "Your application is open again" in text
    after = text.split("Your application is open again")[1]
    assert "[Write a grant application" in after
    question = after.split("Who is the project for? How many will take part, and how do you reach them?")[1]
    beside = question.split("Saved:")[0]
    assert "From the funder's answer:" in beside and f"→ {NOTES[0]}" in beside
    budget = after.split("What will the project cost?")[1].split("Saved:")[0]
    assert f"→ {NOTES[1]}" in budget and NOTES[0] not in budget
    assert "Read it as a grant officer would" in after
    draft = (tmp_path / "docs" / "soknad.md").read_text(encoding="utf-8")
    assert not any(note in draft for note in NOTES)


def test_the_check_names_a_wrong_reopen_and_unregistered_hooks(tmp_path):
    import shutil

    from assistant.content.loader import load_content

    root = tmp_path / "content"
    shutil.copytree(Path(__file__).parents[2] / "content", root)
    answer = root / "flows" / "grant_answer.toml"
    answer.write_text(answer.read_text(encoding="utf-8").replace('at = "scheme"', 'at = "nowhere"'), encoding="utf-8")
    app = root / "flows" / "grant_application.toml"
    app.write_text(app.read_text(encoding="utf-8").replace('source = "year.feedback"', 'source = "year.nothing"')
                   .replace('general = ["scheme", "officer"]', 'general = ["scheme", "lost"]'), encoding="utf-8")
    acc = root / "flows" / "accounts.toml"
    acc.write_text(acc.read_text(encoding="utf-8").replace('"year.accounts_costs"', '"year.none"'), encoding="utf-8")
    problems = [str(p) for p in load_content(root).problems]
    assert any("reopens flow 'grant_application' at step 'nowhere', which does not exist" in p for p in problems)
    assert any("notes 'year.nothing' are not registered" in p for p in problems)
    assert any("general notes at step 'lost', which does not exist" in p for p in problems)
    assert any("suggestion 'year.none' is not registered" in p for p in problems)
