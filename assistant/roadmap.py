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


def shared_keys(content: Content) -> set[str]:
    """Profile keys that more than one flow asks (the organisation's name, the year, ...)."""
    seen: set[str] = set()
    shared: set[str] = set()
    for flow in content.flows.values():
        keys = {q.key for q in flow.questions()}
        shared |= keys & seen
        seen |= keys
    return shared


def flow_status(content: Content, flow_id: str, answers: Mapping[str, Any], seen,
                shared: set[str] | None = None) -> FlowStatus:
    """A flow is started when a step of it was passed, or a question only it asks is answered:
    an answer another flow gave (the name, the notice in the bylaws) does not start it."""
    flow = content.flows[flow_id]
    engine = Engine(flow)
    state = State(answers=dict(answers), seen=frozenset(seen or ()))
    finished = engine.finished(state)
    shared = shared_keys(content) if shared is None else shared
    started = bool(seen) or any(engine.valid_stored(q, state.answers) for q in flow.questions()
                                if q.key not in shared)
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
    shared = shared_keys(content)
    for stage in content.roadmap:
        flows = tuple(flow_status(content, f, answers, flow_seen.get(f, ()), shared)
                      for f in stage_flows(content, stage))
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
