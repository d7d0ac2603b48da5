"""What the front ends show in every language: years never grouped, one money sign per locale,
no English role code in another language, example names from the reader's own catalog, and
numbers, paths and addresses kept in order inside right-to-left text."""

from __future__ import annotations

import re

import pytest

from assistant.content.loader import load_content
from assistant.content.models import QuestionStep, QuestionType as T
from assistant.engine.validate import Invalid, normalise
from assistant.i18n import bidi, get_translator
from assistant.i18n.catalog import available_locales
from assistant.i18n.content import ContentText
from assistant.i18n.format import currency_unit, is_year, nok, show_value
from assistant.profile import BOARD_ROLES

LOCALES = [c for c in available_locales() if not c.startswith("qps")]
OTHER = [c for c in LOCALES if c.split("_")[0] != "en"]


@pytest.fixture(scope="module")
def content():
    return load_content(None, check=False)


def _steps(content, kind):
    for flow in content.flows.values():
        for step in flow.steps:
            if isinstance(step, QuestionStep) and step.type is kind:
                yield flow.id, step


def _year_step():
    return QuestionStep.model_validate({"kind": "question", "id": "year", "type": "integer",
                                        "key": "x.year", "prompt": "Year?", "help": "",
                                        "validation": {"min": 2000, "max": 2100}})


@pytest.mark.parametrize("locale", LOCALES)
def test_a_year_is_never_grouped(content, locale):
    t = get_translator(locale)
    years = [(fid, s) for fid, s in _steps(content, T.integer) if is_year(s)]
    assert years, "the content asks for a year (annual meeting)"
    for fid, step in years + [("x", _year_step())]:
        shown = show_value(step, 2026, t, fid)
        assert re.sub(r"\D", "", shown) == "2026" and re.fullmatch(r"\d{4}", shown), (locale, shown)


@pytest.mark.parametrize("locale", ["nb", "en", "pl"])
def test_other_numbers_are_still_grouped(content, locale):
    count = QuestionStep.model_validate({"kind": "question", "id": "n", "type": "integer",
                                         "key": "x.n", "prompt": "How many?", "help": ""})
    assert not is_year(count)
    shown = show_value(count, 38000, get_translator(locale), "x")
    assert shown != "38000" and re.sub(r"\D", "", shown) == "38000"


@pytest.mark.parametrize("locale", LOCALES)
def test_money_has_one_sign_per_locale(locale):
    unit = currency_unit(locale)
    for amount in (0, 100, 30000, 1250000):
        assert unit in nok(amount, locale)
    other = "NOK" if unit == "kr" else "kr"
    assert other not in nok(30000, locale)


ROLE_CODE = re.compile(r"\b(" + "|".join(BOARD_ROLES) + r")\b", re.IGNORECASE)


@pytest.mark.parametrize("locale", OTHER)
def test_no_english_role_code_in_another_language(content, locale):
    """Examples, the people-format message and every catalog string: role labels, never codes."""
    t = get_translator(locale)
    ct = ContentText(t)
    people = list(_steps(content, T.people))
    assert people
    codes = {r.code for _, s in people for r in s.roles} | set(BOARD_ROLES)
    code_word = re.compile(r"\b(" + "|".join(sorted(codes)) + r")\b", re.IGNORECASE)
    shown = []
    for fid, step in people:
        shown.append(ct.step(fid, step, "example"))
        shown.append(ct.people_example(fid, step, 2))
        if len(step.roles) < 2:
            continue  # one role: a name alone is an answer
        with pytest.raises(Invalid) as err:
            normalise(step, "Amina Ali; Hodan Yusuf")  # no role: the message gives an example
        err.value.flow_id = fid
        shown.append(err.value.translate(t))
    for text in shown:
        assert not code_word.search(text), (locale, text)
    for catalog in t.catalogs:
        for (_ctx, _msgid), value in catalog.messages.items():
            for form in value if isinstance(value, tuple) else (value,):
                assert not ROLE_CODE.search(form or ""), (locale, form)


