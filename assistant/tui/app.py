"""The Textual app and its one factory, :func:`make_app`, used by the CLI and by the tests.

The app holds no dialogue logic: screens talk to a :class:`~assistant.session.Conversation`. The
app owns what is shared: the store, the content (parsed on first use, or in a thread once the
first screen shows), the translator, the right-to-left display and the theme.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any
from collections.abc import Callable

from textual.app import App
from textual.theme import Theme

from assistant.i18n import N_, Translator, get_translator
from assistant.tui import keymap
from assistant.tui.options import DEFAULT_THEME, HIGH_CONTRAST, TuiOptions, theme_name
from assistant.tui.rtl import Direction

THEMES = (
    Theme(
        name=DEFAULT_THEME,
        primary="#4f9fe0",
        secondary="#2c6aa0",
        accent="#f2b84b",
        warning="#f2b84b",
        error="#ff6b6b",
        success="#5cc28a",
        foreground="#e6e6e6",
        background="#161a20",
        surface="#1f242c",
        panel="#2a313b",
        dark=True,
    ),
    Theme(
        name=HIGH_CONTRAST,
        primary="#ffff00",
        secondary="#00ffff",
        accent="#ffff00",
        warning="#ffff00",
        error="#ff8080",
        success="#00ff00",
        foreground="#ffffff",
        background="#000000",
        surface="#000000",
        panel="#000000",
        boost="#000000",
        dark=True,
        luminosity_spread=0.0,
        text_alpha=1.0,
        variables={
            "block-cursor-foreground": "#000000",
            "block-cursor-background": "#ffff00",
            "block-cursor-text-style": "bold",
            "block-cursor-blurred-foreground": "#000000",
            "block-cursor-blurred-background": "#ffffff",
            "footer-key-foreground": "#ffff00",
            "footer-description-foreground": "#ffffff",
            "footer-background": "#000000",
            "input-cursor-background": "#ffff00",
            "input-cursor-foreground": "#000000",
            "input-selection-background": "#ffff00 60%",
            "border": "#ffffff",
            "border-blurred": "#aaaaaa",
            "text-muted": "#ffffff",
            "foreground-muted": "#ffffff",
            "scrollbar": "#ffffff",
            "scrollbar-background": "#000000",
            "button-color-foreground": "#000000",
            "button-focus-text-style": "reverse bold",
        },
    ),
)


class VeiviserApp(App[int]):
    CSS_PATH = "veiviser.tcss"  # what the first screens need
    MORE_CSS = "screens.tcss"  # the rest: added by load_more_css, once the first frame is drawn
    TITLE = "Veiviser"
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def __init__(self, content: Any, store: Any, translator: Translator,
                 options: TuiOptions | None = None,
                 translator_factory: Callable[[str], Translator] | None = None):
        self.options = options or TuiOptions()
        super().__init__()
        self._content_source = content
        self._content = None if callable(content) else content
        self._content_lock = threading.Lock()
        self._store_source = store
        self._store = None if callable(store) else store
        self.store_notes: list[str] = []  # what opening the store had to say (a database moved aside)
        self.store_error: Exception | None = None  # the store could not be opened: the CLI says why
        self._translator_factory = translator_factory or (
            lambda code: get_translator(code, self.options.locales_dir))
        self.session_id: int | None = None
        self.opened_session = False  # a session was opened (then "saved" is worth saying)
        self._use(translator)
        for theme in THEMES:
            self.register_theme(theme)
        # set without the watcher: the stylesheet is parsed once, with this theme, at start
        chosen = theme_name(self.options.theme)
        self.set_reactive(App.theme, chosen if chosen in self.available_themes else DEFAULT_THEME)
        self.stylesheet.set_variables(self.get_css_variables())  # not parsed yet: no cost
        if not self.options.animations:
            self.animation_level = "none"
        self._bindings = keymap.bindings_map("app", self.label, type(self)._merged_bindings)

    # --- shared services -------------------------------------------------------------------
    def _use(self, translator: Translator) -> None:
        self.t = translator
        self._ct = None
        self.bidi = Direction(translator.locale, self.options.rtl_mode)
        self.set_class(self.bidi.reorders, "-rtl")

    def label(self, msgid: str) -> str:
        """A short translated text (a key's name in the footer), ready to draw."""
        return self.bidi.line(self.t.gettext(msgid))

    @property
    def ct(self):
        """Content strings in the user's language (loaded on first use: it needs the models)."""
        if self._ct is None:
            from assistant.i18n.content import ContentText

            self._ct = ContentText(self.t)
        return self._ct

    @property
    def plain_styles(self) -> bool:
        """No dimmed text in the high-contrast theme."""
        return self.theme == HIGH_CONTRAST

    @property
    def store(self):
        """The store; opened on first use (the language list does not need it before it shows)."""
        if self._store is None:
            self._store = self._store_source()
        return self._store

    @property
    def store_opened(self) -> bool:
        return self._store is not None

    # --- user text and crashes ---------------------------------------------------------
    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification is literal text: never markup, controls shown as pictures. It goes
        through the same right-to-left handling as every other text: wrapped to the toast's width
        first, then each line reordered (paths and numbers keep their order)."""
        from assistant.usertext import visible

        message, title = visible(str(message)), visible(title)
        if self.bidi.reorders:
            width = max(min(60, self.size.width // 2) - 4, 16)  # Toast: width 60, max 50 %, padding
            message = "\n".join(self.bidi.lines(message, width))
            title = self.bidi.line(title) if title else title
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    async def on_event(self, event: Any) -> None:
        """A paste is cleaned by the input rule before any input sees it: escape sequences and
        controls from a web page or a terminal never reach the screen (the answer is checked
        again when it is submitted)."""
        from textual import events

        if isinstance(event, events.Paste) and not event.is_forwarded:
            from assistant.usertext import clean_paste

            text = clean_paste(event.text)
            if text != event.text:
                event = events.Paste(text)
        await super().on_event(event)

    data_dir: Path | None = None  # where a crash report goes (else the store's folder)
    crash_report: Path | None = None

    def _handle_exception(self, error: Exception) -> None:
        """A bug: save a crash report, say so in the user's language after the UI closes, and
        exit non-zero. No traceback on the screen (it is in the report). A storage fault
        anywhere (a full disk when moving on, a session deleted elsewhere) is no bug: stop cleanly
        and let the CLI print its message and exit code."""
        from rich.text import Text

        from assistant.store import StoreError

        if isinstance(error, StoreError):
            self.store_error = error
            self.exit(error.exit_code)
            return

        from assistant.errors import EXIT_CRASH, crash_message, save_crash_report

        folder = self.data_dir or (self._store.dir if self._store is not None else None)
        self.crash_report = save_crash_report(error, folder)
        self._return_code = EXIT_CRASH
        if self._exception is None:  # Pilot re-raises it in tests
            self._exception = error
            self._exception_event.set()
        self._exit_renderables.append(Text(crash_message(self.t, self.crash_report)))
        self._close_messages_no_wait()

    def _open_store(self) -> bool:
        from assistant.store import StoreError

        try:
            self.store  # noqa: B018 - opening is the point
        except StoreError as exc:  # a newer or unusable database: the CLI says so after the UI
            self.store_error = exc
            self.exit(1)
            return False
        for note in self.store_notes:
            self.notify(note, severity="warning", timeout=15)
        return True

    @property
    def content(self):
        if self._content is None:
            with self._content_lock:
                if self._content is None:
                    self._content = self._content_source()
        return self._content

    @property
    def today(self):
        return self.options.today

    def documents_dir(self, session_id: int) -> Path:
        if self.options.out_dir:
            return Path(self.options.out_dir)
        return self.store.documents_dir(session_id)

    # --- start -------------------------------------------------------------------------------
    def get_default_screen(self):
        # The first screen is the bottom of the stack. Later main screens are pushed over it and
        # replaced with show_base (Textual cannot switch away from the bottom screen).
        from assistant.tui.screens.start import OrganisationScreen, StartScreen

        if self.options.session_id is not None or self.options.new_name:
            self.load_more_css()
            return self._first_session_screen()
        return StartScreen() if self.options.ask_language else OrganisationScreen()

    _more_css = False

    def load_more_css(self) -> None:
        """Add the styles of the later screens. Only the new file is parsed (Textual keeps the
        others' parsed rules), and nothing on the first screens uses these rules."""
        if self._more_css:
            return
        self._more_css = True
        path = Path(__file__).with_name(self.MORE_CSS)
        self.stylesheet.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))
        self.stylesheet.parse()

    def push_screen(self, screen, *args, **kw):
        self.load_more_css()  # in case a screen comes before the first frame (tests, fast typists)
        return super().push_screen(screen, *args, **kw)

    def switch_screen(self, screen):
        self.load_more_css()
        return super().switch_screen(screen)

    def _first_session_screen(self):
        sid = self.options.session_id
        if sid is None:
            sid = self.store.create_session(self.options.new_name, self.t.locale)
        return self.screen_for_session(sid, flow_id=self.options.flow_id)

    is_ready = False

    def on_ready(self) -> None:
        """The first screen is drawn and takes keys. What it does not need is done next, before
        any key is handled (keys wait in the same queue)."""
        self.is_ready = True
        if self.options.ready_file:  # the benchmark's mark: the first interactive screen
            # wall clock, and the CPU time the process has used (less disturbed by a busy machine)
            Path(self.options.ready_file).write_text(f"{time.time()!r} {time.process_time()!r}",
                                                     encoding="utf-8")
        self.call_later(self._after_first_frame)

    def _after_first_frame(self) -> None:
        self.load_more_css()  # every later screen has its styles
        if not self._open_store():
            return
        if hasattr(self.screen, "after_first_frame"):
            self.screen.after_first_frame()
        if self.options.exit_on_ready:
            self.exit(0)
            return
        if self.opened_session:  # started straight into an organisation (--session / --new)
            self.check_content()
        if self.t.problems:  # a broken catalog never stops Veiviser: say so
            self.notify("\n".join(self.t.problems[:3]), severity="warning", timeout=10,
                        title=self.t.gettext("Some translations could not be read, so some text is "
                                             "shown in English:"))
        if self.options.preload_content:
            threading.Thread(target=self._preload, daemon=True, name="preload").start()

    def _preload(self) -> None:
        """While the user reads the first screen: parse the content and import what the dialogue
        needs, so the first question does not wait for it."""
        self.content  # noqa: B018 - parsing is the point
        import assistant.session  # noqa: F401
        import assistant.tui.screens.dialogue  # noqa: F401
        import assistant.tui.widgets.lists  # noqa: F401  (OptionList: the organisation screen)
        import textual.containers  # noqa: F401
        import textual.widgets._input  # noqa: F401
        import textual.widgets._selection_list  # noqa: F401
        import textual.widgets._text_area  # noqa: F401
        from assistant.i18n import format as F

        locale = self.t.locale  # Babel parses a locale's number and date patterns on first use
        F.number(12500, locale), F.nok(12500, locale), F.date("2026-03-15", locale)
        self.freeze_heap()

    @staticmethod
    def freeze_heap() -> None:
        """Move what is loaded now (content models, catalogs, Textual's classes: hundreds of
        thousands of objects that live as long as the app) out of the garbage collector's way.
        Otherwise every full collection walks them all: 60-90 ms pauses between two questions."""
        import gc

        gc.collect()
        gc.freeze()

    # --- moving between the main screens ---------------------------------------------------
    def screen_for_session(self, session_id: int, flow_id: str | None = None):
        """The screen to show when an organisation is opened: where it left off, or the roadmap."""
        from assistant.tui.screens.roadmap import RoadmapScreen

        self.session_id = session_id
        self.opened_session = True
        info = self.store.session(session_id)
        if info.locale != self.t.locale:
            self.store.set_locale(session_id, self.t.locale)
        content = self.content
        flow_id = flow_id or info.current_flow
        if flow_id and flow_id in content.flows:
            conv = self.conversation(flow_id)
            if not conv.finished or self.options.flow_id:
                from assistant.tui.screens.dialogue import DialogueScreen

                return DialogueScreen(conv)
        return RoadmapScreen(base=True)

    def conversation(self, flow_id: str):
        from assistant.session import Conversation

        return Conversation(self.store, self.session_id, self.content, flow_id, today=self.today)

    def show_base(self, screen) -> None:
        """Make ``screen`` the bottom screen, closing everything above it."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) == 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)  # over the first screen, which stays below, hidden

    def open_session(self, session_id: int) -> None:
        self.show_base(self.screen_for_session(session_id))
        self.check_content()

    def open_flow(self, flow_id: str) -> None:
        from assistant.tui.screens.dialogue import DialogueScreen

        self.show_base(DialogueScreen(self.conversation(flow_id)))

    def check_content(self) -> None:
        if self.content.problems:
            from assistant.tui.screens.modals import ProblemsScreen

            self.push_screen(ProblemsScreen([str(p) for p in self.content.problems]))

    # --- language ----------------------------------------------------------------------------
    def set_language(self, code: str) -> None:
        """Switch the whole UI to another language. Answers are not touched."""
        if code == self.t.locale:
            return
        self._use(self._translator_factory(code))
        if self.session_id is not None:
            self.store.set_locale(self.session_id, code)
        self._bindings = keymap.bindings_map("app", self.label, type(self)._merged_bindings)
        from assistant.tui.widgets.lists import Keyed

        for screen in list(self.screen_stack):
            for node in screen.walk_children(with_self=False):
                if isinstance(node, Keyed):
                    node.install_keys(self.label)
            if hasattr(screen, "retranslate"):
                screen.retranslate()
        self.refresh_bindings()
        self.refresh_css()

    # --- actions -----------------------------------------------------------------------------
    def action_language(self) -> None:
        from assistant.tui.screens.modals import LanguageScreen

        if not isinstance(self.screen, LanguageScreen):
            self.push_screen(LanguageScreen())

    def action_save_quit(self) -> None:
        from assistant.tui.screens.modals import QuitScreen

        if isinstance(self.screen, QuitScreen):
            self.exit(0)
            return
        self.push_screen(QuitScreen())

    def action_toggle_contrast(self) -> None:
        self.theme = DEFAULT_THEME if self.theme == HIGH_CONTRAST else HIGH_CONTRAST
        for screen in self.screen_stack:
            for transcript in screen.query("Transcript"):
                transcript.restyle()

    def saved_message(self) -> str:
        return self.t.gettext("Everything you answered is saved. Come back any time to go on.")


def make_app(content: Any = None, store: Any = None, translator: Translator | None = None,
             options: TuiOptions | None = None, **option_overrides: Any) -> VeiviserApp:
    """Build the app. ``content`` may be a Content or a function that loads it (called on first
    use); ``store`` is a Store; ``translator`` a Translator (default: Norwegian bokmål)."""
    options = options or TuiOptions()
    for name, value in option_overrides.items():
        setattr(options, name, value)
    if content is None:
        from assistant.content.loader import load_content

        content = lambda: load_content(check=False)  # noqa: E731
    if store is None:
        from assistant import paths
        from assistant.store import Store

        store = Store(paths.data_dir())
    if translator is None:
        translator = get_translator("nb", options.locales_dir)
    return VeiviserApp(content, store, translator, options)


__all__ = ["VeiviserApp", "make_app", "N_"]
