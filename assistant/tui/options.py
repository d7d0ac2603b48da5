"""Options of the terminal UI, set by the CLI (``run_tui``) or by tests (``make_app``).

No Textual import here: the CLI builds these before it decides to start the UI.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

HIGH_CONTRAST = "veiviser-high-contrast"
DEFAULT_THEME = "veiviser"


class TuiOptions:
    """Plain attributes (not a dataclass: creating one costs a millisecond at start-up)."""

    def __init__(
        self,
        locales_dir: str | os.PathLike | None = None,
        out_dir: Path | None = None,  # where documents are exported (default: <data dir>/documents)
        today: dt.date | None = None,  # fixed date for tests
        session_id: int | None = None,  # resume this organisation straight away (--session)
        new_name: str | None = None,  # start a new organisation with this name (--new)
        flow_id: str | None = None,  # go straight to this flow (--flow)
        ask_language: bool = True,  # start with the language list (not when --locale was given)
        theme: str | None = None,  # "high-contrast", "veiviser" or any Textual theme name
        rtl_mode: str | None = None,  # "app" | "terminal" | "off"; None: the default for the locale
        cursor_blink: bool = True,
        animations: bool = True,
        ready_file: str | None = None,  # benchmark: write time.time() and process_time() here when the first screen is ready
        exit_on_ready: bool = False,  # benchmark: quit as soon as the first screen is ready
        preload_content: bool = True,  # parse content in a thread once the first screen shows
    ):
        self.locales_dir = locales_dir
        self.out_dir = out_dir
        self.today = today
        self.session_id = session_id
        self.new_name = new_name
        self.flow_id = flow_id
        self.ask_language = ask_language
        self.theme = theme
        self.rtl_mode = rtl_mode
        self.cursor_blink = cursor_blink
        self.animations = animations
        self.ready_file = ready_file
        self.exit_on_ready = exit_on_ready
        self.preload_content = preload_content

    def __repr__(self) -> str:
        return f"TuiOptions({vars(self)!r})"

    @classmethod
    def from_environment(cls, **kw) -> TuiOptions:
        env = os.environ
        theme = env.get("VEIVISER_THEME")
        ready = env.get("VEIVISER_READY_FILE")
        opts = cls(**kw)
        if theme and opts.theme is None:
            opts.theme = theme
        if env.get("VEIVISER_RTL") and opts.rtl_mode is None:
            opts.rtl_mode = env["VEIVISER_RTL"]
        if ready:
            opts.ready_file = ready
            opts.exit_on_ready = env.get("VEIVISER_EXIT_ON_READY", "1") != "0"
        return opts


def theme_name(choice: str | None) -> str:
    if not choice:
        return DEFAULT_THEME
    if choice.replace("_", "-").lower() in ("high-contrast", "contrast", "hc", HIGH_CONTRAST):
        return HIGH_CONTRAST
    return choice
