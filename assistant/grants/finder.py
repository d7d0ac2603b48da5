"""The grant finder: from the organisation profile and today's date, every scheme as *now*
(can apply now), *later* (can apply, but the round is closed or not open yet), *not_yet* (a
step is missing, and Veiviser names it) or *not_for_you*, with plain reasons and when one can
apply (:mod:`assistant.grants.timing`).

Pure: answers in, results out; no I/O. A rule that fails only because the profile does not say
yet (the key is unanswered) never rules a scheme out: it becomes a not_yet whose missing step is
the question to answer. Rule texts may name a profile or derived key in braces
(``{org.first_apply_year}``): it is replaced by its value; while the key has no value, the
sentence that names it is left out and the question that asks it becomes a missing step, so a
raw ``{key}`` never reaches the user.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from collections.abc import Callable, Mapping

from assistant.content.grants import DERIVED_FROM, DERIVED_KEYS  # noqa: F401  (re-exported)
from assistant.content.loader import Content
from assistant.content.models import QuestionStep
from assistant.engine import conditions
from assistant.grants.catalogue import GrantScheme, Rule, SchemeText, say, schemes
from assistant.grants.timing import Timing, timing
from assistant.i18n.content import ContentText

ORDER = {"now": 0, "later": 1, "not_yet": 2, "not_for_you": 3}
WAIT_STATES = ("closed", "upcoming", "passed")  # eligible, but not now
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+)\}")
# a sentence's end in the launch scripts (Latin, Arabic, Urdu, Ge'ez), not after a digit
# ("1. september") and not before a small letter ("f.eks. en")
_SENTENCE_END = re.compile(r"(?<![0-9])[.!?\u06d4\u1362\u061f](?=\s+(\S))")


def _sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group(1).islower():
            continue
        out.append(text[start:m.end()].strip())
        start = m.end()
    return [*out, text[start:].strip()]


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def derive(answers: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """The answers plus the derived keys."""
    out = dict(answers)
    age = first_full = None
    founded = answers.get("org.founded")
    if founded:
        try:
            d = founded if isinstance(founded, dt.date) else dt.date.fromisoformat(str(founded))
            age = today.year - d.year - ((today.month, today.day) < (d.month, d.day))
            first_full = d.year if (d.month, d.day) == (1, 1) else d.year + 1
        except ValueError:
            age = None
    out["org.age_years"] = age
    out["org.first_full_year"] = first_full
    # accounts for a full year are approved at the annual meeting the year after
    out["org.first_apply_year"] = first_full + 1 if first_full is not None else None
    out["today.year"] = today.year
    return out


def unfilled(text: str, values: Mapping[str, Any]) -> list[str]:
    """The keys a text names in braces that have no value yet."""
    return [k for k in dict.fromkeys(_PLACEHOLDER.findall(text)) if _empty(values.get(k))]


def fill(text: str, values: Mapping[str, Any]) -> str:
    """Replace ``{key}`` in a rule text by the key's value. A sentence that names a key with no
    value yet is left out: the user never sees a raw ``{key}``."""
    if unfilled(text, values):
        text = " ".join(part for part in _sentences(text) if part and not unfilled(part, values))
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), text)


@dataclass(frozen=True)
class Outcome:
    rule: Rule
    holds: bool
    unknown: tuple[str, ...] = ()  # unanswered keys of a failing rule

    @property
    def rules_out(self) -> bool:
        """A definite "not for you": the rule fails on answers the user gave."""
        return not self.holds and self.rule.status == "not_for_you" and not self.unknown


@dataclass(frozen=True)
class Assessment:
    scheme: GrantScheme
    status: str  # now | later | not_yet | not_for_you
    outcomes: tuple[Outcome, ...]
    timing: Timing
    values: Mapping[str, Any]


def assess(scheme: GrantScheme, answers: Mapping[str, Any], today: dt.date | None = None,
           askable: Callable[[str, Mapping[str, Any]], bool] | None = None) -> Assessment:
    """``askable(key, values)``: would Veiviser still ask for this key? A key whose question does
    not apply (Innlandet's follow-up for an organisation in Bergen) is no unknown: its silence
    is the answer."""
    today = today or dt.date.today()
    values = derive(answers, today)
    outcomes = []
    for rule in scheme.rules:
        cond = conditions.parse(rule.when)
        holds = cond(values)
        unknown = () if holds else tuple(sorted(
            n for n in cond.names if _empty(values.get(n)) and (askable is None or askable(n, values))))
        outcomes.append(Outcome(rule, holds, unknown))
    if any(o.rules_out for o in outcomes):
        status = "not_for_you"
    elif any(not o.holds for o in outcomes):
        status = "not_yet"
    else:
        status = "now"
    when = timing(scheme, today)
    if status == "now" and when.state in WAIT_STATES:
        status = "later"
    return Assessment(scheme, status, tuple(outcomes), when, values)


def risks(scheme: GrantScheme, answers: Mapping[str, Any]) -> list:
    """The scheme's bylaws risks whose condition holds on the answers."""
    return [r for r in scheme.risks if conditions.parse(r.when)(answers)]


def question_for(content: Content, key: str) -> tuple[str, QuestionStep] | None:
    """(flow id, question) that asks ``key``; the grant flows first."""
    key = DERIVED_FROM.get(key, key)
    flows = sorted(content.flows.values(), key=lambda f: (not f.id.startswith("grant"), f.order, f.id))
    for flow in flows:
        for q in flow.questions():
            if q.key == key:
                return flow.id, q
    return None


def askable_in(content: Content) -> Callable[[str, Mapping[str, Any]], bool]:
    """A key is askable when a question asks it and that question's condition holds."""
    def askable(key: str, values: Mapping[str, Any]) -> bool:
        found = question_for(content, key)
        if found is None:
            return False
        when = found[1].when
        return when is None or conditions.parse(when)(values)
    return askable


def results(content: Content, answers: Mapping[str, Any], translator,
            today: dt.date | None = None) -> list[dict[str, Any]]:
    """Every scheme with status, plain reasons and (for not_yet) the missing steps, in the
    translator's language. Sorted: now, not yet, not for you; then the catalogue order."""
    from assistant.grants.when import when_date, when_text
    from assistant.local import scheme_label

    st = SchemeText(translator)
    ct = ContentText(translator)
    out = []
    askable = askable_in(content)
    today = today or dt.date.today()
    for scheme in schemes(content):
        a = assess(scheme, answers, today, askable)
        rule_text = lambda r, field: fill(st.rule(scheme, r, field), a.values)  # noqa: E731,B023
        reasons: list[str] = []
        missing: list[dict[str, Any]] = []
        if a.status in ("now", "later"):
            reasons = [rule_text(o.rule, "met") for o in a.outcomes if o.rule.met]
            reasons = reasons or [st.summary(scheme)]
        elif a.status == "not_for_you":
            reasons = [rule_text(o.rule, "reason") for o in a.outcomes if o.rules_out]
        else:
            for o in a.outcomes:
                if o.holds:
                    continue
                unknown: tuple[str, ...] = o.unknown  # a not_for_you rule we cannot judge yet
                if o.rule.status == "not_yet":
                    raw = [st.rule(scheme, o.rule, f) for f in ("reason", "fix")]
                    if rule_text(o.rule, "reason"):
                        reasons.append(rule_text(o.rule, "reason"))
                    step = rule_text(o.rule, "fix") or rule_text(o.rule, "reason")
                    if step:
                        missing.append({"step": step, "flows": [f for f in o.rule.flows if f in content.flows]})
                    # a sentence left out for a key with no value: ask the question instead
                    unknown = tuple(k for k in dict.fromkeys(unfilled(" ".join(raw), a.values))
                                    if askable(k, a.values))
                for key in unknown:
                    found = question_for(content, key)
                    prompt = ct.step(found[0], found[1], "prompt") if found else key
                    text = say(content, translator, "answer_question", question=prompt)
                    if text not in reasons:
                        reasons.append(text)
                        missing.append({"step": text, "flows": [found[0]] if found else [],
                                        "key": DERIVED_FROM.get(key, key)})
        warnings = [say(content, translator, "bylaws_risk", reason=st.risk(scheme, r))
                    for r in risks(scheme, answers)] if a.status != "not_for_you" else []
        checked = min(scheme.deadline.source.checked, scheme.amounts.source.checked)
        out.append({
            "id": scheme.id,
            "name": scheme.name,
            "title": st.title(scheme),
            "funder": scheme.funder_for(answers),
            "status": a.status,
            "reasons": reasons,
            "missing": missing if a.status == "not_yet" else [],
            "notes": st.notes(scheme),
            "deadline": st.deadline(scheme),
            "amounts": st.amounts(scheme),
            "url": scheme.url,
            "checked": checked.isoformat(),
            "has_application": scheme.has_sections,
            "warnings": warnings,
            "timing": a.timing.as_dict(),
            "when": (say(content, translator, "when_open_not_yet", date=when_date(a.timing.closes, translator))
                     if a.status == "not_yet" and a.timing.state == "open"  # open, but not for them yet
                     else when_text(content, translator, scheme, a.timing)),
            "local": scheme_label(content, translator, scheme.id),  # from a municipality's pack
        })
    out.sort(key=lambda r: ORDER[r["status"]])  # stable: keeps the catalogue order within a status
    return out
