"""The pages of a flow: one question per page, review, documents, the language check.

Every page builds a :class:`~assistant.session.Conversation` for the participant's own
organisation (from the signed cookie, never from the URL) and talks only to it. A POST that
changes something answers with a redirect (303) to the page that comes next, so reloading never
sends an answer twice.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from assistant.store.errors import StorageError
from assistant.content.models import DocumentStep, InfoStep, QuestionStep, QuestionType as T, ReviewStep
from assistant.engine.validate import Invalid
from assistant.i18n.content import panel_text
from assistant.i18n.format import show_value
from assistant.roadmap import flow_status, status
from assistant.session import Conversation
from assistant.web import comments as notes
from assistant.web.app import Page, Web

SUGGEST_SESSION_NAME = {"org.name"}
FORMATS = ("html", "docx", "md")
MEDIA = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
         "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def _open(web: Web, request: Request) -> tuple[Page, Conversation | None, Response | None]:
    page = Page(web, request)
    if not page.admitted:
        return page, None, page.redirect("/join")
    if page.session_id is None:
        return page, None, page.redirect("/")
    flow_id = request.path_params.get("flow_id")
    if flow_id is None:
        return page, None, None
    if flow_id not in web.content.flows:
        return page, None, page.render("message.html", status=404, title=page.tr("not_found"),
                                       message=page.tr("not_found"))
    return page, Conversation(web.store, page.session_id, web.content, flow_id, today=web.config.today), None


def lines(text: str) -> list[tuple[str, str]]:
    """Content text as blocks: ("p", text) or ("li", text) for lines that start with "- "."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line.startswith("- "):
            out.append(("li", line[2:]))
        elif line:
            out.append(("p", line))
    return out


def _extras(page: Page, step) -> dict[str, Any]:
    content = page.web.content
    terms = [(page.ct.term_label(content.terms[t]), page.ct.term_explanation(content.terms[t]))
             for t in step.terms if t in content.terms]
    facts = []
    for fid in step.facts:
        fact = content.facts.get(fid)
        if fact:
            src = fact.source
            facts.append({"text": page.ct.fact(fact), "title": src.title, "url": src.url,
                          "checked": src.checked.strftime("%d.%m.%Y"), "changes": fact.time_sensitive})
    return {"terms": terms, "facts": facts}


# --- the roadmap ----------------------------------------------------------------------------
async def roadmap(web: Web, request: Request) -> Response:
    page, _conv, early = _open(web, request)
    if early:
        return early
    content = web.content
    answers = web.store.answers(page.session_id)
    states = web.store.flow_states(page.session_id)

    def flow_item(fs) -> dict[str, Any]:
        flow = content.flows[fs.flow_id]
        if fs.finished:
            mark = page.tr("done")
        elif fs.started:
            mark = page.tr("started_of", answered=fs.progress.answered, total=fs.progress.total)
        else:
            mark = page.tr("not_started")
        return {"id": flow.id, "title": page.ct.flow_title(flow), "summary": page.ct.flow_summary(flow),
                "mark": mark, "finished": fs.finished}

    stages, in_stages = [], set()
    for st in status(content, answers, states):
        flows = [flow_item(fs) for fs in st.flows]
        in_stages.update(f["id"] for f in flows)
        stages.append({"title": page.ct.stage_title(st.stage), "summary": page.ct.stage_summary(st.stage),
                       "state": st.state, "flows": flows})
    others = [flow_item(flow_status(content, f.id, answers, states.get(f.id, [])))
              for f in content.sorted_flows() if f.id not in in_stages]
    marks = {"done": page.tr("done"), "next": page.tr("next"), "todo": ""}
    return page.render("roadmap.html", title=page.tr("road_for", name=page.org_name), stages=stages,
                       others=others, marks=marks, name=page.org_name)


# --- one step of a flow ---------------------------------------------------------------------
def input_value(step: QuestionStep, value: Any) -> Any:
    """A stored answer as the form shows it again."""
    if value is None:
        return [] if step.type in (T.multichoice, T.people) else ""
    if step.type is T.date:
        try:
            return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
        except (TypeError, ValueError):
            return str(value)
    if step.type is T.yesno:
        return "yes" if value else "no"
    if step.type in (T.multichoice, T.people):
        return list(value)
    return str(value)


