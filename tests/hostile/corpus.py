"""The hostile corpus: what a user can type or paste, or an old database can hold.

Every C0 control (each in a name), DEL, every C1 control, escape sequences (CSI, OSC 0 and 8,
DCS, 8-bit CSI, an unterminated OSC), bidi overrides and isolates, NUL, non-characters, lone
surrogates, Jinja, Markdown, HTML and Textual markup (``[@click=…]``), a 1 MB paste, a
10,000-character name, emoji and combining marks, and the scripts of our users.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 3, 15)

PAYLOADS: list[str] = (
    [f"Lag{chr(c)}navn" for c in range(0x20)]  # every C0 control (tab and newline are kept)
    + [
        "Lag\x7fnavn",
        "C1:" + "".join(chr(c) for c in range(0x80, 0xA0)),
        "\x9b2J\x9b31mrød",
        "\x1b[2J\x1b[H\x1b[31mrød\x1b[0m tekst",
        "\x1b]0;pwned title\x07Forening",
        "\x1b]8;;https://evil.example/\x1b\\klikk her\x1b]8;;\x1b\\",
        "\x1b]0;unterminated title Forening",
        "\x1bPq#0;2;0;0;0#0~~@@\x1b\\DCS",
        "\x1b7\x1b8\x1bc\x1b(0lqk",
        "abc\u202edcba\u202c slutt",
        "\u2066venstre\u2069 \u2067høyre\u2069 \u2068først",
        "\u202a\u202b\u202c\u202d\u202e",
        "\x00\x00NUL i navnet\x00",
        "a\ufffeb\uffffc\U0001fffe",
        "\ud800",
        "Navn \udcff med ugyldig UTF-8",
        "{{ 7*7 }} {% for x in range(3) %}x{% endfor %}",
        "{{ ''.__class__.__mro__ }} {{ config }} {# kommentar #}",
        "![x](http://evil.example/t.png)",
        "[klikk](https://evil.example/) og <https://evil.example/>",
        "Første linje\n# Overskrift\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\nslutt",
        "<b>fet</b><script>alert(1)</script><img src=x onerror=alert(1)>",
        "&lt;b&gt; &amp; &#60;i&#62; &copy;",
        "[/]",
        "Lag [Oslo] kvinner",
        "[@click=app.quit]her[/]",
        "[@click=app.screenshot('x.svg','/tmp')]her[/]",
        "[b]fet[/b] [link=https://evil.example/]lenke[/link] [red on blue]x",
        "x" * 1_000_000,
        "Å" * 10_000,
        "👩🏽‍💻 Forening for alle 🇳🇴🇸🇴",
        "Zoë e\u0301 n\u0303 ا\u064b ক\u09cd",
        "ትግርኛ Українська العربية فارسی Soomaali Polski",
        "```\nkode\n```\n~~~\nmer\n~~~",
        "1. en\n- to\n> sitat\n    innrykk",
        "Tittel\n===\nUnder\n---",
        "C:\\Users\\x \\ slutt\\",
        "{0} {value} {} %s %(x)s {{",
        "a\r\nb\rc",
        "a\u200bb\u200dc\ufeffd",
        "*fet* _kursiv_ **x** ~~y~~ `kode`",
        "  \t  ",
    ]
)
assert len(PAYLOADS) >= 50

# Example answers that take each flow from start to its documents.
# The example answers each flow is walked with: files layered in order (a later one adds keys).
ORG = "tests/content/examples/somali_drammen.json"
YEAR = "tests/year/examples/somali_drammen.json"
EXAMPLES = {
    "founding": (ORG,),
    "bylaws": (ORG,),
    "registration": (ORG,),
    "annual_meeting": (ORG,),
    "grant_finder": ("tests/grants/examples/youth_group.json",),
    "grant_application": ("tests/grants/examples/homework_application.json",),
    "grant_report": ("tests/grants/examples/homework_report.json",),
    "annual_report": (ORG, YEAR),
    "accounts": (ORG, YEAR),
    "year_calendar": (ORG, YEAR),
    "grant_answer": ("tests/grants/examples/homework_application.json", "tests/hostile/examples/grant_answer.json"),
}

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\ud800-\udfff]")  # ESC, BEL, C1 …


def example(flow_id: str, content) -> dict:
    from assistant.profile import flatten

    known = set(content.known_keys())
    answers: dict = {}
    for name in EXAMPLES[flow_id]:
        answers.update(flatten(json.loads((ROOT / name).read_text(encoding="utf-8")), known=known))
    return answers


def hostile_fields(content) -> list[tuple[str, object]]:
    """(flow id, question) for every text, longtext and people question of every flow."""
    out = []
    for flow in content.sorted_flows():
        for q in flow.questions():
            if q.type.value in ("text", "longtext", "people"):
                out.append((flow.id, q))
    return out


def rotation(n_fields: int, per_field: int) -> list[tuple[int, int]]:
    """(field index, payload index) slots: every field gets ``per_field`` payloads, every
    payload at least one field, rather than the whole cross product."""
    slots = max(n_fields * per_field, len(PAYLOADS))
    return [(i % n_fields, (i * 7 + i // n_fields) % len(PAYLOADS)) for i in range(slots)]


def with_payload(step, answers: dict, payload: str) -> dict:
    answers = dict(answers)
    if step.type.value == "people":
        people = list(answers.get(step.key) or [])
        roles = [r.code for r in step.roles] or ["chair", "member"]
        if people:
            people[0] = {**people[0], "name": payload}
        else:
            people = [{"name": payload, "role": roles[0]}]
        answers[step.key] = people
    else:
        answers[step.key] = payload
    return answers


def leaks(text: str) -> list[str]:
    """What a terminal or a document must never get."""
    found = sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)})
    return found
