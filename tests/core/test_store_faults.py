"""Storage faults in real processes: each gives a message and exit code 3, never a traceback, and
nothing already saved is changed or moved aside."""

import json
import os
import shutil
import sqlite3
import subprocess
import threading
import time
import sys
from pathlib import Path

import pytest

from assistant.store import DB_NAME, Store
from assistant.store.errors import EXIT_STORAGE, DiskFull

ROOT = Path(__file__).resolve().parents[2]
DEMO = Path(__file__).resolve().parent / "content"
IS_ROOT = os.geteuid() == 0
# Root reads and writes any file; without these capabilities it meets permissions as a user does.
AS_USER = (["setpriv", "--bounding-set", "-dac_override,-dac_read_search,-fowner"]
           if IS_ROOT and shutil.which("setpriv") else [])

# A process whose database may not grow by a single page: SQLite's own "database or disk is full"
# (SQLITE_FULL), the same error as a full disk, on every machine.
FULL_DISK = """
import sys
import assistant.store.opening as opening
_setup = opening.setup
def setup(conn):
    _setup(conn)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
opening.setup = setup
from assistant.cli import main
sys.exit(main(sys.argv[1:]))
"""


def veiviser(*args, data=None, input="", code=None, prefix=(), locale="en"):
    env = dict(os.environ, VEIVISER_LOCALE=locale, PYTHONPATH=str(ROOT))
    if data is not None:
        env["VEIVISER_DATA_DIR"] = str(data)
    cmd = [*prefix, sys.executable, *(["-c", code] if code else ["-m", "assistant"]), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, input=input, timeout=60, cwd=ROOT)


def no_traceback(result):
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


def saved_folder(tmp_path, answer="Forening som finnes"):
    data = tmp_path / "data"
    with Store(data) as store:
        sid = store.create_session("Finnes")
        store.save_answer(sid, "org.name", answer)
    return data, sid


def assert_untouched(data, sid, answer="Forening som finnes"):
    assert [p.name for p in data.iterdir() if ".corrupt-" in p.name] == []
    with Store(data) as store:
        assert store.answers(sid)["org.name"] == answer
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def pack_full(data, sid):
    """Fill the database's last pages, so that the next answer needs a new page."""
    with Store(data) as store:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFull):
            for i in range(100000):
                store.save_answer(sid, f"f{i}", 1)
        assert f"f{i}" not in store.answers(sid)  # the failed answer was rolled back, whole
        assert f"f{i - 1}" in store.answers(sid)


def test_full_database_while_answering_keeps_the_answer_for_a_retry(tmp_path):
    data, sid = saved_folder(tmp_path)
    pack_full(data, sid)
    r = veiviser("--plain", "--content", str(DEMO), "--session", str(sid), "--flow", "demo", data=data,
                 code=FULL_DISK, input="\n1\n\n")
    no_traceback(r)
    assert "The disk is full" in r.stdout, r.stdout
    assert r.stdout.count("Your answer was not saved. Press Enter to try again") == 2  # typed, then Enter
    assert "Saved:" not in r.stdout
    assert_untouched(data, sid)


def test_full_database_at_start_gives_a_message(tmp_path):
    data, sid = saved_folder(tmp_path)
    pack_full(data, sid)
    r = veiviser("--plain", "--content", str(DEMO), "--new", "Ny forening med et langt navn " * 200,
                 "--flow", "demo", data=data, code=FULL_DISK)
    no_traceback(r)
    assert r.returncode == EXIT_STORAGE
    assert "The disk is full" in r.stderr
    assert_untouched(data, sid)


@pytest.fixture
def tmpfs(tmp_path):
    if not IS_ROOT:
        pytest.skip("mounting a small tmpfs to fill needs root; the simulated full disk tests still run")
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def fill(folder: Path, name="filler") -> Path:
    filler = folder / name
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"x" * 4096)
                f.flush()
        except OSError:
            pass
    return filler


