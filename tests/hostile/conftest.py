from pathlib import Path

import pytest

from assistant.content.loader import load_content


@pytest.fixture(scope="session")
def demo_content():
    content = load_content(Path(__file__).resolve().parents[1] / "core" / "content")
    assert content.problems == []
    return content
