"""The coordinator's view in the browser (/facilitator) against a real ``veiviser serve`` process
with a workshop passcode and a facilitator passcode, and Debian's chromium.

Three organisations are made in the store before the server starts, through Conversations as a
user would (one has finished the founding and marked an answer for translation, one has written
a grant application, one has answers that make two documents disagree). The coordinator signs
in, sees all three with their stages and flags, searches, opens one read-only and comments on a
section of its application draft and on an answer; the organisation's own browser sees both
comments beside the section and the answer, and marks them done; the coordinator sees them done.
The comments are never in a downloaded document or in the bundle.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.web.conftest import AXE, PASSCODE, ROOT, Server, free_port
from tests.web.test_access import Client

FAC_PASSCODE = "green fjord 7"
CODE = "sol hus bok"  # the resume code of the organisation that writes the application
SECTION_NOTE = "Skriv datoene for <b>hver</b> aktivitet & hvem som gjør hva."
ANSWER_NOTE = "Tittelen er fin. Skriv den likt i budsjettet."
SCHEME = "municipal_activity"


def _example(path: Path, content) -> dict:
    from assistant.profile import flatten

    return flatten(json.loads(path.read_text(encoding="utf-8")), known=set(content.known_keys()))


def _go_through(content, store, sid: int, flow_id: str, answers: dict):
    from assistant.content.models import QuestionStep
    from assistant.session import Conversation

    conv = Conversation(store, sid, content, flow_id)
    for _ in range(20 * len(conv.flow.steps)):
        step = conv.current
        if step is None:
            return conv
        if isinstance(step, QuestionStep):
            conv.submit(answers.get(step.key))
        else:
            conv.acknowledge()
    raise AssertionError(f"{flow_id} did not finish")


def make_three(data: Path) -> dict:
    """Three organisations in the store; returns their ids and the overview's rows (nb)."""
    from assistant.content.loader import load_content
    from assistant.facilitator import flag_list, overview
    from assistant.i18n import get_translator
    from assistant.session import Conversation
    from assistant.store import Store
    from assistant.store import web as codes

    content = load_content(check=False)
    with Store(data) as store:
        somali = store.create_session("Somalisk kvinneforening", "so")
        _go_through(content, store, somali, "founding",
                    _example(ROOT / "tests/content/examples/somali_drammen.json", content))
        Conversation(store, somali, content, "bylaws").mark_for_translation("org.purpose")
        homework = store.create_session("Fjell leksehjelp", "nb")
        answers = _example(ROOT / "tests/grants/examples/homework_application.json", content)
        assert answers["grant.scheme"] == SCHEME
        _go_through(content, store, homework, "grant_application", answers)
        assert codes.add_code(store, homework, CODE)
        ukrainian = store.create_session("Ukrainsk forening Bergen", "uk")
        # the people who sign the protocol were not at the meeting: two documents disagree
        store.save_answer(ukrainian, "founding.founders", [{"name": "Olena Koval", "role": "member"}])
        store.save_answer(ukrainian, "founding.signers", [{"name": "Ivan Petrenko", "role": "member"}])
        Conversation(store, ukrainian, content, "founding").acknowledge()
        nb = get_translator("nb")
        rows = {r.id: {"stage": r.stage_title, "flags": flag_list(nb, r), "kinds": r.flags}
                for r in overview(content, store, nb)}
    return {"somali": somali, "homework": homework, "ukrainian": ukrainian, "rows": rows}


