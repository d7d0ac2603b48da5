"""``check``'s own .po reader gives what Babel's gives, on every shipped catalog, and hands every
file it is not sure about back to Babel and the strict line check."""

from __future__ import annotations

import io

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
