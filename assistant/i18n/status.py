"""``veiviser i18n status``: how far each language has come.

Counts are against the templates (``locales/templates/*.pot``), so a catalog that has not been
updated since the code or content changed shows the gap. A message counts as translated only
when it is not fuzzy and every plural form is filled. A locale with a region (fa_AF) that falls
back to its language (fa) shows its own count and the count with the fallback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from assistant import paths


@dataclass
class DomainCount:
    total: int = 0
    translated: int = 0
    fuzzy: int = 0

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy


@dataclass
class LocaleStatus:
    locale: str
    name: str
    reviewed: bool
    source: bool = False
    domains: dict[str, DomainCount] = field(default_factory=dict)
    fallback: str | None = None
    with_fallback: int | None = None  # translated here or in the fallback

    @property
    def total(self) -> int:
        return sum(d.total for d in self.domains.values())

    @property
    def translated(self) -> int:
        return sum(d.translated for d in self.domains.values())

    @property
    def fuzzy(self) -> int:
        return sum(d.fuzzy for d in self.domains.values())

    @property
    def untranslated(self) -> int:
        return sum(d.untranslated for d in self.domains.values())

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def _key(msg):
    return (msg.context, msg.id[0] if isinstance(msg.id, (list, tuple)) else msg.id)


def _done(msg) -> bool:
    forms = list(msg.string) if isinstance(msg.string, (list, tuple)) else [msg.string]
    return not msg.fuzzy and all(forms) and bool(forms)


def _read(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        return read_po(fh)


def templates(directory: Path, domains=None) -> dict[str, set]:
    out = {}
    for pot in sorted((directory / "templates").glob("*.pot")):
        if domains and pot.stem not in domains:
            continue
        out[pot.stem] = {_key(m) for m in _read(pot) if m.id}
    return out


def _translated_keys(directory: Path, locale: str, domain: str) -> tuple[set, set]:
    """(translated keys, fuzzy keys) of one catalog; empty when it does not exist."""
    path = directory / locale / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return set(), set()
    done, fuzzy = set(), set()
    for m in _read(path):
        if not m.id:
            continue
        if _done(m):
            done.add(_key(m))
        elif m.fuzzy:
            fuzzy.add(_key(m))
    return done, fuzzy


def locale_status(locales_dir: str | os.PathLike | None = None, domains=None) -> list[LocaleStatus]:
    from assistant.i18n.catalog import SOURCE_LOCALE, get_translator
    from assistant.i18n.extract import locales_present
    from assistant.i18n.format import language_name

    directory = paths.locales_dir(locales_dir)
    tmpl = templates(directory, domains)
    out = []
    for loc in sorted(set(locales_present(directory)) | {SOURCE_LOCALE}):
        if loc.startswith("qps"):
            continue
        t = get_translator(loc, directory)
        st = LocaleStatus(loc, language_name(loc), reviewed=t.reviewed, source=loc == SOURCE_LOCALE)
        fallback = loc.split("_")[0] if "_" in loc and (directory / loc.split("_")[0]).is_dir() else None
        with_fb = 0
        for domain, keys in tmpl.items():
            if st.source:
                st.domains[domain] = DomainCount(len(keys), len(keys), 0)
                continue
            done, fuzzy = _translated_keys(directory, loc, domain)
            count = DomainCount(len(keys), len(keys & done), len(keys & (fuzzy - done)))
            st.domains[domain] = count
            if fallback:
                fb_done, _ = _translated_keys(directory, fallback, domain)
                with_fb += len(keys & (done | fb_done))
        if fallback:
            st.fallback, st.with_fallback = fallback, with_fb
        out.append(st)
    return out


def format_table(rows: list[LocaleStatus]) -> str:
    domains = list(rows[0].domains) if rows else []
    head = (f"{'locale':<7} {'language':<16} {'translated':>17} {'untransl.':>9} {'fuzzy':>5}  "
            f"{'reviewed':<8}  " + "  ".join(f"{d:>8}" for d in domains))
    lines = [head, "-" * len(head)]
    for r in rows:
        share = f"{r.percent:5.1f}% {r.translated:>4}/{r.total:<4}"
        reviewed = "source" if r.source else ("yes" if r.reviewed else "no")
        per = "  ".join(f"{(100.0 * c.translated / c.total if c.total else 100.0):7.0f}%"
                        for c in r.domains.values())
        lines.append(f"{r.locale:<7} {_fit(r.name, 16)} {share:>17} {r.untranslated:>9} {r.fuzzy:>5}  "
                     f"{reviewed:<8}  {per}")
        if r.fallback and r.with_fallback is not None and r.total:
            lines.append(f"{'':<7} {'':<16} {100.0 * r.with_fallback / r.total:5.1f}% with the "
                         f"fallback to {r.fallback} ({r.with_fallback}/{r.total})")
    return "\n".join(lines)


def _fit(text: str, width: int) -> str:
    from assistant.i18n.bidi import cell_width

    while cell_width(text) > width:
        text = text[:-1]
    return text + " " * (width - cell_width(text))
