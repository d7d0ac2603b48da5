"""The accounts filled in from what Veiviser already knows, for the user to confirm or change:
the membership fees (members × the fee), the grants received (the annual report's list, the
funder's answer, the report on a grant), other money in the budget of a granted application,
and the costs from the report on the grant (what was spent) or else from the application's
budget. Registered as the suggestions ``year.accounts_income`` and ``year.accounts_costs``.

A suggestion is only offered; it is saved when the user confirms it, like any answer. A grant
whose project period lies outside the accounts' year is left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from collections.abc import Mapping

from assistant.content.loader import Content
from assistant.grants import budget as B
from assistant.i18n import N_
from assistant.i18n.content import SUGGESTIONS, Suggestion

CHECK = N_("Check each line against the bank statement. Change it, or add what is missing.")


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _kr(n: int) -> str:
    """12500 -> '12 500': digits grouped as a user types them (and the accounts read them)."""
    return f"{n:,}".replace(",", " ")


def _year(value: Any) -> int | None:
    try:
        return dt.date.fromisoformat(str(value)).year
    except ValueError:
        return None


def _in_year(answers: Mapping[str, Any]) -> bool:
    """Does the grant's project period touch the accounts' year? (Unknown: yes.)"""
    year = _int(answers.get("annual.year"))
    start, end = _year(answers.get("grant.start")), _year(answers.get("grant.end"))
    if not year or start is None:
        return True
    return start <= year <= (end or start)


def _granted(answers: Mapping[str, Any]) -> int:
    """The grant received: the funder's answer, else the amount in the report."""
    if answers.get("answer.outcome") == "granted" and _int(answers.get("answer.amount")):
        return _int(answers.get("answer.amount"))
    return _int(answers.get("report.granted"))


def _funder(content: Content, answers: Mapping[str, Any]) -> str:
    """Who gave the grant ("" when no scheme is known)."""
    scheme = content.grants.get(str(answers.get("grant.scheme") or ""))
    return scheme.funder_for(answers).replace(":", "") if scheme else ""  # one colon: before the amount


def income(content: Content, answers: Mapping[str, Any], today: dt.date | None = None) -> Suggestion | None:
    lines: list[str] = []
    why: list[tuple[str, dict[str, Any]]] = []
    members = _int(answers.get("annual_report.members")) or _int(answers.get("org.members_count"))
    fee = _int(answers.get("founding.dues"))
    if members and fee:
        lines.append(f"Medlemskontingent: {_kr(members * fee)}")
        why.append((N_("Membership fees: {members} members × {fee} kr, the fee the founding meeting "
                       "decided. Change it if the fee was different, or not all paid."),
                    {"members": members, "fee": _kr(fee)}))
    listed, _bad = B.parse_lines(answers.get("annual_report.grants"))
    for line in listed:
        lines.append(f"{line.item}: {_kr(line.amount)}")
    if listed:
        why.append((N_("Grants: the ones you wrote for the annual report."), {}))
    granted = _granted(answers)
    if granted and _in_year(answers):
        if granted not in {x.amount for x in listed}:  # not already in the annual report's list
            funder = _funder(content, answers)
            title = str(answers.get("grant.title") or "").replace(":", "").strip()
            item = f"Tilskudd fra {funder}" if funder else (f"Tilskudd til {title}" if title else "Tilskudd")
            lines.append(f"{item}: {_kr(granted)}")
            why.append((N_("The grant from {funder}: the amount you got."), {"funder": funder or item}))
        budget, _issues = B.budget_from_answers(answers)
        for line in budget.other:
            lines.append(f"{line.item}: {_kr(line.amount)}")
        if budget.other:
            why.append((N_("Other money in the budget of the application. Keep it only if it came."), {}))
    if not lines:
        return None
    return Suggestion("\n".join(lines), why + [(CHECK, {})])


def costs(content: Content, answers: Mapping[str, Any], today: dt.date | None = None) -> Suggestion | None:
    if not _granted(answers) or not _in_year(answers):
        return None
    spent, _bad = B.parse_lines(answers.get("report.spent"))
    if spent:
        found, why = spent, N_("Costs: what you spent of the grant, from your report on it.")
    else:
        found, why = list(B.budget_from_answers(answers)[0].costs), N_(
            "Costs: the budget of your application. Change them to what you really spent.")
    if not found:
        return None
    text = "\n".join(f"{x.item}: {_kr(x.amount)}" for x in found)
    return Suggestion(text, [(why, {}), (N_("Add the other costs of the year."), {}), (CHECK, {})])


SUGGESTIONS["year.accounts_income"] = income
SUGGESTIONS["year.accounts_costs"] = costs
