"""Budget arithmetic and the checks of an application before it is written. Pure: no I/O.

A budget is written as lines, one cost per line: ``what: amount`` ("Husleie: 12 000"). The amount
applied for must equal the costs minus the organisation's own contribution and other funding.
Each check returns :class:`Issue` objects that name the numbers that disagree; the document
layer turns them into sentences in the user's language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from collections.abc import Mapping

from assistant.engine.validate import Invalid, parse_money

SEPARATORS = (":", "=", "\t", " – ", " - ", " — ")
DATE_IN_TEXT = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")


class Money(int):
    """An amount of whole kroner in an issue (formatted as NOK for the reader's locale)."""


class Day(dt.date):
    """A date in an issue (formatted for the reader's locale)."""

    @classmethod
    def of(cls, d: dt.date) -> Day:
        return cls(d.year, d.month, d.day)


@dataclass(frozen=True)
class Issue:
    msg: str  # id of the sentence in content/grants/_texts.toml
    params: dict[str, Any] = field(default_factory=dict)
    key: str | None = None  # the answer to change


@dataclass(frozen=True)
class Line:
    item: str
    amount: int


def parse_line(text: str) -> Line | None:
    """'Husleie: 12 000' -> Line('Husleie', 12000); None when it cannot be read."""
    text = re.sub(r"^\s*[-*•]\s+", "", text).strip()
    cuts = sorted({i for sep in SEPARATORS for i in _find_all(text, sep)}, reverse=True)
    for i in cuts:
        item = text[:i].strip(" :=\t–—-")
        rest = text[i:].lstrip(" :=\t–—-")
        try:
            amount = parse_money(rest)
        except Invalid:
            continue
        if item:
            return Line(item, amount)
    return None


def _find_all(text: str, sep: str) -> list[int]:
    out, i = [], text.find(sep)
    while i >= 0:
        out.append(i)
        i = text.find(sep, i + 1)
    return out


def parse_lines(text: str | None) -> tuple[list[Line], list[tuple[int, str]]]:
    """(lines, unreadable lines as (line number, text)). Empty lines are skipped."""
    lines: list[Line] = []
    bad: list[tuple[int, str]] = []
    for n, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        line = parse_line(raw)
        if line is None:
            bad.append((n, raw.strip()))
        else:
            lines.append(line)
    return lines, bad


@dataclass(frozen=True)
class Budget:
    costs: tuple[Line, ...]
    own: int
    other: tuple[Line, ...]
    applied: int | None

    @property
    def total_costs(self) -> int:
        return sum(x.amount for x in self.costs)

    @property
    def other_total(self) -> int:
        return sum(x.amount for x in self.other)

    @property
    def expected(self) -> int:
        """What the costs leave to apply for."""
        return self.total_costs - self.own - self.other_total

    @property
    def balanced(self) -> bool:
        return self.applied == self.expected


COSTS, OWN, OTHER, APPLIED = "grant.budget.costs", "grant.budget.own", "grant.budget.other", "grant.amount"
START, END, PLAN, CHANGES = "grant.start", "grant.end", "grant.activities", "report.changes"


def budget_from_answers(answers: Mapping[str, Any]) -> tuple[Budget, list[Issue]]:
    costs, bad_costs = parse_lines(answers.get(COSTS))
    other, bad_other = parse_lines(answers.get(OTHER))
    issues = [Issue("budget_line", {"n": n, "line": text}, COSTS) for n, text in bad_costs]
    issues += [Issue("budget_line", {"n": n, "line": text}, OTHER) for n, text in bad_other]
    applied = answers.get(APPLIED)
    budget = Budget(tuple(costs), int(answers.get(OWN) or 0), tuple(other),
                    int(applied) if applied is not None else None)
    return budget, issues


def check_budget(budget: Budget, min_amount: int | None = None, max_amount: int | None = None) -> list[Issue]:
    """Does the budget add up, and is the amount within the scheme's limits?"""
    issues: list[Issue] = []
    if not budget.costs:
        return [Issue("budget_no_costs", key=COSTS)]
    numbers = {"costs": Money(budget.total_costs), "own": Money(budget.own),
               "other": Money(budget.other_total), "expected": Money(budget.expected)}
    if budget.expected <= 0:
        issues.append(Issue("budget_covered", numbers, OWN))
    elif budget.applied is not None and not budget.balanced:
        issues.append(Issue("budget_mismatch", {**numbers, "applied": Money(budget.applied)}, APPLIED))
    if budget.applied is not None:
        if min_amount is not None and budget.applied < min_amount:
            issues.append(Issue("amount_below_min", {"applied": Money(budget.applied), "min": Money(min_amount)},
                                APPLIED))
        if max_amount is not None and budget.applied > max_amount:
            issues.append(Issue("amount_above_max", {"applied": Money(budget.applied), "max": Money(max_amount)},
                                APPLIED))
    return issues


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def months_between(start: dt.date, end: dt.date) -> int:
    """Calendar months the period touches in full or in part: 1 Jan - 31 Dec is 12."""
    n = (end.year - start.year) * 12 + end.month - start.month
    return n + 1 if end.day >= start.day or n == 0 else n


def dates_in(text: str | None) -> list[dt.date]:
    out = []
    for m in DATE_IN_TEXT.finditer(text or ""):
        try:
            if m.group(1):
                out.append(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
            else:
                out.append(dt.date(int(m.group(4)), int(m.group(5)), int(m.group(6))))
        except ValueError:
            continue
    return out


def check_period(start: Any, end: Any, kind: str | None = None, months: int | None = None,
                 plan: str | None = None) -> list[Issue]:
    """The project dates: in order, inside the scheme's period, and every date the activity plan
    mentions inside the project."""
    s, e = _date(start), _date(end)
    if s is None or e is None:
        return []
    if e < s:
        return [Issue("period_order", {"start": Day.of(s), "end": Day.of(e)}, END)]
    issues = []
    if kind == "calendar_year" and s.year != e.year:
        issues.append(Issue("period_year", {"start": Day.of(s), "end": Day.of(e)}, END))
    if kind == "months" and months and months_between(s, e) > months:
        issues.append(Issue("period_months", {"months": months, "actual": months_between(s, e)}, END))
    for d in dates_in(plan):
        if not s <= d <= e:
            issues.append(Issue("plan_date_outside", {"date": Day.of(d), "start": Day.of(s), "end": Day.of(e)},
                                PLAN))
    return issues


def check_report(planned: Budget | None, spent: list[Line], changes: str | None) -> list[Issue]:
    """Money spent against the plan: a difference must be explained."""
    if planned is None or not planned.costs or not spent:
        return []
    total = sum(x.amount for x in spent)
    if total != planned.total_costs and not (changes or "").strip():
        return [Issue("report_differs", {"planned": Money(planned.total_costs), "spent": Money(total)}, CHANGES)]
    return []
