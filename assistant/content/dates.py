"""How old our facts are: a time-sensitive fact (a deadline, an amount, a form step, every
grant scheme's rounds, rules and amounts) must have been checked against its page within the
last 12 months. ``veiviser check`` reports every one that was not, with the date it was
checked; the loader does not, so an old fact never stops Veiviser from starting.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from assistant.content.loader import Content, Problem, rel
from assistant.content.models import Source

MAX_AGE_DAYS = 365


def _scheme_sources(scheme) -> Iterator[tuple[str, Source]]:
    yield "deadline", scheme.deadline.source
    yield "amounts", scheme.amounts.source
    if scheme.period:
        yield "period", scheme.period.source
    if scheme.reporting:
        yield "reporting", scheme.reporting.source
    if scheme.rolling:
        yield "rolling", scheme.rolling.source
    if scheme.yearly:
        yield "yearly", scheme.yearly.source
    for i, r in enumerate(scheme.rounds):
        yield f"rounds[{i}]", r.source
    for rule in scheme.rules:
        if rule.source is not None:
            yield f"rule {rule.id}", rule.source
    for i, src in enumerate(scheme.sources):
        yield f"sources[{i}]", src


def stale(src: Source, today: _dt.date) -> bool:
    return (today - src.checked).days > MAX_AGE_DAYS


def check_fact_dates(content: Content, today: _dt.date | None = None) -> list[Problem]:
    """Every time-sensitive fact and every grant source checked more than 12 months before
    ``today``."""
    today = today or _dt.date.today()
    problems: list[Problem] = []

    def old(file: str, place: str, src: Source) -> None:
        if stale(src, today):
            problems.append(Problem(file, place, f"checked {src.checked}, more than 12 months before "
                                    f"{today}: read {src.url} again and update the checked date"))

    for fact in sorted(content.facts.values(), key=lambda f: f.id):
        if fact.time_sensitive:
            old(content.fact_files.get(fact.id, "content/facts"), f"fact {fact.id}", fact.source)
    for scheme in sorted(content.grants.values(), key=lambda s: s.id):
        file = rel(content.grant_files[scheme.id], content.root)
        for place, src in _scheme_sources(scheme):
            old(file, place, src)
    return problems
