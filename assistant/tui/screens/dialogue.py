"""The dialogue: the conversation so far, and the current question with the right input.

Everything shown is read from the Conversation (current step, path, answers, progress); the
screen only turns keys into ``submit``/``acknowledge``/``back``/``edit`` calls. Every submit is
committed by the Conversation before the next question is drawn.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.widgets import OptionList

from assistant.content.models import DocumentStep, InfoStep, QuestionStep, ReviewStep
from assistant.engine.validate import Invalid
from assistant.i18n import N_
from assistant.i18n.format import show_value
from assistant.store.errors import StoreError
from assistant.tui.screens.base import BaseScreen
from assistant.tui.screens.modals import facts_and_terms
from assistant.tui.widgets.answers import Answer, GoOn, LongTextAnswer, TextAnswer, answer_class, answer_for
from assistant.tui.widgets.lists import NumberedList
from assistant.tui.widgets.chat import Entry, Transcript
from assistant.tui.widgets.keybar import KeyBar
from assistant.tui.widgets.text import Para

BAR = 12
SUGGEST_SESSION_NAME = {"org.name"}  # keys whose empty input starts with the session's name


def bar(fraction: float, width: int = BAR) -> str:
    full = round(fraction * width)
    return "▰" * full + "▱" * (width - full)


class DialogueScreen(BaseScreen):
    KEY_SCOPE = "dialogue"

    def __init__(self, conv):
        super().__init__()
        self.conv = conv
        self.error: Invalid | None = None
        self.shown: tuple | None = None  # what the answer slot holds now
        self.drafts: dict[str, str] = {}  # typed but not saved, per step, while moving around
        self.latencies: list[float] = []  # seconds from Enter to the next question drawn
        self._busy = False
        self._overflow = False  # the guide's message does not fit: tell about PgDn

    # --- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Para("", id="where")
            yield Para("", id="progress")
        with Horizontal(id="body"):
            yield Transcript(id="transcript")
            yield Para("", id="roadmap-panel")
        with Vertical(id="answer-area"):
            yield Para("", id="banner", classes="banner")
            yield Para("", id="hint", classes="hint")
            yield Container(id="slot")
            yield Para("", id="error", classes="error")
        yield KeyBar()

    async def on_mount(self) -> None:
        await self.show_step()
        self.set_timer(0.3, self._prewarm)  # while the user reads the first question

    _prewarmed = False

    async def _prewarm(self) -> None:
        """Mount the heavier Textual inputs once, hidden, and remove them: their styles are
        parsed and their first-use set-up is done now, not between two questions."""
        cls = type(self)
        if cls._prewarmed or not self.is_attached:
            return
        cls._prewarmed = True
        from textual.widgets import SelectionList, TextArea

        holder = Container(TextArea(), SelectionList(), NumberedList([], []), classes="prewarm")
        holder.display = False
        await self.mount(holder)
        await holder.remove()

    # --- what the conversation looks like ---------------------------------------------------
    def entries(self) -> list[Entry]:
        conv = self.conv
        current = conv.current
        out: list[Entry] = []
        for step in conv.engine.path(conv.state):
            if current is not None and step.id == current.id:
                break
            out.extend(self._past(step))
        out.extend(self._now(current))
        return out

    def _beside(self, step) -> list[tuple[str, str]]:
        """A coordinator's comments on this answer, and what the content packs offer for it."""
        from assistant.feedback import answer_comments, comment_lines, note_lines, suggestion_lines
        from assistant.local import beside_question

        t = self.app.t
        out = [("aside", line) for line in comment_lines(t, answer_comments(self.conv, step.key))]
        out += [("aside", line) for line in note_lines(self.conv, t, step) + suggestion_lines(self.conv, t, step)]
        local = beside_question(self.app.content, step.key, self.conv.answers, self.app.t, self.app.today)
        return out + ([("panel", local)] if local else [])

    def _past(self, step) -> list[Entry]:
        ct, t, fid = self.app.ct, self.app.t, self.conv.flow.id
        if isinstance(step, QuestionStep):
            value = self.conv.answers.get(step.key)
            return [Entry(f"{step.id}:q", "guide", (("prompt", ct.step(fid, step, "prompt")),)),
                    Entry(f"{step.id}:a", "user", (("answer", show_value(step, value, t, fid)),))]
        title = ct.step(fid, step, "title")
        text = ct.step(fid, step, "text")
        parts = []
        if title:
            parts.append(("title", title))
        elif text:  # an info without a title: its first line is enough in the history
            parts.append(("text", text.strip().split("\n")[0]))
        if isinstance(step, DocumentStep):
            parts.extend(("text", "• " + ct.document_title(fid, step, d)) for d in step.documents)
        return [Entry(f"{step.id}:i", "guide", tuple(parts) or (("text", "…"),), tag="info")]

    def _now(self, step) -> list[Entry]:
        ct, t, fid = self.app.ct, self.app.t, self.conv.flow.id
        if step is None:
            return [Entry("end", "guide", (
                ("title", t.format(N_("You have finished: {flow}."), flow=ct.flow_title(self.conv.flow))),
                ("text", t.gettext("Everything you answered is saved. Choose what to do next.")),
            ), current=True)]
        parts: list[tuple[str, str]] = []
        if isinstance(step, QuestionStep):
            parts.append(("prompt", ct.step(fid, step, "prompt")))
            example = ct.step(fid, step, "example")
            if example:
                parts.append(("example", t.format(N_("Example: {example}"), example=example)))
            parts.extend(self._beside(step))
            return [Entry(f"{step.id}:q", "guide", tuple(parts), current=True)]
        title = ct.step(fid, step, "title")
        text = ct.step(fid, step, "text")
        if title:
            parts.append(("title", title))
        if text:
            parts.append(("text", text))
        if isinstance(step, InfoStep) and getattr(step, "panel", None):
            from assistant.i18n.content import panel_text

            panel = panel_text(self.app.content, step, self.conv.answers, t, self.app.today)
            if panel:
                parts.append(("panel", panel))
        from assistant.feedback import note_lines

        parts.extend(("aside", line) for line in note_lines(self.conv, t, step))
        if isinstance(step, DocumentStep):
            parts.extend(("text", "• " + ct.document_title(fid, step, d)) for d in step.documents)
            from assistant.feedback import draft_comment_lines

            parts.extend(("aside", line) for line in draft_comment_lines(self.conv, t))  # beside, never in it
            refused = self._refusals(step)
            if refused:
                parts.append(("problem", t.gettext("The document cannot be made yet:")))
                parts.extend(("problem", "! " + p) for p in refused)
                parts.append(("text", t.gettext("Choose an answer below and change it.")))
                return [Entry(f"{step.id}:i", "guide", tuple(parts), current=True)]
            parts.append(("aside", t.gettext("The documents are in Norwegian, as the registers and "
                                            "funders need them.")))
        parts.extend(facts_and_terms(self.app, step))
        return [Entry(f"{step.id}:i", "guide", tuple(parts) or (("text", "…"),), current=True)]

    def _earlier_note(self) -> str:
        return "… " + self.app.t.gettext("Earlier answers are in the list of answers (F2).")

    # --- drawing ---------------------------------------------------------------------------
    async def show_step(self, force: bool = False) -> None:
        """Draw the current step: the conversation, the bars, and (when the step changed) a new
        input. Everything is drawn in one frame."""
        conv = self.conv
        step = conv.current
        key = (step.id if step else None, conv.state.focus, conv.state.mode)
        swap = force or key != self.shown
        with self.app.batch_update():
            work = [self.query_one(Transcript).show(self.entries(), self._earlier_note())]
            widget = None
            if swap:
                self.shown = key
                self.error = None
                old = self.answer_widget()
                cls = answer_class(step) if isinstance(step, QuestionStep) else None
                kept = None
                if cls is not None and getattr(cls, "REUSABLE", False):
                    slot = self.query_one("#slot")
                    kept = next((c for c in slot.children if type(c) is cls), None)
                if kept is not None:
                    kept.reuse(step, self._current_value(step))  # same kind: no remount
                    widget = kept
                    if kept is not old:
                        work.append(self._swap_slot(kept, old))
                else:
                    widget = self._widget_for(step)
                    work.append(self._swap_slot(widget, old))
            await asyncio.gather(*work)
            if widget is not None:
                if isinstance(widget, (TextAnswer, LongTextAnswer)) and step is not None and step.id in self.drafts:
                    widget.set_text(self.drafts.pop(step.id))
                if isinstance(step, QuestionStep) and step.norwegian:
                    self.set_timer(0.05, self._warm_language_check)  # once the question is drawn
                elif isinstance(step, DocumentStep):
                    self.set_timer(0.05, self._warm_documents)  # while the user reads the actions
            self._topbar(step)
            self._banner()
            self._hint(step)
            self._error()
            self._focus_slot()
            if self.has_class("-wide"):
                self._panel()

    def answer_widget(self):
        """The input shown in the answer slot (kept inputs of other kinds are hidden there)."""
        slot = self.query_one("#slot")
        return next((c for c in slot.children if c.display), None)

    async def _swap_slot(self, widget, old) -> None:
        """Show ``widget`` in the slot instead of ``old``: a kept input is hidden, not removed."""
        slot = self.query_one("#slot")
        if old is not None:
            if getattr(old, "KEEP", False):
                old.display = False
            else:
                await old.remove()
        if widget.parent is slot:
            widget.display = True
        else:
            await slot.mount(widget, before=0)

    def _widget_for(self, step):
        t = self.app.t
        if isinstance(step, QuestionStep):
            return answer_for(step, self.conv.flow.id, self._current_value(step))
        if isinstance(step, InfoStep):
            return GoOn("▶ " + t.gettext("Go on"), id="go-on", classes="go-on")
        if isinstance(step, ReviewStep):
            from assistant.tui.screens.review import ReviewList

            return ReviewList(self.conv, go_on=True, id="review-step")
        if isinstance(step, DocumentStep):
            if self._refusals(step):
                from assistant.tui.screens.review import ReviewList

                return ReviewList(self.conv, go_on=False, id="review-step")
            return NumberedList(self._doc_labels(), ["read", "save", "go_on"], highlight=0, id="doc-actions")
        return NumberedList(self._end_labels(), self._end_values(), highlight=0, id="end-actions")

    def _refusals(self, step: DocumentStep) -> list[str]:
        """Why the answers cannot make this document yet (e.g. a budget that does not add up)."""
        out: list[str] = []
        for spec in step.documents:
            for problem in self.conv.document_problems(spec):
                out.append(problem.translate(self.app.t))
        return out

    def _current_value(self, step: QuestionStep) -> Any:
        """What the input starts with: the saved answer, or a suggestion (not saved)."""
        current = self.conv.answers.get(step.key) if step.key in self.conv.answers else None
        found = self.conv.suggestion(step) if current is None else None
        if found is not None:  # computed from what is known (the accounts from the grants)
            current = found.value
        if current is None and step.key in SUGGEST_SESSION_NAME:
            # the user gave the organisation's name when they started: offer it
            current = self.app.store.session(self.conv.session_id).name
        return current

    def _doc_labels(self) -> list[str]:
        t = self.app.t
        return [t.gettext("Read the draft here") + " (F5)", t.gettext("Save the document as files"),
                t.gettext("Go on")]

    def _end_values(self) -> list[str]:
        values = ["roadmap"]
        if self._document_step() is not None:
            values.append("read")
        return values + ["quit"]

    def _end_labels(self) -> list[str]:
        t = self.app.t
        labels = {"roadmap": t.gettext("See the roadmap and choose what to do next"),
                  "read": t.gettext("Read the document again"),
                  "quit": t.gettext("Save and quit")}
        return [labels[v] for v in self._end_values()]

    def _focus_slot(self) -> None:
        child = self.answer_widget()
        if isinstance(child, Answer):
            child.focus_input()
        elif child is not None and child.can_focus:
            child.focus()

    def _topbar(self, step) -> None:
        app, t, ct = self.app, self.app.t, self.app.ct
        name = app.store.session(self.conv.session_id).name
        self.query_one("#where", Para).set(f"{name} · {ct.flow_title(self.conv.flow)}")
        p = self.conv.progress()
        if step is None:
            text = t.gettext("Finished") + " " + bar(1.0)
        elif p.total:
            text = t.format(N_("Question {n} of {total}"), n=min(p.answered + 1, p.total),
                            total=p.total) + " " + bar(p.fraction)
        else:
            text = ""
        self.query_one("#progress", Para).set(text)
        bar_, where, progress = self.query_one("#topbar"), self.query_one("#where"), self.query_one("#progress")
        first = bar_.children[0] if bar_.children else None
        if self.app.bidi.reorders and first is where:  # right to left: progress on the left
            bar_.move_child(progress, before=where)
        elif not self.app.bidi.reorders and first is progress:
            bar_.move_child(where, before=progress)

    def _banner(self) -> None:
        t = self.app.t
        mode = self.conv.state.mode if self.conv.state.focus else None
        banner = self.query_one("#banner", Para)
        if mode == "edit":
            banner.set(t.gettext("You are changing an earlier answer. Your other answers are kept."))
        elif mode == "back":
            banner.set(t.gettext("You went back. Your answers are kept: press Enter to keep one, or "
                                 "change it."))
        banner.display = mode in ("edit", "back")

    def _known_people(self, step: QuestionStep) -> list[str]:
        people = self.conv.answers.get(step.choose_from) if step.choose_from else None
        if not isinstance(people, list):
            return []
        return [str(p["name"]) for p in people if isinstance(p, dict) and p.get("name")]

    def _chosen(self, step: QuestionStep, raw: Any) -> Any:
        """A number typed for a person named before becomes that person's name."""
        known = self._known_people(step)

        def pick(text: Any) -> Any:
            t = str(text).strip()
            return known[int(t) - 1] if t.isdigit() and 1 <= int(t) <= len(known) else text
        if not known:
            return raw
        if isinstance(raw, str):
            return pick(raw)
        if isinstance(raw, list):
            return [dict(p, name=pick(p.get("name", ""))) if isinstance(p, dict) else p for p in raw]
        return raw

    def _hint(self, step) -> None:
        t = self.app.t
        parts: list[str] = []
        widget = self.answer_widget()
        if isinstance(step, QuestionStep) and isinstance(widget, Answer):
            parts.append(widget.hint())
            known = self._known_people(step)
            if known:  # people entered once are chosen from afterwards, by number
                parts.append(t.format(N_("Or write the number of a person named before: {people}"),
                                      people=", ".join(f"{i} = {n}" for i, n in enumerate(known, start=1))))
            if not step.validation.required and step.key not in self.conv.answers:
                parts.append(t.gettext("You can skip this question: press Enter."))
        elif isinstance(step, InfoStep):
            parts.append(t.gettext("Press Enter to go on."))
        elif isinstance(step, ReviewStep):
            parts.append(t.gettext("Choose an answer and press Enter to change it, or go on."))
        elif isinstance(step, DocumentStep) and isinstance(widget, OptionList) and widget.id == "review-step":
            parts.append(t.gettext("Choose an answer and press Enter to change it."))
        elif isinstance(step, DocumentStep) or step is None:
            parts.append(t.gettext("Choose with the arrow keys or a number, then press Enter."))
        if self._overflow:
            parts.append(t.gettext("PgDn/PgUp: read the whole message."))
        self.query_one("#hint", Para).set(" ".join(parts))

    def _error(self) -> None:
        err = self.query_one("#error", Para)
        if self.error is None:
            err.display = False
            return
        err.set("! " + self.error.translate(self.app.t))
        err.display = True

    def _panel(self) -> None:
        from assistant.tui.screens.roadmap import summary_lines

        t = self.app.t
        lines = [t.gettext("Roadmap"), ""] + summary_lines(self.app)
        self.query_one("#roadmap-panel", Para).set("\n".join(lines))

    def on_resize(self) -> None:
        if self.has_class("-wide"):
            self._panel()

    def retranslate(self) -> None:
        super().retranslate()
        self.run_worker(self._retranslate(), exclusive=True, group="retranslate")

    async def _retranslate(self) -> None:
        step = self.conv.current
        widget = self.answer_widget()
        if isinstance(widget, Answer):
            widget.retranslate()
        elif isinstance(widget, GoOn):
            widget.set("▶ " + self.app.t.gettext("Go on"))
        elif isinstance(widget, NumberedList):
            widget.relabel(self._doc_labels() if widget.id == "doc-actions" else self._end_labels())
        elif widget is not None and hasattr(widget, "fill"):
            widget.fill()
        await self.query_one(Transcript).show(self.entries(), self._earlier_note())
        self._topbar(step)
        self._banner()
        self._hint(step)
        self._error()
        if self.has_class("-wide"):
            self._panel()

    # --- answering -------------------------------------------------------------------------
    def on_transcript_overflow(self, event: Transcript.Overflow) -> None:
        if event.overflow != self._overflow:
            self._overflow = event.overflow
            self._hint(self.conv.current)

    def on_answer_hint_changed(self, event: Answer.HintChanged) -> None:
        event.stop()
        self._hint(self.conv.current)
        self._clear_error()

    def on_input_changed(self, event) -> None:
        self._clear_error()

    def on_text_area_changed(self, event) -> None:
        self._clear_error()

    def _clear_error(self) -> None:
        """The user is changing the answer: the old message no longer applies."""
        if self.error is not None:
            self.error = None
            self._error()

    async def on_answer_submitted(self, event: Answer.Submitted) -> None:
        event.stop()
        if event.help:
            self.action_help()
            return
        await self.submit(event.raw)

    async def submit(self, raw: Any) -> None:
        if self._busy:
            return
        started = time.perf_counter()
        conv, t = self.conv, self.app.t
        step = conv.current
        if not isinstance(step, QuestionStep):
            return
        raw = self._chosen(step, raw)
        try:
            stale_before = set(conv.out_of_date())  # reads the store: its faults are told below
            _key, value = conv.submit(raw, yes_words=[t.gettext("yes")], no_words=[t.gettext("no")],
                                      role_words=self.app.ct.role_words(conv.flow.id, conv.current))
        except Invalid as exc:
            self.error = exc
            self._error()
            return
        except StoreError as exc:  # e.g. a full disk: say so; the answer stays in the input
            err = self.query_one("#error", Para)
            kept = "" if exc.maybe_saved else "\n" + t.gettext("Your answer was not saved. It is still in the "
                                                               "box: try again.")
            err.set("! " + exc.translate(t) + kept)  # maybe_saved: the message says to save it again
            err.display = True
            return
        if conv.notice is not None:  # the input rule removed control characters: say so
            self.notify(conv.notice.translate(t), severity="warning", timeout=8)
        self._busy = True
        try:
            await self.show_step()
        finally:
            self._busy = False
        stale = [name for name in conv.out_of_date() if name not in stale_before]
        if stale:  # a written document no longer shows this answer
            self.notify(t.format(N_("Out of date now: {files}. Write these documents again at their step."),
                                 files=", ".join(stale)), severity="warning", timeout=10)
        self.call_after_refresh(lambda: self.latencies.append(time.perf_counter() - started))
        # after the next question is drawn: the check may load language detection in a thread
        self.call_after_refresh(self._check_language, step, value)

    async def on_go_on_pressed(self, event: GoOn.Pressed) -> None:
        event.stop()
        await self.acknowledge()

    async def acknowledge(self) -> None:
        if self.conv.current is not None and not isinstance(self.conv.current, QuestionStep):
            self.conv.acknowledge()
            if self.conv.opened:  # e.g. "apply again": the application, its answers kept
                self.app.open_flow(self.conv.opened)
                return
            await self.show_step()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        lst = event.option_list
        if not isinstance(lst, NumberedList) or lst.id not in ("doc-actions", "end-actions"):
            return
        event.stop()
        choice = lst.values[event.option_index]
        if choice == "read":
            self.action_preview()
        elif choice == "save":
            self._save_documents()
        elif choice == "go_on":
            await self.acknowledge()
        elif choice == "roadmap":
            self.action_roadmap()
        elif choice == "quit":
            self.app.action_save_quit()

    async def on_review_list_chosen(self, event) -> None:
        from assistant.tui.screens.review import GO_ON

        event.stop()
        if event.step_id == GO_ON:
            await self.acknowledge()
        else:
            self.conv.edit(event.step_id)
            await self.show_step()

    def _save_documents(self) -> None:
        step = self.conv.current if isinstance(self.conv.current, DocumentStep) else self._document_step()
        if step is None:
            return
        from assistant.render import DocumentRefused

        out = self.app.documents_dir(self.conv.session_id)
        t = self.app.t
        try:
            written = self.conv.write_documents(out, step=step)
        except DocumentRefused as exc:
            self.notify("\n".join(p.translate(t) for p in exc.problems), severity="error", timeout=10)
            return
        except OSError as exc:
            self.notify(t.format(N_("The files could not be saved: {reason}"), reason=exc.strerror or str(exc)),
                        severity="error")
            return
        names = ", ".join(p.name for p in written)
        self.notify(t.format(N_("Saved in {folder}: {files}"), folder=str(out), files=names), timeout=8)
        self.query_one("#hint", Para).set("✓ " + t.format(N_("Saved in {folder}: {files}"),
                                                          folder=str(out), files=names))

    # --- the language of free-text answers ----------------------------------------------------
    def _detect_module(self):
        try:
            from assistant.i18n import detect
        except ImportError:
            return None
        return detect

    def _detector(self):
        detect = self._detect_module()
        return getattr(detect, "is_norwegian", None) if detect is not None else None

    def _warm_documents(self) -> None:
        """Import python-docx and build the Markdown parser in a thread, once, while a document
        step is read: the first save took 70-110 ms more than later ones for these alone."""
        if getattr(self.app, "_documents_warm", False):
            return
        self.app._documents_warm = True

        def warm() -> None:
            import assistant.render.docx  # noqa: F401  (registers the DOCX writer)
            from assistant.render import _md

            _md()

        self.run_worker(warm, thread=True, group="documents")

    def _warm_language_check(self) -> None:
        """Load language detection in a thread while the user writes (never at start-up)."""
        if getattr(self.app, "_detect_warm", False) or self._detector() is None:
            return
        detect = self._detect_module()

        def warm() -> None:
            try:
                if hasattr(detect, "warm_up"):
                    detect.warm_up()
                else:
                    detect.is_norwegian("Foreningen skal hjelpe medlemmene.")
            finally:
                self.app._detect_warm = True

        self.run_worker(warm, thread=True, group="detect")

    def _check_language(self, step: QuestionStep, value: Any) -> None:
        if not (step.norwegian and isinstance(value, str) and value.strip()):
            return
        detect = self._detector()
        if detect is None:
            return
        if getattr(self.app, "_detect_warm", False):
            self._language_result(step, value, detect(value))
            return

        def check() -> None:
            result = detect(value)
            self.app._detect_warm = True
            self.app.call_from_thread(self._language_result, step, value, result)

        self.run_worker(check, thread=True, group="detect")

    def _language_result(self, step: QuestionStep, value: str, norwegian: bool | None) -> None:
        if norwegian is not False:
            return
        from assistant.tui.screens.modals import LanguageCheckScreen

        mark = getattr(self.conv, "mark_for_translation", None)

        async def chosen(choice: str | None) -> None:
            if choice == "rewrite":
                self.conv.edit(step.id)
                await self.show_step()
            elif choice == "mark" and mark is not None:
                mark(step.key)
                self.notify(self.app.t.gettext("Marked. The document shows that this part needs translation."))

        self.app.push_screen(LanguageCheckScreen(value, can_mark=mark is not None), chosen)

    # --- keys ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "preview":
            return self._document_step() is not None
        if action == "help":
            return self.conv.current is not None or None
        return True

    def _document_step(self) -> DocumentStep | None:
        """The document to preview: the one shown now, else the last one passed, else the first."""
        current = self.conv.current
        if isinstance(current, DocumentStep):
            return current
        passed = None
        for s in self.conv.engine.path(self.conv.state):
            if current is not None and s.id == current.id:
                break
            if isinstance(s, DocumentStep):
                passed = s
        if passed is not None:
            return passed
        return next((s for s in self.conv.flow.steps if isinstance(s, DocumentStep)), None)

    def _keep_draft(self) -> None:
        step = self.conv.current
        widget = self.answer_widget()
        if isinstance(step, QuestionStep) and isinstance(widget, (TextAnswer, LongTextAnswer)):
            typed = widget.value()
            if isinstance(typed, str) and typed != (self.conv.answers.get(step.key) or ""):
                self.drafts[step.id] = typed

    async def action_back(self) -> None:
        before = self.conv.state
        current = self.conv.current
        self._keep_draft()
        self.conv.back()
        if self.conv.state is before or self.conv.current is current:
            self.notify(self.app.t.gettext("This is the first question."))
            return
        await self.show_step()

    def action_help(self) -> None:
        from assistant.tui.screens.modals import HelpScreen

        step = self.conv.current
        if step is not None:
            self.app.push_screen(HelpScreen(self.conv.flow, step))

    def action_review(self) -> None:
        from assistant.tui.screens.review import ReviewScreen

        self._keep_draft()

        async def back_from_review(step_id: str | None) -> None:
            if step_id:
                self.conv.edit(step_id)
            await self.show_step()

        self.app.push_screen(ReviewScreen(self.conv), back_from_review)

    def action_roadmap(self) -> None:
        from assistant.tui.screens.roadmap import RoadmapScreen

        self._keep_draft()
        current = None if self.conv.finished else self.conv.flow.id  # finished: suggest what is next
        self.app.push_screen(RoadmapScreen(base=False, current_flow=current))

    def action_preview(self) -> None:
        from assistant.tui.screens.preview import PreviewScreen

        step = self._document_step()
        if step is None:
            return
        refused = self._refusals(step)
        if refused:
            self.notify("\n".join(refused), title=self.app.t.gettext("The document cannot be made yet:"),
                        severity="warning", timeout=10)
            return
        self.app.push_screen(PreviewScreen(self.conv, step))

    def action_scroll_conversation(self, direction: int) -> None:
        transcript = self.query_one(Transcript)
        if direction < 0:
            transcript.scroll_page_up(animate=False)
        else:
            transcript.scroll_page_down(animate=False)

    async def action_submit(self) -> None:
        widget = self.answer_widget()
        if isinstance(widget, Answer):
            widget.submit()
        elif isinstance(widget, GoOn):
            await self.acknowledge()
