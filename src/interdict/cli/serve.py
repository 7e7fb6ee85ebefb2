"""`interdict serve`: run the REST API and the analyst pages with uvicorn."""

from __future__ import annotations

import socket
from typing import Annotated

import typer
import uvicorn

from interdict.api.app import create_app
from interdict.api.logs import LogFormat, configure_logging
from interdict.cli.context import services, settings
from interdict.cli.server import BoundedServer, header_timeout_protocol
from interdict.config import Settings
from interdict.errors import InputError


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=64,
            help="Server processes sharing the port, one core each "
            "[default: INTERDICT_SERVE_WORKERS, 1].",
        ),
    ] = None,
) -> None:
    """Serve the screening API (OpenAPI docs at /docs) and the analyst pages.

    The port is taken and the store checked before anything is loaded, so a busy port
    or a missing store is reported at once. Lists load in the background (/readyz).
    With several workers, each loads the lists itself (memory grows with them: see
    docs/deployment.md).
    """
    services(ctx)  # the store must exist: StoreError now, not inside the server
    given = settings(ctx)
    count = workers or given.serve_workers
    listener = _bind(host, port, given.serve_backlog)
    if count == 1:
        server_for(given).run(sockets=[listener])
        return
    from interdict.cli.workers import run_workers

    configure_logging(LogFormat(given.log_format), given.log_level)
    run_workers(given, listener, count)


def server_for(given: Settings) -> BoundedServer:
    """The server of one process (`interdict serve`, or each of its workers)."""
    config = uvicorn.Config(
        create_app(given),
        log_level="info",
        # One JSON event a request comes from the app (api/logs.py); uvicorn's own plain
        # access line would repeat it.
        access_log=False,
        # libuv's loop, not asyncio's own: each request's hand-overs between the loop and
        # the screening threads, its socket reads and writes, run in C. Under load
        # (bench/load.py, 150 req/s, 2 workers) it answered with 0 shed requests where
        # asyncio's loop shed 106–309, p99 129–428 ms against 572–648 (docs/benchmarks.md,
        # "Load"). Named, not "auto": the loop measured is the loop that runs.
        loop="uvloop",
        # Slow clients (cli/server.py, docs/deployment.md): headers must all arrive
        # within a timeout and are capped in size, idle keep-alive connections are
        # closed, and past a number of connections or requests at once the answer is
        # 503. A request's own work is bounded by the app (api/timeout.py). Always h11,
        # even where httptools is installed: the header cap and timeout are h11's.
        http=header_timeout_protocol(given.serve_header_timeout_s),
        h11_max_incomplete_event_size=given.serve_max_header_bytes,
        timeout_keep_alive=given.serve_keep_alive_s,
        limit_concurrency=given.serve_max_concurrency,
        backlog=given.serve_backlog,
        # SIGTERM: stop accepting, let running requests finish for the grace period,
        # cancel the rest, exit (BoundedServer: within 3 s more even if shutdown hangs).
        timeout_graceful_shutdown=given.serve_shutdown_grace_s,
    )
    return BoundedServer(config)


def _bind(host: str, port: int, backlog: int) -> socket.socket:
    """The listening socket, made here so that a busy port is one line and exit 2.

    Its protocol is named (IPPROTO_TCP), not left 0: asyncio turns Nagle's algorithm off
    (TCP_NODELAY) only on accepted sockets whose protocol says TCP. Left 0, every answer
    on a kept-alive connection after the first sent its body ~40 ms after its headers
    (Nagle waiting for the client's delayed ACK).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as exc:
        listener.close()
        raise InputError(f"--port {port}: cannot listen on {host}:{port}: {exc.strerror}") from None
    listener.listen(backlog)
    return listener
