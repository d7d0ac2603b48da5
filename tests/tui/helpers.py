"""Helpers for the terminal UI tests: build the app on a temp data dir, read the screen as text,
and answer whatever question is shown (the real flows keep changing, so the driver is generic)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

TODAY = dt.date(2026, 3, 15)
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def build_app(data_dir: Path, locale: str = "nb", *, fixture: bool = False, **options):
    """The app as the CLI builds it, on ``data_dir``. With ``fixture``: the small fixed flow and
    catalogs under tests/tui/fixtures (for snapshots, which must not change with the content)."""
    from assistant.content.loader import load_content
    from assistant.i18n import get_translator
    from assistant.store import Store
    from assistant.tui.app import make_app
    from assistant.tui.options import TuiOptions

    locales = options.pop("locales_dir", None) or (str(FIXTURES / "locales") if fixture else None)
    opts = TuiOptions(today=TODAY, cursor_blink=False, animations=False, preload_content=False,
                      out_dir=data_dir / "out", locales_dir=locales)
    for key, value in options.items():
        setattr(opts, key, value)
    content = load_content(FIXTURES / "content" if fixture else None, check=False)
    store = Store(data_dir)
    return make_app(content, store, get_translator(locale, locales), opts)


def screen_text(app) -> str:
    """What the terminal shows now, as plain text."""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def valid_keys(step) -> list[str]:
    """Key presses that give a valid answer to ``step`` in the terminal UI (Enter included).
    The step's own example is used when it is an answer of the right form."""
    from assistant.content.models import QuestionType as T

    kind = step.type
    example = (step.example or "").strip()
    if example and kind in (T.text, T.longtext, T.integer, T.money) and example.lower() not in ("yes", "ja"):
        if kind is T.longtext:
            return list(example) + ["enter", "enter"]
        return list(example.split("\n")[0]) + ["enter"]
    if kind is T.date and step.validation.max_date == "today":
        return list("01.03.2026") + ["enter"]
    text = {
        T.longtext: "Hjelpe folk i byen.",
        T.date: "15.04.2026", T.integer: "12", T.money: "100", T.email: "a@b.no",
        T.phone: "91234567", T.orgnr: "974760673", T.account: "12345678903",
    }.get(kind)
    if kind is T.longtext:
        return list(text) + ["enter", "enter"]
    if text is not None:
        return list(text) + ["enter"]
    if kind in (T.choice, T.yesno):
        return ["enter"]
    if kind is T.multichoice:
        return ["space", "enter"]
    if kind is T.people:
        roles = [r.code for r in step.roles]
        n = max(step.validation.min_length or 1, 2)
        if step.validation.max_length:
            n = min(n, step.validation.max_length)
        keys: list[str] = []
        for i in range(n):
            keys += list(f"P {chr(65 + i)}") + ["enter"]
            if len(roles) > 1:
                keys += ["1" if i == 0 else "2", "enter"]
        return keys + ["enter"]
    return list("Svar") + ["enter"]


async def press(pilot, *keys: str) -> None:
    """Press keys. Runs of single characters are pasted into the focused widget in one go (as
    a terminal does with a paste): typing them one by one makes the tests slow, not better."""
    from textual import events

    i = 0
    while i < len(keys):
        j = i
        while j < len(keys) and len(keys[j]) == 1:
            j += 1
        run = "".join(keys[i:j])
        focused = pilot.app.focused
        if len(run) > 2 and focused is not None and type(focused).__name__ in (
                "Input", "NameInput", "AnswerArea", "TextArea"):
            pilot.app.post_message(events.Paste(run))  # as the terminal driver does
            await pilot.pause()
            i = j
            continue
        await pilot.press(keys[i])
        i += 1
    await pilot.pause()


def fitting_keys(conv, step) -> list[str] | None:
    """Keys for an answer that keeps the flow's rules across answers, when a rule compares this
    question with people already given (the one who led the meeting was at the meeting): the
    names are taken from there. None when no such rule applies."""
    from assistant.content.models import QuestionType as T
    from assistant.engine import conditions

    for rule in conv.flow.rules:
        names = conditions.parse(rule.check).names
        if step.key not in names or "not " in rule.check:
            continue
        for other in sorted(names - {step.key}):
            people = conv.answers.get(other)
            if not isinstance(people, list) or not people:
                continue
            if step.type is T.text:
                return list(people[0]["name"]) + ["enter"]
            if step.type is T.people:
                count = min(len(people), step.validation.max_length or len(people))
                keys: list[str] = []
                for person in people[:count]:
                    keys += list(person["name"]) + ["enter"]
                    if len(step.roles) > 1:
                        keys += ["1", "enter"]
                return keys + ["enter"]
    return None


async def step_on(pilot, app) -> None:
    """Answer or go past the step shown now, whatever it is."""
    from assistant.content.models import DocumentStep, InfoStep, QuestionStep, ReviewStep

    conv = app.screen.conv
    step = conv.current
    if isinstance(step, QuestionStep):
        await press(pilot, *(fitting_keys(conv, step) or valid_keys(step)))
    elif isinstance(step, DocumentStep):
        await press(pilot, "3", "enter")  # read / save / go on
    elif isinstance(step, (InfoStep, ReviewStep)):
        await press(pilot, "enter")


def sync(test):
    """Run an ``async def`` test with asyncio (no async plugin is needed)."""
    import asyncio
    import functools

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run
