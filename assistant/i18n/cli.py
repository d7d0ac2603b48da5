"""``veiviser i18n``: tools for translators."""

from __future__ import annotations

import argparse

from assistant.cli import EXIT_OK, SUBCOMMANDS


def _args(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="i18n_action", required=True)
    u = sub.add_parser("update", help="extract messages from code and content, merge into every catalog")
    u.add_argument("--add", action="append", default=[], metavar="LOCALE", help="start a new language")


def _run(args: argparse.Namespace, ctx) -> int:
    from assistant import paths
    from assistant.i18n.extract import update_all

    if args.i18n_action == "update":
        for path in update_all(paths.locales_dir(args.locales_dir), paths.content_dir(args.content),
                               new_locales=args.add):
            print(path)
    return EXIT_OK


SUBCOMMANDS["i18n"] = ("translator tools: update catalogs", _args, _run)
