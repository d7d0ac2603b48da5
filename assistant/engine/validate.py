"""Turn what a user typed (or an answers file holds) into a normalised, storable value.

Values are JSON-friendly: text as str, numbers and money as int (whole kroner), dates as ISO
strings, yes/no as bool, choices as codes, people as ``[{"name", "role"}]``. A bad answer raises
:class:`Invalid` whose message is an English msgid with ``{placeholders}``, translated by the
front end, so the engine stays free of any UI and of any one language.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from collections.abc import Iterable, Mapping

from assistant.content.models import QuestionStep, QuestionType as T
from assistant.i18n import N_
from assistant.profile import BOARD_ROLES, account_ok, orgnr_ok
from assistant.errors import VeiviserError
from assistant.usertext import BadText, clean

YES_WORDS = {"yes", "y", "ja", "j", "true", "yep", "oui", "si", "da", "tak", "haa", "ha", "نعم", "بله", "так", "እወ", "ok"}
NO_WORDS = {"no", "n", "nei", "false", "nope", "non", "nie", "maya", "لا", "نه", "ні", "አይ", "nein"}

# Numbers with a modulus-11 check digit: length, check, message for wrong length, for wrong digits.
CHECKED_NUMBERS = {
    T.orgnr: (9, orgnr_ok, N_("An organisation number has 9 digits."),
              N_("This organisation number is not valid. Check the digits.")),
    T.account: (11, account_ok, N_("A bank account number has 11 digits."),
                N_("This account number is not valid. Check the digits.")),
}

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_RE = re.compile(r"^\+?[0-9]{8,15}$")


class Invalid(VeiviserError, ValueError):
    """A bad answer: shown next to the question, in the user's language."""

    def __init__(self, message: str, **params: Any):
        super().__init__(message.format(**params) if params else message)
        self.message = message
        self.params = params
        self.context: str | None = None  # msgctxt for content-defined messages
        self.flow_id: str | None = None  # set by the engine: for examples in the reader's language

    def translate(self, translator) -> str:
        params = {k: v.translate(translator, self.flow_id) if isinstance(v, PeopleExample) else v
                  for k, v in self.params.items()}
        if self.context:
            text = translator.pgettext(self.context, self.message)
            return text.format(**params) if params else text
        return translator.format(self.message, **params)


class PeopleExample:
    """'Amina Ali: chair' in a message, shown in the reader's language ('Fatima Hassan: رئيسة'):
    a name and a role label from the catalogs, never an English role code."""

    def __init__(self, step: QuestionStep):
        self.step = step

    def __str__(self) -> str:
        roles = [r.code for r in self.step.roles] or list(BOARD_ROLES)
        return f"Amina Ali: {roles[0]}"

    def translate(self, translator, flow_id: str | None) -> str:
        from assistant.i18n.content import ContentText

        return ContentText(translator).people_example(flow_id or "", self.step)

    def user_message(self, translator) -> str:
        return self.translate(translator, getattr(self, "flow_id", None))


# Whatever the content says, no answer is longer than this (a 1 MB paste is refused, not stored).
HARD_MAX = {T.longtext: 50_000}
HARD_MAX_TEXT = 2_000
BAD_TEXT = N_("The answer has characters that are not valid text (broken UTF-8). Type it again, "
              "or paste it from another program.")
REMOVED = N_("Invisible control characters were removed from your answer: {count}.")


def clean_raw(raw: Any) -> tuple[Any, int]:
    """The boundary rule of :mod:`assistant.usertext` for every string in an answer (also inside
    lists of people): (cleaned answer, characters removed). Raises :class:`Invalid`."""
    if isinstance(raw, str):
        try:
            return clean(raw)
        except BadText:
            raise Invalid(BAD_TEXT) from None
    if isinstance(raw, (list, tuple)):
        items = [clean_raw(x) for x in raw]
        return [x for x, _ in items], sum(n for _, n in items)
    if isinstance(raw, dict):
        pairs = {k: clean_raw(v) for k, v in raw.items() if isinstance(k, str)}
        if len(pairs) != len(raw):
            raise Invalid(N_("Give a list of people, each with a name and a role."))
        return {k: v for k, (v, _) in pairs.items()}, sum(n for _, n in pairs.values())
    return raw, 0


def _is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == [] or raw == {}


def parse_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y", "%d-%m-%Y", "%d %m %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    # The form is right but the day is not in the calendar (31.02.2026, 2026-02-31): say that,
    # not "write the date as ...", which the user already did.
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    dmy = re.fullmatch(r"(\d{1,2})[./\- ](\d{1,2})[./\- ](\d{4}|\d{2})", text)
    if iso is not None or dmy is not None:
        y, m, d = iso.groups() if iso is not None else dmy.groups()[::-1]  # type: ignore[union-attr]
        if 1 <= int(m) <= 12 and 1 <= int(d) <= 31:
            raise Invalid(N_("The date {date} does not exist. Check the day and the month."), date=text)
    raise Invalid(N_("Write the date as day.month.year, for example {example}."), example="15.03.2026")


