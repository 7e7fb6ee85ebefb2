"""`interdict serve`: run the REST API with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from interdict.api.app import create_app


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the screening API (OpenAPI docs at /docs)."""
    uvicorn.run(create_app(), host=host, port=port, log_level="info")
