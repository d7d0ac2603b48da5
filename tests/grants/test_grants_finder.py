"""The finder: every scheme as now / not yet / not for you, with plain reasons, for example
organisations; not yet names the missing step and the journey that fixes it."""

import pytest

from assistant.grants.finder import assess, derive, results
TODAY = __import__("datetime").date(2026, 12, 1)

# example organisation -> scheme -> expected status
EXPECTED = {
    # an informal youth group, not registered anywhere
    "unregistered_group": {
        "frifond_barn_unge": "now", "municipal_activity": "not_yet", "imdi_local": "not_yet",
        "bufdir_inclusion": "not_yet", "sparebankstiftelsen_dnb": "not_yet", "grasrotandelen": "not_yet",
        "momskompensasjon": "not_yet", "imdi_national": "not_for_you", "imdi_regional_operating": "not_for_you",
    },
    # in Enhetsregisteret, not in Frivillighetsregisteret; adults, outside Eastern Norway
    "registered_not_frivreg": {
        "municipal_activity": "now", "imdi_local": "not_yet", "grasrotandelen": "not_yet",
        "momskompensasjon": "not_yet", "imdi_national": "not_for_you", "imdi_regional_operating": "not_for_you",
        "bufdir_inclusion": "not_for_you", "frifond_barn_unge": "not_for_you", "sparebankstiftelsen_dnb": "not_for_you",
    },
    # a registered youth group in Drammen that has done everything
    # (on 1 December 2026 the rounds of IMDi's municipalities and momskompensasjon are closed;
    # Bufdir's usual date, 31 October, has passed and this year's round is not seen: later)
    "youth_group": {
        "municipal_activity": "now", "imdi_local": "later", "bufdir_inclusion": "later", "frifond_barn_unge": "now",
        "sparebankstiftelsen_dnb": "now", "grasrotandelen": "now", "momskompensasjon": "later",
        "imdi_national": "not_for_you", "imdi_regional_operating": "not_for_you",
    },
    # an immigrant organisation in four municipalities in Vestfold
    "regional_immigrant_org": {
        "imdi_regional_operating": "later", "imdi_local": "later", "municipal_activity": "now",
        "grasrotandelen": "not_yet", "momskompensasjon": "not_yet", "imdi_national": "not_for_you",
        "bufdir_inclusion": "not_for_you", "frifond_barn_unge": "not_for_you", "sparebankstiftelsen_dnb": "not_for_you",
    },
    # a children's club in Bergen: outside Sparebankstiftelsen DNB's region
    "outside_dnb_region": {
        "sparebankstiftelsen_dnb": "not_for_you", "frifond_barn_unge": "now", "bufdir_inclusion": "later",
        "imdi_local": "later", "municipal_activity": "now", "grasrotandelen": "now",
        "momskompensasjon": "not_yet", "imdi_national": "not_for_you", "imdi_regional_operating": "not_for_you",
    },
}


def by_id(items):
    return {r["id"]: r for r in items}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status_of_every_scheme(name, content, example, en):
    got = by_id(results(content, example(name), en, TODAY))
    assert set(got) == set(content.grants)
    assert {k: r["status"] for k, r in got.items()} == EXPECTED[name]
    for r in got.values():
        assert r["reasons"], f"{r['id']} has no reason"
        assert all(isinstance(x, str) and x.endswith((".", "?")) for x in r["reasons"])
        assert (r["missing"] != []) == (r["status"] == "not_yet")


def test_unregistered_group_is_told_to_register_first(content, example, en):
    got = by_id(results(content, example("unregistered_group"), en, TODAY))
    imdi = got["imdi_local"]
    assert "The organisation is not registered in Enhetsregisteret yet." in imdi["reasons"]
    assert "Only organisations in Frivillighetsregisteret can get this grant." in imdi["reasons"]
    steps = [m["step"] for m in imdi["missing"]]
    assert "Register the organisation in Enhetsregisteret. It is free." in steps
    assert all(m["flows"] == ["registration"] for m in imdi["missing"])
    # Frifond does not need registration: the group can apply now, and is told why
    assert "At least one in three of you are under 26." in got["frifond_barn_unge"]["reasons"]


