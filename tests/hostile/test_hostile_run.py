"""The hostile corpus through ``veiviser run`` (the scripted front end), over every text,
longtext and people field of every flow.

To keep the suite fast, payloads are rotated across the fields (see
:func:`tests.hostile.corpus.rotation`): every field gets two payloads and every payload reaches
at least one field, rather than the full cross product. Each run either writes its documents or
is refused with a message (AnswersError); nothing else may happen. Every document is checked:
no control character, no lone surrogate, no ``<img``, no link and no Markdown structure that
the same run without the payload does not have.
"""

from __future__ import annotations

import re
import zipfile

import pytest

from assistant.content.loader import load_content
from assistant.i18n import get_translator
from assistant.scripted import AnswersError, run_flow

from tests.hostile.corpus import PAYLOADS, TODAY, example, hostile_fields, leaks, rotation, with_payload

CONTENT = load_content()
FIELDS = hostile_fields(CONTENT)
SLOTS = rotation(len(FIELDS), 2)
# What an answer could create if it were read as Markdown. (Bullet lists are left out: some
# templates make one item of each line of an answer, on purpose, and hints come and go.)
STRUCTURE = re.compile(r"<(h[1-6]|table|tr|ol|blockquote|pre|code|hr|img|a)\b")
# Emphasis from an answer (the templates' own emphasis depends on the answers, so not counted).
EMPHASIS = ("<em>fet</em>", "<em>kursiv</em>", "<strong>x</strong>", "<code>kode</code>", "<del>y</del>",
            "<b>fet</b>", "<script>")


def structure(html: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for tag in STRUCTURE.findall(html):
        counts[tag] = counts.get(tag, 0) + 1
    return counts


def document_texts(paths) -> dict[str, str]:
    out = {}
    for p in paths:
        if p.suffix == ".docx":
            with zipfile.ZipFile(p) as z:
                out[p.name] = z.read("word/document.xml").decode("utf-8")
        else:
            out[p.name] = p.read_text(encoding="utf-8")
    return out


_BASELINES: dict[tuple[str, str], dict[str, dict[str, int]]] = {}
PLAIN_TEXT = "Vi hjelper"  # no structure of its own: what the payload is compared with


def baseline(flow_id: str, step, tmp_path) -> dict[str, dict[str, int]]:
    """The documents' structure with a plain sentence in the same field. Some documents take
    their shape from an answer by design (the funder's feedback: 'Målgruppe: …' lines go beside
    that section), so the comparison is with the same field holding plain text."""
    key = (flow_id, step.key)
    if key not in _BASELINES:
        try:
            result = run_flow(CONTENT, flow_id, with_payload(step, example(flow_id, CONTENT), PLAIN_TEXT),
                              get_translator("nb"), tmp_path / "baseline", formats=("html",), today=TODAY)
        except AnswersError:  # the field wants a form of its own (a time, say): the example's value
            result = run_flow(CONTENT, flow_id, example(flow_id, CONTENT), get_translator("nb"),
                              tmp_path / "baseline2", formats=("html",), today=TODAY)
        _BASELINES[key] = {p.name: structure(p.read_text(encoding="utf-8")) for p in result.written}
    return _BASELINES[key]


def test_the_corpus_reaches_every_field_and_every_payload():
    assert len(PAYLOADS) >= 50
    assert {f for f, _ in SLOTS} == set(range(len(FIELDS)))
    assert {p for _, p in SLOTS} == set(range(len(PAYLOADS)))
    assert {flow for flow, _ in FIELDS} == set(CONTENT.flows)


@pytest.mark.parametrize("slot", range(len(SLOTS)), ids=lambda i: f"{FIELDS[SLOTS[i][0]][1].key}-p{SLOTS[i][1]}")
def test_a_hostile_answer_is_refused_or_written_as_literal_text(slot, tmp_path):
    field, p = SLOTS[slot]
    flow_id, step = FIELDS[field]
    payload = PAYLOADS[p]
    answers = with_payload(step, example(flow_id, CONTENT), payload)
    formats = ("md", "txt", "html", "docx") if slot % 4 == 0 else ("md", "txt", "html")
    try:
        result = run_flow(CONTENT, flow_id, answers, get_translator("nb"), tmp_path / "out",
                          formats=formats, today=TODAY)
    except AnswersError as exc:  # refused, with a message: fine
        assert str(exc).strip()
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
        return
    base = baseline(flow_id, step, tmp_path)
    for name, text in document_texts(result.written).items():
        assert leaks(text) == [], (name, leaks(text))
        if name.endswith(".html"):
            assert "<img" not in text
            assert "evil.example" not in re.findall(r'href="([^"]*)"', text).__str__()
            assert structure(text) == base[name], name  # the md it is made from has no new structure
            assert not [e for e in EMPHASIS if e in text], name


@pytest.mark.parametrize("case", ["accepted", "refused", "unknown keys"])
def test_veiviser_run_in_a_real_process_writes_no_control_to_the_terminal(case, tmp_path):
    """The answers file holds hostile text (JSON escapes: ESC, BEL, C1, a lone surrogate); what
    ``veiviser run`` prints (paths, notes, refusals) never carries a control character."""
    import json
    import os
    import subprocess
    import sys

    from tests.hostile.corpus import ROOT

    answers = example("founding", CONTENT)
    if case == "accepted":
        answers["org.name"] = "Lag\x1b]0;x\x07 [/] \x9b2J Oslo"
    elif case == "refused":
        answers["org.name"] = "\ud800"
    else:
        answers["\x1b]0;pwned\x07.key\x9b"] = "x"
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    env = dict(os.environ, VEIVISER_DATA_DIR=str(tmp_path / "data"), VEIVISER_CACHE_DIR="off", VEIVISER_LOCALE="nb")
    result = subprocess.run([sys.executable, "-m", "assistant", "run", "founding", "--answers", str(path),
                             "--out", str(tmp_path / "out"), "--format", "md"],
                            capture_output=True, env=env, timeout=120, cwd=ROOT)
    both = result.stdout + result.stderr
    assert b"Traceback" not in both
    assert [b for b in (b"\x1b", b"\x07", "\x9b".encode()) if b in both] == []
    if case == "refused":
        assert result.returncode == 2 and b"Svaret har tegn som ikke er gyldig tekst" in result.stderr
    else:
        assert result.returncode == 0, result.stderr.decode()
    if case == "accepted":
        assert b"Usynlige kontrolltegn ble fjernet" in result.stderr
