"""``veiviser calendar --answers FILE --out DIR``: the organisation's dates as a list, and an
.ics file (one event each, with its source) that phones and Outlook import.

``--session ID`` reads the answers of a saved session instead of a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from assistant.i18n import N_
from assistant.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, SUBCOMMANDS, content_or_report, err


def _args(p: argparse.ArgumentParser) -> None:
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--answers", type=Path, help="JSON or TOML file keyed by profile key")
    src.add_argument("--session", type=int, help="use the answers of this saved session")
    p.add_argument("--out", type=Path, default=Path("."), help="folder for the .ics file")
    p.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)  # for tests


def _run(args: argparse.Namespace, ctx) -> int:
    from assistant.calendar import YearCalendar, calendar_panel, to_ics
    from assistant.engine.validate import Invalid
    from assistant.grants.cli import normalised
    from assistant.scripted import AnswersError, load_answers

    content = content_or_report(ctx)
    if content is None:
        return EXIT_PROBLEMS
    t = ctx.t
    today = args.today or dt.date.today()
    if args.session is not None:
        with ctx.store() as store:
            try:
                store.session(args.session)
            except KeyError:
                err(t.format(N_("There is no session {id}."), id=args.session))
                return EXIT_USAGE
            answers = store.answers(args.session)
    else:
        try:
            raw = load_answers(args.answers, set(content.known_keys()), t)
            answers = normalised(content, raw, today)
        except AnswersError as exc:
            err(str(exc))
            return EXIT_USAGE
        except Invalid as exc:
            err(t.format(N_("Invalid answer for {key}: {reason}"), key=getattr(exc, "key", ""),
                         reason=exc.translate(t)))
            return EXIT_USAGE
    print(calendar_panel(content, answers, t, today))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "aarskalender.ics"
    tmp = path.with_suffix(".ics.tmp")
    tmp.write_bytes(to_ics(YearCalendar(content, answers, today).events).encode("utf-8"))
    tmp.replace(path)
    print(path)
    return EXIT_OK


SUBCOMMANDS["calendar"] = ("the organisation's dates for the year, as a list and an .ics file", _args, _run)
