"""The handover commands of ``veiviser sessions``: ``bundle`` (a zip of documents) and
``handout`` (a printable roadmap). Kept out of cli.py; the web front end calls
:mod:`assistant.bundle` and :mod:`assistant.handout` directly."""

from __future__ import annotations

import sys

from assistant.i18n import N_


def handover(args, ctx, store) -> int:
    from assistant.commands import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, content_or_report, err

    t = ctx.t
    content = content_or_report(ctx)
    if content is None:
        return EXIT_PROBLEMS
    if args.action == "bundle":
        if args.all == (args.id is not None):
            err(t.gettext("Give one session number, or --all."))
            return EXIT_USAGE
        ids = [s.id for s in store.sessions()] if args.all else [args.id]
    else:
        ids = [args.id]
    for sid in ids:
        try:
            store.session(sid)
        except KeyError:
            err(t.format(N_("There is no session {id}."), id=sid))
            return EXIT_USAGE
    if args.action == "handout":
        from assistant.handout import handout

        html = handout(content, store, args.id, args.locales_dir, getattr(args, "today", None))
        args.out.write_text(html, encoding="utf-8")
        print(args.out)
        return EXIT_OK
    from assistant.bundle import bundle

    for b in bundle(content, store, sorted(ids), args.out):
        for name in b.refused:
            print(t.format(N_("Not in the bundle: {document} (the answers do not pass its checks yet)."),
                           document=name), file=sys.stderr)
    print(args.out)
    return EXIT_OK
