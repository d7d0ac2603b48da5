"""Guidance that is right today (issue 13): the finder at fixed dates through ``veiviser grants
--today``, eligibility read from the whole organisation, bylaws choices that put a scheme at risk,
and ``veiviser check --today`` on the age of every time-sensitive fact.

Each organisation is a real answers file run through the command a user or a script runs."""

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.content.loader import load_content

ROOT = Path(__file__).resolve().parents[2]

# a registered voluntary organisation that has done every step
REGISTERED = {
    "org.name": "Fjell kulturforening",
    "org.municipality": "Drammen",
    "org.county": "buskerud",
    "org.founded": "2021-03-14",
    "org.registered_enhetsregisteret": True,
    "org.registered_frivillighetsregisteret": True,
    "org.members_count": 40,
    "org.target_groups": ["children", "youth", "everyone"],
    "org.youth_share": "third",
    "org.reach": "local",
    "org.immigrant_majority": False,
    "org.volunteer_based": True,
    "org.democratic": True,
    "org.open_membership": True,
    "org.kind": "voluntary",
    "org.local_branch": False,
    "org.has_bylaws": True,
    "org.bylaws_surplus_clause": True,
    "org.bylaws_registered": True,
    "org.grasrot": True,
    "org.accounts_audited": True,
}


def finder(tmp_path, answers: dict, today: str, content: Path | None = None) -> dict[str, dict]:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    args = ["grants", "--answers", str(path), "--json", "--today", today, "--locale", "en"]
    if content is not None:
        args += ["--content", str(content)]
    out = subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return {r["id"]: r for r in json.loads(out.stdout)}


def test_a_group_founded_this_autumn_cannot_apply_for_momskompensasjon_yet(tmp_path):
    autumn = REGISTERED | {"org.founded": "2026-09-20"}
    moms = finder(tmp_path, autumn, "2026-12-01")["momskompensasjon"]
    assert moms["status"] == "not_yet"
    reason = " ".join(moms["reasons"])
    assert "approved accounts, an annual report and an audit report for a full year" in reason
    assert "The first year you can apply is 2028." in reason  # 2027 is its first full year
    assert any("Then apply by 1 September 2028." in m["step"] for m in moms["missing"])
    # founded on 1 January: that year is a full year already
    early = finder(tmp_path, REGISTERED | {"org.founded": "2026-01-01"}, "2026-12-01")["momskompensasjon"]
    assert "The first year you can apply is 2027." in " ".join(early["reasons"])
    # an older organisation has its full year: the round decides (closed on 1 December)
    old = finder(tmp_path, REGISTERED, "2026-12-01")["momskompensasjon"]
    assert old["status"] == "later"
    assert old["timing"]["state"] == "closed" and old["timing"]["next_closes"] == "2027-09-01"
    assert old["when"] == ("Closed now. The next deadline is September 1, 2027. "
                           "The last deadline we know of was September 1, 2026.")


def test_momskompensasjon_is_open_before_1_september(tmp_path):
    moms = finder(tmp_path, REGISTERED, "2027-08-01")["momskompensasjon"]
    assert moms["status"] == "now"
    assert moms["timing"] | {"source": None} == {
        "state": "open", "closes": "2027-09-01", "opens": None, "days": 31, "next_closes": None,
        "next_exact": False, "for_year": None, "source": None}
    assert moms["when"] == "Open now. The deadline is September 1, 2027, in 31 days."


def test_bufdir_on_1_december_after_its_round_closed(tmp_path):
    bufdir = finder(tmp_path, REGISTERED, "2025-12-01")["bufdir_inclusion"]
    assert bufdir["status"] == "later"  # eligible, but not now
    t = bufdir["timing"]
    assert t["state"] == "closed" and t["closes"] == "2025-10-31" and t["for_year"] == 2026
    assert t["next_closes"] == "2026-10-31" and t["next_exact"] is False
    assert t["source"]["url"] == "https://lyngdal.kommune.no/no/aktuelt/tilskudd-til-inkludering-av-barn-og-unge"
    assert "The next round is often around October 31, 2026. Check the page for the new date." in bufdir["when"]
    assert "The last deadline we know of was October 31, 2025." in bufdir["when"]
    # a year later we have not seen the round for 2027, and its usual date has passed: probably
    # closed, check the page, next round expected next autumn; never "open now"
    later = finder(tmp_path, REGISTERED, "2026-12-01")["bufdir_inclusion"]
    assert later["status"] == "later"
    assert later["timing"]["state"] == "passed" and later["timing"]["next_closes"] == "2027-10-31"
    assert later["when"] == ("The deadline is often around October 31, 2026, and that date has passed. This "
                             "year's round is probably closed, but check the page. The next round is expected "
                             "around October 31, 2027.")


