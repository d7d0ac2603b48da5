"""The web application: Starlette routes, the signed cookie, the passcode gate, page rendering.

One :class:`Web` per server process holds the content, one store connection and the page
templates. Handlers are ``async`` and never leave the event loop thread, so the store's SQLite
connection is only ever used from one thread; every answer is committed (by the Conversation)
before the next page is sent. :mod:`assistant.web.pages` has the pages of a flow.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from assistant.i18n import Translator, get_translator
from assistant.i18n.catalog import available_locales, negotiate
from assistant.i18n.content import ContentText
from assistant.i18n.format import direction, language_name
from assistant.store import Store
from assistant.store.errors import StorageError
from assistant.store import web as codes
from assistant.web import security
from assistant.web.text import TEXT

HERE = Path(__file__).parent


@dataclass
class WebConfig:
    data_dir: Path
    content_dir: str | None = None
    locales_dir: str | None = None
    passcode: str | None = None  # required unless on loopback; then every page asks for it first
    database: str | None = None  # a PostgreSQL URL shared by several servers; None: SQLite in data_dir
    facilitator_passcode: str | None = None  # the coordinators' own gate to /facilitator; None: no such pages
    today: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def launch_order(codes_: list[str]) -> list[str]:
    first = [c for c in ("nb", "en") if c in codes_]
    return first + sorted(c for c in codes_ if c not in first and not c.startswith("qps"))


class Web:
    def __init__(self, config: WebConfig, content=None, store: Store | None = None):
        from assistant.content.loader import load_content

        self.config = config
        self.content = content or load_content(config.content_dir)
        if store is None:
            from assistant.store.postgres import open_store

            store = open_store(config.data_dir, config.database)
        self.store = store
        self.signer = security.Signer(security.load_secret(config.data_dir))
        self.passcode = config.passcode
        self.gate = self.signer.fingerprint(self.passcode) if self.passcode else None
        self.locales = launch_order(available_locales(config.locales_dir))
        self.translators: dict[str, Translator] = {}
        self.limiter = security.Limiter(limit=10, window=60.0)
        self.facilitator_passcode = config.facilitator_passcode
        self.facilitator_gate = (self.signer.facilitator_fingerprint(config.facilitator_passcode)
                                 if config.facilitator_passcode else None)
        self.facilitator_limiter = security.Limiter(limit=10, window=60.0)
        self.env = Environment(loader=PackageLoader("assistant.web", "templates"),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
        self.languages = [(c, language_name(c)) for c in self.locales]

    def translator(self, code: str) -> Translator:
        if code not in self.translators:
            self.translators[code] = get_translator(code, self.config.locales_dir)
        return self.translators[code]


class Page:
    """One request: who is asking (from the signed cookie), in which language."""

    def __init__(self, web: Web, request: Request, look_up: bool = True):
        self.web = web
        self.request = request
        raw = request.cookies.get(security.COOKIE)
        self.data: dict[str, Any] = web.signer.loads(raw)
        self._before = dict(self.data)
        if not self.data.get("c"):
            self.data["c"] = security.new_csrf()
        self.session_id: int | None = None
        sid = self.data.get("o")
        if isinstance(sid, int) and look_up:  # look_up=False: the database is down, ask it nothing
            try:
                info = web.store.session(sid)
                self.session_id = sid
                self.org_name = info.name
                self.org_locale = info.locale
            except KeyError:
                self.data.pop("o", None)
        self.locale = self._locale()
        self.t = web.translator(self.locale)
        self.ct = ContentText(self.t)

    def _locale(self) -> str:
        asked = self.request.query_params.get("lang")
        if asked and asked in self.web.locales:
            self.data["l"] = asked
            if self.session_id is not None and asked != self.org_locale:
                self.web.store.set_locale(self.session_id, asked)
            return asked
        if self.data.get("l") in self.web.locales:
            return self.data["l"]
        if self.session_id is not None and self.org_locale in self.web.locales:
            return self.org_locale
        header = self.request.headers.get("accept-language", "")
        wanted = [part.split(";")[0].strip() for part in header.split(",") if part.strip()]
        return negotiate(wanted, self.web.locales) or "nb"

    # --- access -------------------------------------------------------------------------
    @property
    def admitted(self) -> bool:
        return self.web.gate is None or self.data.get("p") == self.web.gate

    @property
    def facilitator(self) -> bool:
        """The facilitator passcode was given in this browser (and the server has one)."""
        gate = self.web.facilitator_gate
        return gate is not None and self.data.get("f") == gate

    @property
    def client(self) -> str:
        return self.request.client.host if self.request.client else "?"

    async def form(self):
        """The posted form, or None when its CSRF token (or its origin) is wrong."""
        form = await self.request.form()
        origin = self.request.headers.get("origin")
        if origin and origin != "null":
            host = origin.split("://", 1)[-1]
            if host != self.request.headers.get("host"):
                return None
        if not security.csrf_ok(self.data.get("c"), form.get("csrf")):
            return None
        return form

    # --- responses ----------------------------------------------------------------------
    def tr(self, key: str, /, **params: Any) -> str:
        text = self.t.gettext(TEXT[key])
        return text.format(**params) if params else text

    def render(self, template: str, status: int = 200, title: str = "", **values: Any) -> Response:
        error = values.setdefault("error", None)
        page_title = (title or "Veiviser")
        if error:
            page_title = f"{self.tr('problem')}: {page_title}"
        html = self.web.env.get_template(template).render(
            tr=self.tr, t=self.t, ct=self.ct, lang=self.locale.replace("_", "-"), dir=direction(self.locale),
            locale=self.locale, languages=self.web.languages, csrf=self.data["c"], page_title=page_title,
            signed_in=self.session_id is not None, unreviewed=bool(self.t.catalogs) and not self.t.reviewed,
            path=self.request.url.path, **values)
        return self.finish(HTMLResponse(html, status_code=status))

    def redirect(self, url: str) -> Response:
        return self.finish(RedirectResponse(url, status_code=303))

    def finish(self, response: Response) -> Response:
        if self.data != self._before:
            response.set_cookie(security.COOKIE, self.web.signer.dumps(self.data), httponly=True,
                                samesite="lax", path="/")
        return response

    def refused(self) -> Response:
        return self.render("message.html", status=403, title=self.tr("form_old"), message=self.tr("form_old"))


# --- the pages before a flow -------------------------------------------------------------
async def home(web: Web, request: Request) -> Response:
    page = Page(web, request)
    if not page.admitted:
        return page.redirect("/join")
    if page.session_id is not None:
        return page.redirect("/roadmap")
    return page.render("start.html", title=page.tr("start_new"), error=None, name="", code="",
                       errors={})


async def join(web: Web, request: Request) -> Response:
    page = Page(web, request)
    if web.gate is None or page.admitted:
        return page.redirect("/")
    error = None
    status = 200
    if request.method == "POST":
        form = await page.form()
        if form is None:
            return page.refused()
        if web.limiter.blocked(page.client):
            return page.render("join.html", status=429, title=page.tr("passcode_title"), error=page.tr("too_many"))
        if security.passcode_ok(web.passcode, str(form.get("passcode", ""))):
            page.data["p"] = web.gate
            return page.redirect("/")
        web.limiter.fail(page.client)
        error, status = page.tr("passcode_wrong"), 400
    return page.render("join.html", status=status, title=page.tr("passcode_title"), error=error)


async def start(web: Web, request: Request) -> Response:
    page = Page(web, request)
    if not page.admitted:
        return page.render("message.html", status=403, title=page.tr("passcode_title"),
                           message=page.tr("passcode_hint"))
    form = await page.form()
    if form is None:
        return page.refused()
    name = " ".join(str(form.get("name", "")).split())[:120]
    if not name:
        msg = page.t.gettext("This question needs an answer.")
        return page.render("start.html", status=400, title=page.tr("start_new"), error=msg,
                           errors={"name": msg}, name="", code="")
    sid = web.store.create_session(name, page.locale)
    while True:  # 27 million codes: a second try is rare
        code = security.new_code()
        hashed = await asyncio.to_thread(codes.code_hash, code)  # the slow hash off the event loop
        if codes.add_code(web.store, sid, code, hashed=hashed):
            break
    page.data["o"] = sid
    page.data["n"] = code  # shown once on the next page, then forgotten
    return page.redirect("/code")


async def show_code(web: Web, request: Request) -> Response:
    page = Page(web, request)
    if not page.admitted:
        return page.redirect("/join")
    code = page.data.pop("n", None)
    if page.session_id is None or not code:
        return page.redirect("/")
    return page.render("code.html", title=page.tr("code_title"), code=code)


async def resume(web: Web, request: Request) -> Response:
    page = Page(web, request)
    if not page.admitted:
        return page.render("message.html", status=403, title=page.tr("passcode_title"),
                           message=page.tr("passcode_hint"))
    form = await page.form()
    if form is None:
        return page.refused()
    code = str(form.get("code", ""))
    if web.limiter.blocked(page.client):
        msg = page.tr("too_many")
        return page.render("start.html", status=429, title=page.tr("resume_title"), error=msg,
                           errors={"code": msg}, name="", code=code)
    hashed = await asyncio.to_thread(codes.code_hash, code)
    sid = codes.session_for_code(web.store, code, hashed=hashed)
    if sid is None:
        web.limiter.fail(page.client)
        msg = page.tr("resume_wrong")
        return page.render("start.html", status=400, title=page.tr("resume_title"), error=msg,
                           errors={"code": msg}, name="", code=code)
    page.data["o"] = sid
    page.data["l"] = web.store.session(sid).locale
    return page.redirect("/roadmap")


async def leave(web: Web, request: Request) -> Response:
    page = Page(web, request)
    form = await page.form()
    if form is None:
        return page.refused()
    keep = {k: page.data[k] for k in ("p", "l") if k in page.data}
    page.data.clear()
    page.data.update(keep, c=security.new_csrf())
    return page.redirect("/")


async def not_found(request: Request, exc: Exception) -> Response:
    web: Web = request.app.state.web
    page = Page(web, request)
    return page.render("message.html", status=404, title=page.tr("not_found"), message=page.tr("not_found"))


async def store_failed(request: Request, exc: Exception) -> Response:
    """The database is down or refused the change: a page saying so (the store's own message, with
    the password taken out of the address), never a traceback. Nothing was changed; the browser's
    back button has the answer still in its field."""
    web: Web = request.app.state.web
    page = Page(web, request, look_up=False)  # ask the database nothing more: it may still be away
    text = exc.translate(page.t) if isinstance(exc, StorageError) else str(exc)
    return page.render("message.html", status=503, title=text, message=text)


class Headers:
    """Security headers on every response (pages, files, errors)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in security.HEADERS.items():
                    if k.encode() not in names:
                        headers.append((k.encode(), v.encode()))
                if not scope["path"].startswith("/static/"):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def warm_up() -> None:
    """Load the language check's detector now (about half a second) rather than on the first
    answer, then take its large tables out of the garbage collector's way."""
    import gc

    try:
        from assistant.i18n.detect import warm_up as load_detector

        load_detector()
    except ImportError:
        pass
    gc.collect()
    gc.freeze()


