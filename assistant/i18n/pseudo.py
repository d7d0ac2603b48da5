"""Pseudo-locales for finding layout and extraction bugs, generated from the templates.

- ``qps``: every letter accented and the text about 40 % longer, inside ⟦ ⟧, so cut-off text,
  fixed widths and untranslatable strings (anything on screen in plain ASCII) stand out.
- ``qps_RTL``: right-to-left. Each word is shown mirrored (inside RIGHT-TO-LEFT OVERRIDE) in a
  right-to-left paragraph, so the text runs from the right, yet stays readable; use it with
  ``--rtl app`` (the default for it on a terminal) to check alignment and wrapping.

They are never written into ``locales/``: :func:`get_translator` builds them in memory from
``locales/templates/*.pot`` when ``--locale qps`` or ``--locale qps_RTL`` is asked for, and
``veiviser i18n pseudo --out DIR`` writes them as .po files to look at. Placeholders
(``{name}``), markup (``[b]``, ``**``, ``<tag>``), URLs and /commands are left as they are.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

PSEUDO_LOCALES = {"qps": "ltr", "qps_RTL": "rtl"}
EXPANSION = 1.4

_ACCENTS = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"))
# Kept as they are: placeholders, markup tags, URLs, e-mail addresses, /commands, --options.
_KEEP = re.compile(r"\{[^{}]*\}|\[/?[a-z][^\]]*\]|<[^<>]+>|https?://\S+|\S+@\S+|(?<!\w)/\w+|--[\w-]+|\*\*|`[^`]*`")
RLM, RLO, PDF = "\u200f", "\u202e", "\u202c"


def _pieces(text: str):
    """(kept?, piece) in order."""
    pos = 0
    for m in _KEEP.finditer(text):
        if m.start() > pos:
            yield False, text[pos:m.start()]
        yield True, m.group(0)
        pos = m.end()
    if pos < len(text):
        yield False, text[pos:]


def accented(text: str) -> str:
    """⟦Ŵéļçöɱé ţö Ṽéîṽîšéŕ ·····⟧: accented, about 40 % longer, leading/trailing spaces kept."""
    if not text.strip():
        return text
    body = text.strip()
    lead, tail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    out = "".join(p if keep else "".join(_ACCENTS.get(c, c) for c in p) for keep, p in _pieces(body))
    pad = max(0, math.ceil(len(body) * EXPANSION) - len(body) - 2)
    return f"{lead}⟦{out}{' ' + '·' * (pad - 1) if pad > 1 else ''}⟧{tail}"


def mirrored(text: str) -> str:
    """Each word (not placeholders) inside RLO…PDF, the whole in a right-to-left paragraph."""
    if not text.strip():
        return text
    out = []
    for keep, p in _pieces(text):
        if keep:
            out.append(p)
        else:
            out.append(re.sub(r"[^\W\d_]+", lambda m: RLO + m.group(0) + PDF, p))
    return RLM + "".join(out)


def pseudo_text(text: str, locale: str) -> str:
    return mirrored(text) if PSEUDO_LOCALES.get(locale) == "rtl" else accented(text)


def pseudo_po(template, locale: str):
    """A Babel catalog for ``locale`` with every message of ``template`` pseudo-translated."""
    from babel.messages.catalog import Catalog

    cat = Catalog(locale=None, project="veiviser", version="0.1", charset="utf-8", fuzzy=False)
    for msg in template:
        if not msg.id:
            continue
        if isinstance(msg.id, (list, tuple)):
            forms = (pseudo_text(msg.id[0], locale), pseudo_text(msg.id[1], locale))
            cat.add(msg.id, forms, context=msg.context, flags=msg.flags)
        else:
            cat.add(msg.id, pseudo_text(msg.id, locale), context=msg.context, flags=msg.flags)
    return cat


def pseudo_catalog(locale: str, directory: Path):
    """The pseudo-locale as a :class:`assistant.i18n.catalog.Catalog`, built from the templates."""
    from babel.messages.pofile import read_po

    from assistant.i18n.catalog import Catalog

    cat = Catalog(locale)
    cat.headers.update({"X-Reviewed": "yes", "Language": locale})
    for pot in sorted((directory / "templates").glob("*.pot")):
        cat.files.append(pot)
        try:
            with pot.open("rb") as fh:
                template = read_po(fh)
        except Exception as exc:
            cat.problems.append(f"{pot}: cannot read ({exc})")
            continue
        for msg in template:
            if not msg.id:
                continue
            if isinstance(msg.id, (list, tuple)):
                cat.messages[(msg.context, msg.id[0])] = (pseudo_text(msg.id[0], locale),
                                                          pseudo_text(msg.id[1], locale))
            else:
                cat.messages[(msg.context, msg.id)] = pseudo_text(msg.id, locale)
    return cat


def write_pseudo(directory: Path, out: Path, locales=tuple(PSEUDO_LOCALES)) -> list[Path]:
    """Write the pseudo-locales as .po files under ``out/<locale>/LC_MESSAGES/``."""
    from babel.messages.pofile import read_po

    from assistant.i18n.extract import set_header, write_catalog

    written = []
    for pot in sorted((directory / "templates").glob("*.pot")):
        with pot.open("rb") as fh:
            template = read_po(fh)
        for loc in locales:
            path = out / loc / "LC_MESSAGES" / f"{pot.stem}.po"
            write_catalog(pseudo_po(template, loc), path, omit_header=False)
            set_header(path, {"Language": loc, "Plural-Forms": "nplurals=2; plural=(n != 1);",
                              "X-Reviewed": "yes", "X-Generated": "veiviser i18n pseudo"})
            written.append(path)
    return written
