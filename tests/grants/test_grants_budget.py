"""Budget arithmetic and the checks before an application is written: refusals name the
numbers that disagree."""

import datetime as dt
import re

import pytest

from assistant.grants import budget as B
from assistant.grants.documents import GrantProblem


@pytest.mark.parametrize("text, item, amount", [
    ("Husleie: 12 000", "Husleie", 12000),
    ("Husleie:12000", "Husleie", 12000),
    ("- Mat og frukt: kr 24.000,-", "Mat og frukt", 24000),
    ("Tur - buss: 3 000 kr", "Tur - buss", 3000),
    ("Kurs for frivillige = 5000", "Kurs for frivillige", 5000),
    ("Leie 2 kvelder: 4 000", "Leie 2 kvelder", 4000),
    ("Bøker – 1 500", "Bøker", 1500),
    ("Lokale: 0", "Lokale", 0),
])
def test_a_budget_line_is_read(text, item, amount):
    assert B.parse_line(text) == B.Line(item, amount)


@pytest.mark.parametrize("text", ["Husleie", "12 000", "Husleie: tolv tusen", ": 400", "Mat: 12.50"])
def test_an_unreadable_line_is_none(text):
    assert B.parse_line(text) is None


def test_the_flow_pattern_accepts_what_the_parser_reads(content):
    q = next(q for q in content.flows["grant_application"].questions() if q.key == "grant.budget.costs")
    good = "Bøker og skrivesaker: 8 000\nMat og frukt: kr 24.000,-\n\nTur - buss: 3 000 kr"
    assert re.fullmatch(q.validation.pattern, good)
    lines, bad = B.parse_lines(good)
    assert bad == [] and sum(x.amount for x in lines) == 35000
    assert not re.fullmatch(q.validation.pattern, "Bøker og skrivesaker\n8 000")


def budget(applied, own=3000, other="Gave: 2 000"):
    return B.budget_from_answers({
        "grant.budget.costs": "Bøker: 8 000\nMat: 24 000\nKurs: 5 000\nTur: 6 000",
        "grant.budget.own": own, "grant.budget.other": other, "grant.amount": applied})[0]


def test_totals():
    b = budget(38000)
    assert (b.total_costs, b.own, b.other_total, b.expected) == (43000, 3000, 2000, 38000)
    assert b.balanced and B.check_budget(b) == []


def test_a_budget_that_does_not_add_up_names_the_numbers(content, en, nb):
    issues = B.check_budget(budget(40000))
    assert [i.msg for i in issues] == ["budget_mismatch"]
    text = GrantProblem(content, issues[0]).translate(en)
    for number in ("43,000", "3,000", "2,000", "38,000", "40,000"):
        assert number in text
    text_nb = GrantProblem(content, issues[0]).translate(nb)
    assert "Budsjettet går ikke opp" in text_nb
    for number in ("43\u00a0000\u00a0kr", "38\u00a0000\u00a0kr", "40\u00a0000\u00a0kr"):
        assert number in text_nb


def test_own_money_that_covers_everything_is_refused():
    issues = B.check_budget(budget(0, own=41000))
    assert [i.msg for i in issues] == ["budget_covered"]


def test_no_costs():
    b = B.budget_from_answers({"grant.amount": 1000})[0]
    assert [i.msg for i in B.check_budget(b)] == ["budget_no_costs"]


def test_scheme_limits():
    assert [i.msg for i in B.check_budget(budget(38000), min_amount=50000)] == ["amount_below_min"]
    assert [i.msg for i in B.check_budget(budget(38000), max_amount=25000)] == ["amount_above_max"]
    assert B.check_budget(budget(38000), min_amount=10000, max_amount=50000) == []


def test_unreadable_lines_are_issues():
    _, issues = B.budget_from_answers({"grant.budget.costs": "Bøker: 8 000\nMat og drikke", "grant.amount": 8000})
    assert [(i.msg, i.params["n"], i.params["line"]) for i in issues] == [("budget_line", 2, "Mat og drikke")]


@pytest.mark.parametrize("start, end, n", [
    ("2027-01-01", "2027-12-31", 12), ("2027-01-15", "2027-02-14", 1), ("2027-01-15", "2027-02-15", 2),
    ("2027-01-01", "2029-12-31", 36), ("2027-01-01", "2030-01-01", 37), ("2027-03-01", "2027-03-20", 1),
])
def test_months_between(start, end, n):
    assert B.months_between(dt.date.fromisoformat(start), dt.date.fromisoformat(end)) == n


def test_period_checks():
    assert [i.msg for i in B.check_period("2027-05-01", "2027-04-01")] == ["period_order"]
    assert [i.msg for i in B.check_period("2027-05-01", "2028-04-01", "calendar_year")] == ["period_year"]
    assert B.check_period("2027-01-01", "2027-12-31", "calendar_year") == []
    assert [i.msg for i in B.check_period("2027-01-01", "2030-06-30", "months", 36)] == ["period_months"]
    plan = "Fra 12.01.2027: leksehjelp\n2028-03-01: avslutning\nDesember: evaluering"
    issues = B.check_period("2027-01-01", "2027-12-31", "calendar_year", plan=plan)
    assert [(i.msg, i.params["date"]) for i in issues] == [("plan_date_outside", dt.date(2028, 3, 1))]


def test_report_spending_against_the_plan():
    planned = budget(38000)
    spent = [B.Line("Bøker", 7400), B.Line("Mat", 25100), B.Line("Kurs", 5000), B.Line("Tur", 4200)]
    assert [i.msg for i in B.check_report(planned, spent, None)] == ["report_differs"]
    assert B.check_report(planned, spent, "Turen ble billigere.") == []
    assert B.check_report(None, spent, None) == []


def test_an_unreadable_line_names_the_line_and_the_question(content, en):
    _, issues = B.budget_from_answers({"grant.budget.costs": "Bøker: 8 000\nMat og drikke", "grant.amount": 8000})
    text = GrantProblem(content, issues[0]).translate(en)
    assert text.startswith('Line 2 of this answer cannot be read: "Mat og drikke".')
    assert text.endswith("The question: What will the project cost? Write one cost on each line: what it is, "
                         "a colon, and the amount in kroner.")
    assert issues[0].key == "grant.budget.costs"