@pytest.fixture(scope="module")
def fac(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("facilitator")
    orgs = make_three(tmp / "data")
    (tmp / "fac.txt").write_text(FAC_PASSCODE + "\n", encoding="utf-8")
    s = Server(tmp, extra=("--facilitator-passcode-file", str(tmp / "fac.txt")))
    s.orgs = orgs
    yield s
    s.stop()


def new_page(browser, **kw):
    ctx = browser.new_context(accept_downloads=True, locale="nb-NO", **kw)
    ctx.set_default_timeout(20000)
    return ctx, ctx.new_page()


def sign_in(page, server, passcode: str = FAC_PASSCODE, name: str = "Kari Nordmann") -> None:
    page.goto(server.url + "/facilitator")
    page.fill("#name", name)
    page.fill("#passcode", passcode)
    page.click("main button[type=submit]")


def row(page, sid: int):
    return page.locator(f"li.org[data-org='{sid}']")


def download_text(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path()).read_bytes()


def test_facilitator_signs_in_comments_and_the_organisation_marks_done(fac, browser):
    orgs, rows = fac.orgs, fac.orgs["rows"]
    assert "translation" in rows[orgs["somali"]]["kinds"] and "conflicts" in rows[orgs["ukrainian"]]["kinds"]
    fctx, fp = new_page(browser)
    octx, op = new_page(browser)
    try:
        # the participants' passcode is not the coordinators': refused, still on the sign-in page
        sign_in(fp, fac, passcode=PASSCODE)
        fp.locator("#passcode-error").wait_for()
        assert fp.url.endswith("/facilitator/join") and fp.locator("li.org").count() == 0
        sign_in(fp, fac)
        fp.wait_for_url(re.compile(r"/facilitator$"))
        assert fp.locator("li.org").count() == 3
        for name, sid in (("Somalisk kvinneforening", orgs["somali"]), ("Fjell leksehjelp", orgs["homework"]),
                          ("Ukrainsk forening Bergen", orgs["ukrainian"])):
            text = row(fp, sid).inner_text()
            assert name in text and f"Neste på veikartet: {rows[sid]['stage']}" in text
            for flag in rows[sid]["flags"]:
                assert flag in text
        assert "merket for oversettelse" in row(fp, orgs["somali"]).inner_text()
        assert "Dokumenter som ikke stemmer med hverandre: 1" in row(fp, orgs["ukrainian"]).inner_text()
        assert "Skriv en søknad om tilskudd" in row(fp, orgs["homework"]).inner_text()
        assert "Kommentarer å lese" not in fp.locator("ul.orgs").inner_text()

        # search, and open the one found: read-only
        fp.fill("#q", "leksehjelp")
        fp.click("form.search button")
        fp.wait_for_url(re.compile(r"q=leksehjelp"))
        assert fp.locator("li.org").count() == 1 and row(fp, orgs["homework"]).count() == 1
        fp.click(f"li.org[data-org='{orgs['homework']}'] h2 a")
        fp.wait_for_url(re.compile(rf"/facilitator/org/{orgs['homework']}$"))
        assert fp.locator("main > h1").inner_text() == "Fjell leksehjelp"
        assert "Leksehjelp for barn på Fjell" in fp.locator("main").inner_text()
        assert fp.locator("form[action^='/flow/'], [name=answer], button[value^='edit:']").count() == 0
        forms = fp.locator("main form")
        assert all(forms.nth(i).get_attribute("action").endswith("/comment") for i in range(forms.count()))

        # a comment on a section of the application draft, and one on an answer
        section = fp.locator(f"[data-target='section:{SCHEME}/activities']")
        section.locator("summary").click()
        section.locator("textarea").fill(SECTION_NOTE)
        section.locator("button[type=submit]").click()
        section.locator(".comment").wait_for()
        assert SECTION_NOTE in section.locator(".comment-text").inner_text()  # as text, not markup
        assert section.locator(".comment b").count() == 0
        assert "Kommentar fra Kari Nordmann" in section.inner_text()
        answer = fp.locator("[data-target='answer:grant.title']")
        answer.locator("summary").click()
        answer.locator("textarea").fill(ANSWER_NOTE)
        answer.locator("button[type=submit]").click()
        answer.locator(".comment").wait_for()
        fp.goto(fac.url + "/facilitator")
        assert "Kommentarer å lese: 2" in row(fp, orgs["homework"]).inner_text()

        # the organisation's own browser: the comment beside the section, marked done there
        op.goto(fac.url + "/")
        op.fill("#passcode", PASSCODE)
        op.click("main button[type=submit]")
        op.fill("#code", CODE)
        op.click("form[action='/resume'] button")
        op.wait_for_url(re.compile(r"/roadmap$"))
        op.goto(fac.url + "/flow/grant_application")
        beside = op.locator("#section-activities")
        assert "Aktiviteter" in beside.locator("h3").inner_text()
        assert SECTION_NOTE in beside.locator(".comment-text").inner_text()
        assert "Kommentar fra Kari Nordmann" in beside.inner_text()
        # ... and never in a document it downloads
        links = op.locator("ul.downloads a")
        assert links.count() >= 2
        for i in range(links.count()):
            href = links.nth(i).get_attribute("href")
            if href.endswith((".md", ".html")):
                body = download_text(op, links.nth(i)).decode("utf-8")
                assert "Leksehjelp for barn på Fjell" in body
                assert "Kari Nordmann" not in body and "Skriv datoene" not in body and ANSWER_NOTE not in body
        beside.locator("button", has_text="Merk som ferdig").click()
        op.locator("#section-activities .comment.is-done").wait_for()
        assert op.url.endswith("/flow/grant_application")
        done = op.locator("#section-activities .comment")
        assert done.count() == 1 and "ferdig" in done.inner_text()
        assert done.locator("button").count() == 0

        # the comment on the answer: in the list of answers, beside that answer
        op.goto(fac.url + "/flow/grant_application/review")
        beside = op.locator(".summary-row", has=op.locator(".comment-text", has_text=ANSWER_NOTE))
        assert beside.count() == 1 and "Leksehjelp for barn på Fjell" in beside.locator(".value").inner_text()
        # ... and under the question itself, when the organisation opens it to change it
        beside.locator("button[value^='edit:']").click()
        op.locator("section.feedback .comment-text", has_text=ANSWER_NOTE).wait_for()
        assert op.input_value("#answer") == "Leksehjelp for barn på Fjell"
        assert "Kommentarer fra koordinatoren din" in op.locator("section.feedback").inner_text()
        op.click("button[value=cancel]")
        op.locator("form.question").wait_for(state="detached")
        op.goto(fac.url + "/flow/grant_application/review")
        beside = op.locator(".summary-row", has=op.locator(".comment-text", has_text=ANSWER_NOTE))
        beside.locator("button", has_text="Merk som ferdig").click()
        op.locator(".comment.is-done", has_text=ANSWER_NOTE).wait_for()
        assert op.url.endswith("/flow/grant_application/review")
        assert "ferdig" in op.locator(".comment", has_text=ANSWER_NOTE).inner_text()
        assert op.locator("button", has_text="Merk som ferdig").count() == 0

        # the coordinator sees both done, and no comments left to read
        fp.goto(fac.url + f"/facilitator/org/{orgs['homework']}")
        for target in (f"section:{SCHEME}/activities", "answer:grant.title"):
            c = fp.locator(f"[data-target='{target}'] .comment")
            assert c.count() == 1 and "is-done" in c.get_attribute("class")
        fp.goto(fac.url + "/facilitator")
        assert "Kommentarer å lese" not in row(fp, orgs["homework"]).inner_text()

        # the bundle of that organisation, and of all three: documents, never comments
        fp.goto(fac.url + f"/facilitator/org/{orgs['homework']}")
        data = download_text(fp, fp.locator("a[href$='/bundle.zip']"))
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            texts = [zf.read(n).decode("utf-8") for n in names if n.endswith((".md", ".html", ".txt"))]
        assert names and all(n.startswith(f"{orgs['homework']}-") for n in names)
        assert texts and not any(ANSWER_NOTE in t or "Skriv datoene" in t for t in texts)
        fp.goto(fac.url + "/facilitator")
        data = download_text(fp, fp.locator("a[href='/facilitator/bundle.zip']"))
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            folders = {n.split("/", 1)[0].split("-", 1)[0] for n in zf.namelist()}
        assert str(orgs["homework"]) in folders and str(orgs["somali"]) in folders

        # the handout: its own page, styled (the CSP allows exactly its style), in its language
        fp.goto(fac.url + f"/facilitator/org/{orgs['somali']}/handout")
        assert fp.get_attribute("html", "lang") == "so"
        assert "Somalisk kvinneforening" in fp.locator("h1").inner_text()
        assert fp.evaluate("getComputedStyle(document.querySelector('h1')).fontSize") == "24px"  # 18pt
    finally:
        fctx.close()
        octx.close()


def test_a_participant_cookie_cannot_open_the_facilitator_pages(fac, browser):
    orgs = fac.orgs
    ctx, page = new_page(browser)
    try:
        page.goto(fac.url + "/")
        page.fill("#passcode", PASSCODE)
        page.click("main button[type=submit]")
        page.fill("#code", CODE)
        page.click("form[action='/resume'] button")
        page.wait_for_url(re.compile(r"/roadmap$"))
        for path in ("/facilitator", f"/facilitator/org/{orgs['homework']}", "/facilitator/bundle.zip"):
            page.goto(fac.url + path)
            assert page.url.endswith("/facilitator/join"), path
            assert page.locator("li.org, .summary-row").count() == 0
    finally:
        ctx.close()
    # over plain HTTP with the participant's signed cookie and its CSRF token: nothing opens,
    # no comment is stored
    c = Client(fac)
    c.join()
    token = c.csrf("/")
    status, headers, _ = c.request("POST", "/resume", {"csrf": token, "code": CODE})
    assert status == 303 and headers["location"] == "/roadmap"
    for path in ("/facilitator", f"/facilitator/org/{orgs['somali']}", f"/facilitator/org/{orgs['somali']}/handout",
                 f"/facilitator/org/{orgs['somali']}/bundle.zip", "/facilitator/bundle.zip"):
        status, headers, _ = c.request("GET", path)
        assert status == 303 and headers["location"] == "/facilitator/join", path
    status, headers, _ = c.request("POST", f"/facilitator/org/{orgs['somali']}/comment",
                                   {"csrf": token, "target": "answer:org.name", "text": "Sneaky"})
    assert status == 303 and headers["location"] == "/facilitator/join"
    # signed in as the coordinator, the same browser still cannot comment without the CSRF token
    f = Client(fac)
    token = f.csrf("/facilitator/join")
    status, headers, _ = f.request("POST", "/facilitator/join",
                                   {"csrf": token, "name": "Kari", "passcode": FAC_PASSCODE})
    assert status == 303 and headers["location"] == "/facilitator"
    assert f.request("POST", f"/facilitator/org/{orgs['somali']}/comment",
                     {"target": "answer:org.name", "text": "No token"})[0] == 403
    status, _, text = f.request("GET", f"/facilitator/org/{orgs['somali']}")
    assert status == 200 and "Sneaky" not in text and "No token" not in text
    # an organisation cannot mark another organisation's comment done
    assert f.request("POST", f"/facilitator/org/{orgs['somali']}/comment",
                     {"csrf": token, "target": "answer:org.name", "text": "Somali note"})[0] == 303
    cid = int(re.search(r'id="comment-(\d+)"', f.request("GET", f"/facilitator/org/{orgs['somali']}")[2]).group(1))
    assert c.request("POST", f"/comments/{cid}/done", {"csrf": c.csrf("/roadmap"), "back": "/roadmap"})[0] == 404
    assert "is-done" not in f.request("GET", f"/facilitator/org/{orgs['somali']}")[2]


def test_wrong_facilitator_passcodes_are_refused_and_rate_limited(tmp_path):
    (tmp_path / "fac.txt").write_text(FAC_PASSCODE, encoding="utf-8")
    s = Server(tmp_path, extra=("--facilitator-passcode-file", str(tmp_path / "fac.txt")))
    try:
        c = Client(s)
        token = c.csrf("/facilitator/join")
        for _ in range(10):
            status, _, text = c.request("POST", "/facilitator/join",
                                        {"csrf": token, "name": "Kari", "passcode": PASSCODE})
            assert status == 400 and 'aria-invalid="true"' in text
        status, _, _ = c.request("POST", "/facilitator/join",
                                 {"csrf": token, "name": "Kari", "passcode": FAC_PASSCODE})
        assert status == 429  # even the right passcode, until the minute has passed
        assert c.request("GET", "/facilitator")[0] == 303
        # the participants' own gate is counted apart: a participant can still join
        p = Client(s)
        assert p.join()[0] == 303
    finally:
        s.stop()


def test_without_a_facilitator_passcode_there_is_no_facilitator_view(server):
    c = Client(server)
    c.join()
    for path in ("/facilitator", "/facilitator/join", "/facilitator/org/1"):
        assert c.request("GET", path)[0] == 404, path


def test_the_facilitator_passcode_must_differ_from_the_workshop_passcode(tmp_path):
    (tmp_path / "p.txt").write_text(PASSCODE, encoding="utf-8")
    (tmp_path / "f.txt").write_text(PASSCODE.upper(), encoding="utf-8")
    cmd = [sys.executable, "-m", "assistant", "serve", "--port", str(free_port()), "--data-dir", str(tmp_path / "d"),
           "--passcode-file", str(tmp_path / "p.txt"), "--facilitator-passcode-file", str(tmp_path / "f.txt"),
           "--locale", "en"]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "must not be the same" in result.stderr


RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + " (" + v.impact + "): " + v.nodes.map(n => n.target.join(" ")).join(", "));
}"""


@pytest.mark.parametrize("lang", ["nb", "ar"])
def test_facilitator_pages_have_no_serious_accessibility_problems(fac, browser, lang):
    if not AXE.exists():
        pytest.skip(f"axe-core is not at {AXE}: npm install --prefix .cache/axe axe-core (.ci/run does)")
    width = 360 if lang == "nb" else 320
    ctx = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 720})
    ctx.set_default_timeout(20000)
    page = ctx.new_page()
    found: dict[str, list[str]] = {}

    def audit(name: str) -> None:
        assert page.get_attribute("html", "lang") == lang
        assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{name}: {overflow} px wide at {width} px"
        page.add_script_tag(path=str(AXE))
        found[name] = page.evaluate(RUN)

    try:
        page.goto(f"{fac.url}/facilitator/join?lang={lang}")
        audit("join")
        page.fill("#name", "Kari")
        page.fill("#passcode", "wrong")
        page.click("main button[type=submit]")
        page.locator("#passcode-error").wait_for()
        audit("join:error")
        page.fill("#passcode", FAC_PASSCODE)
        page.click("main button[type=submit]")
        page.wait_for_url(re.compile(r"/facilitator$"))
        audit("list")
        page.goto(f"{fac.url}/facilitator?q=nothing-like-this")
        audit("list:empty")
        page.goto(f"{fac.url}/facilitator/org/{fac.orgs['homework']}")
        audit("org")  # with its draft, comments (from the test before, or none) and forms
    finally:
        ctx.close()
    assert {k: v for k, v in found.items() if v} == {}
