"""Render documents (Norwegian) from content templates to Markdown, plain text and HTML.

The template is Markdown. HTML is made from it with raw HTML switched off, so anything a user
typed (``<script>``, ``{{ 7*7 }}``) is shown as text. Other formats (DOCX) register a writer in
:data:`WRITERS`. Other parts may add computed template variables (:data:`CONTEXT_PROVIDERS`) and
checks a document must pass before it is written (:data:`DOCUMENT_CHECKS`): a document whose
checks fail raises :class:`DocumentRefused`, in every front end, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable, Mapping

from jinja2 import FileSystemLoader

from assistant.content.loader import Content
from assistant.content.models import DocumentSpec
from assistant.papertrail import with_marks
from assistant.errors import VeiviserError
from assistant.i18n import N_
from assistant.profile import nest
from assistant.render.templates import CONTEXT_PROVIDERS, DOCUMENT_CHECKS, make_environment

DEFAULT_FORMATS = ("md", "txt", "html", "docx")
TEMPLATE_FAILED = N_("The document {name} could not be made: the content has an error ({reason}). "
                     "Run veiviser check and tell the people who made the content.")


class DocumentRefused(VeiviserError, ValueError):
    """The answers do not pass the document's checks. ``problems`` are
    :class:`~assistant.engine.validate.Invalid` messages; show each with ``.translate(t)``."""

    def __init__(self, spec: DocumentSpec, problems: list):
        self.spec = spec
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))

    def user_message(self, translator: Any) -> str:
        return "\n".join(p.translate(translator) for p in self.problems)


def document_problems(content: Content, spec: DocumentSpec, answers: Mapping[str, Any],
                      today: dt.date | None = None) -> list:
    """What stops this document from being written (empty when nothing does)."""
    problems: list = []
    for name in spec.checks:
        problems.extend(DOCUMENT_CHECKS[name](content, answers, today))
    return problems


@dataclass(frozen=True)
class Rendered:
    spec: DocumentSpec
    markdown: str
    # the template's variables, for writers that need more than the Markdown (the calendar's ics)
    data: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    author: str = ""  # the organisation: DOCX metadata

    @property
    def title(self) -> str:
        for line in self.markdown.splitlines():
            if line.startswith("#"):  # as text: an answer's Markdown escapes removed
                return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", line.lstrip("#").strip())
        return self.spec.filename


def context(content: Content, answers: Mapping[str, Any], today: dt.date | None = None) -> dict[str, Any]:
    """Every known key (None when unanswered) overlaid with the answers, nested for templates."""
    flat: dict[str, Any] = {k: None for k in content.known_keys()}
    flat.update(with_marks(answers))  # a part waiting for translation shows the marker
    ctx = nest(flat)
    ctx["today"] = (today or dt.date.today()).isoformat()
    for name, provider in CONTEXT_PROVIDERS.items():
        ctx[name] = provider(content, answers, today)
    return ctx


def render_markdown(content: Content, spec: DocumentSpec, answers: Mapping[str, Any],
                    today: dt.date | None = None) -> Rendered:
    """Render one document; raises DocumentRefused when the answers fail its checks."""
    problems = document_problems(content, spec, answers, today)
    if problems:
        raise DocumentRefused(spec, problems)
    env = _environment(content.templates_dir)
    try:
        template = env.get_template(f"{spec.template}.md.j2")
        ctx = context(content, answers, today)
        text = template.render(ctx)
    except Exception as exc:  # content that check should have refused: refuse the document, clearly
        from assistant.engine.validate import Invalid

        raise DocumentRefused(spec, [Invalid(TEMPLATE_FAILED, name=spec.filename,
                                             reason=f"{type(exc).__name__}: {exc}"[:300])]) from exc
    return Rendered(spec=spec, markdown=_tidy(text), data=ctx, author=str(answers.get("org.name") or ""))


class _SourceCheckingLoader(FileSystemLoader):
    """A FileSystemLoader whose compiled templates stay in use only while the file's text is
    unchanged: Jinja's own check compares modification times, which can be equal for two
    writes within one clock tick; reading a template of a few kB costs microseconds."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)

        def same() -> bool:
            try:
                return Path(filename).read_text(encoding="utf-8") == source
            except OSError:
                return False

        return source, filename, same


@functools.lru_cache(maxsize=8)
def _environment(templates_dir: Path):
    """One Jinja environment per templates folder, kept between documents, so each template is
    compiled once (it was built and compiled again at every call); an edited template is
    compiled again at its next use."""
    env = make_environment(templates_dir)
    env.loader = _SourceCheckingLoader(str(templates_dir))
    return env


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"


@functools.lru_cache(maxsize=1)
def _md() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")


