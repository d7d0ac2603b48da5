"""The example content pack: its local scheme in the finder (with its round, labelled local),
its contacts and rooms, and `veiviser check` on a broken pack (file-and-place messages)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from assistant.grants.finder import results
from assistant.grants.panels import format_results
from assistant.i18n import get_translator
from assistant.local import help_text, rooms_text
from assistant.packs_config import pack_dirs

from .conftest import PACK, TODAY

DRAMMEN_ORG = {"org.name": "Somalisk kvinneforening", "org.municipality": "Drammen", "org.reach": "local",
               "org.registered_frivillighetsregisteret": True, "org.registered_enhetsregisteret": True}


def veiviser(*args, env=None):
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def test_example_pack_loads_without_problems(pack_content):
    assert [str(p) for p in pack_content.problems] == []
    assert [p.info.id for p in pack_content.packs] == ["drammen_example"]
    assert pack_content.packs[0].info.example  # clearly an example


def test_local_scheme_is_found_with_its_round_and_shown_as_local(pack_content):
    t = get_translator("en")
    items = {r["id"]: r for r in results(pack_content, DRAMMEN_ORG, t, TODAY)}
    local = items["drammen_flyktninger"]
    assert local["status"] == "later"  # eligible; the round we know of is closed
    assert (local["timing"]["closes"], local["timing"]["for_year"]) == ("2022-10-15", 2022)  # its round
    assert local["timing"]["source"]["url"].startswith("https://www.drammen.kommune.no/")
    assert "October 15, 2022" in local["when"]
    assert local["local"].startswith("Local: from Drammen kommune (eksempel), updated December 1, 2026.")
    assert "example" in local["local"]
    assert items["imdi_local"]["local"] is None  # a shipped scheme is not local
    text = format_results(pack_content, list(items.values()), t)
    block = text.split("* Drammen: tilskudd til aktiviteter for flyktninger", 1)[1].split("\n* ", 1)[0]
    assert "Local: from Drammen kommune" in block and "October 15, 2022" in block


def test_the_local_scheme_is_a_choice_of_the_application_writer(pack_content):
    step = next(q for q in pack_content.flows["grant_application"].questions() if q.key == "grant.scheme")
    assert "drammen_flyktninger" in [c.code for c in step.choices]
    from assistant.grants.panels import scheme_panel

    panel = scheme_panel(pack_content, {"grant.scheme": "drammen_flyktninger", "org.municipality": "Drammen"},
                         get_translator("nb"), TODAY)
    assert "Lokalt: fra Drammen kommune (eksempel)" in panel
    assert "Gunnlaug Moen Hembery" in panel and "907 57 966" in panel  # the person to call


def test_no_pack_no_local_texts():
    from assistant.content.loader import load_content

    plain = load_content(check=False)
    t = get_translator("en")
    assert help_text(plain, {}, t) == "" and rooms_text(plain, {}, t) == ""
    assert "drammen_flyktninger" not in plain.grants


def test_help_and_rooms_are_labelled_with_their_source(pack_content):
    t = get_translator("en")
    text = help_text(pack_content, {"org.municipality": "Drammen"}, t)
    assert text.startswith("Who can help you here")
    assert "Phone: 907 57 966" in text and "from Drammen kommune" in text
    assert "https://www.drammen.kommune.no/" in text
    rooms = rooms_text(pack_content, {}, t)
    assert "Skolelokaler" in rooms and "How to book:" in rooms and "Price: Gratis" in rooms


def test_pack_folders_from_option_environment_and_config(tmp_path, monkeypatch):
    monkeypatch.delenv("VEIVISER_CONTENT_PACKS", raising=False)
    assert pack_dirs(["a", "b"], tmp_path) == [Path("a"), Path("b")]
    assert pack_dirs(None, tmp_path) == []
    (tmp_path / "veiviser.toml").write_text('content_packs = ["packs/drammen"]\n', encoding="utf-8")
    assert pack_dirs(None, tmp_path) == [tmp_path / "packs" / "drammen"]
    monkeypatch.setenv("VEIVISER_CONTENT_PACKS", f"/one{os.pathsep}/two")
    assert [str(p) for p in pack_dirs(None, tmp_path)] == ["/one", "/two"]


def test_check_accepts_the_example_pack():
    out = veiviser("check", "--content-pack", str(PACK), "--locale", "en", "--today", "2026-12-01")
    assert "drammen" not in out.stdout, out.stdout  # no problem names the pack


def test_broken_pack_gives_file_and_place_messages(tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(PACK, broken)
    pack = broken / "pack.toml"
    text = pack.read_text(encoding="utf-8")
    text = text.replace('phone = "907 57 966"', 'phone = "call us"', 1)
    text = text.replace("checked = 2026-12-01 }\n\n[[rooms]]", "checked = 2031-01-01 }\n\n[[rooms]]", 1)
    pack.write_text(text, encoding="utf-8")
    scheme = broken / "schemes" / "drammen_flyktninger.toml"
    s = scheme.read_text(encoding="utf-8").replace("closes = 2022-10-15", "closes = 2022-10-15\nopens = 2022-11-01")
    scheme.write_text(s, encoding="utf-8")
    (broken / "schemes" / "second.toml").write_text('id = "second"\nname = ""\n', encoding="utf-8")
    out = veiviser("check", "--content-pack", str(broken), "--locale", "en", "--today", "2026-12-01")
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert any("/broken/pack.toml: contacts[0] (id aktiv_fritid).phone:" in line for line in lines), out.stdout
    assert any("/broken/schemes/drammen_flyktninger.toml: rounds[0]" in line and "open after it closes"
               in line for line in lines), out.stdout
    assert any("/broken/schemes/second.toml: name:" in line for line in lines), out.stdout


def test_broken_pack_dates_are_found_by_check(tmp_path):
    broken = tmp_path / "dates"
    shutil.copytree(PACK, broken)
    pack = broken / "pack.toml"
    text = pack.read_text(encoding="utf-8").replace("checked = 2026-12-01 }", "checked = 2031-01-01 }", 1)
    pack.write_text(text, encoding="utf-8")
    out = veiviser("check", "--content-pack", str(broken), "--locale", "en")
    assert any("/dates/pack.toml: contacts[0] (id aktiv_fritid): checked date 2031-01-01 is in "
               "the future" in line for line in out.stdout.splitlines()), out.stdout


def test_a_missing_pack_folder_is_a_problem_not_a_crash(tmp_path):
    out = veiviser("check", "--content-pack", str(tmp_path / "nothing"), "--locale", "en")
    assert out.returncode == 1
    assert "content pack folder not found" in out.stdout


def test_plain_founding_offers_the_packs_rooms_beside_the_meeting_place(tmp_path, pack_content):
    import io

    from assistant.content.models import QuestionStep
    from assistant.plain import PlainUI
    from assistant.session import Conversation
    from assistant.store import Store

    from .conftest import example

    answers = example("somali_drammen", pack_content)
    with Store(tmp_path / "d") as store:
        sid = store.create_session("Somalisk kvinneforening", "nb")
        conv = Conversation(store, sid, pack_content, "founding", today=TODAY)
        while not (isinstance(conv.current, QuestionStep) and conv.current.key == "founding.meeting_place"):
            if isinstance(conv.current, QuestionStep):
                conv.submit(answers.get(conv.current.key))
            else:
                conv.acknowledge()
        out = io.StringIO()
        lines = iter(["/quit"])
        PlainUI(pack_content, store, get_translator("nb"), input_fn=lambda _p: next(lines), out=out,
                today=TODAY).run(session_id=sid, flow_id="founding")
    shown = out.getvalue()
    assert "Rom dere kan bruke til møtet" in shown and "Skolelokaler" in shown
    assert "Lokalt: fra Drammen kommune (eksempel)" in shown


def test_check_reports_pack_items_older_than_a_year():
    out = veiviser("check", "--content-pack", str(PACK), "--locale", "en", "--today", "2028-01-15")
    assert any(line.startswith("content/packs/drammen/pack.toml: rooms[0] (id skolelokaler): checked 2026-12-01, more than "
                               "12 months") for line in out.stdout.splitlines()), out.stdout
    assert any(line.startswith("content/packs/drammen/schemes/drammen_flyktninger.toml: rounds[0]: checked 2026-12-01")
               for line in out.stdout.splitlines()), out.stdout
