"""What `interdict serve` costs outside the matching: idle, and per request on one
kept-alive connection.

    .venv/bin/python bench/serve_overhead.py [--database-url URL] [--idle 30] [--requests 1000]
    PYTHONPATH=/tmp/before/src .venv/bin/python bench/serve_overhead.py   # an older tree

Two things no load run shows on its own:
- the server's CPU while nothing is asked (its background passes: webhook deliveries,
  the lists' watch), which every worker pays all day;
- the time and CPU of one request answered without matching: `GET /healthz`, and
  `POST /v1/screen` of a name screened just before (its answer kept), sent one after
  another on one kept-alive connection, as a payment gateway's pool sends them. The
  client turns Nagle's algorithm off on its side; what the server does is measured.

The store is made as bench/load.py makes it (every bundled list, ~40 s) unless
--database-url names one that has them.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import cpu_s, prepare_store, serving
from match_speed import machine

Request = tuple[str, str, bytes | None, dict[str, str]]


def kept_alive(
    port: int, server_pid: int, request: Request, count: int
) -> tuple[list[float], float]:
    """Each request's seconds to its whole answer, and the server's CPU seconds a
    request, on one kept-alive connection (http.client turns Nagle off on its side)."""
    method, path, body, headers = request
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def exchange() -> float:
        sent = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        answer = connection.getresponse()
        answer.read()
        if answer.status != 200:
            raise RuntimeError(f"{method} {path}: HTTP {answer.status}")
        return time.perf_counter() - sent

    try:
        for _ in range(20):  # the answer kept, the connection warm
            exchange()
        before = cpu_s(server_pid)
        took = [exchange() for _ in range(count)]
        return took, (cpu_s(server_pid) - before) / count
    finally:
        connection.close()


def screen_request(key: str, name: str) -> Request:
    body = json.dumps({"schema": "Person", "properties": {"name": [name]}}).encode()
    return "POST", "/v1/screen", body, {"Content-Type": "application/json", "X-API-Key": key}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="a store with the bundled lists, or none")
    parser.add_argument("--idle", type=float, default=30.0, help="seconds measured idle")
    parser.add_argument("--requests", type=int, default=1000, help="requests of each kind")
    args = parser.parse_args()
    console = Console()
    url, keys, _ = prepare_store(args.database_url, 1, console)
    with serving(url, 1, "interdict-overhead-log-") as (port, server, _):
        time.sleep(5)  # the first passes after start-up
        before = cpu_s(server.pid)
        time.sleep(args.idle)
        idle_ms = (cpu_s(server.pid) - before) * 1000 / args.idle
        rows = []
        for label, request in (
            ("GET /healthz", ("GET", "/healthz", None, {})),
            ("POST /v1/screen, answer kept, no hit", screen_request(keys[0], "Quentin Marlowe")),
            ("POST /v1/screen, answer kept, a hit", screen_request(keys[0], "Ayman al-Zawahiri")),
        ):
            took, cpu = kept_alive(port, server.pid, request, args.requests)
            took_ms = sorted(t * 1000 for t in took)
            rows.append(
                (
                    label,
                    f"{statistics.median(took_ms):.2f}",
                    f"{took_ms[int(len(took_ms) * 0.99) - 1]:.2f}",
                    f"{cpu * 1000:.2f}",
                )
            )
    table = Table(title=f"interdict serve outside matching — {machine()}")
    for column in ("request, one kept-alive connection", "p50 ms", "p99 ms", "server CPU ms"):
        table.add_column(column, justify="left" if column.startswith("request") else "right")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print(f"idle server: {idle_ms:.1f} ms of CPU a second ({args.idle:g} s measured)")


if __name__ == "__main__":
    main()
