"""Shared parts of the municipality tests: the shipped content with the example pack, and an
organisation that has really gone through a flow (answers submitted through a Conversation)."""

import datetime as dt
import json
from pathlib import Path

import pytest

from assistant.content.loader import load_content
from assistant.content.models import QuestionStep
from assistant.profile import flatten
from assistant.session import Conversation

ROOT = Path(__file__).resolve().parents[2]
PACK = ROOT / "content" / "packs" / "drammen"
EXAMPLES = ROOT / "tests" / "content" / "examples"
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="session")
def pack_content():
    return load_content(check=False, packs=[PACK])


def example(name: str, content) -> dict:
    data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return flatten(data, known=set(content.known_keys()))


def go_through(content, store, session_id: int, flow_id: str, answers: dict) -> Conversation:
    """Answer every question of the flow from ``answers`` and go past every other step, as a
    user would, until the flow is finished."""
    conv = Conversation(store, session_id, content, flow_id, today=TODAY)
    for _ in range(20 * len(conv.flow.steps)):
        step = conv.current
        if step is None:
            return conv
        if isinstance(step, QuestionStep):
            conv.submit(answers.get(step.key))
        else:
            conv.acknowledge()
    raise AssertionError("the flow did not finish")
