"""Pydantic models of the content files: flows, steps, questions, facts, documents.

Every user-facing string in content is written in English (the gettext source language) and
translated through the catalogs with a stable context ``flow/step/field``. Choice values are
language-neutral codes; only their labels are translated. Unknown fields are errors.
"""

from __future__ import annotations

import datetime as _dt
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
KEY_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuestionType(str, Enum):
    text = "text"  # short text, one line
    longtext = "longtext"  # several lines
    choice = "choice"  # one of the choices
    multichoice = "multichoice"  # any number of the choices
    yesno = "yesno"
    integer = "integer"  # whole number
    money = "money"  # NOK, whole kroner
    date = "date"
    people = "people"  # list of {name, role}
    orgnr = "orgnr"  # 9 digits, modulus-11
    account = "account"  # 11 digits, modulus-11
    email = "email"
    phone = "phone"


class Choice(Strict):
    code: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")
    label: str


class Source(Strict):
    """Where a fact was seen: ``checked`` is the day we last read the page and found the fact
    still true; ``page_date`` is the date the page itself shows ("updated ..."), if it has one.
    Users see both: "checked 1 December 2026 (page updated 4 May 2025)"."""

    title: str = Field(min_length=1)
    url: str = Field(pattern=r"^https://")
    checked: _dt.date
    page_date: _dt.date | None = None


