"""``check``'s own .po reader gives what Babel's gives, on every shipped catalog, and hands every
file it is not sure about back to Babel and the strict line check."""

from __future__ import annotations

import io
import re

import pytest
from babel.messages.pofile import read_po

from assistant import paths
from assistant.i18n import check
from assistant.i18n.poread import NotPlain, read_plain_po

SHIPPED = sorted(paths.locales_dir(None).glob("*/LC_MESSAGES/*.po"))
HEADER = 'msgid ""\nmsgstr ""\n"Language: pl\\n"\n"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : 1);\\n"\n\n'


def _babel(text: str) -> list[tuple]:
    catalog = read_po(io.BytesIO(text.encode("utf-8")), abort_invalid=True)
    return [(m.id, m.string, m.context, m.fuzzy, m.lineno) for m in catalog if m.id]


def _ours(text: str) -> list[tuple]:
    return [(m.id, m.string, m.context, m.fuzzy, m.lineno) for m in read_plain_po(text)]


def test_there_are_catalogs_to_compare():
    assert len(SHIPPED) >= 30


@pytest.mark.parametrize("po", SHIPPED, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_shipped_catalog_reads_as_babel_reads_it(po):
    text = po.read_text(encoding="utf-8")
    ours = _ours(text)  # a shipped catalog is plain: no fallback
    assert ours == _babel(text)
    assert len(ours) > 50


def test_contexts_plurals_escapes_flags_and_obsolete_entries():
    text = HEADER + (
        '#: a.py:1\n#, fuzzy, python-format\nmsgctxt "flow/q"\nmsgid "One"\nmsgstr "Jeden"\n\n'
        'msgctxt ""\n"multi "\n"line"\nmsgid ""\n"Say \\"hi\\"\\n"\n"\\tthen\\\\ go"\nmsgstr ""\n"Powiedz\\n"\n\n'
        'msgid "{count} file"\nmsgid_plural "{count} files"\nmsgstr[0] "{count} plik"\nmsgstr[2] "{count} plików"\n\n'
        '#~ msgid "old"\n#~ msgstr "stary"\n\n'
        '#~ msgctxt "x"\n#~ msgid "older"\n#~ msgstr ""\n#~ "najstarszy"\n\n'
        '# a comment\nmsgid "last"\nmsgstr "ostatni"\n')
    ours = _ours(text)
    assert ours == _babel(text)
    assert [m[0] for m in ours] == ["One", 'Say "hi"\n\tthen\\ go', ("{count} file", "{count} files"), "last"]
    assert ours[0][3] is True and ours[1][2] == "multi line"
    assert ours[2][1] == ("{count} plik", "", "{count} plików")  # padded to nplurals=3


@pytest.mark.parametrize("body", [
    'msgid\t"tab"\nmsgstr "x"\n',                     # the strict check takes it, Babel does not
    'msgid "a" "b"\nmsgstr "x"\n',                    # two strings on a line
    'msgid "a"\nmsgstr "x\\"\n',                     # not closed
    'msgid "a"\nbogus\n',                             # not a .po line
    'msgid "a"\n',                                    # no msgstr
    'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n',  # the same message twice
    'msgid "a"\nmsgid_plural "as"\nmsgstr[5] "x"\n',  # more forms than nplurals
    '#-#-#-#-# conflict\nmsgid "a"\nmsgstr "x"\n',     # a merge conflict
    'msgid "a"\r\nmsgstr "x"\r\n',                    # line ends Babel and the line check split otherwise
    'msgid "a\u2028b"\nmsgstr "x"\n',
    'msgid "a" \u00a0\nmsgstr "x"\n',                 # white space only one of them strips
])
def test_anything_unusual_goes_back_to_babel(body):
    with pytest.raises(NotPlain):
        read_plain_po(HEADER + body)


def test_a_header_without_plural_forms_or_in_another_charset_goes_back_to_babel():
    with pytest.raises(NotPlain):
        read_plain_po('msgid ""\nmsgstr "Language: ar\\n"\n\nmsgid "a"\nmsgstr "b"\n')
    with pytest.raises(NotPlain):
        read_plain_po(HEADER.replace('"Language: pl\\n"', '"Content-Type: text/plain; charset=latin-1\\n"')
                      + 'msgid "a"\nmsgstr "b"\n')


def test_check_reports_what_babel_and_the_line_check_report_for_such_files(tmp_path):
    folder = tmp_path / "pl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "content.po"
    po.write_text(HEADER + 'msgid "a"\nmsgstr "x\\"\n', encoding="utf-8")
    assert [(p.where, p.text) for p in check.check_catalogs(tmp_path)] == [
        ("line 7", "the quoted text is not closed correctly; the whole file is not used")]
    po.write_text(HEADER + 'msgid "Open the {file}"\u00a0\nmsgstr "Otwórz"\n', encoding="utf-8")
    with pytest.raises(NotPlain):
        read_plain_po(po.read_text(encoding="utf-8"))
    assert "placeholders missing: {file}" in [p.text for p in check.check_catalogs(tmp_path)]


def _spoil(text: str) -> str:
    """Every fifth translation swapped for the one before and every seventh a copy of its
    source: a catalog with many problems of several kinds."""
    blocks = text.split("\n\n")
    out, previous = [blocks[0]], None
    for n, b in enumerate(blocks[1:]):
        m = re.search(r'(?m)^msgstr "(.+)"$', b)
        if m and n % 5 == 0 and previous:
            b = b.replace(m.group(0), f'msgstr "{previous}"')
        elif m and n % 7 == 0:
            src = re.search(r'(?m)^msgid "(.+)"$', b)
            b = b.replace(m.group(0), f'msgstr "{src.group(1)}"') if src else b
        previous = m.group(1) if m else previous
        out.append(b)
    return "\n\n".join(out)


@pytest.mark.parametrize("locale", ["pl", "ar"])
def test_check_finds_the_same_problems_through_either_reader(tmp_path, monkeypatch, locale):
    from assistant.content.loader import load_content

    for po in SHIPPED:
        if po.parent.parent.name == locale:
            target = tmp_path / locale / "LC_MESSAGES" / po.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_spoil(po.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setenv("VEIVISER_CACHE_DIR", "off")  # both readers must really run
    content = load_content(check=False)
    plain = [str(p) for p in check.check_catalogs(tmp_path, content)]

    def refuse(text):
        raise NotPlain("as if")

    monkeypatch.setattr("assistant.i18n.poread.read_plain_po", refuse)
    check._source.cache_clear()
    through_babel = [str(p) for p in check.check_catalogs(tmp_path, content)]
    assert len(plain) > 100
    assert plain == through_babel
