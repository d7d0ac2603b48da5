"""Engine + commit: how long one confirmed answer takes to validate, move the engine on and be
committed to the store (``Conversation.submit`` and the flow-state write after it).

Walks the founding flow's questions again and again in one process, on a fresh store in a temp
folder, with the answers of bench/startup.py's sample_value. Between walks it times a reference:
writing 100 bytes to a file and fsync-ing it (the floor for any commit that survives a power
cut, which the store's synchronous=FULL promises), and the engine step alone (no store).

Prints p50, p99 and max of submit, of the engine step alone, and of the fsync reference.

Usage: python bench/commit.py [--walks 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--walks", type=int, default=30)
    args = ap.parse_args()
    from assistant.content.loader import load_content
    from assistant.content.models import QuestionStep, QuestionType as T
    from assistant.session import Conversation
    from assistant.store import Store
    from startup import sample_value

    content = load_content(check=False)
    today = dt.date(2026, 12, 1)
    submit, engine_only, fsyncs = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "data")
        probe = Path(tmp) / "probe"
        for walk in range(args.walks):
            sid = store.create_session(f"Bench {walk}", "nb")
            conv = Conversation(store, sid, content, "founding", today=today)
            for _ in range(80):
                step = conv.current
                if step is None:
                    break
                if not isinstance(step, QuestionStep):
                    conv.acknowledge()
                    continue
                value = sample_value(step)
                if step.type is T.choice:
                    value = step.choices[0].code
                elif step.type is T.multichoice:
                    value = [step.choices[0].code]
                elif step.type is T.people:
                    roles = [r.code for r in step.roles] or ["chair"]
                    value = [{"name": "Person A", "role": roles[0]}, {"name": "Person B", "role": roles[-1]}]
                t = time.perf_counter()
                conv.engine.answer(conv.state, value)
                engine_only.append(time.perf_counter() - t)
                t = time.perf_counter()
                conv.submit(value)
                submit.append(time.perf_counter() - t)
            for _ in range(10):
                t = time.perf_counter()
                with probe.open("wb") as fh:
                    fh.write(b"x" * 100)
                    fh.flush()
                    os.fsync(fh.fileno())
                fsyncs.append(time.perf_counter() - t)
    for name, vals in (("engine step alone", engine_only), ("submit (engine + commit)", submit),
                       ("reference: write + fsync", fsyncs)):
        ms = [v * 1000 for v in vals]
        print(f"{name:26} n={len(ms):5}  p50 {statistics.median(ms):6.3f} ms  p99 {pct(ms, 99):6.3f} ms"
              f"  max {max(ms):7.3f} ms")
    print(f"p99 submit / p99 fsync: {pct(submit, 99) / pct(fsyncs, 99):.2f}")


if __name__ == "__main__":
    main()
