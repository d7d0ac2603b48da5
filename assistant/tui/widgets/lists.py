"""Lists chosen with the keyboard, and the keymap hook for widgets. Light: no content models,
so the start screen can use them without loading pydantic."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.tui import keymap
from assistant.tui.widgets.numbers import TypedNumber
from assistant.tui.widgets.text import literal


class Keyed:
    """Mixin: take this widget's key bindings from :mod:`assistant.tui.keymap`."""

    KEY_SCOPE: str = ""

    def install_keys(self, translate) -> None:
        if self.KEY_SCOPE:
            base = type(self)._merged_bindings  # type: ignore[attr-defined]
            self._bindings = keymap.bindings_map(self.KEY_SCOPE, translate, base)  # type: ignore[attr-defined]


class NumberedList(Keyed, OptionList):
    """Options numbered 1, 2, 3 …; typing a number moves to that option, Enter chooses."""

    def __init__(self, labels: list[str], values: list[Any], *, highlight: int | None = None,
                 id: str | None = None, classes: str | None = None):
        self.values = list(values)
        self._typed = TypedNumber()
        super().__init__(*self._numbered(labels), id=id, classes=classes)
        self._initial = highlight

    def _numbered(self, labels: list[str]) -> list[Option]:
        return [Option(literal(f"{i}. {label}"), id=f"o{i}") for i, label in enumerate(labels, start=1)]

    def on_mount(self) -> None:
        if self.KEY_SCOPE:
            self.install_keys(self.app.label)
        if self._initial is not None:
            self.highlighted = self._initial

    def relabel(self, labels: list[str]) -> None:
        keep = self.highlighted
        self.set_options(self._numbered(labels))
        self.highlighted = keep

    def on_key(self, event: events.Key) -> None:
        ch = event.character
        if ch and ch.isdigit():
            index = self._typed.index(ch, self.option_count)
            if index is not None:
                self.highlighted = index
            event.stop()
            event.prevent_default()
