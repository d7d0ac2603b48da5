"""The grant catalogue: one TOML file per grant scheme in ``content/grants/``.

A scheme says who funds it, what it is for, who can apply (eligibility rules written in the
condition language over the organisation profile), its typical deadline and amounts (each with
the source and the date it was checked: they change, so users are always told to check the
current page), the attachments, the sections of the application form with their character limits
where the funder has them, and what the report must contain.

Texts users read are written in English (the gettext source) and translated in the "grants"
domain with the context ``grant/<scheme id>/<field>``. Texts that go into the Norwegian documents
are written in Norwegian in the ``nb`` fields (section and attachment names, the scheme's official
name), or are the Norwegian translation of a guidance text.

``content/grants/_texts.toml`` (files starting with "_" are not schemes) holds the sentences the
grant code says (statuses, check messages, headings), so that every text of this part lives in
content and is translated in the same "grants" catalog; the context is ``grants/msg/<id>``.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from typing import Any, Literal
from collections.abc import Iterator, Mapping

from pydantic import Field, ValidationError, model_validator

from assistant.content.checks import EXTRA_CHECKS
from assistant.content.loader import EXTRA_LOADERS, Content, Problem, load_model, rel
from assistant.content.models import ID_PATTERN, KEY_PATTERN, Source, Strict
from assistant.engine import conditions
from assistant.i18n.content import RAW_SOURCES

TEXTS_FILE = "_texts.toml"
STATUSES = ("now", "not_yet", "not_for_you")


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
    deadline: Sourced
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
    yield ctx(s.id, "deadline"), s.deadline.text
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


RAW_SOURCES["grants"] = messages_from_data


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


# --- the sentences the grant code says -------------------------------------------------------

_TEXTS: dict[str, dict[str, str]] = {}


def texts(content: Content) -> dict[str, str]:
    """id -> English text of ``content/grants/_texts.toml`` (read once per content folder)."""
    path = content.root / "grants" / TEXTS_FILE
    key = str(path)
    if key not in _TEXTS:
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
            _TEXTS[key] = {k: v.strip() for k, v in TextsFile.model_validate(data).messages.items()}
        except (OSError, tomllib.TOMLDecodeError, ValidationError):
            _TEXTS[key] = {}
    return _TEXTS[key]


def say(content: Content, translator, msg_id: str, **params: Any) -> str:
    """A sentence of the texts file in the translator's language, with its placeholders filled."""
    text = texts(content).get(msg_id, msg_id)
    out = translator.pgettext(f"grants/msg/{msg_id}", text)
    return out.format(**params) if params else out


# --- loading -------------------------------------------------------------------------------

def load_grants(content: Content) -> None:
    folder = content.root / "grants"
    for path in sorted(folder.glob("*.toml")):
        if path.name.startswith("_"):
            if path.name == TEXTS_FILE:
                load_model(path, TextsFile, content.problems, content.root)
                _TEXTS.pop(str(path), None)  # read again: the file may have changed
            continue
        scheme = load_model(path, GrantScheme, content.problems, content.root)
        if scheme is None:
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


EXTRA_LOADERS.append(load_grants)


# --- checks --------------------------------------------------------------------------------

# Messages the code uses: every one must be in the texts file.
REQUIRED_TEXTS = (
    "status_now", "status_not_yet", "status_not_for_you", "heading", "heading_no_name", "deadline",
    "amounts", "period", "check_page", "next_step", "journey", "answer_question", "looks_for",
    "fields", "field_limit", "field_no_limit", "attachments", "budget_mismatch", "budget_no_costs",
    "budget_line", "budget_covered", "amount_below_min", "amount_above_max", "period_order",
    "period_year", "period_months", "plan_date_outside", "section_too_long", "section_empty",
    "no_scheme", "no_sections", "report_differs", "invalid_answer", "no_session", "budget_costs",
    "budget_own", "budget_other", "budget_left", "check_municipality", "officer_none",
    "hint_no_number", "hint_hope", "hint_short", "hint_short_limit", "hint_summary_amount",
)


