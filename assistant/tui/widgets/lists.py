"""Lists chosen with the keyboard, and the keymap hook for widgets. Light: no content models,
so the start screen can use them without loading pydantic."""

from __future__ import annotations

import time
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
    """Options numbered 1, 2, 3 …; typing a number moves to that option, Enter chooses.

    With ``numbers``, the lines show those numbers instead (choices whose codes are numbers:
    "3. 3 board members"), and typing a number moves to the line that shows it."""

    def __init__(self, labels: list[str], values: list[Any], *, highlight: int | None = None,
                 id: str | None = None, classes: str | None = None, shaped: bool = False,
                 numbers: list[str] | None = None):
        self.values = list(values)
        self.numbers = list(numbers) if numbers else None
        self._typed = TypedNumber()
        self._shaped = shaped  # the labels are ready to draw (language names in their own script)
        self._digits, self._time = "", 0.0
        super().__init__(*self._numbered(labels), id=id, classes=classes)
        self._initial = highlight

    def _numbered(self, labels: list[str]) -> list[Option]:
        # every label goes through the app's right-to-left handling, like every Para
        from textual._context import active_app

        shown = self.numbers or [str(i) for i in range(1, len(labels) + 1)]
        app = active_app.get(None)
        d = getattr(app, "bidi", None)
        line = d.line if d is not None and d.reorders and not self._shaped else str  # the number on the reading side
        return [Option(literal(line(f"{n}. {label}")), id=f"o{i}") for i, (n, label) in enumerate(zip(shown, labels), start=1)]

    def _by_number(self, ch: str) -> int | None:
        """The line showing the number typed (digits typed within a second make one number)."""
        numbers = self.numbers or []
        now = time.monotonic()
        digits = (self._digits if now - self._time < 1.0 else "") + ch
        if not any(n.startswith(digits) for n in numbers):
            digits = ch
        self._digits, self._time = digits, now
        for wanted in (lambda n: n == digits, lambda n: n.startswith(digits)):
            for i, n in enumerate(numbers):
                if wanted(n):
                    return i
        return None

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
            index = self._by_number(ch) if self.numbers else self._typed.index(ch, self.option_count)
            if index is not None:
                self.highlighted = index
            event.stop()
            event.prevent_default()
