"""Review and edit: every answer on the path; choose one to change it, then come back."""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.i18n.format import show_value
from assistant.tui.screens.base import BaseScreen
from assistant.tui.widgets.keybar import KeyBar
from assistant.tui.widgets.text import Para, literal

GO_ON = "__go_on__"


class ReviewList(OptionList):
    """Each answer as two lines (question, answer). Posts :class:`Chosen` with a step id, or
    :data:`GO_ON` for the "everything is right" option."""

    class Chosen(Message):
        def __init__(self, step_id: str):
            super().__init__()
            self.step_id = step_id

    def __init__(self, conv, *, go_on: bool = False, id: str | None = None):
        super().__init__(id=id)
        self.conv = conv
        self.go_on = go_on
        self.ids: list[str] = []

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        app = self.app
        t, ct, d = app.t, app.ct, app.bidi
        fid = self.conv.flow.id
        width = max((self.size.width or app.size.width) - 6, 20)
        options: list[Option] = []
        self.ids = []
        if self.go_on:
            options.append(Option(literal("✓ " + d.line(t.gettext("Everything is right: go on"))), id=GO_ON))
            self.ids.append(GO_ON)
        marked = set(self.conv.needs_translation()) if hasattr(self.conv, "needs_translation") else set()
        for i, item in enumerate(self.conv.review(), start=1):
            prompt = ct.step(fid, item.step, "prompt")
            value = show_value(item.step, item.value, t, fid)
            if item.step.key in marked:
                value += "  (" + t.gettext("marked for translation") + ")"
            mark = "" if item.valid else "! "
            if d.reorders:
                # the arrow on the reading side (the right), whatever script the value is in
                body = [f"{line} {'←' if n == 0 else ' '}"
                        for n, line in enumerate(d.lines(f"{mark}{value}", width - 3))]
                lines = d.lines(f"{i}. {prompt}", width) + body
                text = "\n".join(lines)
            else:
                head = textwrap.wrap(f"{i}. {prompt}", width, subsequent_indent="   ") or [""]
                body = textwrap.wrap(f"→ {mark}{value}", width, initial_indent="   ",
                                     subsequent_indent="     ") or ["   →"]
                text = "\n".join(head + body)
            text += self._comments(item.step.key, width)  # a coordinator's comments, beside the answer
            options.append(Option(literal(text), id=f"s-{item.step.id}"))
            self.ids.append(item.step.id)
        keep = self.highlighted
        self.set_options(options)
        if options:
            self.highlighted = min(keep or 0, len(options) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.ids[event.option_index]))

    def _comments(self, key: str, width: int) -> str:
        if not hasattr(self.conv, "comments"):
            return ""
        from assistant.feedback import answer_comments, comment_lines

        found = answer_comments(self.conv, key)
        lines = comment_lines(self.app.t, found)
        if any(not c.is_done for c in found):
            lines.append("F7: " + self.app.t.gettext("Mark the comments done"))
        d = self.app.bidi
        out: list[str] = []
        for line in lines:
            out += d.lines(line, width - 3) if d.reorders else textwrap.wrap(
                line, width, initial_indent="   ", subsequent_indent="     ")
        return "".join("\n" + x for x in out)

    def mark_done(self) -> None:
        """Mark the comments on the highlighted answer done."""
        if self.highlighted is None or self.ids[self.highlighted] == GO_ON:
            return
        step = self.conv.flow.step(self.ids[self.highlighted])
        from assistant.feedback import answer_comments

        for c in answer_comments(self.conv, step.key):
            if not c.is_done:
                self.conv.mark_comment_done(c.id)
        self.fill()


class ReviewScreen(BaseScreen):
    """Dismisses with the step id to change, or None to go back unchanged."""

    KEY_SCOPE = "review"

    def __init__(self, conv):
        super().__init__()
        self.conv = conv

    def compose(self) -> ComposeResult:
        with Vertical(id="review", classes="page"):
            yield Para("", id="review-title", classes="title")
            yield Para("", id="review-empty", classes="lead")
            yield ReviewList(self.conv, id="answers")
            yield Para("", id="hint", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.retranslate()
        self.query_one("#answers").focus()

    def retranslate(self) -> None:
        super().retranslate()
        t = self.app.t
        self.query_one("#review-title", Para).set(
            t.gettext("Your answers") + " · " + self.app.ct.flow_title(self.conv.flow))
        answers = self.query_one(ReviewList)
        if answers.is_mounted:
            answers.fill()
        empty = not self.conv.review()
        self.query_one("#review-empty", Para).set(
            t.gettext("You have not answered any questions yet.") if empty else "")
        self.query_one("#review-empty").display = empty
        self.query_one("#hint", Para).set(t.gettext(
            "Choose an answer and press Enter to change it. Esc takes you back to where you were."))

    def on_review_list_chosen(self, event: ReviewList.Chosen) -> None:
        event.stop()
        self.dismiss(event.step_id)

    def action_edit(self) -> None:
        self.query_one(ReviewList).action_select()

    def action_comment_done(self) -> None:
        self.query_one(ReviewList).mark_done()

    def action_close(self) -> None:
        self.dismiss(None)
