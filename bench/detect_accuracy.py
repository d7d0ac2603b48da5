"""How well does language detection do on short pieces of real text?

Cuts each UDHR text in shared/testdata/udhr (articles 1-10) into consecutive pieces of 3, 5 and
10 words and runs :func:`assistant.i18n.detect.suggest` and :func:`is_norwegian` on every piece.

    python bench/detect_accuracy.py [--udhr DIR] [--lengths 2 3 5 10] [--raw]

For a supported language "right" is its own locale (Nynorsk: nb, the UI locale a Nynorsk writer
gets), for any other language "right" is unknown. ``--raw`` ignores the word threshold and the
confidence threshold (what langdetect plus the script rules would say), to show why they are there.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.i18n import detect  # noqa: E402

DEFAULT_UDHR = ROOT.parent / "shared" / "testdata" / "udhr"
EXPECTED_UI = {"nn": "nb"}  # languages whose right UI suggestion is another code


def pieces(text: str, n: int) -> list[str]:
    """Consecutive, non-overlapping pieces of n words (the last, shorter one dropped)."""
    ws = detect.words(text)
    return [" ".join(ws[i:i + n]) for i in range(0, len(ws) - n + 1, n)]


def expected(lang: str) -> str | None:
    lang = EXPECTED_UI.get(lang, lang)
    return lang if lang in detect.SUPPORTED else None


def find_udhr(arg: str | None) -> Path:
    for cand in (arg, DEFAULT_UDHR, Path("/work/shared/testdata/udhr")):
        if cand and Path(cand).is_dir():
            return Path(cand)
    sys.exit("No UDHR folder found; pass --udhr DIR")


def run_suggest(udhr: Path, lengths: list[int], raw: bool) -> None:
    files = sorted(udhr.glob("*.txt"))
    print("suggest(): right / wrong / no verdict, per language and piece length (words)")
    print("  (right = its own locale for a supported language, unknown for any other)")
    head = f"{'lang':<6}" + "".join(f"| {n:>2} words: right  wrong  none " for n in lengths)
    print(head)
    print("-" * len(head))
    totals = {n: Counter() for n in lengths}
    for path in files:
        lang = path.stem
        text = path.read_text(encoding="utf-8")
        want = expected(lang)
        row = f"{lang:<6}" if want else f"{lang + '*':<6}"
        for n in lengths:
            c = Counter()
            for piece in pieces(text, n):
                if raw:
                    g, p = detect.guess(piece)
                    got = detect._pick(g, 1.0, detect.SUPPORTED).locale
                else:
                    got = detect.suggest(piece).locale
                if got == want:
                    c["right"] += 1
                elif got is None:
                    c["none"] += 1
                else:
                    c["wrong"] += 1
            total = sum(c.values()) or 1
            row += f"| {total:>3}: {c['right'] / total:6.0%} {c['wrong'] / total:6.0%} {c['none'] / total:6.0%} "
            totals[n].update(c)
            totals[n]["supported" if want else "other"] += total
            totals[n]["right_" + ("s" if want else "o")] += c["right"]
            totals[n]["wrong_" + ("s" if want else "o")] += c["wrong"]
        print(row)
    print("  * not a supported locale: the right answer is unknown")
    print()
    for n in lengths:
        t = totals[n]
        s, o = t["supported"] or 1, t["other"] or 1
        print(f"{n:>2} words: supported languages {t['right_s'] / s:.0%} right, {t['wrong_s'] / s:.0%} "
              f"wrong; other languages {t['right_o'] / o:.0%} rejected, {t['wrong_o'] / o:.0%} "
              f"wrongly suggested")


def run_norwegian(udhr: Path, lengths: list[int]) -> None:
    print()
    print("is_norwegian(): yes / no / no verdict (nb and nn should say yes, the others no)")
    head = f"{'lang':<6}" + "".join(f"| {n:>2} words:   yes     no   none " for n in lengths)
    print(head)
    print("-" * len(head))
    for name in ("nb", "nn", "da", "sv", "en", "pl", "so", "lt", "tr", "ar"):
        path = udhr / f"{name}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        row = f"{name:<6}"
        for n in lengths:
            c = Counter()
            for piece in pieces(text, n):
                c[detect.is_norwegian(piece)] += 1
            total = sum(c.values()) or 1
            row += f"| {total:>3}: {c[True] / total:6.0%} {c[False] / total:6.0%} {c[None] / total:6.0%} "
        print(row)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--udhr")
    ap.add_argument("--lengths", type=int, nargs="+", default=[3, 5, 10])
    ap.add_argument("--raw", action="store_true", help="no word or confidence threshold")
    args = ap.parse_args(argv)
    udhr = find_udhr(args.udhr)
    t0 = time.perf_counter()
    detect.warm_up()
    t1 = time.perf_counter()
    run_suggest(udhr, args.lengths, args.raw)
    if not args.raw:
        run_norwegian(udhr, args.lengths)
    t2 = time.perf_counter()
    print(f"\nloading the profiles: {t1 - t0:.2f} s; detecting: {t2 - t1:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
