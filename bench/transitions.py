"""Every step transition of every flow in the terminal UI, by step kind.

In one process, with Textual's Pilot (headless, 80x24): for each flow, a new organisation goes
straight into the flow (as ``veiviser --new Bench --flow <id>``); the bench answers each
question with the keys the TUI tests use (tests/tui/helpers.valid_keys), presses Enter on
info and review steps and "go on" (3, Enter) on document steps. It times the LAST key of each
step: from the key press until Textual has handled every message it caused (the next step is
mounted and laid out). It is labelled by the kind of step it goes INTO (question, info, review,
document, end), and the very first question of each flow (screen opened) is timed too.

Not the same clock as bench/startup.py's pty figures (no terminal, no driver output); use it to
compare kinds and to find slow transitions. Prints CPU time and wall time per kind: median and
max, and a reference loop timed between flows.

Usage: python bench/transitions.py [--flows founding,bylaws] [--verbose]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def reference() -> float:
    t = time.process_time()
    s = 0
    for i in range(200_000):
        s += i * i
    return time.process_time() - t


def kind_of(step) -> str:
    if step is None:
        return "end"
    return type(step).__name__.replace("Step", "").lower()


async def walk(flow_id: str, data_dir: Path, rows: list, verbose: bool) -> None:
    from assistant.content.models import DocumentStep, InfoStep, QuestionStep, ReviewStep
    from tests.tui.helpers import build_app, press, valid_keys

    t0w, t0c = time.perf_counter(), time.process_time()
    app = build_app(data_dir, new_name="Bench", flow_id=flow_id, ask_language=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows.append((flow_id, "(start)", "first question", time.perf_counter() - t0w, time.process_time() - t0c))
        conv = app.screen.conv
        for _ in range(120):
            step = conv.current
            if step is None:
                break
            if isinstance(step, QuestionStep):
                keys = valid_keys(step)
            elif isinstance(step, DocumentStep):
                if app.screen._refusals(step):
                    print(f"  {flow_id}: the bench's answers do not pass {step.id!r}'s document checks; "
                          "stopping this flow", file=sys.stderr)
                    break
                keys = ["3", "enter"]
            elif isinstance(step, (InfoStep, ReviewStep)):
                keys = ["enter"]
            else:
                break
            if len(keys) > 1:
                await press(pilot, *keys[:-1])
            w, c = time.perf_counter(), time.process_time()
            await pilot.press(keys[-1])
            await pilot.pause()
            w, c = time.perf_counter() - w, time.process_time() - c
            screen_conv = getattr(app.screen, "conv", None)
            nxt = screen_conv.current if screen_conv is not None else None
            if nxt is step:
                print(f"  {flow_id}: stuck at {step.id!r} (the bench's answer was not accepted)", file=sys.stderr)
                break
            rows.append((flow_id, step.id, kind_of(nxt), w, c))
            if verbose:
                print(f"  {flow_id:18} {step.id:>22} -> {kind_of(nxt):9} {w * 1000:6.1f} ms "
                      f"(cpu {c * 1000:5.1f})", file=sys.stderr)
            if screen_conv is None:
                break


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--flows", default="")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    from assistant.content.loader import load_content

    flows = args.flows.split(",") if args.flows else [f.id for f in load_content(check=False).sorted_flows()]
    rows: list = []
    refs = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, fid in enumerate(flows):
            refs.append(reference())
            asyncio.run(walk(fid, Path(tmp) / f"d{i}", rows, args.verbose))
    m = statistics.median
    print(f"reference loop (CPU): median {m(refs) * 1000:.1f} ms")
    print(f"{'into':16} {'n':>4} {'wall med':>9} {'wall max':>9} {'cpu med':>8} {'cpu max':>8}")
    for kind in ("first question", "question", "info", "review", "document", "end"):
        sel = [r for r in rows if r[2] == kind]
        if not sel:
            continue
        ws, cs = [r[3] * 1000 for r in sel], [r[4] * 1000 for r in sel]
        print(f"{kind:16} {len(sel):4} {m(ws):9.1f} {max(ws):9.1f} {m(cs):8.1f} {max(cs):8.1f}")
    slow = sorted(rows, key=lambda r: -r[4])[:8]
    print("slowest (CPU):", "; ".join(f"{r[0]}/{r[1]}->{r[2]} {r[4] * 1000:.0f} ms" for r in slow))


if __name__ == "__main__":
    main()
