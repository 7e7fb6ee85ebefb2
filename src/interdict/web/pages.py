"""Mount the analyst pages and their stylesheet on an application."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from interdict.web import alert_pages, auth_pages, overview_pages, travel_pages

STATIC = Path(__file__).with_name("static")


def install_pages(app: FastAPI) -> None:
    """Add every page route; `app.state.web` must hold the Services at start-up."""
    app.include_router(auth_pages.router)
    app.include_router(overview_pages.router)
    app.include_router(alert_pages.router)
    app.include_router(travel_pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
