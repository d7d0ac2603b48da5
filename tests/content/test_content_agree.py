"""Documents that agree: choices are codes, dates are real, the founding order is the registers'.

These run the shipped flows with the example organisations, as ``veiviser run`` does."""

import json

import pytest

from assistant.cli import main

from .conftest import EXAMPLES, example_answers


def _write(tmp_path, data: dict):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("key", "position", "codes"), [
    ("board_size", "2", ("3", "5", "7")),
    ("notice", "3", ("14", "21", "30")),
    ("deputies", "3", ("0", "1", "2")),
    ("term", "3", ("1", "2")),
])
def test_run_refuses_a_list_position_for_a_choice_with_number_codes(tmp_path, capsys, key, position, codes):
    data = json.loads((EXAMPLES / "somali_drammen.json").read_text(encoding="utf-8"))
    data["bylaws"][key] = position
    code = main(["run", "bylaws", "--answers", str(_write(tmp_path, data)), "--out", str(tmp_path / "o"),
                 "--locale", "en"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"bylaws.{key}" in err and f"{position} is not one of the choices" in err
    for c in codes:  # every valid code, with what it means
        assert f"  {c} = " in err
    assert not (tmp_path / "o" / "vedtekter.md").exists()


def test_run_with_an_iso_date_that_does_not_exist(tmp_path, capsys, content):
    data = json.loads((EXAMPLES / "somali_drammen.json").read_text(encoding="utf-8"))
    data["org"]["founded"] = "2026-02-31"
    code = main(["run", "founding", "--answers", str(_write(tmp_path, data)), "--out", str(tmp_path / "o"),
                 "--locale", "en"])
    err = capsys.readouterr().err
    assert code == 2
    assert "The date 2026-02-31 does not exist" in err and "day.month.year" not in err


def test_examples_use_codes(content):
    for name in ("somali_drammen", "tamil_oslo", "ukrainian_bergen"):
        answers = example_answers(name, content)
        assert answers["bylaws.board_size"] in ("3", "5", "7")
