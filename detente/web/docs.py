"""API documentation pages that work offline.

FastAPI's own ``/docs`` page loads Swagger UI's script and stylesheet from a CDN, so it
is blank on a machine without internet access (and leaks every visit to a third party).
The same assets ship in the ``fastapi-offline`` package; detente serves them from the
installed package under ``/api/v1/docs-assets`` and renders Swagger UI (``/api/v1/docs``)
against them, with the online spec validator badge turned off, so the page makes no
request off the machine. (ReDoc is left out: its page fetches a logo from a CDN.)
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles


def add_offline_docs(app: FastAPI, prefix: str) -> None:
    """Serve Swagger UI at ``{prefix}/docs`` from local assets.

    ``app`` must be built with ``docs_url=None`` and ``redoc_url=None`` (FastAPI's CDN pages).
    """
    assets = f"{prefix}/docs-assets"
    app.mount(
        assets,
        StaticFiles(directory=str(files("fastapi_offline") / "static")),
        name="docs-assets",
    )
    title = f"{app.title}: JSON API"

    @app.get(f"{prefix}/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title=title,
            swagger_js_url=f"{assets}/swagger-ui-bundle.js",
            swagger_css_url=f"{assets}/swagger-ui.css",
            swagger_favicon_url=f"{assets}/favicon.png",
            swagger_ui_parameters={"validatorUrl": None},
        )
