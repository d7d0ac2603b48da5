"""The organisation's paper trail must agree with itself: bylaws, protocols, minutes, checklist.

Brønnøysundregistrene, banks and funders read the documents side by side. Each check here
compares two places (two answers, which end up in two documents) and, when they disagree,
gives a :class:`Conflict`: an :class:`~assistant.engine.validate.Invalid` whose message names both
places and says how to fix it. Register documents run these checks before they are written
(``checks = [...]`` on a document in a flow: see :data:`CHECKS`), and ``veiviser check-documents``
runs all of them on a whole profile. Pure; no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from assistant.engine.validate import Invalid
from assistant.i18n import N_

NEEDS_TRANSLATION = "meta.needs_translation"
MARKER = "[Må oversettes til norsk: {text}]"


QUOTED = N_("“{question}”")  # a question named in a message, in the reader's quotation marks


class Conflict(Invalid):
    """Two places that disagree. ``places`` are the profile keys (for tests and front ends).

    The message names the places by key (what ``run`` and ``check-documents`` read, beside an
    answers file keyed by profile key); :func:`name_questions` makes it name each place by the
    question that asks it, for the people in a dialogue."""

    def __init__(self, message: str, places: tuple[str, ...], **params: Any):
        super().__init__(message, **params)
        self.places = places
        self.questions: dict[str, tuple[str, Any]] = {}  # key -> (flow id, question)

    def translate(self, translator) -> str:
        if not self.questions:
            return super().translate(translator)
        from assistant.i18n.content import ContentText

        ct = ContentText(translator)
        params = dict(self.params)
        for name, value in self.params.items():
            if isinstance(value, str) and value in self.questions:
                flow_id, question = self.questions[value]
                params[name] = translator.format(QUOTED, question=ct.step(flow_id, question, "prompt"))
        return translator.format(self.message, **params)


def name_questions(problems: Iterable[Any], content, flow_id: str | None = None) -> list[Any]:
    """The problems, each :class:`Conflict` naming its places by their questions (those of
    ``flow_id`` first) instead of by profile key."""
    order = sorted(content.flows.values(), key=lambda f: (f.id != flow_id, f.order, f.id))
    out = list(problems)
    for problem in out:
        if not isinstance(problem, Conflict):
            continue
        for key in problem.places:
            found = next(((f.id, q) for f in order for q in f.questions() if q.key == key), None)
            if found is not None:
                problem.questions[key] = found
    return out


def _norm(name: Any) -> str:
    return " ".join(str(name or "").split()).casefold()


def _names(people: Any, roles: Iterable[str] | None = None) -> list[str]:
    out: list[str] = []
    if not isinstance(people, (list, tuple)):
        return out
    for p in people:
        if isinstance(p, dict) and p.get("name") and (roles is None or p.get("role") in roles):
            out.append(str(p["name"]))
    return out


def _answered(answers: Mapping[str, Any], key: str) -> bool:
    value = answers.get(key)
    return value not in (None, "", [], {})


# --- the checks ------------------------------------------------------------------------------

def bylaws_adopted(answers: Mapping[str, Any]) -> list[Conflict]:
    """The register accepts a founding protocol only when the founding meeting adopted bylaws."""
    if answers.get("founding.bylaws_adopted") is True:
        return []
    return [Conflict(N_("The founding meeting did not adopt the bylaws (founding.bylaws_adopted), "
                        "so there is no founding protocol to write. Brønnøysundregistrene needs bylaws that "
                        "the founding meeting approved. Hold the founding meeting with the draft "
                        "bylaws, and let the meeting adopt them."),
                     ("founding.bylaws_adopted",))]


def _present(answers: Mapping[str, Any], people_key: str, present_key: str) -> list[Conflict]:
    present = {_norm(n) for n in _names(answers.get(present_key))}
    if not present:
        return []
    return [Conflict(N_("{name} signs the protocol ({signers}) but is not among the people at the "
                        "meeting ({present}). Choose people who were at the meeting, or add {name} "
                        "to the people at the meeting."),
                     (people_key, present_key), name=name, signers=people_key, present=present_key)
            for name in _names(answers.get(people_key)) if _norm(name) not in present]


def signers_present(answers: Mapping[str, Any]) -> list[Conflict]:
    return _present(answers, "founding.signers", "founding.founders")


def _auditor_off_board(answers: Mapping[str, Any], auditor_key: str, board_key: str) -> list[Conflict]:
    auditor = answers.get(auditor_key)
    if not auditor:
        return []
    if _norm(auditor) in {_norm(n) for n in _names(answers.get(board_key))}:
        return [Conflict(N_("{name} checks the accounts ({auditor}) and is also on the board "
                            "({board}). The bylaws say that the person who checks the accounts "
                            "cannot sit on the board. Choose someone who is not on the board."),
                         (auditor_key, board_key), name=str(auditor), auditor=auditor_key, board=board_key)]
    return []


def founding_board(answers: Mapping[str, Any]) -> Any:
    """The board the founding meeting elected (``board`` until an annual meeting replaced it)."""
    history = answers.get("meta.board_history") or []
    if history and isinstance(history[0], dict):
        return history[0].get("board")
    return answers.get("board")


def auditor_off_board(answers: Mapping[str, Any]) -> list[Conflict]:
    at_founding = dict(answers, board=founding_board(answers))
    return (_auditor_off_board(at_founding, "founding.auditor", "board")
            + _auditor_off_board(answers, "annual.auditor", "annual.new_board"))


def _board_fits(answers: Mapping[str, Any], board_key: str) -> list[Conflict]:
    board = answers.get(board_key)
    if not board:
        return []
    out: list[Conflict] = []
    for size_key, roles in (("bylaws.board_size", ("chair", "member")), ("bylaws.deputies", ("deputy",))):
        if not _answered(answers, size_key):
            continue
        try:
            size = int(answers[size_key])
        except (TypeError, ValueError):
            continue
        count = len(_names(board, roles))
        if count != size:
            message = (N_("The board has {count} members with a vote ({board}), but the bylaws say "
                          "{size} ({bylaws}). Change the board, or the board size in the bylaws.")
                       if roles[0] == "chair" else
                       N_("The board has {count} deputy members ({board}), but the bylaws say "
                          "{size} ({bylaws}). Change the board, or the number of deputies in the bylaws."))
            out.append(Conflict(message, (board_key, size_key), count=count, size=size, board=board_key,
                                bylaws=size_key))
    return out


def board_fits_bylaws(answers: Mapping[str, Any]) -> list[Conflict]:
    if _answered(answers, "annual.new_board"):  # the board now is the one last elected
        return _board_fits(answers, "annual.new_board")
    return _board_fits(answers, "board")


def marked_for_translation(answers: Mapping[str, Any], used: Iterable[str]) -> list[Conflict]:
    """A register document is in Norwegian: no part of it may still wait for translation."""
    marked = [k for k in answers.get(NEEDS_TRANSLATION) or [] if k in set(used)]
    return [Conflict(N_("The answer {key} is marked for translation. A document for the register "
                        "must be in Norwegian. Write the answer in Norwegian, or remove the mark."),
                     (key,), key=key) for key in marked]


PROFILE_CHECKS: tuple[Callable[[Mapping[str, Any]], list[Conflict]], ...] = (
    signers_present, auditor_off_board, board_fits_bylaws)


def conflicts(answers: Mapping[str, Any]) -> list[Conflict]:
    """Every disagreement in the whole profile (``veiviser check-documents``)."""
    out: list[Conflict] = []
    for check in PROFILE_CHECKS:
        out.extend(check(answers))
    if _answered(answers, "board") and "founding.bylaws_adopted" in answers:
        out.extend(bylaws_adopted(answers))
    return out


REGISTER_TEMPLATES = ("founding_protocol", "vedtekter")


def all_conflicts(content, answers: Mapping[str, Any]) -> list[Conflict]:
    """:func:`conflicts`, and every part of a register document still marked for translation."""
    from assistant.render.templates import template_keys

    out = conflicts(answers)
    used: set[str] = set()
    for template in REGISTER_TEMPLATES:
        used |= template_keys(content, template)
    out.extend(marked_for_translation(answers, used))
    return out


def documents_by_key(content) -> dict[str, list[str]]:
    """Profile key -> the file names of the documents that show it (what a conflict touches)."""
    from assistant.content.models import DocumentStep
    from assistant.render.templates import template_keys

    out: dict[str, list[str]] = {}
    for flow in content.sorted_flows():
        for step in flow.steps:
            if isinstance(step, DocumentStep):
                for doc in step.documents:
                    for key in template_keys(content, doc.template):
                        names = out.setdefault(key, [])
                        if doc.filename not in names:
                            names.append(doc.filename)
    return out


def used_answers(content, template: str, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers a document is written from: each key its template reads, with its value."""
    from assistant.render.templates import template_keys

    keys = template_keys(content, template) | {NEEDS_TRANSLATION}
    return {k: answers.get(k) for k in sorted(keys)}


