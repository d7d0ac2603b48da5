"""A flow is "started" only when it has an answer of its own (or a step of it was passed): the
bylaws' answers (the name, the notice) do not start the annual meeting, the report or the calendar."""

import json
import os
import subprocess
import sys
from pathlib import Path

from assistant.content.loader import load_content
from assistant.profile import flatten
from assistant.roadmap import flow_status, status
from assistant.store import Store

ROOT = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k not in ("VEIVISER_LOCALE", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}


def _bylaws_written(content, data: Path) -> int:
    example = json.loads((ROOT / "tests/content/examples/somali_drammen.json").read_text("utf-8"))
    answers = flatten(example, known=set(content.known_keys()))
    flow = content.flows["bylaws"]
    with Store(data) as store:
        sid = store.create_session("Somali")
        for q in flow.questions():
            if q.key in answers:
                store.save_answer(sid, q.key, answers[q.key])
        store.save_flow_state(sid, "bylaws", [s.id for s in flow.steps if s.kind != "question"], None, None)
    return sid


def test_only_the_bylaws_are_done_after_the_bylaws(tmp_path):
    content = load_content()
    sid = _bylaws_written(content, tmp_path / "d")
    with Store(tmp_path / "d") as store:
        answers, states = store.answers(sid), store.flow_states(sid)
    assert flow_status(content, "bylaws", answers, states["bylaws"]).finished
    started = [f.id for f in content.sorted_flows() if f.id != "bylaws"
               and flow_status(content, f.id, answers, states.get(f.id, [])).started]
    assert started == []
    # the roadmap the TUI and the web show reads the same status
    others = [fs for st in status(content, answers, states) for fs in st.flows if fs.flow_id != "bylaws"]
    assert others and not any(fs.started for fs in others)
    # plain mode's menu: "done" beside the bylaws, nothing beside the rest
    r = subprocess.run([sys.executable, "-m", "assistant", "--plain", "--locale", "nb", "--data-dir",
                        str(tmp_path / "d"), "--session", str(sid)], input="/avslutt\n", capture_output=True,
                       text=True, cwd=ROOT, timeout=120, env={**ENV, "LANG": "nb_NO.UTF-8"})
    menu = r.stdout.split("Hva vil du arbeide med?", 1)[1]
    assert "1. Skriv vedtektene  [ferdig]" in menu
    assert "påbegynt" not in menu and menu.count("[ferdig]") == 1


def test_an_answer_of_its_own_starts_a_flow(tmp_path):
    content = load_content()
    sid = _bylaws_written(content, tmp_path / "d")
    with Store(tmp_path / "d") as store:
        store.save_answer(sid, "annual.place", "Biblioteket")
        answers = store.answers(sid)
    assert flow_status(content, "annual_meeting", answers, []).started
    assert not flow_status(content, "annual_report", answers, []).started
