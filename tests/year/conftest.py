"""The example organisations of tests/content, with what the rest of the year adds (tests/year/
examples: the annual report's numbers, the accounts, the calendar's plans), run at a fixed date."""

import datetime as dt
import json
from pathlib import Path

import pytest

from assistant.content.loader import load_content
from assistant.i18n.catalog import get_translator
from assistant.profile import flatten, follow_ups
from assistant.scripted import run_flow

HERE = Path(__file__).parent
BASE = HERE.parent / "content" / "examples"
TODAY = dt.date(2026, 12, 1)
EXAMPLE_NAMES = sorted(p.stem for p in (HERE / "examples").glob("*.json"))
MY_FLOWS = ("grant_answer", "annual_report", "accounts", "year_calendar")


@pytest.fixture(scope="session")
def content():
    loaded = load_content()
    assert loaded.problems == [], "\n".join(map(str, loaded.problems))
    return loaded


def example_answers(name: str, content) -> dict:
    known = set(content.known_keys())
    data = json.loads((BASE / f"{name}.json").read_text(encoding="utf-8"))
    answers = flatten(data, known=known)
    extra = json.loads((HERE / "examples" / f"{name}.json").read_text(encoding="utf-8"))
    answers.update(flatten(extra, known=known))
    return answers


def board_now(answers: dict) -> list[dict]:
    """The board that held ``annual.year`` (and signs its report and accounts): the one the
    annual meeting elected (annual.new_board) when that meeting was in the year and by TODAY,
    else the founding board. The examples' meetings are in the spring after the year."""
    elected = dt.date.fromisoformat(str(answers["annual.date"])) if answers.get("annual.date") else None
    if (elected and answers.get("annual.new_board") and elected <= TODAY
            and elected.year <= int(answers["annual.year"])):
        return follow_ups(answers, "annual.new_board", answers["annual.new_board"])["board"]
    return answers["board"]


def run(content, flow: str, answers: dict, out: Path, formats=("md",), locale="nb"):
    return run_flow(content, flow, answers, get_translator(locale), out, formats=formats, today=TODAY)
