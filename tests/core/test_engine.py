import datetime as dt

import pytest

from assistant.engine import Engine, State
from assistant.engine.validate import Invalid

TODAY = dt.date(2026, 11, 22)
BOARD = [{"name": "Amina Ali", "role": "chair"}, {"name": "Omar Hassan", "role": "member"}]


@pytest.fixture
def engine(demo_content):
    return Engine(demo_content.flows["demo"], today=TODAY)


def ids(steps):
    return [s.id for s in steps]


def walk(engine, answers):
    """Answer from a dict by key, acknowledging everything else; return the final state."""
    state = State()
    while (step := engine.current(state)) is not None:
        if step.kind == "question":
            state, _, _ = engine.answer(state, answers[step.key])
        else:
            state = engine.acknowledge(state)
    return state


def test_starts_at_first_step_and_acknowledges_info(engine):
    state = State()
    assert engine.current(state).id == "intro"
    state = engine.acknowledge(state)
    assert engine.current(state).id == "name"


def test_branches_follow_answers(engine):
    state = engine.acknowledge(State())
    state, key, value = engine.answer(state, "Tamil kulturklubb")
    assert (key, value) == ("org.name", "Tamil kulturklubb")
    yes, _, _ = engine.answer(state, "ja")
    assert engine.current(yes).id == "orgnr"
    no, _, _ = engine.answer(state, "nei")
    assert engine.current(no).id == "why_not"


def test_invalid_answer_changes_nothing(engine):
    state = engine.acknowledge(State())
    with pytest.raises(Invalid):
        engine.answer(state, "x" * 41)
    assert engine.current(state).id == "name"


def test_conditional_step_only_when_relevant(engine):
    small = walk(engine, {"org.name": "A", "org.registered_enhetsregisteret": False, "demo.why_not": "no",
                          "org.members_count": 5, "board": BOARD})
    assert "demo.budget" not in small.answers
    state = State()
    big_answers = {"org.name": "A", "org.registered_enhetsregisteret": False, "demo.why_not": "no",
                   "org.members_count": 25}
    while (step := engine.current(state)).kind != "question" or step.key in big_answers:
        state = engine.answer(state, big_answers[step.key])[0] if step.kind == "question" else engine.acknowledge(state)
    assert engine.current(state).id == "big"


def test_progress_counts_only_the_path(engine):
    state = engine.acknowledge(State())
    p = engine.progress(state)
    assert (p.answered, p.remaining) == (0, 5)  # name, registered, why_not, members, board
    state, _, _ = engine.answer(state, "A")
    state, _, _ = engine.answer(state, "ja")
    p = engine.progress(state)
    assert (p.answered, p.remaining) == (2, 3)  # orgnr replaces why_not


def test_back_goes_one_step_and_answering_moves_forward_again(engine):
    state = engine.acknowledge(State())
    state, _, _ = engine.answer(state, "A")
    state, _, _ = engine.answer(state, "nei")
    assert engine.current(state).id == "why_not"
    state = engine.back(state)
    assert engine.current(state).id == "registered"
    state = engine.back(state)
    assert engine.current(state).id == "name"
    state, _, _ = engine.answer(state, "B")  # answering a revisited step goes to the next one
    assert engine.current(state).id == "registered"
    state, _, _ = engine.answer(state, "nei")
    assert engine.current(state).id == "why_not"
    assert state.answers["org.name"] == "B"


def test_back_at_start_does_nothing(engine):
    state = State()
    assert engine.back(state) is state


def test_edit_returns_to_where_the_user_was_and_keeps_valid_answers(engine):
    answers = {"org.name": "A", "org.registered_enhetsregisteret": False, "demo.why_not": "no",
               "org.members_count": 5, "board": BOARD}
    state = State()
    while (step := engine.current(state)).id != "review":
        state = engine.answer(state, answers[step.key])[0] if step.kind == "question" else engine.acknowledge(state)
    # change the name: back to review, nothing else asked
    state = engine.edit(state, "org.name")
    assert engine.current(state).id == "name"
    state, _, _ = engine.answer(state, "New name")
    assert engine.current(state).id == "review"
    # change members to 25: the budget question becomes relevant and is the only new one asked
    state = engine.edit(state, "members")
    state, _, _ = engine.answer(state, "25")
    assert engine.current(state).id == "big"
    state, _, _ = engine.answer(state, "")  # optional
    assert engine.current(state).id == "review"
    assert state.answers["board"] == BOARD  # later answers kept


def test_changing_a_branch_keeps_the_other_answers_but_off_path(engine):
    answers = {"org.name": "A", "org.registered_enhetsregisteret": False, "demo.why_not": "nb",
               "org.members_count": 5, "board": BOARD}
    state = walk(engine, answers)
    assert engine.finished(state)
    state = engine.edit(state, "org.registered_enhetsregisteret")
    state, _, _ = engine.answer(state, "ja")
    assert engine.current(state).id == "orgnr"  # only the newly relevant question
    state, _, _ = engine.answer(state, "974760673")
    assert engine.finished(state)
    review_keys = [item.step.key for item in engine.review(state)]
    assert "demo.why_not" not in review_keys and "org.org_number" in review_keys
    assert state.answers["demo.why_not"] == "nb"  # kept, in case they switch back


