"""Start: choose the language, then a saved organisation or a new one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget

from assistant.i18n import N_
from assistant.tui.screens.base import BaseScreen
from assistant.tui.widgets.quicklist import QuickList
from assistant.tui.widgets.keybar import KeyBar
from assistant.tui.widgets.text import Para

FIRST = ("nb", "nn", "en")


def language_choices(locales_dir, shaped: bool = True) -> list[tuple[str, str]]:
    """(code, the language's name in its own script), Norwegian first. With ``shaped``,
    right-to-left names are made ready for a terminal that does not reorder (this loads the
    shaping tables: the start screen does it just after its first frame)."""
    from assistant.i18n.catalog import available_locales
    from assistant.tui.rtl import Direction, is_rtl, language_name

    codes = [c for c in available_locales(locales_dir) if not c.startswith("qps")]
    try:  # the same order as the plain mode's language list
        from assistant.commands import launch_order

        codes = launch_order(codes)
    except ImportError:
        codes.sort(key=lambda c: (FIRST.index(c) if c in FIRST else len(FIRST), c))
    out = []
    for code in codes:
        name = language_name(code)
        if shaped and is_rtl(code):
            name = Direction(code).line(name)
        out.append((code, name))
    return out


class Row(Widget):
    """A row for the language list, so it can sit on the reading side (textual.containers is
    not loaded before the first screen: it costs time to import)."""

    DEFAULT_CSS = "Row { layout: horizontal; height: auto; }"


class StartScreen(BaseScreen):
    KEY_SCOPE = "start"

    def compose(self) -> ComposeResult:
        self.choices = language_choices(self.app.options.locales_dir, shaped=False)
        codes = [c for c, _ in self.choices]
        here = codes.index(self.app.t.locale) if self.app.t.locale in codes else 0
        yield Para("Veiviser", id="brand", classes="brand")
        yield Para("", id="lead", classes="lead")
        with Row(classes="list-row"):
            yield QuickList([n for _, n in self.choices], codes, highlight=here, id="languages")
        yield Para("", id="hint", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.retranslate()
        self.query_one("#languages").focus()
        if self.app.is_ready:  # else the app calls after_first_frame once the first frame is drawn
            self.after_first_frame()

    def after_first_frame(self) -> None:
        """Shape right-to-left names now; it loads the shaping tables, so not before the first frame."""
        shaped = language_choices(self.app.options.locales_dir)
        languages = self.query_one("#languages", QuickList)
        if shaped != self.choices:
            self.choices = shaped
            languages.relabel([n for _, n in shaped])
        # the list starts on the language the organisations were used in last (the store is
        # open now), unless the user has already moved
        codes = [c for c, _ in self.choices]
        last = self._last_locale()
        here = codes.index(self.app.t.locale) if self.app.t.locale in codes else 0
        if last in codes and languages.highlighted == here:
            languages.highlighted = codes.index(last)

    def _last_locale(self) -> str | None:
        from assistant.store import StoreError

        try:
            sessions = self.app.store.sessions()
        except StoreError:
            return None
        return sessions[0].locale if sessions else None

    def retranslate(self) -> None:
        super().retranslate()
        t = self.app.t
        self.query_one("#lead", Para).set(t.gettext("Choose your language"))
        self.query_one("#hint", Para).set(t.gettext("Choose with the arrow keys or a number, then "
                                                    "press Enter."))

    def on_quick_list_chosen(self, event: QuickList.Chosen) -> None:
        event.stop()
        code = self.choices[event.index][0]
        self.app.set_language(code)
        self.app.push_screen(OrganisationScreen())

    def action_choose(self) -> None:
        self.query_one("#languages", QuickList).choose()


class OrganisationScreen(BaseScreen):
    KEY_SCOPE = "organisation"

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical, VerticalScroll
        from textual.widgets import Input

        from assistant.tui.widgets.lists import NumberedList

        self.sessions = self.app.store.sessions()
        with VerticalScroll(id="organisation", classes="page"):
            yield Para("", id="welcome", classes="lead")
            yield Para("", id="unreviewed", classes="note")
            yield Para("", id="saved-label", classes="label")
            yield NumberedList(self._labels(), [s.id for s in self.sessions] + [None], highlight=0,
                               id="sessions")
            with Vertical(id="new"):
                yield Para("", id="new-question", classes="prompt")
                yield Input(select_on_focus=False, id="new-name")
                yield Para("", id="new-error", classes="error")
            yield Para("", id="hint", classes="hint")
        yield KeyBar()

    def _labels(self) -> list[str]:
        t = self.app.t
        labels = [f"{s.name}  · " + t.format(N_("{count} answers"), count=s.answers) for s in self.sessions]
        return labels + ["+ " + t.gettext("Start a new organisation")]

    def on_mount(self) -> None:
        self.query_one("#new-name").cursor_blink = self.app.options.cursor_blink
        self.query_one("#new-error").display = False
        if self.sessions:
            self.query_one("#new").display = False
            self.query_one("#sessions").focus()
        else:
            self.query_one("#sessions").display = False
            self.query_one("#saved-label").display = False
            self.query_one("#new-name").focus()
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        t = self.app.t
        self.query_one("#welcome", Para).set(t.gettext(
            "Welcome to Veiviser. I help your organisation step by step. Your answers are saved "
            "as you go."))
        unreviewed = self.query_one("#unreviewed", Para)
        unreviewed.set(t.gettext("This translation has not yet been checked by a native speaker."))
        unreviewed.display = bool(t.catalogs) and not t.reviewed
        self.query_one("#saved-label", Para).set(t.gettext("Saved organisations:"))
        self.query_one("#sessions").relabel(self._labels())
        self.query_one("#new-question", Para).set(t.gettext(
            "What is the name of your organisation (or group)?"))
        if self.sessions:
            hint = t.gettext("Choose an organisation to go on where you stopped, or start a new one.")
        else:
            hint = t.gettext("Write the name and press Enter. You can change it later.")
        self.query_one("#hint", Para).set(hint)

    def on_option_list_option_selected(self, event) -> None:
        event.stop()
        sid = self.query_one("#sessions").values[event.option_index]
        if sid is None:
            self.query_one("#new").display = True
            self.query_one("#new-name").focus()
            return
        self.app.open_session(sid)

    def on_input_submitted(self, event) -> None:
        event.stop()
        name = " ".join(event.value.split())
        if not name:
            err = self.query_one("#new-error", Para)
            err.set("! " + self.app.t.gettext("This question needs an answer."))
            err.display = True
            return
        sid = self.app.store.create_session(name, self.app.t.locale)
        self.app.open_session(sid)

    def action_back(self) -> None:
        if self.query_one("#new").display and self.sessions:
            self.query_one("#new").display = False
            self.query_one("#sessions").focus()
            return
        self.app.show_base(StartScreen())
