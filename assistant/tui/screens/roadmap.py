"""The roadmap: the organisation's journey (content/roadmap.toml, judged by assistant.roadmap),
what is done and what is next, and progress in each guide; open a guide here."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.i18n import N_
from assistant.tui.screens.base import BaseScreen
from assistant.tui.widgets.keybar import KeyBar
from assistant.tui.widgets.text import Para, literal

MARKS = {"done": "✓", "next": "→", "todo": "○"}


@dataclass(frozen=True)
class Row:
    text: str
    flow_id: str | None  # None: a heading, not chosen
    stage_id: str | None
    current: bool = False  # the flow the user came from
    suggested: bool = False  # not finished, in the stage that is next


def journey(app):
    """Stage statuses for the open organisation, and the flows that belong to no stage."""
    from assistant.roadmap import stage_flows, status

    content = app.content
    sid = app.session_id
    answers = app.store.answers(sid)
    seen = app.store.flow_states(sid)
    stages = status(content, answers, seen)
    placed = {f for stage in content.roadmap for f in stage_flows(content, stage)}
    others = []
    if [f for f in content.flows if f not in placed]:
        from assistant.roadmap import flow_status

        others = [flow_status(content, f.id, answers, seen.get(f.id, ()))
                  for f in content.sorted_flows() if f.id not in placed]
    return stages, others


def flow_state_text(app, fs) -> str:
    t = app.t
    if fs.finished:
        return t.gettext("done")
    if fs.started:
        return t.format(N_("started: {answered} of {total} questions"), answered=fs.progress.answered,
                        total=fs.progress.total)
    return t.gettext("not started")


def rows(app, current_flow: str | None = None) -> list[Row]:
    ct, t = app.ct, app.t
    content = app.content
    stages, others = journey(app)
    out: list[Row] = []
    for i, st in enumerate(stages, start=1):
        mark = MARKS[st.state]
        title = ct.stage_title(st.stage)
        if not st.flows:
            suffix = t.gettext("done") if st.state == "done" else t.gettext("no guide in Veiviser yet")
            out.append(Row(f"{mark} {i}. {title} — {suffix}", None, st.stage.id))
        elif len(st.flows) == 1:
            fs = st.flows[0]
            # the stage's own state, not the guide's: a guide read is not a step done
            if st.state == "done":
                state_text = t.gettext("done")
            elif fs.finished:
                state_text = t.gettext("guide read, not done yet")
            else:
                state_text = flow_state_text(app, fs)
            out.append(Row(f"{mark} {i}. {title} — {state_text}", fs.flow_id, st.stage.id,
                           fs.flow_id == current_flow and not fs.finished, st.state == "next"))
        else:
            out.append(Row(f"{mark} {i}. {title}", None, st.stage.id))
            for fs in st.flows:
                fmark = "✓" if fs.finished else ("◐" if fs.started else "○")
                flow = content.flows[fs.flow_id]
                out.append(Row(f"      {fmark} {ct.flow_title(flow)} — {flow_state_text(app, fs)}",
                               fs.flow_id, st.stage.id, fs.flow_id == current_flow and not fs.finished,
                               st.state == "next" and not fs.finished))
    if others:
        out.append(Row(t.gettext("Other guides"), None, None))
        for fs in others:
            fmark = "✓" if fs.finished else ("◐" if fs.started else "○")
            flow = content.flows[fs.flow_id]
            out.append(Row(f"      {fmark} {ct.flow_title(flow)} — {flow_state_text(app, fs)}",
                           fs.flow_id, None, fs.flow_id == current_flow))
    return out


def summary_lines(app) -> list[str]:
    """Short lines for the side panel of the dialogue on wide terminals."""
    stages, _others = journey(app)
    return [f"{MARKS[st.state]} {i}. {app.ct.stage_title(st.stage)}" for i, st in enumerate(stages, start=1)]


class RoadmapScreen(BaseScreen):
    KEY_SCOPE = "roadmap"

    def __init__(self, base: bool = False, current_flow: str | None = None):
        super().__init__()
        self.base = base
        self.current_flow = current_flow
        self.rows: list[Row] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="roadmap", classes="page"):
            yield Para("", id="roadmap-title", classes="title")
            yield OptionList(id="stages")
            yield Para("", id="stage-summary", classes="lead")
            yield Para("", id="local-help", classes="hint")  # who can help here (content packs)
            yield Para("", id="hint", classes="hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.retranslate()
        self.query_one("#stages").focus()

    def retranslate(self) -> None:
        super().retranslate()
        app, t = self.app, self.app.t
        name = app.store.session(app.session_id).name
        self.query_one("#roadmap-title", Para).set(
            t.format(N_("The road for {name}"), name=name))
        self.query_one("#hint", Para).set(t.gettext(
            "✓ done   → next   ◐ started   ○ not yet. Choose a guide and press Enter."))
        self._fill()

    def _fill(self) -> None:
        d = self.app.bidi
        self.rows = rows(self.app, self.current_flow)
        options = [Option(literal(d.line(r.text)), disabled=r.flow_id is None) for r in self.rows]
        lst = self.query_one("#stages", OptionList)
        keep = lst.highlighted
        lst.set_options(options)
        highlight = next((i for i, r in enumerate(self.rows) if r.current), None)
        if highlight is None:
            highlight = next((i for i, r in enumerate(self.rows) if r.suggested), None)
        if highlight is None:
            highlight = next((i for i, r in enumerate(self.rows) if r.flow_id), None)
        lst.highlighted = keep if keep is not None and keep < len(options) and self.rows[keep].flow_id else highlight
        self._summary()

    def _summary(self) -> None:
        lst = self.query_one("#stages", OptionList)
        text = ""
        if lst.highlighted is not None and lst.highlighted < len(self.rows):
            row = self.rows[lst.highlighted]
            stage = next((s for s in self.app.content.roadmap if s.id == row.stage_id), None)
            if stage is not None:
                text = self.app.ct.stage_summary(stage)
            elif row.flow_id:
                text = self.app.ct.flow_summary(self.app.content.flows[row.flow_id])
        self.query_one("#stage-summary", Para).set(text)
        from assistant.local import help_text

        app = self.app
        local = help_text(app.content, app.store.answers(app.session_id), app.t)
        self.query_one("#local-help", Para).set(local)
        self.query_one("#local-help").display = bool(local)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._summary()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.rows[event.option_index].flow_id
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
