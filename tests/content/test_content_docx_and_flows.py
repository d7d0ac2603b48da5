"""DOCX output, the personal registration checklist, and no question asked twice across flows."""

import docx

from assistant.engine import Engine, State
from .conftest import example_answers, rendered, run


def test_docx_opens_and_has_the_title(content, tmp_path):
    answers = example_answers("tamil_oslo", content)
    result = run(content, "annual_meeting", answers, tmp_path, formats=("md", "docx"))
    files = {p.name for p in result.written}
    assert {"protokoll-arsmote.docx", "innkalling-arsmote.docx", "overlevering-styret.docx"} <= files
    document = docx.Document(str(tmp_path / "protokoll-arsmote.docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Protokoll fra årsmøte i Tamilsk kulturklubb Oslo"
    assert document.paragraphs[0].style.name == "Title"
    assert document.tables and document.tables[0].cell(1, 0).text == "Kavitha Sivakumar"
    assert any("Sak 9: Valg" == t for t in texts)


def test_docx_is_a4_with_norwegian_metadata(content, tmp_path):
    from docx.shared import Mm

    run(content, "bylaws", example_answers("somali_drammen", content), tmp_path, formats=("docx",))
    document = docx.Document(str(tmp_path / "vedtekter.docx"))
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    props = document.core_properties
    assert props.author == "Somalisk kvinneforening i Drammen"
    assert props.title == "Vedtekter for Somalisk kvinneforening i Drammen"
    assert props.language == "nb-NO" and "python-docx" not in (props.author + props.last_modified_by
                                                             + props.comments)


def test_docx_keeps_user_text_as_text(content, tmp_path):
    answers = dict(example_answers("somali_drammen", content))
    answers["org.purpose"] = "Vi hjelper <b>kvinner</b> & barn {{ 7*7 }}."
    run(content, "bylaws", answers, tmp_path, formats=("docx",))
    body = "\n".join(p.text for p in docx.Document(str(tmp_path / "vedtekter.docx")).paragraphs)
    assert "Vi hjelper <b>kvinner</b> & barn {{ 7*7 }}." in body


def checklist(content, tmp_path, answers) -> str:
    return rendered(content, "registration", answers, tmp_path)["sjekkliste-registrering"]


def test_checklist_starts_where_the_organisation_is(content, tmp_path):
    base = {"org.name": "Test forening", "org.registered_enhetsregisteret": False,
            "registration.protocol_signed": True, "org.has_bylaws": False,
            "registration.board_elected": True, "registration.ids": "all",
            "registration.altinn": True, "registration.want_frivreg": "yes"}
    text = checklist(content, tmp_path / "a", base)
    assert "**Start her:** Skriv et forslag til vedtekter, og send det med innkallingen." in text
    assert "BR1015" not in text
    no_ids = dict(base, **{"org.has_bylaws": True, "registration.ids": "missing"})
    text = checklist(content, tmp_path / "b", no_ids)
    assert "**Start her:** Finn ut om alle i styret har fødselsnummer eller D-nummer." in text
    assert "BR1015" in text
    ready = dict(base, **{"org.has_bylaws": True})
    text = checklist(content, tmp_path / "c", ready)
    assert "**Start her:** Send registreringen til Enhetsregisteret." in text


def test_checklist_when_everything_is_done(content, tmp_path):
    text = checklist(content, tmp_path, example_answers("tamil_oslo", content))
    assert "**Alt er gjort.**" in text and "gjenstår" not in text
    assert "991 122 338" in text and "3201 98 76542" in text


def test_answered_keys_are_not_asked_again(content):
    """After the founding flow, later flows skip what it already asked."""
    answers = example_answers("somali_drammen", content)
    founding_keys = {q.key for q in content.flows["founding"].questions()}
    for flow_id in ("bylaws", "registration", "annual_meeting"):
        engine = Engine(content.flows[flow_id])
        state = State(answers={k: v for k, v in answers.items() if k in founding_keys})
        step = engine.current(state)
        asked = []
        while step is not None and len(asked) < 200:
            if hasattr(step, "key"):
                asked.append(step.key)
                state = State(answers={**state.answers, step.key: answers.get(step.key, "x")}, seen=state.seen)
            else:
                state = State(answers=state.answers, seen=state.seen | {step.id})
            step = engine.current(state)
        assert not set(asked) & founding_keys, f"{flow_id} asks again: {set(asked) & founding_keys}"
