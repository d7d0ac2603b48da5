"""Grant schemes as content: the models of ``content/grants/*.toml``, their loading and their
load-time checks. The finder and the application writer (:mod:`assistant.grants`) sit above
this and read the schemes from :class:`~assistant.content.loader.Content`.

A scheme says who funds it, what it is for, who can apply (eligibility rules written in the
condition language over the organisation profile), when one can apply (its rounds: dated ones
seen on the funder's page, a yearly rule such as "1 September each year", or all year), its
amounts (each with the source, the page's own date and the date we checked), the attachments,
the sections of the application form, and what the report must contain.

Texts users read are written in English (the gettext source) and translated in the "grants"
domain with the context ``grant/<scheme id>/<field>``. ``content/grants/_texts.toml`` (files
starting with "_" are not schemes) holds the sentences the grant code says; context
``grants/msg/<id>``.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from typing import Any, Literal
from collections.abc import Iterator, Mapping

from pydantic import Field, ValidationError, model_validator

from assistant.content.models import ID_PATTERN, KEY_PATTERN, QuestionType, Source, Strict

# Keys computed from the answers and today's date; rules may use them like profile keys.
DERIVED_KEYS: dict[str, QuestionType] = {
    "org.age_years": QuestionType.integer,
    # the first calendar year the organisation exists for all of (its first full year of accounts)
    "org.first_full_year": QuestionType.integer,
    # the first year it can apply with approved accounts for a full year behind it
    "org.first_apply_year": QuestionType.integer,
    "today.year": QuestionType.integer,
}
# the question to answer when a derived key is unknown
DERIVED_FROM = {"org.age_years": "org.founded", "org.first_full_year": "org.founded",
                "org.first_apply_year": "org.founded"}

MONTH_DAY = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


class Round(Strict):
    """One application round as the funder's page showed it."""

    for_year: int | None = Field(default=None, ge=2000)  # the year the money is for
    opens: _dt.date | None = None  # unknown: open from when the round was announced
    closes: _dt.date  # the deadline
    source: Source  # source.checked: when we last saw this round on the page

    @model_validator(mode="after")
    def _order(self) -> Round:
        if self.opens is not None and self.opens > self.closes:
            raise ValueError("a round cannot open after it closes")
        return self

    @property
    def confirmed(self) -> _dt.date:
        return self.source.checked


class Yearly(Strict):
    """The funder's yearly pattern: the deadline falls on ``closes`` (month-day) each year.
    ``fixed``: a rule sets the date (a regulation); otherwise it is only the usual time of year
    and each year's date must be confirmed on the page."""

    closes: str = Field(pattern=MONTH_DAY)
    opens: str | None = Field(default=None, pattern=MONTH_DAY)
    fixed: bool = False
    source: Source  # source.checked: when we last confirmed the pattern

    @property
    def confirmed(self) -> _dt.date:
        return self.source.checked


TEXTS_FILE = "_texts.toml"
STATUSES = ("now", "later", "not_yet", "not_for_you")


class Sourced(Strict):
    """A deadline, an amount or a rule of the funder: plain text, always with its source."""

    text: str = Field(min_length=1)
    source: Source


class Amounts(Sourced):
    min: int | None = Field(default=None, ge=0)  # the smallest amount one can apply for
    max: int | None = Field(default=None, ge=0)  # the largest


class Period(Sourced):
    """When the money must be used: within one calendar year, or at most ``months`` months."""

    kind: Literal["calendar_year", "months"]
    months: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _months(self) -> Period:
        if (self.kind == "months") != (self.months is not None):
            raise ValueError("give months exactly when kind is 'months'")
        return self


