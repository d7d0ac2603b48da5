"""Stable message contexts for content strings, used both to translate and to extract.

A content string is looked up by ``(msgctxt, msgid)`` where msgctxt names where it lives:
``flow/step/field`` (``founding/name/prompt``), ``founding/board/roles/chair``, ``fact/<id>``,
``term/<id>/name``. Editing a source text keeps its context, so ``msgmerge`` marks the old
translation fuzzy for review instead of silently dropping it.
"""

from __future__ import annotations

from typing import Any
from collections.abc import Callable, Iterable, Iterator, Mapping

from assistant.content.models import Fact, Flow, QuestionStep, Step, Term

TEXT_FIELDS = ("title", "text", "prompt", "help", "example")
# The people's names the literal examples in content are written with (founding: Somali names,
# annual meeting: Tamil names). Each is shown as the name at the same place in the reader's
# catalog (ContentText.example_names), so one language's examples keep to one community. A new
# name in an example is added here and to the msgid below.
EXAMPLE_NAMES = ("Amina Ali", "Hodan Yusuf", "Fadumo Warsame", "Sahra Mohamed", "Kavitha Sivakumar",
                 "Ramesh Kumar", "Priya Nadarajah", "Suresh Ganesan", "Lakshmi Raj", "Anjali Thiru",
                 "Mohan Das")


def step_ctx(flow_id: str, step_id: str, field: str) -> str:
    return f"{flow_id}/{step_id}/{field}"


def flow_messages(flow: Flow) -> Iterator[tuple[str, str]]:
    yield f"{flow.id}/title", flow.title
    yield f"{flow.id}/summary", flow.summary
    for step in flow.steps:
        yield from step_messages(flow.id, step)
    for rule in flow.rules:
        yield f"{flow.id}/rules/{rule.id}/message", rule.message


def step_messages(flow_id: str, step: Step) -> Iterator[tuple[str, str]]:
    for field in TEXT_FIELDS:
        value = getattr(step, field, None)
        if field == "example" and getattr(step, "example_literal", False):
            continue  # a literal answer, the same in every language
        if isinstance(value, str) and value.strip():
            yield step_ctx(flow_id, step.id, field), value.strip()
    if isinstance(step, QuestionStep):
        if step.validation.pattern_message:
            yield step_ctx(flow_id, step.id, "pattern_message"), step.validation.pattern_message
        for c in step.choices:
            yield step_ctx(flow_id, step.id, f"choices/{c.code}"), c.label
        for r in step.roles:
            yield step_ctx(flow_id, step.id, f"roles/{r.code}"), r.label
    for doc in getattr(step, "documents", ()) or ():
        yield step_ctx(flow_id, step.id, f"documents/{doc.filename}"), doc.title


def fact_messages(fact: Fact) -> Iterator[tuple[str, str]]:
    yield f"fact/{fact.id}", fact.text


def stage_messages(stage) -> Iterator[tuple[str, str]]:
    yield f"roadmap/{stage.id}/title", stage.title
    yield f"roadmap/{stage.id}/summary", stage.summary


def term_messages(term: Term) -> Iterator[tuple[str, str]]:
    yield f"term/{term.id}/name", term.name
    yield f"term/{term.id}/explanation", term.explanation


