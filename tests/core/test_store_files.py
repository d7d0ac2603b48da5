"""Documents and exports: private, atomic, cleaned up, and deleted with their organisation."""

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.render import WRITERS, render_markdown, write_document
from assistant.store import DB_NAME, Store
from assistant.store.files import clean_temp, safe_name

ROOT = Path(__file__).resolve().parents[2]
SECRET_NAME = "Hemmelig Forening QZXW"
SECRET_PHONE = "+47 912 34 567"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def founding_docs(shipped_content):
    from tests.core.test_cli import FOUNDING

    flow = shipped_content.flows["founding"]
    step = next(s for s in flow.steps if getattr(s, "documents", None))
    answers = dict(FOUNDING, **{"org.name": SECRET_NAME, "contact.phone": SECRET_PHONE})
    return [render_markdown(shipped_content, spec, answers) for spec in step.documents]


def test_documents_are_private_and_nothing_temporary_is_left(tmp_path, shipped_content):
    out = tmp_path / "a" / "b"
    old = os.umask(0o022)
    try:
        written = [p for doc in founding_docs(shipped_content) for p in write_document(doc, out)]
        shared = write_document(founding_docs(shipped_content)[0], tmp_path / "shared", ("md",), private=False)
    finally:
        os.umask(old)
    assert {p.suffix for p in written} == {".md", ".txt", ".html", ".docx"}
    assert all(mode(p) == 0o600 for p in written)
    assert mode(out) == 0o700 and mode(out.parent) == 0o700
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    assert mode(shared[0]) == 0o644 and mode(shared[0].parent) == 0o755  # asked for: the umask


def test_a_failing_write_leaves_the_old_file_and_no_temporary_file(tmp_path, shipped_content, monkeypatch):
    doc = founding_docs(shipped_content)[0]
    [path] = write_document(doc, tmp_path, ("md",))
    before = path.read_bytes()

    def full(doc, p, **_):
        with open(p, "w") as f:
            f.write("half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setitem(WRITERS, "md", full)
    with pytest.raises(OSError):
        write_document(doc, tmp_path, ("md",))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_temporary_files_of_a_killed_writer_are_removed_on_the_next_start(tmp_path):
    folder = tmp_path / "documents" / "Forening-1"
    folder.mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = folder / f".vedtekter.docx.veiviser-{dead.pid}.tmp"
    old_style = folder / "vedtekter.docx.tmp"
    mine = folder / f".vedtekter.md.veiviser-{os.getpid()}.tmp"  # a live writer's: kept
    for p in (stale, old_style, mine):
        p.write_text("half")
    Store(tmp_path).close()
    assert not stale.exists() and not old_style.exists() and mine.exists()
    assert clean_temp(folder) == []


def test_sigkill_while_writing_documents_leaves_whole_files_or_none(tmp_path):
    """Kill a real writer at random moments; after the next start no temporary file is left and
    every document that exists is complete (its text ends as the template's does)."""
    code = ("import sys; from pathlib import Path\n"
            "from assistant.store.files import write_atomic\n"
            "data = ('x' * 200000 + 'END').encode()\n"
            "for i in range(1000):\n"
            "    write_atomic(Path(sys.argv[1]) / f'doc{i % 5}.txt', lambda t: t.write_bytes(data))\n")
    out = tmp_path / "documents" / "F-1"
    out.mkdir(parents=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for delay in (0.15, 0.25, 0.35, 0.5, 0.7):
        p = subprocess.Popen([sys.executable, "-c", code, str(out)], env=env)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
    Store(tmp_path).close()
    names = sorted(p.name for p in out.iterdir())
    assert all(not n.startswith(".") for n in names), names
    for n in names:
        assert (out / n).read_bytes().endswith(b"END"), n


def test_safe_folder_names():
    assert safe_name("Somalisk kvinneforening i Drammen") == "Somalisk-kvinneforening-i-Drammen"
    assert safe_name("../../etc/passwd") == "etc-passwd"
    assert safe_name("جمعية الجالية") == "جمعية-الجالية"
    assert safe_name("...") == "organisation"
    assert len(safe_name("ø" * 500).encode()) <= 120


def test_export_file_is_private(tmp_path):
    with Store(tmp_path / "data") as store:
        sid = store.create_session("E")
        store.save_answer(sid, "org.name", "E")
    target = tmp_path / "e.json"
    r = subprocess.run([sys.executable, "-m", "assistant", "sessions", "export", str(sid), "--output", str(target)],
                       capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ, VEIVISER_DATA_DIR=str(tmp_path / "data"), VEIVISER_LOCALE="en"))
    assert r.returncode == 0, r.stderr
    assert mode(target) == 0o600
    assert json.loads(target.read_text())["answers"] == {"org.name": "E"}


def test_sessions_delete_removes_the_documents_and_leaves_no_trace_of_the_name(tmp_path, shipped_content):
    data = tmp_path / "data"
    with Store(data) as store:
        sid = store.create_session(SECRET_NAME)
        other = store.create_session("Annen forening")
        store.save_answer(sid, "org.name", SECRET_NAME)
        store.save_answer(sid, "contact.phone", SECRET_PHONE)
        folder = store.documents_dir(sid)
        assert folder.name == "Hemmelig-Forening-QZXW-1"
        for doc in founding_docs(shipped_content):
            write_document(doc, folder)
        store.rename(sid, SECRET_NAME + " Oslo")  # documents under the new name too
        write_document(founding_docs(shipped_content)[0], store.documents_dir(sid), ("md",))
        kept = store.documents_dir(other)
        write_document(founding_docs(shipped_content)[0], kept, ("md",))
    assert any(b"QZXW" in p.read_bytes() for p in folder.iterdir())  # the search can find it
    r = subprocess.run([sys.executable, "-m", "assistant", "sessions", "delete", str(sid), "--yes"],
                       capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ, VEIVISER_DATA_DIR=str(data), VEIVISER_LOCALE="en"))
    assert r.returncode == 0, r.stderr
    assert str(folder) in r.stdout and "Hemmelig-Forening-QZXW-Oslo-1" in r.stdout
    assert kept.is_dir()
    for path in data.rglob("*"):
        if path.is_file() and not path.is_relative_to(kept):
            raw = path.read_bytes()
            for secret in ("QZXW", "912 34 567", "91234567"):
                assert secret.encode() not in raw, path
        assert "QZXW" not in path.name
    assert (data / DB_NAME).exists()