class Rule(Strict):
    """One eligibility rule. ``when`` must hold; if it does not, the scheme is ``status`` (not yet,
    or not for you) for the ``reason``. ``fix`` and ``flows`` say what to do about a not_yet."""

    id: str = Field(pattern=ID_PATTERN)
    when: str
    status: Literal["not_yet", "not_for_you"]
    reason: str = Field(min_length=1)  # why it fails, in plain words
    met: str | None = None  # said when the rule holds ("You are registered in ...")
    fix: str | None = None  # the missing step, for not_yet ("Register in ... first.")
    flows: tuple[str, ...] = ()  # Veiviser journeys that do that step
    source: Source | None = None

    @model_validator(mode="after")
    def _fix_only_not_yet(self) -> Rule:
        if self.status == "not_for_you" and (self.fix or self.flows):
            raise ValueError("only a not_yet rule has a fix")
        return self


class Risk(Strict):
    """A choice in the bylaws that puts the scheme at risk: when ``when`` holds on the answers,
    the finder warns with the ``reason``."""

    id: str = Field(pattern=ID_PATTERN)
    when: str
    reason: str = Field(min_length=1)


class Attachment(Strict):
    nb: str = Field(min_length=1)  # as the document names it (Norwegian)
    name: str = Field(min_length=1)  # for the user (translatable)


class Section(Strict):
    """One field of the funder's application form, filled from the answers to ``keys`` (joined
    by a blank line), or with the budget table (``budget = true``)."""

    id: str = Field(pattern=ID_PATTERN)
    nb: str = Field(min_length=1)  # the field's name on the funder's form (Norwegian)
    keys: tuple[str, ...] = ()
    budget: bool = False
    limit: int | None = Field(default=None, ge=1)  # characters, spaces included
    required: bool = True
    tip: str | None = None  # what this funder looks for in this field (translatable)

    @model_validator(mode="after")
    def _filled(self) -> Section:
        if self.budget == bool(self.keys):
            raise ValueError("a section has either keys or budget = true")
        for key in self.keys:
            if not _is_key(key):
                raise ValueError(f"{key!r} is not a profile key")
        return self


class Reporting(Strict):
    deadline: str = Field(min_length=1)  # when the report is due (translatable)
    audit_threshold: int | None = Field(default=None, ge=0)  # from this grant, audited accounts
    requirements: tuple[str, ...] = ()  # what the report must contain (translatable)
    source: Source


