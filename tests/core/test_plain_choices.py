"""Plain mode numbers every choice list 1..n in the order shown, and the number typed is that
line, whatever the codes are ("2. One year" is the second line, never the choice with code 2)."""

import io
import json
from pathlib import Path

import pytest

from assistant.content.loader import load_content
from assistant.content.models import QuestionStep, QuestionType as T
from assistant.engine import Engine, State
from assistant.i18n import get_translator
from assistant.i18n.content import ContentText
from assistant.plain import PlainUI
from assistant.profile import flatten
from assistant.store import Store

from .conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def real():
    content = load_content()
    answers: dict = {}
    for part in ("content", "year"):  # the Somali group, founded and a year on
        data = json.loads((ROOT / "tests" / part / "examples" / "somali_drammen.json").read_text("utf-8"))
        answers.update(flatten(data, known=set(content.known_keys())))
    return content, answers


def _choose(content, answers, flow_id, step, typed, tmp_path):
    """Open ``step`` in plain mode (as a change from the review), type ``typed``, quit."""
    with Store(tmp_path) as store:
        sid = store.create_session("Choices")
        for key, value in answers.items():
            store.save_answer(sid, key, value)
        store.save_flow_state(sid, flow_id, [], step.id, "edit")
        feed = iter([typed, "/quit"])
        out = io.StringIO()
        ui = PlainUI(content, store, get_translator("en"), input_fn=lambda _p: next(feed), out=out, today=TODAY)
        ui.run(session_id=sid, flow_id=flow_id)
        return store.answers(sid).get(step.key), out.getvalue()


def _on_path(flow, answers):
    engine = Engine(flow, today=TODAY)
    path = engine.projected(State(answers=dict(answers)))
    return [s for s in path if isinstance(s, QuestionStep) and s.type is T.choice]


def test_typing_k_picks_the_kth_shown_choice_in_every_flow(real, tmp_path):
    content, answers = real
    ct = ContentText(get_translator("en"))
    tried = 0
    for flow in content.sorted_flows():
        for step in _on_path(flow, answers):
            for k, choice in enumerate(step.choices, start=1):
                saved, text = _choose(content, answers, flow.id, step, str(k), tmp_path / f"{flow.id}-{step.id}-{k}")
                label = ct.choice(flow.id, step, choice.code)
                assert f"\n  {k}. {label}\n" in text, (flow.id, step.id, k)
                assert saved == choice.code, (flow.id, step.id, k, saved)
            tried += 1
    assert tried >= 15  # the bylaws alone have ten choice questions


def test_codes_that_are_numbers_the_line_numbers_do_not_reach(real, tmp_path):
    content, answers = real
    flow = content.flows["bylaws"]
    term = flow.step("term")  # codes "2" (two years) then "1" (one year)
    assert [c.code for c in term.choices] == ["2", "1"]
    saved, text = _choose(content, answers, "bylaws", term, "1", tmp_path / "term")
    assert saved == "2" and "  1. Two years" in text and "  2. One year" in text
    # "5" in a list of three is no line number: it is the code, five board members
    size = flow.step("board_size")
    saved, text = _choose(content, answers, "bylaws", size, "5", tmp_path / "size")
    assert saved == "5"
    # "14" (days' notice) is no line either; "4" is neither a line nor a code
    notice = flow.step("notice")
    assert _choose(content, answers, "bylaws", notice, "21", tmp_path / "n21")[0] == "21"
    saved, text = _choose(content, answers, "bylaws", notice, "4", tmp_path / "n4")
    assert "Choose one of the numbers 1 to 3." in text and saved == answers.get("bylaws.notice")
