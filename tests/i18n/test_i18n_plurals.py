"""Plural forms follow CLDR, whatever Babel writes into a header (python-babel #816)."""

import pytest

from assistant.i18n import get_translator
from assistant.i18n.check import check_catalogs
from assistant.i18n.plurals import (SAMPLE_COUNTS, cldr_index_function, header_agrees_with_cldr,
                                    plural_forms_header, plural_function)

# The header Babel's plural table produces for Arabic: forms 4 and 5 swapped for n % 100 >= 11.
BABEL_816_AR = ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
                ": n%100>=0 && n%100<=2 ? 4 : 5);")

AR_FORMS = {0: 0, 1: 1, 2: 2, 3: 3, 11: 4, 100: 5, 102: 5, 103: 3, 111: 4, 1000: 5}


@pytest.mark.parametrize("n,form", sorted(AR_FORMS.items()))
def test_arabic_forms_from_cldr_even_with_babels_wrong_header(n, form):
    assert cldr_index_function("ar")[0](n) == form
    assert plural_function("ar", BABEL_816_AR)(n) == form


def test_the_babel_816_header_is_caught_and_ours_is_right():
    assert "n=11" in header_agrees_with_cldr("ar", BABEL_816_AR)
    assert header_agrees_with_cldr("ar", plural_forms_header("ar")) is None


@pytest.mark.parametrize("locale,expected", [
    ("uk", {1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 14: 2, 21: 0, 22: 1, 25: 2, 101: 0, 111: 2, 112: 2}),
    ("pl", {1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 21: 2, 22: 1, 25: 2, 101: 2, 102: 1, 112: 2}),
    ("nb", {0: 1, 1: 0, 2: 1}),
    ("fa", {0: 0, 1: 0, 2: 1}),  # CLDR: 0 and 1 take the singular in Persian
    ("ti", {0: 0, 1: 0, 2: 1}),
    ("so", {0: 1, 1: 0, 2: 1}),
])
def test_slavic_and_other_forms(locale, expected):
    fn = plural_function(locale, plural_forms_header(locale))
    assert {n: fn(n) for n in expected} == expected


@pytest.mark.parametrize("locale", ["nb", "en", "ar", "so", "ti", "uk", "pl", "fa", "fa_AF", "nn", "vi"])
def test_new_catalog_headers_agree_with_cldr(locale):
    header = plural_forms_header(locale)
    assert header_agrees_with_cldr(locale, header) is None, header
    assert len(SAMPLE_COUNTS) > 200


def test_ngettext_picks_the_arabic_form_for_each_count(tmp_path, write_po):
    forms = ["لا ملفات", "ملف واحد", "ملفان", "{n} ملفات", "{n} ملفًا", "{n} ملف"]
    # the catalog carries Babel's wrong header on purpose: the CLDR rule must win
    write_po(tmp_path, "ar", [("{n} file", "{n} files", forms)], headers={"Plural-Forms": BABEL_816_AR})
    t = get_translator("ar", tmp_path)
    got = {n: t.ngettext("{n} file", "{n} files", n).format(n=n) for n in (0, 1, 2, 3, 11, 100)}
    assert got == {0: "لا ملفات", 1: "ملف واحد", 2: "ملفان", 3: "3 ملفات", 11: "11 ملفًا", 100: "100 ملف"}


def test_ukrainian_ngettext(tmp_path, write_po):
    write_po(tmp_path, "uk", [("{n} answer", "{n} answers", ["{n} відповідь", "{n} відповіді", "{n} відповідей"])],
             headers={"Plural-Forms": plural_forms_header("uk")})
    t = get_translator("uk", tmp_path)
    assert [t.ngettext("{n} answer", "{n} answers", n).format(n=n) for n in (1, 3, 5, 21, 111)] == [
        "1 відповідь", "3 відповіді", "5 відповідей", "21 відповідь", "111 відповідей"]


def test_an_incomplete_plural_is_not_used_and_is_reported(tmp_path, write_po):
    write_po(tmp_path, "pl", [("{n} person", "{n} people", ["{n} osoba", "{n} osoby", ""])],
             headers={"Plural-Forms": plural_forms_header("pl")})
    assert get_translator("pl", tmp_path).ngettext("{n} person", "{n} people", 5) == "{n} people"
    problems = [p.text for p in check_catalogs(tmp_path)]
    assert "some plural forms are empty" in problems


def test_a_wrong_nplurals_is_reported(tmp_path, write_po):
    write_po(tmp_path, "uk", [("a", "b", ["x", "y"])], headers={"Plural-Forms": "nplurals=2; plural=(n != 1);"})
    texts = " ".join(p.text for p in check_catalogs(tmp_path))
    assert "nplurals=2, but CLDR has 3 forms" in texts
