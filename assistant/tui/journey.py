"""The organisation's journey (the roadmap): stages, the flows in them, and what is done.

Stages come from the flows' ``roadmap`` field and order; the stages below are the usual journey
and are always shown, so a user sees the whole road even where Veiviser has no guide yet. Flows
with an unknown stage get their own stage after these, in flow order. Pure: no Textual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from assistant.content.loader import Content
from assistant.content.models import Flow
from assistant.engine import Engine, Progress, State
from assistant.i18n import N_

STAGES: tuple[tuple[str, str], ...] = (
    ("found", N_("Found the organisation")),
    ("bylaws", N_("Bylaws (vedtekter)")),
    ("enhetsregisteret", N_("Enhetsregisteret: get an organisation number")),
    ("frivillighetsregisteret", N_("Frivillighetsregisteret")),
    ("bank", N_("Bank account")),
    ("grants", N_("Grants")),
    ("report", N_("Report on a grant")),
)

# Other names content may use for the same stages.
ALIASES = {
    "founding": "found", "foundation": "found", "start": "found",
    "vedtekter": "bylaws",
    "registration": "enhetsregisteret", "register": "enhetsregisteret", "brreg": "enhetsregisteret",
    "enhetsregister": "enhetsregisteret", "orgnr": "enhetsregisteret",
    "frivillighet": "frivillighetsregisteret", "frivillighetsregister": "frivillighetsregisteret",
    "voluntary_register": "frivillighetsregisteret",
    "bank_account": "bank", "account": "bank",
    "grant": "grants", "funding": "grants", "application": "grants",
    "reporting": "report", "reports": "report",
}

OTHER = "other"


def stage_code(flow: Flow) -> str:
    code = (flow.roadmap or OTHER).strip().lower()
    return ALIASES.get(code, code)


@dataclass(frozen=True)
class FlowStatus:
    flow: Flow
    status: str  # "new" | "started" | "done"
    progress: Progress


@dataclass
class Stage:
    code: str
    label: str | None  # msgid for known stages; None: use the first flow's title
    flows: list[FlowStatus] = field(default_factory=list)
    status: str = "empty"  # "empty" (no guide yet) | "todo" | "started" | "done"
    next: bool = False  # the first stage that is not done


def flow_status(flow: Flow, answers: dict[str, Any], seen: list[str] | frozenset[str],
                today: dt.date | None = None) -> FlowStatus:
    engine = Engine(flow, today=today)
    state = State(answers=answers, seen=frozenset(seen))
    progress = engine.progress(state)
    if engine.finished(state):
        status = "done"
    elif seen or any(q.key in answers for q in flow.questions()):
        status = "started"
    else:
        status = "new"
    return FlowStatus(flow, status, progress)


def journey(content: Content, answers: dict[str, Any], states: dict[str, list[str]],
            today: dt.date | None = None) -> list[Stage]:
    stages = {code: Stage(code, label) for code, label in STAGES}
    for flow in content.sorted_flows():
        code = stage_code(flow)
        if code not in stages:
            stages[code] = Stage(code, None)
        stages[code].flows.append(flow_status(flow, answers, states.get(flow.id, []), today))
    found_next = False
    for stage in stages.values():
        if not stage.flows:
            continue
        statuses = {f.status for f in stage.flows}
        if statuses == {"done"}:
            stage.status = "done"
        elif statuses & {"done", "started"}:
            stage.status = "started"
        else:
            stage.status = "todo"
        if stage.status != "done" and not found_next:
            stage.next = found_next = True
    return list(stages.values())


def next_flow(stages: list[Stage]) -> Flow | None:
    """The flow to suggest: the first one not done in the first stage not done."""
    for stage in stages:
        if stage.next:
            for f in stage.flows:
                if f.status != "done":
                    return f.flow
    return None
