"""The grant finder: from the organisation profile, every scheme as *now* (can apply now),
*not_yet* (a step is missing, and Veiviser names it) or *not_for_you*, with plain reasons.

Pure: answers in, results out; no I/O. A rule that fails only because the profile does not say
yet (the key is unanswered) never rules a scheme out: it becomes a not_yet whose missing step is
the question to answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from collections.abc import Callable, Mapping

from assistant.content.loader import Content
from assistant.content.models import QuestionStep, QuestionType
from assistant.engine import conditions
from assistant.grants.catalogue import GrantScheme, Rule, SchemeText, say, schemes
from assistant.i18n.content import ContentText

# Keys the finder computes from the answers; rules may use them like profile keys.
DERIVED_KEYS: dict[str, QuestionType] = {"org.age_years": QuestionType.integer}
DERIVED_FROM = {"org.age_years": "org.founded"}  # the question to answer when it is unknown

ORDER = {"now": 0, "not_yet": 1, "not_for_you": 2}


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def derive(answers: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    """The answers plus the derived keys."""
    out = dict(answers)
    age = None
    founded = answers.get("org.founded")
    if founded:
        try:
            d = founded if isinstance(founded, dt.date) else dt.date.fromisoformat(str(founded))
            age = today.year - d.year - ((today.month, today.day) < (d.month, d.day))
        except ValueError:
            age = None
    out["org.age_years"] = age
    return out


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
    status: str  # now | not_yet | not_for_you
    outcomes: tuple[Outcome, ...]


def assess(scheme: GrantScheme, answers: Mapping[str, Any], today: dt.date | None = None,
           askable: Callable[[str, Mapping[str, Any]], bool] | None = None) -> Assessment:
    """``askable(key, values)``: would Veiviser still ask for this key? A key whose question does
    not apply (Innlandet's follow-up for an organisation in Bergen) is no unknown: its silence
    is the answer."""
    values = derive(answers, today or dt.date.today())
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
    return Assessment(scheme, status, tuple(outcomes))


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
    st = SchemeText(translator)
    ct = ContentText(translator)
    out = []
    askable = askable_in(content)
    for scheme in schemes(content):
        a = assess(scheme, answers, today, askable)
        reasons: list[str] = []
        missing: list[dict[str, Any]] = []
        if a.status == "now":
            reasons = [st.rule(scheme, o.rule, "met") for o in a.outcomes if o.rule.met]
            reasons = reasons or [st.summary(scheme)]
        elif a.status == "not_for_you":
            reasons = [st.rule(scheme, o.rule, "reason") for o in a.outcomes if o.rules_out]
        else:
            for o in a.outcomes:
                if o.holds:
                    continue
                if o.rule.status == "not_yet":
                    reasons.append(st.rule(scheme, o.rule, "reason"))
                    missing.append({"step": st.rule(scheme, o.rule, "fix") or st.rule(scheme, o.rule, "reason"),
                                    "flows": [f for f in o.rule.flows if f in content.flows]})
                    continue
                for key in o.unknown:  # a not_for_you rule we cannot judge yet
                    found = question_for(content, key)
                    prompt = ct.step(found[0], found[1], "prompt") if found else key
                    text = say(content, translator, "answer_question", question=prompt)
                    if text not in reasons:
                        reasons.append(text)
                        missing.append({"step": text, "flows": [found[0]] if found else [],
                                        "key": DERIVED_FROM.get(key, key)})
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
        })
    out.sort(key=lambda r: ORDER[r["status"]])  # stable: keeps the catalogue order within a status
    return out
