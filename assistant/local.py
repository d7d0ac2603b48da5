"""What the municipality's content packs offer, as text every front end can show: the label of
anything from a pack ("Local: from Drammen kommune, updated 1 December 2026"), the people to
call ("who can help you here"), the rooms for a meeting, meeting places and networks, and local
deadlines. Pure: reads :class:`~assistant.content.loader.Content` and a translator; no I/O.

The panels ``local.help``, ``local.rooms`` and ``local.places`` can be named by any info step
of a flow (``panel = "local.rooms"``); they are empty when no pack is loaded.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from collections.abc import Mapping

from assistant.i18n import N_
from assistant.i18n.content import PANELS, source_text


def _date(value: dt.date, locale: str) -> str:
    from assistant.i18n import format as F

    try:
        return F.date(value, locale)
    except ValueError:
        return value.isoformat()


def label(translator, pack) -> str:
    """Where a local item comes from."""
    text = translator.format(N_("Local: from {source}, updated {date}."), source=pack.name,
                             date=_date(pack.info.updated, translator.locale))
    if pack.info.example:
        text += " " + translator.gettext("This is an example. The municipality has not checked it.")
    return text


def scheme_label(content, translator, scheme_id: str) -> str | None:
    """The label of a grant scheme from a pack; None for a shipped scheme."""
    pack = getattr(content, "grant_packs", {}).get(scheme_id)
    return label(translator, pack) if pack is not None else None


def packs_for(content, answers: Mapping[str, Any] | None = None) -> list:
    """The packs for the organisation's municipality; every pack when the municipality is not
    known or no pack names it."""
    packs = list(getattr(content, "packs", ()))
    town = str((answers or {}).get("org.municipality") or "").strip().casefold()
    mine = [p for p in packs if town and p.info.municipality.casefold() == town]
    return mine or packs


def contact_lines(translator, c) -> list[str]:
    out = [f"{c.name} – {c.role}"]
    if c.office:
        out.append(f"  {c.office}")
    if c.phone:
        out.append("  " + translator.format(N_("Phone: {phone}"), phone=c.phone))
    if c.email:
        out.append("  " + translator.format(N_("E-mail: {email}"), email=c.email))
    if c.hours:
        out.append("  " + translator.format(N_("Open: {hours}"), hours=c.hours))
    return out


def contacts(content, answers, translator, helps_with: str | None = None) -> list[tuple[Any, Any]]:
    """(pack, contact) pairs, the ones that help with ``helps_with`` first."""
    out = [(p, c) for p in packs_for(content, answers) for c in p.info.contacts]
    if helps_with:
        out.sort(key=lambda pc: helps_with not in pc[1].helps_with)
    return out


def help_text(content, answers: Mapping[str, Any], translator, today=None,
              helps_with: str | None = None) -> str:
    """"Who can help you here": the packs' contacts, with their source."""
    found = contacts(content, answers, translator, helps_with)
    if not found:
        return ""
    lines = [translator.gettext("Who can help you here")]
    for pack, c in found:
        lines += contact_lines(translator, c)
        lines.append("  " + label(translator, pack))
        lines.append("  " + source_text(translator, c.source))
    return "\n".join(lines)


def grant_help_text(content, answers, translator, today=None) -> str:
    return help_text(content, answers, translator, today, helps_with="grants")


def room_lines(translator, r) -> list[str]:
    return [r.name,
            "  " + translator.format(N_("Where: {where}"), where=r.where),
            "  " + translator.format(N_("For whom: {who}"), who=r.for_whom),
            "  " + translator.format(N_("How to book: {how}"), how=r.how_to_book),
            "  " + translator.format(N_("Price: {price}"), price=r.price)]


def rooms_text(content, answers: Mapping[str, Any], translator, today=None) -> str:
    """The rooms of the packs, for a meeting (founding, annual meeting)."""
    lines: list[str] = []
    for pack in packs_for(content, answers):
        for r in pack.info.rooms:
            if not lines:
                lines.append(translator.gettext("Rooms you can use for the meeting"))
            lines += room_lines(translator, r)
            lines.append("  " + label(translator, pack))
            lines.append("  " + source_text(translator, r.source))
    return "\n".join(lines)


def places_text(content, answers: Mapping[str, Any], translator, today=None) -> str:
    """Meeting places and networks, and the local deadlines."""
    lines: list[str] = []
    for pack in packs_for(content, answers):
        for p in pack.info.places:
            if not lines:
                lines.append(translator.gettext("Meeting places and networks"))
            lines.append(f"{p.name}: {p.about}")
            lines.append("  " + label(translator, pack))
            lines.append("  " + source_text(translator, p.source))
    deadlines = [(pack, d) for pack in packs_for(content, answers) for d in pack.info.deadlines]
    if deadlines:
        if lines:
            lines.append("")
        lines.append(translator.gettext("Local deadlines"))
        for pack, d in deadlines:
            lines.append(f"- {d.text}")
            lines.append("  " + label(translator, pack))
            lines.append("  " + source_text(translator, d.source))
    return "\n".join(lines)


# Shown beside a question, without a change to the flow: profile key -> what the packs offer.
BESIDE = {"founding.meeting_place": rooms_text, "annual.place": rooms_text}


def beside_question(content, key: str, answers: Mapping[str, Any], translator, today=None) -> str:
    """What the packs offer for this question (the rooms beside "where do you meet?"), or ""."""
    fn = BESIDE.get(key)
    return fn(content, answers, translator, today) if fn else ""


PANELS["local.help"] = help_text
PANELS["local.grant_help"] = grant_help_text
PANELS["local.rooms"] = rooms_text
PANELS["local.places"] = places_text
