"""``veiviser sessions bundle ID|--all --out F.zip``: one organisation's documents (or every
organisation's, one folder each) in a zip file, to hand over after a workshop.

The documents are the ones of the flows the organisation has finished, rendered from its own
saved answers (what the front ends write at the document step). Nothing else goes in: no other
organisation's answers, no coordinator's comments, no database.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from assistant.content.models import DocumentStep
from assistant.render import DEFAULT_FORMATS, DocumentRefused, render_markdown, write_document
from assistant.roadmap import flow_status


@dataclass
class Bundled:
    session_id: int
    folder: str
    files: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # documents whose checks the answers fail


def folder_name(session_id: int, name: str) -> str:
    slug = re.sub(r"[^\w-]+", "-", name.strip(), flags=re.UNICODE).strip("-")[:40]
    return f"{session_id}-{slug}" if slug else str(session_id)


def finished_documents(content, answers, states):
    """(flow, document step, document spec) of every document of the flows the organisation has
    finished, in roadmap order: what the bundle holds and the facilitator's page shows."""
    for flow in content.sorted_flows():
        if not flow_status(content, flow.id, answers, states.get(flow.id, [])).finished:
            continue
        for step in flow.steps:
            if isinstance(step, DocumentStep):
                for spec in step.documents:
                    yield flow, step, spec


def session_documents(content, store, session_id: int, out_dir: Path,
                      formats: tuple[str, ...] = DEFAULT_FORMATS, today: dt.date | None = None) -> Bundled:
    """Write the documents of every finished flow of the session into ``out_dir``."""
    info = store.session(session_id)
    answers = store.answers(session_id)
    states = store.flow_states(session_id)
    done = Bundled(session_id, folder_name(session_id, info.name))
    for _flow, _step, spec in finished_documents(content, answers, states):
        try:
            doc = render_markdown(content, spec, answers, today)
        except DocumentRefused:
            done.refused.append(spec.filename)
            continue
        for path in write_document(doc, out_dir, formats):
            done.files.append(path.name)
    return done


def bundle(content, store, session_ids: list[int], out: Path,
           formats: tuple[str, ...] = DEFAULT_FORMATS, today: dt.date | None = None) -> list[Bundled]:
    """Write the zip file ``out``: one folder per session with its documents."""
    out = Path(out)
    results = []
    tmp_zip = out.with_name(out.name + ".tmp")
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(tmp_zip, "w", zipfile.ZIP_DEFLATED) as zf:
        for sid in session_ids:
            work = Path(tmp) / str(sid)
            b = session_documents(content, store, sid, work, formats, today)
            for name in sorted(set(b.files)):
                zf.write(work / name, f"{b.folder}/{name}")
            results.append(b)
    tmp_zip.replace(out)
    return results
