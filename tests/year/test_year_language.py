"""Plain Norwegian: the new flows, facts and terms read at LIX under 40 (each running text of 12
words or more, and every screen as a whole), and so does the fixed text of the new templates."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

from assistant.content.lix import lix, words

from .conftest import MY_FLOWS

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 40.0
FIELDS = ("title", "text", "prompt", "help")
MY_FACTS = ("fact/complaint.", "fact/accounts.", "fact/calendar.")
MY_TERMS = ("term/kasserer/", "term/sekretaer/")
TEMPLATES = ("arsmelding", "regnskap", "revisjonsberetning", "year_calendar", "grant_reasons_request",
             "grant_complaint", "grant_feedback", "board_handover")


def nb_messages() -> dict[str, str]:
    out = {}
    for domain in ("content", "grants"):
        with (ROOT / "locales" / "nb" / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
            for m in read_po(fh):
                if m.id and m.context and (m.context.split("/")[0] in MY_FLOWS
                                           or m.context.startswith(MY_FACTS + MY_TERMS)):
                    assert m.string and not m.fuzzy, f"untranslated: {m.context}"
                    out[m.context] = m.string
    return out


def test_running_texts():
    scores = [(lix(t), c) for c, t in nb_messages().items()
              if (c.startswith("fact/") or c.split("/")[-1] in ("help", "text", "explanation", "summary"))
              and len(words(t)) >= 12]
    assert len(scores) > 30
    worst = max(scores)
    assert worst[0] < LIMIT, f"worst LIX {worst[0]:.1f} in {worst[1]}"


def test_every_screen():
    screens: dict[str, list[tuple[int, str]]] = {}
    for ctx, text in nb_messages().items():
        parts = ctx.split("/")
        if len(parts) == 3 and parts[0] in MY_FLOWS and parts[2] in FIELDS:
            screens.setdefault(f"{parts[0]}/{parts[1]}", []).append((FIELDS.index(parts[2]), text))
    scores = [(lix("\n\n".join(t for _, t in sorted(items))), name) for name, items in screens.items()]
    assert len(scores) > 40
    worst = max(scores)
    assert worst[0] < LIMIT, f"worst screen LIX {worst[0]:.1f}: {worst[1]}"


def template_prose(name: str) -> str:
    """The template's own sentences: comments, tags and variables removed, table rows skipped."""
    source = (ROOT / "content" / "templates" / f"{name}.md.j2").read_text(encoding="utf-8")
    source = re.sub(r"\{#.*?#\}", "", source, flags=re.S)
    source = re.sub(r"\{%.*?%\}", "", source)
    source = re.sub(r"\{\{.*?\}\}", "X", source)
    lines = [line.strip("#-*☐>| ").replace("**", "") for line in source.splitlines()]
    return "\n".join(line for line in lines if len(words(line)) >= 4 and not line.startswith("|"))


def test_templates_read_easily():
    for name in TEMPLATES:
        text = template_prose(name)
        assert len(words(text)) > 25, name  # enough running text to measure
        assert lix(text) < LIMIT, f"{name}: LIX {lix(text):.1f}"
