"""The roadmap: the organisation's journey, what is done and what is next; open a guide here."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, OptionList
from textual.widgets.option_list import Option

from assistant.i18n import N_
from assistant.tui.screens.base import BaseScreen
from assistant.tui.widgets.text import Para

MARKS = {"done": "✓", "started": "◐", "todo": "○", "empty": "·"}


def stages_for(app):
    from assistant.tui.journey import journey

    sid = app.session_id
    answers = app.store.answers(sid)
    states = app.store.flow_states(sid)
    return journey(app.content, answers, states, app.today)


def stage_label(app, stage) -> str:
    if stage.label:
        return app.t.gettext(stage.label)
    return app.ct.flow_title(stage.flows[0].flow) if stage.flows else stage.code


def status_text(app, fs) -> str:
    t = app.t
    if fs.status == "done":
        return t.gettext("done")
    if fs.status == "started":
        return t.format(N_("started: {answered} of {total} questions"), answered=fs.progress.answered,
                        total=fs.progress.total)
    return t.gettext("not started")


def summary_lines(app, stages) -> list[str]:
    """Short lines for the side panel."""
    out = []
    for i, stage in enumerate(stages, start=1):
        mark = "→" if stage.next else MARKS[stage.status]
        out.append(f"{mark} {i}. {stage_label(app, stage)}")
    return out


class RoadmapScreen(BaseScreen):
    KEY_SCOPE = "roadmap"

    def __init__(self, base: bool = False, current_flow: str | None = None):
        super().__init__()
        self.base = base
        self.current_flow = current_flow
        self.targets: list[str | None] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="roadmap", classes="page"):
            yield Para("", id="roadmap-title", classes="title")
            yield Para("", id="roadmap-lead", classes="lead")
            yield OptionList(id="stages")
            yield Para("", id="hint", classes="hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.retranslate()
        self.query_one("#stages").focus()

    def retranslate(self) -> None:
        super().retranslate()
        app, t = self.app, self.app.t
        name = app.store.session(app.session_id).name
        self.query_one("#roadmap-title", Para).set(app.bidi.line(
            t.format(N_("The road for {name}"), name=name)))
        self.query_one("#roadmap-lead", Para).set(app.bidi.line(t.gettext(
            "These are the steps most organisations go through. Choose a guide and press Enter.")))
        self.query_one("#hint", Para).set(t.gettext(
            "✓ done   ◐ started   → next   · no guide in Veiviser yet"))
        self._fill()

    def _fill(self) -> None:
        app, t, d = self.app, self.app.t, self.app.bidi
        stages = stages_for(app)
        options: list[Option] = []
        self.targets = []
        highlight = None
        for i, stage in enumerate(stages, start=1):
            mark = "→" if stage.next else MARKS[stage.status]
            label = stage_label(app, stage)
            if not stage.flows:
                options.append(Option(d.line(f"{mark} {i}. {label} — {t.gettext('no guide yet')}"),
                                      disabled=True))
                self.targets.append(None)
                continue
            if len(stage.flows) == 1:
                fs = stage.flows[0]
                options.append(Option(d.line(f"{mark} {i}. {label} — {status_text(app, fs)}")))
                self.targets.append(fs.flow.id)
                if highlight is None and (fs.flow.id == self.current_flow or stage.next and not self.current_flow):
                    highlight = len(options) - 1
                continue
            options.append(Option(d.line(f"{mark} {i}. {label}"), disabled=True))
            self.targets.append(None)
            for fs in stage.flows:
                fmark = MARKS[fs.status] if fs.status != "new" else "○"
                options.append(Option(d.line(f"     {fmark} {app.ct.flow_title(fs.flow)} — "
                                             f"{status_text(app, fs)}")))
                self.targets.append(fs.flow.id)
                if highlight is None and (fs.flow.id == self.current_flow
                                          or stage.next and fs.status != "done" and not self.current_flow):
                    highlight = len(options) - 1
        lst = self.query_one("#stages", OptionList)
        lst.set_options(options)
        if highlight is None:
            highlight = next((i for i, tgt in enumerate(self.targets) if tgt), None)
        if highlight is not None:
            lst.highlighted = highlight

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.targets[event.option_index]
        if target:
            self.app.open_flow(target)

    def action_open(self) -> None:
        self.query_one("#stages", OptionList).action_select()

    def action_close(self) -> None:
        if self.base:
            from assistant.tui.screens.start import OrganisationScreen

            self.app.show_base(OrganisationScreen())
        else:
            self.dismiss()
