"""Plain line-by-line front end: one question at a time, numbered choices, no escape codes.

Works in a pipe, in a dumb terminal and with a screen reader. Commands start with "/" (or "?"
for help) and have translated names too; the English ones always work.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TextIO
from collections.abc import Callable

from assistant.content.loader import Content
from assistant.content.models import DocumentStep, InfoStep, QuestionStep, QuestionType as T, ReviewStep, Step
from assistant.engine.validate import Invalid, choice_by_line
from assistant.i18n import N_, Translator
from assistant.i18n.content import ContentText, panel_text, source_text
from assistant.i18n.format import show_value
from assistant.render import DocumentRefused
from assistant.roadmap import flow_status, status
from assistant.plain_answers import AnswerPrompts
from assistant.plain_language import COMMANDS, LineIO, Quit  # noqa: F401  (COMMANDS, Quit: part of this module's API)
from assistant.session import Conversation, start_organisation
from assistant.store import Store, StoreError


class PlainUI(AnswerPrompts, LineIO):
    def __init__(self, content: Content, store: Store, translator: Translator, *,
                 input_fn: Callable[[str], str] | None = None, out: TextIO | None = None,
                 out_dir: Path | None = None, today: dt.date | None = None,
                 display: Callable[[str], str] | None = None,
                 switch_locale: Callable[[str], tuple[Translator, Callable[[str], str]]] | None = None,
                 locales: list[str] | None = None):
        self.content = content
        self.store = store
        self.out_dir = out_dir
        self.today = today
        self.session_id: int | None = None
        self.conversation: Conversation | None = None
        super().__init__(translator, input_fn=input_fn, out=out, display=display,
                         switch_locale=switch_locale, locales=locales)

    def _use(self, translator: Translator, display: Callable[[str], str]) -> None:
        super()._use(translator, display)
        self.ct = ContentText(translator)

    # --- choosing an organisation and a flow -----------------------------------------------
    def choose_session(self) -> int:
        sessions = self.store.sessions()
        _ = self.t.gettext
        if sessions:
            self.say(_("Saved organisations:"))
            for i, s in enumerate(sessions, start=1):
                self.say(f"  {i}. {s.name}")
            self.say(f"  {len(sessions) + 1}. " + _("Start a new organisation"))
            while True:
                raw = self.ask(_("Choose a number: "))
                cmd = self._command(raw)
                if cmd == "quit":
                    raise Quit
                if cmd:
                    self.say(_("Commands: /back, /review, /help, /menu, /language, /quit"))
                    continue
                if raw.strip().isdigit() and 1 <= int(raw) <= len(sessions) + 1:
                    n = int(raw)
                    if n <= len(sessions):
                        return sessions[n - 1].id
                    break
                self.say(_("Choose one of the numbers 1 to {count}.").format(count=len(sessions) + 1))
        while True:
            name = self.ask(_("What is the name of your organisation (or group)? "))
            cmd = self._command(name)
            if cmd == "quit":
                raise Quit
            if cmd:  # a command is never taken for a name
                self.say(_("Commands: /back, /review, /help, /menu, /language, /quit"))
                continue
            if name.strip():
                return start_organisation(self.store, self.content, name.strip(), self.t.locale)
            self.say(_("This question needs an answer."))

    def choose_flow(self, session_id: int) -> str | None:
        _ = self.t.gettext
        flows = self.content.sorted_flows()
        answers = self.store.answers(session_id)
        states = self.store.flow_states(session_id)
        if self.content.roadmap:

            self.say()
            self.say(_("Your organisation's journey:"))
            marks = {"done": _("done"), "next": _("next"), "todo": ""}
            for i, st in enumerate(status(self.content, answers, states), start=1):
                mark = marks[st.state]
                self.say(f"  {i}. {self.ct.stage_title(st.stage)}" + (f"  [{mark}]" if mark else ""))
            from assistant.local import help_text

            local = help_text(self.content, answers, self.t)  # "who can help you here", from a pack
            if local:
                self.say()
                for line in local.splitlines():
                    self.say(line)
        self.say()
        self.say(_("What do you want to work on?"))
        for i, flow in enumerate(flows, start=1):
            fs = flow_status(self.content, flow.id, answers, states.get(flow.id, []))
            mark = _("done") if fs.finished else _("started") if fs.started else ""
            line = f"  {i}. {self.ct.flow_title(flow)}"
            self.say(line + (f"  [{mark}]" if mark else ""))
            self.say(f"     {self.ct.flow_summary(flow)}")
        while True:
            raw = self.ask(_("Choose a number, or /quit: "))
            cmd = self._command(raw)
            if cmd == "quit":
                return None
            if cmd == "language":
                self.choose_language()
                return self.choose_flow(session_id)  # the list again, in the new language
            if cmd:  # no question here to go back to or to explain: what can be typed
                self.say(_("Commands: /back, /review, /help, /menu, /language, /quit"))
                continue
            if raw.strip().isdigit() and 1 <= int(raw) <= len(flows):
                return flows[int(raw) - 1].id
            self.say(_("Choose one of the numbers 1 to {count}.").format(count=len(flows)))

    # --- the dialogue ----------------------------------------------------------------
    def run(self, session_id: int | None = None, flow_id: str | None = None,
            ask_language: bool = False) -> int:
        self.session_id = session_id
        try:
            if ask_language:
                self.choose_language()
            _ = self.t.gettext
            self.say(_("Welcome to Veiviser. I help your organisation step by step."))
            self.say(_("Type /help for help, /back to go back, /quit to stop. Your answers are saved "
                       "as you go."))
            if self.t.catalogs and not self.t.reviewed:
                self.say(_("This translation has not yet been checked by a native speaker."))
            if session_id is None:
                session_id = self.choose_session()
            self.session_id = session_id
            while True:
                chosen = flow_id or self.choose_flow(session_id)
                flow_id = None
                if chosen is None:
                    raise Quit
                conv = Conversation(self.store, session_id, self.content, chosen, today=self.today)
                self.dialogue(conv)
                flow_id = conv.opened  # a flow opened again ("apply again"): straight on to it
        except (Quit, EOFError, KeyboardInterrupt):
            self.say()
            self.say(self.t.gettext("Everything you answered is saved. Come back any time to go on."))
            return 0

    def dialogue(self, conv: Conversation) -> None:
        self.conversation = conv  # the one being worked on (tests drive plain mode with it)
        while True:
            _ = self.t.gettext  # the language may change during the dialogue
            step = conv.current
            if step is None:
                self.say()
                self.say(_("You have finished: {flow}.").format(flow=self.ct.flow_title(conv.flow)))
                return
            self.say()
            p = conv.progress()
            self.say(f"[{self.ct.flow_title(conv.flow)} · "
                     + _("question {n} of {total}").format(n=min(p.answered + 1, p.total), total=p.total)
                     + "]" if p.total else f"[{self.ct.flow_title(conv.flow)}]")
            if isinstance(step, QuestionStep):
                result = self.question(conv, step)
            elif isinstance(step, ReviewStep):
                result = self.review(conv, step)
            elif isinstance(step, DocumentStep):
                result = self.document(conv, step)
            else:
                result = self.info(conv, step)
            if result == "menu" or conv.opened:
                return

    def _handle(self, conv: Conversation, cmd: str, step: Step) -> str | None:
        if cmd == "quit":
            raise Quit
        if cmd == "back":
            before, was = conv.state, conv.current
            conv.back()
            if conv.state is before or conv.current is step is was:
                self.say(self.t.gettext("This is the first question."))
            return "moved"
        if cmd == "review":
            self.review(conv, None)
            return "moved"
        if cmd == "help":
            self.help(conv, step)
            return "stay"
        if cmd == "flows":
            return "menu"
        if cmd == "language":
            self.choose_language()
            return "moved"
        return None

    def _facts_and_terms(self, conv: Conversation, step: Step) -> None:
        _ = self.t.gettext
        for tid in step.terms:
            term = self.content.terms.get(tid)
            if term:
                self.say(f"  · {self.ct.term_label(term)}: {self.ct.term_explanation(term)}")
        for fid in step.facts:
            fact = self.content.facts.get(fid)
            if fact:
                self.say(f"  * {self.ct.fact(fact)}")
                self.say("    " + source_text(self.t, fact.source))
                if fact.time_sensitive:
                    self.say("    " + _("This can change. Check the current page before you act."))

    def info(self, conv: Conversation, step: InfoStep) -> str | None:
        from assistant.feedback import note_lines

        self._title_and_text(conv, step)
        if step.panel:  # computed from the answers, e.g. the grants this organisation can seek
            self.say(panel_text(self.content, step, conv.answers, self.t, self.today))
        for line in note_lines(conv, self.t, step):
            self.say(line)
        self._facts_and_terms(conv, step)
        raw = self.ask(self.t.gettext("Press Enter to go on. "))
        cmd = self._command(raw)
        if cmd:
            return self._handle(conv, cmd, step)
        conv.acknowledge()
        return None

    def help(self, conv: Conversation, step: Step) -> None:
        _ = self.t.gettext
        self.say(_("Help:"))
        text = self.ct.step(conv.flow.id, step, "help") or self.ct.step(conv.flow.id, step, "text")
        if text:
            self.say(text)
        example = self.ct.step(conv.flow.id, step, "example") if isinstance(step, QuestionStep) else ""
        if example:
            self.say(_("Example: {example}").format(example=example))
        self._facts_and_terms(conv, step)
        self.say(_("Commands: /back, /review, /help, /menu, /language, /quit"))

    def _yes_no_words(self) -> dict[str, list[str]]:
        return {"yes_words": [self.t.gettext("yes")], "no_words": [self.t.gettext("no")]}

    def question(self, conv: Conversation, step: QuestionStep) -> str | None:
        _ = self.t.gettext
        fid = conv.flow.id
        self.say(self.ct.step(fid, step, "prompt"))
        from assistant.feedback import answer_comments, comment_lines, note_lines, suggestion_lines

        for line in comment_lines(self.t, answer_comments(conv, step.key)):  # a coordinator's comments
            self.say("  " + line)
        for line in note_lines(conv, self.t, step):  # e.g. the funder's feedback, applying again
            self.say("  " + line)
        from assistant.local import beside_question

        for line in beside_question(self.content, step.key, conv.answers, self.t).splitlines():
            self.say("  " + line)  # e.g. the rooms of the municipality's pack, beside "where do you meet?"
        current = conv.answers.get(step.key)
        has_current = step.key in conv.answers and conv.engine.valid_stored(step, conv.answers)
        if step.type in (T.choice, T.multichoice):
            for n, c in enumerate(step.choices, start=1):  # 1..n as shown, whatever the codes
                self.say(f"  {n}. {self.ct.choice(fid, step, c.code)}")
        if step.type is T.multichoice:
            self.say(_("Write one or more numbers, separated by commas."))
        elif step.type is T.yesno:
            self.say(f"  1. {_('Yes')}\n  2. {_('No')}")
        known = self._known_people(conv, step)
        if known:  # people entered once are chosen from afterwards, by number
            self.say(_("You can write the number of a person you named before:"))
            for i, name in enumerate(known, start=1):
                self.say(f"  {i}. {name}")
        found = None if has_current else conv.suggestion(step)
        if found is not None:  # filled in from what Veiviser knows; saved only when confirmed
            for line in suggestion_lines(conv, self.t, step):
                self.say("  " + line)
            current, has_current = found.value, True
            self.say(_("Veiviser filled in: {value}. Press Enter to keep it, or write your own.").format(
                value=show_value(step, current, self.t, fid)))
        elif has_current:
            self.say(_("Your answer now: {value}. Press Enter to keep it.").format(
                value=show_value(step, current, self.t, fid)))
        elif step.default is not None:
            self.say(_("Press Enter for the usual answer: {value}.").format(
                value=show_value(step, conv.engine.check(step, step.default), self.t, fid)))
        elif not step.validation.required:
            self.say(_("You can skip this question: press Enter."))
        while True:
            if step.type is T.people:
                raw = self.ask_people(conv, step)
            elif step.type is T.longtext:
                raw = self.ask_lines()
            else:
                raw = self.ask()
            if isinstance(raw, str):
                cmd = self._command(raw)
                if cmd:
                    result = self._handle(conv, cmd, step)
                    if result == "stay":
                        self.say(self.ct.step(fid, step, "prompt"))
                        continue
                    return result
                if not raw.strip() and has_current:
                    raw = current
                elif step.type is T.yesno and raw.strip() in ("1", "2"):
                    raw = raw.strip() == "1"
                elif step.type is T.text and known and raw.strip().isdigit() \
                        and 1 <= int(raw.strip()) <= len(known):
                    raw = known[int(raw.strip()) - 1]
                elif step.type is T.choice:  # the number on the line, turned into its code
                    raw = choice_by_line(step, raw)
                elif step.type is T.multichoice:
                    raw = [choice_by_line(step, part) for part in re.split(r"[,\s]+", raw.strip()) if part]
            try:
                stale_before = set(conv.out_of_date())  # reads the store: its faults are told below
                key, value = conv.submit(raw, **self._yes_no_words(),
                                         role_words=self.ct.role_words(fid, step))
            except Invalid as exc:
                if step.type in (T.choice, T.multichoice) \
                        and "value" in exc.params:  # the user sees line numbers, not codes
                    self.say("! " + _("Choose one of the numbers 1 to {count}.").format(count=len(step.choices)))
                else:
                    self.say("! " + exc.translate(self.t))
                continue
            except StoreError as exc:  # e.g. a full disk: the answer is not lost, the user retries
                self.say("! " + exc.translate(self.t))
                if exc.code == "gone":
                    raise
                if not exc.maybe_saved:  # else the message says it may be saved: send it again
                    self.say(_("Your answer was not saved. Press Enter to try again with the same answer."))
                current, has_current = raw, True
                continue
            self.say(_("Saved: {value}").format(value=show_value(step, value, self.t, fid)))
            if conv.notice is not None:  # what the input rule removed (control characters)
                self.say("! " + conv.notice.translate(self.t))
            stale = [name for name in conv.out_of_date() if name not in stale_before]
            if stale:  # a written document no longer shows this answer
                self.say(self.t.format(N_("Out of date now: {files}. Write these documents again at "
                                          "their step."), files=", ".join(stale)))
            if step.norwegian and isinstance(value, str):
                return self.language_check(conv, step, value)
            return None

    def _title_and_text(self, conv: Conversation, step: Step) -> None:
        for field in ("title", "text"):
            value = self.ct.step(conv.flow.id, step, field)
            if value:
                self.say(value)

    def review(self, conv: Conversation, step: ReviewStep | None) -> str | None:
        _ = self.t.gettext
        from assistant.feedback import answer_comments, comment_lines

        fid = conv.flow.id
        while True:
            items = conv.review()
            if step is not None:
                self._title_and_text(conv, step)
            else:
                self.say(_("Your answers so far:"))
            for i, item in enumerate(items, start=1):
                self.say(f"  {i}. {self.ct.step(fid, item.step, 'prompt')}")
                self.say(f"     → {show_value(item.step, item.value, self.t, fid)}")
                for line in comment_lines(self.t, answer_comments(conv, item.step.key)):
                    self.say(f"     {line}")
            raw = self.ask(_("Write a number to change that answer, or press Enter to go on: "))
            cmd = self._command(raw)
            if cmd and cmd != "review":
                return self._handle(conv, cmd, step or conv.current)
            if raw.strip().isdigit() and 1 <= int(raw) <= len(items):
                conv.edit(items[int(raw) - 1].step.id)
                return "moved"
            if not raw.strip():
                if step is not None and conv.current is step:
                    conv.acknowledge()
                return None
            self.say(_("Choose one of the numbers 1 to {count}.").format(count=len(items)))

    def document(self, conv: Conversation, step: DocumentStep) -> str | None:
        _ = self.t.gettext
        fid = conv.flow.id
        self._title_and_text(conv, step)
        out_dir = self.out_dir or self.store.documents_dir(conv.session_id)
        try:
            written = conv.write_documents(out_dir)
        except OSError as exc:  # full disk, no permission, a file where the folder should be
            from assistant.store.errors import from_os

            self.say("! " + from_os(exc).translate(self.t))
            self.say(_("Your answers are saved. The documents were not written; try again later."))
            conv.acknowledge()
            return None
        except DocumentRefused as exc:  # e.g. a budget that does not add up: say why, let them fix it
            for problem in exc.problems:
                self.say("! " + problem.translate(self.t))
            for key in (getattr(p, "key", None) for p in exc.problems):  # straight to the answer
                try:
                    conv.edit(key)
                    return "moved"
                except KeyError:
                    continue
            return self.review(conv, None)
        for doc in step.documents:
            self.say(f"  {self.ct.document_title(fid, step, doc)}:")
            for path in written:
                if path.stem == doc.filename:
                    self.say(f"    {path}")
        self.say(_("The documents are in Norwegian, as the registers and funders need them."))
        from assistant.feedback import draft_comment_lines

        for line in draft_comment_lines(conv, self.t):  # beside the draft, never in it
            self.say("  " + line)
        raw = self.ask(_("Press Enter to go on, or write /show to read the document here. "))
        if raw.strip().lower() in ("/show", self.t.gettext("/show").lower()):
            from assistant.render import to_text

            for doc in conv.render(step):
                self.say()
                self.say(to_text(doc))
            raw = self.ask(_("Press Enter to go on. "))
        cmd = self._command(raw)
        if cmd:
            return self._handle(conv, cmd, step)
        conv.acknowledge()
        return None

