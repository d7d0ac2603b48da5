"""Review defect 13: a name in Arabic script was taken as org.name with no word that
Enhetsregisteret will not register it (audit 2026-12, "Names"). The name questions of the
bylaws, founding and registration flows are followed by a warning (not a refusal) when the name
has letters outside the Latin script. Driven through ``veiviser --plain`` as a user would."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.engine import conditions

ROOT = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k not in ("VEIVISER_LOCALE", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
WARNING = "Skriv navnet med latinske bokstaver"


def plain(tmp_path, flow: str, name: str) -> str:
    from assistant.content.loader import load_content
    from assistant.engine import Engine, State

    ids = [st.id for st in Engine(load_content().flows[flow]).projected(State(answers={}))]
    enters = "\n" * ids.index("name")  # past the info pages before the name question
    r = subprocess.run([sys.executable, "-m", "assistant", "--plain", "--locale", "nb", "--data-dir",
                        str(tmp_path / "data"), "--new", "Prøve", "--flow", flow],
                       input=f"{enters}{name}\n\n/quit\n", capture_output=True, text=True, encoding="utf-8",
                       cwd=ROOT, timeout=120, env=ENV)
    assert r.returncode == 0, r.stderr
    return r.stdout.split("Hva heter foreningen?", 1)[1]


@pytest.mark.parametrize("flow", ["bylaws", "founding", "registration"])
def test_a_name_in_arabic_script_is_warned_about_and_kept(tmp_path, flow):
    out = plain(tmp_path, flow, "جمعية النساء")
    assert "Lagret: جمعية النساء" in out  # a warning, not a refusal: the answer is kept
    assert WARNING in out
    assert "Brønnøysund registrerer ikke et navn med slike bokstaver." in out
    assert "kyrilliske bokstaver blir ikke godtatt." in out  # the fact, with its source
    assert "regjeringen.no" in out


def test_a_norwegian_name_gets_no_warning(tmp_path):
    out = plain(tmp_path, "bylaws", "Kvinneforeningen Ærø og Åsane")
    assert WARNING not in out


@pytest.mark.parametrize("name, latin", [
    ("Somalisk kvinneforening i Drammen", True), ("Café Noël 2", True), ("Ærø Åsane Øst", True),
    ("جمعية النساء", False), ("Українська спілка", False), ("ማሕበር ኤርትራውያን", False),
    ("تنظیم زنان", False), ("Tamil தமிழ் சங்கம்", False), (None, True)])
def test_latin_in_conditions(name, latin):
    assert conditions.parse("latin(org.name)")({"org.name": name}) is latin
