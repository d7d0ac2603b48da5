"""A coordinator's comment appears beside the answer in the organisation's terminal UI, and F7
marks it done (saved)."""

from assistant.store import Store
from assistant.store.comments import answer_target
from tests.tui.helpers import press, screen_text, sync

from .conftest import TODAY, example, go_through

SIZE = (110, 45)


def _app(data_dir, content, session_id, flow_id):
    from assistant.i18n import get_translator
    from assistant.tui.app import make_app
    from assistant.tui.options import TuiOptions

    opts = TuiOptions(today=TODAY, cursor_blink=False, animations=False, preload_content=False,
                      out_dir=data_dir / "out", session_id=session_id, flow_id=flow_id)
    return make_app(content, Store(data_dir), get_translator("nb"), opts)


@sync
async def test_comment_beside_the_answer_in_the_tui_and_mark_done(tmp_path, pack_content, monkeypatch):
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("VEIVISER_LOCALE", raising=False)
    data = tmp_path / "data"
    with Store(data) as store:
        sid = store.create_session("Somalisk kvinneforening", "nb")
        conv = go_through(pack_content, store, sid, "founding", example("somali_drammen", pack_content))
        cid = conv.add_comment(answer_target("org.name"), "Kari", "Skriv hele det offisielle navnet.")
    app = _app(data, pack_content, sid, "founding")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "f2")
        from assistant.tui.screens.review import ReviewList, ReviewScreen

        assert isinstance(app.screen, ReviewScreen)
        text = screen_text(app)
        assert "Kommentar fra Kari" in text and "Skriv hele det offisielle navnet." in text
        assert "F7: Merk kommentarene som ferdige" in text
        lst = app.screen.query_one(ReviewList)
        row = next(i for i, s in enumerate(lst.ids) if conv.flow.step(s).key == "org.name")
        lst.highlighted = row
        await press(pilot, "f7")
        assert "(ferdig)" in screen_text(app)
    with Store(data) as store:
        from assistant.store.comments import Comments

        (c,) = Comments(store).list(sid)
        assert c.id == cid and c.is_done and c.author == "Kari"
