"""The dashboard application factory.

``create_app(store)`` builds a FastAPI app around an open store (datasette's
pattern: the CLI, tests and ``detente serve --get`` each pass their own store,
nothing is built at import). HTML pages and the JSON API under ``/api/v1/``
share one error path: a :class:`~detente.errors.DetenteError` carries its HTTP
status (datasette's status-on-exception), and bad request parameters become a
4xx naming the field, never a 500.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente.errors import DetenteError
from detente.randomness import RandomStateLike
from detente.store import Store
from detente.web.cache import CorpusCache
from detente.web.deps import ScenarioState
from detente.web.docs import add_offline_docs
from detente.web.routes import actors, articles, corpus, dyads, scenario, track

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
"""Where the JSON API lives."""


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number != number:  # NaN
        return "–"
    return f"{number:.{digits}f}"


def _period(value) -> str:
    if value is None:
        return "undated"
    text = str(value)
    return "undated" if text in ("NaT", "None", "nan") else text[:10]


def web_link(url: object) -> str | None:
    """``url`` when it is an absolute http(s) address, else None (never a live ``javascript:``).

    Addresses come from the articles themselves (an HTML page's canonical link, a
    feed's ``url`` field), so only the two schemes a reader can follow safely are
    rendered as links; anything else is shown as text or not at all.
    """
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def templates() -> Jinja2Templates:
    """Jinja2 templates of the dashboard with autoescaping on for every template."""
    env = Environment(loader=PackageLoader("detente.web", "templates"), autoescape=True)
    env.filters["num"] = _fmt
    env.filters["period"] = _period
    env.filters["web_link"] = web_link
    return Jinja2Templates(env=env)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def _error(request: Request, status: int, message: str):
    if _wants_json(request):
        return JSONResponse({"status": status, "error": message}, status_code=status)
    tpl: Jinja2Templates = request.app.state.templates
    return tpl.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def create_app(
    store: Store,
    scenario_path: Path | str | None = None,
    *,
    draws: int = 500,
    random_state: RandomStateLike = None,
) -> FastAPI:
    """The dashboard over ``store``, forecasting ``scenario_path`` (the seed scenario by default).

    Args:
        store: An open :class:`~detente.store.Store`; the app does not close it.
        scenario_path: Scenario file for the scenario pages; read on first use, so a bad
            path shows as an error on those pages only.
        draws: Monte Carlo draws per model of the comparison table.
        random_state: Every draw's (:mod:`detente.randomness`); None: the global seed.
    """
    app = FastAPI(
        title="detente",
        summary="Negotiation news as sourced data: actors, events, dyads and bargaining forecasts.",
        version="1",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    add_offline_docs(app, API_PREFIX)
    app.state.store = store
    app.state.cache = CorpusCache(lambda: store.version())
    app.state.scenario = ScenarioState(scenario_path, draws=draws, random_state=random_state)
    app.state.templates = templates()

    @app.exception_handler(DetenteError)
    async def detente_error(request: Request, exc: DetenteError):
        return _error(request, exc.status, exc.one_line())

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return _error(request, 422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return _error(request, exc.status_code, message)

    for module in (corpus, articles, actors, dyads, scenario, track):
        app.include_router(module.router)

    @app.get("/healthz", include_in_schema=False, response_class=HTMLResponse)
    def healthz() -> str:
        return "ok"

    return app
