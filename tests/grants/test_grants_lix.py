"""Plain language: every Norwegian guidance text of the grant part has LIX under 40.

Measured like the content tests: (1) every running text of at least 12 words on its own (help,
info texts, summaries, reasons, steps to take, deadlines, amounts, tips, notes, messages), and
(2) every screen as the user sees it: a step's title, text, prompt and help together, and a
scheme as the "About this grant" panel shows it. Choice labels, names and the Norwegian example
answers (``example``: application prose the user adapts) are not guidance and are left out.
"""

from pathlib import Path

from babel.messages.pofile import read_po

from assistant.content.lix import lix, words

PO = Path(__file__).resolve().parents[2] / "locales" / "nb" / "LC_MESSAGES" / "grants.po"
LIMIT = 40.0
STEP_FIELDS = ("title", "text", "prompt", "help")
SCHEME_SCREEN = ("title", "summary", "how", "looks_for", "deadline", "amounts", "period", "notes", "sections")


def catalog():
    with PO.open("rb") as fh:
        return read_po(fh)


def guidance() -> dict[str, str]:
    """context -> Norwegian text, for every guidance text."""
    out = {}
    for m in catalog():
        if not m.id or not m.context:
            continue
        ctx = m.context
        if ctx.endswith("/example") or "/choices/" in ctx:
            continue
        out[ctx] = m.string or m.id
    return out


def scores_of_running_texts():
    return sorted(((lix(t), c, t) for c, t in guidance().items() if len(words(t)) >= 12), reverse=True)


def scores_of_screens():
    screens: dict[str, list[tuple[int, str]]] = {}
    for ctx, text in guidance().items():
        parts = ctx.split("/")
        if parts[0].startswith("grant_") and len(parts) == 3 and parts[2] in STEP_FIELDS:
            screens.setdefault(f"{parts[0]}/{parts[1]}", []).append((STEP_FIELDS.index(parts[2]), text))
        elif parts[0] == "grant" and parts[2] in SCHEME_SCREEN:
            screens.setdefault(f"grant/{parts[1]}", []).append((SCHEME_SCREEN.index(parts[2]), text))
    return sorted(((lix("\n\n".join(t for _, t in sorted(items))), name) for name, items in screens.items()),
                  reverse=True)


def test_every_guidance_text_is_translated():
    missing = [m.context for m in catalog() if m.id and m.context and (not m.string or m.fuzzy)]
    assert missing == []


def test_running_texts_are_easy_to_read():
    scores = scores_of_running_texts()
    assert len(scores) > 150
    worst = scores[0]
    assert worst[0] < LIMIT, f"worst LIX {worst[0]:.1f} in {worst[1]}: {worst[2]!r}"


def test_every_screen_is_easy_to_read():
    scores = scores_of_screens()
    assert len(scores) > 40
    worst = scores[0]
    assert worst[0] < LIMIT, f"worst screen LIX {worst[0]:.1f}: {worst[1]}"


if __name__ == "__main__":  # python tests/grants/test_grants_lix.py: the ten hardest texts
    for score, ctx, text in scores_of_running_texts()[:15]:
        print(f"{score:5.1f}  {ctx}\n       {text[:160]!r}")
    for score, name in scores_of_screens()[:10]:
        print(f"{score:5.1f}  screen {name}")
