"""Every language at 80x24: the key bar shows every key, the language list starts on the
language used last, money shows the locale's one sign, and right-to-left pop-ups are drawn by
the app. Real catalogs and the real founding flow."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from assistant.i18n.catalog import available_locales
from tests.tui.helpers import build_app, screen_text, sync

LOCALES = [c for c in available_locales() if not c.startswith("qps")]


def test_fit_labels_shortens_only_as_much_as_needed():
    from assistant.tui.widgets.keybar import fit_labels

    keys = [("F1", "Caawimaad"), ("F3", "Khariidadda jidka"), ("^Q", "Kaydi oo ka bax"), ("F4", "Luqadda")]
    assert fit_labels(keys, 200) == [d for _, d in keys]
    short = fit_labels(keys, 50)
    assert sum(cell_len(k) + 2 + cell_len(d) for (k, _), d in zip(keys, short)) <= 50
    assert short[0] == "Caawimaad" and short[3] == "Luqadda"  # short labels stay whole
    assert short[1].endswith("…") and short[1].startswith("Khariid")
    rtl = fit_labels([("F3", "ﻖﻳﺮﻄﻟﺍ ﺔﻄﻳﺮﺧ ﺔﻠﻳﻮﻃ ﺍﺪﺟ")], 12, from_right=True)
    assert rtl[0].startswith("…") and rtl[0].endswith("ﺍﺪﺟ")  # visual order: the start is on the right


def _session(data_dir, locale):
    from assistant.store import Store

    with Store(data_dir) as store:
        return store.create_session("Kvinneforeningen", locale)


@pytest.mark.parametrize("locale", LOCALES)
@sync
async def test_every_key_is_visible_at_80x24(data_dir, locale):
    app = build_app(data_dir, locale, session_id=_session(data_dir, locale), flow_id="founding")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for screen_key in (None, "f3"):  # the dialogue, then the roadmap
            if screen_key:
                await pilot.press(screen_key)
                await pilot.pause()
            lines = screen_text(app).rstrip("\n").split("\n")
            bar = lines[-1]
            shown = app.screen.query_one("KeyBar")._shown
            assert shown, bar
            for key, label, _on in shown:  # each key with its (maybe shortened) label, uncut
                assert key + label.rstrip() in bar or label.lstrip() + key in bar, (locale, key, label, bar)
            assert cell_len(bar.rstrip()) <= 80
            assert all(cell_len(line) <= 80 for line in lines), locale
            # box drawing stays whole in every script (Ethiopic, Arabic): the right border of
            # the boxes is in one column on every line
            borders = {cell_len(line[:line.rindex("▎")]) for line in lines if "▎" in line}
            assert len(borders) <= 1, (locale, borders)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("height", [24, 19])
@sync
async def test_the_roadmap_legend_is_whole(data_dir, locale, height):
    """The list of stages scrolls; the legend under it keeps its last word ("Enter.")."""
    app = build_app(data_dir, locale, session_id=_session(data_dir, locale), flow_id="founding")
    async with app.run_test(size=(80, height)) as pilot:
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
        hint = app.screen.query_one("#hint")
        last = app.bidi.line(hint.text).split()[0 if app.bidi.reorders else -1]
        shown = screen_text(app).rstrip("\n").split("\n")[:-1]  # without the key bar
        assert any(last in line for line in shown), (locale, last, shown[-6:])
        assert hint.region.bottom <= height - 1


@sync
async def test_the_language_list_starts_on_the_language_used_last(data_dir):
    from assistant.store import Store

    with Store(data_dir) as store:
        store.create_session("Gammel forening", "nb")
        store.create_session("Somali Women", "ar")  # used last
    app = build_app(data_dir, "nb", fixture=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        languages = app.screen.query_one("#languages")
        assert languages.values[languages.highlighted] == "ar"


@pytest.mark.parametrize("locale", ["nb", "so", "ar"])
@sync
async def test_the_money_input_shows_the_sign_the_amount_uses(data_dir, locale):
    from assistant.i18n.format import currency_unit, nok
    from tests.tui.helpers import press

    app = build_app(data_dir, locale, session_id=_session(data_dir, locale), flow_id="founding")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        conv = app.screen.conv
        for _ in range(30):
            if getattr(conv.current, "type", None) is not None and conv.current.type.value == "money":
                break
            from tests.tui.helpers import step_on

            await step_on(pilot, app)
            await pilot.pause()
        assert conv.current.type.value == "money"
        await press(pilot, *"30000")
        unit = app.screen.query_one(".unit").text
        assert unit == currency_unit(locale)
        preview = app.screen.query_one("#answer-preview").text
        assert unit in preview and nok(30000, locale) in preview


@sync
async def test_a_toast_with_a_path_is_drawn_right_to_left_with_the_path_in_order(data_dir):
    app = build_app(data_dir, "ar", fixture=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        path = "/home/amina/dokumenter"
        app.notify(app.t.format("Saved in {folder}: {files}", folder=path, files="protokoll.md"))
        await pilot.pause(0.3)
        toast = app.screen.query("Toast")
        text = screen_text(app)
        assert toast and path in text and "protokoll.md" in text, text
        toast_text = "".join(str(t.render()) for t in toast)
        assert any("\ufe70" <= c <= "\ufeff" for c in toast_text), toast_text  # shaped, in visual order


@pytest.mark.parametrize("locale", ["nb", "ar"])
@sync
async def test_a_click_on_a_key_in_the_key_bar_runs_it(data_dir, locale):
    """In right-to-left the keys are drawn from the right; a click still hits the key drawn there."""
    app = build_app(data_dir, locale, session_id=_session(data_dir, locale), flow_id="founding")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = screen_text(app).rstrip("\n").split("\n")[-1]
        x = cell_len(bar[:bar.index("F4")])
        await pilot.click("KeyBar", offset=(x, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "LanguageScreen"
