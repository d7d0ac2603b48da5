"""The coordinator's view in the browser, under /facilitator, behind its own passcode.

``veiviser serve --facilitator-passcode-file F`` (or VEIVISER_FACILITATOR_PASSCODE) turns it on;
without one these pages do not exist. The sign-in page asks for the passcode and the
coordinator's name (written with every comment); the signed cookie then carries a second
fingerprint ("f"), never the participants' one, so a participant's cookie cannot open these
pages. Failed tries are counted per address as on /join.

Pages: every organisation with the rows of :func:`assistant.facilitator.overview` and a search
(GET ?q=); one organisation read-only (answers by guide, the application draft's sections,
documents, comments) with a form to comment on an answer or a section; the zip bundle of one or
all organisations (:mod:`assistant.bundle`) and the printable handout (:mod:`assistant.handout`).
Reading an organisation changes nothing of it (no Conversation is made: that would move its
current guide).
"""

from __future__ import annotations

import base64
import hashlib
import re
import tempfile
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from assistant.store.comments import TARGET, Comments, answer_target, section_target
from assistant.web import security
from assistant.web.app import Page, Web

MAX_COMMENT = 4000
MAX_NAME = 80


def anchor(target: str) -> str:
    return "t-" + re.sub(r"[^a-z0-9_-]", "-", target)


def _gate(web: Web, request: Request) -> tuple[Page, Response | None]:
    page = Page(web, request)
    if not page.facilitator:
        return page, page.redirect("/facilitator/join")
    return page, None


def _not_found(page: Page) -> Response:
    return page.render("message.html", status=404, title=page.tr("not_found"), message=page.tr("not_found"))


# --- signing in and out ------------------------------------------------------------------------
async def join(web: Web, request: Request) -> Response:
    page = Page(web, request)
    if page.facilitator and request.method == "GET":
        return page.redirect("/facilitator")
    error, status, name, errors = None, 200, str(page.data.get("fa") or ""), {}
    if request.method == "POST":
        form = await page.form()
        if form is None:
            return page.refused()
        name = " ".join(str(form.get("name", "")).split())[:MAX_NAME]
        if web.facilitator_limiter.blocked(page.client):
            error, status = page.tr("too_many"), 429
            errors = {"passcode": error}
        elif not security.passcode_ok(web.facilitator_passcode or "", str(form.get("passcode", ""))):
            web.facilitator_limiter.fail(page.client)
            error, status = page.tr("passcode_wrong"), 400
            errors = {"passcode": error}
        elif not name:
            error, status = page.t.gettext("This question needs an answer."), 400
            errors = {"name": error}
        else:
            page.data["f"] = web.facilitator_gate
            page.data["fa"] = name
            return page.redirect("/facilitator")
    return page.render("facilitator_join.html", status=status, title=page.tr("fac_title"), error=error,
                       errors=errors, name=name, error_target="name" if "name" in errors else "passcode",
                       author="")


async def leave(web: Web, request: Request) -> Response:
    page = Page(web, request)
    form = await page.form()
    if form is None:
        return page.refused()
    page.data.pop("f", None)
    page.data.pop("fa", None)
    page.data["c"] = security.new_csrf()
    return page.redirect("/facilitator/join")


# --- every organisation ----------------------------------------------------------------------
def _row(page: Page, row) -> dict[str, Any]:
    from assistant.facilitator import flag_list
    from assistant.feedback import time_text

    content = page.web.content
    flow = page.ct.flow_title(content.flows[row.flow]) if row.flow else ""
    return {"id": row.id, "name": row.name, "locale": row.locale, "language": _language(row.locale),
            "stage": row.stage_title, "flow": flow, "answered": row.answered, "total": row.total,
            "updated": time_text(row.updated, page.locale), "flags": flag_list(page.t, row),
            "kinds": row.flags}


def _language(code: str) -> str:
    from assistant.i18n.format import language_name

    try:
        return language_name(code)
    except (KeyError, ValueError):
        return code


async def overview_page(web: Web, request: Request) -> Response:
    from assistant.facilitator import overview, search

    page, early = _gate(web, request)
    if early:
        return early
    q = " ".join(request.query_params.get("q", "").split())[:100]
    rows = overview(web.content, web.store, page.t, web.config.today)
    shown = search(rows, q)
    return page.render("facilitator_list.html", title=page.tr("fac_orgs"), q=q, total=len(rows),
                       rows=[_row(page, r) for r in shown], author=page.data.get("fa", ""))


# --- one organisation, read-only -------------------------------------------------------------
def _items(page: Page, sid: int, answers: dict[str, Any]) -> tuple[list[dict], list[dict]]:
    """(the answers by guide, the draft's sections), each with its comment target."""
    from assistant.grants.documents import section_text
    from assistant.i18n.format import show_value

    content = page.web.content
    flows, seen = [], set()
    for flow in content.sorted_flows():
        items = []
        for q in flow.questions():
            if q.key in answers and q.key not in seen:
                seen.add(q.key)
                items.append({"target": answer_target(q.key), "prompt": page.ct.step(flow.id, q, "prompt"),
                              "value": show_value(q, answers[q.key], page.t, flow.id)})
        if items:
            flows.append({"title": page.ct.flow_title(flow), "items": items})
    sections = []
    scheme = content.grants.get(str(answers.get("grant.scheme") or ""))
    for sec in scheme.sections if scheme else ():
        text = "" if sec.budget else section_text(answers, sec.keys)
        sections.append({"target": section_target(scheme.id, sec.id), "prompt": sec.nb, "value": text,
                         "budget": sec.budget})
    return flows, sections


