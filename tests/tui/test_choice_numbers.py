"""Typing a number in a numbered choice list, and the roadmap's own state (shipped content)."""

from __future__ import annotations

from tests.tui.helpers import build_app, press, screen_text, step_on, sync

SIZE = (80, 24)


async def _until(pilot, app, step_id: str) -> None:
    for _ in range(60):
        if app.screen.conv.current is not None and app.screen.conv.current.id == step_id:
            return
        await step_on(pilot, app)
    raise AssertionError(f"the flow did not reach {step_id}")


@sync
async def test_a_typed_number_chooses_the_line_that_shows_it(data_dir):
    app = build_app(data_dir, new_name="Testlaget", flow_id="bylaws")
    async with app.run_test(size=SIZE) as pilot:
        conv = app.screen.conv
        # codes that are words: the lines are numbered 1, 2 …, and "2" is the second line
        await _until(pilot, app, "membership")
        second = conv.current.choices[1].code
        await press(pilot, "2", "enter")
        assert conv.answers["bylaws.membership"] == second
        # codes that are numbers: the line shows its code, and "21" means three weeks
        await _until(pilot, app, "notice")
        await press(pilot, "2", "1", "enter")  # two digits typed together: code 21
        assert conv.answers["bylaws.notice"] == "21"
        # "5" means five board members, never the fifth line
        await _until(pilot, app, "board_size")
        assert "5. " in screen_text(app) and "2. " not in screen_text(app)
        await press(pilot, "5", "enter")
        assert conv.answers["bylaws.board_size"] == "5"


def test_the_roadmap_says_done_only_when_the_step_is_done(data_dir):
    from types import SimpleNamespace

    from assistant.content.loader import load_content
    from assistant.engine import Engine, State
    from assistant.i18n import get_translator
    from assistant.i18n.content import ContentText
    from assistant.store import Store
    from assistant.tui.screens.roadmap import rows

    content = load_content()
    t = get_translator("en")
    with Store(data_dir) as store:
        sid = store.create_session("Test")
        answers = {"org.name": "Test", "org.registered_enhetsregisteret": False,
                   "registration.protocol_signed": True, "org.has_bylaws": True,
                   "registration.board_elected": True, "registration.ids": "all",
                   "registration.altinn": True, "registration.want_frivreg": "yes"}
        for key, value in answers.items():
            store.save_answer(sid, key, value)
        flow = content.flows["registration"]
        seen = [s.id for s in flow.steps if s.kind != "question"]
        assert Engine(flow).finished(State(answers=answers, seen=frozenset(seen)))  # the guide is read
        store.save_flow_state(sid, "registration", seen, None, None)
        app = SimpleNamespace(content=content, store=store, session_id=sid, t=t, ct=ContentText(t))
        lines = {r.stage_id: r for r in rows(app, current_flow="registration") if r.stage_id}
    er = lines["enhetsregisteret"]
    assert er.text.endswith("guide read, not done yet") and er.suggested and not er.current
    assert lines["bank"].text.endswith("guide read, not done yet")


@sync
async def test_people_named_before_are_chosen_by_number(data_dir):
    import json
    from pathlib import Path

    from assistant.content.loader import load_content
    from assistant.profile import flatten
    from assistant.store import Store

    content = load_content()
    examples = Path(__file__).parents[1] / "content" / "examples"
    base = flatten(json.loads((examples / "somali_drammen.json").read_text(encoding="utf-8")),
                   known=set(content.known_keys()))
    founders = [p["name"] for p in base["founding.founders"]]
    with Store(data_dir) as store:
        sid = store.create_session("Somali")
        for key, value in base.items():
            if key != "founding.meeting_chair":
                store.save_answer(sid, key, value)
        flow = content.flows["founding"]
        store.save_flow_state(sid, "founding", [s.id for s in flow.steps if s.kind != "question"], None, None)
    app = build_app(data_dir, session_id=sid, flow_id="founding", ask_language=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        conv = app.screen.conv
        assert conv.current.id == "meeting_chair"
        assert f"2 = {founders[1]}" in screen_text(app).replace("\n", " ") or \
            f"2 = {founders[1]}" in app.screen.query_one("#hint").text
        await press(pilot, *["backspace"] * 40, "2", "enter")
        assert conv.answers["founding.meeting_chair"] == founders[1]
