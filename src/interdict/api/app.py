"""The FastAPI application: the REST API and the analyst pages (`web/`) on one server.

`create_app(settings)` is, with the CLI's callback, the only place services are built
(services.py). Each InterdictError of an API route becomes its HTTP status here, once;
the pages render their errors as HTML (web/rendering.py).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import CapacityLimiter
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from interdict import __version__
from interdict.api import alerts, health, media, metrics, payments, screen, travel, yente
from interdict.api.deps import retry_headers
from interdict.api.docs import install_docs
from interdict.api.guard import RequestGuard
from interdict.api.logs import LogFormat, configure_logging
from interdict.api.metrics import AppMetrics, RequestObserver
from interdict.api.timeout import RequestTimeout
from interdict.config import Settings, load_settings
from interdict.entities.country import load_country_names
from interdict.errors import InterdictError
from interdict.screening.shared_answers import SHARED_ANSWERS_ENV
from interdict.services import build_services
from interdict.web.pages import install_pages


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API over the store of `settings`; it must exist (`interdict init`).

    The active lists are loaded before the first request is accepted, then kept
    current in the background (screening/live.py); /readyz says what is loaded.
    """
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The threads screens run in (api/threads.py), made in the server's own loop.
        app.state.screening_threads = CapacityLimiter(settings.serve_screen_threads)
        # A worker of `serve --workers` shares clean answers with its siblings.
        shared = os.environ.get(SHARED_ANSWERS_ENV)
        services = build_services(settings, shared_answers=Path(shared) if shared else None)
        app.state.services = services
        app.state.members = services.members
        load_country_names()
        services.screener.refresh()
        services.screener.start(settings.list_check_s)
        webhooks = services.webhook_worker()
        webhooks.start()
        try:
            yield
        finally:
            webhooks.stop()
            services.close()

    app = FastAPI(
        title="Interdict",
        version=__version__,
        description="Screening against designation lists. Authenticate with a member API key.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    install_docs(app)
    configure_logging(LogFormat(settings.log_format), settings.log_level)
    app.state.metrics = AppMetrics(app.state)
    app.include_router(health.router)
    app.include_router(metrics.router)
    app.include_router(screen.router)
    app.include_router(media.router)
    app.include_router(payments.router)
    app.include_router(travel.router)
    app.include_router(yente.router)
    app.include_router(alerts.router)
    install_pages(app)
    app.add_middleware(RequestGuard)
    app.add_middleware(RequestTimeout, limit_s=settings.api_request_timeout_s)
    app.add_middleware(RequestObserver)  # outermost: refusals are counted and logged too
    app.add_exception_handler(InterdictError, _interdict_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    return app


async def _invalid_request(_request: Request, exc: Exception) -> JSONResponse:
    """422 naming each bad field, without echoing the input back.

    FastAPI's default answer repeats the offending value, and a value JSON cannot
    encode (NaN, Infinity, a lone surrogate) turned a clear 422 into a 500.
    """
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    detail = [
        {"loc": [str(part) for part in e["loc"]], "msg": e["msg"], "type": e["type"]}
        for e in errors
    ]
    return JSONResponse(status_code=422, content={"status": 422, "detail": detail})


async def _interdict_error(_request: Request, exc: Exception) -> JSONResponse:
    status = exc.http_status if isinstance(exc, InterdictError) else 500
    headers = retry_headers(exc) if isinstance(exc, InterdictError) else None
    return JSONResponse(
        status_code=status, content={"status": status, "detail": str(exc)}, headers=headers
    )
