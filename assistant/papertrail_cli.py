"""``veiviser check-documents (--answers FILE | --session ID)``: does the paper trail agree?

Prints each conflict in the user's language with the two places (the answers, and the documents
that show them) and how to fix it. Exit 0 when the documents agree, 1 when they do not, 2 for a
bad file or session."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, SUBCOMMANDS, content_or_report, err
from assistant.i18n import N_


def _args(p: argparse.ArgumentParser) -> None:
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--answers", type=Path, help="JSON or TOML file keyed by profile key")
    src.add_argument("--session", type=int, help="use the answers of this saved session")


def _run(args: argparse.Namespace, ctx) -> int:
    from assistant.answers_input import answers_from_args
    from assistant.papertrail import all_conflicts, documents_by_key

    content = content_or_report(ctx)
    if content is None:
        return EXIT_PROBLEMS
    t = ctx.t
    answers = answers_from_args(args, ctx, content, None, err)
    if answers is None:
        return EXIT_USAGE
    found = all_conflicts(content, answers)
    if not found:
        print(t.gettext("The documents agree: no conflicts found."))
        return EXIT_OK
    docs = documents_by_key(content)
    for conflict in found:
        print("- " + conflict.translate(t))
        for key in conflict.places:
            shown = ", ".join(docs.get(key, [])) or "-"
            print("  " + t.format(N_("{key} is in: {documents}"), key=key, documents=shown))
    print(t.format(N_("Conflicts found: {count}. Change the answers named above, then write the documents again."),
                   count=len(found)))
    return EXIT_PROBLEMS


SUBCOMMANDS["check-documents"] = ("check that the organisation's documents agree (answers file or session)",
                                  _args, _run)
