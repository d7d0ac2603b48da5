"""A municipality's content pack: a folder that adds local content without code.

::

    <pack>/pack.toml        who made it (name, updated, example?), contacts, rooms, meeting
                            places and networks, local deadlines; each item with its source
    <pack>/schemes/*.toml   the municipality's own grant schemes, same model as content/grants

Everything from a pack keeps a reference to its :class:`Pack`, so front ends can say where it
comes from ("from Drammen kommune, updated ..."). A pack's grant schemes join
``content.grants`` and are offered in the grant flows' scheme choice; their texts are shown as
the municipality wrote them (they are not in the shipped catalogs).

The pack folder is named ``schemes/`` (not ``grants/``) so that the catalog extraction of the
shipped content does not take an example pack's texts for shipped texts.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from assistant.content.models import ID_PATTERN, Choice, QuestionStep, Source, Strict

PACK_FILE = "pack.toml"
SCHEMES_DIR = "schemes"


class Contact(Strict):
    """Someone at the municipality (or a partner) an organisation can call."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    role: str = Field(min_length=1)  # e.g. "frivillighetskoordinator"
    office: str | None = None
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ]{5,20}$")
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
    hours: str | None = None  # opening hours, as the page says them
    helps_with: tuple[str, ...] = ()  # e.g. "grants", "rooms", "founding"
    source: Source


class Room(Strict):
    """A room organisations can borrow or rent."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    where: str = Field(min_length=1)
    for_whom: str = Field(min_length=1)
    how_to_book: str = Field(min_length=1)
    price: str = Field(min_length=1)  # "free", "NOK 300 an evening"
    url: str | None = Field(default=None, pattern=r"^https://")
    source: Source


class Place(Strict):
    """A meeting place or a local network of organisations."""

    id: str = Field(pattern=ID_PATTERN)
    kind: Literal["meeting_place", "network"]
    name: str = Field(min_length=1)
    about: str = Field(min_length=1)
    where: str | None = None
    url: str | None = Field(default=None, pattern=r"^https://")
    source: Source


class LocalDeadline(Strict):
    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=1)  # what is due
    date: _dt.date | None = None  # the date, when the page gives one
    yearly: str | None = Field(default=None, pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
    source: Source


class PackFile(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)  # "Drammen kommune"
    municipality: str = Field(min_length=1)  # "Drammen", as org.municipality is answered
    updated: _dt.date  # when the pack was last brought up to date
    example: bool = False  # an example: not the municipality's own, must not be trusted as such
    note: str | None = None
    contacts: tuple[Contact, ...] = ()
    rooms: tuple[Room, ...] = ()
    places: tuple[Place, ...] = ()
    deadlines: tuple[LocalDeadline, ...] = ()


@dataclass(frozen=True)
class Pack:
    info: PackFile
    root: Path
    file: str  # pack.toml as problems name it

    @property
    def name(self) -> str:
        return self.info.name


def sources_of(p: PackFile):
    groups: tuple[tuple[str, tuple[Any, ...]], ...] = (
        ("contacts", p.contacts), ("rooms", p.rooms), ("places", p.places), ("deadlines", p.deadlines))
    for what, items in groups:
        for i, item in enumerate(items):
            yield f"{what}[{i}] (id {item.id})", item.source


def _check_pack(pack: Pack, today: _dt.date):
    from assistant.content.grant_checks import _check_source

    p = pack.info
    out = []
    if p.updated > today:
        out.append((pack.file, "updated", f"the date {p.updated} is in the future"))
    for what, items in (("contacts", p.contacts), ("rooms", p.rooms), ("places", p.places),
                        ("deadlines", p.deadlines)):
        ids = [x.id for x in items]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            out.append((pack.file, f"{what} (id {dup})", "the id is used twice"))
    for place, src in sources_of(p):
        out.extend((x.file, x.place, x.reason) for x in _check_source(pack.file, place, src, today))
        if src.checked > p.updated:
            out.append((pack.file, place, f"checked {src.checked}, after the pack's updated date {p.updated}"))
    for i, d in enumerate(p.deadlines):
        if (d.date is None) == (d.yearly is None):
            out.append((pack.file, f"deadlines[{i}] (id {d.id})", "give either date or yearly"))
    return out


def load_packs(content, directories) -> None:
    """Add every pack in ``directories`` to ``content`` (problems go to ``content.problems``)."""
    from assistant.content.grants import GrantScheme
    from assistant.content.loader import Problem, load_model, rel

    today = _dt.date.today()
    for directory in directories or ():
        root = Path(directory).expanduser()
        pack_path = root / PACK_FILE
        shown = str(pack_path)
        if not root.is_dir():
            content.problems.append(Problem(str(root), "", "content pack folder not found"))
            continue
        if not pack_path.is_file():
            content.problems.append(Problem(shown, "", f"a content pack needs a {PACK_FILE} file"))
            continue
        # files are named as the grant checks name them: from the content folder's parent, or in full
        info = load_model(pack_path, PackFile, content.problems, content.root)
        pack = None
        if info is not None and any(p.info.id == info.id for p in content.packs):
            content.problems.append(Problem(shown, "id", f"pack {info.id!r} is given twice"))
            continue
        if info is not None:
            pack = Pack(info, root, rel(pack_path, content.root))
            content.packs.append(pack)
            content.problems.extend(Problem(*x) for x in _check_pack(pack, today))
        for path in sorted((root / SCHEMES_DIR).glob("*.toml")):
            scheme = load_model(path, GrantScheme, content.problems, content.root)
            if scheme is None or pack is None:  # a broken pack.toml: its schemes are only checked
                continue
            file = rel(path, content.root)
            if scheme.id in content.grants:
                content.problems.append(Problem(file, "id", f"grant id {scheme.id!r} is also used by "
                                                f"{rel(content.grant_files[scheme.id], content.root)}"))
                continue
            if scheme.id != path.stem:
                content.problems.append(Problem(file, "id", f"the id {scheme.id!r} must be the file name "
                                                f"({path.stem!r})"))
            content.grants[scheme.id] = scheme
            content.grant_files[scheme.id] = path
            content.grant_packs[scheme.id] = pack
    _offer_schemes(content)


def _offer_schemes(content) -> None:
    """Offer the packs' schemes with application sections in the grant flows' scheme choice."""
    local = [s for sid, s in content.grants.items() if sid in content.grant_packs and s.has_sections]
    if not local:
        return
    for fid, flow in list(content.flows.items()):
        steps = []
        changed = False
        for step in flow.steps:
            if isinstance(step, QuestionStep) and step.key == "grant.scheme":
                have = {c.code for c in step.choices}
                extra = tuple(Choice(code=s.id, label=s.title) for s in local if s.id not in have)
                if extra:
                    step = step.model_copy(update={"choices": tuple(step.choices) + extra})
                    changed = True
            steps.append(step)
        if changed:
            content.flows[fid] = flow.model_copy(update={"steps": tuple(steps)})


def pack_of(content, scheme_id: str) -> Pack | None:
    return getattr(content, "grant_packs", {}).get(scheme_id)


def stale_pack_sources(content, today: _dt.date | None = None):
    """Every item of a pack checked more than 12 months before ``today`` (for ``veiviser check``)."""
    from assistant.content.dates import stale
    from assistant.content.loader import Problem

    today = today or _dt.date.today()
    out = []
    for pack in getattr(content, "packs", ()):
        for place, src in sources_of(pack.info):
            if stale(src, today):
                out.append(Problem(pack.file, place, f"checked {src.checked}, more than 12 months before "
                                   f"{today}: read {src.url} again and update the checked date"))
    return out
