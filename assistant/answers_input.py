"""The answers a command works on: ``--session ID`` (a saved organisation) or ``--answers FILE``
(JSON or TOML keyed by profile key), normalised as the engine stores them. Shared by the
commands that read an organisation's answers without a dialogue (grants, calendar,
check-documents), so each says the same thing about a missing session or a wrong answer."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from assistant.i18n import N_


def normalised(content, raw: dict[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """Answers as the engine stores them (yes/no as bool, dates as ISO). Raises Invalid with
    the key in ``.key``."""
    from assistant.engine.validate import Invalid, normalise

    questions = content.questions_by_key()
    out: dict[str, Any] = {}
    for key, value in raw.items():
        q = questions.get(key)
        if q is None:
            out[key] = value
            continue
        try:
            out[key] = normalise(q, value, today=today)
        except Invalid as exc:
            exc.key = key  # type: ignore[attr-defined]
            raise
    return out


def answers_from_args(args: argparse.Namespace, ctx, content, today: dt.date | None, err) -> dict[str, Any] | None:
    """The answers of ``args.session`` or ``args.answers``; None after telling the user (with
    ``err``) why they cannot be had."""
    from assistant.engine.validate import Invalid
    from assistant.scripted import AnswersError, load_answers

    t = ctx.t
    if getattr(args, "session", None) is not None:
        with ctx.store() as store:
            try:
                store.session(args.session)
            except KeyError:
                err(t.format(N_("There is no session {id}."), id=args.session))
                return None
            return store.answers(args.session)
    try:
        raw = load_answers(args.answers, set(content.known_keys()), t)
        return normalised(content, raw, today)
    except AnswersError as exc:
        err(str(exc))
    except Invalid as exc:
        err(t.format(N_("Invalid answer for {key}: {reason}"), key=getattr(exc, "key", "?"),
                     reason=exc.translate(t)))
    return None
