"""Hypothesis strategies for valid answers to any question in content."""

import datetime as dt

from hypothesis import strategies as st

from assistant.content.models import QuestionStep, QuestionType as T

TODAY = dt.date(2026, 11, 22)
ORGNRS = ["974760673", "923609016", "984851006"]
ACCOUNTS = ["86011117947", "12345678903", "15032512345"]
TEXT_ALPHABET = st.characters(whitelist_categories=("L", "N", "Zs"), whitelist_characters="{}<>%&*#|.,-'\"")


def _bound(spec, default):
    if spec is None:
        return default
    return TODAY if spec == "today" else dt.date.fromisoformat(spec)


def _plain_text(s: str) -> bool:
    """No character the input rule removes or refuses (controls, lone surrogates): such text is
    not a valid answer as typed (tests/hostile has those)."""
    from assistant.usertext import BadText, clean

    try:
        return clean(s)[1] == 0
    except BadText:
        return False


def valid_answer(step: QuestionStep):
    v = step.validation
    kind = step.type
    if kind in (T.text, T.longtext):
        if v.pattern:
            plain = st.characters(exclude_categories=("Cc", "Cs", "Cn"))  # what the input rule keeps
            return st.from_regex(v.pattern, fullmatch=True, alphabet=plain).filter(lambda s: s.strip() == s and s and _plain_text(s))
        lo = max(1, v.min_length or 1)
        hi = min(v.max_length or 200, max(lo, 60))
        return st.text(TEXT_ALPHABET, min_size=lo, max_size=hi).map(lambda s: " ".join(s.split())).filter(
            lambda s: lo <= len(s) <= (v.max_length or 10**9))
    if kind is T.choice:
        return st.sampled_from([c.code for c in step.choices])
    if kind is T.multichoice:
        codes = [c.code for c in step.choices]
        lo = max(1, v.min_length or 1)
        hi = min(len(codes), v.max_length or len(codes))
        return st.lists(st.sampled_from(codes), min_size=lo, max_size=hi, unique=True)
    if kind is T.yesno:
        return st.booleans()
    if kind in (T.integer, T.money):
        lo = int(v.min) if v.min is not None else 0
        hi = int(v.max) if v.max is not None else 1_000_000
        return st.integers(min_value=lo, max_value=hi)
    if kind is T.date:
        return st.dates(min_value=_bound(v.min_date, dt.date(2000, 1, 1)),
                        max_value=_bound(v.max_date, dt.date(2035, 12, 31))).map(lambda d: d.isoformat())
    if kind is T.people:
        roles = [r.code for r in step.roles] or ["chair", "member", "deputy"]
        others = [r for r in roles if r != "chair"] or roles
        lo = max(1, v.min_length or 1)
        hi = min(v.max_length or 6, max(lo, 6))
        names = st.text(st.characters(whitelist_categories=("L",)), min_size=1, max_size=12)

        def build(ns):
            people = [{"name": n, "role": others[i % len(others)]} for i, n in enumerate(ns)]
            if "chair" in roles:
                people[0]["role"] = "chair"
            return people

        return st.lists(names, min_size=lo, max_size=hi).map(build)
    if kind is T.orgnr:
        return st.sampled_from(ORGNRS)
    if kind is T.account:
        return st.sampled_from(ACCOUNTS)
    if kind is T.email:
        return st.sampled_from(["leder@forening.no", "a.b@example.org"])
    if kind is T.phone:
        return st.sampled_from(["+47 912 34 567", "91234567"])
    raise AssertionError(kind)


def any_answer():
    return st.one_of(st.text(max_size=8), st.integers(-5, 5), st.just(""), st.just("x" * 5000),
                     st.lists(st.text(max_size=3), max_size=2), st.booleans())
