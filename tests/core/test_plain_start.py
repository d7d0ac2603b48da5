"""``veiviser --plain`` shows the language list before it loads the content or the dialogue's
modules (they took most of the time to the first prompt); what follows is unchanged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k not in ("VEIVISER_LOCALE", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}


def plain(*args, stdin: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", "--plain", *args], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env={**ENV, "LANG": "nb_NO.UTF-8", **(env or {})})


def test_quitting_at_the_language_list_loads_no_content_model(tmp_path):
    code = (
        "import sys, runpy\n"
        "sys.argv = ['veiviser', '--plain', '--data-dir', sys.argv[1]]\n"
        "try:\n    runpy.run_module('assistant', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m in "
        "('assistant.content.models', 'assistant.plain', 'pydantic'))))\n"
    )
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")], input="/quit\n", capture_output=True,
                       text=True, cwd=ROOT, timeout=60, env={**ENV, "LANG": "nb_NO.UTF-8"})
    assert "  2. English" in r.stdout and "  3. العربية" in r.stdout
    assert "Alt du har svart, er lagret" in r.stdout
    assert r.stderr.strip().endswith("[]"), r.stderr


def test_the_chosen_language_is_used_from_the_first_question(tmp_path):
    r = plain("--data-dir", str(tmp_path / "data"), stdin="2\n/quit\n")
    assert r.returncode == 0, r.stderr
    after = r.stdout.split("\n> ", 1)[1]
    assert "Welcome to Veiviser" in after
    assert "What is the name of your organisation" in after


def test_broken_content_is_reported_after_the_choice_in_that_language(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "flows" / "founding.toml").write_text("id = [broken\n", encoding="utf-8")
    r = plain("--content", str(content), "--data-dir", str(tmp_path / "data"), stdin="2\n")
    assert r.returncode == 1
    assert "  2. English" in r.stdout
    assert "The content has problems:" in r.stderr


def test_with_a_session_or_a_language_given_there_is_no_list(tmp_path):
    r = plain("--locale", "en", "--data-dir", str(tmp_path / "data"), stdin="/quit\n")
    assert "English" not in r.stdout.split("Welcome", 1)[0]
    assert "Welcome to Veiviser" in r.stdout
