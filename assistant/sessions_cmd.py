"""``veiviser sessions``: list, export, copy, rename, delete, bundle and handout of saved
organisations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant import paths
from assistant.commands import err, file_error
from assistant.context import Context
from assistant.errors import EXIT_OK, EXIT_USAGE
from assistant.i18n import N_


def cmd_sessions(args: argparse.Namespace, ctx: Context) -> int:
    t = ctx.t
    with ctx.store() as store:
        if args.action == "list":
            sessions = store.sessions()
            if not sessions:
                print(t.gettext("No saved sessions."))
            from assistant.papertrail import out_of_date
            from assistant.store.errors import BadRow

            for s in sessions:
                line = (f"{s.id}\t{s.name}\t{s.locale}\t{s.updated}\t"
                        + t.ngettext("{count} answer", "{count} answers", s.answers).format(count=s.answers))
                try:
                    stale = out_of_date(store.documents(s.id), store.answers(s.id))
                except BadRow:  # the list still shows the organisation; opening it says what is wrong
                    stale = []
                if stale:
                    line += "\t" + t.format(N_("out of date: {files}"), files=", ".join(stale))
                print(line)
            return EXIT_OK
        if args.action in ("bundle", "handout"):
            from assistant.handover import handover

            return handover(args, ctx, store)
        try:
            store.session(args.id)
        except KeyError:
            err(t.format(N_("There is no session {id}."), id=args.id))
            return EXIT_USAGE
        if args.action == "export":
            import json

            text = json.dumps(store.export(args.id), ensure_ascii=False, indent=2)
            if args.output:
                from assistant.store.files import write_bytes_atomic

                try:
                    write_bytes_atomic(args.output, (text + "\n").encode("utf-8"))  # 0600: personal data
                except OSError as exc:
                    return file_error(exc, ctx)
                print(args.output)
            else:
                print(text)
        elif args.action == "copy":
            from assistant.store import Store
            from assistant.store.postgres import is_url, open_store, redact

            target_store = (open_store(paths.data_dir(args.data_dir), args.to) if is_url(args.to)
                            else Store(Path(args.to).expanduser()))
            with target_store as target:
                new = store.copy_session(args.id, target)
            print(t.format(N_("Session {id} is copied to {target} as session {new}."), id=args.id,
                           target=redact(args.to), new=new))
        elif args.action == "rename":
            store.rename(args.id, args.name)
        elif args.action == "delete":
            if not args.yes:
                if not sys.stdin.isatty():
                    err(t.gettext("Add --yes to delete without a question."))
                    return EXIT_USAGE
                answer = input(t.format(N_("Delete session {id} for good? Write yes: "), id=args.id))
                if answer.strip().lower() not in ("yes", t.gettext("yes").lower()):
                    return EXIT_OK
            removed = store.delete_session(args.id)
            print(t.format(N_("Session {id} is deleted."), id=args.id))
            for folder in removed:
                print(t.format(N_("Its documents in {folder} are deleted too."), folder=str(folder)))
    return EXIT_OK
