"""The application and report drafts: what their templates see (``draft``), and the checks that
must pass before they are written.

Templates get ``draft``: the chosen scheme's data, its form sections filled from the answers with
character counts against the limits, the budget with totals, and the report figures. Values are
computed only when a template uses them. The checks (``grant_application``, ``grant_report``)
refuse a budget that does not add up, an amount outside the scheme's limits, dates outside the
grant period, a section over its limit and a required section left empty, each with a message
that names the numbers or the answer to change.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any
from collections.abc import Mapping

from assistant.content.loader import Content
from assistant.engine.validate import Invalid
from assistant.grants import budget as B
from assistant.grants.catalogue import GrantScheme, SchemeText, texts
from assistant.render.templates import CONTEXT_PROVIDERS, DOCUMENT_CHECKS

NEEDS_TRANSLATION = "meta.needs_translation"  # keys the user marked for someone to translate


class Prompt(str):
    """A profile key in an issue, shown as the question that asks it."""


def _fmt(value: Any, locale: str, content: Content | None, translator=None) -> str:
    from assistant.i18n import format as F

    if isinstance(value, B.Money):
        return F.nok(int(value), locale)
    if isinstance(value, B.Day):
        return F.date(value, locale)
    if isinstance(value, Prompt) and content is not None and translator is not None:
        from assistant.grants.finder import question_for
        from assistant.i18n.content import ContentText

        found = question_for(content, str(value))
        return ContentText(translator).step(found[0], found[1], "prompt") if found else str(value)
    if isinstance(value, int):
        return F.number(value, locale)
    return str(value)


class GrantProblem(Invalid):
    """An issue as a message of the texts file, translated with its numbers formatted for the
    reader's locale."""

    def __init__(self, content: Content, issue: B.Issue):
        self.content = content
        self.issue = issue
        text = texts(content).get(issue.msg, issue.msg)
        params = dict(issue.params)
        if issue.key and "question" not in params:  # "{question}": the question to answer again
            params["question"] = Prompt(issue.key)
        super().__init__(text, **{k: _fmt(v, "en", None) for k, v in params.items()})
        self.params = params
        self.context = f"grants/msg/{issue.msg}"
        self.key = issue.key  # the answer to change: front ends can go straight to it

    def translate(self, translator) -> str:
        text = translator.pgettext(self.context, self.message)
        return text.format(**{k: _fmt(v, translator.locale, self.content, translator)
                              for k, v in self.params.items()})


def _nb_translator():
    from assistant.i18n import get_translator

    return get_translator("nb")


def _text(value: Any) -> str:
    return str(value).strip() if value not in (None, "") else ""


def section_text(answers: Mapping[str, Any], keys: tuple[str, ...]) -> str:
    return "\n\n".join(t for t in (_text(answers.get(k)) for k in keys) if t)


def _grouped(n: int) -> str:
    """1500 -> '1 500' (Norwegian digit grouping, no-break space)."""
    return f"{n:,}".replace(",", "\u00a0")


def signed_nok(n: int | None) -> str:
    """A difference in a report: '+1 100 kr', '−600 kr' (a real minus sign), '0 kr'."""
    from assistant.render.templates import nok

    if n is None:
        return ""
    return ("+" if n > 0 else "\u2212" if n < 0 else "") + nok(abs(n))


def md_lines(text: Any) -> str:
    """An answer as Markdown that keeps the user's line breaks (hard breaks inside paragraphs);
    every line escaped, so the answer stays literal text (assistant.render.safe)."""
    from assistant.render.safe import md_paragraphs

    return md_paragraphs(_text(text))


@functools.lru_cache(maxsize=256)
def _is_norwegian(text: str) -> bool | None:
    # Remembered per text: a draft is rendered again at every view and in every format, and
    # detection is deterministic (seeded) and the slowest part of the grant application.
    try:
        from assistant.i18n.detect import is_norwegian
    except ImportError:
        return None
    return is_norwegian(text)


