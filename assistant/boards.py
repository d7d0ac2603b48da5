"""Which board was in office on a day: a board elected at an annual meeting takes office at that
meeting, so a document about an earlier time (the registration checklist made before the meeting,
the annual report and the accounts for the year before) names the board in office then.

``meta.board_history`` (kept by :func:`assistant.profile.follow_ups`) holds every board with the
day it was elected; ``board`` is the last one elected. Templates see ``boards``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from assistant.render.templates import CONTEXT_PROVIDERS


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def history(answers: Mapping[str, Any]) -> list[tuple[dt.date | None, Any]]:
    """(day elected or None, board) for every board, oldest first."""
    return [(_date(h.get("elected")), h.get("board"))
            for h in answers.get("meta.board_history") or [] if isinstance(h, dict) and h.get("board")]


def board_on(answers: Mapping[str, Any], day: dt.date) -> Any:
    """The board in office on ``day``: the last one elected on or before it. The first board
    (the founding board) is in office until the next is elected, whatever its date says."""
    boards = history(answers)
    if not boards:
        return answers.get("board")
    chosen = boards[0][1]
    for elected, board in boards[1:]:
        if elected is not None and elected <= day:
            chosen = board
    return chosen


class Boards:
    """What templates see as ``boards``. Each method takes the template's ``board`` too, so the
    document is still recorded as made from ``board`` (and is out of date when it changes)."""

    def __init__(self, answers: Mapping[str, Any], today: dt.date | None):
        self._answers = answers
        self._today = today or dt.date.today()

    def now(self, board: Any = None) -> Any:
        """The board in office today (an annual meeting later than today has not elected yet)."""
        return board_on(self._answers, self._today) if history(self._answers) else board

    def for_year(self, year: Any, board: Any = None) -> Any:
        """The board in office at the end of ``year`` (or today, if the year is not over): the
        board that held the year and signs its report and accounts."""
        if not history(self._answers):
            return board
        try:
            end = dt.date(int(year), 12, 31)
        except (TypeError, ValueError):
            return self.now(board)
        return board_on(self._answers, min(end, self._today))


def _provide(content, answers: Mapping[str, Any], today: dt.date | None) -> Boards:
    return Boards(answers, today)


CONTEXT_PROVIDERS["boards"] = _provide
