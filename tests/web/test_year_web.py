"""The rest of the year in the web front end, over plain HTTP against a real server: "apply
again" after a rejection leads to the application, the funder's notes are beside the question
of the part they are about (inside the field's description, for screen readers), and never in
the downloaded draft; the accounts' income is filled in from the grants."""

from __future__ import annotations

import html
import json
import re
import sqlite3
from pathlib import Path

from assistant.store import Store
from tests.web.test_access import Client, server  # noqa: F401  (the module's server fixture)
from tests.web.test_flows import answer

APPLICATION = Path(__file__).parents[1] / "grants" / "examples" / "homework_application.json"
NOTE = "Dere må si hvor mange som deltar."


def _session(server, name: str) -> int:  # noqa: F811
    conn = sqlite3.connect(server.data / "veiviser.db")
    try:
        return conn.execute("SELECT id FROM sessions WHERE name = ?", (name,)).fetchone()[0]
    finally:
        conn.close()


def _started(server, name: str, answers: dict) -> tuple[Client, int]:  # noqa: F811
    c = Client(server)
    c.join()
    c.request("POST", "/start", {"csrf": c.csrf(), "name": name})
    sid = _session(server, name)
    with Store(server.data) as store:  # what the organisation answered earlier
        for key, value in answers.items():
            store.save_answer(sid, key, value)
    return c, sid


def _hint(page: str) -> str:
    return page.split('id="answer-hint"')[1].split("</div>\n")[0]


def test_apply_again_opens_the_application_with_the_notes_beside(server):  # noqa: F811
    answers = json.loads(APPLICATION.read_text(encoding="utf-8"))
    answers.update({"grant.scheme": "imdi_local", "answer.outcome": "rejected", "answer.decision_date": "2026-11-20",
                    "answer.reference": "26/01234", "answer.complain": False, "contact.phone": "+4791234567",
                    "answer.feedback": f"Målgruppe: {NOTE}\nSøknaden kom sent."})
    c, sid = _started(server, "Fjell på nett", answers)
    status, headers, page = c.request("GET", "/flow/grant_answer")
    for _ in range(30):
        assert status == 200, status
        _target, form = answer(page)
        status, headers, page = c.request("POST", "/flow/grant_answer", form)
        assert status == 303
        if headers["location"] != "/flow/grant_answer":
            break
        status, headers, page = c.request("GET", headers["location"])
    assert headers["location"] == "/flow/grant_application"
    status, _h, page = c.request("GET", "/flow/grant_application")
    assert 'name="step" value="scheme"' in page and 'value="imdi_local" checked' in page
    assert "Søknaden kom sent." in html.unescape(_hint(page))
    for _ in range(60):  # keep each answer as it stands, up to the target group
        if 'name="step" value="target_group"' in page:
            break
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        step = re.search(r'name="step" value="([^"]+)"', page)
        if step is None:
            form = {"csrf": csrf, "action": "go_on"}
        else:
            form = {"csrf": csrf, "action": "answer", "step": step.group(1)}
            value = re.search(r'<textarea id="answer" name="answer"[^>]*>(.*?)</textarea>', page, re.S) \
                or re.search(r'<input id="answer" name="answer" value="([^"]*)"', page) \
                or re.search(r'name="answer" value="([^"]+)" checked', page)
            form["answer"] = html.unescape(value.group(1)) if value else ""
        status, headers, page = c.request("POST", "/flow/grant_application", form)
        assert status == 303, re.sub(r"<[^>]+>", " ", page)[-400:]
        status, _h, page = c.request("GET", headers["location"])
    hint = html.unescape(_hint(page))
    assert NOTE in hint and "30 barn i 5. til 10. klasse" in html.unescape(page)
    assert "Søknaden kom sent." not in hint  # the note about the whole is at the grant and the officer
    with Store(server.data) as store:
        assert store.answers(sid)["grant.target_group"] == answers["grant.target_group"]
    status, _h, draft = c.request("GET", "/flow/grant_application/download/soknad.md")
    assert status == 200 and "Målgruppe" in draft and NOTE not in draft


def test_the_accounts_income_is_filled_in_from_the_grant(server):  # noqa: F811
    answers = {"org.name": "Lekegruppa", "org.municipality": "Bergen", "annual.year": 2026,
               "accounts.opening": 5200, "grant.scheme": "imdi_local", "answer.outcome": "granted",
               "answer.amount": 20000, "founding.dues": 100, "annual_report.members": 23}
    c, _sid = _started(server, "Lekegruppa på nett", answers)
    status, _h, page = c.request("GET", "/flow/accounts")
    for _ in range(5):
        if 'name="step" value="income"' in page:
            break
        _t, form = answer(page)
        status, headers, page = c.request("POST", "/flow/accounts", form)
        status, _h, page = c.request("GET", headers["location"])
    box = html.unescape(re.search(r'<textarea id="answer" name="answer"[^>]*>(.*?)</textarea>', page, re.S).group(1))
    assert box == "Medlemskontingent: 2 300\nTilskudd fra Bergen kommune (midler fra IMDi): 20 000"
    assert "23" in _hint(page) and 'class="suggested"' in page
