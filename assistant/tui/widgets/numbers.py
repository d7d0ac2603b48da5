"""Choosing a line of a list by typing its number (both kinds of list in the UI use this)."""

from __future__ import annotations

import time


class TypedNumber:
    """1–9 jump to that line; with more than nine lines, two digits typed within a second make
    one number (1 then 2: line 12)."""

    def __init__(self) -> None:
        self._digits = ""
        self._time = 0.0

    def index(self, ch: str, count: int) -> int | None:
        """The 0-based line for the digit ``ch`` typed now, or None if there is no such line."""
        now = time.monotonic()
        many = count > 9
        self._digits = (self._digits if many and now - self._time < 1.0 else "") + ch
        self._time = now
        n = int(self._digits)
        if not 1 <= n <= count:
            self._digits = ch
            n = int(ch)
        return n - 1 if 1 <= n <= count else None
