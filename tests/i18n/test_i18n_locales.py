"""Locales: formatting per locale, negotiation from the environment, fallback, adding a language,
the notice for catalogs no native speaker has reviewed, pseudo-locales."""

import datetime as dt
import subprocess
import sys

import pytest

from assistant import paths
from assistant.i18n import available_locales, get_translator, negotiate
from assistant.i18n.catalog import locale_from_environment, normalise
from assistant.i18n.format import date, direction, is_rtl, language_name, nok, number

NBSP = "\xa0"
LAUNCH = ["nb", "en", "ar", "so", "ti", "uk", "pl", "fa"]


@pytest.mark.parametrize("locale,amount,expected", [
    ("nb", 12500, f"12{NBSP}500{NBSP}kr"),
    ("nb", 0, "0\xa0kr"),
    ("en", 12500, "NOK\u00a012,500"),
    ("uk", 12500, f"12{NBSP}500{NBSP}NOK"),
    ("pl", 1250000, f"1{NBSP}250{NBSP}000{NBSP}NOK"),
    ("ar", 12500, f"\u200f12,500{NBSP}NOK"),
])
def test_nok_per_locale(locale, amount, expected):
    assert nok(amount, locale) == expected


@pytest.mark.parametrize("locale,expected", [
    ("nb", f"1{NBSP}234{NBSP}567,5"), ("en", "1,234,567.5"), ("uk", f"1{NBSP}234{NBSP}567,5"),
    ("pl", f"1{NBSP}234{NBSP}567,5"), ("so", "1,234,567.5"),
])
def test_numbers_per_locale(locale, expected):
    assert number(1234567.5, locale) == expected


@pytest.mark.parametrize("locale,expected", [
    ("nb", "17. mai 2026"), ("en", "May 17, 2026"), ("pl", "17 maja 2026"),
    ("uk", "17 травня 2026\u202fр."), ("ar", "17 مايو 2026"),
])
def test_dates_per_locale(locale, expected):
    assert date("2026-05-17", locale) == expected
    assert date(dt.date(2026, 5, 17), locale) == expected


def test_language_names_in_their_own_language():
    names = {code: language_name(code) for code in LAUNCH + ["fa_AF"]}
    assert names == {"nb": "norsk bokmål", "en": "English", "ar": "العربية", "so": "Soomaali",
                     "ti": "ትግርኛ", "uk": "Українська", "pl": "Polski", "fa": "فارسی", "fa_AF": "دری"}


def test_direction():
    assert [is_rtl(c) for c in ("ar", "fa", "fa_AF", "ur", "qps_RTL")] == [True] * 5
    assert [is_rtl(c) for c in ("nb", "ti", "so", "uk", "qps")] == [False] * 5
    assert direction("ar") == "rtl" and direction("nb") == "ltr"


@pytest.mark.parametrize("raw,code", [("nb_NO.UTF-8", "nb"), ("no", "nb"), ("prs", "fa_AF"), ("fa-AF", "fa_AF"),
                                      ("ar_eg.utf8", "ar_EG"), ("qps_rtl", "qps_RTL"), ("uk_UA@euro", "uk_UA")])
def test_normalise(raw, code):
    assert normalise(raw) == code


