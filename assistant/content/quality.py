"""Checks of what content text *says*: amounts, deadlines and legal requirements need a source.

Wrong guidance is worse than none. A requirement, a deadline or an amount may only reach a user
through a sourced, dated fact (``content/facts``). This module reports text that states one of
them without that backing, with the file, the place and the reason:

- a step's title, text, prompt or help that states an amount (``500 kr``, ``NOK 1 000``, ``10 MB``,
  ``20 %``), a deadline or date (``1 September``, ``15.02.2026``, ``within 14 days``), or a legal
  requirement (``must``, ``required``, ``by law``) while the step shows no fact;
- a flow's title or summary, or a glossary explanation, that states any of these (they cannot
  carry facts);
- a fact about a deadline, an amount or a form step that is not marked ``time_sensitive`` (the
  user must be told to check the current page).

Examples (``example``) and choice labels are not checked: an example shows the form of an answer,
and a choice is the organisation's own decision, not a claim about the rules.
"""

from __future__ import annotations

import re
from typing import Any
from collections.abc import Iterable

from assistant.content.loader import Content, Problem, rel
from assistant.content.models import Fact, Flow

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "januar", "februar", "mars", "mai", "juni", "juli",
          "oktober", "desember")
_MONTH = "|".join(MONTHS)

# An amount: digits next to a currency or a unit of size or share.
AMOUNT = re.compile(
    r"(?:\b(?:kr|nok)\.?\s*\d)|(?:\d[\d\s\u00a0.,]*\s*(?:kr\b|kroner\b|nok\b|mb\b|gb\b|%|prosent\b|percent\b))",
    re.IGNORECASE)
# A deadline or a date: a calendar date, a day with a month name, a year, or "within N days".
DEADLINE = re.compile(
    r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"
    rf"|\b\d{{1,2}}\.?\s+(?:{_MONTH})\b"
    rf"|\b(?:{_MONTH})\s+\d{{1,2}}\b"
    r"|\b(?:19|20)\d{2}\b"
    r"|\b\d+\s*(?:days?|weeks?|months?|dager|uker|måneder)\b"
    r"|\b\d+\s*(?:years?|år)\b(?!\s*(?:old|of age|gammel|gamle))",  # "26 years old" is an age
    re.IGNORECASE)
# A legal requirement: explicit legal words anywhere, or "must"/"required" in a sentence about
# something the rules govern (registers, grants, the board...). "The numbers must match the plan"
# is advice about the user's own text, not a rule, and is not flagged.
LEGAL = re.compile(r"\bby law\b|\bthe law\b|\bmandatory\b|\bobligatory\b|\brequired by\b|\bnot allowed\b",
                   re.IGNORECASE)
MUST = re.compile(r"\bmust\b|\brequired?\b|\brequirements?\b|\bhave to\b|\bhas to\b", re.IGNORECASE)
RULE_CONTEXT = re.compile(
    r"regist|\blaw|\brules?\b|regulation|grant|brønnøysund|altinn|\bbank|\btax|auditor|revisor"
    r"|\bboard\b|\bmembers?\b|bylaw|annual meeting|imdi|municipal|kommune|\bfound|\bsign|attach"
    r"|\bappl(?:y|ication)|\breport", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


class _Requirement:
    """Pattern-like: ``search`` finds a stated legal requirement (see LEGAL, MUST)."""

    def search(self, text: str):
        m = LEGAL.search(text)
        if m:
            return m
        for sentence in _SENTENCE.split(text):
            m = MUST.search(sentence)
            if m and RULE_CONTEXT.search(sentence):
                return m
        return None


REQUIREMENT = _Requirement()
# Quoted examples of good and weak writing («...», "...") are not claims about the rules.
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")
# What makes a fact time-sensitive: a deadline, an amount or a step in a form or service.
FORM_STEP = re.compile(r"\bform\b|\baltinn\b|\bservice\b|\battach|\bupload", re.IGNORECASE)

STEP_FIELDS = ("title", "text", "prompt", "help")


def claims(text: str) -> list[str]:
    """What kind of rule a text states: "an amount", "a deadline or date", "a requirement"."""
    text = QUOTED.sub(" ", text)
    found = []
    if AMOUNT.search(text):
        found.append("an amount")
    if DEADLINE.search(text):
        found.append("a deadline or date")
    if REQUIREMENT.search(text):
        found.append("a requirement")
    return found


def _quote(text: str, pattern: Any) -> str:  # a compiled pattern or _Requirement
    m = pattern.search(text)
    return f" ({m.group(0).strip()!r})" if m else ""


def _describe(text: str) -> str:
    text = QUOTED.sub(" ", text)
    parts = []
    for kind, pattern in (("an amount", AMOUNT), ("a deadline or date", DEADLINE),
                          ("a requirement", REQUIREMENT)):
        if pattern.search(text):
            parts.append(kind + _quote(text, pattern))
    return " and ".join(parts)


def flow_problems(flow: Flow, file: str) -> Iterable[Problem]:
    for field in ("title", "summary"):
        text = getattr(flow, field)
        if claims(text):
            yield Problem(file, field, f"states {_describe(text)}; a flow's {field} cannot show a "
                                       "source: move it into a step with a sourced fact")
    for step in flow.steps:
        if step.facts:
            continue  # the step shows sourced, dated facts beside its text
        for field in STEP_FIELDS:
            text = getattr(step, field, None)
            if isinstance(text, str) and claims(text):
                yield Problem(file, f"step {step.id}, {field}",
                              f"states {_describe(text)} without a sourced fact: add the fact to "
                              "the step's facts, or say less")


def fact_problems(fact: Fact, file: str) -> Iterable[Problem]:
    if fact.time_sensitive:
        return
    text = fact.text
    kinds = [k for k, p in (("an amount", AMOUNT), ("a deadline", DEADLINE), ("a form step", FORM_STEP))
             if p.search(text)]
    if kinds:
        yield Problem(file, f"fact {fact.id}",
                      f"states {' and '.join(kinds)} but is not time_sensitive: set "
                      "time_sensitive = true so users are told to check the current page")


def quality_problems(content: Content) -> list[Problem]:
    problems: list[Problem] = []
    for flow in content.sorted_flows():
        file = rel(content.flow_files.get(flow.id, content.root), content.root)
        problems.extend(flow_problems(flow, file))
    fact_files = _fact_files(content)
    for fact in content.facts.values():
        problems.extend(fact_problems(fact, fact_files.get(fact.id, "content/facts")))
    glossary = rel(content.root / "glossary.toml", content.root)
    for term in content.terms.values():
        if claims(term.explanation):
            problems.append(Problem(glossary, f"term {term.id}",
                                    f"the explanation states {_describe(term.explanation)}; a "
                                    "glossary entry cannot show a source: put it in a fact"))
    return problems


def _fact_files(content: Content) -> dict[str, str]:
    """fact id -> the file that defines it (for messages)."""
    import tomllib

    out: dict[str, str] = {}
    for path in sorted((content.root / "facts").glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        for item in data.get("facts", []) if isinstance(data, dict) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out[item["id"]] = rel(path, content.root)
    return out