def from_form(step: QuestionStep, form) -> tuple[Any, Any]:
    """(what to submit, what to show again if it is refused)."""
    if step.type is T.yesno:
        v = str(form.get("answer", ""))
        return ({"yes": True, "no": False}.get(v, ""), v)
    if step.type is T.multichoice:
        v = [str(x) for x in form.getlist("answer")]
        return v, v
    if step.type is T.people:
        single = step.roles[0].code if len(step.roles) == 1 else None
        rows = []
        for i in range(min(int(form.get("rows", "0") or 0), 250)):
            name = str(form.get(f"name-{i}", "")).strip()
            role = single or str(form.get(f"role-{i}", ""))
            rows.append({"name": name, "role": role})
        people = [r for r in rows if r["name"]]
        return (people or ""), rows
    v = str(form.get("answer", ""))
    return v, v


def _question(page: Page, conv: Conversation, step: QuestionStep, kept: Any = None,
              error: str | None = None, extra_rows: int = 0) -> Response:
    fid = conv.flow.id
    if kept is None:
        current = conv.answers.get(step.key) if step.key in conv.answers else None
        if current is None and step.default is not None:
            try:
                current = conv.engine.check(step, step.default)
            except Invalid:
                current = None
        if current is None and conv.suggestion(step) is not None:  # filled in from what is known
            current = conv.suggestion(step).value
        if current is None and step.key in SUGGEST_SESSION_NAME:
            current = page.org_name
        kept = input_value(step, current)
    rows = []
    if step.type is T.people:
        rows = [r for r in kept if r.get("name")] if isinstance(kept, list) else []
        rows += [{"name": "", "role": ""}] * (max(3 - len(rows), 1) + extra_rows)
    p = conv.progress()
    prompt = page.ct.step(fid, step, "prompt")
    known = known_people(conv, step)
    hint = {T.date: page.tr("date_hint"), T.money: page.tr("money_hint")}.get(step.type, "")
    return page.render(
        "question.html", status=400 if error else 200, title=prompt, step=step, kind=step.type.value,
        prompt=prompt, help=page.ct.step(fid, step, "help"), example=page.ct.step(fid, step, "example"),
        hint=hint, value=kept, rows=rows, error=error, flow_id=fid, flow_title=page.ct.flow_title(conv.flow),
        choices=[(c.code, page.ct.choice(fid, step, c.code)) for c in step.choices],
        roles=[(r.code, page.ct.role(fid, step, r.code)) for r in step.roles],
        optional=not step.validation.required, n=min(p.answered + 1, p.total), total=p.total,
        editing=conv.state.focus is not None, first_id=_first_id(step), known=known,
        comments=notes.on_answer(page, conv.session_id, step.key),
        **_beside(page, conv, step), **_extras(page, step))


def _beside(page: Page, conv: Conversation, step) -> dict[str, Any]:
    """The flow's notes beside the step (the funder's feedback, applying again) and where a
    filled-in answer comes from: shown on the page, never part of a document."""
    from assistant.feedback import suggestion_lines

    return {"notes": conv.notes(step), "notes_heading": page.t.gettext("From the funder's answer:"),
            "suggested": suggestion_lines(conv, page.t, step) if isinstance(step, QuestionStep) else []}


def known_people(conv: Conversation, step: QuestionStep) -> list[str]:
    """The names of the earlier people answer a question chooses from (choose_from), offered
    as the input's suggestions: the meeting chair and the signers are chosen from those present."""
    people = conv.answers.get(step.choose_from) if step.choose_from else None
    if not isinstance(people, list):
        return []
    names = [str(p["name"]) for p in people if isinstance(p, dict) and p.get("name")]
    return list(dict.fromkeys(names))


def _first_id(step: QuestionStep) -> str:
    if step.type in (T.choice, T.multichoice, T.yesno):
        return "answer-0"
    if step.type is T.people:
        return "name-0"
    return "answer"