def test_negotiation_from_the_environment(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ar_SY.UTF-8")
    assert negotiate(locale_from_environment(), LAUNCH) == "ar"
    monkeypatch.setenv("LANGUAGE", "ti_ER:en")
    assert negotiate(locale_from_environment(), LAUNCH) == "ti"
    monkeypatch.setenv("LANGUAGE", "prs")
    assert negotiate(locale_from_environment(), LAUNCH + ["fa_AF"]) == "fa_AF"
    assert negotiate(locale_from_environment(), LAUNCH) == "fa"
    monkeypatch.setenv("LANGUAGE", "de_DE:sv")
    monkeypatch.delenv("LANG")
    assert negotiate(locale_from_environment(), LAUNCH) is None
    monkeypatch.setenv("LANGUAGE", "C")
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert locale_from_environment() == []


def test_the_shipped_launch_locales_are_offered():
    offered = available_locales()
    assert set(LAUNCH) <= set(offered)
    assert "fa_AF" in offered and not any(c.startswith("qps") for c in offered)


def test_fallback_region_then_language_then_source(tmp_path, write_po):
    write_po(tmp_path, "fa", [("Yes", "بله"), ("Save answer", "ذخیرهٔ پاسخ")])
    write_po(tmp_path, "fa_AF", [("Yes", "بلی")])
    t = get_translator("prs", tmp_path)
    assert t.locale == "fa_AF"
    assert t.gettext("Yes") == "بلی"  # Dari's own word
    assert t.gettext("Save answer") == "ذخیرهٔ پاسخ"  # from fa
    assert t.gettext("Not translated anywhere") == "Not translated anywhere"  # the source
    assert get_translator("xx_YY", tmp_path).gettext("Yes") == "Yes"


def test_shipped_dari_is_its_own_catalog_not_persian():
    """Issue 18: Dari (fa_AF, asked for as prs) is complete on its own, in Afghan wording, and its
    review notice names Dari, not Persian. The fallback to fa stays for a catalog that lags behind."""
    from assistant.i18n.status import locale_status

    rows = {r.locale: r for r in locale_status()}
    assert rows["fa_AF"].percent == 100.0 and rows["fa_AF"].translated == rows["fa_AF"].total
    dari, persian = get_translator("prs"), get_translator("fa")
    assert dari.locale == "fa_AF" and dari.gettext("yes") == "بلی" and persian.gettext("yes") == "بله"
    assert dari.gettext("Save answer") == "ذخیرهٔ جواب" != persian.gettext("Save answer")
    notice = dari.gettext("This translation has not yet been checked by a native speaker.")
    assert "دری" in notice and "فارسی" not in notice


def test_shipped_turkish_is_complete_offered_and_suggested():
    """Issue 18: Turkish is a complete catalog, offered in its own name, left to right, with the
    CLDR plural rule (one: n = 1), and suggested when someone types Turkish."""
    from assistant.i18n.detect import suggest
    from assistant.i18n.status import locale_status

    rows = {r.locale: r for r in locale_status()}
    assert rows["tr"].percent == 100.0 and not rows["tr"].reviewed
    assert "tr" in available_locales() and language_name("tr") == "Türkçe" and not is_rtl("tr")
    t = get_translator("tr")
    assert t.gettext("yes") == "evet" and t.gettext("Language") == "Dil"
    assert t.ngettext("{count} answer", "{count} answers", 1) == "{count} cevap"
    text = "Biz bir dernek kurmak istiyoruz ve yardıma ihtiyacımız var"
    assert suggest(text, available_locales()).locale == "tr"


def test_fuzzy_translations_are_not_used(tmp_path, write_po):
    write_po(tmp_path, "pl", [{"flags": "fuzzy", "entry": ("Yes", "Nie")}, ("No", "Nie")])
    t = get_translator("pl", tmp_path)
    assert t.gettext("Yes") == "Yes" and t.gettext("No") == "Nie"


def test_a_broken_catalog_shows_the_source_and_says_why(tmp_path):
    po = tmp_path / "so" / "LC_MESSAGES" / "veiviser.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Yes"\nmsgstr "Haa\n', encoding="utf-8")
    t = get_translator("so", tmp_path)
    assert t.gettext("Yes") == "Yes" and t.problems


def test_adding_a_language_is_dropping_in_a_catalog(tmp_path, write_po):
    """A translator adds Kurmanji without touching code: it is offered and used at once."""
    write_po(tmp_path, "nb", [("Yes", "Ja")])
    assert "kmr" not in available_locales(tmp_path)
    write_po(tmp_path, "kmr", [("Yes", "Erê"), ("Choose your language", "Zimanê xwe hilbijêre")])
    assert "kmr" in available_locales(tmp_path)
    assert get_translator("kmr", tmp_path).gettext("Yes") == "Erê"
    env = {"VEIVISER_LOCALES_DIR": str(tmp_path)}
    out = _veiviser(["i18n", "status", "--domain", "veiviser"], env)
    assert "kmr" in out
    # and in the interactive front end, with the new language's words
    text = _veiviser(["--plain", "--locale", "kmr", "--data-dir", str(tmp_path / "data")], env, stdin="/quit\n")
    assert "Welcome to Veiviser" in text  # not translated in the new catalog: the source shows


def _veiviser(args, env, stdin=""):
    import os

    full = {**os.environ, **env}
    r = subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin, capture_output=True,
                       text=True, env=full, cwd=str(paths.ROOT), timeout=120)
    return r.stdout + r.stderr


def test_unreviewed_catalogs_say_so_politely_in_their_language():
    for loc in ["ar", "so", "ti", "uk", "pl", "fa"]:
        t = get_translator(loc)
        assert not t.reviewed
        notice = t.gettext("This translation has not yet been checked by a native speaker.")
        assert notice != "This translation has not yet been checked by a native speaker.", loc


def test_the_plain_front_end_shows_the_notice(tmp_path):
    out = _veiviser(["--plain", "--locale", "so", "--data-dir", str(tmp_path)], {}, stdin="/jooji\n")
    assert "Turjumaaddan weli ma eegin qof luqaddan afkiisa hooyo ah." in out
    assert "Ku soo dhowow Veiviser." in out


def test_a_reviewed_catalog_shows_no_notice(tmp_path, write_po):
    write_po(tmp_path, "so", [("Yes", "Haa")], headers={"X-Reviewed": "yes"})
    assert get_translator("so", tmp_path).reviewed
    write_po(tmp_path, "so", [("Yes", "Haa")], domain="content", headers={"X-Reviewed": "no"})
    assert not get_translator("so", tmp_path).reviewed  # every part must be reviewed


def test_pseudo_locales_are_generated_from_the_templates():
    t = get_translator("qps")
    msg = "Choose one of the numbers 1 to {count}."
    shown = t.gettext(msg)
    assert shown != msg and shown.startswith("⟦") and shown.endswith("⟧")
    assert len(shown) >= 1.4 * len(msg)
    assert "{count}" in shown and shown.format(count=7)
    assert not any("a" <= c <= "z" for c in shown.replace("{count}", ""))
    assert t.gettext("Choose a number: ").endswith("⟧ ")  # the prompt's space stays outside
    rtl = get_translator("qps_RTL").gettext(msg)
    assert rtl.startswith("\u200f") and "\u202e" in rtl and "{count}" in rtl
    assert "qps" not in available_locales()


def test_pseudo_locales_can_be_written_for_a_look(tmp_path):
    out = _veiviser(["i18n", "pseudo", "--out", str(tmp_path)], {})
    assert (tmp_path / "qps" / "LC_MESSAGES" / "veiviser.po").exists(), out
    assert (tmp_path / "qps_RTL" / "LC_MESSAGES" / "content.po").exists()


def test_the_first_preferred_language_wins_over_an_exact_match_further_down():
    # LANGUAGE=fa_IR:ar: Farsi is wanted first, so fa (by its language) beats ar (exact)
    assert negotiate(["fa_IR", "ar"], LAUNCH) == "fa"
    assert negotiate(["de", "nb_NO"], LAUNCH) == "nb"
