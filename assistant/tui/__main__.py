"""``python -m assistant.tui``: the terminal UI alone, without the other subcommands' set-up.

Takes the options of ``veiviser`` that matter to the UI. Used by ``bench/startup.py`` to time the
UI's own start-up apart from the command line's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.tui")
    parser.add_argument("--locale")
    parser.add_argument("--data-dir")
    parser.add_argument("--content")
    parser.add_argument("--locales-dir")
    parser.add_argument("--session", type=int)
    parser.add_argument("--new")
    parser.add_argument("--flow")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--rtl", choices=("app", "terminal", "off"))
    args = parser.parse_args(argv)
    args.plain = False
    args.command = None
    from assistant.context import Context
    from assistant.tui import run_tui

    return run_tui(Context(args))


if __name__ == "__main__":
    sys.exit(main())
