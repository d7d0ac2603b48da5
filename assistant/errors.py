"""One family of errors, shown one way by each front end.

Every problem Veiviser expects (a bad answer, a refused document, a broken answers file, content
that does not pass ``check``, a store it cannot use) is a :class:`VeiviserError`: a message for
the user (an English msgid with ``{placeholders}``, or text already in the user's language), an
optional hint and an exit code. A front end shows ``user_message(t)`` (and the hint) and, for a
command, exits with ``exit_code``.

Anything else is a bug: :func:`crash` saves a report (the traceback, the version, the command)
in the data folder, and the front end shows a short message in the user's language that says
where it is. A traceback is never shown raw, and a crash never exits 0.

Modelled on Harlequin's exception.py: plain classes here, rendering in the front ends. Core
module: no front end, imported cheaply (no rich, no textual).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from assistant.i18n import N_

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_CRASH = 0, 1, 2, 70  # 70: EX_SOFTWARE (sysexits.h)

CRASH_MESSAGE = N_("Veiviser stopped because of an error in the program. Everything you had "
                   "confirmed is saved. A report for the developers was saved in {path}.")
CRASH_NO_REPORT = N_("Veiviser stopped because of an error in the program. Everything you had "
                     "confirmed is saved.")


class VeiviserError(Exception):
    """Base of every error Veiviser expects. ``message`` is a msgid (translated with ``params``
    by :meth:`user_message`) unless ``translated`` is set."""

    exit_code: int = EXIT_PROBLEMS
    message: str = ""
    hint: str | None = None
    params: dict[str, Any] = {}
    translated: bool = False

    def __init__(self, message: str = "", *args: Any, hint: str | None = None, exit_code: int | None = None,
                 translated: bool = False, **params: Any):
        super().__init__(message, *args)
        self.message = message
        self.params = params
        if hint is not None:
            self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code
        self.translated = translated

    def user_message(self, translator: Any) -> str:
        if self.translated or not self.message:
            return str(self)
        return translator.format(self.message, **self.params)

    def user_hint(self, translator: Any) -> str | None:
        return translator.gettext(self.hint) if self.hint else None


class UsageError(VeiviserError):
    exit_code = EXIT_USAGE


def crash_dir(data_dir: Path) -> Path:
    return data_dir / "crash-reports"


def save_crash_report(exc: BaseException, data_dir: Path | None, argv: list[str] | None = None) -> Path | None:
    """Write the report; its path, or None when it could not be written (then nothing else
    fails: the user still gets the short message)."""
    if data_dir is None:
        return None
    import platform
    import traceback

    try:
        from assistant import __version__ as version
    except ImportError:  # pragma: no cover
        version = "?"
    now = dt.datetime.now(dt.UTC)
    text = "".join([
        f"Veiviser {version} crash report, {now.isoformat(timespec='seconds')}\n",
        f"Python {platform.python_version()} on {platform.platform()}\n",
        f"Command: {' '.join(argv if argv is not None else sys.argv[1:])!r}\n\n",
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    ])
    try:
        folder = crash_dir(data_dir)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{now.strftime('%Y%m%d-%H%M%S-%f')}.txt"
        path.write_text(text, encoding="utf-8", errors="backslashreplace")
        return path
    except OSError:
        return None


def crash_message(translator: Any, report: Path | None) -> str:
    if report is None:
        return translator.gettext(CRASH_NO_REPORT)
    return translator.format(CRASH_MESSAGE, path=str(report))
