"""Plain mode's line input and output, its commands and its language list: what plain mode needs
before its first prompt, without the content models (importing those, with the rest of
:mod:`assistant.plain`, took most of the time to the first prompt). :class:`PlainUI` builds on
:class:`LineIO`; ``veiviser --plain`` shows the language list with a bare :class:`LineIO` before it
loads the content.
"""

from __future__ import annotations

import sys
from typing import TextIO
from collections.abc import Callable

from assistant.i18n import N_, Translator
from assistant.usertext import visible

COMMANDS = {
    "back": N_("/back"),
    "review": N_("/review"),
    "help": N_("/help"),
    "quit": N_("/quit"),
    "flows": N_("/menu"),
    "language": N_("/language"),
}


class Quit(Exception):
    """The user asked to stop. Everything confirmed is already saved."""


class LineIO:
    """Say and ask line by line in the user's language; the language list."""

    store = None
    session_id: int | None = None

    def __init__(self, translator: Translator, *, input_fn: Callable[[str], str] | None = None,
                 out: TextIO | None = None, display: Callable[[str], str] | None = None,
                 switch_locale: Callable[[str], tuple[Translator, Callable[[str], str]]] | None = None,
                 locales: list[str] | None = None, last_locale: str | None = None):
        self.out = out or sys.stdout
        self._last = last_locale  # the language used last, when the caller knows it
        self._input = input_fn
        self.switch_locale = switch_locale  # code -> (translator, display) for a language change
        self.locales = locales or []
        self._use(translator, display or (lambda s: s))

    def _use(self, translator: Translator, display: Callable[[str], str]) -> None:
        self.t = translator
        self.display = display  # e.g. right-to-left reordering
        self.commands = {name: {msg.lower(), self.t.gettext(msg).lower()} for name, msg in COMMANDS.items()}

    def set_locale(self, code: str) -> None:
        if self.switch_locale is None or code == self.t.locale:
            return
        self._use(*self.switch_locale(code))
        if self.session_id is not None:
            self.store.set_locale(self.session_id, code)

    # --- language ---------------------------------------------------------------------
    def choose_language(self) -> None:
        """A numbered list of languages in their own names; or type a few words in your
        language and Veiviser suggests one (the user confirms)."""
        from assistant.i18n.autonyms import language_name

        codes = self.locales
        if not codes or self.switch_locale is None:
            return
        last = self._last_locale()  # Enter alone: the language the organisations were used in last
        while True:
            self.say("Språk · Language · اللغة · Luqadda · ቋንቋ · Мова · Język · زبان")
            for i, code in enumerate(codes, start=1):
                self.say(f"  {i}. {language_name(code)}" + ("  ↵" if code == last else ""))
            self.say(self.t.gettext("Write a number, or write a few words in your own language."))
            raw = self.ask("> ").strip()
            if self._command(raw) == "quit":
                raise Quit
            if raw.isdigit() and 1 <= int(raw) <= len(codes):
                self.set_locale(codes[int(raw) - 1])
                return
            if not raw:
                if last in codes and last != self.t.locale:
                    self.set_locale(last)
                return
            if self._confirm_suggestion(raw):
                return

    def _last_locale(self) -> str | None:
        if self.store is None:
            return self._last
        sessions = self.store.sessions()
        return sessions[0].locale if sessions else None

    def _confirm_suggestion(self, text: str) -> bool:
        from assistant.i18n.detect import language_prompt, suggest
        from assistant.i18n.catalog import get_translator

        suggestion = suggest(text, candidates=self.locales)
        question = language_prompt(suggestion)
        if question is None:
            self.say(self.t.gettext("I could not tell the language. Please choose a number."))
            return False
        other = get_translator(suggestion.locale)
        self.say(question)
        self.say(f"  1. {other.gettext('Yes')}\n  2. {other.gettext('No')}")
        answer = self.ask("> ").strip().lower()
        if answer == "1" or answer in {other.gettext("yes").lower(), "yes", "ja"}:
            self.set_locale(suggestion.locale)
            return True
        return False

    # --- output and input ---------------------------------------------------------------
    def say(self, text: str = "") -> None:
        for line in text.split("\n"):  # user text is data: controls shown, never sent
            self.out.write(visible(self.display(line)) + "\n")
        self.out.flush()

    def ask(self, prompt: str = "> ") -> str:
        self.out.write(visible(self.display(prompt)))
        self.out.flush()
        if self._input is not None:
            return self._input("")
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\n")

    def _command(self, text: str) -> str | None:
        low = text.strip().lower()
        if low == "?":
            return "help"
        for name, words in self.commands.items():
            if low in words:
                return name
        return None
