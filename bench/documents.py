"""How long each document takes to write, in every format, first and later.

In one process: load the shipped content, take the answers of the example organisations
(tests/grants/examples: the homework group's application merged with the others), and for
every document of every flow's document steps render the Markdown and write md, txt, html and
docx into a temporary folder. The first round is the first call in this process (imports,
first template compile); then ``--runs`` more rounds. Between rounds a fixed pure-Python loop
(the reference) is timed, so the figures can be read against the machine's speed of the moment.

Prints per document and format: first, median and max of the later calls, in ms of CPU time
(``--wall``: wall time); then the
reference's median, and the medians as ratios to it.

Usage: python bench/documents.py [--runs 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FORMATS = ("md", "txt", "html", "docx")
TODAY = dt.date(2026, 12, 1)
# CPU time of this process: the machine is shared, and wall time counts the others' turns too
CLOCK = time.process_time


def reference() -> float:
    t = CLOCK()
    s = 0
    for i in range(200_000):
        s += i * i
    return CLOCK() - t


def answers(content) -> dict:
    from assistant.profile import flatten

    known = set(content.known_keys())
    out: dict = {}
    examples = sorted((ROOT / "tests" / "grants" / "examples").glob("*.json"))
    for path in sorted(examples, key=lambda p: p.stem == "homework_application"):
        out |= flatten(json.loads(path.read_text(encoding="utf-8")), known=known)
    return out | {"grant.scheme": "municipal_activity"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--wall", action="store_true", help="wall time instead of CPU time")
    args = ap.parse_args()
    if args.wall:
        global CLOCK
        CLOCK = time.perf_counter
    t0 = CLOCK()
    from assistant.content.loader import load_content
    from assistant.content.models import DocumentStep
    from assistant.render import DocumentRefused, render_markdown, write_document

    content = load_content()
    given = answers(content)
    specs = []
    for flow in content.sorted_flows():
        for step in flow.steps:
            if isinstance(step, DocumentStep):
                specs.extend((flow.id, spec) for spec in step.documents)
    print(f"content loaded in {(CLOCK() - t0) * 1000:.0f} ms; {len(specs)} documents")
    times: dict[tuple[str, str], list[float]] = {}
    refs = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for _ in range(args.runs + 1):
            refs.append(reference())
            for flow_id, spec in specs:
                key = f"{flow_id}/{spec.filename}"
                t = CLOCK()
                try:
                    doc = render_markdown(content, spec, given, TODAY)
                except DocumentRefused as exc:
                    times.setdefault((key, "refused"), []).append(0.0)
                    print(f"{key}: refused ({exc})", file=sys.stderr)
                    continue
                render = CLOCK() - t
                for fmt in FORMATS:
                    t = CLOCK()
                    write_document(doc, out, (fmt,))
                    # a format's figure: rendering the Markdown plus writing the file
                    times.setdefault((key, fmt), []).append(render + CLOCK() - t)
    m = statistics.median
    ref = m(refs[1:])
    print(f"reference loop: median {ref * 1000:.1f} ms (range {min(refs) * 1000:.1f}–{max(refs) * 1000:.1f})")
    print(f"{'document':42} {'fmt':5} {'first':>7} {'median':>7} {'max':>7} {'med/ref':>8}")
    worst = 0.0
    for (key, fmt), ts in times.items():
        later = ts[1:]
        worst = max(worst, m(later))
        print(f"{key:42} {fmt:5} {ts[0] * 1000:7.1f} {m(later) * 1000:7.1f} {max(later) * 1000:7.1f} "
              f"{m(later) / ref:8.2f}")
    firsts = [ts[0] for (k, f), ts in times.items() if f == "docx"]
    print(f"slowest median after the first: {worst * 1000:.1f} ms ({worst / ref:.2f}× reference); "
          f"first DOCX of the process: {firsts[0] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
