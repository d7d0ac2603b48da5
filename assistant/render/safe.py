"""Answers go into documents as literal text, never as Markdown.

The templates are Markdown written by content authors. Every value a template prints passes the
environment's ``finalize`` (:func:`finalize`), which escapes it with :func:`md_escape` unless it is
:class:`Md` (Markdown that our own code built, already escaped where it holds answers). So a name
``[klikk](https://…)``, ``![x](http://…)``, ``<https://…>``, ``&lt;b&gt;``, a line ``# Heading``
or a table row in a longtext shows as typed in md, txt, html and docx, and never becomes a link,
an image, a heading or a table. Controls are removed on the way (:func:`assistant.usertext.printable`),
so stored answers from before the input rule still render.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from assistant.usertext import printable


# Markdown that is safe as it is: what the templates themselves write (macros, ``{% set %}``
# blocks, our filters). The environment autoescapes, so Jinja keeps template-made text as Markup
# and sends every other printed value through finalize, which escapes it for Markdown.
Md = Markup


# Inline syntax anywhere in a line: escapes, code, emphasis, links, images, autolinks, raw HTML,
# entities, table cells, strikethrough.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!])")
# Syntax at the start of a line: headings, quotes, list items, setext underlines and rules.
# (Fences, emphasis and tables are inline characters, escaped everywhere.)
_LINE_START = re.compile(r"^(?:[>]|#{1,6}(?=\s|$)|[-+](?=\s|$)|[-=]+\s*$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def _line(line: str) -> str:
    line = _INLINE.sub(r"\\\1", line.strip())
    line = _LINE_START.sub(lambda m: "\\" + m.group(), line, count=1)
    return _ORDERED.sub(r"\1\\\2", line, count=1)


def md_escape(text: Any) -> Md:
    """One value as literal Markdown text. Line breaks stay line breaks (hard breaks), blank lines
    too, but inside one paragraph: an answer cannot end a list, a table or a paragraph. Markdown
    our own code built (:class:`Md`) is already safe and stays as it is."""
    if isinstance(text, Md):
        return text
    lines = [_line(x) for x in printable(str(text)).split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return Md("\\\n".join(lines))


def md_paragraphs(text: Any) -> Md:
    """A longtext as its own Markdown block: paragraphs (blank lines) kept as paragraphs, line
    breaks as hard breaks, every line escaped. For a value alone in its block of the template."""
    if text in (None, ""):
        return Md("")
    if isinstance(text, Md):
        return text
    paragraphs = re.split(r"\n\s*\n", printable(str(text)).strip())
    return Md("\n\n".join(str(md_escape(p)) for p in paragraphs if p.strip()))


def finalize(value: Any, blank: str) -> Any:
    if value is None or value == "":
        return Md(blank)
    if isinstance(value, Md):
        return value
    if isinstance(value, (bool, int, float)):
        return value
    return md_escape(value)
