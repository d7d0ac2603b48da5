import datetime as dt

import pytest

from assistant.content.models import QuestionStep
from assistant.engine.validate import Invalid, code_for_position, list_numbers, normalise, parse_money
from assistant.profile import account_ok, orgnr_ok


def q(type_, **kw):
    base = dict(id="q", kind="question", type=type_, key="x.y", prompt="P", help="H")
    base.update(kw)
    return QuestionStep.model_validate(base)


@pytest.mark.parametrize("raw, value", [
    ("12500", 12500), ("12 500", 12500), ("12\u00a0500 kr", 12500), ("kr 12.500,-", 12500),
    ("NOK 12 500,00", 12500), (12500, 12500), ("1.000.000", 1000000), (12500.0, 12500),
])
def test_money_forms(raw, value):
    assert parse_money(raw) == value


@pytest.mark.parametrize("raw", ["12,50", "abc", "12.5", True, 12.5, "1,2,3"])
def test_money_rejects(raw):
    with pytest.raises(Invalid):
        parse_money(raw)


def test_real_organisation_and_account_numbers():
    # Brønnøysundregistrene, Equinor, DNB: real, public organisation numbers
    for n in ("974760673", "923609016", "984851006"):
        assert orgnr_ok(n)
    assert not orgnr_ok("974760674")
    assert not orgnr_ok("97476067")
    assert account_ok("86011117947")
    assert not account_ok("86011117948")


def test_orgnr_question_strips_spaces_and_explains():
    step = q("orgnr")
    assert normalise(step, "974 760 673") == "974760673"
    with pytest.raises(Invalid) as e:
        normalise(step, "974760674")
    assert "not valid" in e.value.message
    with pytest.raises(Invalid) as e:
        normalise(step, "1234")
    assert "9 digits" in e.value.message


def test_account_with_dots():
    assert normalise(q("account"), "8601.11.17947") == "86011117947"


def test_required_and_optional():
    with pytest.raises(Invalid):
        normalise(q("text"), "   ")
    assert normalise(q("text", validation={"required": False}), "") is None


def test_text_length_and_pattern():
    step = q("text", validation={"max_length": 5, "pattern": "[A-Z]+", "pattern_message": "Capitals only."})
    assert normalise(step, "  ABC ") == "ABC"
    with pytest.raises(Invalid) as e:
        normalise(step, "ABCDEFG")
    assert e.value.params == {"max": 5, "count": 7}
    with pytest.raises(Invalid) as e:
        normalise(step, "abc")
    assert e.value.message == "Capitals only."


def test_choices_are_codes_never_positions():
    step = q("choice", choices=[{"code": "no", "label": "Norway"}, {"code": "se", "label": "Sweden"}])
    assert normalise(step, "no") == "no"
    assert normalise(step, "SE") == "se"
    with pytest.raises(Invalid) as e:
        normalise(step, "2")  # a position is not a code
    assert e.value.params == {"value": "2", "codes": "no, se"}
    multi = q("multichoice", choices=[{"code": "a", "label": "A"}, {"code": "b", "label": "B"}])
    assert normalise(multi, "b, a, b") == ["a", "b"]
    assert normalise(multi, ["b"]) == ["b"]
    with pytest.raises(Invalid):
        normalise(multi, "2, 1")


def test_numbered_lists_turn_a_typed_number_into_a_code():
    words = q("choice", choices=[{"code": "no", "label": "Norway"}, {"code": "se", "label": "Sweden"}])
    assert list_numbers(words) == ["1", "2"]
    assert code_for_position(words, "2") == "se"
    assert code_for_position(words, "se") == "se"
    # codes that are numbers are the numbers shown: "3" is three members, never the third line
    sizes = q("choice", choices=[{"code": "3", "label": "Three"}, {"code": "5", "label": "Five"},
                                 {"code": "7", "label": "Seven"}])
    assert list_numbers(sizes) == ["3", "5", "7"]
    assert code_for_position(sizes, "3") == "3"
    assert normalise(sizes, code_for_position(sizes, "3")) == "3"
    with pytest.raises(Invalid):
        normalise(sizes, code_for_position(sizes, "2"))


