"""DOCX writer: the rendered Markdown of a document as a Word file.

Importing this module registers ``"docx"`` in :data:`assistant.render.WRITERS`. The Markdown is
parsed with markdown-it (the same parser as the HTML writer, raw HTML off), and each block is
written as a Word paragraph, heading, list item or table, in the body of the package that
:mod:`assistant.render.ooxml` assembles (python-docx's template, without python-docx at run
time). User answers are only ever text runs, escaped: nothing in them is interpreted, so
``<b>`` or ``{{ x }}`` appear as typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.render import WRITERS, Rendered, _md, ooxml
from assistant.usertext import printable


def _runs(token) -> str:
    """The inline children of a markdown-it inline token as runs (bold, italic, code)."""
    bold = italic = False
    out: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind in ("softbreak", "hardbreak"):
            out.append(ooxml.BREAK)
        elif kind in ("text", "code_inline", "html_inline"):
            text = printable(child.content)  # XML allows no controls
            if text:
                out.append(ooxml.run(text, bold, italic))
    # links: show the address after the link text, so a printed page keeps it
    hrefs = [c.attrGet("href") for c in token.children or [] if c.type == "link_open"]
    texts = _link_texts(token)
    for href, text in zip(hrefs, texts):
        if href and href != text:
            out.append(ooxml.run(printable(f" ({href})")))
    return "".join(out)


def _link_texts(token) -> list[str]:
    out: list[str] = []
    current: list[str] | None = None
    for child in token.children or []:
        if child.type == "link_open":
            current = []
        elif child.type == "link_close" and current is not None:
            out.append("".join(current))
            current = None
        elif current is not None and child.type == "text":
            current.append(child.content)
    return out


# The style ids of the style names the writer uses (python-docx looked them up by name)
LIST_STYLES = {("bullet", False): "ListBullet", ("bullet", True): "ListBullet2",
               ("ordered", False): "ListNumber", ("ordered", True): "ListNumber2"}


def body(markdown: str) -> str:
    """The Word body (paragraphs and tables) for rendered Markdown."""
    tokens = _md().parse(markdown)
    out: list[str] = []
    lists: list[str] = []  # "bullet" | "ordered", innermost last
    in_quote = False
    table_rows: list[list[str]] | None = None
    row: list[str] | None = None
    heading_level = 0
    for tok in tokens:
        kind = tok.type
        if kind == "heading_open":
            heading_level = int(tok.tag[1])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "bullet_list_open":
            lists.append("bullet")
        elif kind == "ordered_list_open":
            lists.append("ordered")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "blockquote_open":
            in_quote = True
        elif kind == "blockquote_close":
            in_quote = False
        elif kind == "table_open":
            table_rows = []
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table_rows is not None and row is not None:
            table_rows.append(row)
            row = None
        elif kind == "table_close" and table_rows:
            out.append(ooxml.table([[printable(text) for text in cells] for cells in table_rows]))
            out.append(ooxml.paragraph())
            table_rows = None
        elif kind == "hr":
            out.append(ooxml.paragraph(ooxml.run("_" * 40)))
        elif kind == "inline":
            if row is not None:
                row.append("".join(c.content for c in tok.children or []
                                   if c.type in ("text", "code_inline")))
            elif heading_level:
                text = tok.content and printable("".join(
                    c.content for c in tok.children or [] if c.type in ("text", "code_inline")))
                level = 0 if heading_level == 1 else min(heading_level - 1, 3)
                out.append(ooxml.paragraph(ooxml.run(text) if text else "",
                                           "Title" if level == 0 else f"Heading{level}"))
            elif lists:
                out.append(ooxml.paragraph(_runs(tok), LIST_STYLES[(lists[-1], len(lists) > 1)]))
            else:
                out.append(ooxml.paragraph(_runs(tok), "Quote" if in_quote else None))
    return "".join(out)


def write_docx(doc: Rendered, path: Path, **_: Any) -> None:
    """Write the DOCX to ``path`` (write_document makes it atomic and private)."""
    path.write_bytes(ooxml.package(body(doc.markdown), printable(doc.title), printable(doc.author)))


WRITERS["docx"] = write_docx
