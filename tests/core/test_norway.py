"""The "Norway problem": YAML 1.1 turns no/NO/off into false. Content and answers are TOML, where
only true/false are booleans. These tests pin that down for content, answers and conditions."""

import json
import tomllib

from assistant.content.models import Flow
from assistant.engine import Engine, State
from assistant.scripted import load_answers
from assistant.i18n import get_translator


def test_choice_codes_no_and_nb_stay_strings(demo_content):
    step = demo_content.flows["demo"].step("why_not")
    assert [c.code for c in step.choices] == ["no", "nb"]
    assert all(isinstance(c.code, str) for c in step.choices)


def test_toml_keeps_country_and_language_codes():
    data = tomllib.loads('country = "no"\nlang = "nb"\nupper = "NO"\nflag = "off"\ncodes = ["no", "NO", "nb"]\n')
    assert data == {"country": "no", "lang": "nb", "upper": "NO", "flag": "off", "codes": ["no", "NO", "nb"]}


def test_answers_file_value_no_is_the_code_not_false(tmp_path, demo_content):
    path = tmp_path / "a.toml"
    path.write_text('[demo]\nwhy_not = "no"\n[org]\nname = "NO"\n', encoding="utf-8")
    answers = load_answers(path, set(demo_content.known_keys()), get_translator("en"))
    assert answers == {"demo.why_not": "no", "org.name": "NO"}
    engine = Engine(demo_content.flows["demo"])
    state = engine.acknowledge(State())
    state, _, value = engine.answer(state, "NO")  # a name that happens to be NO
    assert value == "NO"


def test_condition_compares_code_no():
    flow = Flow.model_validate({
        "id": "n", "title": "N", "summary": "N",
        "steps": [
            {"id": "c", "kind": "question", "type": "choice", "key": "x.country", "prompt": "?", "help": "?",
             "choices": [{"code": "no", "label": "Norway"}, {"code": "se", "label": "Sweden"}]},
            {"id": "only_no", "kind": "info", "text": "Norway", "when": "x.country == 'no'"},
        ]})
    engine = Engine(flow)
    state, _, value = engine.answer(State(), "no")
    assert value == "no"
    assert engine.current(state).id == "only_no"
    assert json.loads(json.dumps(value)) == "no"
