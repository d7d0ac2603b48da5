"""Comments never reach a document; the zip bundle holds exactly one organisation's documents;
the handout renders in nb, so and (right-to-left) ar."""

import subprocess
import sys
import zipfile
from html.parser import HTMLParser

import pytest

from assistant.bundle import bundle
from assistant.handout import handout
from assistant.store import Store
from assistant.store.comments import answer_target

from .conftest import TODAY, example, go_through

MARK = "KOORDINATOR-MERKNAD-7731"
FOUNDING_DOCS = {"innkalling-stiftelsesmote", "stiftelsesprotokoll", "vedtekter"}  # the bylaws again, dated


@pytest.fixture
def two_orgs(tmp_path, pack_content):
    store = Store(tmp_path / "data")
    somali = store.create_session("Somalisk kvinneforening", "so")
    tamil = store.create_session("Tamilsk kulturklubb", "nb")
    conv = go_through(pack_content, store, somali, "founding", example("somali_drammen", pack_content))
    conv.add_comment(answer_target("org.name"), "Kari (frivillighetskoordinator)", MARK + " Skriv hele navnet.")
    go_through(pack_content, store, tamil, "founding", example("tamil_oslo", pack_content))
    yield store, somali, tamil
    store.close()


def test_zip_bundle_holds_exactly_that_organisations_documents(two_orgs, pack_content, tmp_path):
    store, somali, tamil = two_orgs
    out = tmp_path / "somali.zip"
    (b,) = bundle(pack_content, store, [somali], out, formats=("md", "html"), today=TODAY)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert {n.split("/")[0] for n in names} == {b.folder} and b.folder.startswith(f"{somali}-")
        assert {n.split("/")[1].rsplit(".", 1)[0] for n in names} == FOUNDING_DOCS
        assert len(names) == 2 * len(FOUNDING_DOCS)
        text = "".join(zf.read(n).decode("utf-8") for n in names)
    assert "Somalisk kvinneforening i Drammen" in text
    assert "Tamilsk kulturklubb" not in text  # nothing of the other organisation
    assert MARK not in text  # a comment is never part of a document


def test_bundle_all_has_one_folder_each(two_orgs, pack_content, tmp_path):
    store, somali, tamil = two_orgs
    out = tmp_path / "all.zip"
    bundle(pack_content, store, [somali, tamil], out, formats=("md",), today=TODAY)
    with zipfile.ZipFile(out) as zf:
        folders = {n.split("/")[0] for n in zf.namelist()}
        assert len(folders) == 2
        for folder in folders:
            docs = {n.split("/")[1][:-3] for n in zf.namelist() if n.startswith(folder + "/")}
            assert docs == FOUNDING_DOCS


def test_comment_is_shown_in_plain_review_and_never_in_written_documents(two_orgs, pack_content, tmp_path):
    import io

    from assistant.i18n import get_translator
    from assistant.plain import PlainUI

    store, somali, _ = two_orgs
    out = io.StringIO()
    lines = iter(["/review", "", "/quit"])
    ui = PlainUI(pack_content, store, get_translator("nb"), out_dir=tmp_path / "docs",
                 input_fn=lambda _p: next(lines), out=out)
    ui.run(session_id=somali, flow_id="bylaws")
    shown = out.getvalue()
    assert MARK in shown and "Kommentar fra Kari (frivillighetskoordinator)" in shown
    for path in (tmp_path / "docs").rglob("*"):
        if path.is_file() and path.suffix in (".md", ".txt", ".html"):
            assert MARK not in path.read_text(encoding="utf-8")


class _Dirs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.dirs: list[tuple[str, str | None, str | None]] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.dirs.append((tag, a.get("lang"), a.get("dir")))
        for key in ("src", "href"):
            if a.get(key):
                self.external.append(a[key])


def _parse(html: str) -> _Dirs:
    p = _Dirs()
    p.feed(html)
    return p


