"""Extract translatable messages from code and content, and update the catalogs.

Domains (one .pot in ``locales/templates/`` and one .po per locale each):

- ``veiviser``: strings in the Python code (``_()``, ``N_()``, ``gettext``, ``ngettext`` …)
- ``content``: flows, facts and the glossary (``content/flows``, ``content/facts``, glossary)
- ``grants``: grant schemes (``content/grants``)

Content strings carry a stable msgctxt (see :mod:`assistant.i18n.content`). When a source text
changes, its old translation is kept, marked fuzzy, with the previous source as ``#| msgid``, so
a translator reviews it instead of losing it. ``extract_content`` is also registered as a Babel
extractor (``veiviser_content``) for use with ``pybabel extract``.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import tomllib
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Iterator

from assistant import paths

DOMAINS = ("veiviser", "content", "grants")
PYTHON_KEYWORDS = {
    "_": None, "gettext": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}


def _register_sources() -> None:
    from assistant.content.grants import messages_from_data as grant_messages
    from assistant.i18n.content import RAW_SOURCES

    RAW_SOURCES.setdefault("grants", grant_messages)  # grant schemes are content


def messages_from_data(data: dict[str, Any], kind: str) -> Iterator[tuple[str, str]]:
    """(context, text) for one parsed content file of the given kind."""
    from assistant.content.models import FactFile, Flow, Glossary
    from assistant.i18n.content import RAW_SOURCES, fact_messages, flow_messages, term_messages

    if kind == "flows":
        yield from flow_messages(Flow.model_validate(data))
    elif kind == "facts":
        for fact in FactFile.model_validate(data).facts:
            yield from fact_messages(fact)
    elif kind == "roadmap":
        from assistant.content.models import Roadmap
        from assistant.i18n.content import stage_messages

        for stage in Roadmap.model_validate(data).stages:
            yield from stage_messages(stage)
    elif kind == "glossary":
        for term in Glossary.model_validate(data).terms:
            yield from term_messages(term)
    elif kind in RAW_SOURCES:
        yield from RAW_SOURCES[kind](data)


def kind_of(path: Path, root: Path) -> str | None:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = path.parts
    if path.name == "glossary.toml" or "glossary" in parts[:-1]:
        return "glossary"
    if path.name == "roadmap.toml":
        return "roadmap"
    for kind in ("flows", "facts", "grants"):
        if kind in parts[:-1]:
            return kind
    return None


def domain_of(kind: str, path: Path | None = None) -> str:
    """Grant schemes and the grant flows (``content/flows/grant*.toml``) go to "grants"."""
    if kind == "grants" or (kind == "flows" and path is not None and path.name.startswith("grant")):
        return "grants"
    return "content"


def _line_of(source: str, text: str) -> int:
    first = text.strip().splitlines()[0][:60] if text.strip() else ""
    idx = source.find(first) if first else -1
    return source.count("\n", 0, idx) + 1 if idx >= 0 else 1


def extract_content(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel extractor for content TOML files (entry point ``veiviser_content``)."""
    _register_sources()
    raw = fileobj.read()
    source = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    name = Path(getattr(fileobj, "name", "content.toml"))
    kind = options.get("kind") if options else None
    kind = kind or kind_of(name, paths.content_dir()) or "flows"
    data = tomllib.loads(source)
    for ctx, text in messages_from_data(data, kind):
        yield _line_of(source, text), "pgettext", (ctx, text), []


def content_catalogs(content_root: Path) -> dict[str, list[tuple[str, str, str, int]]]:
    """domain -> [(context, text, file, line)] for all content files."""
    _register_sources()
    out: dict[str, list[tuple[str, str, str, int]]] = {"content": [], "grants": []}
    for path in sorted(content_root.rglob("*.toml")):
        kind = kind_of(path, content_root)
        if kind is None:
            continue
        source = path.read_text(encoding="utf-8")
        data = tomllib.loads(source)
        rel = str(path.relative_to(content_root.parent))
        for ctx, text in messages_from_data(data, kind):
            out[domain_of(kind, path)].append((ctx, text, rel, _line_of(source, text)))
    return out


