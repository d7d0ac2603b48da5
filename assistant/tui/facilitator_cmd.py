"""``veiviser facilitator``: the command. Textual is imported only when the view opens, so the
parser (which loads every command) stays free of it; ``--list`` prints the overview."""

from __future__ import annotations

import argparse
import os

from assistant.facilitator import overview


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as", dest="author", help="your name, written with every comment (default: your user name)")
    p.add_argument("--list", action="store_true", help="print the overview instead of opening the view")


def _run(args: argparse.Namespace, ctx) -> int:
    from assistant.commands import EXIT_OK, EXIT_PROBLEMS, content_or_report

    content = content_or_report(ctx)
    if content is None:
        return EXIT_PROBLEMS
    author = args.author or os.environ.get("USER") or os.environ.get("USERNAME") or "coordinator"
    with ctx.store() as store:
        if args.list:
            from assistant.facilitator import flag_text

            for row in overview(content, store, ctx.t):
                flags = flag_text(ctx.t, row)
                print("\t".join((str(row.id), row.name, row.locale, row.stage_title, row.flow or "",
                                 f"{row.answered}/{row.total}", row.updated, flags)))
            return EXIT_OK
        from assistant.tui.facilitator import make_facilitator_app
        from assistant.tui.options import TuiOptions

        app = make_facilitator_app(content, store, ctx.t, TuiOptions.from_environment(
            ask_language=False, locales_dir=args.locales_dir), author=author)
        return app.run() or EXIT_OK


def register() -> None:
    from assistant.commands import SUBCOMMANDS

    SUBCOMMANDS["facilitator"] = ("the coordinator's view of every organisation (terminal UI)", _args, _run)


register()
