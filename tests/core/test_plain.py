import io

from assistant.i18n import get_translator
from assistant.plain import PlainUI
from assistant.store import Store

from .conftest import TODAY
from tests.feed import feeder


def run(content, store, lines, session_id=None, flow="demo", out_dir=None):
    fake_input = feeder(lines)

    out = io.StringIO()
    ui = PlainUI(content, store, get_translator("en"), input_fn=fake_input, out=out, today=TODAY,
                 out_dir=out_dir)
    code = ui.run(session_id=session_id, flow_id=flow)
    return code, out.getvalue()


def test_full_journey_with_error_back_review_edit_and_document(tmp_path, demo_content):
    with Store(tmp_path / "data") as store:
        sid = store.create_session("Somali women")
        code, text = run(demo_content, store, [
            "",                      # intro
            "x" * 50,                # too long -> error, typed answer not lost (asked again)
            "Somali women Drammen",
            "2",                     # registered? no
            "/back",                 # back to registered
            "1",                     # yes now
            "974760674",             # wrong check digit
            "974760673",
            "1",                     # members: below min
            "12",
            "Amina Ali", "1", "Hodan Yusuf", "2", "",  # board
            "1",                     # review: change answer 1 (name)
            "Somali Women's Association",
            "",                      # review: go on
            "",                      # document: go on
        ], session_id=sid, out_dir=tmp_path / "docs")
        assert code == 0
        assert "Write at most 40 characters (now 50)." in text
        assert "This organisation number is not valid." in text
        assert "The number must be at least 2." in text
        assert "You have finished: Demo." in text
        answers = store.answers(sid)
    assert answers["org.name"] == "Somali Women's Association"
    assert answers["org.registered_enhetsregisteret"] is True
    assert answers["board"] == [{"name": "Amina Ali", "role": "chair"}, {"name": "Hodan Yusuf", "role": "member"}]
    md = (tmp_path / "docs" / "demo.md").read_text(encoding="utf-8")
    assert "# Dokument for Somali Women's Association" in md
    assert "Organisasjonsnummer: 974760673" in md


def test_quit_and_resume_where_you_left(tmp_path, demo_content):
    with Store(tmp_path) as store:
        sid = store.create_session("Resume test")
        code, text = run(demo_content, store, ["", "Ukrainian parents", "/quit"], session_id=sid)
        assert code == 0 and "Everything you answered is saved" in text
    with Store(tmp_path) as store:
        code, text = run(demo_content, store, ["/quit"], session_id=sid)
        assert "Registered?" in text  # the next unanswered question, not the start
        assert store.answers(sid) == {"org.name": "Ukrainian parents"}


def test_end_of_input_is_a_safe_quit(tmp_path, demo_content):
    with Store(tmp_path) as store:
        sid = store.create_session("EOF")
        code, text = run(demo_content, store, ["", "Name"], session_id=sid)
        assert code == 0 and store.answers(sid) == {"org.name": "Name"}


def test_help_shows_explanation_and_keeps_the_question(tmp_path, demo_content):
    with Store(tmp_path) as store:
        sid = store.create_session("Help")
        code, text = run(demo_content, store, ["", "?", "Name after help", "/quit"], session_id=sid)
        assert "The name." in text
        assert store.answers(sid)["org.name"] == "Name after help"


def test_no_escape_codes_in_plain_output(tmp_path, demo_content):
    with Store(tmp_path) as store:
        sid = store.create_session("Pipe")
        _, text = run(demo_content, store, ["", "A", "/review", "", "/quit"], session_id=sid)
    assert "\x1b" not in text


def test_new_session_and_flow_menu(tmp_path, demo_content):
    with Store(tmp_path) as store:
        code, text = run(demo_content, store, ["Tamil club", "1", "/quit"], flow=None)
        assert "Demo" in text
        [session] = store.sessions()
        assert session.name == "Tamil club"


def test_language_menu_by_number_and_by_typing(tmp_path, demo_content):
    from assistant.i18n import get_translator as gt

    def switch(code):
        return gt(code), (lambda s: s)

    with Store(tmp_path) as store:
        sid = store.create_session("Lang")
        out = io.StringIO()
        feed = iter(["Waxaan nahay urur haween Soomaaliyeed ah oo ku nool magaalada Drammen", "1", "/quit"])
        ui = PlainUI(demo_content, store, gt("en"), input_fn=lambda _p: next(feed), out=out, today=TODAY,
                     switch_locale=switch, locales=["nb", "en", "so", "ar"])
        assert ui.run(session_id=sid, flow_id="demo", ask_language=True) == 0
        assert ui.t.locale == "so"
        assert store.session(sid).locale == "so"
        text = out.getvalue()
        assert "Soomaali" in text and "Ku soo dhowow Veiviser" in text

        feed2 = iter(["4", "/quit"])
        out2 = io.StringIO()
        ui2 = PlainUI(demo_content, store, gt("en"), input_fn=lambda _p: next(feed2), out=out2, today=TODAY,
                      switch_locale=switch, locales=["nb", "en", "so", "ar"])
        ui2.run(session_id=sid, flow_id="demo", ask_language=True)
        assert ui2.t.locale == "ar"


def test_enter_at_the_language_menu_opens_the_language_used_last(tmp_path, demo_content):
    from assistant.i18n import get_translator as gt

    def switch(code):
        return gt(code), (lambda s: s)

    with Store(tmp_path) as store:
        store.create_session("Gammel", "nb")
        sid = store.create_session("Somali Women", "so")  # used last
        feed = iter(["", "/quit"])
        out = io.StringIO()
        ui = PlainUI(demo_content, store, gt("nb"), input_fn=lambda _p: next(feed), out=out, today=TODAY,
                     switch_locale=switch, locales=["nb", "en", "so", "ar"])
        ui.run(session_id=sid, flow_id="demo", ask_language=True)
        assert ui.t.locale == "so"
        assert "3. Soomaali  ↵" in out.getvalue()


def test_a_typed_list_number_is_the_code_of_that_line(tmp_path, demo_content):
    """Plain mode numbers the choices; the number typed becomes that line's code before the
    engine sees it (the engine itself takes codes only)."""
    with Store(tmp_path / "data") as store:
        sid = store.create_session("Choice by number")
        code, text = run(demo_content, store, ["", "Somali women", "2", "3", "2", "/quit"], session_id=sid)
        assert "  1. No time" in text and "  2. Did not know" in text
        assert "Choose one of the numbers 1 to 2." in text  # no line 3: asked again
        assert store.answers(sid)["demo.why_not"] == "nb"
