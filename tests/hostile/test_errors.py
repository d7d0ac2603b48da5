"""One error family: a bug gives a short message in the user's language, a crash report in the
data folder and a non-zero exit, in the CLI and in the terminal UI; never a raw traceback."""

from __future__ import annotations

import pytest

from assistant.errors import EXIT_CRASH, UsageError, VeiviserError, crash_message
from assistant.i18n import get_translator

from tests.tui.helpers import build_app, sync


def test_a_bug_in_a_command_is_a_short_message_a_report_and_exit_70(tmp_path, monkeypatch, capsys):
    import assistant.cli as cli

    def broken(args, ctx):
        raise RuntimeError("boom \x1b]0;x\x07")

    monkeypatch.setattr(cli, "cmd_flows", broken)
    code = cli.main(["--data-dir", str(tmp_path), "--locale", "nb", "flows"])
    captured = capsys.readouterr()
    assert code == EXIT_CRASH
    assert "Traceback" not in captured.err + captured.out
    assert captured.err.startswith("Veiviser stoppet på grunn av en feil i programmet.")
    reports = list((tmp_path / "crash-reports").glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "RuntimeError: boom" in text and "Traceback" in text
    assert str(reports[0]) in captured.err


def test_an_expected_error_gives_its_message_and_exit_code(tmp_path, monkeypatch, capsys):
    import assistant.cli as cli

    def refused(args, ctx):
        raise UsageError("There is no session {id}.", id=7)

    monkeypatch.setattr(cli, "cmd_flows", refused)
    code = cli.main(["--data-dir", str(tmp_path), "--locale", "nb", "flows"])
    assert code == 2
    assert capsys.readouterr().err.strip() == get_translator("nb").format("There is no session {id}.", id=7)
    assert not (tmp_path / "crash-reports").exists()


def test_every_expected_error_is_one_family():
    from assistant.content.loader import ContentError
    from assistant.engine import FlowError
    from assistant.engine.conditions import ConditionError
    from assistant.engine.validate import Invalid
    from assistant.render import DocumentRefused
    from assistant.scripted import AnswersError
    from assistant.store import StoreError

    for cls in (Invalid, DocumentRefused, AnswersError, ContentError, ConditionError, FlowError, StoreError):
        assert issubclass(cls, VeiviserError), cls


def test_the_crash_message_without_a_report():
    assert crash_message(get_translator("en"), None).startswith("Veiviser stopped because of an error")


@sync
async def test_a_crash_in_the_tui_saves_a_report_and_exits_non_zero(tmp_path):
    app = build_app(tmp_path / "data", new_name="Laget", flow_id="founding")
    app.data_dir = tmp_path / "data"
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            app.call_later(lambda: 1 / 0)
            await pilot.pause()
    assert app.return_code == EXIT_CRASH
    assert app.crash_report is not None and app.crash_report.exists()
    assert "ZeroDivisionError" in app.crash_report.read_text(encoding="utf-8")
