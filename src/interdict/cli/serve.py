"""`interdict serve`: run the REST API and the analyst pages with uvicorn."""

from __future__ import annotations

import socket
from typing import Annotated

import typer
import uvicorn

from interdict.api.app import create_app
from interdict.cli.context import services, settings
from interdict.errors import InputError


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Serve the screening API (OpenAPI docs at /docs) and the analyst pages.

    The port is taken and the store checked before anything is loaded, so a busy port
    or a missing store is reported at once. Lists load in the background (/readyz).
    """
    services(ctx)  # the store must exist: StoreError now, not inside the server
    listener = _bind(host, port)
    config = uvicorn.Config(
        create_app(settings(ctx)),
        log_level="info",
        # One JSON event a request comes from the app (api/logs.py); uvicorn's own plain
        # access line would repeat it.
        access_log=False,
        # Idle keep-alive connections are closed after 5 s, headers are capped at
        # 16 KB, and at most 200 requests run at once (503 beyond): a flood of slow
        # clients cannot hold every worker. uvicorn has no timeout for headers that
        # trickle in: run behind a reverse proxy that has one (docs/deployment.md).
        timeout_keep_alive=5,
        h11_max_incomplete_event_size=16_384,
        limit_concurrency=200,
        # SIGTERM: stop accepting, let running requests finish for up to 10 s, exit.
        timeout_graceful_shutdown=10,
    )
    uvicorn.Server(config).run(sockets=[listener])


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as exc:
        listener.close()
        raise InputError(f"--port {port}: cannot listen on {host}:{port}: {exc.strerror}") from None
    listener.listen(2048)
    return listener
