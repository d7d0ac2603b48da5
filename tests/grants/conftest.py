"""Shared fixtures for the grant tests: the shipped content, translators, the example
organisations (tests/grants/examples/*.json) and a fixed date."""

import datetime as dt
import json
from pathlib import Path

import pytest

from assistant.content.loader import load_content
from assistant.i18n.catalog import get_translator
from assistant.profile import flatten

HERE = Path(__file__).parent
EXAMPLES = HERE / "examples"
TODAY = dt.date(2026, 12, 1)
MY_FILES = ("content/grants/", "content/flows/grant", "content/templates/grant")


@pytest.fixture(scope="session")
def content():
    loaded = load_content()
    mine = [str(p) for p in loaded.problems if str(p).startswith(MY_FILES)]
    assert mine == [], "\n".join(mine)
    return loaded


@pytest.fixture(scope="session")
def en():
    return get_translator("en")


@pytest.fixture(scope="session")
def nb():
    return get_translator("nb")


@pytest.fixture(scope="session")
def example(content):
    """example(name) -> the flat answers of tests/grants/examples/<name>.json."""
    def load(name: str) -> dict:
        data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
        return flatten(data, known=set(content.known_keys()))
    return load
