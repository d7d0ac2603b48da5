"""The accounts filled in from what Veiviser knows, for the three example organisations: the
membership fees, the grants the annual report lists or the funder gave, the spending in the
report on a grant (or the application's budget); offered, never saved until the user confirms
or changes them; the sum check still refuses accounts that do not add up, naming the numbers."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from assistant.i18n import get_translator
from assistant.plain import PlainUI
from assistant.session import Conversation
from assistant.store import Store

from .conftest import TODAY, example_answers
from tests.feed import feeder as _feeder

REPORT = Path(__file__).parents[1] / "grants" / "examples" / "homework_report.json"
APPLICATION = Path(__file__).parents[1] / "grants" / "examples" / "homework_application.json"
SPENT = "Bøker og skrivesaker: 7 400\nMat og frukt til barna: 25 100\nKurs for de frivillige: 5 000\nTur for barna: 4 200"

EXPECTED = {
    "somali_drammen": "Medlemskontingent: 4 200\nDrammen kommune, aktivitetstilskudd: 25 000",
    "tamil_oslo": "Medlemskontingent: 21 750\nOslo kommune, driftstilskudd: 30 000\nSparebankstiftelsen DNB: 60 000",
    "ukrainian_bergen": "Tilskudd fra Bergen kommune (midler fra IMDi): 20 000",
}


def without_accounts(name: str, content, **extra) -> dict:
    answers = {k: v for k, v in example_answers(name, content).items()
               if k not in ("accounts.income", "accounts.costs")}
    answers.update(extra)
    return answers


def conversation(store: Store, content, answers: dict) -> Conversation:
    sid = store.create_session("Test")
    for key, value in answers.items():
        store.save_answer(sid, key, value)
    conv = Conversation(store, sid, content, "accounts", today=TODAY)
    conv.acknowledge()  # the intro
    return conv


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_income_is_filled_in_from_what_is_known(content, tmp_path, name):
    with Store(tmp_path / "data") as store:
        conv = conversation(store, content, without_accounts(name, content))
        assert conv.current.key == "accounts.income"
        found = conv.suggestion()
        assert found.value == EXPECTED[name]
        why = " ".join(found.explain(get_translator("en")))
        assert "bank statement" in why
        assert "accounts.income" not in store.answers(conv.session_id)  # offered, not saved
        conv.submit(found.value)  # confirmed: now it is an answer, and no longer a suggestion
        assert store.answers(conv.session_id)["accounts.income"] == EXPECTED[name]
        assert conv.suggestion(conv.flow.step("income")) is None


def test_the_fee_line_says_where_it_comes_from(content):
    from assistant.year.prefill import income

    found = income(content, without_accounts("somali_drammen", content))
    assert found.explain(get_translator("nb"))[0].startswith("Medlemskontingent: 42 medlemmer × 100 kr")
    free = income(content, without_accounts("ukrainian_bergen", content))  # founding.dues = 0: free
    assert "Medlemskontingent" not in free.value


def test_costs_from_the_report_or_else_from_the_budget(content):
    from assistant.year.prefill import costs

    assert costs(content, without_accounts("somali_drammen", content)) is None  # no grant known
    report = json.loads(REPORT.read_text(encoding="utf-8"))
    spent = without_accounts("ukrainian_bergen", content, **{"report.spent": report["report.spent"]})
    assert costs(content, spent).value == SPENT
    plan = json.loads(APPLICATION.read_text(encoding="utf-8"))
    budget = without_accounts("ukrainian_bergen", content, **{"grant.budget.costs": plan["grant.budget.costs"]})
    assert costs(content, budget).value.splitlines()[0] == "Bøker og skrivesaker: 8 000"
    assert "budget" in " ".join(costs(content, budget).explain(get_translator("en")))
    # a grant for another year is not in these accounts
    later = dict(spent, **{"grant.start": "2027-01-01", "grant.end": "2027-12-31"})
    assert costs(content, later) is None
    from assistant.year.prefill import income

    assert income(content, later) is None


def test_the_other_money_in_a_granted_budget_is_offered(content):
    from assistant.year.prefill import income

    plan = json.loads(APPLICATION.read_text(encoding="utf-8"))
    answers = without_accounts("ukrainian_bergen", content, **{"grant.budget.other": plan["grant.budget.other"]})
    assert income(content, answers).value.splitlines()[-1] == "Gave fra Rema 1000 Fjell: 2 000"


def test_plain_mode_confirms_one_changes_the_other_and_the_sums_are_checked(content, tmp_path):
    report = json.loads(REPORT.read_text(encoding="utf-8"))
    answers = without_accounts("ukrainian_bergen", content, **{"report.spent": report["report.spent"]})
    with Store(tmp_path / "data") as store:
        sid = store.create_session("Bergen")
        for key, value in answers.items():
            store.save_answer(sid, key, value)
        feed = ["",  # the intro
                "",  # the income Veiviser filled in: kept
                "Leker og materiell: 6 100", "Mat og drikke: 4 900", "",  # the costs: changed
                "", "",  # the schemes (skipped), the review
                "14200", ""]  # the sums refused: the money at the end, corrected; the document
        out = io.StringIO()
        PlainUI(content, store, get_translator("en"), input_fn=_feeder(feed + [""] * 5), out=out,
                today=TODAY, out_dir=tmp_path / "docs").run(session_id=sid, flow_id="accounts")
        saved = store.answers(sid)
    text = out.getvalue()
    assert "Veiviser filled in:" in text and "the amount you got" in text
    assert saved["accounts.income"] == EXPECTED["ukrainian_bergen"]
    assert saved["accounts.costs"] == "Leker og materiell: 6 100\nMat og drikke: 4 900"
    # 5 200 + 20 000 − 11 000 = 14 200, but the example's money at the end was 500
    refusal = text.split("The accounts do not add up.")[1].split("\n")[0]
    for number in ("5,200", "20,000", "11,000", "14,200", "500.", "13,700"):  # English: NOK 5,200
        assert "NOK\u00a0" + number in refusal, (number, refusal)
    assert saved["accounts.closing"] == 14200
    accounts = (tmp_path / "docs" / "regnskap.md").read_text(encoding="utf-8")
    assert "Tilskudd fra Bergen kommune (midler fra IMDi)" in accounts


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_norwegian_explanation_reads_easily(content, name):
    from assistant.content.lix import lix
    from assistant.year.prefill import costs, income

    report = json.loads(REPORT.read_text(encoding="utf-8"))
    answers = without_accounts(name, content, **{"report.spent": report["report.spent"],
                                                 "answer.outcome": "granted", "answer.amount": 15000})
    nb = get_translator("nb")
    for found in (income(content, answers), costs(content, answers)):
        text = " ".join(found.explain(nb))
        assert lix(text) < 40, (name, round(lix(text), 1), text)


def test_a_grant_without_a_known_scheme_is_still_a_readable_line(content):
    from assistant.year.prefill import income

    answers = without_accounts("somali_drammen", content, **{"answer.outcome": "granted", "answer.amount": 15000})
    assert income(content, answers).value.splitlines()[-1] == "Tilskudd: 15 000"
    answers["grant.title"] = "Norsk: kurs for kvinner"
    assert income(content, answers).value.splitlines()[-1] == "Tilskudd til Norsk kurs for kvinner: 15 000"