@pytest.mark.parametrize("locale", ["nb", "so", "ar"])
def test_handout_renders_with_the_norwegian_beside(two_orgs, pack_content, locale):
    store, somali, _ = two_orgs
    html = handout(pack_content, store, somali, today=TODAY, locale=locale)
    p = _parse(html)
    assert p.external == []  # nothing to load: no fonts, images, scripts or links
    assert "@page { size: A4" in html and "<script" not in html
    assert p.dirs[0] == ("html", locale, "rtl" if locale == "ar" else "ltr")
    assert "Somalisk kvinneforening" in html
    assert "Hvem kan hjelpe dere her" in html or locale != "nb"
    if locale == "nb":
        assert "Veien for Somalisk kvinneforening" in html
        assert ("td", "nb", "ltr") in p.dirs and not any(d[1] == "so" for d in p.dirs)
    else:
        assert ("td", locale, "rtl" if locale == "ar" else "ltr") in p.dirs  # the user's language
        assert ("td", "nb", "ltr") in p.dirs  # the Norwegian beside it
        assert "Veien for Somalisk kvinneforening" in html  # the Norwegian title too
    if locale == "so":
        assert "Jidka Somalisk kvinneforening" in html
    if locale == "ar":
        assert "الطريق لـ Somalisk kvinneforening" in html


def test_handout_escapes_the_name(tmp_path, pack_content):
    with Store(tmp_path / "d") as store:
        sid = store.create_session("<script>alert(1)</script>", "nb")
        html = handout(pack_content, store, sid, today=TODAY)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_sessions_bundle_and_handout_commands(two_orgs, tmp_path):
    store, somali, tamil = two_orgs
    data = str(store.dir)
    store.close()
    run = lambda *a: subprocess.run([sys.executable, "-m", "assistant", *a, "--data-dir", data, "--locale", "en"],  # noqa: E731
                                    capture_output=True, text=True, timeout=120)
    out = run("sessions", "bundle", str(tamil), "--out", str(tmp_path / "t.zip"))
    assert out.returncode == 0, out.stderr
    with zipfile.ZipFile(tmp_path / "t.zip") as zf:
        assert {n.split("/")[0] for n in zf.namelist()} == {f"{tamil}-Tamilsk-kulturklubb"}
    assert run("sessions", "bundle", "--out", str(tmp_path / "x.zip")).returncode == 2
    out = run("sessions", "handout", str(somali), "--out", str(tmp_path / "h.html"))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "h.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_local_scheme_application_draft_with_a_section_comment(tmp_path, pack_content):
    """The application writer writes the local scheme's draft; a comment on one of its sections
    is shown beside the draft and is never in it."""
    import json

    from assistant.feedback import draft_comment_lines
    from assistant.i18n import get_translator
    from assistant.profile import flatten
    from assistant.store.comments import section_target

    from .conftest import ROOT

    data = json.loads((ROOT / "tests/grants/examples/homework_application.json").read_text(encoding="utf-8"))
    answers = flatten(data, known=set(pack_content.known_keys())) | {"grant.scheme": "drammen_flyktninger"}
    with Store(tmp_path / "d") as store:
        sid = store.create_session("Fjell leksehjelp", "nb")
        conv = go_through(pack_content, store, sid, "grant_application", answers)
        conv.add_comment(section_target("drammen_flyktninger", "activities"), "Kari", MARK + " Legg til datoer.")
        shown = draft_comment_lines(conv, get_translator("nb"))
        assert shown[0] == "Fremdriftsplan:" and MARK in shown[1] and "Kommentar fra Kari" in shown[1]
        out = tmp_path / "b.zip"
        (b,) = bundle(pack_content, store, [sid], out, formats=("md",), today=TODAY)
    assert b.files and not b.refused
    with zipfile.ZipFile(out) as zf:
        text = "".join(zf.read(n).decode("utf-8") for n in zf.namelist())
    assert "Fremdriftsplan" in text and "Drammen kommune" in text  # the local scheme's own form
    assert MARK not in text
