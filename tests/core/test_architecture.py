"""The core never imports textual: the terminal UI is one front end among three."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ["assistant.content.loader", "assistant.content.checks", "assistant.engine", "assistant.store",
        "assistant.render", "assistant.i18n", "assistant.i18n.format", "assistant.session",
        "assistant.plain", "assistant.scripted", "assistant.profile", "assistant.cli"]


def test_core_does_not_import_textual():
    code = (
        "import sys\n"
        f"for m in {CORE!r}: __import__(m)\n"
        "from assistant.content.loader import load_content\n"
        "content = load_content()\n"
        "from assistant.cli import build_parser\n"
        "build_parser()\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(leaked)\n"
        "sys.exit(1 if leaked else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_plain_mode_in_a_pipe_does_not_import_textual(tmp_path):
    code = (
        "import sys, runpy\n"
        "sys.argv = ['veiviser', '--plain', '--data-dir', sys.argv[1], '--new', 'X', '--flow', 'founding']\n"
        "try:\n    runpy.run_module('assistant', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(repr([m for m in sys.modules if m.startswith('textual')]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], input="/quit\n", capture_output=True,
                            text=True, cwd=ROOT, timeout=60)
    assert result.stderr.strip().endswith("[]"), result.stderr


def test_no_textual_import_statements_outside_tui():
    offenders = []
    for path in (ROOT / "assistant").rglob("*.py"):
        if "tui" in path.relative_to(ROOT / "assistant").parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith(("import textual", "from textual")):
                offenders.append(str(path))
    assert offenders == []
