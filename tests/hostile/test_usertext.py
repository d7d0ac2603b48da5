"""The rule for user text, piece by piece: what the boundary keeps and removes, what a terminal
and a document get, and that stored answers from before the rule still render."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from assistant.engine.validate import Invalid, normalise
from assistant.render import render_markdown, to_html, to_text
from assistant.render.safe import md_escape
from assistant.usertext import BadText, clean, printable, visible

from tests.hostile.corpus import PAYLOADS, leaks


@pytest.mark.parametrize("text", ["👩🏽‍💻 Forening 🇳🇴", "Zoë e\u0301 n\u0303", "ትግርኛ Українська العربية فارسی",
                                  "a\tb\nc", "ا\u200cب", "Æøå Sámi ŋ"])
def test_what_the_user_meant_is_kept(text):
    assert clean(text) == (text, 0)


@pytest.mark.parametrize("text, kept, removed", [
    ("Lag\x1b[31mrød\x1b[0m", "Lagrød", 9),
    ("\x1b]0;title\x07Forening", "Forening", 10),
    ("\x1b]8;;https://e.example/\x1b\\klikk\x1b]8;;\x1b\\", "klikk", 32),
    ("a\x00b\x07c\x7fd\x85e", "abcde", 4),
    ("a\ufffeb\uffff", "ab", 2),
    ("a\r\nb\rc", "a\nb\nc", 0),
])
def test_escape_sequences_and_controls_are_removed_and_counted(text, kept, removed):
    assert clean(text) == (kept, removed)


def test_a_lone_surrogate_is_refused_with_a_message():
    with pytest.raises(BadText):
        clean("x\udcff")


def test_visible_shows_controls_and_isolates_bidi():
    assert visible("a\x1b[2Jb\x07\x9b") == "a␛[2Jb␇\ufffd"
    shown = visible("abc\u202edcba")
    assert shown == "\u2068abcdcba\u2069"  # the override removed, the text isolated
    assert visible("plain") == "plain"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_payload_leaves_a_control_in_terminal_or_document_text(payload):
    assert leaks(visible(payload)) == []
    assert leaks(printable(payload)) == []
    assert leaks(str(md_escape(payload))) == []


def test_markdown_in_an_answer_stays_text():
    from assistant.render import _md

    html = _md().render(str(md_escape("![x](http://e.example/t.png) [k](https://e.example) <https://e.example> "
                                      "&lt;b&gt;\n# H\n| a | b |\n|---|---|\n1. x\n    code")))
    assert "<img" not in html and "<a " not in html and "<h1" not in html and "<table" not in html
    assert "<ol" not in html and "<pre" not in html
    assert "&amp;lt;b&amp;gt;" in html  # shown as the user typed it


def test_stored_answers_from_before_the_rule_still_render(demo_content, tmp_path):
    """A database from before may hold controls and surrogates: documents are still made, in
    every format, without them."""
    from assistant.render import write_document

    spec = demo_content.flows["demo"].step("doc").documents[0]
    answers = {"org.name": "Lag\x1b]0;x\x07\x00 \ud800 [/]", "org.members_count": 3,
               "org.registered_enhetsregisteret": False, "demo.why_not": "no",
               "board": [{"name": "A\x01B \x9b2J", "role": "chair"}, {"name": "C", "role": "member"}]}
    doc = render_markdown(demo_content, spec, answers, dt.date(2026, 11, 22))
    written = write_document(doc, tmp_path, ("md", "txt", "html", "docx"))
    assert len(written) == 4
    for path in written:
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                text = z.read("word/document.xml").decode("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        assert leaks(text) == [], path.name
    assert "Lag" in to_text(doc) and "[/]" in to_html(doc)


def test_the_boundary_rule_is_in_the_engine_for_every_field_kind(demo_content):
    flow = demo_content.flows["demo"]
    name = flow.step("name")
    assert normalise(name, "Lag\x1b[2J\x07 Oslo") == "Lag Oslo"
    with pytest.raises(Invalid):
        normalise(name, "\ud800")
    board = flow.step("board")
    people = normalise(board, [{"name": "A\x00 B", "role": "chair"}, {"name": "C\x9b", "role": "member"}])
    assert [p["name"] for p in people] == ["A B", "C"]
    with pytest.raises(Invalid):
        normalise(name, "x" * 1_000_000)
