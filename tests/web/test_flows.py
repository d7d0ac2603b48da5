"""Every flow can be walked to its end in the web front end, over plain HTTP, with no server
error on any page, and the answers end up in the store as the engine normalised them."""

from __future__ import annotations

import html
import re
import sqlite3

import pytest

from tests.web.test_access import Client, server  # noqa: F401  (the module's server fixture)

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


ALTERNATIVES = {"date": ["15.03.2026", "15.03.2027", "01.01.2020"], "money": ["5000", "0", "100", "50000"],
                "integer": ["12", "2026", "2", "100"], "text": ["Drammen", "2026", "Amina Ali", "18.00"]}


def answer(page: str, attempt: int = 0) -> tuple[str | None, dict]:
    """(where to post, the form) for a valid answer to whatever the page asks."""
    csrf = CSRF.search(page).group(1)
    if 'data-page="check"' in page:
        return re.search(r'<form method="post" action="([^"]+)"', page).group(1).replace("&amp;", "&"), \
            {"csrf": csrf, "choice": "keep"}
    kind = re.search(r'data-kind="([a-z]+)"', page)
    if not kind:
        return None, {"csrf": csrf, "action": "go_on"}
    kind = kind.group(1)
    form = {"csrf": csrf, "action": "answer", "step": re.search(r'name="step" value="([^"]+)"', page).group(1)}
    first = re.search(r'id="answer-0" name="answer" value="([^"]+)"', page)
    example = re.search(r'</strong> <span lang="[^"]+">(.*?)</span>', page, re.S)
    if kind in ("choice", "multichoice"):
        form["answer"] = first.group(1)
    elif kind == "yesno":
        form["answer"] = "yes"
    elif kind == "people":
        form["rows"] = re.search(r'name="rows" value="(\d+)"', page).group(1)
        form["name-0"], form["name-1"] = "Amina Ali", "Omar Hassan"
        roles = re.findall(r'<option value="([^"]+)"', page)
        if roles:
            form["role-0"] = "chair" if "chair" in roles else roles[0]
            form["role-1"] = "member" if "member" in roles else roles[-1]
    elif attempt == 1 and example:  # refused once: the question's own example answer
        form["answer"] = html.unescape(example.group(1))
    elif kind in ALTERNATIVES:
        options = ALTERNATIVES[kind]
        form["answer"] = options[attempt % len(options)]
    else:
        form["answer"] = {"phone": "+47 912 34 567", "email": "leder@forening.no", "orgnr": "974760673",
                          "account": "12345678903",
                          "longtext": "Foreningen skal hjelpe kvinner i Drammen med å lære norsk."}[kind]
    return None, form


@pytest.mark.parametrize("flow", ["founding", "bylaws", "registration", "annual_meeting", "grant_finder",
                                  "grant_application", "grant_report"])
def test_every_flow_walks_to_its_end(server, flow):  # noqa: F811
    c = Client(server)
    c.join()
    c.request("POST", "/start", {"csrf": c.csrf(), "name": f"Flyt {flow}"})
    status, _, page = c.request("GET", f"/flow/{flow}")
    seen = []
    attempt = 0
    for _ in range(300):
        assert status in (200, 400), (flow, status, seen[-3:])  # 400: an answer refused, the page again
        kind = re.search(r'data-page="([a-z]+)"', page).group(1)
        seen.append(kind)
        if kind == "finished":
            break
        attempt = attempt + 1 if status == 400 else 0
        if attempt:
            assert 'class="error-summary"' in page and 'aria-invalid="true"' in page or "<select" in page
        if attempt > 4:
            pytest.fail(f"{flow}: stuck on a refused answer: " + re.sub(r"<[^>]+>", " ", page)[-600:])
        target, form = answer(page, attempt)
        status, headers, page = c.request("POST", target or f"/flow/{flow}", form)
        if status == 303:
            status, _, page = c.request("GET", headers["location"])
    assert seen[-1] == "finished", (flow, seen[-5:])
    assert "question" in seen
    conn = sqlite3.connect(server.data / "veiviser.db")
    n = conn.execute("SELECT COUNT(*) FROM answers a JOIN sessions s ON s.id = a.session_id WHERE s.name = ?",
                     (f"Flyt {flow}",)).fetchone()[0]
    conn.close()
    assert n > 0


def test_an_old_page_never_answers_another_question(server):  # noqa: F811
    c = Client(server)
    c.join()
    c.request("POST", "/start", {"csrf": c.csrf(), "name": "Two tabs"})
    status, _, page = c.request("GET", "/flow/registration")
    while 'data-kind="text"' not in page:
        _t, form = answer(page)
        status, headers, page = c.request("POST", "/flow/registration", form)
        status, _, page = c.request("GET", headers["location"])
    _t, old = answer(page)
    old["answer"] = "First answer"
    assert c.request("POST", "/flow/registration", old)[0] == 303
    _s, _h, now = c.request("GET", "/flow/registration")
    assert re.search(r'name="step" value="([^"]+)"', now).group(1) != old["step"]
    again = dict(old, answer="Sent again from an old tab")
    assert c.request("POST", "/flow/registration", again)[0] == 303
    _s, _h, review = c.request("GET", "/flow/registration/review")
    assert "First answer" in review and "Sent again" not in review
