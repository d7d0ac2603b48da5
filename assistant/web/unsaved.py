"""An answer the database could not take: the question again, with the message and what was typed.

When the database cannot be reached (a PostgreSQL restart, a dropped connection, a locked SQLite
file), even reading the participant's organisation fails, so the page is made from the posted form
and the content alone, asking the store nothing: the question (found by the step id in the form),
the store's message in the participant's language, and the typed answer in its field. Sending it
again, once the database is back, saves it (the store connects again on the next request).
Nothing was saved, so nothing is lost: the answer is still in the participant's browser, in the
field.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from assistant.content.models import QuestionStep, QuestionType as T
from assistant.store.errors import StorageError
from assistant.web.app import Page, Web
from assistant.web.pages import _extras, _first_id, from_form


async def unsaved(web: Web, request: Request, exc: StorageError) -> Response:
    page = Page(web, request, look_up=False)
    text = exc.translate(page.t)
    form = await page.form()
    if form is None:
        return page.refused()
    flow = web.content.flows.get(request.path_params.get("flow_id", ""))
    step = None
    if flow is not None:
        step = next((q for q in flow.questions() if q.id == form.get("step")), None)
    action = str(form.get("action", "answer"))
    if flow is None or not isinstance(step, QuestionStep) or action not in ("answer", "add_person"):
        return page.render("message.html", status=503, title=text, message=text)  # nothing typed to keep
    _raw, kept = from_form(step, form)
    rows = []
    if step.type is T.people:
        rows = [r for r in kept if r.get("name")] if isinstance(kept, list) else []
        rows += [{"name": "", "role": ""}] * (max(3 - len(rows), 1) + (action == "add_person"))
    fid = flow.id
    prompt = page.ct.step(fid, step, "prompt")
    hint = {T.date: page.tr("date_hint"), T.money: page.tr("money_hint")}.get(step.type, "")
    return page.render(
        "question.html", status=503, title=prompt, step=step, kind=step.type.value, prompt=prompt,
        help=page.ct.step(fid, step, "help"), example=page.ct.step(fid, step, "example"), hint=hint,
        value=kept, rows=rows, error=text if exc.maybe_saved else f"{text} {page.tr('not_saved')}", flow_id=fid,
        flow_title=page.ct.flow_title(flow),
        choices=[(c.code, page.ct.choice(fid, step, c.code)) for c in step.choices],
        roles=[(r.code, page.ct.role(fid, step, r.code)) for r in step.roles],
        optional=not step.validation.required, n=0, total=0, editing=False, first_id=_first_id(step),
        known=[], comments=[], notes=[], notes_heading="", suggested=[],  # they need the store: not now
        **_extras(page, step))
