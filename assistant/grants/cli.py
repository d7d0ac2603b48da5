"""``veiviser grants --answers FILE [--json]``: which grants can this organisation apply for?

Prints every scheme as can apply now / not yet / not for you, with the reasons in plain words and,
for not yet, the missing steps and the Veiviser journeys that do them. ``--json`` gives a list of
objects with id, name, title, funder, status, reasons, missing, notes, deadline, amounts, url and
checked. ``--session ID`` reads the answers of a saved session instead of a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from assistant.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, SUBCOMMANDS, content_or_report, err


def _args(p: argparse.ArgumentParser) -> None:
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--answers", type=Path, help="JSON or TOML file keyed by profile key")
    src.add_argument("--session", type=int, help="use the answers of this saved session")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)  # for tests


def _run(args: argparse.Namespace, ctx) -> int:
    from assistant.answers_input import answers_from_args
    from assistant.grants.catalogue import say
    from assistant.grants.finder import results
    from assistant.grants.panels import format_results

    content = content_or_report(ctx)
    if content is None:
        return EXIT_PROBLEMS
    t = ctx.t
    today = args.today or dt.date.today()
    answers = answers_from_args(args, ctx, content, today, err)
    if answers is None:
        return EXIT_USAGE
    items = results(content, answers, t, today)
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return EXIT_OK
    name = answers.get("org.name")
    print(say(content, t, "heading", org=name) if name else say(content, t, "heading_no_name"))
    print()
    print(format_results(content, items, t))
    return EXIT_OK


SUBCOMMANDS["grants"] = ("which grants can the organisation apply for? (from an answers file or a session)",
                         _args, _run)