def _date_bound(spec: str | None, today: dt.date) -> dt.date | None:
    if spec is None:
        return None
    if spec == "today":
        return today
    return dt.date.fromisoformat(spec)


def parse_int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise Invalid(N_("Write a whole number, for example {example}."), example="12")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = re.sub(r"[\s\u00a0\u202f]", "", str(raw))
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    raise Invalid(N_("Write a whole number, for example {example}."), example="12")


def parse_money(raw: Any) -> int:
    """Whole kroner. Accepts '12 500', '12500 kr', 'kr 12.500,-', 'NOK 12 500,00'."""
    if isinstance(raw, bool):
        raise Invalid(N_("Write an amount in kroner, for example {example}."), example="12 500")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise Invalid(N_("Write whole kroner, without øre."))
    text = str(raw).strip().lower()
    text = re.sub(r"(nok|kr\.?|,-|\.-)", "", text)
    text = re.sub(r"[\s\u00a0\u202f']", "", text)
    m = re.fullmatch(r"(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?", text)
    if not m:
        raise Invalid(N_("Write an amount in kroner, for example {example}."), example="12 500")
    if m.group(2) and int(m.group(2)) != 0:
        raise Invalid(N_("Write whole kroner, without øre."))
    return int(m.group(1).replace(".", ""))


def _choice_code(step: QuestionStep, raw: Any) -> str:
    text = str(raw).strip()
    codes = [c.code for c in step.choices]
    if text in codes:
        return text
    if text.lower() in codes:
        return text.lower()
    # A choice is a code, never a position: "2" for a question whose codes are "3", "5", "7"
    # is wrong, not the second choice. Front ends that number the list turn the number the
    # user typed into a code before they call the engine (see :func:`code_for_position`).
    raise Invalid(N_("{value} is not one of the choices. Use one of these codes: {codes}."),
                  value=text, codes=", ".join(codes))


def numbered_by_code(step: QuestionStep) -> bool:
    """True when a numbered list shows the codes themselves (all codes are whole numbers):
    then "3" means the choice with code 3, as the label says, and never the third line."""
    return bool(step.choices) and all(c.code.isdigit() for c in step.choices)


def list_numbers(step: QuestionStep) -> list[str]:
    """The numbers a front end shows in front of the choices, in order."""
    if numbered_by_code(step):
        return [c.code for c in step.choices]
    return [str(i) for i in range(1, len(step.choices) + 1)]


def code_for_position(step: QuestionStep, raw: Any) -> Any:
    """What a front end that numbers the list sends to the engine for a typed number: the
    code of that line. Anything else is passed on as typed."""
    text = str(raw).strip()
    numbers = list_numbers(step)
    if text in numbers:
        return step.choices[numbers.index(text)].code
    return raw


def choice_by_line(step: QuestionStep, raw: Any) -> Any:
    """What a front end that numbers the list 1..n sends to the engine for a typed text: the
    code of line k for the number k, the code itself for a code that is no line's number (board
    size "5" in a list of three), anything else as typed (the engine says it is not a choice)."""
    text = str(raw).strip()
    if text.isdigit() and 1 <= int(text) <= len(step.choices):
        return step.choices[int(text) - 1].code
    return raw


def parse_yesno(raw: Any, yes_words: Iterable[str] = (), no_words: Iterable[str] = ()) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower().rstrip(".!")
    if text in YES_WORDS or text in {w.lower() for w in yes_words}:
        return True
    if text in NO_WORDS or text in {w.lower() for w in no_words}:
        return False
    raise Invalid(N_("Answer yes or no."))


