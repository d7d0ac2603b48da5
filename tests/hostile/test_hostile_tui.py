"""The hostile corpus in the terminal UI, driven with Textual's Pilot.

Organisation names with Textual markup (``[/]``, ``[@click=app.quit]…``) and escape sequences,
stored as an old database would hold them, are shown literally on the start screen, and
clicking them does nothing but choose the organisation. Then every flow is worked through with
the payloads pasted into the answer field, rotated over every text, longtext and people field
of every flow (each payload is pasted once in the TUI, rather than the full cross product, to
keep the suite fast). The app never crashes, and no control character reaches the screen.
"""

from __future__ import annotations

from textual import events

from assistant.content.loader import load_content
from assistant.content.models import QuestionStep, QuestionType as T
from assistant.store import Store

from tests.hostile.corpus import PAYLOADS, example, hostile_fields, leaks, rotation
from tests.tui.helpers import build_app, press, screen_text, step_on, sync

SIZE = (100, 30)
CONTENT = load_content(check=False)
FIELDS = hostile_fields(CONTENT)
SLOTS = rotation(len(FIELDS), 1)
MARKUP = ["[/]", "Lag [Oslo] kvinner", "[@click=app.quit]her[/]", "[@click=app.screenshot('x.svg','/tmp')]her[/]"]


@sync
async def test_markup_and_escapes_in_names_are_shown_literally_and_do_nothing(tmp_path):
    data = tmp_path / "data"
    with Store(data) as store:
        for name in MARKUP + ["\x1b]0;title\x07\x1b[2J\x9b31mFarlig"]:
            sid = store.create_session("x")
            store.conn.execute("UPDATE sessions SET name = ? WHERE id = ?", (name, sid))  # as stored before
        store.conn.commit()
    app = build_app(data, locale="nb", ask_language=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for name in MARKUP:
            assert name in text, name
        assert "␛]0;title␇␛[2J" in text
        assert leaks(text) == []
        lst = app.screen.query_one("OptionList")
        for row in range(len(MARKUP) + 1):
            await pilot.click(lst, offset=(8, 1 + row))
            await pilot.pause()
            assert app.is_running and app.return_code is None  # no [@click=app.quit]
        assert not list(tmp_path.glob("**/x.svg")) and not list(__import__("pathlib").Path("/tmp").glob("x.svg"))


def _plan(flow_id: str) -> dict[str, list[str]]:
    plan: dict[str, list[str]] = {}
    for f, p in SLOTS:
        if FIELDS[f][0] == flow_id:
            plan.setdefault(FIELDS[f][1].key, []).append(PAYLOADS[p])
    return plan


def _example_choice(step: QuestionStep, answers: dict) -> list[str] | None:
    """The example answers' choice, as the keys that choose it on the numbered list (so the
    driver takes the same branches as the example organisation and reaches their questions)."""
    value = answers.get(step.key)
    if step.type is T.yesno and isinstance(value, bool):
        return ["1" if value else "2", "enter"]
    if step.type is T.choice and value is not None:
        codes = [c.code for c in step.choices]
        if str(value) in codes:
            return [str(codes.index(str(value)) + 1), "enter"]
    return None


def _keys_with_paste(step: QuestionStep, payload: str) -> list:
    if step.type is T.people:
        roles = len(step.roles) > 1
        return [("paste", payload.split("\n")[0]), "enter"] + (["1", "enter"] if roles else []) + \
            list("P B") + ["enter"] + (["2", "enter"] if roles else []) + ["enter"]
    if step.type is T.longtext:
        return [("paste", payload), "enter", "enter"]
    return [("paste", payload.split("\n")[0]), "enter"]


async def _clear(app) -> None:
    widget = app.focused
    if widget is None:
        return
    if hasattr(widget, "load_text"):
        widget.load_text("")
    elif hasattr(widget, "value") and isinstance(widget.value, str):
        widget.value = ""


async def _type(pilot, keys) -> None:
    for key in keys:
        if isinstance(key, tuple):
            pilot.app.post_message(events.Paste(key[1]))
            await pilot.pause()
        else:
            await press(pilot, key)


@sync
async def test_every_payload_pasted_into_every_flow(tmp_path):
    seen_payloads = 0
    for flow in CONTENT.sorted_flows():
        plan = _plan(flow.id)
        answers = example(flow.id, CONTENT)
        app = build_app(tmp_path / flow.id, new_name="Testlaget", flow_id=flow.id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            stuck = 0
            for _ in range(120):
                if not hasattr(app.screen, "conv"):  # the language check asks: keep the answer as it is
                    await press(pilot, "1", "enter")
                    continue
                conv = app.screen.conv
                step = conv.current
                if step is None or not plan:
                    break
                before = (step.id, len(conv.answers))
                if isinstance(step, QuestionStep) and step.key in plan:
                    *first, payload = plan.pop(step.key)
                    for other in first:  # a field with two payloads: paste one, look, clear, then the other
                        seen_payloads += 1
                        await _type(pilot, [("paste", other)])
                        assert leaks(screen_text(app)) == [], (flow.id, step.id)
                        await _clear(app)
                    seen_payloads += 1
                    await _type(pilot, _keys_with_paste(step, payload))
                    assert leaks(screen_text(app)) == [], (flow.id, step.id)
                    if conv.current is step:  # refused (or asked again): answer it validly
                        await _clear(app)
                        await step_on(pilot, app)
                    assert leaks(screen_text(app)) == [], (flow.id, step.id)  # and the answer shown back
                elif isinstance(step, QuestionStep) and not stuck and _example_choice(step, answers):
                    await press(pilot, *_example_choice(step, answers))
                elif stuck and isinstance(step, QuestionStep) and not step.validation.required:
                    await _clear(app)  # the driver's answer did not fit here: skip what may be skipped
                    await press(pilot, "enter")
                else:
                    await step_on(pilot, app)
                assert app.return_code is None, (flow.id, step.id)
                if (conv.current.id if conv.current else None, len(conv.answers)) == before:
                    stuck += 1
                    if stuck > 3:
                        break  # a step this driver cannot answer: the payloads so far are checked
                else:
                    stuck = 0
            assert app.is_running
    assert seen_payloads >= len(PAYLOADS) * 0.9, seen_payloads