class Draft:
    """What the grant templates see as ``draft``."""

    def __init__(self, content: Content, answers: Mapping[str, Any], today: dt.date | None = None):
        self._content = content
        self._answers = answers
        self._today = today or dt.date.today()

    @functools.cached_property
    def scheme(self) -> GrantScheme | None:
        return self._content.grants.get(str(self._answers.get("grant.scheme") or ""))

    @functools.cached_property
    def _nb(self) -> SchemeText:
        return SchemeText(_nb_translator())

    # --- the scheme, in Norwegian ----------------------------------------------------------
    @property
    def ok(self) -> bool:
        return self.scheme is not None

    @property
    def name(self) -> str:
        return self.scheme.name if self.scheme else ""

    @property
    def funder(self) -> str:
        return self.scheme.funder_for(self._answers) if self.scheme else ""

    @property
    def template(self) -> bool:
        """A model of a municipal scheme: the municipality's own page has the rules."""
        return bool(self.scheme and self.scheme.template)

    @property
    def url(self) -> str:
        return self.scheme.url if self.scheme else ""

    @property
    def checked(self) -> str:
        s = self.scheme
        return min(s.deadline.source.checked, s.amounts.source.checked).isoformat() if s else ""

    @property
    def deadline(self) -> str:
        return self._nb.deadline(self.scheme) if self.scheme else ""

    @property
    def page_date(self) -> str:
        """The page's own date for the source checked longest ago, when the page shows one."""
        s = self.scheme
        if not s:
            return ""
        src = min((s.deadline.source, s.amounts.source), key=lambda x: x.checked)
        return src.page_date.isoformat() if src.page_date else ""

    @property
    def when(self) -> str:
        """When one can apply, on the day the draft is written (Norwegian): open and the days
        left, closed and the next round, or not confirmed for this year."""
        if not self.scheme:
            return ""
        from assistant.grants.timing import timing
        from assistant.grants.when import when_text

        return when_text(self._content, _nb_translator(), self.scheme, timing(self.scheme, self._today))

    @property
    def amounts(self) -> str:
        return self._nb.amounts(self.scheme) if self.scheme else ""

    @property
    def period(self) -> str:
        return self._nb.period(self.scheme) if self.scheme else ""

    @property
    def attachments(self) -> list[str]:
        return [a.nb for a in self.scheme.attachments] if self.scheme else []

    @property
    def reporting_deadline(self) -> str:
        return self._nb.reporting_deadline(self.scheme) if self.scheme else ""

    @property
    def requirements(self) -> list[str]:
        return self._nb.requirements(self.scheme) if self.scheme else []

    @property
    def audit_threshold(self) -> int | None:
        s = self.scheme
        return s.reporting.audit_threshold if s and s.reporting else None

    # --- the form, field by field ----------------------------------------------------------
    @functools.cached_property
    def sections(self) -> list[dict[str, Any]]:
        if not self.scheme:
            return []
        marked = set(self._answers.get(NEEDS_TRANSLATION) or [])
        out = []
        for n, sec in enumerate(self.scheme.sections, start=1):
            text = "" if sec.budget else section_text(self._answers, sec.keys)
            foreign = bool(text) and not (set(sec.keys) & marked) and _is_norwegian(text) is False
            out.append({
                "n": n, "id": sec.id, "nb": sec.nb, "text": text, "lines": md_lines(text), "budget": sec.budget,
                "count": len(text), "limit": sec.limit,
                "count_nb": _grouped(len(text)), "limit_nb": _grouped(sec.limit) if sec.limit else "",
                "over": max(0, len(text) - sec.limit) if sec.limit else 0,
                "translate": bool(set(sec.keys) & marked), "not_norwegian": foreign,
            })
        return out

    @functools.cached_property
    def budget(self) -> dict[str, Any]:
        b, _issues = B.budget_from_answers(self._answers)
        return {
            "costs": [{"item": x.item, "amount": x.amount} for x in b.costs],
            "total": b.total_costs, "own": b.own,
            "other": [{"item": x.item, "amount": x.amount} for x in b.other],
            "other_total": b.other_total, "applied": b.applied, "expected": b.expected,
            "balanced": b.balanced,
        }

    def text(self, key: str) -> str:
        """The answer to ``key`` as Markdown, line breaks kept."""
        return md_lines(self._answers.get(key))

    @functools.cached_property
    def hints(self) -> list[str]:
        """The officer's reading, in Norwegian (for the draft's checklist)."""
        nb = _nb_translator()
        return [GrantProblem(self._content, i).translate(nb) for i in officer_hints(self.scheme, self._answers)]

    @property
    def org_number(self) -> str:
        """'987654325' -> '987 654 325', as Enhetsregisteret shows it."""
        n = _text(self._answers.get("org.org_number")).replace(" ", "")
        return f"{n[:3]} {n[3:6]} {n[6:]}" if len(n) == 9 else n

    # --- the report ------------------------------------------------------------------------
    @functools.cached_property
    def report(self) -> dict[str, Any]:
        spent, _bad = B.parse_lines(self._answers.get("report.spent"))
        planned, _ = B.budget_from_answers(self._answers)
        plan = {x.item.casefold(): x.amount for x in planned.costs}
        rows, used = [], set()
        for x in spent:
            p = plan.get(x.item.casefold())
            used.add(x.item.casefold())
            diff = x.amount - p if p is not None else None
            rows.append({"item": x.item, "planned": p, "spent": x.amount, "diff": diff,
                         "diff_nb": signed_nok(diff)})
        for x in planned.costs:  # planned but nothing spent
            if x.item.casefold() not in used:
                rows.append({"item": x.item, "planned": x.amount, "spent": 0, "diff": -x.amount,
                             "diff_nb": signed_nok(-x.amount)})
        spent_total = sum(x.amount for x in spent)
        granted = self._answers.get("report.granted")
        # the money there was: the grant, and the own money and other funding of the plan
        available = int(granted or 0) + (planned.own + planned.other_total if planned.costs else 0)
        threshold = self.audit_threshold
        return {
            "rows": rows, "has_plan": bool(planned.costs), "planned_total": planned.total_costs,
            "spent_total": spent_total, "granted": granted,
            "total_diff_nb": signed_nok(spent_total - planned.total_costs),
            "available": available, "overspent": max(0, spent_total - available),
            "audit_needed": bool(threshold is not None and granted is not None and int(granted) >= threshold),
        }


