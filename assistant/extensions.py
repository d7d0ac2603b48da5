"""Packages above the core that register hooks into it: panels (assistant.i18n.content.PANELS),
document checks and template variables (assistant.render). They are named here and imported by
name when content is loaded, so that every flow that names a panel finds it. They register only
hooks; the content itself (flows, facts, grant schemes) is loaded by assistant.content alone.
"""

from __future__ import annotations

import importlib

EXTENSIONS = ("assistant.grants", "assistant.local", "assistant.year")


def load() -> None:
    for name in EXTENSIONS:
        try:
            importlib.import_module(name)
        except ImportError as exc:  # a trimmed install without the package
            if exc.name != name:
                raise