def build_templates(root: Path | None = None, content_root: Path | None = None):
    """Babel catalogs (templates) for every domain."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    root = root or paths.ROOT
    content_root = content_root or paths.content_dir()
    templates = {d: Catalog(project="veiviser", version="0.1", charset="utf-8",
                            msgid_bugs_address="", fuzzy=False) for d in DOMAINS}
    code = templates["veiviser"]
    for filename, lineno, message, comments, context in extract_from_dir(
            str(root / "assistant"), method_map=[("**.py", "python")], keywords=PYTHON_KEYWORDS,
            comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        code.add(message, locations=[(f"assistant/{filename}", lineno)], auto_comments=comments,
                 context=context)
    for domain, items in content_catalogs(content_root).items():
        cat = templates[domain]
        for ctx, text, file, line in items:
            existing = cat.get(text, context=ctx)
            if existing is not None:
                existing.locations.append((file, line))
            else:
                cat.add(text, context=ctx, locations=[(file, line)])
    return templates


def write_catalog(catalog, path: Path, **kwargs: Any) -> None:
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=False, **kwargs)
    path.write_bytes(buf.getvalue())


def read_catalog(path: Path, locale: str | None = None):
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def update_locale(locale: str, templates: dict, locales: Path, create: bool = False) -> list[Path]:
    """Merge the templates into ``locale``'s catalogs, keeping changed texts as fuzzy."""
    from babel.messages.catalog import Catalog

    from assistant.i18n.plurals import plural_forms_header

    written = []
    for domain, template in templates.items():
        path = locales / locale / "LC_MESSAGES" / f"{domain}.po"
        if path.exists():
            catalog = read_catalog(path, locale=None)
        elif create:
            catalog = Catalog(locale=None, project="veiviser", version="0.1", charset="utf-8", fuzzy=False)
        else:
            continue
        by_context = {m.context: m for m in catalog if m.id and m.context}
        # Babel's update() puts the template's own Message objects into the catalog; a copy per
        # locale keeps one language's kept translations from leaking into the next language.
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
        for msg in catalog:
            if not msg.id or msg.string:
                continue
            old = by_context.get(msg.context) if msg.context else None
            if old is not None and old.string and (old.context, old.id) != (msg.context, msg.id):
                msg.string = old.string
                msg.flags.add("fuzzy")
                msg.previous_id = [old.id] if isinstance(old.id, str) else list(old.id)
        catalog.obsolete.clear()
        old_text = path.read_text(encoding="utf-8") if path.exists() else ""
        extra = header_fields(old_text, prefix="X-")
        if locale != "en":
            extra.setdefault("X-Reviewed", "no")
        catalog.revision_date = dt.datetime.now(dt.UTC)
        write_catalog(catalog, path, include_previous=True, omit_header=False)
        set_header(path, {"Language": locale, "Plural-Forms": plural_forms_header(locale), **extra})
        written.append(path)
    return written


def header_fields(text: str, prefix: str = "") -> dict[str, str]:
    """Header fields of a .po file's text (Babel drops X- headers, so we read them here)."""
    head = text.split("\n\n", 1)[0].splitlines()
    start = next((i for i, ln in enumerate(head) if ln.startswith('msgstr ""')), len(head)) + 1
    value = "".join(_unquote(ln) for ln in head[start:] if ln.strip().startswith('"'))
    out: dict[str, str] = {}
    for entry in value.split("\n"):
        key, colon, val = entry.partition(":")
        if colon and key.startswith(prefix) and re.fullmatch(r"[A-Za-z-]+", key):
            out[key] = val.strip()
    return out


def set_header(path: Path, fields: dict[str, str]) -> None:
    """Set (or add) header fields in a written .po file, before MIME-Version.

    Babel wraps long header fields (Plural-Forms for Arabic) over several quoted lines, so the
    header is taken apart into whole fields first; a field ends with ``\\n``.
    """
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\n\n")
    lines = head.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith('msgstr ""')) + 1
    value = "".join(_unquote(ln) for ln in lines[start:])
    entries = [e for e in value.split("\n") if e]
    entries = [e for e in entries if re.match(r"[A-Za-z-]+: ", e)  # drops remains of bad wraps
               and e.split(":", 1)[0] not in fields]
    at = next((i for i, e in enumerate(entries) if e.startswith("MIME-Version")), len(entries))
    entries[at:at] = [f"{k}: {v}" for k, v in fields.items()]
    quoted = ['"' + e.replace("\\", "\\\\").replace('"', '\\"') + '\\n"' for e in entries]
    path.write_text("\n".join(lines[:start] + quoted) + sep + rest, encoding="utf-8")


def _unquote(line: str) -> str:
    line = line.strip()
    if len(line) >= 2 and line[0] == line[-1] == '"':
        line = line[1:-1]
    return line.replace('\\n', '\n').replace('\\"', '"').replace("\\\\", "\\")


def write_templates(templates: dict, locales: Path) -> list[Path]:
    out = []
    for domain, cat in templates.items():
        path = locales / "templates" / f"{domain}.pot"
        write_catalog(cat, path, omit_header=False)
        out.append(path)
    return out


def locales_present(locales: Path) -> list[str]:
    return sorted(p.name for p in locales.iterdir()
                  if (p / "LC_MESSAGES").is_dir()) if locales.is_dir() else []


def update_all(locales: Path | None = None, content_root: Path | None = None,
               new_locales: Iterable[str] = (), domains: Iterable[str] | None = None,
               only: Iterable[str] | None = None) -> list[Path]:
    """Extract, write the templates and merge them into the catalogs.

    ``domains`` limits the work to some domains (e.g. only "veiviser", the code strings), ``only``
    to some locales; ``new_locales`` are created.
    """
    locales = locales or paths.locales_dir()
    templates = build_templates(content_root=content_root)
    if domains is not None:
        templates = {d: t for d, t in templates.items() if d in set(domains)}
    written = write_templates(templates, locales)
    chosen = set(locales_present(locales)) | set(new_locales)
    if only is not None:
        chosen &= set(only) | set(new_locales)
    for loc in sorted(chosen):
        if loc.startswith("qps"):  # pseudo-locales are generated, not merged
            continue
        written.extend(update_locale(loc, templates, locales, create=loc in set(new_locales)))
    return written