class ContentText:
    """Translated content strings for one translator."""

    def __init__(self, translator):
        self.t = translator

    def step(self, flow_id: str, step: Step, field: str) -> str:
        value = getattr(step, field, None)
        if not value:
            return ""
        if field == "example" and getattr(step, "example_literal", False):
            return self.literal_example(flow_id, step, value.strip())
        return self.t.pgettext(step_ctx(flow_id, step.id, field), value.strip())

    def example_names(self) -> list[str]:
        """Names for examples, from the reader's own community: a catalog string, so a new
        language brings its own names without a change in the code."""
        # TRANSLATORS: 11 names for examples, separated by ";", in this order: five women, a man,
        # a woman, a man, two women, a man. Use common names from the community that speaks your
        # language, written in Latin letters as in Norwegian ID papers.
        names = self.t.pgettext("people/example", "Amina Ali; Hodan Yusuf; Fadumo Warsame; Sahra "
                                "Mohamed; Kavitha Sivakumar; Ramesh Kumar; Priya Nadarajah; Suresh "
                                "Ganesan; Lakshmi Raj; Anjali Thiru; Mohan Das")
        return [n.strip() for n in names.split(";") if n.strip()]

    def literal_example(self, flow_id: str, step: Step, text: str) -> str:
        """A literal example in the reader's language: the names in it from
        :meth:`example_names`, and in a people answer ("Amina Ali: chair") each role's label."""
        names = dict(zip(EXAMPLE_NAMES, self.example_names()))
        for source, local in names.items():
            text = text.replace(source, local)
        if isinstance(step, QuestionStep) and step.roles:
            parts = []
            for part in text.split(";"):
                name, sep, code = part.rpartition(":")
                if sep and code.strip() in {r.code for r in step.roles}:
                    part = f"{name}: {self.role(flow_id, step, code.strip())}"
                parts.append(part.strip())
            text = "; ".join(parts)
        return text

    def role_words(self, flow_id: str, step: Step) -> dict[str, str]:
        """Each role's label in the reader's language -> its code (for answers typed as text)."""
        if not isinstance(step, QuestionStep):
            return {}
        return {self.role(flow_id, step, r.code).casefold(): r.code for r in step.roles or ()}

    def people_example(self, flow_id: str, step: QuestionStep, count: int = 1) -> str:
        """'Amina Ali: Chair' with a name and role labels in the reader's language."""
        names = self.example_names() or list(EXAMPLE_NAMES)
        codes = [r.code for r in step.roles]
        parts = []
        for i in range(count):
            name = names[i % len(names)]
            if codes:  # a step without roles has no label to show: the name alone
                name += ": " + self.role(flow_id, step, codes[min(i, len(codes) - 1)])
            parts.append(name)
        return "; ".join(parts)

    def pattern_message(self, flow_id: str, step: QuestionStep) -> str | None:
        msg = step.validation.pattern_message
        return self.t.pgettext(step_ctx(flow_id, step.id, "pattern_message"), msg) if msg else None

    def choice(self, flow_id: str, step: QuestionStep, code: str) -> str:
        for c in step.choices:
            if c.code == code:
                return self.t.pgettext(step_ctx(flow_id, step.id, f"choices/{code}"), c.label)
        return code

    def role(self, flow_id: str, step: QuestionStep, code: str) -> str:
        for r in step.roles:
            if r.code == code:
                return self.t.pgettext(step_ctx(flow_id, step.id, f"roles/{code}"), r.label)
        return code

    def flow_title(self, flow: Flow) -> str:
        return self.t.pgettext(f"{flow.id}/title", flow.title)

    def flow_summary(self, flow: Flow) -> str:
        return self.t.pgettext(f"{flow.id}/summary", flow.summary)

    def document_title(self, flow_id: str, step: Step, doc) -> str:
        return self.t.pgettext(step_ctx(flow_id, step.id, f"documents/{doc.filename}"), doc.title)

    def fact(self, fact: Fact) -> str:
        return self.t.pgettext(f"fact/{fact.id}", fact.text)

    def term_name(self, term: Term) -> str:
        return self.t.pgettext(f"term/{term.id}/name", term.name)

    def term_explanation(self, term: Term) -> str:
        return self.t.pgettext(f"term/{term.id}/explanation", term.explanation)

    def stage_title(self, stage) -> str:
        return self.t.pgettext(f"roadmap/{stage.id}/title", stage.title)

    def stage_summary(self, stage) -> str:
        return self.t.pgettext(f"roadmap/{stage.id}/summary", stage.summary)

    def term_label(self, term: Term) -> str:
        """'bylaws (vedtekter)': the user's word with the Norwegian term beside it."""
        name = self.term_name(term)
        return term.nb if name.casefold() == term.nb.casefold() else f"{name} ({term.nb})"


# Panels an info step can show under its text (InfoStep.panel): name -> fn(content, answers,
# translator, today) -> text in the translator's language, computed from the answers.
PANELS: dict[str, Callable[..., str]] = {}


def panel_text(content, step: Step, answers: Mapping[str, Any], translator, today=None) -> str:
    """The step's panel in the user's language ("" when the step has none)."""
    name = getattr(step, "panel", None)
    return PANELS[name](content, answers, translator, today) if name else ""


# Answers a question can offer (QuestionStep.suggest): name -> fn(content, answers, today) ->
# Suggestion or None, computed from what is known.
SUGGESTIONS: dict[str, Callable[..., Any]] = {}


class Suggestion:
    """An answer as the user would type it, and where each part of it comes from: messages of
    the veiviser domain with their parameters, translated when shown."""

    def __init__(self, value: Any, why: Iterable[tuple[str, Mapping[str, Any]]] = ()):
        self.value = value
        self.why = list(why)

    def explain(self, translator) -> list[str]:
        return [translator.format(msg, **params) for msg, params in self.why]

# Notes beside a flow's steps (Flow.notes): name -> fn(content, answers) -> (notes by profile
# key, notes about the whole), each note a text as the user wrote it.
NOTES: dict[str, Callable[..., tuple[dict[str, list[str]], list[str]]]] = {}


# Other content kinds (grant schemes) register a message source: folder name -> fn(data) ->
# iterable of (context, text), where data is the parsed TOML of one file.
RAW_SOURCES: dict[str, Callable[[dict], Iterable[tuple[str, str]]]] = {}


def source_text(translator, src) -> str:
    """Where a fact comes from, in the user's language: "Source: title, url (checked 01.12.2026)",
    with the page's own date apart when the page shows one."""
    from assistant.i18n import N_

    date = src.checked.strftime("%d.%m.%Y")
    if getattr(src, "page_date", None) is not None:
        return translator.format(N_("Source: {title}, {url} (checked {date}, page updated {page_date})"),
                                 title=src.title, url=src.url, date=date,
                                 page_date=src.page_date.strftime("%d.%m.%Y"))
    return translator.format(N_("Source: {title}, {url} (checked {date})"), title=src.title, url=src.url, date=date)
