"""Lists chosen with the keyboard, and the keymap hook for widgets. Light: no content models,
so the start screen can use them without loading pydantic."""

from __future__ import annotations

import time
from typing import Any

from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.tui import keymap


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
        self._digits = ""
        self._digit_time = 0.0
        super().__init__(*self._numbered(labels), id=id, classes=classes)
        self._initial = highlight

    def _numbered(self, labels: list[str]) -> list[Option]:
        return [Option(f"{i}. {label}", id=f"o{i}") for i, label in enumerate(labels, start=1)]

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
            now = time.monotonic()
            many = self.option_count > 9
            self._digits = (self._digits if many and now - self._digit_time < 1.0 else "") + ch
            self._digit_time = now
            n = int(self._digits)
            if not 1 <= n <= self.option_count:
                self._digits = ch
                n = int(ch)
            if 1 <= n <= self.option_count:
                self.highlighted = n - 1
            event.stop()
            event.prevent_default()