def test_a_date_that_does_not_exist_is_named_as_such():
    step = q("date")
    for raw in ("31.02.2026", "2026-02-31", "30/02/2026"):
        with pytest.raises(Invalid) as e:
            normalise(step, raw)
        assert e.value.message == "The date {date} does not exist. Check the day and the month."
        assert e.value.params == {"date": raw}
    with pytest.raises(Invalid) as e:
        normalise(step, "next friday")
    assert e.value.message.startswith("Write the date as day.month.year")
    assert normalise(step, "29.02.2028") == "2028-02-29"


def test_yes_no_words():
    step = q("yesno")
    for word in ("ja", "Yes", "y", True):
        assert normalise(step, word) is True
    for word in ("nei", "no", False):
        assert normalise(step, word) is False
    assert normalise(step, "haa", yes_words=["haa"]) is True
    with pytest.raises(Invalid):
        normalise(step, "maybe")


def test_dates_and_bounds():
    step = q("date", validation={"max_date": "today"})
    today = dt.date(2026, 11, 22)
    assert normalise(step, "15.03.2026", today=today) == "2026-03-15"
    assert normalise(step, "2026-03-15", today=today) == "2026-03-15"
    assert normalise(step, dt.date(2026, 1, 1), today=today) == "2026-01-01"
    with pytest.raises(Invalid):
        normalise(step, "01.01.2027", today=today)
    with pytest.raises(Invalid):
        normalise(step, "31.02.2026", today=today)


def test_people_roles_and_chair_rules():
    step = q("people", roles=[{"code": "chair", "label": "Chair"}, {"code": "member", "label": "Member"}],
             validation={"min_length": 2})
    people = normalise(step, "Amina  Ali: chair; Omar Hassan: 2")
    assert people == [{"name": "Amina Ali", "role": "chair"}, {"name": "Omar Hassan", "role": "member"}]
    with pytest.raises(Invalid):  # two chairs
        normalise(step, [{"name": "A", "role": "chair"}, {"name": "B", "role": "chair"}])
    with pytest.raises(Invalid):  # no chair
        normalise(step, [{"name": "A", "role": "member"}, {"name": "B", "role": "member"}])
    with pytest.raises(Invalid):  # too few
        normalise(step, [{"name": "A", "role": "chair"}])
    with pytest.raises(Invalid):  # unknown role
        normalise(step, [{"name": "A", "role": "chair"}, {"name": "B", "role": "king"}])


def test_integer_bounds_message():
    step = q("integer", validation={"min": 2})
    with pytest.raises(Invalid) as e:
        normalise(step, "1")
    assert e.value.params == {"min": 2}
    assert normalise(step, "1 000") == 1000


def test_email_and_phone():
    assert normalise(q("email"), " leder@forening.no ") == "leder@forening.no"
    with pytest.raises(Invalid):
        normalise(q("email"), "leder at forening")
    assert normalise(q("phone"), "+47 912 34 567") == "+4791234567"
    with pytest.raises(Invalid):
        normalise(q("phone"), "12")


def test_people_with_one_role_need_only_names():
    step = q("people", roles=[{"code": "founder", "label": "Founder"}], validation={"min_length": 2})
    assert normalise(step, "Amina Ali; Hodan Yusuf") == [{"name": "Amina Ali", "role": "founder"},
                                                         {"name": "Hodan Yusuf", "role": "founder"}]
    board = q("people", roles=[{"code": "chair", "label": "Chair"}, {"code": "member", "label": "Member"}])
    with pytest.raises(Invalid):  # with several roles, the role must be given
        normalise(board, "Amina Ali; Hodan Yusuf")
