"""The DOCX writer as it was, on python-docx's object model: the reference the direct writer
(assistant/render/ooxml.py) is compared with in test_docx_writer.py. Not used by Veiviser."""

from __future__ import annotations

from typing import Any

from assistant.render import Rendered, _md
from assistant.usertext import printable

FONT = "Calibri"


def _runs(paragraph, token) -> None:
    """Add the inline children of a markdown-it inline token as runs (bold, italic, code)."""
    bold = italic = False
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
            paragraph.add_run().add_break()
        elif kind in ("text", "code_inline", "html_inline"):
            run = paragraph.add_run(printable(child.content))  # XML allows no controls
            run.bold = bold or None
            run.italic = italic or None
    # links: show the address after the link text, so a printed page keeps it
    hrefs = [c.attrGet("href") for c in token.children or [] if c.type == "link_open"]
    texts = _link_texts(token)
    for href, text in zip(hrefs, texts):
        if href and href != text:
            paragraph.add_run(f" ({href})")


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


def _remember_style_ids(document) -> None:
    """Look each style name up once per document. python-docx resolves a paragraph's style by
    name through the whole style list, and then again through it to see whether it is the
    default, at every paragraph: most of the time of a DOCX. The styles do not change while a
    document is built, so the answer for a name stays right for this document."""
    part = document.part
    lookup = part.get_style_id
    known: dict[tuple[str, Any], str | None] = {}

    def get_style_id(style_or_name, style_type):
        if not isinstance(style_or_name, str):
            return lookup(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in known:
            known[key] = lookup(style_or_name, style_type)
        return known[key]

    part.get_style_id = get_style_id


def build(doc: Rendered):  # noqa: C901
    """A python-docx Document for the rendered Markdown."""
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    for section in document.sections:  # A4 with 25 mm margins (python-docx starts from US Letter)
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(25)
        section.top_margin = section.bottom_margin = Mm(25)
    _remember_style_ids(document)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    props = document.core_properties
    props.title = printable(doc.title)
    props.language = "nb-NO"
    props.author = printable(doc.author)  # the organisation, never "python-docx"
    props.last_modified_by = printable(doc.author)
    props.comments = ""
    props.keywords = ""
    props.subject = printable(doc.title)

    tokens = _md().parse(doc.markdown)
    lists: list[str] = []  # "bullet" | "ordered", innermost last
    in_quote = False
    table_rows: list[list[str]] | None = None
    row: list[str] | None = None
    heading_level = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
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
            width = max(len(r) for r in table_rows)
            table = document.add_table(rows=len(table_rows), cols=width)
            table.style = "Table Grid"
            for r, cells in enumerate(table_rows):
                for c, text in enumerate(cells):
                    cell = table.cell(r, c)
                    cell.text = printable(text)
                    if r == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
            document.add_paragraph()
            table_rows = None
        elif kind == "hr":
            document.add_paragraph("_" * 40)
        elif kind == "inline":
            if row is not None:
                row.append("".join(c.content for c in tok.children or []
                                   if c.type in ("text", "code_inline")))
            elif heading_level:
                document.add_heading(tok.content and printable("".join(
                    c.content for c in tok.children or [] if c.type in ("text", "code_inline"))),
                    level=0 if heading_level == 1 else min(heading_level - 1, 3))
            else:
                if lists:
                    style_name = "List Bullet" if lists[-1] == "bullet" else "List Number"
                    if len(lists) > 1:
                        style_name += " 2"
                    paragraph = document.add_paragraph(style=style_name)
                elif in_quote:
                    paragraph = document.add_paragraph(style="Quote")
                else:
                    paragraph = document.add_paragraph()
                _runs(paragraph, tok)
        i += 1
    return document
