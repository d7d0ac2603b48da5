"""Catalogs for the snapshot fixture flow in another language, made the way the nb and ar ones
were: the code catalog copied from locales/<lang>, and the fixture flow's content strings copied
from locales/<lang> where the English is the same. ti is kept under tests/tui/fixtures/locales;
a language whose catalog is on another branch (ur) is made at test time when locales/<lang>
exists (tests/tui/test_snapshots.py skips it otherwise)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_LOCALES = Path(__file__).resolve().parent / "fixtures" / "locales"


def make_fixture_catalogs(lang: str, target: Path, source: Path = ROOT / "locales") -> None:
    """Write target/<lang>/LC_MESSAGES/{veiviser,content}.po from source/<lang>."""
    from babel.messages.pofile import read_po

    out = target / lang / "LC_MESSAGES"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / lang / "LC_MESSAGES" / "veiviser.po", out / "veiviser.po")
    with (source / lang / "LC_MESSAGES" / "content.po").open("rb") as fh:
        real = read_po(fh)
    with (FIXTURE_LOCALES / "ar" / "LC_MESSAGES" / "content.po").open("rb") as fh:
        wanted = read_po(fh)  # the fixture flow's strings (every one has an Arabic entry)
    by_id = {m.id: m.string for m in real if isinstance(m.id, str) and m.id and m.string
             and not m.fuzzy}
    lines = [f"# {lang} for the snapshot fixture flow: copied from locales/{lang} where the English "
             "is the same.", 'msgid ""', 'msgstr ""', f'"Language: {lang}\\n"',
             f'"Plural-Forms: nplurals={real.num_plurals}; plural={real.plural_expr};\\n"',
             '"X-Reviewed: no\\n"', '"Content-Type: text/plain; charset=utf-8\\n"', ""]
    for m in wanted:
        if isinstance(m.id, str) and m.id in by_id:
            lines += [f"msgctxt {_quote(m.context)}", f"msgid {_quote(m.id)}",
                      f"msgstr {_quote(by_id[m.id])}", ""]
    (out / "content.po").write_text("\n".join(lines), encoding="utf-8")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def fixture_locales_with(lang: str, target: Path) -> Path:
    """A copy of the fixture catalogs with ``lang`` added from locales/ (for the ur snapshots)."""
    shutil.copytree(FIXTURE_LOCALES, target, dirs_exist_ok=True)
    make_fixture_catalogs(lang, target)
    return target


if __name__ == "__main__":  # python -m tests.tui.fixture_catalogs ti
    import sys

    for code in sys.argv[1:]:
        make_fixture_catalogs(code, FIXTURE_LOCALES)
