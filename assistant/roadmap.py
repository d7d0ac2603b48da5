"""The organisation's journey: which stages are done, which is next. Pure; no I/O.

Stages are content (``content/roadmap.toml``). A stage is done when its ``done`` condition holds
on the profile, or when every flow it has is finished (the flows it lists, and the flows whose
``roadmap`` field names it). The first stage not done is "next".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from collections.abc import Mapping

from assistant.content.loader import Content
from assistant.content.models import Stage
from assistant.engine import Engine, Progress, State, conditions


@dataclass(frozen=True)
class FlowStatus:
    flow_id: str
    finished: bool
    started: bool
    progress: Progress


@dataclass(frozen=True)
class StageStatus:
    stage: Stage
    state: str  # "done" | "next" | "todo"
    flows: tuple[FlowStatus, ...]


def flow_status(content: Content, flow_id: str, answers: Mapping[str, Any], seen) -> FlowStatus:
    flow = content.flows[flow_id]
    engine = Engine(flow)
    state = State(answers=dict(answers), seen=frozenset(seen or ()))
    finished = engine.finished(state)
    started = bool(seen) or any(engine.valid_stored(q, state.answers) for q in flow.questions())
    return FlowStatus(flow_id, finished, started, engine.progress(state))


def stage_flows(content: Content, stage: Stage) -> list[str]:
    """The stage's own flows, then every flow whose ``roadmap`` names the stage."""
    ids = [f for f in stage.flows if f in content.flows]
    ids += [f.id for f in content.sorted_flows() if f.roadmap == stage.id and f.id not in ids]
    return ids


def status(content: Content, answers: Mapping[str, Any], flow_seen: Mapping[str, Any]) -> list[StageStatus]:
    """Every stage with its state, in order. ``flow_seen`` is flow id -> acknowledged step ids."""
    out: list[StageStatus] = []
    found_next = False
    for stage in content.roadmap:
        flows = tuple(flow_status(content, f, answers, flow_seen.get(f, ())) for f in stage_flows(content, stage))
        done = bool(stage.done) and conditions.parse(stage.done)(answers)
        if not done and flows and not stage.done:
            done = all(f.finished for f in flows)
        if done:
            state = "done"
        elif not found_next:
            state, found_next = "next", True
        else:
            state = "todo"
        out.append(StageStatus(stage, state, flows))
    return out
