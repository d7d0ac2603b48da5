"""Parsed catalogs are cached so start-up is quick; an edited .po is read again at once."""

import os

from assistant.i18n.catalog import get_translator

PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Yes"
msgstr "{word}"
'''


def test_edit_the_po_run_see(tmp_path, monkeypatch):
    monkeypatch.setenv("VEIVISER_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "locales" / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "veiviser.po"
    po.write_text(PO.format(word="Ja"), encoding="utf-8")
    assert get_translator("xx", tmp_path / "locales").gettext("Yes") == "Ja"
    assert list((tmp_path / "cache").glob("po-*.marshal"))  # cached for the next start
    po.write_text(PO.format(word="Jaa"), encoding="utf-8")  # a translator edits the file
    os.utime(po, ns=(po.stat().st_atime_ns, po.stat().st_mtime_ns + 10**9))
    assert get_translator("xx", tmp_path / "locales").gettext("Yes") == "Jaa"


def test_a_damaged_cache_file_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("VEIVISER_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "locales" / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "veiviser.po").write_text(PO.format(word="Ja"), encoding="utf-8")
    get_translator("xx", tmp_path / "locales")
    for cached in (tmp_path / "cache").glob("po-*.marshal"):
        cached.write_bytes(b"\x00garbage")
    get_translator.__globals__["_cached_catalog"].cache_clear()
    assert get_translator("xx", tmp_path / "locales").gettext("Yes") == "Ja"


def test_the_other_domains_are_read_on_the_first_text_not_found(tmp_path, monkeypatch):
    monkeypatch.setenv("VEIVISER_CACHE_DIR", "off")
    folder = tmp_path / "locales" / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "veiviser.po").write_text(PO.format(word="Ja"), encoding="utf-8")
    content = PO.replace('msgid "Yes"', 'msgctxt "founding/name/prompt"\nmsgid "Name?"')
    (folder / "content.po").write_text(content.format(word="Navn?"), encoding="utf-8")
    t = get_translator("xx", tmp_path / "locales")
    (catalog,) = t.catalogs
    assert [p.name for p in catalog.files] == ["veiviser.po"]  # the first screen needs only this
    assert t.gettext("Yes") == "Ja"
    assert [p.name for p in catalog.files] == ["veiviser.po"]
    assert t.pgettext("founding/name/prompt", "Name?") == "Navn?"
    assert sorted(p.name for p in catalog.files) == ["content.po", "veiviser.po"]


def test_problems_in_a_file_not_yet_read_are_still_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("VEIVISER_CACHE_DIR", "off")
    folder = tmp_path / "locales" / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "veiviser.po").write_text(PO.format(word="Ja"), encoding="utf-8")
    (folder / "grants.po").write_text('msgid "broken\n', encoding="utf-8")
    t = get_translator("xx", tmp_path / "locales")
    assert any("grants.po" in p for p in t.problems)
    assert t.gettext("Yes") == "Ja"
