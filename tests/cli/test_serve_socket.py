"""The socket `interdict serve` listens on (cli/serve.py `_bind`).

asyncio turns Nagle's algorithm off (TCP_NODELAY) only on accepted sockets whose
protocol says TCP; a listener made with protocol 0 passes 0 on to every connection, and
then each answer after the first on a kept-alive connection sent its body ~40 ms after
its headers (Nagle waiting for the client's delayed ACK): 44 ms a `/healthz` instead of
1.6, and 40 ms on every screen of a client that keeps its connection, as payment
gateways and load balancers do.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import uvloop

from interdict.cli.serve import _bind, server_for
from interdict.config import Settings

LoopFactory = Callable[[], asyncio.AbstractEventLoop]


def test_connections_accepted_on_the_listener_send_without_delay() -> None:
    assert _accepted_delays(asyncio.new_event_loop) == [1]


def test_the_server_runs_on_libuv_s_loop_which_also_sends_without_delay(tmp_path: Path) -> None:
    """The loop `interdict serve` runs on (uvloop: docs/benchmarks.md, "Load")."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'interdict.db'}")
    config = server_for(settings).config
    assert config.loop == "uvloop"  # named: never a silent fallback to asyncio's loop
    factory = config.get_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert isinstance(loop, uvloop.Loop)
    finally:
        loop.close()
    assert _accepted_delays(factory) == [1]


def _accepted_delays(loop_factory: LoopFactory) -> list[int]:
    """TCP_NODELAY of one connection accepted on `_bind`'s listener by a server on a
    loop made by `loop_factory`."""
    delays: list[int] = []

    class Note(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            accepted = transport.get_extra_info("socket")
            delays.append(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one(listener: socket.socket) -> None:
        server = await asyncio.get_running_loop().create_server(Note, sock=listener)
        async with server:
            _, writer = await asyncio.open_connection(*listener.getsockname())
            while not delays:
                await asyncio.sleep(0.01)
            writer.close()
            await writer.wait_closed()

    def run(listener: socket.socket) -> None:
        with asyncio.Runner(loop_factory=loop_factory) as runner:
            runner.run(asyncio.wait_for(accept_one(listener), 10))

    # A loop of its own in a thread of its own: the test's thread may hold another.
    with closing(_bind("127.0.0.1", 0, 8)) as listener, ThreadPoolExecutor(1) as thread:
        thread.submit(run, listener).result()
    return delays