def test_review_lists_answers_in_path_order(engine):
    state = walk(engine, {"org.name": "A", "org.registered_enhetsregisteret": True,
                          "org.org_number": "974760673", "org.members_count": 3, "board": BOARD})
    assert [i.step.id for i in engine.review(state)] == ["name", "registered", "orgnr", "members", "board"]
    assert all(i.valid for i in engine.review(state))


def test_prefilled_answers_are_not_asked_again(engine):
    state = State(answers={"org.name": "From another flow", "org.members_count": 12})
    state = engine.acknowledge(state)
    assert engine.current(state).id == "registered"


def test_invalid_stored_answer_is_asked_again(engine):
    state = engine.acknowledge(State(answers={"org.name": "x" * 100}))
    assert engine.current(state).id == "name"


def test_engine_is_deterministic(engine):
    answers = {"org.name": "A", "org.registered_enhetsregisteret": True, "org.org_number": "974760673",
               "org.members_count": 3, "board": BOARD}
    assert walk(engine, answers) == walk(engine, answers)


def test_empty_answer_takes_the_default():
    from assistant.content.models import Flow

    flow = Flow.model_validate({"id": "d", "title": "D", "summary": "D", "steps": [
        {"id": "month", "kind": "question", "type": "choice", "key": "d.month", "prompt": "?", "help": "?",
         "choices": [{"code": "march", "label": "March"}, {"code": "april", "label": "April"}],
         "default": "march"},
        {"id": "notice", "kind": "question", "type": "integer", "key": "d.notice", "prompt": "?", "help": "?",
         "default": "14"}]})
    engine = Engine(flow)
    state, _, value = engine.answer(State(), "")
    assert value == "march"
    state, _, value = engine.answer(state, "21")
    assert value == 21


def test_edit_an_answer_after_a_newly_relevant_question(engine):
    """Review shows answers beyond a question that a change made relevant; each can be edited."""
    answers = {"org.name": "A", "org.registered_enhetsregisteret": False, "demo.why_not": "no",
               "org.members_count": 5, "board": BOARD}
    state = walk(engine, answers)
    state = engine.edit(state, "org.registered_enhetsregisteret")
    state, _, _ = engine.answer(state, "ja")  # orgnr is now relevant and unanswered
    assert engine.current(state).id == "orgnr"
    assert "members" in [i.step.id for i in engine.review(state)]
    state = engine.edit(state, "org.members_count")  # beyond the frontier
    assert engine.current(state).id == "members"
    state, _, _ = engine.answer(state, "7")
    assert engine.current(state).id == "orgnr"  # back to the open question
    assert engine.back(state) != state


def test_rules_across_answers_are_checked_where_they_can_first_be_checked():
    from assistant.content.models import Flow
    from assistant.engine import Engine, State
    from assistant.engine.validate import Invalid

    flow = Flow.model_validate({
        "id": "r", "title": "R", "summary": "R",
        "rules": [{"id": "order", "check": "x.deadline < x.meeting",
                   "message": "The deadline must be before the meeting."},
                  {"id": "there", "check": "names(x.signers) <= names(x.present)",
                   "message": "Signers must be present."}],
        "steps": [
            {"id": "deadline", "kind": "question", "type": "date", "key": "x.deadline", "prompt": "?", "help": "?"},
            {"id": "meeting", "kind": "question", "type": "date", "key": "x.meeting", "prompt": "?", "help": "?"},
            {"id": "present", "kind": "question", "type": "people", "key": "x.present", "prompt": "?", "help": "?",
             "roles": [{"code": "p", "label": "P"}]},
            {"id": "signers", "kind": "question", "type": "people", "key": "x.signers", "prompt": "?", "help": "?",
             "roles": [{"code": "s", "label": "S"}]},
        ]})
    engine = Engine(flow)
    state, _, _ = engine.answer(State(), "20.03.2026")  # the meeting is not known yet: no check
    with pytest.raises(Invalid) as exc:
        engine.answer(state, "15.03.2026")  # first point where both dates are known
    assert exc.value.message == "The deadline must be before the meeting."
    assert exc.value.context == "r/rules/order/message"
    state, _, _ = engine.answer(state, "25.03.2026")
    state, _, _ = engine.answer(state, "Amina Ali; Hodan Yusuf")
    with pytest.raises(Invalid):
        engine.answer(state, "amina  ali; Noor Hassan")
    state, key, value = engine.answer(state, "AMINA ALI; hodan yusuf")  # case and spaces do not matter
    assert key == "x.signers" and engine.finished(state)
