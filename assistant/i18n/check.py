"""``veiviser i18n check``: what a translator can get wrong that the program would not notice.

For every translated (not fuzzy) message of every catalog:

- placeholders: ``{name}`` in the source must all be in the translation, and no new ones;
- markup: Textual/Rich tags (``[b]…[/b]``), ``<tags>``, ``**``, code spans and URLs as in the source;
- /commands: a translation may name only commands that work (the English ones or this
  catalog's own translations of them);
- glossary: a Norwegian key term in the source ("vedtekter", "Brønnøysundregistrene") is kept;
- plurals: every form filled, as many as Plural-Forms says, and Plural-Forms agrees with CLDR for
  whole numbers (Babel's Arabic header does not, python-babel #816);
- no copy: a translation that is just the source text again (a way to fake coverage);
- the catalog can be read at all, and its Language header names its folder.

:func:`catalog_problems` is what ``veiviser check`` runs. Fuzzy and untranslated messages are not
problems here; ``veiviser i18n status`` counts them.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterable

from assistant import paths
from assistant.i18n.safeformat import FormatProblem, format_problem_with

PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")
MARKUP = re.compile(r"\[/?[a-z][a-z0-9 _.=#-]*\]|</?[A-Za-z][^<>]*>|\*\*|`[^`]+`|https?://[^\s)>\]]+")
NORWEGIAN = ("nb", "nn", "no")
COMMAND = re.compile(r"(?<![\w/.:])/[^\W\d_]{2,}(?![\w/])")


@dataclass(frozen=True)
class Problem:
    file: str
    where: str  # msgctxt and the start of msgid
    text: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.text}"


def _where(msg) -> str:
    mid = msg.id[0] if isinstance(msg.id, (list, tuple)) else msg.id
    short = mid if len(mid) <= 50 else mid[:47] + "…"
    line = f"line {msg.lineno}: " if getattr(msg, "lineno", None) else ""
    return line + (f"[{msg.context}] {short!r}" if msg.context else repr(short))


def _forms(msg) -> list[str]:
    if isinstance(msg.string, (list, tuple)):
        return list(msg.string)
    return [msg.string or ""]


def _is_translated(msg) -> bool:
    return bool(msg.id) and not msg.fuzzy and any(_forms(msg))


def message_problems(msg, *, nplurals: int, terms: Iterable[str] = (), commands: set[str] | frozenset[str] = frozenset(),
                     source_locale: bool = False) -> list[str]:
    """What is wrong with one translated message (a Babel Message or a PoMessage)."""
    out: list[str] = []
    ids = tuple(msg.id) if isinstance(msg.id, (list, tuple)) else (msg.id,)
    terms = terms if isinstance(terms, tuple) else tuple(terms)
    src = _source(ids, terms)
    forms = _forms(msg)
    source_ph = src.placeholders
    if len(ids) > 1:
        if len(forms) != nplurals:
            out.append(f"{len(forms)} plural forms, Plural-Forms says {nplurals}")
        if not all(forms):
            out.append("some plural forms are empty")
        last_needed = src.last_placeholders
        if forms and forms[-1] and not last_needed <= set(PLACEHOLDER.findall(forms[-1])):
            out.append(f"placeholders missing in the last plural form: "
                       f"{', '.join(sorted(last_needed - set(PLACEHOLDER.findall(forms[-1]))))}")
    for form in forms:
        if not form:
            continue
        broken = format_problem_with(form, src.allowed)  # what would fail or leak at run time
        if broken:
            out.append(broken)
        got = set(PLACEHOLDER.findall(form))
        if got - source_ph:
            out.append(f"placeholders not in the source: {', '.join(sorted(got - source_ph))}")
        if len(ids) == 1 and source_ph - got:
            out.append(f"placeholders missing: {', '.join(sorted(source_ph - got))}")
        got_markup = Counter(MARKUP.findall(form)) if (src.markup or _MAY_BE_MARKUP.search(form)) else Counter()
        if src.markup != got_markup:
            missing = src.markup - got_markup
            extra = got_markup - src.markup
            detail = "; ".join(x for x in (
                "missing " + ", ".join(sorted(missing)) if missing else "",
                "extra " + ", ".join(sorted(extra)) if extra else "") if x)
            out.append(f"markup differs from the source ({detail})")
        if src.ends != (form.startswith("\n"), form.endswith("\n")):
            out.append("the source and the translation differ in a leading or trailing line break")
        if commands and "/" in form:
            for cmd in COMMAND.findall(form):
                if cmd.lower() not in commands and cmd not in ids[0]:
                    out.append(f"{cmd} is not a command (commands: {', '.join(sorted(commands))})")
        if src.terms:
            low = form.casefold()
            for term, t in src.terms:
                if t not in low:
                    out.append(f"the Norwegian term {term!r} must stay in the translation")
    if not source_locale and len(ids) == 1 and forms[0] == ids[0] and src.words >= 2 \
            and ids[0].casefold() not in _folded_set(terms) \
            and not _norwegian_source(ids[0], msg.context):
        out.append("the translation is a copy of the source text")
    return out


# A form with none of these characters has no markup (MARKUP's every alternative starts with one)
_MAY_BE_MARKUP = re.compile(r"[\[<*`h]")


@dataclass(frozen=True)
class _Source:
    """What the checks need of a source text; the same for every locale's translation of it."""
    placeholders: set
    last_placeholders: set
    allowed: dict | FormatProblem  # the source's placeholders, or why it has none
    markup: Counter
    ends: tuple[bool, bool]
    terms: tuple
    words: int


