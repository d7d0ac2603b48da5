"""veiviser grants: the same result as the finder, for scripts (--json) and people."""

import json

import pytest

from assistant.cli import main
from assistant.store import Store

EXAMPLES = __import__("pathlib").Path(__file__).parent / "examples"
KEYS = {"id", "name", "title", "funder", "status", "reasons", "missing", "notes", "deadline", "amounts",
        "url", "checked", "has_application"}


def grants(capsys, *args):
    code = main(["grants", *args, "--today", "2026-12-01"])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize("name", ["unregistered_group", "registered_not_frivreg", "youth_group",
                                  "regional_immigrant_org", "outside_dnb_region"])
def test_json_shape(name, capsys):
    code, out, _ = grants(capsys, "--answers", str(EXAMPLES / f"{name}.json"), "--json", "--locale", "en")
    assert code == 0
    items = json.loads(out)
    assert isinstance(items, list) and len(items) >= 9
    for item in items:
        assert KEYS <= set(item)
        assert item["status"] in ("now", "later", "not_yet", "not_for_you")
        assert item["reasons"] and all(isinstance(r, str) for r in item["reasons"])
        assert isinstance(item["missing"], list)
        if item["status"] == "not_yet":
            assert item["missing"]
            for m in item["missing"]:
                assert m["step"] and isinstance(m["flows"], list)
        else:
            assert item["missing"] == []
    order = [i["status"] for i in items]
    assert order == sorted(order, key=["now", "later", "not_yet", "not_for_you"].index)


def test_human_output_groups_and_offers_the_journey(capsys):
    code, out, _ = grants(capsys, "--answers", str(EXAMPLES / "unregistered_group.json"), "--locale", "en")
    assert code == 0
    assert out.startswith("Grants for Ungdomsgruppa på Tøyen\n")
    assert out.index("You can apply now:") < out.index("Not yet. A step is missing first:") < out.index("Not for you:")
    assert "Next step: Register the organisation in Enhetsregisteret. It is free." in out
    assert 'Veiviser can help with this. Choose "Register the organisation" in the menu.' in out
    assert "Check the page before you apply: https://" in out


def test_norwegian_output(capsys):
    code, out, _ = grants(capsys, "--answers", str(EXAMPLES / "registered_not_frivreg.json"), "--locale", "nb")
    assert code == 0
    assert "Dere kan søke nå:" in out
    assert "Bare lag i Frivillighetsregisteret kan få dette tilskuddet." in out
    assert "Velg «Registrer foreningen» i menyen." in out


def test_a_bad_answer_is_refused_with_exit_2(tmp_path, capsys):
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"org.county": "narnia"}), encoding="utf-8")
    code, _, err = grants(capsys, "--answers", str(f), "--locale", "en")
    assert code == 2
    assert err.startswith("Invalid answer for org.county:")


def test_answers_of_a_saved_session(tmp_path, capsys):
    with Store(tmp_path) as store:
        sid = store.create_session("Test")
        for key, value in json.loads((EXAMPLES / "youth_group.json").read_text(encoding="utf-8")).items():
            store.save_answer(sid, key, value)
    code, out, _ = grants(capsys, "--session", str(sid), "--data-dir", str(tmp_path), "--json", "--locale", "en")
    assert code == 0
    assert {i["id"]: i["status"] for i in json.loads(out)}["sparebankstiftelsen_dnb"] == "now"
    code, _, err = grants(capsys, "--session", "999", "--data-dir", str(tmp_path), "--locale", "en")
    assert code == 2 and "There is no session 999." in err
