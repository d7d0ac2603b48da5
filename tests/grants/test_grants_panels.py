"""What the grant journeys show on screen, in the user's language: the finder's result, the
chosen scheme with its form fields and limits, and the budget so far. And the language flags
on free text that goes into the Norwegian draft."""

import datetime as dt

import pytest

from assistant.grants.documents import Draft
from assistant.i18n.content import panel_text

TODAY = dt.date(2026, 12, 1)


def step(content, flow, step_id):
    return content.flows[flow].step(step_id)


def test_finder_panel_lists_every_scheme(content, example, en):
    text = panel_text(content, step(content, "grant_finder", "result"), example("youth_group"), en, TODAY)
    for s in content.grants.values():
        assert s.title in text


def test_scheme_panel_shows_fields_limits_and_where_to_check(content, en, nb):
    answers = {"grant.scheme": "municipal_activity", "org.municipality": "Drammen"}
    text = panel_text(content, step(content, "grant_application", "scheme_info"), answers, en, TODAY)
    assert "Activity grant from your municipality – Drammen kommune" in text
    assert "1. Navn på aktiviteten (at most 100 characters)" in text
    assert "Check the page of your municipality before you apply." in text
    text_nb = panel_text(content, step(content, "grant_application", "scheme_info"),
                         {"grant.scheme": "imdi_local"}, nb, TODAY)
    assert "Dette ser giveren etter:" in text_nb
    assert "(ingen grense oppgitt)" in text_nb
    assert "sjekket 1. desember 2026" in text_nb  # the day we checked, not the page's own date


def test_budget_panel_says_what_is_left_and_warns_early(content, en):
    answers = {"grant.scheme": "bufdir_inclusion", "grant.budget.costs": "Mat: 20 000\nTur: 10 000",
               "grant.budget.own": 2000, "grant.budget.other": "Gave: 3 000"}
    text = panel_text(content, step(content, "grant_application", "budget_sum"), answers, en, TODAY)
    assert "Costs together: NOK\u00a030,000" in text
    assert "Left to apply for: NOK\u00a025,000" in text
    assert "! You apply for NOK\u00a025,000. This grant starts at NOK\u00a050,000." in text


def test_free_text_for_the_draft_is_marked_norwegian(content):
    for flow in ("grant_application", "grant_report"):
        for q in content.flows[flow].questions():
            if q.type.value in ("text", "longtext") and q.key.startswith(("grant.", "report.")) \
                    and q.key not in ("grant.budget.costs", "grant.budget.other", "report.spent"):
                assert q.norwegian, f"{flow}/{q.id}"


def test_marked_for_translation_is_shown_in_the_draft(content, example):
    answers = example("homework_application") | {"meta.needs_translation": ["grant.goal"]}
    sections = {s["id"]: s for s in Draft(content, answers, TODAY).sections}
    assert sections["goal"]["translate"] and not sections["background"]["translate"]


def test_a_text_that_is_clearly_not_norwegian_is_flagged(content, example):
    pytest.importorskip("assistant.i18n.detect")
    english = ("Our goal is that the children do their homework, understand more at school and get "
               "better marks in Norwegian and maths. Parents will learn how the school works.")
    answers = example("homework_application") | {"grant.goal": english}
    sections = {s["id"]: s for s in Draft(content, answers, TODAY).sections}
    assert sections["goal"]["not_norwegian"]
    assert not sections["background"]["not_norwegian"]
