"""What every command is given: the parsed options, and lazily the translator, the content and
the store (:class:`Context`), and the options every command takes (:func:`common_options`).
Below the CLI: the CLI, the terminal UI's own entry point and the command modules build on it."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

from assistant import paths
from assistant.commands import err
from assistant.i18n import N_, Translator, get_translator
from assistant.i18n.catalog import available_locales, locale_from_environment, negotiate


class Context:
    """What every command needs, built lazily so start-up stays quick."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self._content = None
        self._translator: Translator | None = None

    @property
    def locale(self) -> str:
        if getattr(self.args, "locale", None):
            return self.args.locale
        env = os.environ.get("VEIVISER_LOCALE")
        if env:
            return env
        return negotiate(locale_from_environment(), available_locales(self.args.locales_dir)) or "nb"

    @property
    def t(self) -> Translator:
        if self._translator is None:
            self._translator = get_translator(self.locale, self.args.locales_dir)
        return self._translator

    def content(self, check: bool = False):
        from assistant.content.loader import load_content

        if self._content is None or check:
            from assistant.content.loader import Problem
            from assistant.packs_config import ConfigError, pack_dirs

            try:
                packs, broken = pack_dirs(getattr(self.args, "content_pack", None),
                                          paths.data_dir(self.args.data_dir)), None
            except ConfigError as exc:
                packs, broken = [], Problem(str(exc).split(": ", 1)[0], "", str(exc).split(": ", 1)[-1])
            self._content = load_content(self.args.content, check=check, packs=packs)
            if broken is not None:
                self._content.problems.append(broken)
        return self._content

    def store(self, report: Callable[[str], None] = None):
        """Open the store. ``report`` gets the note when a damaged database was moved aside
        (default: printed to stderr)."""
        from assistant.store import Store

        def moved(path, reason):
            (report or err)(self.t.format(N_("The database could not be read ({reason}). It was "
                                             "moved aside to {path} and a new one was started. "
                                             "Nothing was deleted."),
                                          reason=reason, path=str(path)))

        url = getattr(self.args, "database", None) or os.environ.get("VEIVISER_DATABASE_URL")
        if url:
            from assistant.store.postgres import open_store

            return open_store(paths.data_dir(self.args.data_dir), url, on_moved_aside=moved)
        return Store(paths.data_dir(self.args.data_dir), on_moved_aside=moved)


def common_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    d = argparse.SUPPRESS if suppress else None
    parser.add_argument("--locale", default=d, help="language code, e.g. nb, en, ar, so, ti, uk, pl, fa")
    parser.add_argument("--data-dir", default=d, help="where sessions are kept (or VEIVISER_DATA_DIR)")
    parser.add_argument("--database", default=d, metavar="URL", help="a PostgreSQL server instead of the "
                        "file in the data folder, e.g. postgresql://veiviser@localhost/veiviser (or "
                        "VEIVISER_DATABASE_URL)")
    parser.add_argument("--content", default=d, help="content folder (default: the shipped content)")
    parser.add_argument("--locales-dir", default=d, help=argparse.SUPPRESS)
    from assistant.packs_config import add_argument

    add_argument(parser, suppress)
