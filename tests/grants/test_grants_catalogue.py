"""The catalogue: every scheme loads, carries sourced and dated amounts and deadlines, and its
rules use known profile keys; broken scheme files are reported with file, place and reason."""

import datetime as dt
import shutil
from pathlib import Path

import pydantic
import pytest

from assistant.content.loader import load_content
from assistant.grants.catalogue import REQUIRED_TEXTS, GrantScheme, messages_from_data, scheme_messages, texts
TODAY = __import__("datetime").date(2026, 12, 1)

REQUIRED = {"imdi_local", "imdi_national", "imdi_regional_operating", "bufdir_inclusion",
            "frifond_barn_unge", "sparebankstiftelsen_dnb", "grasrotandelen", "momskompensasjon",
            "municipal_activity"}
CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_the_required_schemes_are_there(content):
    assert REQUIRED <= set(content.grants)
    assert content.grants["municipal_activity"].template


@pytest.mark.parametrize("scheme_id", sorted(REQUIRED))
def test_amounts_and_deadlines_have_source_and_checked_date(content, scheme_id):
    s = content.grants[scheme_id]
    dated = [s.deadline, s.amounts] + ([s.period] if s.period else []) + ([s.reporting] if s.reporting else [])
    for item in dated:
        assert item.source.title and item.source.url.startswith("https://")
        assert isinstance(item.source.checked, dt.date) and item.source.checked <= TODAY
    assert s.sources and s.url.startswith("https://")
    if s.min_amount is not None or s.max_amount is not None:
        assert s.amounts.source


def test_project_schemes_have_the_application_sections(content):
    for s in content.grants.values():
        if s.kind in ("project", "activity"):
            assert any(sec.budget for sec in s.sections), s.id
            keys = {k for sec in s.sections for k in sec.keys}
            assert {"grant.title", "grant.target_group"} <= keys, s.id
    assert not content.grants["grasrotandelen"].sections  # no application: you join a register


def test_every_text_the_code_says_is_in_the_texts_file(content):
    assert set(REQUIRED_TEXTS) <= set(texts(content))


def test_translatable_messages_have_stable_contexts(content):
    s = content.grants["imdi_local"]
    ctxs = dict(scheme_messages(s))
    assert ctxs["grant/imdi_local/rules/frivillighetsregisteret/reason"].startswith("Only organisations")
    assert "grant/imdi_local/sections/goal/tip" in ctxs
    assert dict(messages_from_data({"messages": {"x": "Hello"}})) == {"grants/msg/x": "Hello"}


@pytest.fixture
def broken_content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def problems_in(root, name):
    return [str(p) for p in load_content(root).problems if name in str(p)]


def test_unknown_key_in_a_rule_is_reported(broken_content):
    path = broken_content / "grants" / "imdi_local.toml"
    path.write_text(path.read_text().replace("org.registered_enhetsregisteret == true",
                                             "org.registerd_enhetsregisteret == true", 1))
    assert problems_in(broken_content, "imdi_local") == [
        "content/grants/imdi_local.toml: rule enhetsregisteret: unknown profile key "
        "'org.registerd_enhetsregisteret' in condition 'org.registerd_enhetsregisteret == true'"]


def test_missing_source_and_unknown_field_are_reported(broken_content):
    path = broken_content / "grants" / "frifond_barn_unge.toml"
    text = path.read_text()
    start = text.index("[amounts]")
    end = text.index("\n\n", start)
    amounts = text[start:end]
    text = text.replace(amounts, "\n".join(ln for ln in amounts.splitlines() if not ln.startswith("source")))
    text = text.replace('kind = "activity"', 'kind = "activity"\ncolour = "blue"')
    path.write_text(text)
    got = problems_in(broken_content, "frifond")
    assert "content/grants/frifond_barn_unge.toml: amounts.source: Field required" in got
    assert "content/grants/frifond_barn_unge.toml: colour: unknown field (check the spelling)" in got


def test_a_scheme_with_sections_must_be_a_choice_in_the_grant_flows(broken_content):
    path = broken_content / "grants" / "frifond_barn_unge.toml"
    path.write_text(path.read_text().replace('id = "frifond_barn_unge"', 'id = "frifond_barn_unge"', 1))
    new = broken_content / "grants" / "frifond_copy.toml"
    new.write_text(path.read_text().replace('id = "frifond_barn_unge"', 'id = "frifond_copy"', 1))
    got = problems_in(broken_content, "frifond_copy")
    assert any("grant_application.toml: step scheme: grant scheme 'frifond_copy' is not a choice" in p for p in got)


def test_a_future_checked_date_is_reported(broken_content):
    path = broken_content / "grants" / "grasrotandelen.toml"
    path.write_text(path.read_text().replace("checked = 2026-12-01", "checked = 2099-01-01"))
    assert any("is in the future" in p for p in problems_in(broken_content, "grasrotandelen"))


def test_scheme_model_forbids_unknown_fields():
    with pytest.raises(pydantic.ValidationError):
        GrantScheme.model_validate({"id": "x", "bogus": 1})
