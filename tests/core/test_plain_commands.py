"""The commands work at every plain prompt: the language check after a Norwegian answer, the
name and role prompts of a list of people, the organisation and flow lists."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.content.loader import load_content
from assistant.i18n import get_translator
from assistant.plain import PlainUI
from assistant.profile import flatten
from assistant.store import Store

from .conftest import TODAY
from tests.feed import feeder

ROOT = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k not in ("VEIVISER_LOCALE", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
SOMALI = "Ururkan wuxuu u shaqeeyaa haweenka Soomaaliyeed ee ku nool Drammen si ay u helaan taageero iyo saaxiibo"
WRONG = "Velg et av tallene 1 til 3."


def plain(data: Path, *args: str, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", "--plain", "--locale", "nb", "--data-dir",
                           str(data), *args], input=stdin, capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={**ENV, "LANG": "nb_NO.UTF-8"})


def saved(data: Path) -> dict:
    with Store(data) as store:
        return store.answers(store.sessions()[0].id)


def test_commands_at_the_language_check(tmp_path):
    # /hjelp explains and asks again; /tilbake goes back to the answer; /avslutt stops
    r = plain(tmp_path / "d", "--new", "Somali Haween", "--flow", "bylaws",
              stdin=f"\nSomali Haween\n{SOMALI}\n\n/hjelp\n/tilbake\n/avslutt\n")
    assert r.returncode == 0, r.stderr
    after = r.stdout.split("Dette svaret ser ikke ut som norsk", 1)[1]
    assert WRONG not in after
    assert "Hjelp:" in after and "Skriv en til tre setninger" in after
    assert "Svaret ditt nå: Ururkan" in after  # back at the purpose question, the answer kept
    assert after.rstrip().endswith("Kom tilbake når du vil, og fortsett der du slapp.")
    assert saved(tmp_path / "d")["org.purpose"] == SOMALI
    # /avslutt right at the check: the answer is kept, nothing else is asked
    r = plain(tmp_path / "e", "--new", "Somali Haween", "--flow", "bylaws",
              stdin=f"\nSomali Haween\n{SOMALI}\n\n/avslutt\n")
    assert r.returncode == 0 and WRONG not in r.stdout and "Alt du har svart, er lagret" in r.stdout
    assert saved(tmp_path / "e")["org.purpose"] == SOMALI


@pytest.fixture(scope="module")
def founding():
    content = load_content()
    data = json.loads((ROOT / "tests/content/examples/somali_drammen.json").read_text("utf-8"))
    answers = flatten(data, known=set(content.known_keys()))
    return content, {k: v for k, v in answers.items() if k not in ("board", "founding.auditor", "annual.new_board")}


def _board(founding, tmp_path, lines):
    content, answers = founding
    flow = content.flows["founding"]
    with Store(tmp_path) as store:
        sid = store.create_session("Somali")
        for key, value in answers.items():
            store.save_answer(sid, key, value)
        store.save_flow_state(sid, "founding", [s.id for s in flow.steps if s.kind != "question"], None, None)
        ask = feeder(lines)

        out = io.StringIO()
        PlainUI(content, store, get_translator("nb"), input_fn=ask, out=out, today=TODAY).run(
            session_id=sid, flow_id="founding")
        return out.getvalue(), store.answers(sid).get("board")


def test_commands_at_the_role_and_name_prompts(founding, tmp_path):
    text, board = _board(founding, tmp_path / "a", [
        "Amina Ali", "/hjelp",            # help about the board, then the role again
        "/tilbake",                       # the name of this person again
        "Amina Aliyu", "1", "Hodan Yusuf", "/avslutt"])
    assert WRONG not in text
    assert "Styret leder foreningen mellom årsmøtene" in text.split("Rollen til Amina Ali:", 1)[1]
    assert text.count("Navn på person 1:") == 2
    assert "Alt du har svart, er lagret" in text
    assert board is None  # a chair and one member is no board for these bylaws: nothing half saved
    # a command at a later name is a command, never a person called "/avslutt"
    text, board = _board(founding, tmp_path / "b", ["Amina Ali", "1", "/avslutt"])
    assert board is None and "Alt du har svart, er lagret" in text
    # /tilbake at a later name: the person before again; a whole board is kept at /avslutt
    text, board = _board(founding, tmp_path / "c", [
        "Amina Ali", "1", "Hodan Yusuf", "3", "/tilbake", "Hodan Yusuf", "2", "Fadumo Warsame", "2",
        "Ayaan Omar", "3", "/avslutt"])
    assert text.count("Navn på person 2:") == 2
    assert board == [{"name": "Amina Ali", "role": "chair"}, {"name": "Hodan Yusuf", "role": "member"},
                     {"name": "Fadumo Warsame", "role": "member"}, {"name": "Ayaan Omar", "role": "deputy"}]


def test_commands_at_the_flow_list_are_not_numbers(tmp_path):
    r = plain(tmp_path / "d", "--new", "Tamil", stdin="/hjelp\n/tilbake\n/avslutt\n")
    assert r.returncode == 0
    menu = r.stdout.split("Hva vil du arbeide med?", 1)[1]
    assert "Velg et av tallene" not in menu and menu.count("Kommandoer: /tilbake") == 2
