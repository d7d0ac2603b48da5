"""Grant schemes are content: the content layer loads and checks them without importing the
grants package (no registration circle); the finder and the application writer sit above it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_the_content_layer_does_not_import_the_grants_package():
    got = run("import sys\n"
              "import assistant.content.loader, assistant.content.checks, assistant.content.grants\n"
              "import assistant.content.grant_checks, assistant.content.dates\n"
              "print(sorted(m for m in sys.modules if m.startswith('assistant.grants')))")
    assert got == "[]"


def test_no_registration_hooks_for_loaders_or_checks_remain():
    got = run("import assistant.content.loader as l, assistant.content.checks as c\n"
              "print(hasattr(l, 'EXTRA_LOADERS'), hasattr(c, 'EXTRA_CHECKS'))")
    assert got == "False False"


def test_schemes_load_and_are_checked_by_the_content_layer_alone(tmp_path):
    # a broken scheme is reported by the content loader itself
    import shutil

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "grants" / "momskompensasjon.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('when = "org.kind in', 'when = "org.kindd in'),
                    encoding="utf-8")
    got = run("from assistant.content.loader import load_content\n"
              f"c = load_content({str(content)!r})\n"
              "print(len(c.grants)); print(*c.problems, sep=chr(10))")
    assert got.splitlines()[0] == "9"
    assert "momskompensasjon.toml: rule kind: unknown profile key 'org.kindd'" in got
