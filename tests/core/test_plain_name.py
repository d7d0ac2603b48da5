"""The name typed at plain mode's start is the organisation's first answer: saved as org.name,
so the first question does not ask for it again (the review shows it and can change it)."""

import os
import subprocess
import sys
from pathlib import Path

from assistant.store import Store

ROOT = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k not in ("VEIVISER_LOCALE", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}


def plain(data: Path, stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", "--plain", "--locale", "nb", "--data-dir",
                           str(data), *args], input=stdin, capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env={**ENV, "LANG": "nb_NO.UTF-8"})


def test_the_start_name_is_saved_and_not_asked_again(tmp_path):
    r = plain(tmp_path / "d", "Somali Haween Drammen\n1\n\n/avslutt\n")
    assert r.returncode == 0, r.stderr
    dialogue = r.stdout.split("[Skriv vedtektene", 1)[1]
    assert "Hva heter foreningen?" not in dialogue and "Hva er formålet med foreningen?" in dialogue
    with Store(tmp_path / "d") as store:
        [session] = store.sessions()
        assert session.answers == 1 and store.answers(session.id) == {"org.name": "Somali Haween Drammen"}
    listed = subprocess.run([sys.executable, "-m", "assistant", "--locale", "nb", "--data-dir", str(tmp_path / "d"),
                             "sessions", "list"], capture_output=True, text=True, cwd=ROOT, timeout=120, env=ENV)
    assert "Somali Haween Drammen" in listed.stdout and "1 svar" in listed.stdout
    # the review lists it, and it can be changed there
    r = plain(tmp_path / "d", "1\n1\n/oversikt\n1\nSomali Haween\n/avslutt\n")
    assert "→ Somali Haween Drammen" in r.stdout
    with Store(tmp_path / "d") as store:
        assert store.answers(store.sessions()[0].id)["org.name"] == "Somali Haween"


def test_a_name_the_question_refuses_is_asked_for(tmp_path):
    long = "Forening " * 20  # longer than the name question takes: only the label of the organisation
    r = plain(tmp_path / "d", f"{long}\n1\n\n/avslutt\n")
    assert "Hva heter foreningen?" in r.stdout.split("[Skriv vedtektene", 1)[1]
    with Store(tmp_path / "d") as store:
        assert store.answers(store.sessions()[0].id) == {}
