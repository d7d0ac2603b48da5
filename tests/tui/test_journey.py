"""The terminal UI driven with the keyboard (Textual's Pilot), on the real founding flow.

The flow's content changes often, so the driver answers whatever is asked (by question type) and
the checks look for behaviour: errors shown next to the input, nothing lost, back and edit
returning to the right place, a language switch keeping the answers, quit and resume.
"""

from __future__ import annotations

import pytest

from assistant.content.models import DocumentStep, QuestionStep, QuestionType as T

from tests.tui.helpers import build_app, press, screen_text, step_on, sync

SIZE = (80, 24)


def _conv(app):
    return app.screen.conv


async def _start_new(pilot, app, name: str = "Testforeningen") -> None:
    """Language (Norwegian is chosen), a new organisation, the founding flow from the roadmap."""
    from assistant.tui.screens.dialogue import DialogueScreen
    from assistant.tui.screens.roadmap import RoadmapScreen
    from assistant.tui.screens.start import OrganisationScreen, StartScreen

    await pilot.pause()
    assert isinstance(app.screen, StartScreen)
    await press(pilot, "enter")
    assert isinstance(app.screen, OrganisationScreen)
    await press(pilot, *name, "enter")
    assert isinstance(app.screen, RoadmapScreen)
    # the registers' order: the bylaws are written first, then the founding meeting adopts them
    assert "bylaws" == app.screen.rows[app.screen.query_one("#stages").highlighted].flow_id
    await press(pilot, "down")
    assert "founding" == app.screen.rows[app.screen.query_one("#stages").highlighted].flow_id
    await press(pilot, "enter")
    assert isinstance(app.screen, DialogueScreen)
    assert _conv(app).flow.id == "founding"


async def _until(pilot, app, predicate, limit: int = 80) -> None:
    """Go on through the flow until ``predicate(step)`` holds for the step shown."""
    for _ in range(limit):
        step = _conv(app).current
        if step is None or predicate(step):
            return
        await step_on(pilot, app)
    raise AssertionError("the flow did not reach the expected step")


@sync
async def test_founding_flow_from_start_to_the_document(data_dir):
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _start_new(pilot, app)
        conv = _conv(app)
        t = app.t

        # A required text question: Enter on nothing says what is wrong, next to the input.
        await _until(pilot, app, lambda s: isinstance(s, QuestionStep) and s.type is T.text
                     and s.validation.required)
        first_text = conv.current
        typed = app.screen.answer_widget().value()
        if first_text.key == "org.name":  # offered from the name given at the start
            assert typed == "Testforeningen"
        await press(pilot, *["backspace"] * len(typed), "enter")
        assert conv.current is first_text
        error = app.screen.query_one("#error")
        assert error.display and t.gettext("This question needs an answer.") in error.text
        await press(pilot, *"Somalisk kvinneforening", "enter")
        assert conv.answers[first_text.key] == "Somalisk kvinneforening"
        assert not app.screen.query_one("#error").display

        # A multi-line answer that is too short: the error shows and what was typed is kept.
        await _until(pilot, app, lambda s: isinstance(s, QuestionStep) and s.type is T.longtext
                     and (s.validation.min_length or 0) > 4)
        longtext = conv.current
        await press(pilot, *"Kort", "enter", "enter")
        assert conv.current is longtext
        assert app.screen.query_one("#error").display
        assert app.screen.answer_widget().value() == "Kort"
        await press(pilot, *["backspace"] * 6, *"Foreningen skal hjelpe kvinner i Drammen.", "enter", "enter")
        assert conv.answers[longtext.key] == "Foreningen skal hjelpe kvinner i Drammen."

        # Back: the question before comes back with its answer; Enter keeps it and moves on.
        await _until(pilot, app, lambda s: isinstance(s, QuestionStep))
        here = conv.current
        await press(pilot, "escape")
        assert conv.current is longtext
        assert app.screen.query_one("#banner").display
        assert "Foreningen skal hjelpe" in screen_text(app)
        await press(pilot, "enter", "enter")
        assert conv.current is here
        assert conv.answers[longtext.key] == "Foreningen skal hjelpe kvinner i Drammen."

        # Review and edit: F2 lists the answers; change the name; come back to this question.
        from assistant.tui.screens.review import ReviewScreen

        await press(pilot, "f2")
        assert isinstance(app.screen, ReviewScreen)
        ids = app.screen.query_one("#answers").ids
        await press(pilot, *["down"] * ids.index(first_text.id), "enter")
        assert conv.current is first_text
        await press(pilot, *["backspace"] * 30, *"Fjell kvinneforening", "enter")
        assert conv.answers[first_text.key] == "Fjell kvinneforening"
        assert conv.current is here

        # Switch language (F4) in the middle: the texts change, the answers do not.
        before = dict(conv.answers)
        await press(pilot, "f4")
        codes = [c for c, _ in app.screen.choices]
        here_index = app.screen.query_one("#languages").highlighted
        moves = codes.index("en") - here_index
        await press(pilot, *(["down"] * moves if moves > 0 else ["up"] * -moves), "enter")
        assert app.t.locale == "en"
        assert conv.answers == before and conv.current is here
        assert "Question" in app.screen.query_one("#progress").text
        assert app.store.session(conv.session_id).locale == "en"

        # On to the founding protocol; read it, save it, see where it went.
        await _until(pilot, app, lambda s: isinstance(s, DocumentStep)
                     and any(d.template == "founding_protocol" for d in s.documents))
        from assistant.tui.screens.preview import PreviewScreen

        await press(pilot, "1", "enter")
        assert isinstance(app.screen, PreviewScreen)
        await pilot.pause()
        markdown = "\n".join(m.source for m in app.screen.query("Markdown"))
        assert "Fjell kvinneforening" in markdown
        await press(pilot, "ctrl+s")
        written = app.screen.written
        assert written and all(p.exists() for p in written)
        assert str(written[0].parent) in app.screen.query_one("#saved").text
        await press(pilot, "escape")
        await _until(pilot, app, lambda s: False)
        assert conv.finished
        assert "Fjell kvinneforening" in (data_dir / "out" / "stiftelsesprotokoll.md").read_text(encoding="utf-8")
        assert app.screen.latencies and max(app.screen.latencies) < 2.0


