"""After the funder's answer: may the organisation complain, by when, and the funder's feedback
as notes beside the sections of the draft.

The complaint rights are data (``content/aftercare/complaints.toml``): one entry per scheme with
``right`` yes / no / letter, the weeks to complain, to whom (Norwegian) and the fact that says
so. Templates see ``aftercare``.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any
from collections.abc import Mapping


from assistant.content.aftercare import ComplaintRule, check_complaints, complaint_rules  # noqa: F401
from assistant.content.loader import Content
from assistant.i18n.content import NOTES, PANELS
from assistant.render.templates import CONTEXT_PROVIDERS


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return None


class Aftercare:
    """What the after-the-answer templates see as ``aftercare``."""

    def __init__(self, content: Content, answers: Mapping[str, Any], today: dt.date | None = None):
        self._content = content
        self._answers = answers
        self._today = today or dt.date.today()

    @functools.cached_property
    def rule(self) -> ComplaintRule | None:
        return complaint_rules(self._content).get(str(self._answers.get("grant.scheme") or ""))

    @property
    def right(self) -> str:
        return self.rule.right if self.rule else "letter"

    @property
    def complaint_to(self) -> str:
        return (self.rule.to_nb if self.rule else None) or ""

    @property
    def weeks(self) -> int | None:
        return self.rule.weeks if self.rule else None

    @property
    def deadline(self) -> str | None:
        """The last day to complain (ISO), counted from the day the letter came."""
        got = _date(self._answers.get("answer.decision_date"))
        if got is None or not self.weeks:
            return None
        return (got + dt.timedelta(weeks=self.weeks)).isoformat()

    @property
    def passed(self) -> bool:
        """True when the last day to complain is before today: the documents must not say the
        complaint is on time, nor ask for reasons "before the deadline"."""
        last = _date(self.deadline)
        return last is not None and last < self._today

    @property
    def late_source_url(self) -> str:
        """The source of the rule on late complaints (forvaltningsloven § 31), when the facts
        have it."""
        fact = self._content.facts.get("complaint.late")
        return fact.source.url if fact else ""

    @property
    def source_url(self) -> str:
        fact = self._content.facts.get(self.rule.fact) if self.rule and self.rule.fact else None
        return fact.source.url if fact else ""

    @functools.cached_property
    def _notes(self) -> tuple[dict[str, list[str]], list[str]]:
        """The feedback, one note per line: 'Målgruppe: …' goes beside the section whose name
        (or id) comes before the colon; other lines are general notes."""
        from assistant.grants.documents import Draft

        sections = Draft(self._content, self._answers).sections
        names = {}
        for s in sections:
            names[s["nb"].casefold()] = s["id"]
            names[s["id"].casefold()] = s["id"]
        by_section: dict[str, list[str]] = {}
        general: list[str] = []
        for line in str(self._answers.get("answer.feedback") or "").splitlines():
            line = line.strip().lstrip("-*• ").strip()
            if not line:
                continue
            head, sep, rest = line.partition(":")
            target = names.get(head.strip().casefold()) if sep else None
            if target is None:  # a shorter name: "Budsjett" for "Budsjett og finansiering"
                target = next((sid for n, sid in names.items()
                               if sep and head.strip() and n.startswith(head.strip().casefold())), None)
            if target and rest.strip():
                by_section.setdefault(target, []).append(rest.strip())
            else:
                general.append(line)
        return by_section, general

    def notes(self, section_id: str) -> list[str]:
        return self._notes[0].get(section_id, [])

    @property
    def general_notes(self) -> list[str]:
        return self._notes[1]


def feedback_notes(content: Content, answers: Mapping[str, Any]) -> tuple[dict[str, list[str]], list[str]]:
    """The funder's feedback as notes beside the questions of the application: each note beside
    the first question that fills its part of the form (the budget part: the costs)."""
    from assistant.grants import budget as B

    scheme = content.grants.get(str(answers.get("grant.scheme") or ""))
    care = Aftercare(content, answers)
    by_key: dict[str, list[str]] = {}
    for sec in scheme.sections if scheme else ():
        notes = care.notes(sec.id)
        if notes:  # beside the part's first question (the budget: the costs)
            by_key.setdefault(B.COSTS if sec.budget else sec.keys[0], []).extend(notes)
    return by_key, care.general_notes


def _provide(content: Content, answers: Mapping[str, Any], today: dt.date | None) -> Aftercare:
    return Aftercare(content, answers, today)


def feedback_panel(content: Content, answers: Mapping[str, Any], translator, today=None) -> str:
    """The funder's feedback beside the parts of the form it is about (the form's Norwegian
    field names, as the user will see them on the form)."""
    from assistant.grants.documents import Draft

    care = Aftercare(content, answers)
    lines: list[str] = []
    for s in Draft(content, answers).sections:
        notes = care.notes(s["id"])
        if notes:
            lines.append(f"{s['n']}. {s['nb']}")
            lines += [f"    → {note}" for note in notes]
    if care.general_notes:
        lines.append(translator.gettext("About the whole application:"))
        lines += [f"    → {note}" for note in care.general_notes]
    if not lines:
        return translator.gettext("You wrote no notes from the answer. Veiviser's reading of the "
                                  "draft is on the screen before.")
    return "\n".join(lines)


CONTEXT_PROVIDERS["aftercare"] = _provide
PANELS["year.feedback"] = feedback_panel
NOTES["year.feedback"] = feedback_notes
