"""The rule-based dialogue engine. Pure: no I/O, no UI, deterministic.

The path through a flow is computed from the answers every time (docassemble's idea: what is
asked next follows from what is known). A step is *done* when its key holds a valid answer
(questions) or when it was acknowledged (info, review, document). The current step is the first
step on the path that is not done, unless the user went *back* or chose to *edit* an answer, in
which case it is the focused step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any
from collections.abc import Iterable

from assistant.content.models import Flow, QuestionStep, Step
from assistant.engine import conditions
from assistant.engine.validate import Invalid, normalise
from assistant.errors import VeiviserError

END = "end"


class FlowError(VeiviserError, RuntimeError):
    """The flow cannot be walked (a loop at run time). Load-time checks should prevent it."""

    translated = True


@dataclass(frozen=True)
class State:
    """Everything the engine needs to know about one organisation in one flow."""

    answers: dict[str, Any] = field(default_factory=dict)  # the whole profile (all flows)
    seen: frozenset[str] = frozenset()  # acknowledged info/review/document steps of this flow
    focus: str | None = None  # step revisited by back or edit
    mode: str | None = None  # "back" | "edit"


@dataclass(frozen=True)
class Progress:
    answered: int
    remaining: int

    @property
    def total(self) -> int:
        return self.answered + self.remaining

    @property
    def fraction(self) -> float:
        return self.answered / self.total if self.total else 1.0


@dataclass(frozen=True)
class ReviewItem:
    step: QuestionStep
    value: Any
    valid: bool


class Engine:
    def __init__(self, flow: Flow, today: dt.date | None = None):
        self.flow = flow
        self.today = today
        self._index = {s.id: i for i, s in enumerate(flow.steps)}
        self._conds: dict[str, conditions.Condition] = {}
        # The last walk for each ``through``: a screen asks for the path of the same state many
        # times while it draws one step. States are frozen and their answers copied on every
        # change, so the same State object always has the same path.
        self._walks: dict[bool, tuple[State, list[Step]]] = {}
        for s in flow.steps:
            for src in ([s.when] if s.when else []) + [b.when for b in s.branches]:
                self._conds[src] = conditions.parse(src)
        self._rules: list[tuple[Any, conditions.Condition]] = []
        for rule in flow.rules:
            try:
                self._rules.append((rule, conditions.parse(rule.check)))
            except conditions.ConditionError:
                continue  # reported by the content check; a broken rule never stops the dialogue

    # --- conditions and edges -------------------------------------------------------------
    def holds(self, source: str, answers: dict[str, Any]) -> bool:
        cond = self._conds.get(source) or conditions.parse(source)
        return cond(answers)

    def default_next(self, step: Step) -> str:
        if step.next:
            return step.next
        i = self._index[step.id] + 1
        return self.flow.steps[i].id if i < len(self.flow.steps) else END

    def next_id(self, step: Step, answers: dict[str, Any]) -> str:
        for b in step.branches:
            if self.holds(b.when, answers):
                return b.goto
        return self.default_next(step)

    def applies(self, step: Step, answers: dict[str, Any]) -> bool:
        return step.when is None or self.holds(step.when, answers)

    # --- done ---------------------------------------------------------------------------
    def valid_stored(self, step: QuestionStep, answers: dict[str, Any]) -> bool:
        if step.key not in answers:
            return False
        value = answers[step.key]
        try:
            normalise(step, value, today=self.today)
        except Invalid:
            return False
        return True

    def is_done(self, step: Step, state: State) -> bool:
        """A question is done when its stored answer is valid and breaks no rule across answers
        (so a stored answer that conflicts with another is asked again, with the rule's message)."""
        if isinstance(step, QuestionStep):
            return self.valid_stored(step, state.answers) and not (
                self._rules and self.broken_rules(step.key, state.answers))
        return step.id in state.seen

    # --- the path -----------------------------------------------------------------------
    def _walk(self, state: State, through: bool) -> list[Step]:
        """Steps on the path. Stops at the first step not done, or walks on to the end when
        ``through`` (to project what is left; unknown answers count as missing)."""
        last = self._walks.get(through)
        if last is not None and last[0] is state:
            return list(last[1])
        path = self._walk_now(state, through)
        self._walks[through] = (state, path)
        return list(path)

    def _walk_now(self, state: State, through: bool) -> list[Step]:
        path: list[Step] = []
        visited: set[str] = set()
        sid = self.flow.steps[0].id
        while sid != END:
            if sid in visited:
                raise FlowError(f"flow {self.flow.id}: the path comes back to step {sid!r}")
            visited.add(sid)
            step = self.flow.step(sid)
            if not self.applies(step, state.answers):
                sid = self.default_next(step)
                continue
            path.append(step)
            if not through and not self.is_done(step, state):
                break
            sid = self.next_id(step, state.answers)
        return path

    def path(self, state: State) -> list[Step]:
        """The path up to and including the frontier (the first step not done)."""
        return self._walk(state, through=False)

    def projected(self, state: State) -> list[Step]:
        """The whole path to the end as the answers stand (what review shows)."""
        return self._walk(state, through=True)

    def frontier(self, state: State) -> Step | None:
        path = self.path(state)
        if path and not self.is_done(path[-1], state):
            return path[-1]
        return None

    def current(self, state: State) -> Step | None:
        """The step to show now; None when the flow is finished."""
        if state.focus:
            if any(s.id == state.focus for s in self.projected(state)):
                return self.flow.step(state.focus)
        return self.frontier(state)

    def finished(self, state: State) -> bool:
        return self.current(state) is None

    # --- moving -------------------------------------------------------------------------
    def check(self, step: QuestionStep, raw: Any, **words: Any) -> Any:
        """Normalise an answer or raise Invalid. Does not change any state.

        An empty answer takes the question's ``default`` (the usual choice), if it has one."""
        if step.default is not None and (raw is None or (isinstance(raw, str) and not raw.strip())):
            raw = step.default
        try:
            return normalise(step, raw, today=self.today, **words)
        except Invalid as exc:
            exc.flow_id = self.flow.id
            if exc.message == step.validation.pattern_message and step.id in self._index:
                exc.context = f"{self.flow.id}/{step.id}/pattern_message"
            raise

    def _after_focus(self, state: State, answers: dict[str, Any], seen: frozenset[str]) -> State:
        """Where to go after the focused step was answered or acknowledged."""
        new = State(answers=answers, seen=seen)
        if state.mode != "back" or not state.focus:
            return new  # edit mode (or no focus): back to the frontier
        path = self.projected(new)
        ids = [s.id for s in path]
        if state.focus not in ids:
            return new
        i = ids.index(state.focus)
        frontier = self.frontier(new)
        if i + 1 < len(path) and self.is_done(path[i + 1], new) and (
                frontier is None or ids.index(frontier.id) > i + 1):
            return replace(new, focus=path[i + 1].id, mode="back")
        return new

    def broken_rules(self, key: str, answers: dict[str, Any]) -> list[Invalid]:
        """The flow's rules that name ``key``, can be checked (every key they name has an
        answer) and do not hold: one Invalid each, with the rule's message."""
        out: list[Invalid] = []
        for rule, cond in self._rules:
            if key not in cond.names:
                continue
            if any(answers.get(k) in (None, "", [], {}) for k in cond.names):
                continue  # not yet known: checked at the question that gives the last answer
            if not cond(answers):
                exc = Invalid(rule.message)
                exc.context = f"{self.flow.id}/rules/{rule.id}/message"
                out.append(exc)
        return out

    def answer(self, state: State, raw: Any, **words: Iterable[str]) -> tuple[State, str, Any]:
        """Answer the current question. Returns (new state, key, stored value); raises Invalid
        (also when the answer breaks a rule across answers).

        The caller must save (key, value) before showing the next step."""
        step = self.current(state)
        if not isinstance(step, QuestionStep):
            raise TypeError("the current step is not a question")
        value = self.check(step, raw, **words)
        answers = dict(state.answers)
        answers[step.key] = value
        broken = self.broken_rules(step.key, answers)
        if broken:
            raise broken[0]
        return self._after_focus(state, answers, state.seen), step.key, value

    def acknowledge(self, state: State) -> State:
        """Move past the current info, review or document step."""
        step = self.current(state)
        if step is None or isinstance(step, QuestionStep):
            raise TypeError("the current step is not an info, review or document step")
        return self._after_focus(state, dict(state.answers), state.seen | {step.id})

    def back(self, state: State) -> State:
        """Go back one step on the path. At the first step, nothing changes."""
        current = self.current(state)
        path = self.projected(state)
        if current is None:
            target = path[-1] if path else None
        else:
            ids = [s.id for s in path]
            i = ids.index(current.id)
            target = path[i - 1] if i > 0 else None
        if target is None:
            return state
        return replace(state, focus=target.id, mode="back")

    def edit(self, state: State, key_or_step: str) -> State:
        """Jump to an earlier question (by profile key or step id) to change it; answering it
        returns to where the user was."""
        for step in self.projected(state):  # also answers after a newly relevant question
            if step.id == key_or_step or (isinstance(step, QuestionStep) and step.key == key_or_step):
                return replace(state, focus=step.id, mode="edit")
        raise KeyError(key_or_step)

    def cancel_focus(self, state: State) -> State:
        return replace(state, focus=None, mode=None)

    # --- looking ------------------------------------------------------------------------
    def review(self, state: State) -> list[ReviewItem]:
        """All questions on the current path that have an answer, in order."""
        items = []
        for step in self.projected(state):
            if isinstance(step, QuestionStep) and step.key in state.answers:
                items.append(ReviewItem(step, state.answers[step.key], self.valid_stored(step, state.answers)))
        return items

    def progress(self, state: State) -> Progress:
        full = [s for s in self.projected(state) if isinstance(s, QuestionStep)]
        answered = sum(1 for s in full if self.valid_stored(s, state.answers))
        return Progress(answered=answered, remaining=len(full) - answered)
