"""``veiviser run``: walk a flow non-interactively with answers from a JSON or TOML file."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.content.loader import Content
from assistant.content.models import DocumentStep, QuestionStep, QuestionType
from assistant.engine import Engine, State
from assistant.engine.validate import Invalid, clean_raw
from assistant.errors import EXIT_USAGE, VeiviserError
from assistant.i18n import N_, Translator
from assistant.i18n.content import ContentText
from assistant.profile import flatten, follow_ups
from assistant.render import DEFAULT_FORMATS, DocumentRefused, Rendered, render_markdown, write_document


class AnswersError(VeiviserError):
    """A problem with the answers file, already in the user's language."""

    translated = True
    exit_code = EXIT_USAGE


@dataclass
class RunResult:
    written: list[Path]
    answers: dict[str, Any]
    unused: list[str]
    cleaned: dict[str, int] = field(default_factory=dict)  # key -> control characters removed


def load_answers(path: Path, known: set[str], t: Translator) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise AnswersError(t.format(N_("Cannot read the answers file {file}: {reason}"),
                                    file=str(path), reason=exc.strerror or str(exc))) from None
    try:
        if path.suffix.lower() == ".toml":
            data = tomllib.loads(raw.decode("utf-8"))
        else:
            data = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise AnswersError(t.format(N_("The answers file {file} cannot be read: {reason}"),
                                    file=str(path), reason=str(exc))) from None
    if not isinstance(data, dict):
        raise AnswersError(t.format(N_("The answers file {file} must hold a table of profile keys."),
                                    file=str(path)))
    flat = flatten(data, known=known)
    return {k: (v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v) for k, v in flat.items()}


def run_flow(content: Content, flow_id: str, answers: dict[str, Any], t: Translator, out_dir: Path,
             formats: tuple[str, ...] = DEFAULT_FORMATS, today: dt.date | None = None,
             **options: Any) -> RunResult:
    """Answer every question on the path from ``answers``; write the flow's documents.

    Raises AnswersError naming the first missing or invalid key and why."""
    flow = content.flows[flow_id]
    engine = Engine(flow, today=today)
    ct = ContentText(t)
    questions = content.questions_by_key()
    questions.update({q.key: q for q in flow.questions()})
    owner = {q.key: f.id for f in content.sorted_flows() for q in reversed(f.questions())}
    owner.update({q.key: flow.id for q in flow.questions()})

    def reason(q: QuestionStep, exc: Invalid) -> str:
        """Why the file's value is wrong; for a choice, every valid code with its meaning."""
        text = exc.translate(t)
        if q.type in (QuestionType.choice, QuestionType.multichoice):
            lines = [f"  {c.code} = {ct.choice(owner.get(q.key, flow.id), q, c.code)}" for c in q.choices]
            text += "\n" + "\n".join(lines)
        return text
    normalised: dict[str, Any] = {}
    cleaned: dict[str, int] = {}
    for key, raw in answers.items():  # every known answer, so templates see other flows' keys
        q = questions.get(key)
        if q is None:
            normalised[key] = raw
            continue
        try:
            removed = clean_raw(raw)[1]
            if removed:
                cleaned[key] = removed
            normalised[key] = engine.check(q, raw)
        except Invalid as exc:
            raise AnswersError(t.format(N_("Invalid answer for {key}: {reason}"), key=key,
                                        reason=reason(q, exc))) from None
    for key in list(normalised):  # what the answers change elsewhere: one profile for every document
        normalised.update(follow_ups(normalised, key, normalised[key]))
    state = State(answers=normalised)
    used: set[str] = set()
    written: list[Path] = []
    pending: list[Rendered] = []
    rendered: set[str] = set()
    for _ in range(10 * len(flow.steps) + 10):
        step = engine.current(state)
        if step is None:
            break
        if isinstance(step, QuestionStep):
            used.add(step.key)
            if step.key not in answers and step.validation.required and step.default is None:
                raise AnswersError(t.format(N_("Missing answer for {key} ({prompt})"), key=step.key,
                                            prompt=ct.step(flow.id, step, "prompt")))
            try:
                state, _key, _value = engine.answer(state, answers.get(step.key))
            except Invalid as exc:
                raise AnswersError(t.format(N_("Invalid answer for {key}: {reason}"), key=step.key,
                                            reason=reason(step, exc))) from None
            continue
        if isinstance(step, DocumentStep) and step.id not in rendered:
            try:  # all of the step's documents pass their checks, or none is written
                docs = [render_markdown(content, spec, state.answers, today) for spec in step.documents]
            except DocumentRefused as exc:
                raise AnswersError("\n".join(p.translate(t) for p in exc.problems)) from None
            pending.extend(docs)
            rendered.add(step.id)
        state = engine.acknowledge(state)
    # Written only once the whole flow has gone through: a refusal at a later question or
    # document leaves no half paper trail behind.
    for doc in pending:
        written.extend(write_document(doc, out_dir, formats, **options))
    unused = sorted(set(answers) - set(content.known_keys()))
    return RunResult(written=written, answers=state.answers, unused=unused, cleaned=cleaned)

