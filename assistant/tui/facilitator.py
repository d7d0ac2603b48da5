"""``veiviser facilitator``: the coordinator's view on the coordinator's own machine. Every
organisation in the data folder with its roadmap stage, progress in the current flow, last
change and flags; search; open one read-only; write a comment on an answer or on a section of
its application draft. The organisation sees the comment beside that answer.
"""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from assistant.facilitator import OrgRow, flag_text, overview, search
from assistant.i18n import N_
from assistant.i18n.format import show_value
from assistant.tui.app import VeiviserApp
from assistant.tui.screens.base import BaseScreen
from assistant.tui.widgets.keybar import KeyBar
from assistant.tui.widgets.text import Para


def row_text(app, row: OrgRow) -> str:
    flow = app.ct.flow_title(app.content.flows[row.flow]) if row.flow else ""
    progress = f"{flow} {row.answered}/{row.total}" if row.flow else ""
    head = f"{row.id}. {row.name} ({row.locale}) – {row.stage_title}"
    second = " · ".join(x for x in (progress, t_last(app, row.updated)) if x)
    flags = flag_text(app.t, row)
    return "\n".join(x for x in (head, "   " + second, ("   ⚑ " + flags) if flags else "") if x)


def t_last(app, updated: str) -> str:
    return app.t.format(N_("Last change: {date}"), date=updated.replace("T", " ")[:16])


class FacilitatorScreen(BaseScreen):
    KEY_SCOPE = "facilitator"

    def __init__(self):
        super().__init__()
        self.rows: list[OrgRow] = []
        self.shown: list[OrgRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="facilitator", classes="page"):
            yield Para("", id="fac-title", classes="title")
            yield Input(id="fac-search")
            yield OptionList(id="fac-orgs")
            yield Para("", id="hint", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.retranslate()
        self.query_one("#fac-orgs").focus()

    def retranslate(self) -> None:
        super().retranslate()
        t = self.app.t
        self.query_one("#fac-title", Para).set(t.gettext("Organisations"))
        self.query_one("#fac-search", Input).placeholder = t.gettext("Search")
        self.query_one("#hint", Para).set(t.gettext("Write in the search field to find an organisation. "
                                                    "Choose one and press Enter to read it."))
        self.reload()

    def reload(self) -> None:
        app = self.app
        self.rows = overview(app.content, app.store, app.t, app.today)
        self.fill()

    def fill(self) -> None:
        self.shown = search(self.rows, self.query_one("#fac-search", Input).value)
        lst = self.query_one("#fac-orgs", OptionList)
        lst.set_options([Option(self.app.bidi.line(row_text(self.app, r)), id=f"o-{r.id}") for r in self.shown])
        if self.shown:
            lst.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#fac-orgs").focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.push_screen(OrgScreen(self.shown[event.option_index].id), lambda _r: self.reload())

    def action_open(self) -> None:
        self.query_one("#fac-orgs", OptionList).action_select()

    def action_search(self) -> None:
        self.query_one("#fac-search").focus()


class OrgScreen(BaseScreen):
    """One organisation, read-only: its answers (and draft sections) with the comments on them."""

    KEY_SCOPE = "facilitator_org"

    def __init__(self, session_id: int):
        super().__init__()
        self.session_id = session_id
        self.targets: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="fac-org", classes="page"):
            yield Para("", id="org-title", classes="title")
            yield OptionList(id="org-answers")
            yield Input(id="org-comment")
            yield Para("", id="hint", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#org-comment").display = False
        self.retranslate()
        self.query_one("#org-answers").focus()

    def retranslate(self) -> None:
        super().retranslate()
        app, t = self.app, self.app.t
        info = app.store.session(self.session_id)
        self.query_one("#org-title", Para).set(f"{info.name} ({info.locale})")
        self.query_one("#org-comment", Input).placeholder = t.gettext("Comment")
        self.query_one("#hint", Para).set(t.gettext("Read only. Choose an answer and press C to write a "
                                                    "comment on it. The organisation sees it beside the answer."))
        self.fill()

    def items(self):
        """(target, heading, text) for every answered question and every draft section."""
        from assistant.store.comments import answer_target, section_target

        app = self.app
        content, answers = app.content, app.store.answers(self.session_id)
        seen: set[str] = set()
        for flow in content.sorted_flows():
            for q in flow.questions():
                if q.key in answers and q.key not in seen:
                    seen.add(q.key)
                    yield (answer_target(q.key), app.ct.step(flow.id, q, "prompt"),
                           show_value(q, answers[q.key], app.t, flow.id))
        scheme = content.grants.get(str(answers.get("grant.scheme") or ""))
        for sec in scheme.sections if scheme else ():
            text = "\n\n".join(str(answers.get(k) or "") for k in sec.keys).strip()
            yield section_target(scheme.id, sec.id), f"§ {sec.nb}", text

    def fill(self) -> None:
        from assistant.feedback import comment_lines
        from assistant.store.comments import Comments

        app = self.app
        width = max((app.size.width or 80) - 8, 20)
        comments = Comments(app.store).list(self.session_id)
        options, self.targets = [], []
        for target, heading, text in self.items():
            lines = textwrap.wrap(heading, width) + textwrap.wrap("→ " + text, width, initial_indent="   ",
                                                                   subsequent_indent="     ")
            for line in comment_lines(app.t, [c for c in comments if c.target == target]):
                lines += textwrap.wrap(line, width, initial_indent="   ", subsequent_indent="     ")
            options.append(Option("\n".join(app.bidi.line(x) for x in lines)))
            self.targets.append(target)
        lst = self.query_one("#org-answers", OptionList)
        keep = lst.highlighted
        lst.set_options(options)
        if options:
            lst.highlighted = min(keep or 0, len(options) - 1)

    def action_comment(self) -> None:
        if self.query_one("#org-answers", OptionList).highlighted is None:
            return
        box = self.query_one("#org-comment", Input)
        box.display = True
        box.value = ""
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        from assistant.store.comments import Comments

        text = event.value.strip()
        lst = self.query_one("#org-answers", OptionList)
        if text and lst.highlighted is not None:
            Comments(self.app.store).add(self.session_id, self.targets[lst.highlighted], self.app.author, text)
        event.input.display = False
        self.fill()
        lst.focus()

    def action_close(self) -> None:
        box = self.query_one("#org-comment", Input)
        if box.display:
            box.display = False
            self.query_one("#org-answers").focus()
            return
        self.dismiss(None)


class FacilitatorApp(VeiviserApp):
    def __init__(self, *args, author: str = "", **kw):
        super().__init__(*args, **kw)
        self.author = author

    def get_default_screen(self):
        self.load_more_css()
        return FacilitatorScreen()

    def _after_first_frame(self) -> None:
        self.load_more_css()

    @property
    def opened_session(self):  # the organisation's own "saved" message is not for this view
        return False

    @opened_session.setter
    def opened_session(self, value) -> None:
        pass


def make_facilitator_app(content, store, translator, options=None, author: str = "") -> FacilitatorApp:
    from assistant.tui.options import TuiOptions

    return FacilitatorApp(content, store, translator, options or TuiOptions(), author=author)