@sync
async def test_quit_and_resume_where_you_stopped(data_dir):
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _start_new(pilot, app, "Kvinnegruppa")
        await _until(pilot, app, lambda s: isinstance(s, QuestionStep))
        assert app.screen.answer_widget().value() == "Kvinnegruppa"  # offered from the start
        await press(pilot, *" i Drammen", "enter")
        await _until(pilot, app, lambda s: isinstance(s, QuestionStep))
        stopped_at = _conv(app).current.id
        await press(pilot, *"Halvskrevet")  # typed, not saved
        from assistant.tui.screens.modals import QuitScreen

        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, QuitScreen)
        assert app.screen.query_one("#quit-text").text == app.saved_message()
        await press(pilot, "enter")
    assert app.return_code == 0

    again = build_app(data_dir)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await press(pilot, "enter")  # language
        assert "Kvinnegruppa" in screen_text(again)
        await press(pilot, "enter")  # the saved organisation
        conv = _conv(again)
        assert conv.current.id == stopped_at
        assert conv.answers["org.name"] == "Kvinnegruppa i Drammen"
        assert "Kvinnegruppa i Drammen" in screen_text(again)


@sync
async def test_help_explains_the_question(data_dir):
    app = build_app(data_dir, fixture=True, new_name="Test", flow_id="founding")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "enter")  # past the welcome
        from assistant.tui.screens.modals import HelpScreen

        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Somalisk kvinneforening i Drammen" in text  # the example
        await press(pilot, "escape")
        await press(pilot, *"Navn", "enter")
        await press(pilot, "question_mark")  # typing "?" alone and Enter also opens help
        await press(pilot, "enter")
        assert isinstance(app.screen, HelpScreen)
        body = " ".join(p.text for p in app.screen.query("#help-body Para"))
        assert "formål" in body and "Det foreningen vil oppnå" in body  # the Norwegian term and its meaning


@sync
async def test_choices_by_number_and_people_with_roles(data_dir):
    app = build_app(data_dir, fixture=True, new_name="Test", flow_id="founding")
    async with app.run_test(size=SIZE) as pilot:
        conv = app.screen.conv
        await _until(pilot, app, lambda s: s.id == "dues")
        await press(pilot, *"12500")
        assert app.screen.answer_widget().query_one("#answer-input").value == "12\u00a0500"
        assert "12\u00a0500\u00a0kr" in app.screen.query_one("#answer-preview").text
        await press(pilot, "enter")
        assert conv.answers["founding.dues"] == 12500
        await press(pilot, "2", "enter")  # yes/no by number: 2 = no
        assert conv.answers["founding.bylaws_adopted"] is False
        # people: two with the same role is refused in the user's words, the list is kept
        await press(pilot, *"Amina Ali", "enter", "2", "enter", *"Hodan Yusuf", "enter", "2", "enter", "enter")
        assert conv.current.id == "board"
        assert app.screen.query_one("#error").display
        assert len(app.screen.answer_widget().people) == 2
        # take Amina back to change her role (up to the list, Enter), then save
        await press(pilot, "up", "up", "enter")
        await press(pilot, "enter", "1", "enter", "enter")
        assert sorted(p["role"] for p in conv.answers["board"]) == ["chair", "member"]