def _info(page: Page, conv: Conversation, step) -> Response:
    fid = conv.flow.id
    title = page.ct.step(fid, step, "title") or page.ct.flow_title(conv.flow)
    panel = panel_text(page.web.content, step, conv.answers, page.t, page.web.config.today) \
        if isinstance(step, InfoStep) else ""
    return page.render("info.html", title=title, heading=title, blocks=lines(page.ct.step(fid, step, "text")),
                       panel=lines(panel), flow_id=fid, flow_title=page.ct.flow_title(conv.flow), error=None,
                       **_beside(page, conv, step), **_extras(page, step))


def _review_items(page: Page, conv: Conversation) -> list[dict[str, Any]]:
    fid = conv.flow.id
    marked = set(conv.needs_translation())
    said = notes.by_answer(page, conv.session_id)  # a coordinator's comments, beside the answer
    return [{"step": item.step.id, "prompt": page.ct.step(fid, item.step, "prompt"),
             "value": show_value(item.step, item.value, page.t, fid), "valid": item.valid,
             "marked": item.step.key in marked, "comments": said.get(item.step.key, [])}
            for item in conv.review()]


def _review(page: Page, conv: Conversation, step: ReviewStep | None) -> Response:
    fid = conv.flow.id
    title = (page.ct.step(fid, step, "title") if step else "") or page.tr("answers")
    return page.render("review.html", title=title, heading=title,
                       blocks=lines(page.ct.step(fid, step, "text")) if step else [],
                       items=_review_items(page, conv), flow_id=fid, in_flow=step is not None,
                       flow_title=page.ct.flow_title(conv.flow), error=None)


def _document_step(conv: Conversation) -> DocumentStep | None:
    current = conv.current
    if isinstance(current, DocumentStep):
        return current
    return next((s for s in conv.flow.steps if isinstance(s, DocumentStep)), None)


def _documents(page: Page, conv: Conversation, step: DocumentStep) -> dict[str, Any]:
    from assistant.render import DocumentRefused, _md

    fid = conv.flow.id
    try:
        rendered = conv.render(step)
    except DocumentRefused as exc:
        return {"docs": [], "problems": [(p.translate(page.t), getattr(p, "key", None)) for p in exc.problems],
                "draft_comments": notes.on_draft(page, conv)}
    docs = []
    for spec, doc in zip(step.documents, rendered):
        docs.append({"title": page.ct.document_title(fid, step, spec), "filename": spec.filename,
                     "preview": _md().render(doc.markdown), "formats": FORMATS})
    return {"docs": docs, "problems": [], "draft_comments": notes.on_draft(page, conv)}


def _document(page: Page, conv: Conversation, step: DocumentStep) -> Response:
    fid = conv.flow.id
    title = page.ct.step(fid, step, "title") or page.tr("read_draft")
    return page.render("document.html", title=title, heading=title, blocks=lines(page.ct.step(fid, step, "text")),
                       flow_id=fid, flow_title=page.ct.flow_title(conv.flow), error=None, in_flow=True,
                       **_documents(page, conv, step))


def _finished(page: Page, conv: Conversation) -> Response:
    step = _document_step(conv)
    docs = _documents(page, conv, step) if step else {"docs": [], "problems": [], "draft_comments": []}
    title = page.tr("finished_flow", flow=page.ct.flow_title(conv.flow))
    return page.render("document.html", title=title, heading=title, blocks=[("p", page.tr("saved_note"))],
                       flow_id=conv.flow.id, flow_title=page.ct.flow_title(conv.flow), error=None,
                       in_flow=False, **docs)


def show(page: Page, conv: Conversation) -> Response:
    step = conv.current
    if step is None:
        return _finished(page, conv)
    if isinstance(step, QuestionStep):
        return _question(page, conv, step)
    if isinstance(step, ReviewStep):
        return _review(page, conv, step)
    if isinstance(step, DocumentStep):
        return _document(page, conv, step)
    return _info(page, conv, step)


async def flow_page(web: Web, request: Request) -> Response:
    try:
        return await _flow_page(web, request)
    except StorageError as exc:
        if request.method != "POST":
            raise  # the message page (app.store_failed)
        from assistant.web.unsaved import unsaved

        return await unsaved(web, request, exc)  # the question again, the typed answer in it


