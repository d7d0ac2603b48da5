"""How fast Veiviser's terminal UI starts, and how fast it answers.

1. Start-up: process start → first interactive screen ready (Textual's Ready: the first frame is
   drawn), for ``veiviser`` and for a minimal Textual app (one Static), both in the same run,
   alternating, each in a pseudo-terminal of 80x24 with the real terminal driver. Prints the
   medians and the ratio (the aim is at most 1.25).
2. Answer latency: ``veiviser --new … --flow founding`` in a pseudo-terminal; the script walks the
   flow (the engine tells it what comes next), types an answer, and measures from the Enter key
   to the moment the next question's text reaches the terminal. Prints median and max (the aim is
   under 50 ms).

Usage: python bench/startup.py [--runs 15] [--flow founding] [--no-latency]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MINIMAL_APP = """
import os, time
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Hello")

    def on_ready(self):
        with open(os.environ["VEIVISER_READY_FILE"], "w") as fh:
            fh.write(f"{time.time()!r} {time.process_time()!r}")
        self.exit()

Minimal().run()
"""


class Pty:
    """A child process on a pseudo-terminal of 80x24; its output is collected in a thread."""

    def __init__(self, argv: list[str], env: dict[str, str], cols: int = 80, rows: int = 24):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.started = time.time()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     close_fds=True, cwd=str(ROOT), start_new_session=True)
        os.close(slave)
        self.buffer = bytearray()
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.05)
                if ready:
                    data = os.read(self.master, 65536)
                    if not data:
                        return
                    with self.lock:
                        self.buffer.extend(data)
                elif self.proc.poll() is not None:
                    return
            except OSError:
                return

    def mark(self) -> int:
        with self.lock:
            return len(self.buffer)

    def wait_for(self, needle: bytes, since: int, timeout: float = 10.0) -> float | None:
        """Seconds (time.perf_counter) when ``needle`` appeared after offset ``since``."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            with self.lock:
                if self.buffer.find(needle, since) >= 0:
                    return time.perf_counter()
            time.sleep(0.0005)
        return None

    def send(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        try:
            os.close(self.master)
        except OSError:
            pass


def base_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(TERM="xterm-256color", COLUMNS="80", LINES="24", PYTHONPATH=str(ROOT), LANG="nb_NO.UTF-8")
    # PYTHONDONTWRITEBYTECODE (set in some sandboxes and CI images) would make Python compile
    # Veiviser's modules from source at every start; a user's Python keeps the bytecode, so the
    # bench does too (the warm-up run writes it).
    for var in ("NO_COLOR", "VEIVISER_LOCALE", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "PYTHONDONTWRITEBYTECODE"):
        env.pop(var, None)
    return env


def time_to_ready(argv: list[str], extra_env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds from process start to the first screen, CPU seconds the process used)."""
    fd, path = tempfile.mkstemp(prefix="veiviser-ready-")
    os.close(fd)
    os.unlink(path)
    env = base_env()
    env.update(extra_env or {})
    env["VEIVISER_READY_FILE"] = path
    term = Pty(argv, env)
    try:
        term.proc.wait(timeout=30)
    finally:
        term.close()
    try:
        wall, cpu = (float(x) for x in Path(path).read_text().split())
    finally:
        Path(path).unlink(missing_ok=True)
    return wall - term.started, cpu


def bench_startup(runs: int, data_dir: Path) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Median seconds to the first screen for the minimal app, ``veiviser`` (the whole command
    line) and ``python -m assistant.tui`` (the UI without the command line's other set-up); and
    the median of each round's ratio to the minimal app (the three run one after the other in
    every round, so a machine that gets slower or faster during the bench cancels out); and the
    median CPU seconds each used up to its first screen."""
    commands = {
        "minimal": [sys.executable, "-c", MINIMAL_APP],
        "veiviser": [sys.executable, "-m", "assistant", "--data-dir", str(data_dir)],
        "tui": [sys.executable, "-m", "assistant.tui", "--data-dir", str(data_dir)],
    }
    for argv in commands.values():  # warm-up (file cache), not counted
        time_to_ready(argv)
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            wall, used = time_to_ready(argv)
            times[name].append(wall)
            cpu[name].append(used)
    medians = {name: statistics.median(values) for name, values in times.items()}
    paired = {name: statistics.median(t / m for t, m in zip(times[name], times["minimal"]))
              for name in commands if name != "minimal"}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    return medians, paired, cpu_medians


# --- answer latency --------------------------------------------------------------------------

def sample_keys(step, flow_id: str, t) -> list[str]:
    """Key strings that answer one question validly; the last one is the final Enter."""
    from assistant.content.models import QuestionType as T

    kind = step.type
    if kind is T.longtext:
        return ["Foreningen skal hjelpe folk i byen med språk og arbeid.", "\r", "\r"]
    if kind is T.date:
        return ["15.04.2026", "\r"]
    if kind in (T.integer, T.money):
        return ["100", "\r"]
    if kind is T.email:
        return ["leder@forening.no", "\r"]
    if kind is T.phone:
        return ["91234567", "\r"]
    if kind is T.orgnr:
        return ["974760673", "\r"]
    if kind is T.account:
        return ["12345678903", "\r"]
    if kind in (T.choice, T.yesno):
        return ["\r"]
    if kind is T.multichoice:
        return [" ", "\r"]
    if kind is T.people:
        roles = [r.code for r in step.roles]
        n = max(step.validation.min_length or 1, 2)
        if step.validation.max_length:
            n = min(n, step.validation.max_length)
        keys: list[str] = []
        for i in range(n):
            keys += [f"Person Nummer{i + 1}", "\r"]
            if len(roles) > 1:
                keys += ["1" if i == 0 else "2", "\r"]
        return keys + ["\r"]
    return ["Testsvar", "\r"]


def sample_value(step):
    from assistant.content.models import QuestionType as T

    kind = step.type
    return {
        T.longtext: "Foreningen skal hjelpe folk i byen med språk og arbeid.",
        T.date: "2026-04-15", T.integer: 100, T.money: 100, T.email: "leder@forening.no",
        T.phone: "91234567", T.orgnr: "974760673", T.account: "12345678903",
        T.yesno: True,
    }.get(kind, "Testsvar")


def cpu_ns(pid: int) -> int | None:
    """CPU time the process's main thread has used (Linux), to see the work apart from the load."""
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def bench_latency(flow_id: str, data_dir: Path, limit: int = 40) -> tuple[list[float], list[float]]:
    import datetime as dt

    from assistant.content.loader import load_content
    from assistant.content.models import DocumentStep, QuestionStep, QuestionType as T
    from assistant.engine import Engine, State
    from assistant.i18n import get_translator
    from assistant.i18n.content import ContentText

    content = load_content(check=False)
    flow = content.flows[flow_id]
    engine = Engine(flow, today=dt.date.today())
    t = get_translator("nb")
    ct = ContentText(t)

    fd, ready_path = tempfile.mkstemp(prefix="veiviser-ready-")
    os.close(fd)
    os.unlink(ready_path)
    env = base_env()
    env.update(VEIVISER_READY_FILE=ready_path, VEIVISER_EXIT_ON_READY="0")
    argv = [sys.executable, "-m", "assistant", "--data-dir", str(data_dir), "--locale", "nb",
            "--new", "Benchmark", "--flow", flow_id]
    term = Pty(argv, env)
    latencies: list[float] = []
    cpu: list[float] = []
    try:
        end = time.time() + 20
        while not Path(ready_path).exists() and time.time() < end:
            time.sleep(0.01)
        time.sleep(0.3)
        state = State()
        for _ in range(limit):
            step = engine.current(state)
            if step is None:
                break
            if isinstance(step, DocumentStep):
                if any(spec.checks for spec in step.documents):
                    break  # the bench's answers may not pass a document's checks
                keys = ["3", "\r"]  # the third action: go on
                state = engine.acknowledge(state)
            elif isinstance(step, QuestionStep):
                keys = sample_keys(step, flow_id, t)
                value = sample_value(step)
                if step.type is T.people:
                    roles = [r.code for r in step.roles] or ["chair", "member"]
                    n = len([k for k in keys if k.startswith("Person")])
                    value = [{"name": f"Person Nummer{i + 1}",
                              "role": roles[0] if i == 0 or len(roles) == 1 else roles[1]} for i in range(n)]
                elif step.type is T.choice:
                    value = step.choices[0].code
                elif step.type is T.multichoice:
                    value = [step.choices[0].code]
                state, _key, _v = engine.answer(state, value)
            else:  # info, review: Enter goes on
                keys = ["\r"]
                state = engine.acknowledge(state)
            nxt = engine.current(state)
            for k in keys[:-1]:
                term.send(k)
                time.sleep(0.08)
            time.sleep(0.1)
            if nxt is None or not isinstance(nxt, QuestionStep):
                term.send(keys[-1])
                time.sleep(0.3)
                continue
            needle = ct.step(flow_id, nxt, "prompt").split("\n")[0][:18].encode("utf-8")
            since = term.mark()
            cpu_before = cpu_ns(term.proc.pid)
            sent = time.perf_counter()
            term.send(keys[-1])
            seen = term.wait_for(needle, since, timeout=5)
            cpu_after = cpu_ns(term.proc.pid)
            if seen is None:
                print(f"  (did not see the question {nxt.id!r}; stopping)", file=sys.stderr)
                break
            if isinstance(step, QuestionStep):
                latencies.append(seen - sent)
                used = (cpu_after - cpu_before) / 1e9 if cpu_before is not None and cpu_after is not None else None
                if used is not None:
                    cpu.append(used)
                if os.environ.get("BENCH_VERBOSE"):
                    print(f"  {step.id:>20} -> {nxt.id:<20} {(seen - sent) * 1000:6.1f} ms"
                          + (f"  (cpu {used * 1000:5.1f} ms)" if used is not None else ""), file=sys.stderr)
            time.sleep(0.15)
        term.send("\x11")  # Ctrl+Q, then Enter: quit
        time.sleep(0.2)
        term.send("\r")
        try:
            term.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
    finally:
        term.close()
        Path(ready_path).unlink(missing_ok=True)
    return latencies, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--flow", default="founding")
    parser.add_argument("--no-latency", action="store_true")
    parser.add_argument("--no-startup", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="veiviser-bench-") as tmp:
        data = Path(tmp)
        if not args.no_startup:
            med, paired, cpu = bench_startup(args.runs, data / "startup")
            m = med["minimal"]
            print(f"start-up to first screen (median of {args.runs}, 80x24 pty, same run):")
            print(f"  minimal Textual app          {m * 1000:7.1f} ms")
            for name, label in (("veiviser", "veiviser (whole command)"), ("tui", "python -m assistant.tui")):
                ratio = med[name] / m
                flag = "" if ratio <= 1.25 else "  OVER"
                print(f"  {label:<28} {med[name] * 1000:7.1f} ms   ratio {ratio:4.2f}x (aim <= 1.25x){flag}"
                      f"   round by round {paired[name]:4.2f}x")
            print("  CPU time to the first screen (the work itself, less disturbed by other load):")
            print(f"    minimal {cpu['minimal'] * 1000:6.1f} ms   veiviser {cpu['veiviser'] * 1000:6.1f} ms"
                  f"   ratio {cpu['veiviser'] / cpu['minimal']:4.2f}x")
        if not args.no_latency:
            lat, cpu = bench_latency(args.flow, data / "latency")
            if lat:
                ms = sorted(x * 1000 for x in lat)
                print(f"answer -> next question ({len(ms)} answers, flow {args.flow}):")
                print(f"  median {statistics.median(ms):6.1f} ms   max {ms[-1]:6.1f} ms   (aim: < 50 ms)")
                print(f"  under 50 ms: {sum(1 for x in ms if x < 50)} of {len(ms)}"
                      "   (BENCH_VERBOSE=1 lists each answer)")
                if cpu:
                    c = sorted(x * 1000 for x in cpu)
                    print(f"  CPU of the UI per answer: median {statistics.median(c):6.1f} ms   max {c[-1]:6.1f} ms"
                          "   (the work itself, whatever else the machine is doing)")
            else:
                print("answer -> next question: no measurement")
    return 0


if __name__ == "__main__":
    sys.exit(main())
