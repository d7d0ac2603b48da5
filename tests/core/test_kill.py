"""Kill a real plain-mode process with SIGKILL mid-dialogue; resume; nothing confirmed is lost."""

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from assistant.store import Store

ROOT = Path(__file__).resolve().parents[2]
DEMO = Path(__file__).resolve().parent / "content"


class Proc:
    def __init__(self, *args, env):
        self.p = subprocess.Popen([sys.executable, "-u", "-m", "assistant", *args], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                                  cwd=ROOT, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen = ""
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while True:
            chunk = self.p.stdout.read(1)
            if not chunk:
                break
            self.lines.put(chunk)

    def wait_for(self, text, timeout=30):
        end = time.time() + timeout
        while text not in self.seen:
            try:
                self.seen += self.lines.get(timeout=max(0.01, end - time.time()))
            except queue.Empty:
                raise AssertionError(f"did not see {text!r}; output so far:\n{self.seen}") from None
        pos = self.seen.index(text) + len(text)
        self.seen = self.seen[pos:]

    def send(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()


def test_sigkill_mid_dialogue_loses_no_confirmed_answer(tmp_path):
    env = dict(os.environ, VEIVISER_DATA_DIR=str(tmp_path), VEIVISER_LOCALE="en", PYTHONUNBUFFERED="1")
    proc = Proc("--plain", "--content", str(DEMO), "--new", "Kill test", "--flow", "demo", env=env)
    proc.wait_for("Press Enter to go on.")  # the intro info step
    proc.send("")
    confirmed = {}
    for key, answer, stored in [("org.name", "Eritreisk forening Bergen", "Eritreisk forening Bergen"),
                                ("org.registered_enhetsregisteret", "2", False),
                                ("demo.why_not", "1", "no")]:
        proc.send(answer)
        proc.wait_for("Saved:")
        confirmed[key] = stored
    proc.send("twelve")  # an answer that is not confirmed (invalid), then killed mid-question
    proc.wait_for("whole number")
    time.sleep(0.1)
    proc.p.send_signal(signal.SIGKILL)
    proc.p.wait(timeout=10)
    assert proc.p.returncode == -signal.SIGKILL

    with Store(tmp_path) as store:
        [session] = store.sessions()
        answers = store.answers(session.id)
    for key, value in confirmed.items():
        assert answers[key] == value
    assert "org.members_count" not in answers

    # resume: the dialogue continues at the first unanswered question
    resumed = Proc("--plain", "--content", str(DEMO), "--session", str(session.id), "--flow", "demo", env=env)
    resumed.wait_for("Members?")
    resumed.send("/quit")
    resumed.wait_for("Everything you answered is saved")
    resumed.p.wait(timeout=10)
    assert resumed.p.returncode == 0
