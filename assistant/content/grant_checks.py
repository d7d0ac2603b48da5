"""Load-time checks of the grant schemes: sources and dates, rule conditions over known keys,
form sections, rounds, the scheme choice of the grant flows, and the texts file."""

from __future__ import annotations

import datetime as _dt

from assistant.content.grants import DERIVED_KEYS, TEXTS_FILE, texts_of
from assistant.content.loader import Content, Problem, rel
from assistant.content.models import Source
from assistant.engine import conditions


# Messages the code uses: every one must be in the texts file.
REQUIRED_TEXTS = (
    "status_now", "status_not_yet", "status_not_for_you", "heading", "heading_no_name", "deadline",
    "amounts", "period", "check_page", "next_step", "journey", "answer_question", "looks_for",
    "fields", "field_limit", "field_no_limit", "attachments", "budget_mismatch", "budget_no_costs",
    "budget_line", "budget_covered", "amount_below_min", "amount_above_max", "period_order",
    "period_year", "period_months", "plan_date_outside", "section_too_long", "section_empty",
    "no_scheme", "no_sections", "report_differs", "invalid_answer", "no_session", "budget_costs",
    "budget_own", "budget_other", "budget_left", "check_municipality", "officer_none",
    "hint_no_number", "hint_hope", "hint_short", "hint_short_limit", "hint_summary_amount",
    "status_later", "date_with_page", "when_open", "when_open_today", "when_upcoming",
    "when_closed_next_exact", "when_closed_next", "when_closed", "when_unconfirmed", "when_passed",
    "when_open_not_yet", "when_rolling",
    "when_source", "when_last", "bylaws_risk",
)


def _check_source(file: str, place: str, src: Source | None, today: _dt.date) -> list[Problem]:
    if src is None:
        return [Problem(file, place, "needs a source with title, url and checked date")]
    if src.checked > today:
        return [Problem(file, place, f"checked date {src.checked} is in the future")]
    if src.page_date is not None and src.page_date > src.checked:
        return [Problem(file, place, f"page date {src.page_date} is after the checked date {src.checked}")]
    return []


def check_grants(content: Content) -> list[Problem]:
    problems: list[Problem] = []
    known = dict(content.known_keys())
    known.update(DERIVED_KEYS)
    today = _dt.date.today()
    for scheme in sorted(content.grants.values(), key=lambda s: s.id):
        file = rel(content.grant_files[scheme.id], content.root)
        # every amount, deadline and rule that is a fact carries its source and checked date
        problems += _check_source(file, "deadline", scheme.deadline.source, today)
        problems += _check_source(file, "amounts", scheme.amounts.source, today)
        if scheme.period:
            problems += _check_source(file, "period", scheme.period.source, today)
        if scheme.reporting:
            problems += _check_source(file, "reporting", scheme.reporting.source, today)
        for i, src in enumerate(scheme.sources):
            problems += _check_source(file, f"sources[{i}]", src, today)
        lo, hi = scheme.min_amount, scheme.max_amount
        if lo is not None and hi is not None and lo > hi:
            problems.append(Problem(file, "amounts", f"min {lo} is larger than max {hi}"))
        for rule in scheme.rules:
            place = f"rule {rule.id}"
            try:
                cond = conditions.parse(rule.when)
            except conditions.ConditionError as exc:
                problems.append(Problem(file, place, f"when: {exc}"))
                continue
            for name in sorted(cond.names - set(known)):
                problems.append(Problem(file, place, f"unknown profile key {name!r} in condition {rule.when!r}"))
            for flow_id in rule.flows:
                if flow_id not in content.flows:
                    problems.append(Problem(file, place, f"flow {flow_id!r} does not exist"))
            if rule.source is not None:
                problems += _check_source(file, place, rule.source, today)
        for risk in scheme.risks:
            try:
                cond = conditions.parse(risk.when)
            except conditions.ConditionError as exc:
                problems.append(Problem(file, f"risk {risk.id}", f"when: {exc}"))
                continue
            for name in sorted(cond.names - set(known)):
                problems.append(Problem(file, f"risk {risk.id}", f"unknown profile key {name!r} in condition {risk.when!r}"))
        for sec in scheme.sections:
            for key in sec.keys:
                if key not in known:
                    problems.append(Problem(file, f"section {sec.id}", f"no question fills {key!r}"))
        for i, r in enumerate(scheme.rounds):
            problems += _check_source(file, f"rounds[{i}]", r.source, today)
        if scheme.yearly:
            problems += _check_source(file, "yearly", scheme.yearly.source, today)
        if scheme.kind in ("project", "activity") and not scheme.sections:
            problems.append(Problem(file, "sections", "a project or activity grant needs the sections "
                                    "of its application form"))
    # the scheme choice of the grant flows offers exactly the schemes that have sections
    with_sections = {s.id for s in content.grants.values() if s.has_sections}
    for flow in content.sorted_flows():
        for q in flow.questions():
            if q.key == "grant.scheme":
                codes = {c.code for c in q.choices}
                file = rel(content.flow_files[flow.id], content.root)
                for missing in sorted(with_sections - codes):
                    problems.append(Problem(file, f"step {q.id}", f"grant scheme {missing!r} is not a choice"))
                for extra in sorted(codes - with_sections):
                    problems.append(Problem(file, f"step {q.id}",
                                            f"choice {extra!r} is not a grant scheme with sections"))
    if content.grants or (content.root / "grants").is_dir():
        have = texts_of(content.root)
        for msg_id in REQUIRED_TEXTS:
            if msg_id not in have:
                problems.append(Problem(f"{rel(content.root / 'grants', content.root)}/{TEXTS_FILE}",
                                        f"messages.{msg_id}", "missing text"))
    return problems



