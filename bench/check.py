"""How long ``veiviser check`` takes, on the shipped content and on content made N times larger.

Each round runs, one after another: a reference process (a fixed pure-Python loop, the same in
every run, so the machine's speed of the moment is measured alongside) and ``veiviser check``
on the shipped content and on copies scaled ×10 and ×100 in a temporary folder. The scaled
copies repeat every flow and grant scheme N times under new ids (a ``_kN`` suffix) and every
catalog entry N times under new contexts, so the checks see N times the messages and content.

Prints, per size: median wall time, median CPU time (user+sys of the child), the median of the
per-round ratios to the reference, and the time per 1× of content (linear if flat).

Usage: python bench/check.py [--runs 7] [--scales 1,10,100]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "s = 0\nfor i in range(3_000_000):\n    s += i * i\n"


def scale_content(src: Path, dst: Path, n: int) -> None:
    shutil.copytree(src, dst)
    for folder in ("flows", "grants"):
        for path in sorted((dst / folder).glob("*.toml")):
            if path.name.startswith("_"):
                continue
            text = path.read_text(encoding="utf-8")
            for k in range(1, n):
                new = re.sub(r'(?m)^id = "([^"]+)"', lambda m, k=k: f'id = "{m.group(1)}_k{k}"', text, count=1)
                (path.parent / f"{path.stem}_k{k}.toml").write_text(new, encoding="utf-8")


def scale_catalogs(src: Path, dst: Path, n: int) -> None:
    shutil.copytree(src, dst)
    for po in sorted(dst.glob("*/LC_MESSAGES/*.po")):
        blocks = po.read_text(encoding="utf-8").split("\n\n")
        head, body = blocks[0], [b for b in blocks[1:] if b.strip() and "#~" not in b]
        out = [head, *body]
        for k in range(1, n):
            for b in body:
                if re.search(r'(?m)^msgctxt "', b):
                    out.append(re.sub(r'(?m)^msgctxt "(.*)"$', lambda m, k=k: f'msgctxt "{m.group(1)}#k{k}"', b, count=1))
                else:
                    out.append(re.sub(r'(?m)^msgid "', f'msgctxt "#k{k}"\nmsgid "', b, count=1))
        po.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def timed(argv: list[str]) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0,):
        sys.stderr.write(proc.stderr.decode()[-2000:])
    return wall, cpu, proc.returncode


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--scales", default="1,10,100")
    args = ap.parse_args()
    scales = [int(s) for s in args.scales.split(",")]
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        cases = {}
        for n in scales:
            if n == 1:
                cases[n] = [py, "-m", "assistant", "check"]
                continue
            c, loc = Path(tmp) / f"content{n}", Path(tmp) / f"locales{n}"
            scale_content(ROOT / "content", c, n)
            scale_catalogs(ROOT / "locales", loc, n)
            cases[n] = [py, "-m", "assistant", "check", "--content", str(c), "--locales-dir", str(loc)]
        for argv in cases.values():  # warm: bytecode, file cache
            timed(argv)
        ref, walls, cpus, ratios = [], {n: [] for n in scales}, {n: [] for n in scales}, {n: [] for n in scales}
        for _ in range(args.runs):
            r, _, _ = timed([py, "-c", REFERENCE])
            ref.append(r)
            for n, argv in cases.items():
                w, c, rc = timed(argv)
                walls[n].append(w)
                cpus[n].append(c)
                ratios[n].append(w / r)
    m = statistics.median
    print(f"reference (fixed loop): median {m(ref) * 1000:.0f} ms, range {min(ref) * 1000:.0f}–{max(ref) * 1000:.0f} ms")
    base = m(walls[scales[0]]) / scales[0]
    for n in scales:
        w = m(walls[n])
        print(f"×{n:<4} wall {w * 1000:7.0f} ms (range {min(walls[n]) * 1000:.0f}–{max(walls[n]) * 1000:.0f})  "
              f"cpu {m(cpus[n]) * 1000:7.0f} ms  ratio to reference {m(ratios[n]):6.2f}  "
              f"per 1× {w / n * 1000:6.0f} ms  (÷ ×{scales[0]}: {w / n / base:.2f})")


if __name__ == "__main__":
    main()