def test_real_full_disk_while_answering_and_writing_documents(tmpfs, tmp_path):
    from tests.core.test_cli import FOUNDING

    data, sid = saved_folder(tmpfs)
    p = subprocess.Popen([sys.executable, "-u", "-m", "assistant", "--plain", "--content", str(DEMO),
                          "--session", str(sid), "--flow", "demo"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                         env=dict(os.environ, VEIVISER_DATA_DIR=str(data), VEIVISER_LOCALE="en"))
    seen: list[str] = []
    reader = threading.Thread(target=lambda: seen.extend(iter(lambda: p.stdout.read(1), "")), daemon=True)
    reader.start()

    def wait_for(text: str) -> None:
        end = time.monotonic() + 60
        while text not in "".join(seen):
            assert time.monotonic() < end and p.poll() is None or text in "".join(seen), "".join(seen)
            time.sleep(0.02)

    wait_for("Press Enter to go on.")
    p.stdin.write("\n")
    p.stdin.flush()
    wait_for("Registered?")  # at the question after the info step: the store is open
    filler = fill(tmpfs)
    p.stdin.write("1\n\n")
    p.stdin.close()
    p.wait(timeout=60)
    reader.join(timeout=10)
    out = "".join(seen)
    assert "Traceback" not in out, out
    assert "Your answer was not saved" in out, out
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(FOUNDING), encoding="utf-8")
    filler2 = fill(tmpfs, "filler2")  # what the dialogue's closing freed
    r = veiviser("run", "founding", "--answers", str(answers), "--out", str(tmpfs / "docs"), data=data)
    no_traceback(r)
    assert r.returncode == EXIT_STORAGE and "The disk is full" in r.stderr, r.stderr
    assert [f.name for f in (tmpfs / "docs").rglob("*")] == []  # no half-written document, no .tmp
    filler.unlink()
    filler2.unlink()
    assert_untouched(data, sid)
    r = veiviser("run", "founding", "--answers", str(answers), "--out", str(tmpfs / "docs"), data=data)
    assert r.returncode == 0, r.stderr


def test_read_only_medium(tmp_path):
    if not IS_ROOT:
        pytest.skip("a read-only bind mount needs root")
    data, sid = saved_folder(tmp_path)
    before = (data / DB_NAME).read_bytes()
    ro = tmp_path / "ro"
    ro.mkdir()
    if subprocess.run(["mount", "--bind", "-o", "ro", str(data), str(ro)], capture_output=True).returncode:
        pytest.skip("cannot make a read-only bind mount here")
    try:
        r = veiviser("sessions", "list", data=ro)
        no_traceback(r)
        assert r.returncode == EXIT_STORAGE
        assert "can only be read, not written" in r.stderr, r.stderr
        r = veiviser("--plain", "--content", str(DEMO), "--new", "X", "--flow", "demo", data=ro / "sub")
        no_traceback(r)
        assert r.returncode == EXIT_STORAGE and "can only be read" in r.stderr, r.stderr
    finally:
        subprocess.run(["umount", "-l", str(ro)], check=False)
    assert (data / DB_NAME).read_bytes() == before


def test_database_of_another_user(tmp_path):
    if IS_ROOT and not AS_USER:
        pytest.skip("needs setpriv to drop root's permission override")
    data, sid = saved_folder(tmp_path)
    db = data / DB_NAME
    before = db.read_bytes()
    if IS_ROOT:
        os.chown(db, 4242, 4242)  # someone else's file, 0600
    else:
        db.chmod(0)
    try:
        r = veiviser("sessions", "list", data=data, prefix=AS_USER)
        no_traceback(r)
        assert r.returncode == EXIT_STORAGE
        assert "You do not have permission to use" in r.stderr, r.stderr
    finally:
        db.chmod(0o600)
        if IS_ROOT:
            os.chown(db, 0, 0)
    assert db.read_bytes() == before