@pytest.mark.parametrize("example", ["youth_group", "outside_dnb_region"])
def test_a_guessed_deadline_that_has_passed_is_never_apply_now(example):
    """The reviewer's case: ``veiviser grants --today 2026-12-01`` listed Bufdir under "Dere kan
    søke nå" with a usual deadline a month before."""
    out = subprocess.run([sys.executable, "-m", "assistant", "grants", "--answers",
                          str(ROOT / "tests" / "grants" / "examples" / f"{example}.json"), "--today", "2026-12-01",
                          "--locale", "nb"], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    now, _, rest = out.stdout.partition("Dere kan søke, men ikke nå")
    assert "Dere kan søke nå" in now and "Bufdir" not in now
    assert "Tilskudd til inkludering av barn og unge (Bufdir)" in rest
    assert "Fristen er ofte rundt 31. oktober 2026, og den datoen er passert." in rest
    assert "Neste runde er ventet rundt 31. oktober 2027." in rest


def test_bufdir_on_1_august(tmp_path):
    # the shipped content has not seen a summer round: not confirmed, check the page
    shipped = finder(tmp_path, REGISTERED, "2026-08-01")["bufdir_inclusion"]
    assert shipped["timing"]["state"] == "unconfirmed" and shipped["status"] == "now"
    # when the funder announces a round and it is entered as data, the finder says it is open
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "grants" / "bufdir_inclusion.toml"
    text = path.read_text(encoding="utf-8")
    round_2027 = ('[[rounds]]\nfor_year = 2027\nopens = 2026-06-15\ncloses = 2026-09-30\nsource = { title = '
                  '"Bufdir: Tilskudd til inkludering av barn og unge", url = '
                  '"https://www.bufdir.no/tilskudd/inkludering-av-barn-og-unge/", checked = 2026-06-20 }\n\n')
    path.write_text(text.replace("[yearly]", round_2027 + "[yearly]", 1), encoding="utf-8")
    bufdir = finder(tmp_path, REGISTERED, "2026-08-01", content)["bufdir_inclusion"]
    assert bufdir["status"] == "now"
    assert bufdir["timing"]["state"] == "open" and bufdir["timing"]["for_year"] == 2027
    assert bufdir["when"] == "Open now. The deadline is September 30, 2026, in 60 days."
    before = finder(tmp_path, REGISTERED, "2026-06-01", content)["bufdir_inclusion"]
    assert before["status"] == "later" and before["timing"]["state"] == "upcoming"
    assert before["when"] == "Not open yet. The round opens June 15, 2026. The deadline is September 30, 2026."


SMALL_BRANCH = {
    "org.name": "Ungdomslaget i Alta", "org.municipality": "Alta", "org.county": "finnmark",
    "org.registered_enhetsregisteret": False, "org.members_count": 9, "org.target_groups": ["youth"],
    "org.youth_share": "third", "org.reach": "local", "org.volunteer_based": True, "org.democratic": True,
    "org.open_membership": True, "org.kind": "voluntary", "org.local_branch": True,
}


def test_a_local_branch_of_a_small_national_youth_organisation_can_apply_to_frifond(tmp_path):
    small = finder(tmp_path, SMALL_BRANCH | {"org.national_frifond": False}, "2026-12-01")["frifond_barn_unge"]
    assert small["status"] == "now"
    assert "You do not get Frifond money through a national organisation." in small["reasons"]
    assert small["when"] == "You can apply at any time of the year."
    # not known yet: the question that settles it, never "not for you"
    unknown = finder(tmp_path, SMALL_BRANCH, "2026-12-01")["frifond_barn_unge"]
    assert unknown["status"] == "not_yet"
    assert unknown["missing"] == [{
        "step": "We do not know yet. Answer this question: Does your national organisation get Frifond "
                "organisasjon money and share it with its local branches?",
        "flows": ["grant_finder"], "key": "org.national_frifond"}]
    # funded through Frifond organisasjon already: not for you, with the reason
    funded = finder(tmp_path, SMALL_BRANCH | {"org.national_frifond": True}, "2026-12-01")["frifond_barn_unge"]
    assert funded["status"] == "not_for_you"
    assert funded["reasons"] == ["Your national organisation gets Frifond organisasjon and shares it with its "
                                 "local branches. Ask it for Frifond money."]


WOMEN = {
    "org.name": "Somalisk kvinnenettverk", "org.municipality": "Larvik", "org.county": "vestfold",
    "org.founded": "2020-05-02", "org.registered_enhetsregisteret": True,
    "org.registered_frivillighetsregisteret": True, "org.members_count": 35,
    "org.target_groups": ["women", "families"], "org.youth_share": "some", "org.reach": "local",
    "org.volunteer_based": True, "org.democratic": True, "org.open_membership": True, "org.kind": "voluntary",
    "org.local_branch": False,
}


def test_an_immigrant_womens_network_that_did_not_tick_immigrants_can_get_imdi_money(tmp_path):
    got = finder(tmp_path, WOMEN | {"org.immigrant_majority": True}, "2026-12-01")
    assert got["imdi_local"]["status"] in ("now", "later")
    assert "Your work is with people with an immigrant background." in got["imdi_local"]["reasons"]
    # the answer not given yet: Veiviser asks, with IMDi's definition in the help
    unknown = finder(tmp_path, WOMEN, "2026-12-01")["imdi_local"]
    assert unknown["status"] == "not_yet"
    assert [m["key"] for m in unknown["missing"]] == ["org.immigrant_majority"]
    content = load_content()
    help_text = content.flows["grant_finder"].step("immigrant_majority").help
    assert "born abroad to two parents born abroad" in help_text and "women, children or families" in help_text
    # work for other groups, and most members without an immigrant background: not for you
    other = finder(tmp_path, WOMEN | {"org.immigrant_majority": False}, "2026-12-01")["imdi_local"]
    assert other["status"] == "not_for_you"


def test_a_closed_organisation_cannot_get_momskompensasjon(tmp_path):
    closed = finder(tmp_path, REGISTERED | {"org.open_membership": False}, "2027-08-01")["momskompensasjon"]
    assert closed["status"] == "not_for_you"
    assert closed["reasons"] == ["A closed organisation cannot get momskompensasjon. Everyone who supports "
                                 "the purpose must be able to join."]
    party = finder(tmp_path, REGISTERED | {"org.kind": "party"}, "2027-08-01")["momskompensasjon"]
    assert party["status"] == "not_for_you"
    assert party["reasons"][0].startswith("Momskompensasjon is not for political parties")
    # not run by its members: a step in the bylaws is missing, not "not for you"
    board_run = finder(tmp_path, REGISTERED | {"org.democratic": False}, "2027-08-01")["momskompensasjon"]
    assert board_run["status"] == "not_yet"
    assert any(m["flows"] == ["bylaws"] and "annual meeting decides" in m["step"] for m in board_run["missing"])
    # the kind not given: "we need to know", not "not for you"
    unknown = {k: v for k, v in REGISTERED.items() if k != "org.kind"}
    assert finder(tmp_path, unknown, "2027-08-01")["momskompensasjon"]["status"] == "not_yet"


def test_bylaws_choices_that_put_a_scheme_at_risk_are_named(tmp_path):
    answers = REGISTERED | {"bylaws.dissolution": "named", "bylaws.dissolution_to": "Ali Hassan",
                            "bylaws.membership": "custom", "bylaws.audit": "elected"}
    got = finder(tmp_path, answers, "2027-08-01")
    moms = got["momskompensasjon"]["warnings"]
    assert len(moms) == 2
    assert moms[0].startswith("Check your bylaws. Your bylaws name who gets the money if the organisation closes.")
    assert "never to a person, a member or a party" in moms[0]
    assert "A closed organisation cannot get momskompensasjon." in moms[1]
    assert [w for w in got["frifond_barn_unge"]["warnings"] if "open to others" in w]
    # the usual choices: no warning
    usual = REGISTERED | {"bylaws.dissolution": "similar", "bylaws.membership": "open", "bylaws.audit": "elected"}
    assert finder(tmp_path, usual, "2027-08-01")["momskompensasjon"]["warnings"] == []


def test_the_human_output_says_when_and_shows_the_page_date(tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(REGISTERED | {"org.reach": "regional", "org.municipalities_count": 3,
                                             "org.immigrant_majority": True}), encoding="utf-8")
    assert main(["grants", "--answers", str(path), "--today", "2026-12-01", "--locale", "nb"]) == 0
    out = capsys.readouterr().out
    assert "Dere kan søke, men ikke nå. Vent på neste runde:" in out
    assert "Stengt nå. Neste frist er 1. september 2027." in out
    # IMDi's page shows its own date; users see when we checked it, and the page's date apart
    assert "(sjekket 1. desember 2026, siden oppdatert 26. januar 2024)" in out


def check(content: Path, today: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", "check", "--content", str(content), "--today", today],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_the_shipped_content_passes_today():
    result = check(ROOT / "content", "2026-12-01")
    assert result.returncode == 0, result.stdout


def test_check_reports_every_time_sensitive_fact_older_than_12_months():
    later = dt.date(2027, 12, 2)
    content = load_content()
    expected = {f"fact {f.id}" for f in content.facts.values()
                if f.time_sensitive and (later - f.source.checked).days > 365}
    expected |= {f"{s.id}: rounds[{i}]" for s in content.grants.values() for i, r in enumerate(s.rounds)
                 if (later - r.source.checked).days > 365}
    assert len(expected) > 20
    out = check(ROOT / "content", later.isoformat()).stdout
    for place in expected:
        assert any(place in line.replace(".toml", "").replace("content/grants/", "") for line in out.splitlines()
                   if "more than 12 months" in line), place
    assert check(ROOT / "content", later.isoformat()).returncode == 1


def test_a_fact_checked_13_months_ago_fails_today(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "grants" / "momskompensasjon.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[yearly]\ncloses = \"09-01\"\nfixed = true\nsource = { title = "
                                 "\"Lotteri- og stiftelsestilsynet: Momskompensasjon på varer og tjenester\", url = "
                                 "\"https://lottstift.no/for-frivilligheten/momskompensasjon-pa-varer-og-tjenester/\", "
                                 "checked = 2026-12-01 }",
                                 "[yearly]\ncloses = \"09-01\"\nfixed = true\nsource = { title = \"Lottstift\", url = "
                                 "\"https://lottstift.no/\", checked = 2025-10-31 }"), encoding="utf-8")
    result = check(content, "2026-12-01")
    assert result.returncode == 1
    assert ("content/grants/momskompensasjon.toml: yearly: checked 2025-10-31, more than 12 months before "
            "2026-12-01") in result.stdout


@pytest.mark.parametrize("today", ["2026-12-01", "2027-08-01"])
def test_a_stale_yearly_rule_is_not_called_open(tmp_path, today):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "grants" / "momskompensasjon.toml"
    text = path.read_text(encoding="utf-8")
    stale = text.replace("[yearly]\ncloses = \"09-01\"\nfixed = true\nsource = { title = \"Lotteri- og "
                         "stiftelsestilsynet: Momskompensasjon på varer og tjenester\", url = \"https://lottstift.no/"
                         "for-frivilligheten/momskompensasjon-pa-varer-og-tjenester/\", checked = 2026-12-01 }",
                         "[yearly]\ncloses = \"09-01\"\nfixed = true\nsource = { title = \"Lottstift\", url = "
                         "\"https://lottstift.no/\", checked = 2026-03-01 }")
    assert stale != text
    path.write_text(stale, encoding="utf-8")
    moms = finder(tmp_path, REGISTERED, today, content)["momskompensasjon"]
    if today == "2027-08-01":  # confirmed more than a year ago: check the page
        assert moms["timing"]["state"] == "unconfirmed"
    else:
        assert moms["timing"]["state"] == "closed"


def test_the_application_draft_says_when_one_can_apply(example, tmp_path):
    from assistant.i18n.catalog import get_translator
    from assistant.scripted import run_flow

    content = load_content()
    answers = example("homework_application") | {"grant.scheme": "imdi_local"}
    run_flow(content, "grant_application", answers, get_translator("en"), tmp_path, formats=("md",),
             today=dt.date(2026, 12, 1))
    md = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    assert ("- **Når dere kan søke (1. desember 2026):** Stengt nå. Neste runde er ofte rundt 15. februar 2027. "
            "Se på siden for den nye datoen.") in md
    run_flow(content, "grant_application", answers, get_translator("en"), tmp_path, formats=("md",),
             today=dt.date(2026, 1, 10))
    md = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    assert "- **Når dere kan søke (10. januar 2026):** Datoen for i år er ikke bekreftet." in md


def test_run_takes_today_for_the_draft(example, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(example("homework_application") | {"grant.scheme": "imdi_local"},
                                  ensure_ascii=False, default=str), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "assistant", "run", "grant_application", "--answers", str(answers),
                          "--out", str(tmp_path), "--format", "md", "--today", "2027-02-01", "--locale", "en"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    md = next(tmp_path.glob("*.md")).read_text(encoding="utf-8")
    assert "- **Når dere kan søke (1. februar 2027):** Datoen for i år er ikke bekreftet." in md


def test_momskompensasjon_below_both_minimums_is_not_for_you(tmp_path):
    """Review defect 14: 28 900 kr in costs can reach neither 100 000 kr in costs nor 7 000 kr in
    VAT (at most a fifth of 28 900). Unanswered costs judge nothing; enough costs change nothing."""
    low = finder(tmp_path, REGISTERED | {"org.costs_last_year": 28900}, "2027-08-01")["momskompensasjon"]
    assert low["status"] == "not_for_you"
    assert low["reasons"] == ["Your costs are too low for momskompensasjon. You need at least 100 000 kroner in "
                              "costs (the simple model) or at least 7 000 kroner in VAT (the documented model). VAT "
                              "is at most a fifth of what you pay, so you need at least 35 000 kroner in costs."]
    assert finder(tmp_path, REGISTERED | {"org.costs_last_year": 150000}, "2027-08-01")["momskompensasjon"][
        "status"] == "now"
    assert finder(tmp_path, REGISTERED, "2027-08-01")["momskompensasjon"]["status"] == "now"
