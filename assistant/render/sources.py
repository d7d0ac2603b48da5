"""The sources of a document, one line per page: the facts its flow cites, grouped by address,
with the latest date Veiviser checked the page and the page's own date when it shows one (two
different dates, never mixed up). Registered as the template variable ``registration_sources``
(the registration checklist's "Kilder")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from assistant.content.loader import Content
from assistant.render.templates import CONTEXT_PROVIDERS


def flow_sources(content: Content, flow_ids: Iterable[str],
                 answers: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Every page the flows' facts cite, in order of first use: title, url, checked (the latest
    check of that address by any fact in the content), page_date (from the latest check that saw one) and english (an
    English page: the address has /en/). With ``answers``, only the steps whose condition holds."""
    from assistant.engine import conditions

    latest: dict[str, dt.date] = {}  # the latest check of each address, by any fact
    for each in content.facts.values():
        if each.source is not None:
            latest[each.source.url] = max(latest.get(each.source.url, each.source.checked), each.source.checked)
    pages: dict[str, dict[str, Any]] = {}
    for flow_id in flow_ids:
        flow = content.flows.get(flow_id)
        for step in flow.steps if flow else ():
            if answers is not None and step.when and not conditions.parse(step.when)(answers):
                continue
            for fid in getattr(step, "facts", ()) or ():
                fact = content.facts.get(fid)
                if fact is None or fact.source is None:
                    continue
                src = fact.source
                page = pages.setdefault(src.url, {"title": src.title, "url": src.url, "checked": src.checked,
                                                  "page_date": None, "seen": dt.date.min,
                                                  "english": "/en/" in src.url})
                page["checked"] = latest[src.url]
                if src.page_date is not None and src.checked >= page["seen"]:
                    page["page_date"], page["seen"] = src.page_date, src.checked
    return [{k: v for k, v in p.items() if k != "seen"} for p in pages.values()]


def _provide(content: Content, answers: Mapping[str, Any], today: dt.date | None) -> list[dict[str, Any]]:
    return flow_sources(content, ["registration"], answers)


CONTEXT_PROVIDERS["registration_sources"] = _provide