def test_registered_but_not_in_frivillighetsregisteret(content, example, en):
    got = by_id(results(content, example("registered_not_frivreg"), en, TODAY))
    imdi = got["imdi_local"]
    assert imdi["reasons"] == ["Only organisations in Frivillighetsregisteret can get this grant."]
    assert imdi["missing"] == [{"step": "Register the organisation in Frivillighetsregisteret. It is free.",
                                "flows": ["registration"]}]
    assert got["frifond_barn_unge"]["reasons"] == [
        "At least one in three of the members or participants must be under 26 years old."]


def test_regional_immigrant_organisation_gets_operating_support(content, example, en):
    got = by_id(results(content, example("regional_immigrant_org"), en, TODAY))
    r = got["imdi_regional_operating"]
    assert "You have activities in at least three municipalities." in r["reasons"]
    assert "More than half of your members have an immigrant background." in r["reasons"]
    # missing the surplus clause: the bylaws journey fixes it
    moms = got["momskompensasjon"]
    assert moms["missing"][0]["flows"] == ["bylaws"]


def test_young_regional_organisation_must_wait_a_year(content, example, en):
    answers = example("regional_immigrant_org") | {"org.founded": "2026-05-01"}
    r = by_id(results(content, answers, en, TODAY))["imdi_regional_operating"]
    assert r["status"] == "not_yet"
    assert r["reasons"] == ["The organisation must be at least one year old."]
    assert r["missing"] == [{"step": "Wait until the organisation is one year old. Then apply.", "flows": []}]


def test_outside_region_is_pointed_to_other_foundations(content, example, en):
    r = by_id(results(content, example("outside_dnb_region"), en, TODAY))["sparebankstiftelsen_dnb"]
    assert r["status"] == "not_for_you"
    assert "37 savings bank foundations" in r["reasons"][0]


def test_innlandet_asks_the_follow_up_question_instead_of_ruling_out(content, example, en):
    base = example("youth_group") | {"org.county": "innlandet"}
    r = by_id(results(content, base, en, TODAY))["sparebankstiftelsen_dnb"]
    assert r["status"] == "not_yet"
    assert r["missing"][0]["key"] == "org.former_oppland_or_ringsaker"
    assert r["missing"][0]["flows"] == ["grant_finder"]
    assert "used to be Oppland" in r["reasons"][0]
    yes = by_id(results(content, base | {"org.former_oppland_or_ringsaker": True}, en, TODAY))
    no = by_id(results(content, base | {"org.former_oppland_or_ringsaker": False}, en, TODAY))
    assert yes["sparebankstiftelsen_dnb"]["status"] == "now"
    assert no["sparebankstiftelsen_dnb"]["status"] == "not_for_you"


def test_an_empty_profile_rules_nothing_out_that_it_cannot_know(content, en):
    """With no answers, nothing is 'not for you': every scheme says what to answer or do."""
    items = results(content, {}, en, TODAY)
    assert {r["status"] for r in items} <= {"not_yet", "now"}
    asked = {m.get("key") for r in items for m in r["missing"] if m.get("key")}
    assert {"org.target_groups", "org.reach", "org.county"} <= asked


def test_age_is_derived_from_the_founding_date():
    assert derive({"org.founded": "2025-12-02"}, TODAY)["org.age_years"] == 0
    assert derive({"org.founded": "2025-12-01"}, TODAY)["org.age_years"] == 1
    assert derive({}, TODAY)["org.age_years"] is None


def test_reasons_and_statuses_are_translated(content, example, nb, en):
    nb_items = by_id(results(content, example("registered_not_frivreg"), nb, TODAY))
    en_items = by_id(results(content, example("registered_not_frivreg"), en, TODAY))
    assert nb_items["imdi_local"]["status"] == en_items["imdi_local"]["status"]
    assert nb_items["imdi_local"]["reasons"] != en_items["imdi_local"]["reasons"]
    assert "Frivillighetsregisteret" in nb_items["imdi_local"]["reasons"][0]


def test_assess_is_pure_and_ordered(content, example):
    scheme = content.grants["imdi_local"]
    a = assess(scheme, example("unregistered_group"), TODAY)
    assert a.status == "not_yet"
    assert [o.rule.id for o in a.outcomes] == [r.id for r in scheme.rules]
