"""The board elected at the founding meeting and at the annual meeting is checked, at its
question, against the number of board members and deputy members in the adopted bylaws
(content rules with count() and number(), so every front end gets the same check)."""

import io

import pytest

from .conftest import TODAY, example_answers
from tests.feed import feeder

SIZE = "The bylaws say how many people sit on the board: the chair and the board members."
DEPUTIES = "The bylaws say how many deputy members the board has."


def _run(content, flow, answers, tmp_path):
    from assistant.i18n.catalog import get_translator
    from assistant.scripted import AnswersError, run_flow

    try:
        run_flow(content, flow, answers, get_translator("en"), tmp_path, formats=("md",), today=TODAY)
    except AnswersError as exc:
        return str(exc)
    return None


def _board(members: int, deputies: int) -> list[dict[str, str]]:
    names = ["Amina Ali", "Hodan Yusuf", "Fadumo Warsame", "Khadra Abdi", "Ayaan Omar", "Nasra Hirsi",
             "Nimco Farah", "Ifrah Jama"]
    roles = ["chair"] + ["member"] * members + ["deputy"] * deputies
    return [{"name": n, "role": r} for n, r in zip(names, roles)]


@pytest.mark.parametrize(("flow", "key"), [("founding", "board"), ("annual_meeting", "annual.new_board")])
@pytest.mark.parametrize(("members", "deputies", "expected"), [
    (3, 1, SIZE),  # four with a vote, the bylaws say three
    (1, 1, SIZE),  # two with a vote
    (2, 0, DEPUTIES),  # no deputy, the bylaws say one
    (2, 2, DEPUTIES),
])
def test_a_board_that_does_not_match_the_bylaws_is_refused_at_its_question(
        content, tmp_path, flow, key, members, deputies, expected):
    answers = dict(example_answers("somali_drammen", content))
    assert (answers["bylaws.board_size"], answers["bylaws.deputies"]) == ("3", "1")
    if flow == "founding":  # a board elected later at an annual meeting is the profile's board
        answers.pop("annual.new_board")
    answers[key] = _board(members, deputies)
    message = _run(content, flow, answers, tmp_path)
    assert message is not None and message.startswith(f"Invalid answer for {key}: {expected}")
    # the message names the other answer too: the number in the bylaws
    assert "in the bylaws." in message and ("new board" in message) is (flow == "annual_meeting")
    assert not list(tmp_path.glob("*.md"))  # refused at the question, before any document


@pytest.mark.parametrize(("flow", "key"), [("founding", "board"), ("annual_meeting", "annual.new_board")])
def test_a_board_that_matches_the_bylaws_is_accepted(content, tmp_path, flow, key):
    answers = dict(example_answers("somali_drammen", content),
                   **{"bylaws.board_size": "5", "bylaws.deputies": "2", key: _board(4, 2)})
    if flow == "founding":  # the annual meeting's board is another; here it is the founding board
        answers.pop("annual.new_board")
    else:
        answers["board"] = _board(4, 2)
    assert _run(content, flow, answers, tmp_path) is None
    assert list(tmp_path.glob("*.md"))


def test_without_bylaws_the_board_is_not_checked_against_them(content, tmp_path):
    answers = {k: v for k, v in example_answers("somali_drammen", content).items()
               if k not in ("bylaws.board_size", "bylaws.deputies", "annual.new_board")}
    answers["board"] = _board(3, 0)
    message = _run(content, "founding", answers, tmp_path)
    assert message is None or SIZE not in message and DEPUTIES not in message


def test_plain_mode_refuses_a_board_against_the_bylaws_then_takes_a_matching_one(content, tmp_path):
    from assistant.i18n.catalog import get_translator
    from assistant.plain import PlainUI
    from assistant.store import Store

    base = example_answers("somali_drammen", content)
    flow = content.flows["founding"]
    with Store(tmp_path / "data") as store:
        sid = store.create_session("Somali")
        for key, value in base.items():
            if key not in ("board", "founding.auditor"):
                store.save_answer(sid, key, value)
        store.save_flow_state(sid, "founding", [s.id for s in flow.steps if s.kind != "question"], None, None)
        # one person at a time: a name, then the number of a role (1 chair, 2 member, 3 deputy)
        people = ["Amina Ali", "1", "Hodan Yusuf", "2", "Fadumo Warsame", "2", "Khadra Abdi"]
        ask = feeder([*people, "2", "", *people, "3", "", "/quit"])
        out = io.StringIO()


        PlainUI(content, store, get_translator("en"), input_fn=ask, out=out, today=TODAY).run(
            session_id=sid, flow_id="founding")
        saved = store.answers(sid)
    text = out.getvalue()
    assert SIZE in text and "Change the board, or change the number of board members in the bylaws." in text
    assert [p["role"] for p in saved["board"]] == ["chair", "member", "member", "deputy"]


def test_the_norwegian_message_names_both_answers(content, tmp_path):
    from assistant.i18n.catalog import get_translator
    from assistant.scripted import AnswersError, run_flow

    answers = {k: v for k, v in example_answers("somali_drammen", content).items() if k != "annual.new_board"}
    answers["board"] = _board(3, 1)
    with pytest.raises(AnswersError) as exc:
        run_flow(content, "founding", answers, get_translator("nb"), tmp_path, formats=("md",), today=TODAY)
    assert "Vedtektene sier hvor mange som sitter i styret" in str(exc.value)
    assert "antallet styremedlemmer i vedtektene" in str(exc.value)
