import datetime as dt
from pathlib import Path

import pytest

from assistant.content.loader import load_content
from tests.pg import pg_url  # noqa: F401  (a fixture: a fresh PostgreSQL database)

HERE = Path(__file__).parent
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="session")
def demo_content():
    content = load_content(HERE / "content")
    assert content.problems == []
    return content


@pytest.fixture(scope="session")
def shipped_content():
    content = load_content()
    assert content.problems == [], "\n".join(map(str, content.problems))
    return content
