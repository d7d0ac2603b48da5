"""Document preview: the rendered draft (Norwegian) in a scrollable view, with export to files."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown

from assistant.i18n import N_
from assistant.tui.screens.base import BaseScreen
from assistant.tui.widgets.keybar import KeyBar
from assistant.tui.widgets.text import Para


class PreviewScreen(BaseScreen):
    KEY_SCOPE = "preview"

    def __init__(self, conv, step):
        super().__init__()
        self.conv = conv
        self.step = step
        self.written: list = []

    def compose(self) -> ComposeResult:
        docs = self.conv.render(self.step)
        with Vertical(id="preview", classes="page"):
            yield Para("", id="preview-title", classes="title")
            with VerticalScroll(id="document"):
                for doc in docs:
                    yield Markdown(doc.markdown, classes="document")
            yield Para("", id="saved", classes="saved")
            yield Para("", id="hint", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#saved").display = False
        self.retranslate()
        self.query_one("#document").focus()

    def retranslate(self) -> None:
        super().retranslate()
        t, ct = self.app.t, self.app.ct
        fid = self.conv.flow.id
        titles = ", ".join(ct.document_title(fid, self.step, doc) for doc in self.step.documents)
        draft = t.gettext("Draft")
        self.query_one("#preview-title", Para).set(f"{draft}: {titles}")
        self.query_one("#hint", Para).set(t.gettext(
            "The document is in Norwegian, as the registers and funders need it. Arrow keys scroll. "
            "Ctrl+S saves it to files."))
        self._show_saved()

    def _show_saved(self) -> None:
        if not self.written:
            return
        t = self.app.t
        folder = self.written[0].parent
        names = ", ".join(p.name for p in self.written)
        saved = self.query_one("#saved", Para)
        saved.set("✓ " + t.format(N_("Saved in {folder}: {files}"), folder=str(folder), files=names))
        saved.display = True

    def action_export(self) -> None:
        out = self.app.documents_dir(self.conv.session_id)
        try:
            self.written = self.conv.write_documents(out, step=self.step)
        except OSError as exc:
            self.notify(self.app.t.format(N_("The files could not be saved: {reason}"),
                                          reason=exc.strerror or str(exc)), severity="error")
            return
        self._show_saved()

    def action_close(self) -> None:
        self.dismiss(self.written)
