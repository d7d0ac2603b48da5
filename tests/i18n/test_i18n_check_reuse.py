"""``i18n check`` reads each catalog once and remembers only what cannot change (CLDR's rules,
the compiled term patterns): a catalog edited between two checks is checked as it now is."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.i18n import check
from assistant.i18n.check import check_catalogs
from assistant.i18n.plurals import plural_forms_header

PL = {"Plural-Forms": plural_forms_header("pl")}

CONTENT = SimpleNamespace(terms={"bylaws": SimpleNamespace(nb="vedtekter"),
                                 "register": SimpleNamespace(nb="Frivillighetsregisteret")})


def test_an_edited_catalog_is_checked_as_it_now_is(tmp_path, write_po):
    write_po(tmp_path, "pl", [("Bylaws (vedtekter)", "Statut (vedtekter)")], headers=PL)
    assert check_catalogs(tmp_path, CONTENT) == []
    write_po(tmp_path, "pl", [("Bylaws (vedtekter)", "Statut")], headers=PL)
    texts = [p.text for p in check_catalogs(tmp_path, CONTENT)]
    assert texts == ["the Norwegian term 'vedtekter' must stay in the translation"]
    write_po(tmp_path, "pl", [("Bylaws (vedtekter)", "Statut (vedtekter)")], headers=PL)
    assert check_catalogs(tmp_path, CONTENT) == []


def test_other_glossaries_are_not_mixed_up(tmp_path, write_po):
    write_po(tmp_path, "pl", [("Bylaws (vedtekter)", "Statut"), ("The Frivillighetsregisteret", "Rejestr")], headers=PL)
    first = sorted(p.text for p in check_catalogs(tmp_path, CONTENT))
    assert len(first) == 2
    only_register = SimpleNamespace(terms={"register": SimpleNamespace(nb="Frivillighetsregisteret")})
    assert [p.text for p in check_catalogs(tmp_path, only_register)] == [
        "the Norwegian term 'Frivillighetsregisteret' must stay in the translation"]


def test_a_term_inside_a_longer_word_is_not_required(tmp_path, write_po):
    write_po(tmp_path, "pl", [("Read the vedtektene", "Przeczytaj statut")], headers=PL)
    assert check_catalogs(tmp_path, CONTENT) == []


def test_the_code_catalog_is_read_once_and_still_gives_the_commands(tmp_path, write_po, monkeypatch):
    write_po(tmp_path, "pl", [("/help", "/pomoc"), ("Type /help", "Napisz /pomoc")], headers=PL)
    write_po(tmp_path, "pl", [("ctx", "Type /help for help", "Napisz /pomocy")], domain="content", headers=PL)
    reads = []
    real = check._read_catalog
    monkeypatch.setattr(check, "_read_catalog", lambda path: reads.append(path.name) or real(path))
    texts = [p.text for p in check_catalogs(tmp_path)]
    assert sorted(reads) == ["content.po", "veiviser.po"]
    assert any("/pomocy is not a command" in t for t in texts), texts
    assert not any("/pomoc " in t for t in texts)


def test_an_unreadable_code_catalog_is_reported(tmp_path):
    po = tmp_path / "pl" / "LC_MESSAGES" / "veiviser.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "a"\nbogus\n', encoding="utf-8")
    texts = [p.text for p in check_catalogs(tmp_path)]
    # the syntax check finds it first, with its line; the file is then not used at all
    assert any(t.startswith("cannot be read") or t.endswith("the whole file is not used") for t in texts), texts


def test_a_second_check_gives_the_same_problems_without_reading_the_catalogs(tmp_path, write_po, monkeypatch):
    monkeypatch.setenv("VEIVISER_CACHE_DIR", str(tmp_path / "cache"))
    write_po(tmp_path, "pl", [("/help", "/pomoc"), ("Bylaws (vedtekter)", "Statut")], headers=PL)
    write_po(tmp_path, "pl", [("ctx", "Type /help for {name}", "Napisz /pomocy")], domain="content", headers=PL)
    first = check_catalogs(tmp_path, CONTENT)
    assert len(first) == 3, first
    reads = []
    real = check._read_catalog
    monkeypatch.setattr(check, "_read_catalog", lambda path: reads.append(path.name) or real(path))
    assert check_catalogs(tmp_path, CONTENT) == first
    assert reads == []
    # the code catalog edited: its commands change, so the content catalog is checked again too
    write_po(tmp_path, "pl", [("/help", "/pomocy"), ("Bylaws (vedtekter)", "Statut")], headers=PL)
    texts = [p.text for p in check_catalogs(tmp_path, CONTENT)]
    assert sorted(reads) == ["content.po", "veiviser.po"]
    assert not any("is not a command" in t for t in texts), texts
    assert "placeholders missing: {name}" in texts


def test_a_spoiled_cache_file_is_not_believed(tmp_path, write_po, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("VEIVISER_CACHE_DIR", str(cache))
    write_po(tmp_path, "pl", [("Bylaws (vedtekter)", "Statut")], headers=PL)
    first = check_catalogs(tmp_path, CONTENT)
    assert len(first) == 1
    files = sorted(cache.glob("check-*.marshal"))
    assert files
    for f in files:
        f.write_bytes(b"\x00not marshal")
    assert check_catalogs(tmp_path, CONTENT) == first
    for f in files:  # a well-formed entry under another key (another file's result) is not used
        f.write_bytes(__import__("marshal").dumps((b"other key", [("line 1", "made up")])))
    assert check_catalogs(tmp_path, CONTENT) == first