def to_html(doc: Rendered, direction: str = "ltr") -> str:
    body = _md().render(doc.markdown)
    title = html.escape(doc.title)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="nb" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        "<style>body{font-family:Georgia,serif;max-width:42em;margin:2em auto;line-height:1.5;"
        "padding:0 1em}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.5em}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em}"
        "@media print{body{margin:0}}</style>\n"
        f"</head>\n<body>\n{body}</body>\n</html>\n"
    )


def to_text(doc: Rendered) -> str:
    """Plain text: headings underlined, emphasis marks removed, lists kept."""
    tokens = _md().parse(doc.markdown)
    out: list[str] = []
    prefix_stack: list[str] = []
    ordered_counters: list[int] = []
    heading_level = 0
    row: list[str] | None = None
    in_table = False
    for tok in tokens:
        if tok.type == "table_open":
            in_table = True
        elif tok.type == "table_close":
            in_table = False
        if tok.type == "heading_open":
            heading_level = int(tok.tag[1])
        elif tok.type == "heading_close":
            text = out.pop() if out else ""
            out.append(text)
            out.append(("=" if heading_level == 1 else "-") * len(text))
            out.append("")
            heading_level = 0
        elif tok.type == "bullet_list_open":
            prefix_stack.append("- ")
            ordered_counters.append(0)
        elif tok.type == "ordered_list_open":
            prefix_stack.append("#")
            ordered_counters.append(int(tok.attrGet("start") or 1) - 1)
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            prefix_stack.pop()
            ordered_counters.pop()
            if not prefix_stack:
                out.append("")
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            out.append(" | ".join(row or []))
        elif tok.type == "table_close":
            out.append("")
        elif tok.type == "inline" and row is not None and in_table:
            row.append("".join(c.content for c in (tok.children or []) if c.type in ("text", "code_inline")))
        elif tok.type in ("table_open", "table_close"):
            pass
        elif tok.type == "inline":
            text = "".join(c.content if c.type in ("text", "code_inline") else
                           ("\n" if c.type in ("softbreak", "hardbreak") else "")
                           for c in (tok.children or []))
            if prefix_stack and heading_level == 0:
                indent = "  " * (len(prefix_stack) - 1)
                if prefix_stack[-1] == "#":
                    ordered_counters[-1] += 1
                    marker = f"{ordered_counters[-1]}. "
                else:
                    marker = "- "
                text = indent + marker + text.replace("\n", "\n" + indent + "  ")
            out.append(text)
        elif tok.type == "paragraph_close" and not prefix_stack:
            out.append("")
        elif tok.type == "hr":
            out.append("-" * 40)
            out.append("")
    return "\n".join(out).strip() + "\n"


def write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as f:  # write_document gives a private temporary file
        f.write(text)


def _write_md(doc: Rendered, path: Path, **_: Any) -> None:
    write_text(path, doc.markdown)


def _write_txt(doc: Rendered, path: Path, **_: Any) -> None:
    write_text(path, to_text(doc))


def _write_html(doc: Rendered, path: Path, direction: str = "ltr", **_: Any) -> None:
    write_text(path, to_html(doc, direction))


WRITERS: dict[str, Callable[..., None]] = {"md": _write_md, "txt": _write_txt, "html": _write_html}


def _write_with(writer: Callable[..., None], doc: Rendered, options: dict[str, Any], tmp: Path) -> None:
    writer(doc, tmp, **options)


def write_document(doc: Rendered, out_dir: Path, formats: tuple[str, ...] = DEFAULT_FORMATS,
                   *, private: bool = True, **options: Any) -> list[Path]:
    """Write ``doc`` in each format into ``out_dir``: atomically (temporary file, fsync, rename),
    files 0600 in folders created 0700 unless ``private`` is False. Raises OSError (disk full,
    permission, a file where the folder should be); a file already there stays as it was."""
    from assistant.store.files import clean_temp, make_folder, write_atomic

    make_folder(out_dir, private)
    clean_temp(out_dir)
    written = []
    # a document may also be written in formats of its own (DocumentSpec.formats, e.g. ics)
    for fmt in tuple(formats) + tuple(f for f in doc.spec.formats if f not in formats):
        writer = WRITERS.get(fmt)
        if writer is None and fmt == "docx":
            # The DOCX writer is loaded only when a DOCX is asked for (it reads python-docx's
            # template once per process). Importing assistant.render.docx adds WRITERS["docx"].
            import assistant.render.docx  # noqa: F401

            writer = WRITERS.get(fmt)
        if writer is None:
            continue
        path = out_dir / f"{doc.spec.filename}.{fmt}"
        write_atomic(path, functools.partial(_write_with, writer, doc, options), private)
        written.append(path)
    return written

from assistant.render import sources as _sources  # noqa: E402,F401  (registers registration_sources)