async def _flow_page(web: Web, request: Request) -> Response:
    page, conv, early = _open(web, request)
    if early:
        return early
    if request.method == "GET":
        return show(page, conv)
    form = await page.form()
    if form is None:
        return page.refused()
    here = f"/flow/{conv.flow.id}"
    action = str(form.get("action", "answer"))
    step = conv.current
    if action == "back":
        conv.back()
    elif action == "cancel":
        conv.cancel_edit()
    elif action.startswith("edit:"):
        try:
            conv.edit(action[5:])
        except KeyError:
            pass
    elif action == "go_on":
        if step is not None and not isinstance(step, QuestionStep):
            conv.acknowledge()
            if conv.opened:  # e.g. "apply again": the application, its answers kept
                return page.redirect(f"/flow/{conv.opened}")
    elif action in ("answer", "add_person") and isinstance(step, QuestionStep):
        if form.get("step") != step.id:  # an old page (another tab, the browser's back): never
            return page.redirect(here)   # put its answer on another question
        raw, kept = from_form(step, form)
        if action == "add_person":
            return _question(page, conv, step, kept=kept, extra_rows=1)
        try:
            key, value = conv.submit(raw, yes_words=[page.t.gettext("yes")], no_words=[page.t.gettext("no")])
        except Invalid as exc:
            return _question(page, conv, step, kept=kept, error=exc.translate(page.t))
        except StorageError as exc:  # not saved: the message, and the answer still in its field
            note = "" if exc.maybe_saved else " " + page.tr("not_saved")
            return _question(page, conv, step, kept=kept, error=exc.translate(page.t) + note)
        if step.norwegian and isinstance(value, str) and _not_norwegian(value):
            return page.redirect(f"{here}/check?key={key}")
    return page.redirect(here)


def _not_norwegian(text: str) -> bool:
    try:
        from assistant.i18n.detect import is_norwegian
    except ImportError:
        return False
    return is_norwegian(text) is False


async def review_page(web: Web, request: Request) -> Response:
    page, conv, early = _open(web, request)
    if early:
        return early
    return _review(page, conv, None)


async def check_page(web: Web, request: Request) -> Response:
    """The answer goes into a Norwegian document and does not look Norwegian: keep it, write it
    again, or mark it for someone to translate."""
    page, conv, early = _open(web, request)
    if early:
        return early
    here = f"/flow/{conv.flow.id}"
    key = request.query_params.get("key", "")
    step = next((q for q in conv.flow.questions() if q.key == key and q.norwegian), None)
    if step is None or key not in conv.answers:
        return page.redirect(here)
    if request.method == "POST":
        form = await page.form()
        if form is None:
            return page.refused()
        choice = form.get("choice")
        if choice == "rewrite":
            conv.edit(step.id)
        elif choice == "mark":
            conv.mark_for_translation(key)
        return page.redirect(here)
    value = show_value(step, conv.answers[key], page.t, conv.flow.id)
    return page.render("check.html", title=page.tr("not_norwegian"), value=value, key=key,
                       flow_id=conv.flow.id, flow_title=page.ct.flow_title(conv.flow), error=None)


async def download(web: Web, request: Request) -> Response:
    from assistant.render import DocumentRefused, to_html, write_document

    page, conv, early = _open(web, request)
    if early:
        return early
    name, _, fmt = request.path_params["filename"].rpartition(".")
    step = _document_step(conv)
    if step is None or fmt not in FORMATS or name not in [d.filename for d in step.documents]:
        return page.render("message.html", status=404, title=page.tr("not_found"), message=page.tr("not_found"))
    try:
        doc = next(d for d in conv.render(step) if d.spec.filename == name)
    except DocumentRefused:
        return page.redirect(f"/flow/{conv.flow.id}")
    if fmt == "md":
        body: bytes = doc.markdown.encode()
    elif fmt == "html":
        body = to_html(doc).encode()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            (path,) = write_document(doc, Path(tmp), ("docx",))
            body = path.read_bytes()
    headers = {"content-disposition": f'attachment; filename="{name}.{fmt}"'}
    return page.finish(Response(body, media_type=MEDIA[fmt], headers=headers))