@sync
async def test_language_check_offers_to_mark_for_translation(data_dir, monkeypatch):
    from assistant.i18n import detect

    monkeypatch.setattr(detect, "is_norwegian", lambda text: False)
    monkeypatch.setattr(detect, "warm_up", lambda: None, raising=False)
    app = build_app(data_dir, fixture=True, new_name="Test", flow_id="founding")
    async with app.run_test(size=SIZE) as pilot:
        conv = app.screen.conv
        await _until(pilot, app, lambda s: s.id == "purpose")
        await press(pilot, *"The association helps women.", "enter", "enter")
        await pilot.pause()
        from assistant.tui.screens.modals import LanguageCheckScreen

        assert isinstance(app.screen, LanguageCheckScreen)
        await press(pilot, "3", "enter")
        assert "org.purpose" in conv.needs_translation()


@sync
async def test_roadmap_shows_the_journey(data_dir):
    app = build_app(data_dir, fixture=True, new_name="Test", flow_id="founding")
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "f3")
        text = screen_text(app)
        assert "Stift foreningen" in text and "Registrer i Enhetsregisteret" in text
        assert "→ 1." in text  # founding is next
        await press(pilot, "escape")
        assert app.screen.conv.flow.id == "founding"


@sync
async def test_wide_terminal_shows_the_roadmap_beside_the_dialogue(data_dir):
    app = build_app(data_dir, fixture=True, new_name="Test", flow_id="founding")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one("#roadmap-panel")
        assert panel.display and "Skriv vedtektene" in panel.text
    narrow = build_app(data_dir / "n", fixture=True, new_name="Test", flow_id="founding")
    async with narrow.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert narrow.screen.query_one("#roadmap-panel").region.width == 0


@sync
async def test_every_flow_in_the_content_runs_in_the_terminal_ui(tmp_path):
    """The UI is generic over the flows content has: each one opens and its first steps work."""
    from assistant.content.loader import load_content
    from assistant.tui.screens.dialogue import DialogueScreen

    for flow in load_content(check=False).sorted_flows():
        app = build_app(tmp_path / flow.id, new_name="Testlaget", flow_id=flow.id)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for _ in range(10):
                assert isinstance(app.screen, DialogueScreen), (flow.id, type(app.screen).__name__)
                if _conv(app).current is None:
                    break
                await step_on(pilot, app)
            assert isinstance(app.screen, DialogueScreen)
            assert app.screen.query_one("#slot").children  # there is always something to do


