"""``veiviser serve``: registered in assistant.cli.SUBCOMMANDS when the command is asked for."""

from __future__ import annotations

import argparse
import ipaddress
import os
import sys
from pathlib import Path

from assistant.commands import SUBCOMMANDS, EXIT_PROBLEMS, EXIT_USAGE, content_or_report, err
from assistant.i18n import N_

NEEDS_PASSCODE = N_("Veiviser listens on other addresses than this computer only with a workshop passcode. "
                    "Write the passcode in a file and add --passcode-file FILE, or set the environment "
                    "variable VEIVISER_PASSCODE.")
EMPTY_PASSCODE = N_("The passcode file {file} is empty or cannot be read.")
SAME_PASSCODE = N_("The facilitator passcode must not be the same as the workshop passcode.")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--passcode-file", type=Path, help="file with the workshop passcode (or VEIVISER_PASSCODE)")
    p.add_argument("--facilitator-passcode-file", type=Path,
                   help="file with the coordinators' own passcode for /facilitator (or VEIVISER_FACILITATOR_PASSCODE); "
                        "without it there is no facilitator view")
    p.add_argument("--workers", type=int, default=1, help="server processes on the same data folder (default 1)")


def passcode(args, ctx, file_option: str = "passcode_file", env_name: str = "VEIVISER_PASSCODE"
             ) -> tuple[str | None, int | None]:
    path = getattr(args, file_option, None)
    if path:
        try:
            text = " ".join(path.read_text(encoding="utf-8").split())
        except OSError:
            text = ""
        if not text:
            err(ctx.t.format(EMPTY_PASSCODE, file=str(path)))
            return None, EXIT_USAGE
        return text, None
    env = " ".join(os.environ.get(env_name, "").split())
    return (env or None), None


def serve(args, ctx) -> int:
    code, failed = passcode(args, ctx)
    if failed is not None:
        return failed
    if code is None and not is_loopback(args.host):
        err(ctx.t.gettext(NEEDS_PASSCODE))
        return EXIT_USAGE
    facilitator, failed = passcode(args, ctx, "facilitator_passcode_file", "VEIVISER_FACILITATOR_PASSCODE")
    if failed is not None:
        return failed
    if facilitator is not None and code is not None and facilitator.casefold() == code.casefold():
        err(ctx.t.gettext(SAME_PASSCODE))
        return EXIT_USAGE
    content = content_or_report(ctx)
    if content is None:
        return EXIT_PROBLEMS
    import threading

    import uvicorn

    from assistant import paths
    from assistant.store.postgres import open_store, redact
    from assistant.web import app as web_app

    database = getattr(args, "database", None) or os.environ.get("VEIVISER_DATABASE_URL") or None
    config = web_app.WebConfig(data_dir=paths.data_dir(args.data_dir), content_dir=args.content,
                               locales_dir=args.locales_dir, passcode=code, database=database,
                               facilitator_passcode=facilitator)
    # keep-alive a little longer than a participant thinks between two answers
    options = dict(host=args.host, port=args.port, log_level="warning", access_log=False, server_header=False,
                   timeout_keep_alive=30)
    where = f" ({redact(database)})" if database else ""
    print(f"Veiviser: http://{args.host}:{args.port}/{where}", file=sys.stderr, flush=True)
    if args.workers > 1:
        # Several processes on one store: the database is migrated and the cookie key made here,
        # once, before the workers start; each worker opens its own connection.
        open_store(config.data_dir, database).close()
        web_app.security.load_secret(config.data_dir)
        os.environ[web_app.CONFIG_ENV] = web_app.config_to_env(config)
        uvicorn.run("assistant.web.app:from_environment", factory=True, workers=args.workers, **options)
        return 0
    app = web_app.create_app(config, content=content)
    threading.Thread(target=web_app.warm_up, daemon=True).start()
    uvicorn.run(app, **options)
    return 0


SUBCOMMANDS["serve"] = ("the web front end for a browser (a workshop)", add_arguments, serve)
