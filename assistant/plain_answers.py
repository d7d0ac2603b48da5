"""Plain mode's prompts inside one answer: the language check after an answer that goes into a
Norwegian document, several lines, and a list of people one at a time. The commands work at each
of them. A part of :class:`assistant.plain.PlainUI` (which gives ``help``, ``_handle`` and ``ct``).
"""

from __future__ import annotations

from typing import Any

from assistant.content.models import QuestionStep
from assistant.engine.validate import Invalid
from assistant.session import Conversation


class AnswerPrompts:
    """Mixed into :class:`~assistant.plain.PlainUI` before :class:`~assistant.plain_language.LineIO`."""

    def language_check(self, conv: Conversation, step: QuestionStep, value: str) -> str | None:
        """The answer goes into a Norwegian document: if it is clearly not Norwegian, say so
        kindly and let the user keep it, write it again, or mark it for translation."""
        _ = self.t.gettext
        try:
            from assistant.i18n.detect import is_norwegian
        except ImportError:
            return None
        if is_norwegian(value) is not False:
            return None
        self.say(_("This answer does not look like Norwegian. The document will be in Norwegian, "
                   "so the reader may not understand it."))
        self.say("  1. " + _("Keep it as it is"))
        self.say("  2. " + _("Write it again"))
        self.say("  3. " + _("Keep it, and mark it for someone to translate"))
        while True:
            raw = self.ask(_("Choose a number: ")).strip()
            cmd = self._command(raw)
            if cmd == "help":
                self.help(conv, step)
                continue
            if cmd == "back":  # the answer is saved: back to it, to change it
                conv.edit(step.id)
                return "moved"
            if cmd:
                return self._handle(conv, cmd, step)
            if raw in ("", "1"):
                return None
            if raw == "2":
                conv.edit(step.id)
                return "moved"
            if raw == "3":
                conv.mark_for_translation(step.key)
                self.say(_("Marked. The document shows that this part needs translation."))
                return None
            self.say(_("Choose one of the numbers 1 to {count}.").format(count=3))

    def ask_lines(self) -> str:
        """Several lines; an empty line ends the answer."""
        self.say(self.t.gettext("(Write one or more lines. An empty line ends the answer.)"))
        lines: list[str] = []
        while True:
            line = self.ask("  " if lines else "> ")
            if not lines and self._command(line):
                return line
            if not line.strip():
                return "\n".join(lines)
            lines.append(line)

    @staticmethod
    def _known_people(conv: Conversation, step: QuestionStep) -> list[str]:
        """The names of the earlier people answer this question chooses from (may be empty)."""
        people = conv.answers.get(step.choose_from) if step.choose_from else None
        if not isinstance(people, list):
            return []
        return [str(p["name"]) for p in people if isinstance(p, dict) and p.get("name")]

    def ask_people(self, conv: Conversation, step: QuestionStep) -> Any:
        _ = self.t.gettext
        fid = conv.flow.id
        roles = list(step.roles)
        known = self._known_people(conv, step)
        people: list[dict[str, str]] = []
        self.say(_("Add one person at a time. Press Enter on an empty name when you are done."))
        while True:
            name = self.ask(_("Name of person {n}: ").format(n=len(people) + 1))
            cmd = self._command(name)
            if cmd == "help":
                self.help(conv, step)
                continue
            if cmd == "back" and people:  # back to the person before: name and role again
                people.pop()
                continue
            if cmd:
                return self._keep_people(conv, step, people, name)
            if not name.strip():
                return people if people else ""
            if known and name.strip().isdigit() and 1 <= int(name.strip()) <= len(known):
                name = known[int(name.strip()) - 1]  # chosen from the people named before
            role = roles[0].code if len(roles) == 1 else ""
            while not role:
                for i, r in enumerate(roles, start=1):
                    self.say(f"  {i}. {self.ct.role(fid, step, r.code)}")
                raw = self.ask(_("Role of {name}: ").format(name=name.strip()))
                cmd = self._command(raw)
                if cmd == "help":
                    self.help(conv, step)
                    continue
                if cmd == "back":  # this person's name again
                    break
                if cmd:
                    return self._keep_people(conv, step, people, raw)
                if raw.strip().isdigit() and 1 <= int(raw) <= len(roles):
                    role = roles[int(raw) - 1].code
                elif raw.strip() in [r.code for r in roles]:
                    role = raw.strip()
                else:
                    self.say("! " + _("Choose one of the numbers 1 to {count}.").format(count=len(roles)))
            if role:
                people.append({"name": name.strip(), "role": role})

    def _keep_people(self, conv: Conversation, step: QuestionStep, people: list[dict[str, str]],
                     command: str) -> str:
        """A command in the middle of a list of people: the people typed so far are saved when
        they make a valid answer (nothing typed is lost), then the command is done."""
        if people:
            try:
                conv.submit(people, role_words=self.ct.role_words(conv.flow.id, step))
            except Invalid:
                pass  # not a valid answer yet (e.g. no chair): the question is asked again later
        return command
