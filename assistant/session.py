"""One organisation working through one flow: the engine bound to the store.

Front ends (terminal UI, plain line mode, scripted run) talk to a :class:`Conversation`, never to
the store directly. :meth:`Conversation.submit` saves the answer, in its own committed
transaction, before it returns, so the next question is never shown before the answer is safe.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any
from collections.abc import Iterable

from assistant.content.loader import Content
from assistant.content.models import DocumentSpec, DocumentStep, Flow, InfoStep, QuestionStep, Step
from assistant.engine import Engine, Progress, ReviewItem, State
from assistant.papertrail import name_questions, out_of_date, used_answers
from assistant.profile import follow_ups
from assistant.render import DEFAULT_FORMATS, DocumentRefused, Rendered, render_markdown, write_document
from assistant.store import Store

NEEDS_TRANSLATION = "meta.needs_translation"


class Conversation:
    def __init__(self, store: Store, session_id: int, content: Content, flow_id: str,
                 today: dt.date | None = None):
        self.store = store
        self.session_id = session_id
        self.content = content
        self.flow: Flow = content.flows[flow_id]
        self.engine = Engine(self.flow, today=today)
        self.today = today
        self.notice: Any = None  # an Invalid-like message after submit (control characters removed)
        self.opened: str | None = None  # a flow opened again by the step just passed (front ends go there)
        seen, focus, mode = store.flow_state(session_id, flow_id)
        self.state = State(answers=store.answers(session_id), seen=frozenset(seen), focus=focus, mode=mode)
        if store.session(session_id).current_flow != flow_id:  # a read, not a write, per page view
            store.set_current_flow(session_id, flow_id)

    # --- what to show ------------------------------------------------------------------
    @property
    def current(self) -> Step | None:
        return self.engine.current(self.state)

    @property
    def finished(self) -> bool:
        return self.current is None

    def progress(self) -> Progress:
        return self.engine.progress(self.state)

    def review(self) -> list[ReviewItem]:
        return self.engine.review(self.state)

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self.state.answers)

    # --- moving ------------------------------------------------------------------------
    def submit(self, raw: Any, **words: Iterable[str]) -> tuple[str, Any]:
        """Validate and save an answer to the current question; raises Invalid (nothing saved)."""
        from assistant.engine.validate import REMOVED, Invalid, clean_raw

        _cleaned, removed = clean_raw(raw)
        new_state, key, value = self.engine.answer(self.state, raw, **words)
        # What the front end tells the user, in their language, after "saved" (None: nothing).
        self.notice = Invalid(REMOVED, count=removed) if removed else None
        self.store.save_answer(self.session_id, key, value)  # committed before we move on
        extra = follow_ups(self.state.answers, key, value)  # e.g. the new board becomes the board
        for other, other_value in extra.items():
            self.store.save_answer(self.session_id, other, other_value)
        if extra:
            new_state = replace(new_state, answers={**new_state.answers, **extra})
        self._set(new_state)
        if key in self.needs_translation():  # a new answer: the user decides again
            self.mark_for_translation(key, marked=False)
        return key, value

    def needs_translation(self) -> list[str]:
        return list(self.state.answers.get(NEEDS_TRANSLATION) or [])

    def mark_for_translation(self, key: str, marked: bool = True) -> None:
        """Note (and save) that the answer to ``key`` should be translated into Norwegian."""
        keys = [k for k in self.needs_translation() if k != key] + ([key] if marked else [])
        self.store.save_answer(self.session_id, NEEDS_TRANSLATION, keys)
        answers = dict(self.state.answers)
        answers[NEEDS_TRANSLATION] = keys
        self.state = replace(self.state, answers=answers)

    def acknowledge(self) -> None:
        step = self.current
        self._set(self.engine.acknowledge(self.state))
        spec = step.reopens if isinstance(step, InfoStep) else None
        if spec is not None and spec.flow in self.content.flows:
            self.opened = self.reopen(spec.flow, spec.at)

    def reopen(self, flow_id: str, at: str | None = None) -> str:
        """Open ``flow_id`` again with every answer kept (saved before it returns): the user walks
        through its answers one by one from step ``at`` (or its first question), keeping each with
        Enter or changing it, and the info, review and document steps after its last question
        come again. It becomes the organisation's current flow."""
        from assistant.engine import Engine

        flow = self.content.flows[flow_id]
        engine = Engine(flow, today=self.today)
        seen = frozenset(self.store.flow_state(self.session_id, flow_id)[0])
        path = engine.projected(State(answers=self.state.answers, seen=seen))
        last = max((i for i, s in enumerate(path) if isinstance(s, QuestionStep)), default=-1)
        before = {s.id for s in path[:last] if not isinstance(s, QuestionStep)}  # walked through again
        again = {s.id for s in path[last + 1:] if not isinstance(s, QuestionStep)}
        ids = [s.id for s in path]
        start = at if at in ids else next((s.id for s in path if isinstance(s, QuestionStep)), None)
        self.store.save_flow_state(self.session_id, flow_id, (seen | before) - again, start,
                                   "back" if start else None)
        self.store.set_current_flow(self.session_id, flow_id)
        return flow_id

    # --- beside a question: the flow's notes, a suggested answer ---------------------------
    def notes(self, step: Step | None = None) -> list[str]:
        """The flow's notes beside ``step`` (default: the current step), as written: those about
        its question's answer, and at the steps the flow names, those about the whole. Shown on
        screen only; no document reads them."""
        from assistant.i18n.content import NOTES

        step = step or self.current
        spec = self.flow.notes
        if step is None or spec is None or spec.source not in NOTES:
            return []
        if spec.when and not self.engine.holds(spec.when, self.state.answers):
            return []
        by_key, whole = NOTES[spec.source](self.content, self.state.answers)
        out = list(by_key.get(step.key, [])) if isinstance(step, QuestionStep) else []
        return out + (list(whole) if step.id in spec.general else [])

    def suggestion(self, step: Step | None = None) -> Any:
        """The answer the question offers from what is known (a Suggestion with ``value`` and
        ``explain(translator)``), while the question has no answer yet; else None. Never saved
        until the user confirms it."""
        from assistant.i18n.content import SUGGESTIONS

        step = step or self.current
        if not isinstance(step, QuestionStep) or not step.suggest or step.key in self.state.answers:
            return None
        fn = SUGGESTIONS.get(step.suggest)
        return fn(self.content, self.state.answers, self.today) if fn else None

    def back(self) -> None:
        self._set(self.engine.back(self.state))

    def edit(self, key_or_step: str) -> None:
        self._set(self.engine.edit(self.state, key_or_step))

    def cancel_edit(self) -> None:
        self._set(self.engine.cancel_focus(self.state))

    def _set(self, state: State) -> None:
        changed = (state.seen, state.focus, state.mode) != (self.state.seen, self.state.focus, self.state.mode)
        self.state = state
        if changed:
            self.store.save_flow_state(self.session_id, self.flow.id, state.seen, state.focus, state.mode)

    # --- documents ---------------------------------------------------------------------
    def render(self, step: DocumentStep | None = None) -> list[Rendered]:
        step = step or self.current  # type: ignore[assignment]
        if not isinstance(step, DocumentStep):
            raise TypeError("the current step is not a document step")
        try:
            return [render_markdown(self.content, spec, self.state.answers, self.today) for spec in step.documents]
        except DocumentRefused as exc:  # named by the questions the user answered, never by key
            name_questions(exc.problems, self.content, self.flow.id)
            raise

    def document_problems(self, spec: DocumentSpec) -> list:
        """What stops ``spec`` from being written now, each place named by its question."""
        from assistant.render import document_problems

        found = document_problems(self.content, spec, self.state.answers, self.today)
        return name_questions(found, self.content, self.flow.id)

    def write_documents(self, out_dir: Path, formats: tuple[str, ...] = DEFAULT_FORMATS,
                        step: DocumentStep | None = None, **options: Any) -> list[Path]:
        written: list[Path] = []
        for doc in self.render(step):
            written.extend(write_document(doc, out_dir, formats, **options))
            self.store.record_document(self.session_id, doc.spec.filename, self.flow.id,
                                       used_answers(self.content, doc.spec.template, self.state.answers))
        return written

    # --- a coordinator's comments (never part of a document) --------------------------
    def comments(self, target: str | None = None, open_only: bool = False) -> list:
        """Comments on ``answer:<key>`` or ``section:<scheme>/<section>`` (all when None)."""
        from assistant.store.comments import Comments

        return Comments(self.store).list(self.session_id, target, open_only)

    def add_comment(self, target: str, author: str, text: str) -> int:
        from assistant.store.comments import Comments

        return Comments(self.store).add(self.session_id, target, author, text)

    def mark_comment_done(self, comment_id: int, done: bool = True) -> None:
        from assistant.store.comments import Comments

        Comments(self.store).mark_done(comment_id, done)

    def out_of_date(self) -> list[str]:
        """Documents written earlier from answers that have changed since (file names)."""
        return out_of_date(self.store.documents(self.session_id), self.state.answers)



def start_organisation(store: Store, content: Content, name: str, locale: str) -> int:
    """A new organisation from the name the user gave at the start: the name is also the first
    answer (``org.name``), so no flow asks for it again. A name the question would refuse (too
    long, say) is only the organisation's label; the question then asks for it."""
    from assistant.engine.validate import Invalid, normalise

    session_id = store.create_session(name, locale)
    question = content.questions_by_key().get("org.name")
    if question is not None:
        try:
            value = normalise(question, store.session(session_id).name)
        except Invalid:
            return session_id
        if value:
            store.save_answer(session_id, "org.name", value)
    return session_id
