"""A commit whose outcome is unknown (the PostgreSQL connection broke inside COMMIT) says the
answer may be saved; plain mode then does not add "Your answer was not saved", and Enter sends
the same answer again, which is stored once."""

import io
from pathlib import Path

from assistant.content.loader import load_content
from assistant.i18n import get_translator
from assistant.plain import PlainUI
from assistant.store import Store
from assistant.store.errors import CommitUnknown, DiskFull

DEMO = Path(__file__).resolve().parent / "content"


class FlakyStore(Store):
    """Refuses the next save once with the given error, as a broken connection would."""

    fail_with: type | None = None

    def save_answer(self, *args, **kwargs):
        if self.fail_with is not None:
            error, self.fail_with = self.fail_with, None
            raise error("postgresql://veiviser@db/veiviser")
        return super().save_answer(*args, **kwargs)


def run_once(tmp_path: Path, error: type) -> tuple[str, dict]:
    content = load_content(DEMO)
    lines = iter(["", "Forening", ""])  # past the info step, the name (refused once), Enter: again
    with FlakyStore(tmp_path / str(error.__name__)) as store:
        sid = store.create_session("X")
        out = io.StringIO()

        def feed(_prompt):
            try:
                line = next(lines)
            except StopIteration:
                raise EOFError from None
            if line == "Forening":
                store.fail_with = error
            return line

        PlainUI(content, store, get_translator("en"), input_fn=feed, out=out).run(session_id=sid, flow_id="demo")
        return out.getvalue(), store.answers(sid)


def test_a_commit_that_may_have_happened_is_not_called_unsaved(tmp_path):
    text, answers = run_once(tmp_path, CommitUnknown)
    assert "It may have been saved, or not." in text, text
    assert "Your answer was not saved" not in text
    assert answers["org.name"] == "Forening"


def test_a_refused_write_is_still_called_unsaved(tmp_path):
    text, answers = run_once(tmp_path, DiskFull)
    assert "Your answer was not saved" in text, text
    assert answers["org.name"] == "Forening"