def test_the_people_example_in_arabic_reads_in_arabic(content):
    t = get_translator("ar")
    step = next(s for fid, s in _steps(content, T.people) if fid == "founding" and s.id == "board")
    example = ContentText(t).step("founding", step, "example")
    assert "Fatima Hassan: " + ContentText(t).role("founding", step, "chair") in example
    assert "Amina Ali" not in example  # the Arabic catalog's own example names


@pytest.mark.parametrize("locale", ["so", "ar", "uk"])
def test_a_role_label_typed_in_the_users_language_is_read(content, locale):
    t = get_translator(locale)
    ct = ContentText(t)
    step = next(s for fid, s in _steps(content, T.people) if fid == "founding" and s.id == "board")
    chair, member = ct.role("founding", step, "chair"), ct.role("founding", step, "member")
    value = normalise(step, f"Amina Ali: {chair}; Hodan Yusuf: {member.upper()}",
                      role_words=ct.role_words("founding", step))
    assert value == [{"name": "Amina Ali", "role": "chair"}, {"name": "Hodan Yusuf", "role": "member"}]


@pytest.mark.parametrize("text, kept", [
    ("المبلغ 38 000 كرونة.", "38 000"),
    ("المبلغ 38\u00a0000 كرونة", "38\u00a0000"),
    ("حُفظ الملف في /home/amina/veiviser/protokoll-1.docx الآن", "/home/amina/veiviser/protokoll-1.docx"),
    ("انظر https://www.brreg.no/lag-og-foreninger/ للمزيد", "https://www.brreg.no/lag-og-foreninger/"),
    ("اكتب إلى post@brreg.no اليوم", "post@brreg.no"),
    ("التاريخ 15.03.2026، هنا", "15.03.2026"),
    ("اضغط F1 للمساعدة", "F1"),
])
def test_numbers_paths_and_addresses_keep_their_order(text, kept):
    shown = bidi.display(text, "app")
    assert kept in shown, shown
    assert not re.search("[\u2066-\u2069]", shown)


def test_a_wrapped_address_keeps_its_pieces_in_order():
    from assistant.tui.rtl import Direction

    url = "https://www.brreg.no/lag-og-foreninger/registrering-i-frivillighetsregisteret/"
    lines = Direction("ar").lines(f"المصدر: سجل برونويسوند، {url} (تاريخ التحقق 01.12.2026)", 30)
    pieces = [w for line in lines for w in line.split() if re.fullmatch(r"[\w:/.\-]+", w, re.ASCII)
              and ("/" in w or "-" in w or "." in w) and not re.fullmatch(r"[\d.]+", w)]
    assert "".join(pieces) == url, lines
    assert not any(p.startswith("/") and len(p) <= 3 for p in pieces)  # no stray "/t"


@pytest.mark.parametrize("locale", [c for c in LOCALES if c != "en"])
def test_one_languages_examples_keep_to_one_community(content, locale):
    """Founding's examples were written with Somali names, the annual meeting's with Tamil ones:
    in one language every example shows the names of that language's catalog."""
    from assistant.i18n.content import EXAMPLE_NAMES

    ct = ContentText(get_translator(locale))
    names = ct.example_names()
    if names == list(EXAMPLE_NAMES):
        pytest.skip(f"{locale} has no example names of its own yet")
    assert len(names) == len(EXAMPLE_NAMES), names
    replaced = [src for src, local in zip(EXAMPLE_NAMES, names) if src != local]
    seen = 0
    for flow in content.flows.values():
        for step in flow.steps:
            if isinstance(step, QuestionStep) and step.example and step.example_literal:
                shown = ct.step(flow.id, step, "example")
                assert not any(src in shown for src in replaced), (locale, flow.id, step.id, shown)
                seen += any(n in shown for n in names)
    assert seen >= 5  # the examples with people do show the language's names
