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
