"""The hostile corpus through plain mode: in process over every field of every flow (payloads
rotated, as in test_hostile_run), and through a real pipe (``veiviser --plain`` in a
subprocess) with payloads typed and with an old database that already holds them.

Plain mode must never crash, never write a control character (ESC, BEL, C1) to its output, and
/show and /review must show stored hostile answers as text.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from assistant.content.loader import load_content
from assistant.content.models import DocumentStep, QuestionStep, QuestionType as T
from assistant.engine.validate import Invalid
from assistant.i18n import get_translator
from assistant.plain import PlainUI
from assistant.store import Store

from tests.hostile.corpus import PAYLOADS, ROOT, TODAY, example, hostile_fields, leaks, rotation

CONTENT = load_content()
FIELDS = hostile_fields(CONTENT)
SLOTS = rotation(len(FIELDS), 1)
FALLBACK = {T.text: "Hjelpe folk i byen", T.longtext: "Hjelpe folk i byen.", T.integer: "12", T.money: "100",
            T.date: "2026-03-01", T.email: "a@b.no", T.phone: "91234567", T.orgnr: "974760673",
            T.account: "12345678903"}


def _people_lines(step, people) -> list[str]:
    roles = [r.code for r in step.roles]
    lines: list[str] = []
    for p in people:
        lines.append(p["name"].split("\n")[0])
        if len(roles) > 1:
            lines.append(str(roles.index(p["role"]) + 1) if p["role"] in roles else "1")
    return lines + [""]


def valid_lines(step: QuestionStep, answers: dict) -> list[str]:
    value = answers.get(step.key)
    if value is None:
        value = step.default
    if value is None and not step.validation.required:
        return [""]
    if step.type is T.people:
        return _people_lines(step, value or [{"name": "Amina Ali", "role": (step.roles[0].code if step.roles else "chair")}])
    if step.type is T.longtext:
        return [x for x in str(value or FALLBACK[T.longtext]).split("\n") if x.strip()] + [""]
    if step.type is T.yesno:
        return ["1" if value else "2"]
    if step.type is T.multichoice:
        return [",".join(value or [step.choices[0].code])]
    if step.type is T.choice:
        return [str(value or step.choices[0].code)]
    return [str(value if value is not None else FALLBACK[step.type])]


def hostile_lines(step: QuestionStep, answers: dict, payload: str) -> list[str]:
    """What a user pastes, line by line as a pipe delivers it."""
    if step.type is T.people:
        people = list(answers.get(step.key) or [{"name": "x", "role": step.roles[0].code if step.roles else "chair"}])
        people[0] = {**people[0], "name": payload}
        return _people_lines(step, people)
    if step.type is T.longtext:
        return [x for x in payload.split("\n") if x.strip()] + [""]
    return [payload.split("\n")[0]]


class Driver:
    """Answers whatever plain mode asks: the hostile lines once for the planned question, else
    a valid answer; a refused answer is answered again validly (typed text is never lost, so
    the question comes back)."""

    def __init__(self, answers: dict, plan: dict[str, str], out: io.StringIO):
        self.ui: PlainUI | None = None
        self.answers, self.plan, self.out = answers, plan, out
        self.queue: list[str] = []
        self.step_id: str | None = None
        self.tries = 0
        self.calls = 0

    def __call__(self, _prompt: str) -> str:
        self.calls += 1
        assert self.calls < 2000, "plain mode keeps asking"
        tail = self.out.getvalue()[-400:]
        if "Norwegian" in tail and tail.endswith("Choose a number: "):
            return "1"  # keep the answer as it is
        conv = self.ui.conversation if self.ui else None
        step = conv.current if conv else None
        if step is None:
            return "/quit"
        if step.id != self.step_id:
            self.step_id, self.tries, self.queue = step.id, 0, []
        if not self.queue:
            self.tries += 1
            assert self.tries < 6, f"stuck at {step.id}"
            if isinstance(step, QuestionStep):
                payload = self.plan.pop(step.key, None)
                if payload is not None:
                    self.queue = hostile_lines(step, self.answers, payload)
                elif self.tries > 1 and getattr(step, "choose_from", None):
                    # the example's person is no longer among those to choose from (a payload took
                    # their name): choose the first one on the numbered list
                    need = max(1, step.validation.min_length or 1)
                    self.queue = [str(i) for i in range(1, need + 1)] + [""] if step.type is T.people else ["1"]
                else:
                    self.queue = valid_lines(step, self.answers)
            elif isinstance(step, DocumentStep) and self.tries == 1:
                self.queue = ["/show", "/review", ""]
            else:
                self.queue = [""]
        return self.queue.pop(0)


def drive(flow_id: str, plan: dict[str, str], tmp_path) -> tuple[str, dict]:
    out = io.StringIO()
    answers = example(flow_id, CONTENT)
    driver = Driver(answers, dict(plan), out)
    with Store(tmp_path / "data") as store:
        sid = store.create_session("Testlaget")
        ui = PlainUI(CONTENT, store, get_translator("en"), input_fn=driver, out=out, today=TODAY,
                     out_dir=tmp_path / "docs")
        driver.ui = ui
        code = ui.run(session_id=sid, flow_id=flow_id)
        saved = store.answers(sid)
    assert code == 0
    return out.getvalue(), saved


FLOWS = sorted(CONTENT.flows)


@pytest.mark.parametrize("flow_id", FLOWS)
def test_plain_mode_takes_every_payload_without_crash_or_leak(flow_id, tmp_path):
    plans: list[dict[str, str]] = [{}]
    for field, p in SLOTS:  # one payload per field per pass; more passes when a flow has few fields
        fid, step = FIELDS[field]
        if fid != flow_id:
            continue
        plan = next((x for x in plans if step.key not in x), None)
        if plan is None:
            plan = {}
            plans.append(plan)
        plan[step.key] = PAYLOADS[p]
    for i, plan in enumerate(p for p in plans if p):
        text, saved = drive(flow_id, plan, tmp_path / str(i))
        assert leaks(text) == [], leaks(text)
        assert "Traceback" not in text
        for key, value in saved.items():  # what was stored passed the input rule
            assert leaks(repr(value).encode("utf-8", "backslashreplace").decode()) == [] or not isinstance(value, str)
            if isinstance(value, str):
                assert leaks(value) == [], key
        for path in (tmp_path / str(i) / "docs").glob("*.md"):
            assert leaks(path.read_text(encoding="utf-8")) == []


def veiviser(*args, tmp, input_bytes: bytes):
    env = dict(os.environ, VEIVISER_DATA_DIR=str(tmp / "data"), VEIVISER_CACHE_DIR="off", VEIVISER_LOCALE="en")
    return subprocess.run([sys.executable, "-m", "assistant", *args], input=input_bytes, capture_output=True,
                          env=env, timeout=120, cwd=ROOT)


FORBIDDEN_BYTES = [b"\x1b", b"\x07", b"\x00"] + ["".join(chr(c)).encode("utf-8") for c in range(0x80, 0xA0)]


def _no_control_bytes(data: bytes) -> list[bytes]:
    return [b for b in FORBIDDEN_BYTES if b in data]


def test_typed_payloads_through_a_pipe(tmp_path):
    """A new organisation with hostile names, and hostile first answers, typed into a real
    process through a pipe (invalid UTF-8 too)."""
    small = [p for p in PAYLOADS if len(p) < 20_000]
    lines = b"".join(p.split("\n")[0].encode("utf-8", "surrogateescape") + b"\n" for p in small[:40])
    # the start name is the first answer: the review opens its question again, which refuses the
    # broken lines, then takes the next
    typed = (b"\x1b]0;pwned\x07[/] Lag [Oslo]" + b"\n/review\n1\n" + b"\xff\xfe broken utf-8\n" * 6
             + lines + b"/quit\n")
    result = veiviser("--plain", "--flow", "founding", tmp=tmp_path, input_bytes=typed)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stdout + result.stderr
    assert _no_control_bytes(result.stdout + result.stderr) == []
    out = result.stdout.decode("utf-8")
    assert "! The answer has characters that are not valid text" in out
    assert "Saved: " in out and "Invisible control characters were removed" in out
    with Store(tmp_path / "data") as store:
        assert [s.name for s in store.sessions()] == ["[/] Lag [Oslo]"]  # the OSC sequence removed whole


def test_an_old_database_with_hostile_answers_is_shown_as_text(tmp_path):
    """Answers stored before the input rule (written straight into the store): sessions list,
    /review and /show in plain mode through a pipe show them, never obey them."""
    hostile = [p for p in PAYLOADS if len(p) < 20_000 and "\ud800" not in p and "\udcff" not in p]
    answers = example("founding", CONTENT)
    with Store(tmp_path / "data") as store:
        sid = store.create_session("Forening")
        store.rename(sid, "x")  # names are cleaned when stored; the answers below are not
        store.conn.execute("UPDATE sessions SET name = ? WHERE id = ?", ("\x1b]0;t\x07[/]\x9b2J", sid))
        store.conn.commit()
        for i, (key, value) in enumerate(answers.items()):
            if isinstance(value, str):
                value = hostile[i % len(hostile)] + value
            store.save_answer(sid, key, value)
    listing = veiviser("sessions", "list", tmp=tmp_path, input_bytes=b"")
    assert listing.returncode == 0
    assert _no_control_bytes(listing.stdout + listing.stderr) == []
    assert "␛]0;t␇[/]".encode() in listing.stdout
    result = veiviser("--plain", "--session", str(sid), "--flow", "founding", tmp=tmp_path,
                      input_bytes=b"/review\n\n/quit\n")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stdout + result.stderr
    assert _no_control_bytes(result.stdout + result.stderr) == []


def test_a_refused_answer_is_said_in_the_users_language():
    from assistant.engine.validate import normalise

    step = next(q for _, q in FIELDS if q.type is T.text)
    with pytest.raises(Invalid) as info:
        normalise(step, "Navn \udcff")
    assert info.value.translate(get_translator("nb")).startswith("Svaret har tegn")
