"""Complaint rights after a funder's answer, as content (``content/aftercare/complaints.toml``):
one entry per scheme with ``right`` yes / no / letter, the weeks to complain, to whom (Norwegian)
and the fact that says so. Loaded and checked here, in the content layer; the year package above
uses them."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import Field

from assistant.content.loader import Content, Problem, rel
from assistant.content.models import Strict


class ComplaintRule(Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")  # a grant scheme id
    right: Literal["yes", "no", "letter"]
    weeks: int | None = Field(default=None, ge=1)
    to_nb: str | None = None  # where to send it, as the Norwegian letter says
    fact: str | None = None  # the sourced fact behind it


class ComplaintFile(Strict):
    schemes: tuple[ComplaintRule, ...] = ()


def complaints_path(content: Content) -> Path:
    return content.root / "aftercare" / "complaints.toml"


@functools.lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> dict[str, ComplaintRule]:
    with path.open("rb") as fh:
        data = ComplaintFile.model_validate(tomllib.load(fh))
    return {r.id: r for r in data.schemes}


def complaint_rules(content: Content) -> dict[str, ComplaintRule]:
    path = complaints_path(content)
    if not path.is_file():
        return {}
    return _load(path, path.stat().st_mtime)


def check_complaints(content: Content) -> list[Problem]:
    """Every entry names a known scheme and fact; a "yes" has its weeks and addressee."""
    path = complaints_path(content)
    if not path.is_file():
        return []
    file = rel(path, content.root)
    try:
        rules = complaint_rules(content)
    except (ValueError, tomllib.TOMLDecodeError) as exc:
        return [Problem(file, "", f"cannot be read: {exc}")]
    problems = []
    for r in rules.values():
        if content.grants and r.id not in content.grants:
            problems.append(Problem(file, r.id, "no grant scheme has this id"))
        if r.fact and r.fact not in content.facts:
            problems.append(Problem(file, r.id, f"fact {r.fact!r} does not exist"))
        if r.right == "yes" and not (r.weeks and r.to_nb and r.fact):
            problems.append(Problem(file, r.id, "a complaint right needs weeks, to_nb and fact"))
    return problems
