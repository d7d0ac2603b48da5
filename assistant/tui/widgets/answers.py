"""One input widget per question type. Each posts :class:`Answer.Submitted` with the raw answer;
the dialogue screen hands it to the Conversation, which validates and saves it. The widgets keep
what was typed when the answer is not accepted.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from assistant.content.models import QuestionStep, QuestionType as T
from assistant.i18n import N_
from assistant.i18n.format import currency_unit
from assistant.tui.widgets.lists import Keyed, NumberedList
from assistant.tui.widgets.text import Para, literal

HELP_WORD = "?"


class AnswerArea(TextArea):
    """Several lines. Enter makes a new line; Enter on an empty last line (twice) saves."""

    class Done(Message):
        pass

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            row, _col = self.cursor_location
            last = self.document.line_count - 1
            if (not self.text.strip() or self.text.strip() == HELP_WORD
                    or (row == last and not self.document.get_line(row).strip())):
                event.stop()
                event.prevent_default()
                self.post_message(self.Done())
                return
        await super()._on_key(event)


class GoOn(Keyed, Para):
    """"Go on" after the guide has said something: Enter (or a click) moves on."""

    KEY_SCOPE = "go_on"
    can_focus = True

    class Pressed(Message):
        pass

    def on_mount(self) -> None:
        self.install_keys(self.app.label)

    def action_press(self) -> None:
        self.post_message(self.Pressed())

    def on_click(self) -> None:
        self.post_message(self.Pressed())


# --- answers -------------------------------------------------------------------------------

class Answer(Vertical):
    """The input for one question."""

    DEFAULT_CSS = """
    Answer { height: auto; }
    """

    class Submitted(Message):
        def __init__(self, raw: Any, help: bool = False):
            super().__init__()
            self.raw = raw
            self.help = help

    class HintChanged(Message):
        """The hint for this input changed (e.g. a person was added)."""

    def __init__(self, step: QuestionStep, flow_id: str, current: Any = None, *, id: str | None = None):
        super().__init__(id=id, classes="answer")
        self.step = step
        self.flow_id = flow_id
        self.current = current

    # helpers
    @property
    def t(self):
        return self.app.t

    @property
    def ct(self):
        return self.app.ct

    def hint(self) -> str:
        return self.t.gettext("Write your answer and press Enter.")

    def value(self) -> Any:
        raise NotImplementedError

    def submit(self) -> None:
        raw = self.value()
        if isinstance(raw, str) and raw.strip() == HELP_WORD:
            self.post_message(self.Submitted(raw, help=True))
        else:
            self.post_message(self.Submitted(raw))

    def focus_input(self) -> None:
        for w in self.query("Input, TextArea, OptionList"):
            if w.display and w.can_focus:
                w.focus()
                return

    def retranslate(self) -> None:
        pass


class TextAnswer(Answer):
    RESTRICT: str | None = None
    INPUT_TYPE = "text"
    REUSABLE = True  # the next question of the same kind reuses this widget (no remount)

    def compose(self) -> ComposeResult:
        yield Input(value=self.initial_text(), placeholder=self.placeholder(), restrict=self.RESTRICT,
                    type=self.INPUT_TYPE, select_on_focus=False, id="answer-input")

    def on_mount(self) -> None:
        inp = self.query_one(Input)
        inp.cursor_blink = self.app.options.cursor_blink
        inp.cursor_position = len(inp.value)

    def initial_text(self) -> str:
        if self.current is None:
            default = self.step.default
            return "" if default is None or isinstance(default, bool) else str(default)
        return str(self.current)

    def placeholder(self) -> str:
        return ""

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def value(self) -> Any:
        return self.query_one(Input).value

    def set_text(self, text: str) -> None:
        inp = self.query_one(Input)
        inp.value = text
        inp.cursor_position = len(text)

    def reuse(self, step: QuestionStep, current: Any) -> None:
        """Show another question of the same kind in this widget."""
        self.step, self.current = step, current
        self.query_one(Input).placeholder = self.placeholder()
        self.set_text(self.initial_text())


class DateAnswer(TextAnswer):
    RESTRICT = r"[0-9./\- ]*"
    REUSABLE = False

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Para("", id="answer-preview", classes="preview")

    def initial_text(self) -> str:
        if isinstance(self.current, str):
            try:
                return dt.date.fromisoformat(self.current).strftime("%d.%m.%Y")
            except ValueError:
                return self.current
        return super().initial_text()

    def placeholder(self) -> str:
        return self.app.bidi.line(self.t.gettext("day.month.year"))

    def hint(self) -> str:
        return self.t.format(N_("Write the date as day.month.year, for example {example}."),
                             example="15.03.2026")

    def on_mount(self) -> None:
        super().on_mount()
        self._preview(self.query_one(Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._preview(event.value)

    def _preview(self, text: str) -> None:
        from assistant.engine.validate import Invalid, parse_date
        from assistant.i18n.format import date

        shown = ""
        if text.strip():
            try:
                shown = "→ " + date(parse_date(text), self.t.locale)
            except (Invalid, ValueError):
                shown = ""
        self.query_one("#answer-preview", Para).set(shown)

    def retranslate(self) -> None:
        self.query_one(Input).placeholder = self.placeholder()
        self._preview(self.query_one(Input).value)


class MoneyAnswer(TextAnswer):
    """Whole kroner, grouped for the locale as you type ('12 500'), with the amount shown."""

    REUSABLE = False

    RESTRICT = r"[0-9 \u00a0\u202f.,']*"

    def compose(self) -> ComposeResult:
        with Horizontal(classes="money-row"):
            yield Input(value=self.initial_text(), restrict=self.RESTRICT, select_on_focus=False,
                        id="answer-input")
            yield Para(currency_unit(self.t.locale), classes="unit")
        yield Para("", id="answer-preview", classes="preview")

    def initial_text(self) -> str:
        if isinstance(self.current, int) and not isinstance(self.current, bool):
            return self._group(self.current)
        return super().initial_text()

    def hint(self) -> str:
        return self.t.gettext("Write the amount in whole kroner.")

    def _group(self, n: int) -> str:
        from assistant.i18n.format import number

        text = number(n, self.t.locale)
        if re.sub(r"[^0-9]", "", text) != str(n):  # another numbering system: keep digits
            text = f"{n:,}".replace(",", "\u00a0")
        return text

    def _digits(self, text: str) -> str:
        return re.sub(r"[^0-9]", "", text.split(",")[0] if re.search(r",\d{1,2}$", text) else text)

    def on_mount(self) -> None:
        super().on_mount()
        self._preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        digits = self._digits(event.value)
        if digits and not re.search(r",\d{0,2}$", event.value):
            grouped = self._group(int(digits))
            if grouped != event.value:
                event.input.value = grouped
                event.input.cursor_position = len(grouped)
        self._preview()

    def _preview(self) -> None:
        from assistant.i18n.format import nok

        digits = self._digits(self.query_one(Input).value)
        self.query_one("#answer-preview", Para).set(("= " + nok(int(digits), self.t.locale)) if digits else "")

    def value(self) -> Any:
        text = self.query_one(Input).value
        if text.strip() == HELP_WORD:
            return text
        digits = self._digits(text)
        if re.search(r",\d{1,2}$", text) and not text.endswith(",00") and not text.endswith(",0"):
            return text  # øre: let the engine explain
        return int(digits) if digits else ""

    def retranslate(self) -> None:
        self.set_text(self._group(int(d))) if (d := self._digits(self.query_one(Input).value)) else None
        self._preview()


class IntegerAnswer(TextAnswer):
    RESTRICT = r"[-+0-9 \u00a0]*"

    def hint(self) -> str:
        return self.t.gettext("Write a whole number and press Enter.")


class DigitsAnswer(TextAnswer):
    RESTRICT = r"[0-9 .]*"

    def hint(self) -> str:
        if self.step.type is T.orgnr:
            return self.t.gettext("Write the 9 digits of the organisation number.")
        return self.t.gettext("Write the 11 digits of the account number.")


class PhoneAnswer(TextAnswer):
    RESTRICT = r"[0-9 +\-().]*"


class LongTextAnswer(Answer):
    # A TextArea is the heaviest input to build (40-60 ms here). Once built it is kept in the
    # answer slot, hidden while other kinds of questions are asked, and reused for the next
    # multi-line question.
    REUSABLE = True
    KEEP = True

    def compose(self) -> ComposeResult:
        area = AnswerArea(self.initial_text(), soft_wrap=True, tab_behavior="focus",
                          show_line_numbers=False, highlight_cursor_line=False, id="answer-input")
        yield area

    def on_mount(self) -> None:
        area = self.query_one(AnswerArea)
        area.cursor_blink = self.app.options.cursor_blink
        area.move_cursor(area.document.end)

    def initial_text(self) -> str:
        if self.current is None:
            return "" if self.step.default is None else str(self.step.default)
        return str(self.current)

    def hint(self) -> str:
        return self.t.gettext("Write one or more lines. Press Enter twice to save the answer.")

    def on_answer_area_done(self, event: AnswerArea.Done) -> None:
        event.stop()
        self.submit()

    def value(self) -> Any:
        return self.query_one(AnswerArea).text.rstrip()

    def set_text(self, text: str) -> None:
        area = self.query_one(AnswerArea)
        area.text = text
        area.move_cursor(area.document.end)

    def reuse(self, step: QuestionStep, current: Any) -> None:
        """Show another multi-line question in this widget."""
        self.step, self.current = step, current
        self.set_text(self.initial_text())


class ChoiceAnswer(Answer):
    def _labels(self) -> list[str]:
        return [self.ct.choice(self.flow_id, self.step, c.code) for c in self.step.choices]

    def _values(self) -> list[Any]:
        return [c.code for c in self.step.choices]

    def _initial(self) -> int | None:
        values = self._values()
        want = self.current if self.current is not None else self.step.default
        return values.index(want) if want in values else 0

    def _numbers(self) -> list[str] | None:
        """Codes that are numbers are the numbers shown and typed ("3. 3 board members")."""
        from assistant.engine.validate import list_numbers, numbered_by_code

        return list_numbers(self.step) if numbered_by_code(self.step) else None

    def compose(self) -> ComposeResult:
        yield NumberedList(self._labels(), self._values(), highlight=self._initial(), id="answer-input",
                           numbers=self._numbers())

    def hint(self) -> str:
        return self.t.gettext("Choose with the arrow keys or a number, then press Enter.")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit()

    def value(self) -> Any:
        lst = self.query_one(NumberedList)
        if lst.highlighted is None:
            return ""
        return lst.values[lst.highlighted]

    def retranslate(self) -> None:
        self.query_one(NumberedList).relabel(self._labels())


class YesNoAnswer(ChoiceAnswer):
    def _numbers(self) -> list[str] | None:
        return None

    def _labels(self) -> list[str]:
        return [self.t.gettext("Yes"), self.t.gettext("No")]

    def _values(self) -> list[Any]:
        return [True, False]

    def _initial(self) -> int | None:
        want = self.current if isinstance(self.current, bool) else self.step.default
        if isinstance(want, bool):
            return 0 if want else 1
        return 0


class MultiList(Keyed, SelectionList):
    """Space or a number ticks an option; Enter saves the answer."""

    KEY_SCOPE = "multichoice"

    class Done(Message):
        pass

    def on_mount(self) -> None:
        self.install_keys(self.app.label)

    def on_key(self, event: events.Key) -> None:
        ch = event.character
        if ch and ch.isdigit() and 1 <= int(ch) <= self.option_count:
            self.highlighted = int(ch) - 1
            self.toggle(self.get_option_at_index(int(ch) - 1))
            event.stop()
            event.prevent_default()

    def action_done(self) -> None:
        self.post_message(self.Done())


class MultiChoiceAnswer(Answer):
    def _labels(self) -> list[str]:
        d = self.app.bidi
        return [d.line(f"{i}. " + self.ct.choice(self.flow_id, self.step, c.code))
                for i, c in enumerate(self.step.choices, start=1)]

    def compose(self) -> ComposeResult:
        chosen = set(self.current or [])
        yield MultiList(*[Selection(literal(label), c.code, c.code in chosen)
                          for label, c in zip(self._labels(), self.step.choices)], id="answer-input")

    def hint(self) -> str:
        return self.t.gettext("Tick one or more with Space or a number. Press Enter when you are done.")

    def on_multi_list_done(self, event: MultiList.Done) -> None:
        event.stop()
        self.submit()

    def value(self) -> Any:
        return list(self.query_one(MultiList).selected)

    def retranslate(self) -> None:
        lst = self.query_one(MultiList)
        for i, label in enumerate(self._labels()):
            lst.replace_option_prompt_at_index(i, literal(label))


class PeopleList(Keyed, OptionList):
    """The people added so far. Enter takes a person back to change; Delete removes."""

    KEY_SCOPE = "people"

    class Changed(Message):
        def __init__(self, index: int, action: str):
            super().__init__()
            self.index = index
            self.action = action

    def on_mount(self) -> None:
        self.install_keys(self.app.label)

    def action_change(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Changed(self.highlighted, "change"))

    def action_remove(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Changed(self.highlighted, "remove"))


def _owner(widget) -> PeopleAnswer | None:
    for node in widget.ancestors:
        if isinstance(node, PeopleAnswer):
            return node
    return None


class NameInput(Keyed, Input):
    """The name of the next person. Enter adds it (handled at once, not through a message, so
    keys typed right after go where they belong); Up goes to the people already added."""

    KEY_SCOPE = "people_name"

    def on_mount(self) -> None:
        self.install_keys(self.app.label)

    def action_add(self) -> None:
        owner = _owner(self)
        if owner is not None:
            owner.name_entered(self.value)

    def action_to_list(self) -> None:
        owner = _owner(self)
        if owner is not None:
            owner.to_list()


class RoleList(NumberedList):
    KEY_SCOPE = "role"

    def action_choose(self) -> None:
        owner = _owner(self)
        if owner is not None and self.highlighted is not None:
            owner.role_chosen(self.highlighted)

    def action_cancel(self) -> None:
        owner = _owner(self)
        if owner is not None:
            owner.cancel_role()


class PeopleAnswer(Answer):
    """Add one person at a time: a name, then (if there is a choice) the role."""

    def __init__(self, step: QuestionStep, flow_id: str, current: Any = None, **kw):
        super().__init__(step, flow_id, current, **kw)
        self.people: list[dict[str, str]] = [dict(p) for p in current] if isinstance(current, list) else []
        self.pending: str | None = None

    @property
    def roles(self) -> list[str]:
        return [r.code for r in self.step.roles] or ["chair", "member", "deputy"]

    def _role_label(self, code: str) -> str:
        return self.ct.role(self.flow_id, self.step, code) if self.step.roles else code

    def compose(self) -> ComposeResult:
        yield PeopleList(id="people-list")
        yield NameInput(placeholder=self._placeholder(), select_on_focus=False, id="answer-input")
        yield Para("", id="role-question", classes="role-question")
        yield RoleList([self._role_label(r) for r in self.roles], self.roles, highlight=0, id="role-list")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = self.app.options.cursor_blink
        self._show_people()
        self._show_roles(False)

    def _placeholder(self) -> str:
        return self.app.bidi.line(self.t.format(N_("Name of person {n}"), n=len(self.people) + 1))

    def hint(self) -> str:
        if len(self.roles) > 1:
            text = self.t.gettext("Write a name and press Enter, then choose the role. When everyone "
                                  "is added, press Enter on the empty name.")
        else:
            text = self.t.gettext("Write a name and press Enter. When everyone is added, press Enter "
                                  "on the empty name.")
        if self.people:
            text += " " + self.t.gettext("Arrow up: change or remove someone.")
        return text

    def _show_people(self) -> None:
        lst = self.query_one(PeopleList)
        d = self.app.bidi
        one_role = len(self.roles) == 1
        opts = [literal(d.line(f"{i}. {p['name']}" + ("" if one_role else f" — {self._role_label(p['role'])}")))
                for i, p in enumerate(self.people, start=1)]
        keep = lst.highlighted
        lst.set_options(opts)
        lst.display = bool(opts)
        if opts:
            lst.highlighted = min(keep or 0, len(opts) - 1)
        self.query_one(Input).placeholder = self._placeholder()
        self.post_message(self.HintChanged())

    def _show_roles(self, show: bool) -> None:
        self.query_one("#role-list").display = show
        q = self.query_one("#role-question", Para)
        q.display = show
        if show and self.pending:
            q.set(self.t.format(N_("Which role does {name} have?"), name=self.pending))

    def name_entered(self, typed: str) -> None:
        name = " ".join(typed.split())
        if name == HELP_WORD:
            self.post_message(self.Submitted(name, help=True))
            return
        if not name:
            self.submit()
            return
        if len(self.roles) == 1:
            self._add(name, self.roles[0])
            return
        self.pending = name
        self._show_roles(True)
        self.screen.set_focus(self.query_one(RoleList))

    def role_chosen(self, index: int) -> None:
        if self.pending:
            self._add(self.pending, self.roles[index])

    def cancel_role(self) -> None:
        self.pending = None
        self._show_roles(False)
        self.screen.set_focus(self.query_one(NameInput))

    def to_list(self) -> None:
        lst = self.query_one(PeopleList)
        if self.people:
            lst.highlighted = len(self.people) - 1
            self.screen.set_focus(lst)

    def on_people_list_changed(self, event: PeopleList.Changed) -> None:
        event.stop()
        if not 0 <= event.index < len(self.people):
            return
        person = self.people.pop(event.index)
        self._show_people()
        inp = self.query_one(NameInput)
        if event.action == "change":
            inp.value = person["name"]
            inp.cursor_position = len(inp.value)
        self.screen.set_focus(inp)

    def _add(self, name: str, role: str) -> None:
        self.people.append({"name": name, "role": role})
        self.pending = None
        inp = self.query_one(NameInput)
        inp.value = ""
        self._show_roles(False)
        self._show_people()
        self.screen.set_focus(inp)

    def value(self) -> Any:
        people = list(self.people)
        typed = " ".join(self.query_one(Input).value.split())
        if typed and len(self.roles) == 1:
            people.append({"name": typed, "role": self.roles[0]})
        return people if people else ""

    def retranslate(self) -> None:
        self._show_people()
        self.query_one(RoleList).relabel([self._role_label(r) for r in self.roles])
        self._show_roles(self.query_one("#role-list").display)


KINDS: dict[T, type[Answer]] = {
    T.text: TextAnswer,
    T.email: TextAnswer,
    T.phone: PhoneAnswer,
    T.longtext: LongTextAnswer,
    T.choice: ChoiceAnswer,
    T.multichoice: MultiChoiceAnswer,
    T.yesno: YesNoAnswer,
    T.integer: IntegerAnswer,
    T.money: MoneyAnswer,
    T.date: DateAnswer,
    T.people: PeopleAnswer,
    T.orgnr: DigitsAnswer,
    T.account: DigitsAnswer,
}


def answer_class(step: QuestionStep) -> type[Answer]:
    return KINDS.get(step.type, TextAnswer)


def answer_for(step: QuestionStep, flow_id: str, current: Any = None) -> Answer:
    # No id: a kept input (KEEP) stays in the slot beside the one shown. DialogueScreen.answer_widget
    # finds the one shown.
    return answer_class(step)(step, flow_id, current)
