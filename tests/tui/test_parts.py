"""The terminal UI's parts: the CLI entry, the keymap as data, the start-up path, the language
tables, the right-to-left helper."""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TUI = ROOT / "assistant" / "tui"


def _args(tmp_path, **kw):
    base = dict(locale="nb", data_dir=str(tmp_path), content=None, locales_dir=None, session=None,
                new=None, flow=None, out=None, plain=False, command=None)
    base.update(kw)
    return argparse.Namespace(**base)


@pytest.fixture
def headless(monkeypatch):
    from assistant.tui.app import VeiviserApp

    real_run = VeiviserApp.run
    monkeypatch.setattr(VeiviserApp, "run", lambda self, **kw: real_run(self, headless=True, size=(80, 24)))


def test_run_tui_starts_the_app_and_says_everything_is_saved(tmp_path, monkeypatch, capsys, headless):
    from assistant.cli import Context
    from assistant.tui import run_tui

    ready = tmp_path / "ready"
    monkeypatch.setenv("VEIVISER_READY_FILE", str(ready))
    assert run_tui(Context(_args(tmp_path / "data", new="Testlaget", flow="founding"))) == 0
    assert ready.exists()


def test_run_tui_refuses_an_unknown_session(tmp_path, capsys):
    from assistant.cli import EXIT_USAGE, Context
    from assistant.tui import run_tui

    assert run_tui(Context(_args(tmp_path, session=99))) == EXIT_USAGE
    assert "99" in capsys.readouterr().err


def test_run_tui_refuses_an_unknown_flow(tmp_path, capsys):
    from assistant.cli import EXIT_USAGE, Context
    from assistant.tui import run_tui

    assert run_tui(Context(_args(tmp_path, flow="no_such_flow"))) == EXIT_USAGE
    assert "no_such_flow" in capsys.readouterr().err


def test_the_store_opens_after_the_language_list_is_drawn_and_a_damaged_one_is_told_in_the_ui(
        tmp_path, monkeypatch, capsys, headless):
    from assistant.cli import Context
    from assistant.tui import run_tui
    from assistant.tui.app import VeiviserApp

    data = tmp_path / "data"
    data.mkdir()
    (data / "veiviser.db").write_bytes(b"not a database" * 300)
    monkeypatch.delenv("VEIVISER_LOCALE", raising=False)
    monkeypatch.setenv("VEIVISER_READY_FILE", str(tmp_path / "ready"))
    opened_when_ready, told = [], []
    real_store = VeiviserApp.store

    def watch(self):
        if self._store is None:
            opened_when_ready.append(self.is_ready)
        return real_store.fget(self)

    monkeypatch.setattr(VeiviserApp, "store", property(watch))
    monkeypatch.setattr(VeiviserApp, "notify", lambda self, message, **kw: told.append(message))
    assert run_tui(Context(_args(tmp_path, locale=None, data_dir=str(data)))) == 0
    assert opened_when_ready == [True]  # not before the first frame
    assert any("moved aside" in m or "flyttet" in m for m in told), told
    assert "veiviser.db" not in capsys.readouterr().err  # not printed under the UI
    assert any(p.name.startswith("veiviser.db.corrupt-") for p in data.iterdir())


def test_a_newer_database_stops_the_ui_and_the_cli_says_why(tmp_path, monkeypatch, headless):
    import sqlite3

    from assistant.cli import Context
    from assistant.store import APPLICATION_ID, SCHEMA_VERSION, StoreError
    from assistant.tui import run_tui

    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / "veiviser.db")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    monkeypatch.delenv("VEIVISER_LOCALE", raising=False)
    with pytest.raises(StoreError) as exc:  # dispatch turns this into the message and exit code 3
        run_tui(Context(_args(tmp_path, locale=None, data_dir=str(data))))
    assert exc.value.code == "newer"


def test_importing_the_tui_package_is_cheap():
    """cli.py imports assistant.tui lazily; the package itself must not pull in Textual."""
    code = "import sys, assistant.tui; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr


