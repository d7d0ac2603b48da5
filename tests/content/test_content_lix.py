"""Plain language: the Norwegian texts users read have LIX under 40.

LIX needs running text: a two-word title or a one-line question scores 60-100 whatever its
words are. So the test measures (1) every Norwegian help text, info text, fact, glossary
explanation and summary of at least 12 words on its own, and (2) every screen as the user sees it:
a step's title, text, prompt and help together. Titles and prompts are measured in (2).
"""

from pathlib import Path

from babel.messages.pofile import read_po

from assistant.content.lix import lix, words
from .conftest import MY_FLOWS

PO = Path(__file__).resolve().parents[2] / "locales" / "nb" / "LC_MESSAGES" / "content.po"
LIMIT = 40.0
FIELDS = ("title", "text", "prompt", "help")


def nb_messages() -> dict[str, str]:
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    return {m.context: (m.string or m.id) for m in catalog
            if m.id and m.context and m.context.split("/")[0] in MY_FLOWS + ("fact", "term")}


def test_every_text_is_translated(content):
    """Every text of these flows, facts and terms has a Norwegian translation (not a fallback)."""
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    missing = [m.context for m in catalog if m.id and m.context
               and m.context.split("/")[0] in MY_FLOWS + ("fact", "term")
               and not m.context.endswith("/example") and (not m.string or m.fuzzy)
               and len(m.id.split()) > 1]  # one word (Altinn, Frivillighetsregisteret) is a name
    assert not missing, f"untranslated: {missing}"


def test_running_texts_are_easy_to_read():
    scores = []
    for ctx, text in nb_messages().items():
        field = ctx.split("/")[-1]
        if ctx.startswith("fact/") or field in ("help", "text", "explanation", "summary"):
            if len(words(text)) >= 12:
                scores.append((lix(text), ctx, text))
    assert len(scores) > 100
    worst = max(scores)
    assert worst[0] < LIMIT, f"worst LIX {worst[0]:.1f} in {worst[1]}: {worst[2]!r}"


def test_every_screen_is_easy_to_read():
    screens: dict[str, list[tuple[int, str]]] = {}
    for ctx, text in nb_messages().items():
        parts = ctx.split("/")
        if len(parts) == 3 and parts[0] in MY_FLOWS and parts[2] in FIELDS:
            screens.setdefault(f"{parts[0]}/{parts[1]}", []).append((FIELDS.index(parts[2]), text))
    scores = [(lix("\n\n".join(t for _, t in sorted(items))), name) for name, items in screens.items()]
    assert len(scores) > 60
    worst = max(scores)
    assert worst[0] < LIMIT, f"worst screen LIX {worst[0]:.1f}: {worst[1]}"


def test_lix_of_hard_text_is_high():
    """The measure can fail: official-style Norwegian scores far above the limit."""
    hard = ("Organisasjonens styremedlemmer forplikter seg til å gjennomføre nødvendige "
            "registreringsprosedyrer i samsvar med gjeldende forskriftsbestemmelser.")
    assert lix(hard) > 60
