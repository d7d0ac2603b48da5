"""``veiviser calendar --answers FILE --out DIR``: the organisation's dates as a list, and an
.ics file (one event each, with its source) that phones and Outlook import.

``--session ID`` reads the answers of a saved session instead of a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from assistant.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, SUBCOMMANDS, content_or_report, err


def _args(p: argparse.ArgumentParser) -> None:
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--answers", type=Path, help="JSON or TOML file keyed by profile key")
    src.add_argument("--session", type=int, help="use the answers of this saved session")
    p.add_argument("--out", type=Path, default=Path("."), help="folder for the .ics file")
    p.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)  # for tests


def _run(args: argparse.Namespace, ctx) -> int:
    from assistant.calendar import YearCalendar, calendar_panel, to_ics
    from assistant.answers_input import answers_from_args
    from assistant.store.files import make_folder, write_bytes_atomic

    content = content_or_report(ctx)
    if content is None:
        return EXIT_PROBLEMS
    t = ctx.t
    today = args.today or dt.date.today()
    answers = answers_from_args(args, ctx, content, today, err)
    if answers is None:
        return EXIT_USAGE
    print(calendar_panel(content, answers, t, today))
    make_folder(args.out, True)
    path = args.out / "aarskalender.ics"  # private and atomic, like every document
    write_bytes_atomic(path, to_ics(YearCalendar(content, answers, today).events).encode("utf-8"))
    print(path)
    return EXIT_OK


SUBCOMMANDS["calendar"] = ("the organisation's dates for the year, as a list and an .ics file", _args, _run)
