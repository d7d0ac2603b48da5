"""A coordinator's feedback on an organisation's work, as text every front end shows beside the
answer or the section it is about. The comments are stored by :mod:`assistant.store.comments`;
they are never read when documents are rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from assistant.i18n import N_
from assistant.store.comments import Comment, answer_target, section_target


def time_text(created: str, locale: str) -> str:
    """A stored time (ISO, UTC) as the date in the locale's way and the local hour."""
    from assistant.i18n import format as F

    try:
        when = dt.datetime.fromisoformat(created)
        return F.date(when.date(), locale) + " " + when.astimezone().strftime("%H:%M")
    except ValueError:
        return created


def comment_lines(translator, comments: Iterable[Comment]) -> list[str]:
    """One line per comment: who, when, the text as written, and whether it is done."""
    out = []
    for c in comments:
        head = translator.format(N_("Comment from {author}, {time}:"), author=c.author,
                                 time=time_text(c.created, translator.locale))
        line = f"» {head} {c.text}"
        if c.is_done:
            line += "  (" + translator.gettext("done") + ")"
        out.append(line)
    return out


def answer_comments(conv, key: str) -> list[Comment]:
    return conv.comments(answer_target(key))


def draft_comment_lines(conv, translator) -> list[str]:
    """The comments on the sections of the application draft of the chosen scheme."""
    scheme_id = str(conv.answers.get("grant.scheme") or "")
    scheme = conv.content.grants.get(scheme_id)
    if scheme is None:
        return []
    out: list[str] = []
    for sec in scheme.sections:
        found = conv.comments(section_target(scheme_id, sec.id))
        if found:
            out.append(f"{sec.nb}:")
            out += ["  " + line for line in comment_lines(translator, found)]
    return out


def note_lines(conv, translator, step=None) -> list[str]:
    """The flow's notes beside this step (the funder's feedback when an application is opened
    again), under one heading; the notes as the user wrote them."""
    notes = conv.notes(step)
    if not notes:
        return []
    return [translator.gettext("From the funder's answer:")] + [f"  → {n}" for n in notes]


def suggestion_lines(conv, translator, step=None) -> list[str]:
    """Where the answer Veiviser filled in comes from, and what to check ([] without one)."""
    found = conv.suggestion(step)
    return found.explain(translator) if found is not None else []