class Fact(Strict):
    """A requirement, deadline or amount shown to a user. Always sourced and dated."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    text: str = Field(min_length=1)
    source: Source
    time_sensitive: bool = False  # deadlines, amounts, form steps: "check the current page"


class Branch(Strict):
    when: str
    goto: str


class StepBase(Strict):
    id: str = Field(pattern=ID_PATTERN)
    when: str | None = None  # the step is skipped when this is false
    next: str | None = None  # default: the following step in the file; "end" ends the flow
    branches: tuple[Branch, ...] = ()  # first branch whose condition holds wins
    facts: tuple[str, ...] = ()  # ids of sourced facts shown with this step
    terms: tuple[str, ...] = ()  # glossary term ids explained with this step


class Reopen(Strict):
    """Going on from this step opens another flow again, its answers kept: the walk starts at
    step ``at`` (default: its first question) and goes through every answer, one by one; the
    info, review and document steps after its last question come again (e.g. the officer's
    reading and the draft of a grant application)."""

    flow: str = Field(pattern=ID_PATTERN)
    at: str | None = Field(default=None, pattern=ID_PATTERN)


class InfoStep(StepBase):
    kind: Literal["info"]
    title: str | None = None
    text: str
    # a registered panel (assistant.i18n.content.PANELS) shown under the text: something computed
    # from the answers in the user's language, e.g. the grants an organisation can apply for
    panel: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_.]*$")
    reopens: Reopen | None = None


class Validation(Strict):
    required: bool = True
    min: float | None = None  # numbers, money: smallest value; dates: not used
    max: float | None = None
    min_length: int | None = None  # text: characters; lists: items
    max_length: int | None = None
    pattern: str | None = None  # a regular expression the whole text must match
    pattern_message: str | None = None  # what to tell the user when the pattern fails
    min_date: str | None = None  # ISO date or "today"
    max_date: str | None = None


class QuestionStep(StepBase):
    kind: Literal["question"]
    type: QuestionType
    key: str = Field(pattern=KEY_PATTERN)
    prompt: str
    help: str
    example: str | None = None
    # the example is a literal answer (a name, a number, Norwegian text for a Norwegian document):
    # shown as written in every language, never translated
    example_literal: bool = False
    choices: tuple[Choice, ...] = ()
    roles: tuple[Choice, ...] = ()  # for people: the roles offered
    validation: Validation = Validation()
    default: str | int | bool | None = None  # offered when the user just presses Enter
    norwegian: bool = False  # the answer goes into a Norwegian document: check its language
    # people entered once and chosen from afterwards: a people (or text) question offers the
    # people of this earlier people answer, so a front end can take them by number
    choose_from: str | None = Field(default=None, pattern=KEY_PATTERN)
    # a registered suggestion (assistant.i18n.content.SUGGESTIONS): an answer computed from what
    # is known (e.g. the accounts' income from the grants received), offered until the user
    # confirms or changes it; never saved by itself
    suggest: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_.]*$")

    @model_validator(mode="after")
    def _choices_fit_type(self) -> QuestionStep:
        if self.type in (QuestionType.choice, QuestionType.multichoice) and not self.choices:
            raise ValueError(f"a {self.type.value} question needs choices")
        if self.type not in (QuestionType.choice, QuestionType.multichoice) and self.choices:
            raise ValueError(f"a {self.type.value} question cannot have choices")
        if self.type is not QuestionType.people and self.roles:
            raise ValueError("only a people question can have roles")
        if self.choose_from and self.type not in (QuestionType.people, QuestionType.text):
            raise ValueError("only a people or text question can choose from earlier people")
        codes = [c.code for c in self.choices]
        if len(codes) != len(set(codes)):
            raise ValueError("choice codes must be unique")
        return self


class ReviewStep(StepBase):
    kind: Literal["review"]
    title: str | None = None
    text: str | None = None


class DocumentSpec(Strict):
    template: str = Field(pattern=r"^[a-z][a-z0-9_]*$")  # content/templates/<template>.md.j2
    filename: str = Field(pattern=r"^[a-z0-9][a-z0-9_\-]*$")  # without extension
    title: str  # shown to the user (translatable); the document itself is Norwegian
    # registered checks (assistant.render.DOCUMENT_CHECKS) that must pass before it is written,
    # e.g. a grant budget that adds up; each failing check names the answers to change
    checks: tuple[str, ...] = ()
    # extra formats this document is also written in, by a registered writer (e.g. "ics")
    formats: tuple[str, ...] = ()


class DocumentStep(StepBase):
    kind: Literal["document"]
    title: str | None = None
    text: str | None = None
    documents: tuple[DocumentSpec, ...] = Field(min_length=1)


Step = Annotated[InfoStep | QuestionStep | ReviewStep | DocumentStep, Field(discriminator="kind")]


class Rule(Strict):
    """A rule across answers: ``check`` (a condition) must hold once every key it names has an
    answer. It is checked at the question that gives the last of those answers (or changes one
    of them), and the answer is refused with ``message``, which names both answers."""

    id: str = Field(pattern=ID_PATTERN)
    check: str
    message: str  # translatable: context "<flow>/rules/<id>/message"


class Notes(Strict):
    """Notes beside a flow's steps from a registered source (assistant.i18n.content.NOTES), e.g.
    the funder's feedback beside the parts of a grant application, while ``when`` holds. The
    notes about the whole of it are shown at the steps named in ``general``. Notes are shown on
    screen only, never in a document."""

    source: str = Field(pattern=r"^[a-z][a-z0-9_.]*$")
    when: str | None = None
    general: tuple[str, ...] = ()


class Flow(Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str
    summary: str
    order: int = 100  # position in menus and on the roadmap
    roadmap: str | None = None  # roadmap stage this flow belongs to
    requires: tuple[str, ...] = ()  # flows that normally come first (advice, not a lock)
    rules: tuple[Rule, ...] = ()  # rules across answers (dates in order, people in a set, ...)
    notes: Notes | None = None  # notes beside the steps (the funder's feedback after a rejection)
    steps: tuple[Step, ...] = Field(min_length=1)

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def questions(self) -> list[QuestionStep]:
        return [s for s in self.steps if isinstance(s, QuestionStep)]


class Term(Strict):
    """A Norwegian key term with a plain explanation (glossary)."""

    id: str = Field(pattern=ID_PATTERN)
    nb: str  # the Norwegian term as users will meet it on forms
    name: str  # the term in the source language (translated per locale)
    explanation: str


class Glossary(Strict):
    terms: tuple[Term, ...] = ()


class FactFile(Strict):
    facts: tuple[Fact, ...] = ()


class Stage(Strict):
    """One stage of an organisation's journey, shown on the roadmap."""

    id: str = Field(pattern=ID_PATTERN)
    title: str
    summary: str
    flows: tuple[str, ...] = ()  # flows that do this stage
    done: str | None = None  # a condition: the stage is done when it holds (or its flows are finished)


class Roadmap(Strict):
    stages: tuple[Stage, ...] = ()
