"""The rest of the store's API, on SQLite and on PostgreSQL alike: progress, settings, locale,
the record of documents, coordinator comments and the web's resume codes, and deleting an
organisation removes every row of it on both engines."""

import pytest

from assistant.store.comments import Comments, answer_target
from assistant.store.web import add_code, session_for_code
from tests.core.test_store import open_store  # noqa: F401  (the fixture: each engine)
from tests.pg import pg_url  # noqa: F401

TABLES = ("answers", "history", "flow_state", "comments", "documents", "web_codes")


def rows_of(store, sid: int) -> dict[str, int]:
    return {t: int(store._rows(f"SELECT COUNT(*) AS n FROM {t} WHERE session_id = ?", (sid,))[0]["n"])
            for t in TABLES}


def test_progress_settings_and_locale(open_store):  # noqa: F811
    with open_store() as store:
        sid = store.create_session("Tamilsk kultursenter", "ta")
        store.save_flow_state(sid, "founding", {"b", "a"}, "org.name", "review")
        store.save_flow_state(sid, "founding", {"a", "b", "c"}, None, None)  # the second write wins
        store.save_flow_state(sid, "bylaws", ["x"], None, None)
        store.set_current_flow(sid, "founding")
        store.set_settings(sid, {"rtl": "off", "tall": 3})
        store.set_locale(sid, "nb")
    with open_store() as store:  # read back through a new connection
        assert store.flow_state(sid, "founding") == (["a", "b", "c"], None, None)
        assert store.flow_state(sid, "grant_report") == ([], None, None)
        assert store.flow_states(sid) == {"founding": ["a", "b", "c"], "bylaws": ["x"]}
        info = store.session(sid)
        assert (info.current_flow, info.settings, info.locale) == ("founding", {"rtl": "off", "tall": 3}, "nb")


def test_documents_record_and_comments(open_store):  # noqa: F811
    with open_store() as store:
        sid = store.create_session("Eritreisk ungdomsklubb")
        store.record_document(sid, "vedtekter", "bylaws", {"org.name": "Klubben"})
        store.record_document(sid, "vedtekter", "bylaws", {"org.name": "Klubben Bergen"})
        comments = Comments(store)
        first = comments.add(sid, answer_target("org.purpose"), "Kari", "Skriv kortere <b>&</b>")
        comments.add(sid, answer_target("org.name"), "Kari", "Fint")
        comments.mark_done(first)
        with pytest.raises(KeyError):
            comments.mark_done(10_000)
    with open_store() as store:
        assert store.documents(sid) == {"vedtekter": ("bylaws", {"org.name": "Klubben Bergen"})}
        listed = Comments(store).list(sid)
        assert [(c.text, c.is_done) for c in listed] == [("Skriv kortere <b>&</b>", True), ("Fint", False)]
        assert Comments(store).open_count(sid) == 1
        assert [c.text for c in Comments(store).list(sid, open_only=True)] == ["Fint"]


def test_resume_codes_and_delete_removes_every_row(open_store):  # noqa: F811
    with open_store() as store:
        sid = store.create_session("Ukrainsk foreldregruppe")
        other = store.create_session("Somalisk kvinnenettverk")
        store.save_answer(sid, "org.name", "Ukrainsk foreldregruppe")
        store.save_flow_state(sid, "founding", ["org.name"], None, None)
        store.record_document(sid, "vedtekter", "bylaws", {})
        Comments(store).add(sid, answer_target("org.name"), "Kari", "Ok")
        assert add_code(store, sid, "sol hus bok", hashed="h1")
        assert not add_code(store, other, "sol hus bok", hashed="h1")  # taken: nothing saved
        assert session_for_code(store, "sol hus bok", hashed="h1") == sid
        assert all(rows_of(store, sid)[t] >= 1 for t in TABLES), rows_of(store, sid)
        store.delete_session(sid)
        assert rows_of(store, sid) == dict.fromkeys(TABLES, 0)
        assert session_for_code(store, "sol hus bok", hashed="h1") is None
        assert [s.id for s in store.sessions()] == [other]
