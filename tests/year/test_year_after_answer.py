"""After the funder's answer: the rejection path writes the request for reasons and, where the
scheme allows it, the complaint with its deadline; "apply again" puts the feedback beside the
draft's sections. The complaint rights are data, checked against the schemes and the flow."""

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from assistant.year.aftercare import check_complaints, complaint_rules

from .conftest import run

APPLICATION = Path(__file__).parents[1] / "grants" / "examples" / "homework_application.json"


def rejected(**extra):
    answers = json.loads(APPLICATION.read_text(encoding="utf-8"))
    answers.update({"answer.outcome": "rejected", "answer.decision_date": "2026-11-20",
                    "answer.reference": "26/01234",
                    "answer.feedback": "Målgruppe: Dere må si hvor mange som deltar.\n"
                                       "Budsjett: Maten er for dyr.\nSøknaden kom sent."})
    answers.update(extra)
    return answers


def test_rejection_with_complaint_right_writes_request_and_complaint(content, tmp_path):
    answers = rejected(**{"grant.scheme": "imdi_local", "answer.complain": True,
                          "answer.complaint_text": "Vedtaket sier at vi ikke er registrert i "
                                                   "Frivillighetsregisteret. Vi ble registrert i februar."})
    written = {p.name for p in run(content, "grant_answer", answers, tmp_path).written}
    assert written == {"be-om-begrunnelse.md", "klage.md", "utkast-med-notater.md"}
    request = (tmp_path / "be-om-begrunnelse.md").read_text(encoding="utf-8")
    assert request.startswith("# Spørsmål om begrunnelse for avslag")
    assert "**Til:** Drammen kommune (midler fra IMDi)" in request
    assert "«Leksehjelp for barn på Fjell»" in request and "20. november 2026" in request
    assert "26/01234" in request and "Amina Ali" in request
    assert "før klagefristen går ut" in request
    complaint = (tmp_path / "klage.md").read_text(encoding="utf-8")
    deadline = dt.date(2026, 11, 20) + dt.timedelta(weeks=3)
    assert deadline == dt.date(2026, 12, 11)
    assert "**Frist for klagen:** 11. desember 2026" in complaint
    assert "fristen på 3 uker" in complaint
    assert answers["answer.complaint_text"] in complaint
    assert "jusinfo.no" in complaint  # the source of the three weeks


def test_private_funder_gets_no_complaint(content, tmp_path):
    answers = rejected(**{"grant.scheme": "sparebankstiftelsen_dnb", "answer.complain": True,
                          "answer.complaint_text": "Dette spørsmålet blir ikke stilt for en privat stiftelse."})
    written = {p.name for p in run(content, "grant_answer", answers, tmp_path).written}
    assert written == {"be-om-begrunnelse.md", "utkast-med-notater.md"}
    request = (tmp_path / "be-om-begrunnelse.md").read_text(encoding="utf-8")
    assert "klagefristen" not in request


def test_apply_again_puts_the_feedback_beside_the_sections(content, tmp_path):
    run(content, "grant_answer", rejected(**{"grant.scheme": "imdi_local"}), tmp_path)
    draft = (tmp_path / "utkast-med-notater.md").read_text(encoding="utf-8")
    target = draft.split("## 5. Målgruppe")[1].split("\n## ")[0]
    assert "> **Notat:** Dere må si hvor mange som deltar." in target
    assert "30 barn i 5. til 10. klasse" in target  # what they wrote, beside the note
    budget = draft.split("Budsjett og finansiering")[1].split("\n## ")[0]  # "Budsjett" matches it
    assert "Maten er for dyr." in budget
    general = draft.split("## Tilbakemelding om hele søknaden")[1].split("\n## ")[0]
    assert "Søknaden kom sent." in general


def test_granted_writes_no_letters_and_the_deadline_goes_to_the_calendar(content, tmp_path):
    answers = json.loads(APPLICATION.read_text(encoding="utf-8"))
    answers.update({"answer.outcome": "granted", "answer.amount": 38000, "answer.report_deadline": "2028-02-01"})
    result = run(content, "grant_answer", answers, tmp_path)
    assert result.written == []
    assert result.answers["answer.report_deadline"] == "2028-02-01"