def test_read_only_file_is_not_made_writable(tmp_path):
    if IS_ROOT and not AS_USER:
        pytest.skip("needs setpriv to drop root's permission override")
    data, sid = saved_folder(tmp_path)
    db = data / DB_NAME
    db.chmod(0o400)
    data.chmod(0o500)
    try:
        r = veiviser("--plain", "--content", str(DEMO), "--session", str(sid), "--flow", "demo",
                     data=data, prefix=AS_USER, input="\nNytt navn\n")
        no_traceback(r)
        assert r.returncode == EXIT_STORAGE, (r.stdout, r.stderr)
        assert ("can only be read" in r.stderr + r.stdout) or ("permission" in r.stderr + r.stdout)
    finally:
        data.chmod(0o700)
    import stat

    assert stat.S_IMODE(db.stat().st_mode) == 0o400
    db.chmod(0o600)
    assert_untouched(data, sid)


def test_data_folder_that_is_a_file(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("I am a file")
    for target in (blocker, blocker / "veiviser"):
        r = veiviser("sessions", "list", data=target)
        no_traceback(r)
        assert r.returncode == EXIT_STORAGE
        assert f"{blocker} is a file, not a folder" in r.stderr, r.stderr
    assert blocker.read_text() == "I am a file"


def test_out_folder_that_is_a_file_or_not_writable(tmp_path):
    from tests.core.test_cli import FOUNDING

    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(FOUNDING), encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for out in (blocker, blocker / "docs", Path("/proc/veiviser-docs")):
        r = veiviser("run", "founding", "--answers", str(answers), "--out", str(out), data=tmp_path / "d")
        no_traceback(r)
        assert r.returncode == EXIT_STORAGE, r.stderr
        assert r.stderr.strip(), out
    assert blocker.read_text() == "x"


def test_stored_row_with_bad_json(tmp_path):
    data, sid = saved_folder(tmp_path)
    conn = sqlite3.connect(data / DB_NAME)
    conn.execute("INSERT INTO answers VALUES (?, 'org.purpose', '{broken', 'x')", (sid,))
    conn.commit()
    conn.close()
    for args in (("sessions", "export", str(sid)),
                 ("--plain", "--content", str(DEMO), "--session", str(sid), "--flow", "demo")):
        r = veiviser(*args, data=data)
        no_traceback(r)
        assert r.returncode == EXIT_STORAGE
        assert f"cannot be read (organisation {sid}, org.purpose)" in r.stderr, r.stderr
    r = veiviser("sessions", "list", data=data)
    assert r.returncode == 0 and "Finnes" in r.stdout


@pytest.mark.parametrize("version", [0, 7])
def test_another_programs_database_is_refused_and_left_alone(tmp_path, version):
    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / DB_NAME)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('hello')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    before = (data / DB_NAME).read_bytes()
    r = veiviser("sessions", "list", data=data)
    no_traceback(r)
    assert r.returncode == EXIT_STORAGE
    assert "is not a Veiviser database" in r.stderr and "newer" not in r.stderr, r.stderr
    assert (data / DB_NAME).read_bytes() == before
    assert sorted(p.name for p in data.iterdir()) == [DB_NAME]


def test_session_deleted_while_another_process_answers(tmp_path):
    data, sid = saved_folder(tmp_path)
    p = subprocess.Popen([sys.executable, "-u", "-m", "assistant", "--plain", "--content", str(DEMO),
                          "--session", str(sid), "--flow", "demo"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                         env=dict(os.environ, VEIVISER_DATA_DIR=str(data), VEIVISER_LOCALE="en"))
    p.stdin.write("\n")
    p.stdin.flush()
    line = ""
    while "Registered?" not in line:
        line = p.stdout.readline()
        assert line, "the dialogue ended early"
    with Store(data) as store:
        store.delete_session(sid)
    out, err = p.communicate("1\n", timeout=60)
    assert "Traceback" not in out + err, err
    assert f"Organisation {sid} was deleted in another window" in out + err
    assert p.returncode == EXIT_STORAGE
