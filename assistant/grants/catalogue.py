"""The grant catalogue as the finder and the application writer read it: each scheme's texts
in the user's language (:class:`SchemeText`), the sentences of ``content/grants/_texts.toml``
(:func:`say`) and the schemes in catalogue order.

The schemes themselves are content: their models, loading and load-time checks live in
:mod:`assistant.content.grants` (re-exported here for the code above it).
"""

from __future__ import annotations

from typing import Any

from assistant.content.grant_checks import REQUIRED_TEXTS, check_grants
from assistant.content.grants import (
    STATUSES, TEXTS_FILE, Amounts, Attachment, GrantScheme, Period, Reporting, Risk, Round, Rule, Section,
    Sourced, TextsFile, Yearly, ctx, messages_from_data, scheme_messages, texts_of,
)
from assistant.content.loader import Content, load_grants


class SchemeText:
    """A scheme's texts in one translator's language (the source text when untranslated)."""

    def __init__(self, translator):
        self.t = translator

    def get(self, scheme: GrantScheme, path: str, text: str) -> str:
        return self.t.pgettext(ctx(scheme.id, *path.split("/")), text.strip())

    def title(self, s: GrantScheme) -> str:
        return self.get(s, "title", s.title)

    def summary(self, s: GrantScheme) -> str:
        return self.get(s, "summary", s.summary)

    def how(self, s: GrantScheme) -> str:
        return self.get(s, "how", s.how)

    def deadline(self, s: GrantScheme) -> str:
        return self.get(s, "deadline", s.deadline.text)

    def amounts(self, s: GrantScheme) -> str:
        return self.get(s, "amounts", s.amounts.text)

    def period(self, s: GrantScheme) -> str:
        return self.get(s, "period", s.period.text) if s.period else ""

    def looks_for(self, s: GrantScheme) -> list[str]:
        return [self.get(s, f"looks_for/{i}", x) for i, x in enumerate(s.looks_for)]

    def notes(self, s: GrantScheme) -> list[str]:
        return [self.get(s, f"notes/{i}", x) for i, x in enumerate(s.notes)]

    def rule(self, s: GrantScheme, r: Rule, field: str) -> str:
        text = getattr(r, field)
        return self.get(s, f"rules/{r.id}/{field}", text) if text else ""

    def risk(self, s: GrantScheme, r) -> str:
        return self.get(s, f"risks/{r.id}", r.reason)

    def attachments(self, s: GrantScheme) -> list[str]:
        return [self.get(s, f"attachments/{i}", a.name) for i, a in enumerate(s.attachments)]

    def tip(self, s: GrantScheme, sec: Section) -> str:
        return self.get(s, f"sections/{sec.id}/tip", sec.tip) if sec.tip else ""

    def reporting_deadline(self, s: GrantScheme) -> str:
        return self.get(s, "reporting/deadline", s.reporting.deadline) if s.reporting else ""

    def requirements(self, s: GrantScheme) -> list[str]:
        if not s.reporting:
            return []
        return [self.get(s, f"reporting/requirements/{i}", x) for i, x in enumerate(s.reporting.requirements)]


def texts(content: Content) -> dict[str, str]:
    """id -> English text of ``content/grants/_texts.toml``."""
    return texts_of(content.root)


def say(content: Content, translator, msg_id: str, **params: Any) -> str:
    """A sentence of the texts file in the translator's language, with its placeholders filled."""
    text = texts(content).get(msg_id, msg_id)
    out = translator.pgettext(f"grants/msg/{msg_id}", text)
    return out.format(**params) if params else out


def schemes(content: Content) -> list[GrantScheme]:
    return sorted(content.grants.values(), key=lambda s: (s.order, s.id))


__all__ = [
    "Amounts", "Attachment", "GrantScheme", "Period", "REQUIRED_TEXTS", "Reporting", "Risk", "Round", "Rule",
    "Section", "SchemeText", "Sourced", "STATUSES", "TEXTS_FILE", "TextsFile", "Yearly", "check_grants",
    "ctx", "load_grants", "messages_from_data", "say", "scheme_messages", "schemes", "texts",
]
