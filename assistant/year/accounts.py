"""Simple accounts (regnskap) for a small association: income and costs by category, the money
at the start and at the end of the year, and whether the sums add up.

Templates see ``accounts_sum``. The document check ``accounts`` refuses to write accounts whose
lines cannot be read or whose balance does not add up (start + income − costs must be the money
at the end), naming the numbers. This is a statement for the annual meeting and the funders, not
a bookkeeping system.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any
from collections.abc import Mapping

from assistant.content.loader import Content
from assistant.engine.validate import Invalid
from assistant.grants import budget as B
from assistant.i18n import N_
from assistant.render.templates import CONTEXT_PROVIDERS, DOCUMENT_CHECKS

PARTS = {"accounts.income": N_("income"), "accounts.costs": N_("costs")}


class AccountsProblem(Invalid):
    """A message of the veiviser domain whose amounts are formatted for the reader's locale."""

    def __init__(self, message: str, key: str, amounts: Mapping[str, int] = (), **params: Any):
        self.amounts = dict(amounts)
        shown = {k: f"{v} kr" for k, v in self.amounts.items()}
        super().__init__(message, **shown, **params)
        self.key = key  # the answer to change

    def translate(self, translator) -> str:
        from assistant.i18n import format as F

        params = {k: (translator.gettext(v) if k == "part" else v) for k, v in self.params.items()}
        params.update({k: F.nok(v, translator.locale) for k, v in self.amounts.items()})
        return translator.gettext(self.message).format(**params)


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


class Accounts:
    """What the accounts templates see as ``accounts_sum``."""

    def __init__(self, content: Content, answers: Mapping[str, Any]):
        self._content = content
        self._answers = answers

    @functools.cached_property
    def _income(self):
        return B.parse_lines(self._answers.get("accounts.income"))

    @functools.cached_property
    def _costs(self):
        return B.parse_lines(self._answers.get("accounts.costs"))

    @property
    def income(self) -> list[dict[str, Any]]:
        return [{"item": x.item, "amount": x.amount} for x in self._income[0]]

    @property
    def costs(self) -> list[dict[str, Any]]:
        return [{"item": x.item, "amount": x.amount} for x in self._costs[0]]

    @property
    def income_total(self) -> int:
        return sum(x.amount for x in self._income[0])

    @property
    def costs_total(self) -> int:
        return sum(x.amount for x in self._costs[0])

    @property
    def result(self) -> int:
        """The year's surplus (negative: deficit)."""
        return self.income_total - self.costs_total

    @property
    def opening(self) -> int:
        return _int(self._answers.get("accounts.opening"))

    @property
    def closing(self) -> int:
        return _int(self._answers.get("accounts.closing"))

    @property
    def expected_closing(self) -> int:
        return self.opening + self.result

    @property
    def balanced(self) -> bool:
        return self.expected_closing == self.closing

    @property
    def audit(self) -> list[dict[str, str]]:
        """For each scheme the accounts go with: what it asks of the audit, in Norwegian."""
        out = []
        for code in self._answers.get("accounts.schemes") or []:
            scheme = self._content.grants.get(str(code))
            if scheme is None:
                continue
            if scheme.id == "momskompensasjon":
                fact = self._content.facts.get("accounts.moms_signed")
                text = ("Regnskapet må være godkjent av årsmøtet og signert av styret. Det må ha en "
                        "revisjonsberetning. Sjekk på siden om revisoren må være registrert eller "
                        "statsautorisert for deres søknadsmodell.")
                url = fact.source.url if fact else scheme.url
            elif scheme.reporting and scheme.reporting.audit_threshold:
                amount = f"{scheme.reporting.audit_threshold:,}".replace(",", "\u00a0")
                text = (f"Får dere {amount}\u00a0kr eller mer, må en registrert eller statsautorisert "
                        "revisor kontrollere regnskapet for tilskuddet. Under dette beløpet holder det "
                        "med revisoren årsmøtet har valgt, hvis ikke brevet sier noe annet.")
                url = scheme.reporting.source.url
            else:
                text = "Veiviser vet ikke om ordningen krever revisor. Les brevet eller reglene for ordningen."
                url = scheme.url
            out.append({"name": scheme.name, "text": text, "url": url})
        return out


def accounts_problems(content: Content, answers: Mapping[str, Any], today: dt.date | None = None) -> list:
    acc = Accounts(content, answers)
    problems: list = []
    for key, parsed in (("accounts.income", acc._income), ("accounts.costs", acc._costs)):
        for n, text in parsed[1]:
            problems.append(AccountsProblem(
                N_("Line {line} of the {part} cannot be read: “{text}”. Write what it is, a colon, "
                   "and the amount."), key, line=n, part=PARTS[key], text=text))
    if not problems and not acc.balanced:
        diff = acc.closing - acc.expected_closing
        problems.append(AccountsProblem(
            N_("The accounts do not add up. Money at the start {opening} + income {income} − costs "
               "{costs} = {expected}. But you wrote that the money at the end was {closing}. The "
               "difference is {difference}. Check the amounts, or add what is missing."),
            "accounts.closing",
            {"opening": acc.opening, "income": acc.income_total, "costs": acc.costs_total,
             "expected": acc.expected_closing, "closing": acc.closing, "difference": abs(diff)}))
    return problems


def _provide(content: Content, answers: Mapping[str, Any], today: dt.date | None) -> Accounts:
    return Accounts(content, answers)


CONTEXT_PROVIDERS["accounts_sum"] = _provide
DOCUMENT_CHECKS["accounts"] = accounts_problems
