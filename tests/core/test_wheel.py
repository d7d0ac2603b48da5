"""Build the wheel, install it into a fresh virtual environment, and use it away from the source
tree: ``veiviser check``, one ``veiviser run`` and the terminal UI's first screen must work from
the content, catalogs and styles the wheel carries.

The dependencies are not downloaded again: the fresh environment sees the test environment's
installed packages through a .pth line (which does not activate the editable install there), and
the wheel is installed with ``--no-deps``."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", "tests", "bench",
                              ".ci", "*.mo")


def test_wheel_installs_and_works_outside_the_source_tree(tmp_path):
    from tests.core.test_cli import FOUNDING

    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=SKIP)  # build from a copy: the source tree stays as it is
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-q", "-w", str(dist), str(src)], capture_output=True, text=True, timeout=120)
    assert build.returncode == 0, build.stderr
    [wheel] = dist.glob("veiviser-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; "
                                "print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True,
                               check=True).stdout.strip())
    (site / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                              "--no-deps", "--no-index", "-q", str(wheel)], capture_output=True, text=True,
                             timeout=120)
    assert install.returncode == 0, install.stderr

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VEIVISER_", "PYTHON"))}
    env.update(VEIVISER_DATA_DIR=str(tmp_path / "data"), VEIVISER_LOCALE="nb", HOME=str(tmp_path))
    exe = str(venv / "bin" / "veiviser")

    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import assistant, assistant.paths as p; "
                            "print(assistant.__file__); print(p.content_dir()); print(p.locales_dir())"],
                           capture_output=True, text=True, cwd=work, env=env)
    module, content, locales = where.stdout.split()
    assert module.startswith(str(site)) and content.startswith(str(site)) and locales.startswith(str(site))

    check = subprocess.run([exe, "check"], capture_output=True, text=True, cwd=work, env=env, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Innholdet er i orden" in check.stdout or "Content is OK" in check.stdout, check.stdout

    answers = work / "svar.json"
    answers.write_text(json.dumps(FOUNDING), encoding="utf-8")
    run = subprocess.run([exe, "run", "founding", "--answers", str(answers), "--out", "dokumenter"],
                         capture_output=True, text=True, cwd=work, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    written = sorted(p.suffix for p in (work / "dokumenter").iterdir())
    assert {".md", ".txt", ".html", ".docx"} <= set(written)
    assert "Tamilsk kulturklubb Oslo" in next((work / "dokumenter").glob("*.md")).read_text()

    # the terminal UI on a real pseudo-terminal: it draws its first screen, then exits
    ready = tmp_path / "ready"
    main, sub = os.openpty()
    tui = subprocess.Popen([exe], stdin=sub, stdout=sub, stderr=sub, cwd=work,
                           env=dict(env, TERM="xterm-256color", VEIVISER_READY_FILE=str(ready)))
    os.close(sub)
    seen = b""
    end = time.time() + 60
    while tui.poll() is None and time.time() < end:
        import select

        if select.select([main], [], [], 0.2)[0]:
            try:
                seen += os.read(main, 65536)
            except OSError:
                break
    if tui.poll() is None:
        tui.kill()
    os.close(main)
    assert tui.wait() == 0, seen[-2000:]
    assert ready.exists()
