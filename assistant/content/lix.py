"""LIX readability (läsbarhetsindex), used for Norwegian plain-language checks.

LIX = words / sentences + 100 * (words longer than 6 letters) / words. Norwegian scale: under 30
very easy, 30-40 easy, 40-50 medium, 50-60 difficult, over 60 very difficult.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)|\n\s*\n|\n(?=\s*[-*•]|\s*\d+[.)])")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> int:
    """Sentence count: ends of sentences, list items and paragraph breaks; at least 1."""
    pieces = [p for p in _SENTENCE_END.split(text.strip()) if p and _WORD.search(p)]
    return max(1, len(pieces))


def lix(text: str) -> float:
    w = words(text)
    if not w:
        return 0.0
    long_words = sum(1 for x in w if len(x) > 6)
    return len(w) / sentences(text) + 100.0 * long_words / len(w)
