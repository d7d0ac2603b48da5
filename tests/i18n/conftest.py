"""Fixtures for the translation tests: write small .po catalogs, find the UDHR test texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import paths

UDHR = next((p for p in (paths.ROOT.parent / "shared" / "testdata" / "udhr",
                         Path("/work/shared/testdata/udhr")) if p.is_dir()), None)


def po_text(locale: str, entries, headers: dict[str, str] | None = None) -> str:
    """A .po file. entries: (msgid, msgstr) or (msgctxt, msgid, msgstr) or
    (msgid, msgid_plural, [forms]); msgstr None means fuzzy-free empty."""
    head = {"Content-Type": "text/plain; charset=UTF-8", "Language": locale,
            "Plural-Forms": "nplurals=2; plural=(n != 1);", **(headers or {})}
    out = ['msgid ""', 'msgstr ""'] + [f'"{k}: {v}\\n"' for k, v in head.items()] + [""]
    for e in entries:
        flags = ""
        if isinstance(e, dict):
            flags, e = e.get("flags", ""), e["entry"]
        if flags:
            out.append(f"#, {flags}")
        if len(e) == 3 and isinstance(e[2], list):
            out += [f'msgid "{e[0]}"', f'msgid_plural "{e[1]}"']
            out += [f'msgstr[{i}] "{f}"' for i, f in enumerate(e[2])]
        elif len(e) == 3:
            out += [f'msgctxt "{e[0]}"', f'msgid "{e[1]}"', f'msgstr "{e[2]}"']
        else:
            out += [f'msgid "{e[0]}"', f'msgstr "{e[1]}"']
        out.append("")
    return "\n".join(out)


@pytest.fixture
def write_po():
    def write(directory: Path, locale: str, entries, domain: str = "veiviser", headers=None) -> Path:
        path = directory / locale / "LC_MESSAGES" / f"{domain}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(po_text(locale, entries, headers), encoding="utf-8")
        return path

    return write


@pytest.fixture
def udhr() -> Path:
    if UDHR is None:
        pytest.skip("shared/testdata/udhr is not here")
    return UDHR
