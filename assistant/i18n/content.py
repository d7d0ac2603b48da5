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
            return value.strip()
        return self.t.pgettext(step_ctx(flow_id, step.id, field), value.strip())

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


# Other content kinds (grant schemes) register a message source: folder name -> fn(data) ->
# iterable of (context, text), where data is the parsed TOML of one file.
RAW_SOURCES: dict[str, Callable[[dict], Iterable[tuple[str, str]]]] = {}
