"""A short list chosen by number, arrow keys or a click: the language list on the first screen.

Textual's OptionList does the same job, and the other lists of the UI use it (through
:class:`~assistant.tui.widgets.lists.NumberedList`). It is built for long, scrolling lists of rich
options, and on the first screen it cost about as much time as everything else on that screen
together (its import, its styles, measuring and drawing each option). This widget draws the whole
list as one text, and shows at most ``max_lines`` lines, moving with the highlight.

Keys: ↑ ↓ Home End PgUp PgDn move, a number jumps to that line (two digits when there are more
than nine), Enter chooses. They are the list's own movement keys, like any list's, so they are
handled here; the screen's commands are in :mod:`assistant.tui.keymap`.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from assistant.tui.widgets.numbers import TypedNumber


class QuickList(Widget, can_focus=True):
    COMPONENT_CLASSES = {"quick-list--highlighted"}

    # The same look as OptionList, so the first screen looks like the rest of the UI.
    DEFAULT_CSS = """
    QuickList {
        height: auto;
        width: 1fr;
        color: $foreground;
        border: tall $border-blurred;
        padding: 0 1;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        & > .quick-list--highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            border: tall $border;
            background-tint: $foreground 5%;
            & > .quick-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    class Chosen(Message):
        """Enter (or a click) on a line."""

        def __init__(self, quick_list: QuickList, index: int):
            super().__init__()
            self.quick_list = quick_list
            self.index = index

        @property
        def control(self) -> QuickList:
            return self.quick_list

    def __init__(self, labels: list[str], values: list[Any], *, highlight: int = 0,
                 max_lines: int = 12, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.labels = list(labels)
        self.values = list(values)
        self.max_lines = max_lines
        self._highlighted = highlight if 0 <= highlight < len(self.labels) else 0
        self._typed = TypedNumber()

    # --- state -------------------------------------------------------------------------------
    @property
    def option_count(self) -> int:
        return len(self.labels)

    @property
    def highlighted(self) -> int:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int) -> None:
        index = max(0, min(index, len(self.labels) - 1))
        if index != self._highlighted:
            self._highlighted = index
            self.refresh()

    def relabel(self, labels: list[str]) -> None:
        self.labels = list(labels)
        self.refresh(layout=True)

    def first_shown(self) -> int:
        """The index of the top line: the list scrolls to keep the highlight in view."""
        n, shown = len(self.labels), self.max_lines
        if n <= shown:
            return 0
        return min(max(0, self._highlighted - shown // 2), n - shown)

    # --- size and drawing --------------------------------------------------------------------
    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return min(len(self.labels), self.max_lines)

    def render(self) -> Content:
        width = self.content_size.width
        right = self.styles.text_align == "right"
        start = self.first_shown()
        lines = []
        for index in range(start, min(start + self.max_lines, len(self.labels))):
            line = Content(f"{index + 1}. {self.labels[index]}")
            if index == self._highlighted:
                gap = max(0, width - line.cell_length)
                line = (line.pad_left(gap) if right else line.pad_right(gap)).stylize(
                    self.get_visual_style("quick-list--highlighted"))
            lines.append(line)
        return Content("\n").join(lines)

    # --- keys and mouse ----------------------------------------------------------------------
    def choose(self) -> None:
        if self.labels:
            self.post_message(self.Chosen(self, self._highlighted))

    def on_key(self, event: events.Key) -> None:
        moves = {"up": -1, "down": 1, "pageup": -self.max_lines, "pagedown": self.max_lines}
        key = event.key
        if key in moves:
            self.highlighted = self._highlighted + moves[key]
        elif key == "home":
            self.highlighted = 0
        elif key == "end":
            self.highlighted = len(self.labels) - 1
        elif key == "enter":
            self.choose()
        elif event.character and event.character.isdigit():
            index = self._typed.index(event.character, len(self.labels))
            if index is not None:
                self.highlighted = index
        else:
            return
        event.stop()
        event.prevent_default()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.first_shown() + offset.y
        if 0 <= index < len(self.labels):
            self.highlighted = index
            self.choose()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.highlighted = self._highlighted + 1
        event.stop()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.highlighted = self._highlighted - 1
        event.stop()
