"""What the grant flows show on screen, in the user's language: the finder's result, and the
chosen scheme (what the funder looks for, deadline, amounts, form fields and their limits).

Every deadline and amount is shown with its source's checked date and the advice to check the
current page: they change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from collections.abc import Mapping

from assistant.content.loader import Content
from assistant.grants.catalogue import SchemeText, say
from assistant.grants.finder import results
from assistant.i18n.content import PANELS, ContentText


def _date(value: str | dt.date, locale: str) -> str:
    from assistant.i18n import format as F

    try:
        return F.date(value, locale)
    except ValueError:
        return str(value)


def _number(n: int, locale: str) -> str:
    from assistant.i18n import format as F

    return F.number(n, locale)


def _check_page(content: Content, translator, scheme) -> str:
    """Deadlines and amounts change: where to check them, and when Veiviser last did (with the
    page's own date when it shows one)."""
    from assistant.grants.when import checked_text

    src = min((scheme.deadline.source, scheme.amounts.source), key=lambda x: x.checked)
    checked = checked_text(content, translator, src)
    if scheme.template:  # a model of a municipal scheme: the municipality's own page counts
        return say(content, translator, "check_municipality", date=checked)
    return say(content, translator, "check_page", url=scheme.url, date=checked)


def format_results(content: Content, items: list[dict[str, Any]], translator) -> str:
    """The finder's result as plain text, grouped by status."""
    ct = ContentText(translator)
    lines: list[str] = []
    for status in ("now", "later", "not_yet", "not_for_you"):
        group = [r for r in items if r["status"] == status]
        if not group:
            continue
        if lines:
            lines.append("")
        lines.append(say(content, translator, f"status_{status}"))
        for r in group:
            lines.append(f"* {r['title']} – {r['funder']}")
            if r.get("local"):
                lines.append(f"    {r['local']}")
            for reason in r["reasons"]:
                lines.append(f"    - {reason}")
            offered: list[str] = []
            for m in r["missing"]:
                if m["step"] not in r["reasons"]:
                    lines.append("    " + say(content, translator, "next_step", step=m["step"]))
                offered += [f for f in m["flows"] if f not in offered]  # each journey once
            # the journeys after all the steps, so none reads as belonging to the step above it
            for flow_id in offered:
                flow = content.flows[flow_id]
                lines.append("      " + say(content, translator, "journey", flow=ct.flow_title(flow)))
            for warning in r.get("warnings", ()):
                lines.append(f"    ! {warning}")
            if status != "not_for_you":
                if r.get("when"):
                    lines.append("    " + r["when"])
                lines.append("    " + say(content, translator, "deadline", deadline=r["deadline"]))
                for note in r["notes"]:
                    lines.append(f"    ! {note}")
                lines.append("    " + _check_page(content, translator, content.grants[r["id"]]))
    return "\n".join(lines)


def finder_panel(content: Content, answers: Mapping[str, Any], translator, today=None) -> str:
    from assistant.local import grant_help_text

    text = format_results(content, results(content, answers, translator, today), translator)
    local = grant_help_text(content, answers, translator, today)  # the person to call, from a pack
    return text + "\n\n" + local if local else text


def scheme_panel(content: Content, answers: Mapping[str, Any], translator, today=None) -> str:
    """The chosen scheme: what the funder wants, and the form's fields with their limits."""
    scheme = content.grants.get(str(answers.get("grant.scheme") or ""))
    if scheme is None:
        return ""
    st = SchemeText(translator)
    s = lambda msg, **kw: say(content, translator, msg, **kw)  # noqa: E731
    out = [f"{st.title(scheme)} – {scheme.funder_for(answers)}", st.summary(scheme), ""]
    from assistant.local import grant_help_text, scheme_label

    if scheme_label(content, translator, scheme.id):  # from a municipality's pack
        out[1:1] = [scheme_label(content, translator, scheme.id)]
    if scheme.looks_for:
        out.append(s("looks_for"))
        out += [f"  - {x}" for x in st.looks_for(scheme)]
        out.append("")
    out.append(s("fields"))
    for n, sec in enumerate(scheme.sections, start=1):
        limit = (s("field_limit", limit=_number(sec.limit, translator.locale)) if sec.limit
                 else s("field_no_limit"))
        out.append(f"  {n}. {sec.nb} ({limit})")
        tip = st.tip(scheme, sec)
        if tip:
            out.append(f"     {tip}")
    if scheme.attachments:
        out.append("")
        out.append(s("attachments"))
        norwegian = translator.locale.split("_")[0] in ("nb", "nn", "no")
        out += [f"  - {a.nb}" if norwegian or name == a.nb else f"  - {name} ({a.nb})"
                for name, a in zip(st.attachments(scheme), scheme.attachments)]
    out.append("")
    from assistant.grants.timing import timing
    from assistant.grants.when import source_line, when_text

    t = timing(scheme, today or dt.date.today())
    when = when_text(content, translator, scheme, t)
    if when:
        out.append(when)
        if t.source is not None:
            out.append(source_line(content, translator, t))
    out.append(s("deadline", deadline=st.deadline(scheme)))
    out.append(s("amounts", amounts=st.amounts(scheme)))
    if scheme.period:
        out.append(s("period", period=st.period(scheme)))
    for note in st.notes(scheme):
        out.append(f"! {note}")
    out.append(_check_page(content, translator, scheme))
    local = grant_help_text(content, answers, translator, today)
    if local:
        out += ["", local]
    return "\n".join(out)


def budget_panel(content: Content, answers: Mapping[str, Any], translator, today=None) -> str:
    """The budget so far: costs, own money, other funding, and what is left to apply for."""
    from assistant.grants import budget as B
    from assistant.grants.documents import GrantProblem
    from assistant.i18n.format import nok

    loc = translator.locale
    b, issues = B.budget_from_answers(answers)
    s = lambda msg, **kw: say(content, translator, msg, **kw)  # noqa: E731
    out = [f"  {x.item}: {nok(x.amount, loc)}" for x in b.costs]
    out.append(s("budget_costs", amount=nok(b.total_costs, loc)))
    out.append(s("budget_own", amount=nok(b.own, loc)))
    out += [f"  {x.item}: {nok(x.amount, loc)}" for x in b.other]
    out.append(s("budget_other", amount=nok(b.other_total, loc)))
    out.append(s("budget_left", amount=nok(b.expected, loc)))
    scheme = content.grants.get(str(answers.get("grant.scheme") or ""))
    if scheme is not None:  # say now if what is left is outside the scheme's limits
        issues += B.check_budget(B.Budget(b.costs, b.own, b.other, b.expected),
                                 scheme.min_amount, scheme.max_amount)
    out += ["! " + GrantProblem(content, i).translate(translator) for i in issues]
    return "\n".join(out)


def officer_panel(content: Content, answers: Mapping[str, Any], translator, today=None) -> str:
    """The answers read as a grant officer would: what makes this application weaker."""
    from assistant.grants.documents import GrantProblem, officer_hints

    scheme = content.grants.get(str(answers.get("grant.scheme") or ""))
    hints = [GrantProblem(content, i).translate(translator) for i in officer_hints(scheme, answers)]
    if not hints:
        return say(content, translator, "officer_none")
    return "\n".join(f"  {n}. {h}" for n, h in enumerate(hints, start=1))


PANELS["grants.finder"] = finder_panel
PANELS["grants.officer"] = officer_panel
PANELS["grants.budget"] = budget_panel
PANELS["grants.scheme"] = scheme_panel