def test_complaint_data_matches_the_schemes_and_the_flow(content):
    assert check_complaints(content) == []
    rules = complaint_rules(content)
    assert set(rules) == set(content.grants)  # every scheme says whether one can complain
    flow = tomllib.loads((Path(content.root) / "flows" / "grant_answer.toml").read_text(encoding="utf-8"))
    steps = [s for s in flow["steps"] if "grant.scheme in" in s.get("when", "")]
    assert {s["id"] for s in steps} == {"complain", "complaint_text", "complaint"}
    for step in steps:
        asked = set(step["when"].split("[")[1].split("]")[0].replace("'", "").replace(" ", "").split(","))
        assert asked == {r.id for r in rules.values() if r.right == "yes"}, step["id"]
    for r in rules.values():
        if r.right == "yes":
            assert r.weeks == 3 and content.facts[r.fact].source.url.startswith("https://")


@pytest.mark.parametrize("scheme", ["imdi_national", "bufdir_inclusion"])
def test_complaint_goes_to_the_funder(content, tmp_path, scheme):
    answers = rejected(**{"grant.scheme": scheme, "answer.complain": True,
                          "answer.complaint_text": "Vi mener at vedtaket bygger på feil opplysninger om oss."})
    answers.pop("answer.feedback")
    run(content, "grant_answer", answers, tmp_path)
    complaint = (tmp_path / "klage.md").read_text(encoding="utf-8")
    funder = content.grants[scheme].funder
    assert f"**Til:** {funder}" in complaint


def test_the_notes_beside_the_sections_on_screen(content):
    from assistant.i18n.catalog import get_translator
    from assistant.year.aftercare import feedback_panel

    answers = rejected(**{"grant.scheme": "imdi_local"})
    text = feedback_panel(content, answers, get_translator("ar"))
    lines = text.splitlines()
    assert lines[lines.index("5. Målgruppe") + 1] == "    → Dere må si hvor mange som deltar."
    assert "عن الطلب كله:" in text and "    → Søknaden kom sent." in text
    answers.pop("answer.feedback")
    assert "Veiviser" in feedback_panel(content, answers, get_translator("pl"))


def test_complaint_after_the_deadline_says_it_is_late(content, tmp_path):
    """Review 2026-12-02 #1: a decision of 1 March 2026, written on 1 December 2026, must not say
    "sent on time", and the request for reasons must not say "before the deadline"."""
    answers = rejected(**{"grant.scheme": "imdi_local", "answer.decision_date": "2026-03-01",
                          "answer.complain": True,
                          "answer.complaint_text": "Vedtaket sier at vi ikke er registrert i "
                                                   "Frivillighetsregisteret, men det er vi."})
    run(content, "grant_answer", answers, tmp_path)
    complaint = (tmp_path / "klage.md").read_text(encoding="utf-8")
    assert "innen fristen" not in complaint
    assert "Fristen for klagen har gått ut." in complaint
    assert "22. mars 2026" in complaint  # the deadline that passed
    assert "særlige grunner" in complaint and "sivilombudet.no" in complaint
    request = (tmp_path / "be-om-begrunnelse.md").read_text(encoding="utf-8")
    assert "før klagefristen går ut" not in request
    assert "Vi ber derfor om en begrunnelse" in request


def test_complaint_on_the_last_day_is_on_time(content, tmp_path):
    """The deadline day itself (decision 10 Nov + 3 weeks = 1 Dec = today) is still on time."""
    answers = rejected(**{"grant.scheme": "imdi_local", "answer.decision_date": "2026-11-10",
                          "answer.complain": True,
                          "answer.complaint_text": "Vedtaket sier at vi ikke er registrert i "
                                                   "Frivillighetsregisteret, men det er vi."})
    run(content, "grant_answer", answers, tmp_path)
    complaint = (tmp_path / "klage.md").read_text(encoding="utf-8")
    assert "Klagen er sendt innen fristen på 3 uker." in complaint
    assert "har gått ut" not in complaint
    assert "før klagefristen går ut" in (tmp_path / "be-om-begrunnelse.md").read_text(encoding="utf-8")
