"""Right-to-left display: reshape and reorder per wrapped line in mode "app", nothing otherwise."""

import pytest

from assistant.i18n import bidi

AR = "مرحبا بك في Veiviser"


def test_app_mode_shapes_and_reorders():
    shown = bidi.display(AR, "app")
    assert shown != AR
    assert shown.startswith("Veiviser ")  # visual order: the sentence starts on the right
    assert all("\ufe70" <= c <= "\ufeff" for c in shown.split()[-1])  # presentation forms: joined letters


@pytest.mark.parametrize("mode", ["terminal", "off"])
def test_other_modes_leave_the_text_alone(mode):
    assert bidi.display(AR, mode) == AR


def test_left_to_right_text_is_untouched():
    assert bidi.display("Hei, verden (1)", "app") == "Hei, verden (1)"
    assert bidi.display("ሰላም ኩን ዓለም", "app") == "ሰላም ኩን ዓለም"


def test_brackets_are_mirrored_and_marks_removed():
    shown = bidi.display("\u200fاختر (1) أو (2)", "app")
    assert "\u200f" not in shown
    assert shown.count("(") == shown.count(")") == 2


def test_wrap_before_reorder_keeps_the_first_words_on_the_first_line():
    text = "الكلمة الأولى ثم كلمات كثيرة أخرى تأتي بعدها في هذا السطر الطويل جدا حتى النهاية"
    lines = bidi.wrap(text, 30, "app")
    assert len(lines) > 1
    assert bidi.display("الكلمة الأولى", "app") in lines[0]
    assert bidi.display("النهاية", "app") in lines[-1]
    assert all(bidi.cell_width(line) <= 30 for line in lines)


def test_wrap_aligns_right_to_left_lines_to_the_right_edge():
    lines = bidi.wrap("نعم لا", 20, "app", align=True)
    assert lines[0].startswith(" ") and bidi.cell_width(lines[0]) == 20


def test_default_mode_and_the_setting(monkeypatch):
    monkeypatch.delenv(bidi.ENV, raising=False)
    assert bidi.default_mode("ar") == "app" and bidi.default_mode("fa_AF") == "app"
    assert bidi.default_mode("nb") == "off" and bidi.default_mode("ti") == "off"
    assert bidi.default_mode("ar", tty=False) == "off"  # pipes and files keep logical order
    assert bidi.choose_mode(None, "ar") == "app"
    monkeypatch.setenv(bidi.ENV, "terminal")
    assert bidi.choose_mode(None, "ar") == "terminal"
    assert bidi.choose_mode("off", "ar") == "off"  # --rtl wins over the environment
    monkeypatch.setenv(bidi.ENV, "nonsense")
    assert bidi.choose_mode(None, "ar") == "app"


def test_displayer_wraps_long_lines_and_keeps_prompts_whole():
    show = bidi.displayer("ar", "app", width=25)
    long = "اكتب رقمًا لتغيير تلك الإجابة، أو اضغط Enter للمتابعة"
    assert len(show(long).split("\n")) > 1
    prompt = show("اختر رقمًا: ")
    assert prompt.endswith(" ") and "\n" not in prompt and not prompt.startswith(" ")
    assert bidi.displayer("ar", "off", 25)(long) == long
    assert bidi.displayer("nb", "app", 25)("Velg et tall") == "Velg et tall"


def test_cell_width():
    assert bidi.cell_width("abc") == 3 and bidi.cell_width("漢字") == 4 and bidi.cell_width("e\u0301") == 1
