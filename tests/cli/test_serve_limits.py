"""`interdict serve` as a real process against slow clients and SIGTERM (issue 16).

The probe held 500 connections open by sending headers a byte at a time, and a server
whose worker was busy did not stop on SIGTERM. The tests start `interdict serve` as
operators do, with the bound under test set small in its environment, and, for the
last resort, a stub app whose shutdown hangs under the same server class.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest

from interdict.cli.server import FORCED_EXIT_STATUS, SHUTDOWN_MARGIN_S
from tests.api.test_screen_api import store_with_un_list

# Asserts header and shutdown timeouts: run alone, after the parallel tests (bin/test).
pytestmark = pytest.mark.timing

#: Seconds a server may take to load the UN list and answer /readyz.
START_S = 60.0


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'serve.db'}"
    return url, store_with_un_list(url, "bank-a")


@contextmanager
def server(
    url: str, folder: Path, **settings: object
) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """`interdict serve` on a free port with `settings` as INTERDICT_* variables, ready."""
    port = _free_port()
    env = {**os.environ, "INTERDICT_DATABASE_URL": url}
    env.update({f"INTERDICT_{k.upper()}": str(v) for k, v in settings.items()})
    with (folder / f"serve-{port}.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "interdict.cli", "serve", "--port", str(port)],
            env=env,
            cwd=folder,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_ready(port, process)
            yield process, port
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_ready(port: int, process: subprocess.Popen[bytes]) -> None:
    give_up = time.monotonic() + START_S
    while time.monotonic() < give_up:
        assert process.poll() is None, "the server exited while starting"
        try:
            if _get(port, "/readyz") == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the server was not ready within {START_S} s")


def _get(port: int, path: str) -> int:
    with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=5)) as connection:
        connection.request("GET", path)
        return connection.getresponse().status


def _closed_after(connection: socket.socket, trickle: bytes, limit_s: float) -> float:
    """Send `trickle` a line every 0.2 s until the server closes; seconds it took."""
    started = time.monotonic()
    connection.settimeout(0.2)
    while time.monotonic() - started < limit_s:
        try:
            connection.sendall(trickle)
            if connection.recv(1024) == b"":
                return time.monotonic() - started
        except TimeoutError:
            continue
        except (BrokenPipeError, ConnectionResetError):
            return time.monotonic() - started
    raise AssertionError(f"the connection was still open after {limit_s} s")


def test_a_client_sending_headers_slowly_is_disconnected_within_the_header_timeout(
    store: tuple[str, str], tmp_path: Path
) -> None:
    url, _key = store
    with server(url, tmp_path, serve_header_timeout_s=1, serve_keep_alive_s=30) as (_, port):
        with socket.create_connection(("127.0.0.1", port)) as slow:
            slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            # A header line resets no timer: the request's headers had 1 s in all.
            assert _closed_after(slow, b"X-Slow: 1\r\n", limit_s=5) < 2.5
        # The same on a kept-alive connection, for the headers of its next request.
        with socket.create_connection(("127.0.0.1", port)) as kept:
            kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            assert kept.recv(4096).startswith(b"HTTP/1.1 200")
            kept.sendall(b"GET /healthz HTTP/1.1\r\n")
            assert _closed_after(kept, b"X-Slow: 1\r\n", limit_s=5) < 2.5
        # A client that sends its headers at once is unaffected.
        assert _get(port, "/healthz") == 200


def test_answers_on_a_kept_alive_connection_come_whole_without_waiting(
    store: tuple[str, str], tmp_path: Path
) -> None:
    """Nagle's algorithm off on the server's connections (test_serve_socket.py): with it
    on, each answer after the first came ~40 ms late, its body held back until the
    client's delayed ACK of the headers."""
    url, _key = store
    took = []
    with server(url, tmp_path) as (_, port), socket.create_connection(("127.0.0.1", port)) as kept:
        kept.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for _ in range(10):
            sent = time.monotonic()
            kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = b""
            while not answer.endswith(b'{"status":"ok"}'):
                answer += kept.recv(4096)
            took.append(time.monotonic() - sent)
    # Linux delays an ACK at least 40 ms: an answer held for one cannot come sooner.
    assert sorted(took)[len(took) // 2] < 0.025, took


def test_sigterm_during_a_long_request_exits_within_the_grace_period(
    store: tuple[str, str], tmp_path: Path
) -> None:
    url, key = store
    grace = 2
    limits = {
        "serve_shutdown_grace_s": grace,
        "api_batch_limit": 5000,
        "api_max_batch_chars": 1_000_000,
    }
    queries = {
        str(i): {"schema": "Person", "properties": {"name": [f"Ayman al Zawahiri {i}"]}}
        for i in range(5000)
    }
    with server(url, tmp_path, **limits) as (process, port):
        answers: list[Any] = []

        def send_batch() -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
            with closing(connection):
                try:
                    body = json.dumps({"queries": queries})
                    connection.request("POST", "/v1/screen/batch", body=body, headers=headers)
                    response = connection.getresponse()
                    answers.append((response.status, json.loads(response.read())))
                except (OSError, http.client.HTTPException) as exc:
                    answers.append(exc)

        client = threading.Thread(target=send_batch)
        client.start()
        time.sleep(2.0)  # the batch of 5,000 queries is well under way (minutes in all)
        assert not answers, "the batch ended before SIGTERM: make it longer"
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=grace + SHUTDOWN_MARGIN_S + 30)
        took = time.monotonic() - sent
        client.join(timeout=10)
    # Cancelled at the end of the grace period, the batch stopped at its next query, the
    # client was told, and the process exited by itself (uvicorn re-raises the signal
    # once it is done), not by the shutdown watchdog.
    assert took < grace + SHUTDOWN_MARGIN_S
    assert status == -signal.SIGTERM != FORCED_EXIT_STATUS
    assert answers[0][0] == 503, answers
    assert "shutting down" in answers[0][1]["detail"]


STUCK_SERVER = """
import contextlib, sys, time, uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from interdict.cli.server import BoundedServer

@contextlib.asynccontextmanager
async def lifespan(app):
    yield
    time.sleep(120)  # a shutdown that hangs, as a webhook delivery waiting on its receiver

app = Starlette(routes=[Route("/up", lambda r: PlainTextResponse("up"))], lifespan=lifespan)
config = uvicorn.Config(app, port=int(sys.argv[1]), timeout_graceful_shutdown=1, log_level="info")
BoundedServer(config).run()
"""


def test_a_shutdown_that_hangs_does_not_keep_the_process_alive(tmp_path: Path) -> None:
    """The last resort: when the application's own shutdown hangs past the grace period
    and the margin, the process exits anyway, with FORCED_EXIT_STATUS."""
    port = _free_port()
    with (tmp_path / "stuck.log").open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", STUCK_SERVER, str(port)], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            give_up = time.monotonic() + START_S
            while not _answers(port, "/up") and time.monotonic() < give_up:
                time.sleep(0.1)
            sent = time.monotonic()
            process.send_signal(signal.SIGTERM)
            status = process.wait(timeout=30)
            took = time.monotonic() - sent
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert status == FORCED_EXIT_STATUS
    assert 1 + SHUTDOWN_MARGIN_S - 0.5 < took < 1 + SHUTDOWN_MARGIN_S + 2
    assert "after the grace period" in (tmp_path / "stuck.log").read_text()


def _answers(port: int, path: str) -> bool:
    try:
        return _get(port, path) == 200
    except OSError:
        return False
