"""How fast ``veiviser --plain`` shows its first prompt, against a minimal Textual app.

Each round starts, one after the other, the minimal Textual app of bench/startup.py (to its first
frame) and ``veiviser --plain`` with a fresh data folder (to the ``> `` after the language list),
each in an 80x24 pseudo-terminal. Prints the medians and the median of the per-round ratios.

Usage: python bench/plain.py [--runs 11]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from startup import MINIMAL_APP, Pty, base_env, time_to_ready  # noqa: E402


def time_to_prompt(data_dir: Path) -> float:
    env = base_env()
    t0 = time.perf_counter()  # Pty.started is wall-clock time; wait_for answers in perf_counter
    term = Pty([sys.executable, "-m", "assistant", "--plain", "--data-dir", str(data_dir)], env)
    try:
        seen = term.wait_for(b"> ", 0, timeout=30)
        if seen is None:
            raise RuntimeError("no prompt")
        return seen - t0
    finally:
        term.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=11)
    args = ap.parse_args()
    minimal, plain = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs + 1):
            m, _ = time_to_ready([sys.executable, "-c", MINIMAL_APP])
            p = time_to_prompt(Path(tmp) / f"d{i}")
            if i:  # the first round warms the file cache and writes bytecode
                minimal.append(m)
                plain.append(p)
            time.sleep(0.05)
    med = statistics.median
    print(f"minimal Textual app, first frame: median {med(minimal) * 1000:.0f} ms")
    print(f"veiviser --plain, first prompt:   median {med(plain) * 1000:.0f} ms")
    print(f"ratio of medians {med(plain) / med(minimal):.2f}; "
          f"median of round ratios {med(p / m for p, m in zip(plain, minimal)):.2f}")


if __name__ == "__main__":
    main()
