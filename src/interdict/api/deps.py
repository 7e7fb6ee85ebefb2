"""The application's `Services`, handed to API routes and pages as a dependency."""

from __future__ import annotations

from fastapi import Request

from interdict.services import Services


def services(request: Request) -> Services:
    """The services `create_app` built at start-up."""
    found: Services = request.app.state.services
    return found