def draft_context(content: Content, answers: Mapping[str, Any], today: dt.date | None) -> Draft:
    return Draft(content, answers, today)


CONTEXT_PROVIDERS["draft"] = draft_context


# --- the checks ------------------------------------------------------------------------------

def application_issues(content: Content, answers: Mapping[str, Any]) -> list[B.Issue]:
    scheme = content.grants.get(str(answers.get("grant.scheme") or ""))
    if scheme is None:
        return [B.Issue("no_scheme", key="grant.scheme")]
    if not scheme.has_sections:
        return [B.Issue("no_sections", {"scheme": scheme.name})]
    budget, issues = B.budget_from_answers(answers)
    issues += B.check_budget(budget, scheme.min_amount, scheme.max_amount)
    p = scheme.period
    issues += B.check_period(answers.get("grant.start"), answers.get("grant.end"),
                             p.kind if p else None, p.months if p else None,
                             answers.get("grant.activities"))
    for sec in scheme.sections:
        if sec.budget:
            continue
        text = section_text(answers, sec.keys)
        if sec.required and not text:
            issues.append(B.Issue("section_empty", {"section": sec.nb}, sec.keys[0]))
        elif sec.limit and len(text) > sec.limit:
            # the longest answer in the field is the one to shorten
            key = max(sec.keys, key=lambda k: len(_text(answers.get(k))))
            issues.append(B.Issue("section_too_long", {
                "section": sec.nb, "count": len(text), "limit": sec.limit,
                "over": len(text) - sec.limit}, key))
    return issues


def report_issues(content: Content, answers: Mapping[str, Any]) -> list[B.Issue]:
    scheme = content.grants.get(str(answers.get("grant.scheme") or ""))
    if scheme is None:
        return [B.Issue("no_scheme", key="grant.scheme")]
    spent, bad = B.parse_lines(answers.get("report.spent"))
    issues = [B.Issue("budget_line", {"n": n, "line": text}, "report.spent") for n, text in bad]
    planned, _ = B.budget_from_answers(answers)
    issues += B.check_report(planned if planned.costs else None, spent, answers.get("report.changes"))
    return issues


# --- reading it like a grant officer ---------------------------------------------------------

NUMBER_KEYS = ("grant.summary", "grant.target_group", "grant.volunteers", "grant.results")
SHORT_KEYS = ("grant.goal", "grant.background", "grant.target_group", "grant.activities",
              "grant.volunteers", "grant.results")
SHORT = 120  # characters: shorter than this, a field rarely says how
NUMBER_WORDS = re.compile(r"\b(?:to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|femten|tjue|tretti|"
                          r"førti|femti|hundre|tusen|two|three|four|five|six|seven|eight|nine|ten|twenty|"
                          r"hundred|thousand)\b", re.IGNORECASE)
HOPE = re.compile(r"\b(?:håper|håpe|forhåpentligvis|kanskje|hope|hopefully|maybe|perhaps)\b", re.IGNORECASE)


def officer_hints(scheme: GrantScheme | None, answers: Mapping[str, Any]) -> list[B.Issue]:
    """What a grant officer would mark as weak, though no rule is broken: fields without numbers,
    a summary without the amount, hopes instead of plans, fields that are very short."""
    if scheme is None:
        return []
    hints: list[B.Issue] = []
    for sec in scheme.sections:
        for key in sec.keys:
            text = _text(answers.get(key))
            if not text:
                continue
            if key in NUMBER_KEYS and not re.search(r"\d", text) and not NUMBER_WORDS.search(text):
                hints.append(B.Issue("hint_no_number", {"section": sec.nb}, key))
            if key in ("grant.goal", "grant.results") and HOPE.search(text):
                hints.append(B.Issue("hint_hope", {"section": sec.nb}, key))
            if key in SHORT_KEYS and len(text) < SHORT and not any(h.key == key for h in hints):
                if sec.limit:
                    hints.append(B.Issue("hint_short_limit", {"section": sec.nb, "count": len(text),
                                                              "limit": sec.limit}, key))
                else:
                    hints.append(B.Issue("hint_short", {"section": sec.nb, "count": len(text)}, key))
    summary, amount = _text(answers.get("grant.summary")), answers.get("grant.amount")
    if summary and amount:
        digits = re.sub(r"(?<=\d)[ .\u00a0](?=\d{3})", "", summary)
        if str(int(amount)) not in re.findall(r"\d+", digits):
            hints.append(B.Issue("hint_summary_amount", {"amount": B.Money(int(amount))}, "grant.summary"))
    return hints


def check_application(content: Content, answers: Mapping[str, Any], today: dt.date | None = None) -> list[Invalid]:
    return [GrantProblem(content, i) for i in application_issues(content, answers)]


def check_report(content: Content, answers: Mapping[str, Any], today: dt.date | None = None) -> list[Invalid]:
    return [GrantProblem(content, i) for i in report_issues(content, answers)]


DOCUMENT_CHECKS["grant_application"] = check_application
DOCUMENT_CHECKS["grant_report"] = check_report