@sync
async def test_broken_content_is_reported_and_the_rest_still_works(tmp_path):
    import shutil

    from assistant.content.loader import load_content
    from assistant.i18n import get_translator
    from assistant.store import Store
    from assistant.tui.app import make_app
    from assistant.tui.options import TuiOptions
    from assistant.tui.screens.modals import ProblemsScreen

    from tests.tui.helpers import FIXTURES, TODAY

    content_dir = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", content_dir)
    (content_dir / "flows" / "broken.toml").write_text('id = "broken"\ntitle = 3\n', encoding="utf-8")
    content = load_content(content_dir, check=False)
    assert content.problems
    app = make_app(content, Store(tmp_path / "data"), get_translator("nb"),
                   TuiOptions(today=TODAY, cursor_blink=False, preload_content=False, new_name="Laget",
                              flow_id="founding"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "broken.toml" in screen_text(app)
        await press(pilot, "enter")
        assert _conv(app).flow.id == "founding"


@sync
async def test_high_contrast_and_no_color(data_dir, monkeypatch):
    from assistant.tui.options import DEFAULT_THEME, HIGH_CONTRAST, TuiOptions

    monkeypatch.setenv("VEIVISER_THEME", "high-contrast")
    assert TuiOptions.from_environment().theme == "high-contrast"
    app = build_app(data_dir, fixture=True, new_name="Test", flow_id="founding", theme="high-contrast")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST and app.plain_styles
        await press(pilot, "f6")
        assert app.theme == DEFAULT_THEME
    monkeypatch.setenv("NO_COLOR", "1")
    plain = build_app(data_dir / "nc", fixture=True, new_name="Laget", flow_id="founding")
    async with plain.run_test(size=SIZE) as pilot:
        await press(pilot, "enter", "enter")  # past the welcome; the name offered is kept
        assert plain.no_color and plain.screen.conv.answers["org.name"] == "Laget"


def _contrast(a, b) -> float:
    def lum(c):
        def ch(v):
            v = v / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("theme, least", [("veiviser", 4.5), ("high-contrast", 7.0)])
@sync
async def test_text_contrast(data_dir, theme, least):
    """Every letter on the dialogue screen is readable: WCAG AA (4.5:1) in the normal theme and
    AAA (7:1) in the high-contrast theme."""
    import io

    from rich.console import Console

    app = build_app(data_dir, fixture=True, new_name="Laget", flow_id="founding", theme=theme)
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, "enter", "enter", *"Kort", "enter", "enter")  # an error shows too
        update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
        console = Console(width=80, height=24, file=io.StringIO(), force_terminal=True,
                          color_system="truecolor", legacy_windows=False)
        worst = 21.0
        for seg in console.render(update):
            style = seg.style
            if not style or not any(c.isalnum() for c in seg.text) or not style.color or not style.bgcolor:
                continue
            fg, bg = style.color.get_truecolor(), style.bgcolor.get_truecolor()
            worst = min(worst, _contrast(tuple(fg), tuple(bg)))
        assert worst >= least


@sync
async def test_a_language_given_on_the_command_line_skips_the_language_list(data_dir):
    from assistant.tui.screens.start import OrganisationScreen, StartScreen

    app = build_app(data_dir, "en", fixture=True, ask_language=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OrganisationScreen)
        await press(pilot, "escape")  # the language list is still one key away
        assert isinstance(app.screen, StartScreen)


@pytest.mark.parametrize("locale, side", [("nb", "left"), ("ar", "right")])
@sync
async def test_lists_sit_on_the_reading_side(data_dir, locale, side):
    app = build_app(data_dir, locale, fixture=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        region = app.screen.query_one("#languages").region
        assert (region.x < 10) == (side == "left")
        assert app.has_class("-rtl") == (side == "right")


@sync
async def test_the_multi_line_input_is_kept_between_questions_and_starts_empty_again(data_dir):
    """The TextArea is built once and reused for the next multi-line question (it is the slowest
    input to build); hidden meanwhile, it takes no keys, and it starts with the new question's
    own text, not the last answer."""
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _start_new(pilot, app)
        conv = _conv(app)
        is_long = lambda s: isinstance(s, QuestionStep) and s.type is T.longtext  # noqa: E731
        await _until(pilot, app, is_long)
        first, widget = conv.current, app.screen.answer_widget()
        await press(pilot, *"Foreningen skal hjelpe kvinner i Drammen.", "enter", "enter")
        assert conv.answers[first.key] == "Foreningen skal hjelpe kvinner i Drammen."
        await _until(pilot, app, lambda s: isinstance(s, QuestionStep))
        assert not is_long(conv.current)
        assert not widget.display and app.screen.answer_widget() is not widget
        await _until(pilot, app, lambda s: is_long(s) and s.id != first.id)
        assert app.screen.answer_widget() is widget  # the same TextArea, shown again
        assert widget.step is conv.current
        assert widget.value() == (conv.current.default or "")
        await press(pilot, *"Vi lager aktiviteter for barn.", "enter", "enter")
        assert conv.answers[widget.step.key] == "Vi lager aktiviteter for barn."


@sync
async def test_the_answer_area_keeps_its_height_from_a_short_input_to_a_multi_line_one(data_dir):
    """A steady answer area: the conversation above does not jump, and the screen is not redrawn
    as a whole between two questions (that made these answers slow)."""
    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _start_new(pilot, app)
        await _until(pilot, app, lambda s: isinstance(s, QuestionStep) and s.type is T.text)
        short = app.screen.query_one("#answer-area").outer_size.height
        await _until(pilot, app, lambda s: isinstance(s, QuestionStep) and s.type is T.longtext)
        assert app.screen.query_one("#answer-area").outer_size.height == short


@sync
async def test_full_disk_keeps_the_answer_in_the_box(data_dir):
    """The database may not grow (SQLite's own 'database or disk is full'): the answer is not
    saved, the screen says so, the typed text stays; once there is room, Enter saves it."""
    from assistant.store.errors import DiskFull

    app = build_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await _start_new(pilot, app, "Kvinnegruppa")
        await _until(pilot, app, lambda s: isinstance(s, QuestionStep))
        conv = _conv(app)
        step = conv.current
        store = app.store
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFull):  # fill the last pages
            for i in range(100000):
                store.save_answer(conv.session_id, f"f{i}", 1)
        await press(pilot, *" i Drammen", "enter")
        assert conv.current is step
        assert app.screen.answer_widget().value() == "Kvinnegruppa i Drammen"
        text = screen_text(app)
        assert "Disken er full" in text and "Svaret ditt ble ikke lagret" in text, text
        assert store.answers(conv.session_id).get("org.name") != "Kvinnegruppa i Drammen"
        store.conn.execute("PRAGMA max_page_count = 1073741823")
        await press(pilot, "enter")
        assert conv.current is not step
        assert store.answers(conv.session_id)["org.name"] == "Kvinnegruppa i Drammen"
