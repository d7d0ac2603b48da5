"""A document refused for a conflict names each answer by the question that asks it, in the
reader's language, never by its profile key ("The answer org.purpose is marked ...")."""

import io
import json
from pathlib import Path

from assistant.content.loader import load_content
from assistant.i18n import get_translator
from assistant.plain import PlainUI
from assistant.profile import flatten
from assistant.session import Conversation
from assistant.store import Store

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


def _at_the_bylaws_document(tmp_path, **extra):
    content = load_content()
    example = json.loads((ROOT / "tests/content/examples/somali_drammen.json").read_text("utf-8"))
    answers = flatten(example, known=set(content.known_keys()))
    flow = content.flows["bylaws"]
    store = Store(tmp_path)
    sid = store.create_session("Somali")
    for key, value in {**answers, **extra}.items():
        store.save_answer(sid, key, value)
    store.save_flow_state(sid, "bylaws", [s.id for s in flow.steps if s.kind in ("info", "review")], None, None)
    return content, store, sid


def _plain(content, store, sid, locale, lines):
    feed = iter(lines)
    out = io.StringIO()
    PlainUI(content, store, get_translator(locale), input_fn=lambda _p: next(feed), out=out, today=TODAY,
            out_dir=store.documents_dir(sid)).run(session_id=sid, flow_id="bylaws")
    return out.getvalue()


def test_marked_for_translation_names_the_question(tmp_path):
    content, store, sid = _at_the_bylaws_document(tmp_path, **{"meta.needs_translation": ["org.purpose"]})
    with store:
        text = _plain(content, store, sid, "nb", ["/avslutt"])
        assert "org.purpose" not in text
        assert "Svaret «Hva er formålet med foreningen? Hvorfor finnes dere?» er merket for oversettelse." in text
        text = _plain(content, store, sid, "en", ["/quit"])
        assert "The answer “What is the purpose of the organisation? Why do you exist?” is marked" in text


def test_board_against_the_bylaws_names_both_questions_in_every_front_end(tmp_path):
    board = [{"name": "Amina Ali", "role": "chair"}, {"name": "Hodan Yusuf", "role": "member"},
             {"name": "Fadumo Warsame", "role": "member"}, {"name": "Khadra Abdi", "role": "member"},
             {"name": "Ayaan Omar", "role": "deputy"}]
    content, store, sid = _at_the_bylaws_document(tmp_path, board=board, **{"bylaws.board_size": "3"})
    with store:
        store.save_answer(sid, "annual.new_board", None)
        conv = Conversation(store, sid, content, "bylaws", today=TODAY)
        [problem] = conv.document_problems(content.flows["bylaws"].step("document").documents[0])  # the TUI's
        message = problem.translate(get_translator("en"))
        assert "(board)" not in message and "(bylaws.board_size)" not in message
        assert "The board has 4 members with a vote (“Who did the meeting elect to the board? Choose one chair.”)" \
            in message
        assert "but the bylaws say 3 (“How many people will sit on the board?”)" in message
