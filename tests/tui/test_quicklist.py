"""The first screen's light list: keys, numbers, mouse, a window on long lists."""

from __future__ import annotations

from textual.app import App

from assistant.tui.widgets.quicklist import QuickList

from tests.tui.helpers import sync

NAMES = [f"Language {i}" for i in range(1, 16)]


class ListApp(App):
    def __init__(self, labels, **kw):
        super().__init__()
        self.labels, self.kw, self.chosen = labels, kw, []

    def compose(self):
        yield QuickList(self.labels, list(range(len(self.labels))), id="list", **self.kw)

    def on_mount(self):
        self.query_one(QuickList).focus()

    def on_quick_list_chosen(self, event: QuickList.Chosen):
        self.chosen.append(event.index)


def lines(app) -> list[str]:
    return app.query_one(QuickList).render().plain.split("\n")


@sync
async def test_arrows_home_end_and_enter():
    app = ListApp(NAMES[:5], highlight=1)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("down", "down")
        assert app.query_one(QuickList).highlighted == 3
        await pilot.press("down", "down", "down")  # stops at the last line
        assert app.query_one(QuickList).highlighted == 4
        await pilot.press("home")
        assert app.query_one(QuickList).highlighted == 0
        await pilot.press("up")  # stops at the first line
        await pilot.press("end", "enter")
        await pilot.pause()
        assert app.chosen == [4]


@sync
async def test_a_number_jumps_to_its_line_and_two_digits_make_one_number():
    app = ListApp(NAMES)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("3")
        assert app.query_one(QuickList).highlighted == 2
        await pilot.press("1", "2")  # within a second: line 12
        assert app.query_one(QuickList).highlighted == 11
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [11]


@sync
async def test_a_long_list_shows_a_window_that_follows_the_highlight():
    app = ListApp(NAMES, max_lines=6)
    async with app.run_test(size=(60, 20)) as pilot:
        assert app.query_one(QuickList).size.height == 6  # lines inside the border
        assert lines(app)[0].startswith("1. ")
        await pilot.press("end")
        shown = lines(app)
        assert len(shown) == 6 and shown[-1].startswith("15. ")


@sync
async def test_a_click_chooses_the_line_under_the_mouse():
    app = ListApp(NAMES[:5])
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.click(QuickList, offset=(4, 3))  # border, then lines 1, 2, 3
        await pilot.pause()
        assert app.chosen == [2]


@sync
async def test_the_highlight_fills_the_line_on_the_reading_side():
    app = ListApp(["Norsk", "العربية"], highlight=0)
    async with app.run_test(size=(40, 10)) as pilot:
        widget = app.query_one(QuickList)
        first = widget.render().plain.split("\n")[0]
        assert first.startswith("1. Norsk") and len(first) == widget.content_size.width
        widget.styles.text_align = "right"
        await pilot.pause()
        first = widget.render().plain.split("\n")[0]
        assert first.endswith("1. Norsk") and len(first) == widget.content_size.width
