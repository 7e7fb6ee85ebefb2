"""The FastAPI application: the REST API and the analyst pages (`web/`) on one server.

Each InterdictError of an API route becomes its HTTP status here, once; the pages
render their errors as HTML (web/rendering.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from interdict import __version__
from interdict.api import media, screen
from interdict.config import Settings
from interdict.errors import InterdictError
from interdict.lists.store import ListStore
from interdict.media.index import BankIndexes
from interdict.media.screen import MediaScreener
from interdict.media.settings import MediaSettings
from interdict.media.store import BankStore
from interdict.members.store import MemberStore
from interdict.members.visibility import ListVisibility
from interdict.review.screening import MemberScreening
from interdict.review.store import ReviewStore
from interdict.screening.loader import load_screener
from interdict.storage.engine import open_engine
from interdict.storage.migrate import upgrade
from interdict.web.pages import install_pages
from interdict.web.services import build_services


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API over the store of `settings`; the screener is built at start-up."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = open_engine(settings.database_url)
        upgrade(engine)
        app.state.members = MemberStore(engine)
        app.state.screener = load_screener(ListStore(engine))
        app.state.screening = MemberScreening(
            app.state.screener,
            ListVisibility(engine),
            ReviewStore(engine),
            settings.alert_threshold,
        )
        app.state.web = build_services(engine, settings, app.state.screening)
        app.state.batch_limit = settings.api_batch_limit
        app.state.media_settings = media_settings = MediaSettings()
        banks = BankStore(engine)
        app.state.media_screener = MediaScreener(
            banks, BankIndexes(banks, media_settings.index_dir), media_settings.match_distance
        )
        yield
        engine.dispose()

    app = FastAPI(
        title="Interdict",
        version=__version__,
        description="Screening against designation lists. Authenticate with a member API key.",
        lifespan=lifespan,
    )
    app.include_router(screen.router)
    app.include_router(media.router)
    install_pages(app)
    app.add_exception_handler(InterdictError, _interdict_error)

    @app.get("/healthz", tags=["health"])
    def health() -> dict[str, object]:
        return {"status": "ok", "entities": len(app.state.screener)}

    return app


async def _interdict_error(_request: Request, exc: Exception) -> JSONResponse:
    status = exc.http_status if isinstance(exc, InterdictError) else 500
    return JSONResponse(status_code=status, content={"status": status, "detail": str(exc)})
