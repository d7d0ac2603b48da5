"""Helpers for the terminal UI tests: build the app on a temp data dir, read the screen as text."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

TODAY = dt.date(2026, 3, 15)


def build_app(data_dir: Path, locale: str = "nb", **options):
    from assistant.content.loader import load_content
    from assistant.i18n import get_translator
    from assistant.store import Store
    from assistant.tui.app import make_app
    from assistant.tui.options import TuiOptions

    opts = TuiOptions(today=TODAY, cursor_blink=False, animations=False, preload_content=False,
                      out_dir=data_dir / "out")
    for key, value in options.items():
        setattr(opts, key, value)
    store = Store(data_dir)
    return make_app(load_content(check=False), store, get_translator(locale), opts)


def screen_text(app) -> str:
    """What the terminal shows now, as plain text."""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()
