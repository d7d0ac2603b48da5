"""The facilitator's view with three organisations: stage, progress, last change and flags;
search; open one read-only; write a comment that the organisation then sees."""

import subprocess
import sys

import pytest

from assistant.facilitator import overview, search
from assistant.i18n import get_translator
from assistant.session import Conversation
from assistant.store import Store
from tests.tui.helpers import press, screen_text, sync

from .conftest import TODAY, example, go_through

SIZE = (120, 50)


@pytest.fixture
def three(tmp_path, pack_content):
    data = tmp_path / "data"
    with Store(data) as store:
        a = store.create_session("Somalisk kvinneforening", "so")
        go_through(pack_content, store, a, "founding", example("somali_drammen", pack_content))
        conv = Conversation(store, a, pack_content, "bylaws", today=TODAY)
        conv.mark_for_translation("org.purpose")
        b = store.create_session("Tamilsk kulturklubb", "nb")
        Conversation(store, b, pack_content, "founding", today=TODAY).acknowledge()
        c = store.create_session("Ukrainsk forening Bergen", "uk")
    return data, (a, b, c)


def test_overview_of_three_organisations(three, pack_content):
    data, (a, b, c) = three
    with Store(data) as store:
        rows = {r.id: r for r in overview(pack_content, store, get_translator("en"), TODAY)}
    assert set(rows) == {a, b, c}
    assert rows[a].flow == "bylaws" and rows[a].translation == 1 and "translation" in rows[a].flags
    assert rows[a].stage == "enhetsregisteret"  # the bylaws and the founding are done
    # b has opened the founding guide but written no bylaws: the founding meeting must adopt a
    # draft, so the roadmap's next stage is still writing the bylaws (founding requires bylaws)
    assert rows[b].flow == "founding" and rows[b].stage == "bylaws" and rows[b].total > 0
    assert rows[b].answered == 0
    assert rows[c].flow is None and rows[c].flags == []
    assert [r.id for r in search(list(rows.values()), "tamil")] == [b]
    assert [r.id for r in search(list(rows.values()), "uk")] == [c]


@sync
async def test_facilitator_tui_search_open_and_comment(three, pack_content):
    from assistant.tui.facilitator import FacilitatorScreen, OrgScreen, make_facilitator_app
    from assistant.tui.options import TuiOptions

    data, (a, b, c) = three
    store = Store(data)
    app = make_facilitator_app(pack_content, store, get_translator("nb"),
                               TuiOptions(today=TODAY, cursor_blink=False, animations=False,
                                          preload_content=False), author="Kari")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        text = screen_text(app)
        for name in ("Somalisk kvinneforening", "Tamilsk kulturklubb", "Ukrainsk forening Bergen"):
            assert name in text
        assert "merket for oversettelse" in text or "marked for translation" in text
        await press(pilot, "ctrl+f", *"somal")
        assert len(app.screen.shown) == 1 and app.screen.shown[0].id == a
        assert "Tamilsk" not in screen_text(app)
        await press(pilot, "enter", "enter")  # to the list, open
        assert isinstance(app.screen, OrgScreen)
        assert "Somalisk kvinneforening i Drammen" in screen_text(app)  # its answers, read-only
        await press(pilot, "c", *"Fint navn, men skriv det likt overalt.", "enter")
        assert "Kommentar fra Kari" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, FacilitatorScreen)
    from assistant.store.comments import Comments

    (comment,) = Comments(store).list(a)
    assert comment.author == "Kari" and comment.text == "Fint navn, men skriv det likt overalt."
    assert comment.target.startswith("answer:")
    store.close()


def test_facilitator_list_command(three):
    data, (a, b, c) = three
    out = subprocess.run([sys.executable, "-m", "assistant", "facilitator", "--list", "--data-dir", str(data),
                          "--locale", "en"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) == 3 and any("Somalisk kvinneforening" in x and "marked for translation" in x for x in lines)