@lru_cache(maxsize=8192)
def _source(ids: tuple[str, ...], terms: tuple[str, ...]) -> _Source:
    from assistant.i18n.safeformat import placeholders

    allowed: dict | FormatProblem
    try:
        allowed = placeholders(" ".join(ids))
    except FormatProblem as exc:
        allowed = exc
    return _Source(
        placeholders=set().union(*(PLACEHOLDER.findall(i) for i in ids)),
        last_placeholders=set(PLACEHOLDER.findall(ids[-1])),
        allowed=allowed,
        markup=Counter(MARKUP.findall(ids[-1] if len(ids) > 1 else ids[0])),
        ends=(ids[0].startswith("\n"), ids[0].endswith("\n")),
        terms=tuple(_terms_in(ids[0], terms)) if terms else (),
        words=_words(ids[0]) if len(ids) == 1 else 0,
    )


@lru_cache(maxsize=16)
def _folded_set(terms: tuple[str, ...]) -> frozenset[str]:
    return frozenset(t.casefold() for t in terms)


def _terms_in(source: str, terms: Iterable[str]) -> list[tuple[str, str]]:
    """The glossary terms (and their casefolded forms) that stand as whole words in a source
    text. A plain substring test first: the word-boundary regex runs only for the few terms that
    occur at all (it was one fresh regex per term per message form, most of ``check``'s time)."""
    low_src = source.casefold()
    return [(term, t) for term, t in _folded(tuple(terms))
            if t in low_src and _term_pattern(t).search(low_src)]


