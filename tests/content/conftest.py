"""Shared helpers for the content tests: the shipped content, the example organisations, and a
scripted run of a flow at a fixed date (so golden files are stable)."""

import datetime as dt
import json
from pathlib import Path

import pytest

from assistant.content.loader import load_content
from assistant.i18n.catalog import get_translator
from assistant.profile import flatten
from assistant.scripted import run_flow

HERE = Path(__file__).parent
EXAMPLES = HERE / "examples"
GOLDEN = HERE / "golden"
TODAY = dt.date(2026, 11, 1)
MY_FLOWS = ("founding", "bylaws", "registration", "annual_meeting")
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json"))


# The files these tests are about. Other parts of the content (grants) are checked by their own
# tests, so a problem there does not hide or fake a result here.
MY_FILES = ("content/flows/founding.toml", "content/flows/bylaws.toml",
            "content/flows/registration.toml", "content/flows/annual_meeting.toml",
            "content/facts/registration.toml", "content/facts/frivillighet.toml",
            "content/facts/bylaws.toml", "content/facts/meetings.toml", "content/glossary.toml",
            "content/templates/founding_", "content/templates/vedtekter",
            "content/templates/registration_", "content/templates/annual_",
            "content/templates/board_handover")


def mine(problem_line: str) -> bool:
    return problem_line.startswith(MY_FILES)


@pytest.fixture(scope="session")
def content():
    loaded = load_content()
    problems = [str(p) for p in loaded.problems if mine(str(p))]
    assert problems == [], "\n".join(problems)
    return loaded


def example_answers(name: str, content) -> dict:
    data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return flatten(data, known=set(content.known_keys()))


def run(content, flow: str, answers: dict, out: Path, formats=("md",)):
    return run_flow(content, flow, answers, get_translator("nb"), out, formats=formats, today=TODAY)


def rendered(content, flow: str, answers: dict, out: Path) -> dict[str, str]:
    """filename (without .md) -> Markdown text of every document the flow writes."""
    result = run(content, flow, answers, out)
    return {p.stem: p.read_text(encoding="utf-8") for p in result.written if p.suffix == ".md"}