def _check_source(file: str, place: str, src: Source | None, today: _dt.date) -> list[Problem]:
    if src is None:
        return [Problem(file, place, "needs a source with title, url and checked date")]
    if src.checked > today:
        return [Problem(file, place, f"checked date {src.checked} is in the future")]
    return []


def check_grants(content: Content) -> list[Problem]:
    from assistant.grants.finder import DERIVED_KEYS

    problems: list[Problem] = []
    known = dict(content.known_keys())
    known.update(DERIVED_KEYS)
    today = _dt.date.today()
    for scheme in sorted(content.grants.values(), key=lambda s: s.id):
        file = rel(content.grant_files[scheme.id], content.root)
        # every amount, deadline and rule that is a fact carries its source and checked date
        problems += _check_source(file, "deadline", scheme.deadline.source, today)
        problems += _check_source(file, "amounts", scheme.amounts.source, today)
        if scheme.period:
            problems += _check_source(file, "period", scheme.period.source, today)
        if scheme.reporting:
            problems += _check_source(file, "reporting", scheme.reporting.source, today)
        for i, src in enumerate(scheme.sources):
            problems += _check_source(file, f"sources[{i}]", src, today)
        lo, hi = scheme.min_amount, scheme.max_amount
        if lo is not None and hi is not None and lo > hi:
            problems.append(Problem(file, "amounts", f"min {lo} is larger than max {hi}"))
        for rule in scheme.rules:
            place = f"rule {rule.id}"
            try:
                cond = conditions.parse(rule.when)
            except conditions.ConditionError as exc:
                problems.append(Problem(file, place, f"when: {exc}"))
                continue
            for name in sorted(cond.names - set(known)):
                problems.append(Problem(file, place, f"unknown profile key {name!r} in condition {rule.when!r}"))
            for flow_id in rule.flows:
                if flow_id not in content.flows:
                    problems.append(Problem(file, place, f"flow {flow_id!r} does not exist"))
            if rule.source is not None:
                problems += _check_source(file, place, rule.source, today)
        for sec in scheme.sections:
            for key in sec.keys:
                if key not in known:
                    problems.append(Problem(file, f"section {sec.id}", f"no question fills {key!r}"))
        if scheme.kind in ("project", "activity") and not scheme.sections:
            problems.append(Problem(file, "sections", "a project or activity grant needs the sections "
                                    "of its application form"))
    # the scheme choice of the grant flows offers exactly the schemes that have sections
    with_sections = {s.id for s in content.grants.values() if s.has_sections}
    for flow in content.sorted_flows():
        for q in flow.questions():
            if q.key == "grant.scheme":
                codes = {c.code for c in q.choices}
                file = rel(content.flow_files[flow.id], content.root)
                for missing in sorted(with_sections - codes):
                    problems.append(Problem(file, f"step {q.id}", f"grant scheme {missing!r} is not a choice"))
                for extra in sorted(codes - with_sections):
                    problems.append(Problem(file, f"step {q.id}",
                                            f"choice {extra!r} is not a grant scheme with sections"))
    if content.grants or (content.root / "grants").is_dir():
        have = texts(content)
        for msg_id in REQUIRED_TEXTS:
            if msg_id not in have:
                problems.append(Problem(f"{rel(content.root / 'grants', content.root)}/{TEXTS_FILE}",
                                        f"messages.{msg_id}", "missing text"))
    return problems


EXTRA_CHECKS.append(check_grants)


def schemes(content: Content) -> list[GrantScheme]:
    return sorted(content.grants.values(), key=lambda s: (s.order, s.id))


__all__ = [
    "Amounts", "Attachment", "GrantScheme", "Period", "Reporting", "Rule", "Section", "SchemeText",
    "Sourced", "STATUSES", "check_grants", "load_grants", "say", "scheme_messages", "schemes", "texts",
]