@lru_cache(maxsize=16)
def _folded(terms: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((term, term.casefold()) for term in terms)


@lru_cache(maxsize=1024)
def _term_pattern(folded: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")


def _norwegian_source(text: str, context: str | None) -> bool:
    """Source texts that are Norwegian on purpose (examples of answers that go into Norwegian
    documents, place names): keeping them as they are is right in every language."""
    if context and context.endswith("/example"):
        return True
    if any(c in text for c in "æøåÆØÅ"):
        return True
    from assistant.i18n.detect import is_norwegian

    return is_norwegian(text) is True


def _words(text: str) -> int:
    text = PLACEHOLDER.sub(" ", MARKUP.sub(" ", text))
    return sum(1 for w in text.split() if sum(c.isalpha() for c in w) >= 2)


def _commands(catalog) -> set[str]:
    """English /commands and this catalog's translations of them (lower case)."""
    out = set()
    for msg in catalog:
        if isinstance(msg.id, str) and re.fullmatch(r"/\w+", msg.id or ""):
            out.add(msg.id.lower())
            if msg.string and not msg.fuzzy:
                out.add(msg.string.strip().lower())
    return out


def check_po(path: Path, locale: str, terms: Iterable[str] = (), commands: set[str] | None = None,
             catalog=None) -> list[Problem]:
    """Every problem in one .po file (``catalog``: the file already read by :func:`_read_catalog`,
    so it is parsed once)."""
    from assistant.i18n.catalog import SOURCE_LOCALE
    from assistant.i18n.extract import header_fields
    from assistant.i18n.plurals import header_agrees_with_cldr

    rel = _rel(path)
    if catalog is None:
        catalog = _read_catalog(path)
    text, messages, problems = catalog
    if problems:
        return [Problem(rel, where, why) for where, why in problems]
    headers = header_fields(text)
    out = []
    lang = headers.get("Language", "")
    if lang and lang.replace("-", "_") != locale:
        out.append(Problem(rel, "header", f"Language is {lang!r}, the folder says {locale!r}"))
    plural_header = headers.get("Plural-Forms", "")
    nplurals = 2
    if plural_header:
        try:
            nplurals = int(plural_header.split("nplurals=", 1)[1].split(";")[0])
        except (IndexError, ValueError):
            out.append(Problem(rel, "header", f"cannot read Plural-Forms {plural_header!r}"))
        why = header_agrees_with_cldr(locale, plural_header)
        if why:
            out.append(Problem(rel, "header", f"Plural-Forms: {why}"))
    terms = tuple(terms)
    cmds = commands if commands is not None else _commands(messages)
    for msg in messages:
        if not _is_translated(msg):
            continue
        for text in message_problems(msg, nplurals=nplurals, terms=terms, commands=cmds,
                                     source_locale=locale == SOURCE_LOCALE):
            out.append(Problem(rel, _where(msg), text))
    return out


def _read_catalog(path: Path) -> tuple[str, list, list[tuple[str, str]]]:
    """A .po file's text, its messages and why it cannot be used ((where, why) pairs; then no
    messages). Plain files (all the shipped ones) go through :mod:`assistant.i18n.poread`;
    anything else through the strict line check and Babel, as before."""
    from assistant.i18n.catalog import lint_po
    from assistant.i18n.poread import NotPlain, read_plain_po

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return "", [], [("file", f"cannot be read: {exc}")]
    try:
        return text, read_plain_po(text), []
    except NotPlain:
        pass
    syntax = lint_po(text)
    if syntax:  # Babel would read such a file silently wrong; at run time it is not used
        return text, [], [(p.split(":", 1)[0], p.split(":", 1)[1].strip() + "; the whole file is not used")
                          for p in syntax]
    try:
        return text, list(_read(path)), []
    except Exception as exc:
        return text, [], [("file", f"cannot be read: {exc}")]


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def glossary_terms(content) -> list[str]:
    """The Norwegian key terms (Term.nb) of the content, longest first."""
    if content is None:
        return []
    terms = getattr(content, "terms", {}) or {}
    return sorted({t.nb for t in terms.values() if getattr(t, "nb", "")}, key=lambda t: (-len(t), t))


def check_catalogs(locales_dir: str | os.PathLike | None = None, content=None) -> list[Problem]:
    """Problems in every catalog of every locale (pseudo-locales are generated: skipped)."""
    directory = paths.locales_dir(locales_dir)
    terms = glossary_terms(content)
    out: list[Problem] = []
    if not directory.is_dir():
        return out
    for folder in sorted(p for p in directory.iterdir() if (p / "LC_MESSAGES").is_dir()):
        if folder.name.startswith("qps"):
            continue
        pos = sorted((folder / "LC_MESSAGES").glob("*.po"))
        code_po = folder / "LC_MESSAGES" / "veiviser.po"
        read: dict[Path, tuple] = {}  # veiviser.po is read at most once, and only if needed

        def catalog(po: Path, read=read):
            if po not in read:
                read[po] = _read_catalog(po)
            return read[po]

        commands = _code_commands(code_po, catalog) if code_po.exists() else None
        # A Norwegian translation uses the terms themselves, inflected ("vedtektene").
        kept = [] if folder.name.split("_")[0] in NORWEGIAN else terms
        for po in pos:
            out.extend(_checked(po, folder.name, kept, commands, catalog))
    return out


def _code_commands(code_po: Path, catalog) -> set[str] | None:
    """The commands of a locale (see :func:`_commands`), or None when its veiviser.po cannot be
    used; remembered per file (:mod:`assistant.i18n.check_cache`)."""
    from assistant.i18n import check_cache

    def compute() -> list:
        _, messages, problems = catalog(code_po)
        return ["unusable"] if problems else ["ok", *sorted(_commands(messages))]

    try:
        data = code_po.read_bytes()
    except OSError:
        data = None
    if data is None:
        value = compute()
    else:
        value = check_cache.remembered(code_po, "commands", check_cache.key("commands", data), compute)
    return None if value[0] != "ok" else set(value[1:])


def _checked(po: Path, locale: str, terms, commands: set[str] | None, catalog) -> list[Problem]:
    """:func:`check_po`, remembered until the file, its locale, the terms, the commands or the
    checking code change (:mod:`assistant.i18n.check_cache`)."""
    from assistant.i18n import check_cache

    shared = po.name == "veiviser.po"

    def compute() -> list:
        problems = check_po(po, locale, terms, commands, catalog=catalog(po) if shared else None)
        return [(p.where, p.text) for p in problems]

    try:
        data = po.read_bytes()
    except OSError:
        return check_po(po, locale, terms, commands)
    k = check_cache.key("problems", data, locale, terms, None if commands is None else sorted(commands))
    rel = _rel(po)
    return [Problem(rel, where, text) for where, text in check_cache.remembered(po, "problems", k, compute)]


def _read(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return read_po(fh, abort_invalid=True)


def catalog_problems(content=None, locales_dir: str | os.PathLike | None = None) -> list[str]:
    """For ``veiviser check``: every catalog problem, one line each."""
    return [str(p) for p in check_catalogs(locales_dir, content)]
