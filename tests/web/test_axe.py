"""axe-core (from the npm registry, injected into the page) on every kind of page, in nb and ar:
no serious or critical violations. The same pages do not scroll sideways on a 360 px phone (nb)
or at 320 CSS px, which is a 1280 px screen at 400 % zoom (ar)."""

from __future__ import annotations

import pytest

from tests.web.conftest import AXE, PASSCODE, answer_current

RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + " (" + v.impact + "): " + v.nodes.map(n => n.target.join(" ")).join(", "));
}"""


def signature(page) -> str:
    kind = page.locator("body").get_attribute("data-page")
    form = page.locator("form.question")
    if form.count():
        kind += ":" + form.get_attribute("data-kind")
    if page.locator(".error-summary").count():
        kind += ":error"
    return kind


@pytest.mark.parametrize("lang", ["nb", "ar"])
def test_no_serious_accessibility_problems(server, browser, lang):
    if not AXE.exists():
        pytest.skip(f"axe-core is not at {AXE}: npm install --prefix .cache/axe axe-core (.ci/run does)")
    width = 360 if lang == "nb" else 320
    ctx = browser.new_context(bypass_csp=True, accept_downloads=True,  # bypass_csp: to inject axe
                              viewport={"width": width, "height": 720})
    ctx.set_default_timeout(8000)
    page = ctx.new_page()
    checked: dict[str, list[str]] = {}

    def audit() -> None:
        sig = signature(page)
        if sig in checked:
            return
        assert page.get_attribute("html", "lang") == lang
        assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{sig}: {overflow} px wide at {width} px"
        page.add_script_tag(path=str(AXE))
        checked[sig] = page.evaluate(RUN)

    try:
        page.goto(f"{server.url}/join?lang={lang}")
        audit()
        page.fill("#passcode", "wrong")
        page.click("main button[type=submit]")
        audit()
        page.fill("#passcode", PASSCODE)
        page.click("main button[type=submit]")
        audit()  # start
        page.click("form[action='/start'] button")  # no name: an error
        audit()
        page.fill("#name", "Axe forening")
        page.click("form[action='/start'] button")
        audit()  # the code
        page.click("a.button")
        audit()  # roadmap
        page.goto(server.url + "/nowhere")
        audit()
        page.goto(server.url + "/flow/founding/review")
        checked.pop("review", None)
        audit()
        page.goto(server.url + "/flow/founding")
        purpose_done = error_done = False
        for _ in range(80):
            audit()
            form = page.locator("form.question")
            if form.count() and form.get_attribute("data-kind") == "longtext" and not purpose_done:
                page.fill("#answer", "x")
                page.click("button[value=answer]")
                audit()  # a question with an error
                page.fill("#answer", "We help women in Drammen to learn Norwegian and to find work together.")
                page.click("button[value=answer]")
                audit()  # the language check
                page.click("main button[type=submit]")
                purpose_done = error_done = True
                continue
            if answer_current(page) == "end":
                break
        assert error_done
        # choices and several choices: the bylaws guide has both
        page.goto(server.url + "/flow/bylaws")
        for _ in range(60):
            audit()
            if any(k in checked for k in ("question:choice", "question:multichoice")) and \
                    "question:multichoice" in checked:
                break
            if answer_current(page) == "end":
                break
    finally:
        ctx.close()
    for kind in ("join", "join:error", "start", "start:error", "code", "roadmap", "message", "review", "info",
                 "question:text", "question:longtext", "question:longtext:error", "question:date",
                 "question:people", "question:yesno", "question:money", "check", "document", "finished",
                 "question:choice"):
        assert kind in checked, f"{kind} not audited; audited: {sorted(checked)}"
    problems = {k: v for k, v in checked.items() if v}
    assert problems == {}, problems
