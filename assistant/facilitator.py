"""The facilitator's overview: every organisation in the store with its stage on the roadmap,
its progress in the current flow, the last change, and flags (answers that disagree across
documents, answers marked for translation, open comments, deadlines coming up). Pure reading; the terminal UI (``veiviser facilitator``)
and later the web front end show it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from assistant.i18n import N_
from assistant.roadmap import flow_status, status
from assistant.session import NEEDS_TRANSLATION

SOON_DAYS = 30  # a deadline within this many days is "coming up"


@dataclass(frozen=True)
class Deadline:
    what: str  # a scheme's title (or a local deadline's text)
    date: dt.date


@dataclass
class OrgRow:
    id: int
    name: str
    locale: str
    updated: str
    stage: str | None  # the stage id that is next (None: all done)
    stage_title: str
    flow: str | None  # the current flow
    answered: int
    total: int
    translation: int  # answers marked for translation
    comments: int  # open comments
    deadlines: list[Deadline] = field(default_factory=list)
    conflicts: int = 0  # places where two documents would disagree (assistant.papertrail)

    @property
    def flags(self) -> list[str]:
        out = []
        if self.conflicts:
            out.append("conflicts")
        if self.translation:
            out.append("translation")
        if self.comments:
            out.append("comments")
        if self.deadlines:
            out.append("deadline")
        return out

    def matches(self, text: str) -> bool:
        words = text.casefold().split()
        hay = " ".join((str(self.id), self.name, self.locale, self.stage_title, self.flow or "")).casefold()
        return all(w in hay for w in words)


def _deadlines(content, answers, today: dt.date) -> list[Deadline]:
    from assistant.grants.finder import results
    from assistant.i18n import get_translator

    out = []
    t = get_translator("en")
    for r in results(content, answers, t, today):
        closes = r["timing"].get("closes")
        if r["status"] == "now" and closes:
            date = dt.date.fromisoformat(closes)
            if 0 <= (date - today).days <= SOON_DAYS:
                out.append(Deadline(content.grants[r["id"]].name, date))
    return sorted(out, key=lambda d: d.date)


def overview(content, store, translator, today: dt.date | None = None) -> list[OrgRow]:
    from assistant.i18n.content import ContentText
    from assistant.papertrail import conflicts
    from assistant.store.comments import Comments

    today = today or dt.date.today()
    ct = ContentText(translator)
    comments = Comments(store)
    rows = []
    for info in store.sessions():
        answers = store.answers(info.id)
        states = store.flow_states(info.id)
        stages = status(content, answers, states)
        nxt = next((s for s in stages if s.state == "next"), None)
        flow = info.current_flow if info.current_flow in content.flows else None
        answered = total = 0
        if flow:
            p = flow_status(content, flow, answers, states.get(flow, [])).progress
            answered, total = p.answered, p.total
        rows.append(OrgRow(
            id=info.id, name=info.name, locale=info.locale, updated=info.updated,
            stage=nxt.stage.id if nxt else None,
            stage_title=ct.stage_title(nxt.stage) if nxt else translator.gettext("done"),
            flow=flow, answered=answered, total=total,
            translation=len(answers.get(NEEDS_TRANSLATION) or []),
            comments=comments.open_count(info.id),
            deadlines=_deadlines(content, answers, today),
            conflicts=len(conflicts(answers))))
    return rows


def search(rows: list[OrgRow], text: str) -> list[OrgRow]:
    return [r for r in rows if r.matches(text)] if text.strip() else list(rows)


def flag_list(t, row: OrgRow) -> list[str]:
    """The flags of a row as short texts in the translator's language."""
    out = []
    if row.conflicts:
        out.append(t.format(N_("Documents disagree: {count}"), count=row.conflicts))
    if row.translation:
        out.append(t.gettext("marked for translation"))
    if row.comments:
        out.append(t.format(N_("Comments to read: {count}"), count=row.comments))
    for d in row.deadlines:
        out.append(t.format(N_("Deadline soon: {what}, {date}"), what=d.what, date=d.date.isoformat()))
    return out


def flag_text(t, row: OrgRow) -> str:
    return " · ".join(flag_list(t, row))
