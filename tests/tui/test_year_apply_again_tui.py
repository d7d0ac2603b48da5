"""After a rejection, "apply again" in the terminal UI: going on from the grant_answer flow opens
the application, from the choice of grant, with the funder's notes beside the right questions.
(Here, not in tests/year: the UI tests run before the browser tests hold an event loop.)"""

from __future__ import annotations

from assistant.store import Store
from tests.tui.helpers import build_app, press, screen_text, step_on, sync
from tests.year.conftest import TODAY
from tests.year.test_year_apply_again import NOTES, seeded


def test_the_terminal_ui_opens_the_application_with_the_notes(tmp_path):
    with Store(tmp_path) as store:
        sid = seeded(store)

    @sync
    async def walk():
        app = build_app(tmp_path, "en", session_id=sid, flow_id="grant_answer", today=TODAY)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            for _ in range(40):
                if app.screen.conv.flow.id == "grant_application":
                    break
                await step_on(pilot, app)
            conv = app.screen.conv
            assert conv.flow.id == "grant_application" and conv.current.id == "scheme"
            assert NOTES[2] in screen_text(app)
            for _ in range(60):
                if conv.current.id == "target_group":
                    break
                await step_on(pilot, app) if conv.current.kind != "question" else await _keep(pilot)
            assert conv.current.id == "target_group"
            shown = screen_text(app)
            assert "From the funder's answer:" in shown and NOTES[0] in shown
            assert app.store.answers(sid)["grant.target_group"].startswith("30 barn")

    walk()


async def _keep(pilot):
    """Enter in the answer as it stands (a long text: Enter twice)."""
    step = pilot.app.screen.conv.current
    await press(pilot, *(["enter", "enter"] if step.type.value == "longtext" else ["enter"]))
