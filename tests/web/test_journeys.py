"""The browser journeys of the web front end, in Debian's chromium against a real server."""

from __future__ import annotations

import io
import re
from pathlib import Path

from tests.web.conftest import PASSCODE, answer_current, join, start_org


def kind(page) -> str:
    return page.locator("body").get_attribute("data-page")


def test_founding_journey(server, context, tmp_path):
    page = context.new_page()
    page.goto(server.url + "/roadmap")
    assert page.url.endswith("/join")  # every page asks for the passcode first

    # a wrong passcode: the error summary, linked to the field and focused
    page.fill("#passcode", "wrong")
    page.click("main button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.get_attribute(".error-summary a", "href") == "#passcode"
    assert page.title().startswith(page.inner_text(".error-summary h2"))
    page.fill("#passcode", PASSCODE)
    page.click("main button[type=submit]")
    assert kind(page) == "start"

    code = start_org(page, "Kvinneforum Fjell")
    assert len(code.split()) == 3
    assert kind(page) == "roadmap" and "Kvinneforum Fjell" in page.inner_text("h1")
    assert "Kvinneforum" not in page.url

    page.click("a[href='/flow/founding']")
    assert kind(page) == "info"
    page.click("button[value=go_on]")
    page.click("button[value=go_on]")
    # the bylaws are drafted first: no draft yet, so the founding guide says so, and goes on
    assert kind(page) == "info"
    page.click("button[value=go_on]")
    # the name question starts with the organisation's name
    assert page.get_attribute("form.question", "data-kind") == "text"
    assert page.input_value("#answer") == "Kvinneforum Fjell"
    page.click("button[value=answer]")

    # a validation error on the purpose: message beside the field, input kept, focus on the summary
    assert page.get_attribute("form.question", "data-kind") == "longtext"
    page.fill("#answer", "Kort")
    page.click("button[value=answer]")
    assert page.locator(".error-summary").is_visible()
    assert page.get_attribute(".error-summary a", "href") == "#answer"
    assert page.get_attribute("#answer", "aria-invalid") == "true"
    assert "answer-error" in page.get_attribute("#answer", "aria-describedby")
    assert page.input_value("#answer") == "Kort"
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    page.click(".error-summary a")
    assert page.evaluate("document.activeElement.id") == "answer"

    # an answer that is not Norwegian goes into a Norwegian document: the language check
    page.fill("#answer", "We help women in Drammen to learn Norwegian and to find work together.")
    page.click("button[value=answer]")
    assert kind(page) == "check"
    page.check("#choice-2")  # keep it, and mark it for translation
    page.click("main button[type=submit]")
    assert page.get_attribute("form.question", "data-kind") == "text"  # municipality

    # back: the purpose again, with the answer kept
    page.click("button[value=back]")
    assert "We help women" in page.input_value("#answer")
    page.click("button[value=answer]")
    assert kind(page) == "check"
    page.check("#choice-0")
    page.click("main button[type=submit]")

    # switch to Arabic: the page is right to left, the answers stay
    page.click("a[hreflang=ar]")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
    page.fill("#answer", "Drammen")
    page.click("button[value=answer]")
    assert page.get_attribute("html", "dir") == "rtl"  # the language is kept
    page.click("a[hreflang=nb]")
    assert page.get_attribute("html", "dir") == "ltr"

    # the rest of the flow, up to the review
    chair_checked = False
    for _ in range(60):
        if kind(page) == "review":
            break
        if page.locator("input[name=step][value=meeting_chair]").count() and not chair_checked:
            # the chair is chosen from the people present; someone else breaks the rule beside the field
            offered = page.locator("#known-people option")
            assert [offered.nth(i).get_attribute("value") for i in range(offered.count())] == ["Amina Ali",
                                                                                              "Omar Hassan"]
            assert page.get_attribute("#answer", "list") == "known-people"
            page.fill("#answer", "Nobody Here")
            page.click("button[value=answer]")
            assert page.locator(".error-summary").is_visible()
            assert page.get_attribute("#answer", "aria-invalid") == "true"
            assert "en av dem som var på møtet" in page.inner_text("#answer-error")  # the rule, in nb
            assert page.input_value("#answer") == "Nobody Here"
            chair_checked = True
        answer_current(page)
    assert chair_checked
    assert kind(page) == "review"
    assert "marked for translation" not in page.inner_text("main")

    # review and edit: change the organisation's name, come back to the review
    page.click("button[value='edit:name']")
    assert page.locator("p.editing").count() == 1
    page.fill("#answer", "Kvinneforum Fjell & Co <b>")
    page.click("button[value=answer]")
    assert kind(page) == "review"
    assert "Kvinneforum Fjell & Co <b>" in page.inner_text("dl.summary")
    page.click("button[value=go_on]")

    # the protocol: preview, download, open
    assert kind(page) == "document"
    page.click(".document summary")
    assert "Kvinneforum Fjell & Co <b>" in page.inner_text(".paper")
    with page.expect_download() as info:
        page.click("a[href$='/download/stiftelsesprotokoll.html']")
    html_path = tmp_path / "protocol.html"
    info.value.save_as(html_path)
    with page.expect_download() as info:
        page.click("a[href$='/download/stiftelsesprotokoll.docx']")
    docx_path = tmp_path / "protocol.docx"
    info.value.save_as(docx_path)
    page.click("button[value=go_on]")
    for _ in range(5):
        if kind(page) == "finished":
            break
        answer_current(page)
    assert kind(page) == "finished"

    viewer = context.new_page()
    viewer.goto(html_path.as_uri())
    assert re.search("protokoll", viewer.inner_text("h1"), re.I)
    assert "Kvinneforum Fjell & Co <b>" in viewer.inner_text("body")
    assert viewer.locator("b").count() == 0  # the user's "<b>" is text, not markup
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(docx_path.read_bytes())).paragraphs)
    assert "Kvinneforum Fjell & Co <b>" in text
    assert "Amina Ali" in text

    # a second browser: it cannot see or open the first organisation, by URL or by code
    other = context.browser.new_context(accept_downloads=True)
    try:
        p2 = other.new_page()
        for url in ("/roadmap", "/flow/founding", "/flow/founding/review",
                    "/flow/founding/download/stiftelsesprotokoll.html"):
            p2.goto(server.url + url)
            assert p2.url.endswith("/join"), url
        join(p2, server)
        for url in ("/roadmap", "/flow/founding", "/flow/founding/review"):
            p2.goto(server.url + url)
            assert kind(p2) == "start", url
            assert "Kvinneforum" not in p2.content()
        wrong = " ".join(reversed(code.split()))
        p2.fill("#code", wrong if wrong != code else "not a code")
        p2.click("form[action='/resume'] button")
        assert p2.locator(".error-summary").is_visible()
        assert "Kvinneforum" not in p2.content()
        start_org(p2, "Another group")
        p2.goto(server.url + "/flow/founding/review")
        assert "Kvinneforum" not in p2.content()
        resp = p2.request.get(server.url + "/flow/founding/download/stiftelsesprotokoll.md")
        assert "Kvinneforum" not in resp.text()
    finally:
        other.close()

    # the first participant comes back on another device with the code
    third = context.browser.new_context()
    try:
        p3 = third.new_page()
        join(p3, server)
        p3.fill("#code", code.upper().replace(" ", "  "))
        p3.click("form[action='/resume'] button")
        assert kind(p3) == "roadmap"
        assert "Kvinneforum Fjell" in p3.inner_text("h1")
        p3.goto(server.url + "/flow/founding/review")
        assert "Kvinneforum Fjell & Co <b>" in p3.inner_text("dl.summary")
    finally:
        third.close()
    assert Path(html_path).stat().st_size > 0