def _documents(page: Page, sid: int, answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The documents of the guides the organisation has finished, as the bundle has them."""
    from assistant.bundle import finished_documents
    from assistant.render import DocumentRefused, _md, render_markdown

    content, store = page.web.content, page.web.store
    out = []
    for flow, step, spec in finished_documents(content, answers, store.flow_states(sid)):
        title = page.ct.document_title(flow.id, step, spec)
        try:
            doc = render_markdown(content, spec, answers, page.web.config.today)
        except DocumentRefused as exc:
            out.append({"title": title, "preview": "",
                        "problems": [p.translate(page.t) for p in exc.problems]})
            continue
        out.append({"title": title, "preview": _md().render(doc.markdown), "problems": []})
    return out


def _org(page: Page, sid: int) -> dict[str, Any] | None:
    from assistant.facilitator import overview
    from assistant.web.comments import view

    web = page.web
    row = next((r for r in overview(web.content, web.store, page.t, web.config.today) if r.id == sid), None)
    if row is None:
        return None
    answers = web.store.answers(sid)
    flows, sections = _items(page, sid, answers)
    by_target: dict[str, list[dict[str, Any]]] = {}
    for c in Comments(web.store).list(sid):
        by_target.setdefault(c.target, []).append(view(page, c))
    shown = {i["target"] for f in flows for i in f["items"]} | {s["target"] for s in sections}
    others = [c for t, cs in by_target.items() if t not in shown for c in cs]
    return {"row": _row(page, row), "flows": flows, "sections": sections, "comments": by_target,
            "others": others, "documents": _documents(page, sid, answers)}


async def org_page(web: Web, request: Request) -> Response:
    page, early = _gate(web, request)
    if early:
        return early
    org = _org(page, request.path_params["sid"])
    if org is None:
        return _not_found(page)
    return page.render("facilitator_org.html", title=org["row"]["name"], anchor=anchor, org=org,
                       author=page.data.get("fa", ""), max_comment=MAX_COMMENT)


async def comment(web: Web, request: Request) -> Response:
    page, early = _gate(web, request)
    if early:
        return early
    form = await page.form()
    if form is None:
        return page.refused()
    sid = request.path_params["sid"]
    try:
        web.store.session(sid)
    except KeyError:
        return _not_found(page)
    flows, sections = _items(page, sid, web.store.answers(sid))  # what the page offers to comment on
    targets = {i["target"] for f in flows for i in f["items"]} | {s["target"] for s in sections}
    target = str(form.get("target", ""))
    text = str(form.get("text", "")).strip()[:MAX_COMMENT]
    if not TARGET.match(target) or target not in targets:
        return _not_found(page)
    if text:
        Comments(web.store).add(sid, target, str(page.data.get("fa") or "?"), text)
    return page.redirect(f"/facilitator/org/{sid}#{anchor(target)}")


# --- files -----------------------------------------------------------------------------------
def _zip(page: Page, ids: list[int], name: str) -> Response:
    from assistant.bundle import bundle

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bundle.zip"
        bundle(page.web.content, page.web.store, ids, out, today=page.web.config.today)
        body = out.read_bytes()
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return page.finish(Response(body, media_type="application/zip", headers=headers))


async def bundle_one(web: Web, request: Request) -> Response:
    from assistant.bundle import folder_name

    page, early = _gate(web, request)
    if early:
        return early
    sid = request.path_params["sid"]
    try:
        info = web.store.session(sid)
    except KeyError:
        return _not_found(page)
    ascii_name = folder_name(sid, info.name).encode("ascii", "ignore").decode() or str(sid)
    return _zip(page, [sid], f"{ascii_name}.zip")


async def bundle_all(web: Web, request: Request) -> Response:
    page, early = _gate(web, request)
    if early:
        return early
    return _zip(page, [s.id for s in web.store.sessions()], "veiviser-all.zip")


async def handout_page(web: Web, request: Request) -> Response:
    from assistant.handout import CSS, handout

    page, early = _gate(web, request)
    if early:
        return early
    sid = request.path_params["sid"]
    try:
        html = handout(web.content, web.store, sid, web.config.locales_dir, web.config.today)
    except KeyError:
        return _not_found(page)
    # the handout is one self-contained file with its own <style>: allow exactly that style
    digest = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
    csp = f"default-src 'none'; style-src 'sha256-{digest}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    return page.finish(Response(html, media_type="text/html; charset=utf-8",
                                headers={"content-security-policy": csp}))


def routes(web: Web, bind) -> list[Route]:
    """The routes, only when the server has a facilitator passcode."""
    if web.facilitator_gate is None:
        return []
    return [
        Route("/facilitator", bind(overview_page)),
        Route("/facilitator/join", bind(join), methods=["GET", "POST"]),
        Route("/facilitator/leave", bind(leave), methods=["POST"]),
        Route("/facilitator/bundle.zip", bind(bundle_all)),
        Route("/facilitator/org/{sid:int}", bind(org_page)),
        Route("/facilitator/org/{sid:int}/comment", bind(comment), methods=["POST"]),
        Route("/facilitator/org/{sid:int}/bundle.zip", bind(bundle_one)),
        Route("/facilitator/org/{sid:int}/handout", bind(handout_page)),
    ]