class GrantScheme(Strict):
    id: str = Field(pattern=ID_PATTERN)
    order: int = 100  # position in lists
    name: str = Field(min_length=1)  # the scheme's official Norwegian name
    funder: str = Field(min_length=1)  # who decides, as the Norwegian document names it
    # the same, when the organisation's municipality is known: "{municipality} kommune"
    funder_local: str | None = Field(default=None, pattern=r"\{municipality\}")
    title: str = Field(min_length=1)  # a plain name for users (translatable)
    summary: str = Field(min_length=1)  # what the money is for (translatable)
    kind: Literal["project", "activity", "operating", "income", "refund"]
    how: str = Field(min_length=1)  # how and where to apply (translatable)
    url: str = Field(pattern=r"^https://")  # the funder's current page
    template: bool = False  # a model a municipality copies and fills in for its own scheme
    looks_for: tuple[str, ...] = ()  # what the funder looks for (translatable)
    notes: tuple[str, ...] = ()  # things to check before applying (translatable)
    rules: tuple[Rule, ...] = ()
    risks: tuple[Risk, ...] = ()  # bylaws choices that put the scheme at risk
    deadline: Sourced
    # when one can apply: the rounds seen on the funder's page, the yearly rule, or any time
    rounds: tuple[Round, ...] = ()
    yearly: Yearly | None = None
    rolling: Sourced | None = None  # applications are read all year
    amounts: Amounts
    period: Period | None = None
    attachments: tuple[Attachment, ...] = ()
    sections: tuple[Section, ...] = ()
    reporting: Reporting | None = None
    sources: tuple[Source, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> GrantScheme:
        for what, ids in (("rule", [r.id for r in self.rules]), ("section", [s.id for s in self.sections])):
            if len(ids) != len(set(ids)):
                raise ValueError(f"{what} ids must be unique")
        if self.rolling is not None and (self.rounds or self.yearly):
            raise ValueError("a scheme open all year (rolling) has no rounds")
        return self

    def funder_for(self, answers: Mapping[str, Any]) -> str:
        """The funder's name, with the organisation's municipality where the scheme has one."""
        municipality = str(answers.get("org.municipality") or "").strip()
        if self.funder_local and municipality:
            return self.funder_local.replace("{municipality}", municipality)
        return self.funder

    @property
    def has_sections(self) -> bool:
        return bool(self.sections)

    @property
    def min_amount(self) -> int | None:
        return self.amounts.min

    @property
    def max_amount(self) -> int | None:
        return self.amounts.max


class TextsFile(Strict):
    messages: dict[str, str]


def _is_key(key: str) -> bool:
    return re.fullmatch(KEY_PATTERN, key) is not None


# --- translatable messages ----------------------------------------------------------------

def ctx(scheme_id: str, *path: str) -> str:
    return "/".join(("grant", scheme_id) + path)


def scheme_messages(s: GrantScheme) -> Iterator[tuple[str, str]]:
    """(msgctxt, English text) of every translatable text of a scheme."""
    yield ctx(s.id, "title"), s.title
    yield ctx(s.id, "summary"), s.summary
    yield ctx(s.id, "how"), s.how
    for i, text in enumerate(s.looks_for):
        yield ctx(s.id, "looks_for", str(i)), text
    for i, text in enumerate(s.notes):
        yield ctx(s.id, "notes", str(i)), text
    for r in s.rules:
        yield ctx(s.id, "rules", r.id, "reason"), r.reason
        if r.met:
            yield ctx(s.id, "rules", r.id, "met"), r.met
        if r.fix:
            yield ctx(s.id, "rules", r.id, "fix"), r.fix
    for risk in s.risks:
        yield ctx(s.id, "risks", risk.id), risk.reason
    yield ctx(s.id, "deadline"), s.deadline.text
    if s.rolling:
        yield ctx(s.id, "rolling"), s.rolling.text
    yield ctx(s.id, "amounts"), s.amounts.text
    if s.period:
        yield ctx(s.id, "period"), s.period.text
    for i, a in enumerate(s.attachments):
        yield ctx(s.id, "attachments", str(i)), a.name
    for sec in s.sections:
        if sec.tip:
            yield ctx(s.id, "sections", sec.id, "tip"), sec.tip
    if s.reporting:
        yield ctx(s.id, "reporting", "deadline"), s.reporting.deadline
        for i, text in enumerate(s.reporting.requirements):
            yield ctx(s.id, "reporting", "requirements", str(i)), text


def messages_from_data(data: dict) -> Iterator[tuple[str, str]]:
    """The "grants" message source for extraction: a scheme file, or the texts file."""
    if "messages" in data and "id" not in data:
        for key, text in data["messages"].items():
            yield f"grants/msg/{key}", text.strip()
        return
    try:
        scheme = GrantScheme.model_validate(data)
    except ValidationError:
        return  # veiviser check reports it
    for context, text in scheme_messages(scheme):
        yield context, text.strip()




# --- the sentences the grant code says -------------------------------------------------------

_TEXTS: dict[str, dict[str, str]] = {}


def texts_of(root) -> dict[str, str]:
    """id -> English text of ``<content>/grants/_texts.toml`` (read once per content folder)."""
    path = root / "grants" / TEXTS_FILE
    key = str(path)
    if key not in _TEXTS:
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
            _TEXTS[key] = {k: v.strip() for k, v in TextsFile.model_validate(data).messages.items()}
        except (OSError, tomllib.TOMLDecodeError, ValidationError):
            _TEXTS[key] = {}
    return _TEXTS[key]


def forget_texts(root) -> None:
    """Read the texts file again next time (it may have changed)."""
    _TEXTS.pop(str(root / "grants" / TEXTS_FILE), None)