CONFIG_ENV = "VEIVISER_WEB_CONFIG"


def config_to_env(config: WebConfig) -> str:
    import json

    return json.dumps({"data_dir": str(config.data_dir), "content_dir": config.content_dir,
                       "locales_dir": config.locales_dir, "passcode": config.passcode,
                       "database": config.database, "facilitator_passcode": config.facilitator_passcode})


def from_environment():
    """The app of one worker process when ``veiviser serve --workers N`` runs several: the
    configuration comes from the parent in an environment variable (readable by this user only)."""
    import json
    import os
    import threading

    data = json.loads(os.environ[CONFIG_ENV])
    config = WebConfig(data_dir=Path(data["data_dir"]), content_dir=data["content_dir"],
                       locales_dir=data["locales_dir"], passcode=data["passcode"],
                       database=data.get("database"), facilitator_passcode=data.get("facilitator_passcode"))
    threading.Thread(target=warm_up, daemon=True).start()
    return create_app(config)


def create_app(config: WebConfig, content=None, store: Store | None = None):
    from assistant.web import comments, facilitator, pages

    web = Web(config, content, store)

    def bind(fn):
        async def endpoint(request: Request) -> Response:
            return await fn(web, request)
        return endpoint

    routes = [
        Route("/", bind(home)),
        Route("/join", bind(join), methods=["GET", "POST"]),
        Route("/start", bind(start), methods=["POST"]),
        Route("/code", bind(show_code)),
        Route("/resume", bind(resume), methods=["POST"]),
        Route("/leave", bind(leave), methods=["POST"]),
        Route("/roadmap", bind(pages.roadmap)),
        Route("/flow/{flow_id}", bind(pages.flow_page), methods=["GET", "POST"]),
        Route("/flow/{flow_id}/review", bind(pages.review_page)),
        Route("/flow/{flow_id}/check", bind(pages.check_page), methods=["GET", "POST"]),
        Route("/flow/{flow_id}/download/{filename}", bind(pages.download)),
        Route("/comments/{comment_id:int}/done", bind(comments.mark_done), methods=["POST"]),
        *facilitator.routes(web, bind),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={404: not_found, StorageError: store_failed})
    app.state.web = web
    return Headers(app)
