"""Property-based random walks through every shipped flow: whatever a user does (good answers,
bad answers, back, edit, review), nothing crashes and every confirmed answer is in the store."""

import tempfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from assistant.content.loader import load_content
from assistant.content.models import QuestionStep
from assistant.engine.validate import Invalid
from assistant.render import DocumentRefused
from assistant.session import Conversation
from assistant.store import Store

from .strategies import TODAY, any_answer, valid_answer

CONTENT = load_content()
FLOWS = sorted(CONTENT.flows)


@pytest.mark.parametrize("flow_id", FLOWS)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_walk(flow_id, data):
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(tmp)
        sid = store.create_session("walk")
        conv = Conversation(store, sid, CONTENT, flow_id, today=TODAY)
        confirmed = {}
        for _ in range(data.draw(st.integers(5, 40), label="steps")):
            step = conv.current
            if step is None:
                break
            action = data.draw(st.sampled_from(["answer", "answer", "answer", "bad", "back", "edit"]))
            if action == "back":
                conv.back()
            elif action == "edit":
                items = conv.review()
                if items:
                    conv.edit(data.draw(st.sampled_from(items)).step.id)
            elif isinstance(step, QuestionStep):
                raw = data.draw(valid_answer(step) if action == "answer" else any_answer(), label=step.key)
                try:
                    key, value = conv.submit(raw)
                except Invalid:
                    continue
                confirmed[key] = value
                assert store.answers(sid)[key] == value  # saved before the next step is shown
            else:
                if step.kind == "document":
                    try:
                        assert all(doc.markdown.strip() for doc in conv.render())
                    except DocumentRefused as exc:  # answers that fail the document's checks
                        assert exc.problems
                conv.acknowledge()
            conv.progress()
        store.close()
        with Store(tmp) as again:
            saved = again.answers(sid)
        for key, value in confirmed.items():
            assert saved[key] == value


def fitting_answer(conv, step):
    """An answer that keeps the flow's rules: skip an optional question, or take the people
    (or one person) from the other answer that the rule compares with."""
    from assistant.engine import conditions

    if not step.validation.required:
        return ""
    for rule in conv.flow.rules:
        names = conditions.parse(rule.check).names
        if step.key not in names:
            continue
        for other in sorted(names - {step.key}):
            people = conv.answers.get(other)
            if isinstance(people, list) and people:
                if step.type.value == "people":
                    role = step.roles[0].code if step.roles else "member"
                    count = step.validation.max_length or len(people)
                    return [{"name": p["name"], "role": role} for p in people[:count]]
                return people[0]["name"]
    raise AssertionError(f"no answer fits the rules at {step.key}")


@pytest.mark.parametrize("flow_id", FLOWS)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_valid_answers_always_reach_the_end_and_render(flow_id, data):
    """Answering every question validly finishes the flow and renders its documents."""
    with tempfile.TemporaryDirectory() as tmp:
        with Store(tmp) as store:
            conv = Conversation(store, store.create_session("x"), CONTENT, flow_id, today=TODAY)
            for _ in range(500):
                step = conv.current
                if step is None:
                    break
                if isinstance(step, QuestionStep):
                    try:
                        conv.submit(data.draw(valid_answer(step), label=step.key))
                    except Invalid as exc:  # valid alone, but it breaks a rule across answers
                        assert exc.context and "/rules/" in exc.context, exc
                        conv.submit(fitting_answer(conv, step))
                else:
                    if step.kind == "document":
                        try:
                            for doc in conv.render():
                                assert "# " in doc.markdown
                        except DocumentRefused as exc:  # valid answers that do not fit together,
                            assert exc.problems  # e.g. a budget that does not add up: said, not written
                    conv.acknowledge()
            assert conv.finished
