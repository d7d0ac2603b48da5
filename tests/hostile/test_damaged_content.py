"""Damaged content and catalogs: ``veiviser check`` names the file and the place (exit 1, no
traceback), and at run time the same content is refused with the same message, or a broken
translation falls back to the source text. Real processes, real files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "tests" / "core" / "content"
ANSWERS = {"org.name": "X", "org.members_count": 3, "org.registered_enhetsregisteret": True,
           "org.org_number": "974760673",
           "board": [{"name": "A B", "role": "chair"}, {"name": "C D", "role": "member"}]}


def veiviser(*args, tmp: Path):
    env = dict(os.environ, VEIVISER_DATA_DIR=str(tmp / "data"), VEIVISER_CACHE_DIR="off", VEIVISER_LOCALE="en")
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          env=env, timeout=60, cwd=ROOT)


def _flow(root: Path, old: str, new: str) -> None:
    path = root / "flows" / "demo.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _template(root: Path, extra: str) -> None:
    path = root / "templates" / "demo.md.j2"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


DAMAGE = {
    "bad regex pattern": (lambda r: _flow(r, "validation = { max_length = 40 }",
                                          'validation = { max_length = 40, pattern = "([a-z" }'),
                          "flows/demo.toml", "is not a regular expression"),
    "include outside the content": (lambda r: _template(r, '{% include "../../etc/passwd" %}\n'),
                                    "templates/demo.md.j2", "outside the templates folder"),
    "missing include": (lambda r: _template(r, '{% include "nope.md.j2" %}\n'),
                        "templates/demo.md.j2", "does not exist"),
    "filter on the wrong type": (lambda r: _template(r, "{{ org.name | nok }}\n"),
                                 "templates/demo.md.j2", "the filter 'nok' needs"),
    "huge string": (lambda r: _template(r, '{{ "x" * 1000000000 }}\n'),
                    "templates/demo.md.j2", "too long"),
    "3,000-deep condition": (lambda r: _flow(r, 'when = "org.registered_enhetsregisteret == true"',
                                             'when = "' + "not " * 3000 + 'org.registered_enhetsregisteret"'),
                             "flows/demo.toml", "longer than 2000 characters"),
    "450-deep condition": (lambda r: _flow(r, 'when = "org.registered_enhetsregisteret == true"',
                                           'when = "' + "not " * 450 + 'org.registered_enhetsregisteret"'),
                           "flows/demo.toml", "nested more than"),
    "deeply nested TOML": (lambda r: (r / "flows" / "deep.toml").write_text(
        'id = "deep"\nx = ' + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8"),
        "flows/deep.toml", "nested too deeply"),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_damaged_content_is_refused_by_check_and_by_run(case, tmp_path):
    damage, file, words = DAMAGE[case]
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    damage(root)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS), encoding="utf-8")

    check = veiviser("--content", str(root), "check", tmp=tmp_path)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "Traceback" not in check.stdout + check.stderr
    lines = [line for line in check.stdout.splitlines() if words in line]
    assert lines, check.stdout
    assert all(line.split(": ")[0].endswith(file) for line in lines), lines

    run = veiviser("--content", str(root), "run", "demo", "--answers", str(answers),
                   "--out", str(tmp_path / "out"), tmp=tmp_path)
    assert run.returncode != 0
    assert "Traceback" not in run.stdout + run.stderr
    assert any(words in line for line in run.stderr.splitlines()), run.stderr  # the same message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


BROKEN_MSGSTR = ["{verdi}", "{value", "{0}", "{value!r:>99999999999}", "{value.__class__.__mro__}"]


@pytest.mark.parametrize("msgstr", BROKEN_MSGSTR)
def test_a_broken_translation_falls_back_to_the_source_at_run_time(msgstr, tmp_path, caplog):
    from assistant.i18n import get_translator

    locales = tmp_path / "locales"
    (locales / "nb" / "LC_MESSAGES").mkdir(parents=True)
    (locales / "nb" / "LC_MESSAGES" / "veiviser.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: nb\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        f'msgid "Saved: {{value}}"\nmsgstr "Lagret: {msgstr}"\n', encoding="utf-8")
    os.environ["VEIVISER_CACHE_DIR"] = "off"
    try:
        t = get_translator("nb", locales)
        with caplog.at_level("WARNING", logger="veiviser.i18n"):
            first = t.format("Saved: {value}", value="Amina")
            second = t.format("Saved: {value}", value="Omar")
    finally:
        del os.environ["VEIVISER_CACHE_DIR"]
    assert first == "Saved: Amina" and second == "Saved: Omar"
    assert "__mro__" not in first and "<class" not in first
    warnings = [r for r in caplog.records if "Saved: {value}" in r.getMessage()]
    assert len(warnings) <= 1  # once per message (an earlier test may have warned already)


@pytest.mark.parametrize("msgstr", BROKEN_MSGSTR + ["MISSING_QUOTE"])
def test_check_rejects_each_broken_catalog_with_file_and_line(msgstr, tmp_path):
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales)
    po = locales / "nb" / "LC_MESSAGES" / "veiviser.po"
    text = po.read_text(encoding="utf-8")
    old = 'msgstr "Hvilken rolle har {name}?"'
    assert old in text
    new = 'msgstr "Hvilken rolle har' if msgstr == "MISSING_QUOTE" else \
        f'msgstr "Hvilken rolle har {msgstr.replace("value", "name")}?"'
    text = text.replace(old, new)
    po.write_text(text, encoding="utf-8")
    line = text[: text.index(new)].count("\n") + 1
    result = veiviser("--locales-dir", str(locales), "check", tmp=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    hits = [x for x in result.stdout.splitlines() if "nb/LC_MESSAGES/veiviser.po" in x]
    assert hits, result.stdout
    msg_line = text[: text.index('msgid "Which role does {name} have?"')].count("\n") + 1
    assert any(f"line {line}" in x or f"line {msg_line}" in x for x in hits), (hits, line, msg_line)
