"""Small screens over the others: help, language, save & quit, language check, content problems."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList

from assistant.content.models import QuestionStep
from assistant.i18n.content import source_text
from assistant.tui import keymap
from assistant.tui.screens.base import BaseModal
from assistant.tui.widgets.lists import NumberedList
from assistant.tui.widgets.keybar import KeyBar
from assistant.tui.widgets.text import Para


def facts_and_terms(app, step) -> list[tuple[str, str]]:
    """The Norwegian terms of a step with their meaning, and its sourced facts."""
    t, ct, content = app.t, app.ct, app.content
    parts: list[tuple[str, str]] = []
    for tid in step.terms:
        term = content.terms.get(tid)
        if term:
            parts.append(("term", f"{term.nb} — {ct.term_name(term)}: {ct.term_explanation(term)}"
                          if ct.term_name(term).casefold() != term.nb.casefold()
                          else f"{term.nb}: {ct.term_explanation(term)}"))
    for fid in step.facts:
        fact = content.facts.get(fid)
        if fact:
            parts.append(("fact", "• " + ct.fact(fact)))
            parts.append(("source", "  " + source_text(t, fact.source)))
            if fact.time_sensitive:
                parts.append(("source", "  " + t.gettext(
                    "This can change. Check the current page before you act.")))
    return parts


def help_parts(app, flow, step) -> list[tuple[str, str]]:
    t, ct = app.t, app.ct
    fid = flow.id
    parts: list[tuple[str, str]] = []
    heading = ct.step(fid, step, "prompt") or ct.step(fid, step, "title")
    if heading:
        parts.append(("title", heading))
    explanation = ct.step(fid, step, "help") or ct.step(fid, step, "text")
    if explanation:
        parts.append(("label", t.gettext("What this means")))
        parts.append(("text", explanation))
    example = ct.step(fid, step, "example") if isinstance(step, QuestionStep) else ""
    if example:
        parts.append(("label", t.gettext("Example answer")))
        parts.append(("example", example))
    more = facts_and_terms(app, step)
    terms = [p for p in more if p[0] == "term"]
    facts = [p for p in more if p[0] != "term"]
    if terms:
        parts.append(("label", t.gettext("Norwegian words")))
        parts.extend(terms)
    if facts:
        parts.append(("label", t.gettext("Good to know")))
        parts.extend(facts)
    parts.append(("label", t.gettext("Keys")))
    for k in keymap.help_rows():
        parts.append(("keys", f"{keymap.key_text(k):<6} {t.gettext(k.description)}"))
    return parts


class HelpScreen(BaseModal):
    KEY_SCOPE = "help"

    def __init__(self, flow, step):
        super().__init__()
        self.flow = flow
        self.step = step

    def compose(self) -> ComposeResult:
        with Vertical(id="help", classes="dialog"):
            yield Para("", id="help-heading", classes="dialog-title")
            yield VerticalScroll(id="help-body")
            yield Para("", id="help-hint", classes="hint")
        yield KeyBar()

    async def on_mount(self) -> None:
        await self._fill()
        self.query_one("#help-body").focus()

    async def _fill(self) -> None:
        app = self.app
        self.query_one("#help-heading", Para).set(app.t.gettext("Help"))
        self.query_one("#help-hint", Para).set(app.t.gettext("Arrow keys scroll. Esc closes the help."))
        body = self.query_one("#help-body")
        await body.remove_children()
        await body.mount_all([Para(text, classes=cls) for cls, text in help_parts(app, self.flow, self.step)])

    def retranslate(self) -> None:
        super().retranslate()
        self.run_worker(self._fill(), exclusive=True)

    def action_close(self) -> None:
        self.dismiss()


class LanguageScreen(BaseModal):
    KEY_SCOPE = "language"

    def compose(self) -> ComposeResult:
        from assistant.tui.screens.start import language_choices

        self.choices = language_choices(self.app.options.locales_dir)
        codes = [c for c, _ in self.choices]
        here = codes.index(self.app.t.locale) if self.app.t.locale in codes else 0
        with Vertical(id="language", classes="dialog"):
            yield Para("", id="language-title", classes="dialog-title")
            yield NumberedList([n for _, n in self.choices], codes, highlight=here, id="languages",
                               shaped=True)
            yield Para("", id="language-hint", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.retranslate()
        self.query_one("#languages").focus()

    def retranslate(self) -> None:
        super().retranslate()
        t = self.app.t
        self.query_one("#language-title", Para).set(t.gettext("Choose your language"))
        self.query_one("#language-hint", Para).set(t.gettext(
            "Your answers are kept when you change the language. The documents stay in Norwegian."))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.set_language(self.choices[event.option_index][0])
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()


class QuitScreen(BaseModal):
    KEY_SCOPE = "quit"

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(id="quit", classes="dialog"):
            yield Para(self.app.saved_message() if self.app.opened_session
                       else t.gettext("Nothing is lost: you can come back any time."),
                       id="quit-text", classes="lead")
            yield NumberedList([t.gettext("Quit now"), t.gettext("Go on working")], ["leave", "stay"],
                               highlight=0, id="quit-choice")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#quit-choice").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index == 0:
            self.app.exit(0)
        else:
            self.dismiss()

    def action_leave(self) -> None:
        self.app.exit(0)

    def action_stay(self) -> None:
        self.dismiss()


class LanguageCheckScreen(BaseModal):
    """The answer goes into a Norwegian document but does not look Norwegian: keep, rewrite, or
    mark it for translation. Dismisses with "keep", "rewrite" or "mark"."""

    KEY_SCOPE = "language_check"

    def __init__(self, answer: str, can_mark: bool):
        super().__init__()
        self.answer = answer
        self.choices = ["keep", "rewrite"] + (["mark"] if can_mark else [])

    def compose(self) -> ComposeResult:
        t = self.app.t
        labels = {"keep": t.gettext("Keep it as it is"),
                  "rewrite": t.gettext("Write it again"),
                  "mark": t.gettext("Keep it, and mark it for someone to translate")}
        short = self.answer if len(self.answer) <= 160 else self.answer[:157] + "…"
        with Vertical(id="language-check", classes="dialog"):
            yield Para(t.gettext("This answer does not look like Norwegian. The document will be in "
                                 "Norwegian, so the reader may not understand it."), classes="lead")
            yield Para(f"“{short}”", classes="quote")
            yield NumberedList([labels[c] for c in self.choices], self.choices, highlight=0,
                               id="check-choice")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#check-choice").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index])

    def action_keep(self) -> None:
        self.dismiss("keep")


class ProblemsScreen(BaseModal):
    KEY_SCOPE = "problems"

    def __init__(self, problems: list[str]):
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(id="problems", classes="dialog"):
            yield Para(t.gettext("Some guides could not be loaded. Tell the people who maintain "
                                 "Veiviser. The other guides work."), classes="lead")
            with VerticalScroll(id="problems-list"):
                for p in self.problems:
                    yield Para(p, classes="source")
            yield NumberedList([t.gettext("Go on")], ["ok"], highlight=0, id="problems-ok")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#problems-ok").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss()