def test_first_screen_does_not_load_content_models_or_language_detection():
    """The start screen needs neither pydantic nor langdetect: they load after the first frame."""
    code = (
        "import sys, datetime, tempfile\n"
        "from assistant.store import Store\n"
        "from assistant.i18n import get_translator\n"
        "from assistant.tui.app import make_app\n"
        "from assistant.tui.options import TuiOptions\n"
        "import assistant.tui.screens.start\n"
        "app = make_app(lambda: None, Store(tempfile.mkdtemp()), get_translator('nb'), TuiOptions())\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pydantic', 'langdetect')"
        " or m in ('assistant.content.models', 'assistant.i18n.detect')]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_key_bindings_live_in_the_keymap_only():
    """No widget or screen declares BINDINGS of its own: keys are data in keymap.py."""
    offenders = []
    for path in TUI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.Assign) and any(
                            isinstance(t, ast.Name) and t.id == "BINDINGS" for t in item.targets):
                        offenders.append(f"{path.name}:{node.name}")
    assert offenders == []


def test_every_key_scope_is_in_the_keymap_and_has_a_description():
    from assistant.tui import keymap
    from assistant.tui.screens import dialogue, modals, preview, review, roadmap, start  # noqa: F401
    from assistant.tui.widgets import answers, lists  # noqa: F401

    scopes = set()

    def walk(cls):
        for sub in cls.__subclasses__():
            scope = getattr(sub, "KEY_SCOPE", "")
            if scope:
                scopes.add(scope)
            walk(sub)

    from assistant.tui.screens.base import KeysMixin

    walk(KeysMixin)
    walk(lists.Keyed)
    assert scopes <= set(keymap.KEYMAP), scopes - set(keymap.KEYMAP)
    for scope, keys in keymap.KEYMAP.items():
        for k in keys:
            assert k.description and k.keys, (scope, k)
    # the footer shows one key per action, and Ctrl+Q always quits
    app_keys = {k.id: k for k in keymap.KEYMAP["app"]}
    assert app_keys["quit"].keys == "ctrl+q" and app_keys["quit"].priority


def test_language_table_matches_babel():
    from babel import Locale

    from assistant.tui.rtl import AUTONYMS, RTL_CODES, is_rtl, language_name

    for code, name in AUTONYMS.items():
        loc = Locale.parse(code)
        own = loc.get_display_name(loc)
        own = own[:1].upper() + own[1:] if code not in ("nb", "nn") else own
        assert name == own, code
        assert is_rtl(code) == (loc.character_order == "right-to-left"), code
    for code in RTL_CODES - {"fa_AF"}:
        try:
            assert Locale.parse(code).character_order == "right-to-left", code
        except Exception:  # a code Babel does not know: the table is the only source
            pass
    assert language_name("fa_AF") == "دری" and is_rtl("fa_AF")


def test_right_to_left_lines_are_wrapped_before_they_are_reordered():
    from assistant.tui.rtl import Direction, wrap

    d = Direction("ar", "app")
    assert d.rtl and d.reorders
    text = "هذه جملة طويلة جدا تحتاج إلى أكثر من سطر واحد في الشاشة الضيقة"
    lines = d.lines(text, 20)
    assert len(lines) == len(wrap(text, 20)) > 1
    assert all(len(line) <= 20 for line in lines)
    assert Direction("ar", "terminal").line(text) == text  # the terminal reorders
    assert Direction("nb").line("Hei") == "Hei" and not Direction("nb").reorders


def test_wrap_cuts_long_words():
    from assistant.tui.rtl import wrap

    assert wrap("a bb ccc", 4) == ["a bb", "ccc"]
    assert wrap("https://example.org/very/long", 10)[0] == "https://ex"
    assert wrap("", 10) == [""]


def test_the_loaded_content_is_moved_out_of_the_garbage_collectors_way():
    """Full collections walked every content model and class: 60-90 ms pauses between two
    questions. After the preload, what is loaded is frozen (gc.freeze)."""
    import gc

    from assistant.tui.app import VeiviserApp

    before = gc.get_freeze_count()
    try:
        VeiviserApp.freeze_heap()
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
