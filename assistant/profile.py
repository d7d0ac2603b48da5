"""The organisation profile that every flow reads and fills.

Answers are kept flat, keyed by dotted profile keys (``org.name``). The keys below are the public
contract of answer files and must keep their names; flows may add their own keys (listed by
``veiviser flows --json``). :class:`Profile` is the typed view of the contract keys, used by the
grant finder and the documents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.content.models import QuestionType as T

CONTRACT_KEYS: dict[str, T] = {
    "org.name": T.text,
    "org.purpose": T.longtext,
    "org.municipality": T.text,
    "org.address": T.text,
    "org.founded": T.date,
    "org.members_count": T.integer,
    "org.org_number": T.orgnr,
    "org.registered_enhetsregisteret": T.yesno,
    "org.registered_frivillighetsregisteret": T.yesno,
    "org.has_bylaws": T.yesno,
    "org.bank_account": T.account,
    "org.activities": T.longtext,
    "org.target_groups": T.multichoice,
    "board": T.people,
    "contact.name": T.text,
    "contact.email": T.email,
    "contact.phone": T.phone,
}

# Keys Veiviser keeps for itself in the profile (not asked by any question).
INTERNAL_KEYS: dict[str, T] = {
    "meta.needs_translation": T.multichoice,  # keys whose answers someone should translate
    # every board the organisation has had: [{"elected": ISO date, "board": people, "term": years}]
    "meta.board_history": T.people,
}


def follow_ups(answers: Mapping[str, Any], key: str, value: Any) -> dict[str, Any]:
    """Other profile keys an answer changes, so each fact has one source: the board elected at
    the annual meeting becomes ``board`` (what every later document shows), and the board it
    replaces is kept in ``meta.board_history`` with the date it was elected and its term."""
    if key != "annual.new_board" or not value:
        return {}
    history = [dict(h) for h in answers.get("meta.board_history") or [] if isinstance(h, dict)]
    term = answers.get("bylaws.term")
    term = int(term) if isinstance(term, (int, str)) and str(term).isdigit() else None
    old = answers.get("board")
    if not history and old:
        history.append({"elected": answers.get("org.founded"), "board": old, "term": term})
    elected = answers.get("annual.date")
    if history and history[-1].get("elected") == elected and len(history) > 1:
        history.pop()  # the same meeting answered again: its board is replaced, not added
    history.append({"elected": elected, "board": value, "term": term})
    return {"board": value, "meta.board_history": history}

BOARD_ROLES = ("chair", "member", "deputy")

ORGNR_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
ACCOUNT_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def mod11_ok(digits: str, weights: tuple[int, ...]) -> bool:
    """Modulus-11 check used by Norwegian organisation and bank account numbers."""
    if len(digits) != len(weights) + 1 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits, weights))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[-1])


def orgnr_ok(value: str) -> bool:
    return mod11_ok(value, ORGNR_WEIGHTS)


def account_ok(value: str) -> bool:
    return mod11_ok(value, ACCOUNT_WEIGHTS)


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    role: Literal["chair", "member", "deputy"]


class Org(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str | None = None
    purpose: str | None = None
    municipality: str | None = None
    address: str | None = None
    founded: dt.date | None = None
    members_count: int | None = Field(default=None, ge=0)
    org_number: str | None = None
    registered_enhetsregisteret: bool | None = None
    registered_frivillighetsregisteret: bool | None = None
    has_bylaws: bool | None = None
    bank_account: str | None = None
    activities: str | None = None
    target_groups: list[str] | None = None

    @field_validator("org_number")
    @classmethod
    def _orgnr(cls, v: str | None) -> str | None:
        if v is not None and not orgnr_ok(v):
            raise ValueError("not a valid organisation number (9 digits, modulus-11)")
        return v

    @field_validator("bank_account")
    @classmethod
    def _account(cls, v: str | None) -> str | None:
        if v is not None and not account_ok(v):
            raise ValueError("not a valid bank account number (11 digits, modulus-11)")
        return v


class Contact(BaseModel):
    model_config = ConfigDict(extra="allow")
    name: str | None = None
    email: str | None = None
    phone: str | None = None


class Profile(BaseModel):
    """Typed view of a flat answer dict. Flow-specific keys are kept in ``extra``."""

    org: Org = Org()
    board: list[Person] = []
    contact: Contact = Contact()
    extra: dict[str, Any] = {}

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any]) -> Profile:
        org: dict[str, Any] = {}
        contact: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        board: list[Any] = []
        for key, value in answers.items():
            if key == "board":
                board = list(value or [])
            elif key.startswith("org.") and key in CONTRACT_KEYS:
                org[key[4:]] = value
            elif key.startswith("contact.") and key in CONTRACT_KEYS:
                contact[key[8:]] = value
            else:
                extra[key] = value
        return cls(org=Org(**org), board=board, contact=Contact(**contact), extra=extra)

    def chair(self) -> Person | None:
        return next((p for p in self.board if p.role == "chair"), None)


def nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Turn ``{"org.name": x}`` into ``{"org": {"name": x}}`` for templates."""
    out: dict[str, Any] = {}
    for key in sorted(flat, key=lambda k: k.count(".")):
        parts = key.split(".")
        node = out
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = {}
                node[part] = child
            node = child
        if isinstance(node.get(parts[-1]), dict) and flat[key] is None:
            continue
        node[parts[-1]] = flat[key]
    return out


def flatten(nested: Mapping[str, Any], prefix: str = "", known: set[str] | None = None) -> dict[str, Any]:
    """Turn a nested answers mapping back into flat dotted keys.

    A key that is itself a known profile key is kept whole even when its value is a mapping.
    """
    out: dict[str, Any] = {}
    for k, v in nested.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping) and not (known and key in known):
            out.update(flatten(v, key + ".", known))
        else:
            out[key] = v
    return out
