"""A coordinator's comments in the organisation's own pages: beside the answer (the question and
the list of answers) and beside the sections of the application draft (the document page), with
who wrote them and when, and a button to mark each done.

Comments are read from their own table (:mod:`assistant.store.comments`); the documents and their
downloads never read it. A comment is marked done only by the organisation it belongs to.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from assistant.feedback import time_text
from assistant.store.comments import Comment, Comments, answer_target, section_target


def view(page, comment: Comment) -> dict[str, Any]:
    """What a template shows of one comment (the text as written: escaped, never markup)."""
    return {"id": comment.id, "author": comment.author, "text": comment.text, "done": comment.is_done,
            "when": time_text(comment.created, page.locale), "target": comment.target}


def on_answer(page, session_id: int, key: str) -> list[dict[str, Any]]:
    return [view(page, c) for c in Comments(page.web.store).list(session_id, answer_target(key))]


def by_answer(page, session_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every comment on an answer, by profile key."""
    out: dict[str, list[dict[str, Any]]] = {}
    for c in Comments(page.web.store).list(session_id):
        if c.target.startswith("answer:"):
            out.setdefault(c.target[len("answer:"):], []).append(view(page, c))
    return out


def on_draft(page, conv) -> list[dict[str, Any]]:
    """The sections of the chosen scheme's application draft that have comments, in the form's
    order: [{"name": the field's Norwegian name, "comments": [...]}]. Only in a guide that asks
    for the scheme (the application writer), not beside the founding documents."""
    if not any(q.key == "grant.scheme" for q in conv.flow.questions()):
        return []
    content, session_id = page.web.content, conv.session_id
    scheme_id = str(conv.answers.get("grant.scheme") or "")
    scheme = content.grants.get(scheme_id)
    if scheme is None:
        return []
    out = []
    store = Comments(page.web.store)
    for sec in scheme.sections:
        found = store.list(session_id, section_target(scheme_id, sec.id))
        if found:
            out.append({"id": sec.id, "name": sec.nb, "comments": [view(page, c) for c in found]})
    return out


def _back(value: str) -> str:
    """Only back to one of the organisation's own flow pages (never another site)."""
    if value.startswith("/flow/") and "//" not in value and "\\" not in value and all(
            ch.isalnum() or ch in "/_-" for ch in value):
        return value
    return "/roadmap"


async def mark_done(web, request: Request) -> Response:
    from assistant.web.app import Page

    page = Page(web, request)
    if not page.admitted:
        return page.redirect("/join")
    if page.session_id is None:
        return page.redirect("/")
    form = await page.form()
    if form is None:
        return page.refused()
    cid = request.path_params["comment_id"]
    comments = Comments(web.store)
    if not any(c.id == cid for c in comments.list(page.session_id)):  # only its own comments
        return page.render("message.html", status=404, title=page.tr("not_found"), message=page.tr("not_found"))
    comments.mark_done(cid)
    return page.redirect(_back(str(form.get("back", ""))))
