"""What every command shares, below the CLI and the front ends: the registry of subcommands
that other parts add, writing a message to stderr, loading the content or saying what is wrong
with it, and the order of the language list. :mod:`assistant.cli` builds on this module; the
modules that implement commands import it, never the CLI itself."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from assistant.errors import EXIT_CRASH, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE  # noqa: F401  (for commands)

# name -> (help, add_arguments(parser), handler(args, ctx) -> exit code)
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[..., int]]] = {}


def err(text: str) -> None:
    print(text, file=sys.stderr)


def content_or_report(ctx, check: bool = False):
    """The context's content; None after listing its problems on stderr."""
    content = ctx.content(check=check)
    if content.problems:
        err(ctx.t.gettext("The content has problems:"))
        for p in content.problems:
            err(f"  {p}")
        return None
    return content


def launch_order(codes: list[str]) -> list[str]:
    """Norwegian first, then English, then the rest; pseudo-locales are for testers only."""
    first = [c for c in ("nb", "en") if c in codes]
    return first + sorted(c for c in codes if c not in first and not c.startswith("qps"))


def store_error(exc, ctx) -> int:
    """A storage fault: its message in the user's language, and its exit code (no traceback)."""
    err(exc.translate(ctx.t))
    return exc.exit_code


def file_error(exc: OSError, ctx) -> int:
    """A file could not be written (documents, an export): say why, in the user's language."""
    from assistant.store.errors import from_os

    return store_error(from_os(exc), ctx)