def out_of_date(recorded: Mapping[str, tuple[str, Mapping[str, Any]]],
                answers: Mapping[str, Any]) -> list[str]:
    """The documents (file names) written from answers that have changed since."""
    return [name for name, (_flow, used) in recorded.items()
            if any(answers.get(k) != v for k, v in used.items())]


def mark(value: Any) -> Any:
    """The text as every document shows a part that waits for translation."""
    if isinstance(value, str) and value:  # our marker stays Markdown; the answer inside is escaped
        from assistant.render.safe import Md, md_escape

        return Md(MARKER).format(text=md_escape(value))
    return value


def with_marks(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers with every part marked for translation wrapped in the Norwegian marker."""
    out = dict(answers)
    for key in answers.get(NEEDS_TRANSLATION) or []:
        if key in out:
            out[key] = mark(out[key])
    return out


# --- as document checks --------------------------------------------------------------------

def _register_check(template: str, *checks: Callable[[Mapping[str, Any]], list[Conflict]]):
    def check(content, answers: Mapping[str, Any], today: dt.date | None = None) -> list:
        from assistant.render.templates import template_keys

        out: list = []
        for c in checks:
            out.extend(c(answers))
        out.extend(marked_for_translation(answers, template_keys(content, template)))
        return out
    return check


# name -> fn(content, answers, today): register documents refuse to be written while they conflict
CHECKS = {
    "founding_protocol": _register_check("founding_protocol", bylaws_adopted, signers_present,
                                         auditor_off_board, board_fits_bylaws),
    "bylaws": _register_check("vedtekter", board_fits_bylaws),
    "registration_checklist": _register_check("registration_checklist", board_fits_bylaws),
    "annual_minutes": _register_check("annual_minutes", auditor_off_board, board_fits_bylaws),
}