def parse_people(step: QuestionStep, raw: Any,
                 role_words: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """``role_words``: a role's label in the user's language (casefolded) -> its code, so
    "Amina Ali: Guddoomiye" is read as well as "Amina Ali: chair"."""
    roles = [r.code for r in step.roles] or list(BOARD_ROLES)
    words = {k.casefold(): v for k, v in (role_words or {}).items()}
    if isinstance(raw, str):
        # "Amina Ali: chair; Omar Hassan: member" (also with "," between people or newlines)
        items = []
        for part in re.split(r"[;\n]", raw):
            if not part.strip():
                continue
            name, sep, role = part.rpartition(":")
            if not sep and len(roles) == 1:  # one role only: a name is enough
                name, role = part, roles[0]
            elif not sep:
                raise Invalid(N_("Write each person as name: role, for example {example}."),
                              example=PeopleExample(step))
            items.append({"name": name, "role": role})
        raw = items
    if not isinstance(raw, (list, tuple)):
        raise Invalid(N_("Give a list of people, each with a name and a role."))
    people: list[dict[str, str]] = []
    for i, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or set(item) - {"name", "role"}:
            raise Invalid(N_("Person {n} needs a name and a role."), n=i)
        name = " ".join(str(item.get("name") or "").split())
        role = str(item.get("role") or "").strip().lower()
        role = words.get(role.casefold(), role)
        if not name:
            raise Invalid(N_("Person {n} needs a name."), n=i)
        if len(name) > HARD_MAX_TEXT:
            raise Invalid(N_("Write at most {max} characters (now {count})."), max=HARD_MAX_TEXT, count=len(name))
        if role.isdigit() and 1 <= int(role) <= len(roles):
            role = roles[int(role) - 1]
        if role not in roles:
            raise Invalid(N_("Person {n} has an unknown role. Choose one of: {roles}."), n=i,
                          roles=", ".join(roles))
        people.append({"name": name, "role": role})
    if "chair" in roles and sum(p["role"] == "chair" for p in people) > 1:
        raise Invalid(N_("Only one person can be the chair."))
    if "chair" in roles and people and not any(p["role"] == "chair" for p in people):
        raise Invalid(N_("Choose one person as the chair."))
    return people


def normalise(step: QuestionStep, raw: Any, *, today: dt.date | None = None,
              yes_words: Iterable[str] = (), no_words: Iterable[str] = (),
              role_words: Mapping[str, str] | None = None) -> Any:
    """Validate and normalise one answer. Returns the value to store (None = skipped)."""
    today = today or dt.date.today()
    v = step.validation
    raw, _removed = clean_raw(raw)
    if _is_empty(raw):
        if v.required:
            raise Invalid(N_("This question needs an answer."))
        return None
    kind = step.type
    if kind in (T.text, T.longtext, T.email, T.phone):
        if not isinstance(raw, (str, int)) or isinstance(raw, bool):
            raise Invalid(N_("Write the answer as text."))
        text = str(raw).strip()
        if kind is not T.longtext:
            text = " ".join(text.split())
        else:
            text = "\n".join(line.rstrip() for line in text.splitlines()).strip()
        if kind is T.email:
            if not EMAIL_RE.match(text):
                raise Invalid(N_("This does not look like an e-mail address, for example {example}."),
                              example="leder@forening.no")
        if kind is T.phone:
            compact = re.sub(r"[\s\-().]", "", text)
            if not PHONE_RE.match(compact):
                raise Invalid(N_("Write a phone number with 8 to 15 digits, for example {example}."),
                              example="+47 912 34 567")
            text = compact
        if v.min_length is not None and len(text) < v.min_length:
            raise Invalid(N_("Write at least {min} characters (now {count})."), min=v.min_length, count=len(text))
        if v.max_length is not None and len(text) > v.max_length:
            raise Invalid(N_("Write at most {max} characters (now {count})."), max=v.max_length, count=len(text))
        hard = HARD_MAX.get(kind, HARD_MAX_TEXT)
        if len(text) > hard:
            raise Invalid(N_("Write at most {max} characters (now {count})."), max=hard, count=len(text))
        if v.pattern and not re.fullmatch(v.pattern, text):
            raise Invalid(v.pattern_message or N_("The answer does not have the expected form."))
        return text
    if kind is T.choice:
        return _choice_code(step, raw)
    if kind is T.multichoice:
        items = raw if isinstance(raw, (list, tuple)) else re.split(r"[,\s]+", str(raw).strip())
        codes: list[str] = []
        for item in items:
            if str(item).strip():
                code = _choice_code(step, item)
                if code not in codes:
                    codes.append(code)
        if not codes and v.required:
            raise Invalid(N_("Choose at least one."))
        if v.min_length is not None and len(codes) < v.min_length:
            raise Invalid(N_("Choose at least {min}."), min=v.min_length)
        if v.max_length is not None and len(codes) > v.max_length:
            raise Invalid(N_("Choose at most {max}."), max=v.max_length)
        order = [c.code for c in step.choices]
        return sorted(codes, key=order.index)
    if kind is T.yesno:
        return parse_yesno(raw, yes_words, no_words)
    if kind in (T.integer, T.money):
        n = parse_money(raw) if kind is T.money else parse_int(raw)
        if v.min is not None and n < v.min:
            raise Invalid(N_("The number must be at least {min}."), min=_num(v.min))
        if v.max is not None and n > v.max:
            raise Invalid(N_("The number must be at most {max}."), max=_num(v.max))
        return n
    if kind is T.date:
        d = parse_date(raw)
        lo, hi = _date_bound(v.min_date, today), _date_bound(v.max_date, today)
        if lo and d < lo:
            raise Invalid(N_("The date cannot be before {date}."), date=lo.strftime("%d.%m.%Y"))
        if hi and d > hi:
            raise Invalid(N_("The date cannot be after {date}."), date=hi.strftime("%d.%m.%Y"))
        return d.isoformat()
    if kind is T.people:
        people = parse_people(step, raw, role_words)
        if v.min_length is not None and len(people) < v.min_length:
            raise Invalid(N_("Add at least {min} people."), min=v.min_length)
        if v.max_length is not None and len(people) > v.max_length:
            raise Invalid(N_("Add at most {max} people."), max=v.max_length)
        return people
    if kind in CHECKED_NUMBERS:
        length, ok, wrong_length, wrong_digits = CHECKED_NUMBERS[kind]
        digits = re.sub(r"[\s.]", "", str(raw))
        if not re.fullmatch(rf"\d{{{length}}}", digits):
            raise Invalid(wrong_length)
        if not ok(digits):
            raise Invalid(wrong_digits)
        return digits
    raise Invalid(N_("This question cannot be answered here."))  # pragma: no cover


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x
