"""Golden files of every document, for three different example organisations.

The goldens are the reviewed Norwegian documents. To accept a deliberate change, run
``UPDATE_GOLDEN=1 pytest tests/content`` and read the diff before committing it.
"""

import os

import pytest

from .conftest import EXAMPLE_NAMES, GOLDEN, MY_FLOWS, example_answers, rendered

EXPECTED_DOCUMENTS = {
    "founding": {"innkalling-stiftelsesmote", "stiftelsesprotokoll", "vedtekter"},
    "bylaws": {"vedtekter"},
    "registration": {"sjekkliste-registrering"},
    "annual_meeting": {"innkalling-arsmote", "protokoll-arsmote", "overlevering-styret"},
}


def test_three_different_examples():
    assert len(EXAMPLE_NAMES) >= 3


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
@pytest.mark.parametrize("flow", MY_FLOWS)
def test_documents_match_golden(content, tmp_path, example, flow):
    docs = rendered(content, flow, example_answers(example, content), tmp_path)
    assert set(docs) == EXPECTED_DOCUMENTS[flow]
    for name, text in docs.items():
        golden = GOLDEN / example / f"{name}.md"
        if os.environ.get("UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        assert golden.exists(), f"no golden file {golden}; run with UPDATE_GOLDEN=1 and review it"
        assert text == golden.read_text(encoding="utf-8"), f"{example}/{name}.md differs from its golden file"


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_documents_have_no_blanks_or_template_leftovers(content, tmp_path, example):
    """A complete example answers every field: no "________" outside signature lines, no Jinja."""
    answers = example_answers(example, content)
    for flow in MY_FLOWS:
        for name, text in rendered(content, flow, answers, tmp_path / flow).items():
            assert "{{" not in text and "{%" not in text, f"{example}/{name}: template code in output"
            for line in text.splitlines():
                if "________" in line:
                    assert line.startswith(("Sted og dato", "____")), f"{example}/{name}: blank in {line!r}"


def test_example_answers_are_all_used(content, tmp_path):
    """Every key in the example files is a question somewhere (no typos that silently do nothing)."""
    known = set(content.known_keys())
    for example in EXAMPLE_NAMES:
        unknown = set(example_answers(example, content)) - known
        assert not unknown, f"{example}: keys no question asks: {sorted(unknown)}"
