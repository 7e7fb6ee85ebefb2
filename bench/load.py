"""Load: a fixed request rate against `interdict serve`, then `interdict audit verify`.

    python bench/load.py [--database-url URL] [--rate 100] [--duration 600] [--workers 1]
                         [--members 8] [--match-share 0.25] [--connections 64] [--seed 7]
                         [--client h11|httpx]

Without --database-url a SQLite store is made in a temporary folder; with one (an empty
PostgreSQL database, say) the store is created there. Either way the bundled lists are
imported (`import_bundled`, ~20 s, audited like any import) and --members members get an
API key each. `interdict serve` then runs as a subprocess on a free loopback port,
exactly as an operator starts it (`--workers N`: that many server processes, all counted
as the server). The client is asyncio in this process, open loop: request i is due at
start + i/rate whatever the server does, so a slow server meets a growing queue instead
of a politely slower client; latency is counted from when a request was due. A request
due while --connections are already in flight is not sent and counts as an error
("shed"), which keeps an overloaded run as long as --duration. Requests go round-robin
over the members, --match-share of them to yente's `POST /match/default` (one query),
the rest to `POST /v1/screen`; a fifth of the names are listed ones (hits: alerts and
audit records written), the rest names nobody listed. Reported: throughput of answered
requests, p50/p95/p99/max, errors by kind (any non-2xx or transport error), CPU time per
answered request of the server and of the client (what a request costs however busy the
machine is), the server's peak RSS (VmHWM), and the result and time of `interdict audit
verify` run after the server stopped; for runs of two minutes or more, the same latencies
and errors minute by minute.

The client shares the machine's cores with the server, so what it spends is taken from
the server: `--client h11` (the default) writes each request's bytes with h11 over
asyncio streams, keeping connections alive: ~1.5 ms of CPU a request where httpx's
client (`--client httpx`, the client of the earlier tables) spent ~5.6 (docs/benchmarks.md,
"Load").
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import h11
import httpx
from prometheus_client.parser import text_string_to_metric_families
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from interdict.config import Settings
from interdict.services import Services, build_services
from interdict.storage.engine import sqlite_path
from match_speed import FIRST_NAMES, SURNAMES, machine

INTERDICT = Path(sys.executable).with_name("interdict")
LISTED_SHARE = 0.2
#: Listed names sampled from each list's active version (the hits of the load).
LISTED_PER_LIST = 200


@dataclass
class Outcome:
    """What the client saw."""

    latencies_s: list[float] = field(default_factory=list)
    #: When each answered request was due, seconds from the start (by_minute).
    due_s: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    #: When each failed request was due.
    error_due_s: list[float] = field(default_factory=list)
    sent: int = 0
    elapsed_s: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    #: The server's /metrics after the run: subjects asked, and of them answered from a
    #: worker's kept answers or from another worker's clean ones (the rest were matched).
    answers: dict[str, float] = field(default_factory=dict)


def prepare_store(
    url: str | None, members: int, console: Console
) -> tuple[str, list[str], list[str]]:
    """The store's URL (created, the bundled lists imported), one API key per member and
    a sample of listed names."""
    url = url or f"sqlite:///{tempfile.mkdtemp(prefix='interdict-load-')}/load.db"
    svc = build_services(Settings(database_url=url), create=True)
    try:
        started = time.perf_counter()
        svc.import_bundled(actor="bench")
        console.print(f"bundled lists in the store after {time.perf_counter() - started:.1f} s")
        stamp = f"{os.getpid()}-{int(time.time())}"
        keys = [
            svc.members.issue_key(svc.members.create_member(f"load-{stamp}-{n}"), "bench")
            for n in range(members)
        ]
        names = listed_names(svc)
    finally:
        svc.close()
    return url, keys, names


def listed_names(svc: Services) -> list[str]:
    names = []
    for list_name in svc.lists.list_names():
        version = svc.lists.active_version(list_name)
        for n, entity in enumerate(svc.lists.entities(version.id)):
            if n >= LISTED_PER_LIST:
                break
            if entity.names:
                names.append(entity.names[0].full)
    return names


def subjects(listed: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [
        rng.choice(listed)
        if rng.random() < LISTED_SHARE
        else f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}".title()
        for _ in range(count)
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(url: str, port: int, log: Path, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "INTERDICT_DATABASE_URL": url}
    command = [str(INTERDICT), "serve", "--port", str(port)]
    command += ["--workers", str(workers)] if workers > 1 else []  # as a tree without it
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=out)


def wait_ready(
    base: str, server: subprocess.Popen[bytes], log: Path, workers: int, timeout_s: float = 300
) -> None:
    """Every worker started (each says so in the log) and /readyz answers 200."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"interdict serve exited with {server.returncode}")
        try:
            started = log.read_text(errors="replace").count("Application startup complete")
            if started >= workers and httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError("interdict serve did not become ready")


@contextlib.contextmanager
def serving(
    url: str, workers: int, log_prefix: str
) -> Iterator[tuple[int, subprocess.Popen[bytes], Path]]:
    """`interdict serve` on a free loopback port, ready (`wait_ready`), and stopped with
    SIGTERM on the way out, whatever happened: its port, its process and its log."""
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix=log_prefix)) / "serve.log"
    server = start_server(url, port, log, workers)
    try:
        wait_ready(f"http://127.0.0.1:{port}", server, log, workers)
        yield port, server, log
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (the workers of `serve --workers`), Linux /proc."""
    found = [pid]
    for parent in found:
        with contextlib.suppress(FileNotFoundError):
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text()
            found += [int(c) for c in children.split()]
    return found


def cpu_s(pid: int) -> float:
    """User + system CPU seconds a process and its running descendants have used."""
    total = 0.0
    for each in process_tree(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def peak_rss_mib(pid: int) -> float:
    """The sum of the peak resident memory of a process and its descendants."""
    total = 0.0
    for each in process_tree(pid):
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except FileNotFoundError:
            continue
        total += sum(
            int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")
        )
    return total


class H11Client:
    """POSTs over kept-alive HTTP/1.1 connections: asyncio streams framed by h11.

    A connection idle for more than `keepalive_s` is let go before the server's own
    keep-alive timeout (5 s) closes it under a request being sent.
    """

    def __init__(self, host: str, port: int, keepalive_s: float = 2.0) -> None:
        self.host, self.port, self.keepalive_s = host, port, keepalive_s
        self.idle: list[
            tuple[asyncio.StreamReader, asyncio.StreamWriter, h11.Connection, float]
        ] = []

    async def post(self, path: str, body: bytes, key: str) -> int:
        reader, writer, conn = await self._connection()
        try:
            request = h11.Request(
                method="POST",
                target=path,
                headers=[
                    ("Host", self.host),
                    ("Content-Type", "application/json"),
                    ("Content-Length", str(len(body))),
                    ("X-API-Key", key),
                ],
            )
            writer.write(
                conn.send(request) + conn.send(h11.Data(data=body)) + conn.send(h11.EndOfMessage())
            )
            status = 0
            while True:
                event = conn.next_event()
                if event is h11.NEED_DATA:
                    conn.receive_data(await reader.read(65536))
                elif isinstance(event, h11.Response):
                    status = event.status_code
                elif isinstance(event, h11.EndOfMessage):
                    break
                elif isinstance(event, h11.ConnectionClosed):
                    raise ConnectionResetError("the server closed the connection")
        except BaseException:
            writer.close()
            raise
        if conn.our_state is h11.DONE and conn.their_state is h11.DONE:
            conn.start_next_cycle()
            self.idle.append((reader, writer, conn, time.monotonic()))
        else:
            writer.close()
        return status

    async def _connection(
        self,
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, h11.Connection]:
        while self.idle:
            reader, writer, conn, since = self.idle.pop()
            if time.monotonic() - since < self.keepalive_s and not reader.at_eof():
                return reader, writer, conn
            writer.close()
        reader, writer = await asyncio.open_connection(self.host, self.port)
        return reader, writer, h11.Connection(h11.CLIENT)

    def close(self) -> None:
        for _, writer, _, _ in self.idle:
            writer.close()
        self.idle.clear()


async def drive(base: str, keys: list[str], names: list[str], args: argparse.Namespace) -> Outcome:
    """Send `rate` requests a second for `duration` seconds, open loop."""
    total = int(args.rate * args.duration)
    outcome = Outcome(sent=total)
    # Idle connections are let go before the server's 5 s keep-alive timeout closes them
    # (a request sent on a connection the server is closing fails with ReadError).
    limits = httpx.Limits(
        max_connections=args.connections,
        max_keepalive_connections=args.connections,
        keepalive_expiry=2,
    )
    gate = asyncio.Semaphore(args.connections)
    rng = random.Random(args.seed + 1)
    lean = H11Client("127.0.0.1", int(base.rsplit(":", 1)[1]))
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def send(path: str, body: bytes, key: str) -> int:
            if args.client == "h11":
                return await asyncio.wait_for(lean.post(path, body, key), 60)
            headers = {"X-API-Key": key, "Content-Type": "application/json"}
            return (await client.post(path, content=body, headers=headers)).status_code

        async def one(i: int, due: float) -> None:
            path, query = request(names[i], rng.random() < args.match_share)
            body = json.dumps(query).encode()
            if gate.locked():  # --connections requests in flight already: shed, not queued
                failed(f"shed ({args.connections} in flight)", due)
                return
            async with gate:
                try:
                    status = await send(path, body, keys[i % len(keys)])
                except (httpx.HTTPError, OSError, h11.ProtocolError, TimeoutError) as exc:
                    failed(type(exc).__name__, due)
                    return
            if 200 <= status < 300:
                outcome.latencies_s.append(time.perf_counter() - due)
                outcome.due_s.append(due - start)
            else:
                failed(f"HTTP {status}", due)

        def failed(kind: str, due: float) -> None:
            outcome.errors[kind] += 1
            outcome.error_due_s.append(due - start)

        running: set[asyncio.Task[None]] = set()
        start = time.perf_counter()
        for i in range(total):  # each request starts when it is due, answered or not
            due = start + i / args.rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            task = asyncio.create_task(one(i, due))
            running.add(task)
            task.add_done_callback(running.discard)
        await asyncio.gather(*running)
        outcome.elapsed_s = time.perf_counter() - start
    lean.close()
    return outcome


def request(name: str, as_match: bool) -> tuple[str, dict[str, object]]:
    query: dict[str, object] = {"schema": "Person", "properties": {"name": [name]}}
    if as_match:
        return "/match/default", {"queries": {"q": query}}
    return "/v1/screen", query


def verify_audit(url: str) -> tuple[str, float]:
    env = {**os.environ, "INTERDICT_DATABASE_URL": url}
    started = time.perf_counter()
    done = subprocess.run(
        [str(INTERDICT), "audit", "verify"], env=env, capture_output=True, text=True, check=False
    )
    took = time.perf_counter() - started
    said = (done.stdout.strip() or done.stderr.strip()).splitlines()
    return (said[-1] if said else f"exit code {done.returncode}"), took


def report(
    args: argparse.Namespace, url: str, outcome: Outcome, rss: float, audit: tuple[str, float]
) -> Table:
    ms = sorted(x * 1000 for x in outcome.latencies_s)
    answered = len(ms)

    store = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    table = Table(
        title=f"bench/load.py — {store}, {args.workers} server process(es), "
        f"{args.rate:g} req/s for {args.duration:g} s, {args.client} client"
    )
    table.add_column("measure")
    table.add_column("value", justify="right")
    rows = [
        ("requests sent / answered 2xx", f"{outcome.sent} / {answered}"),
        ("throughput (2xx per second)", f"{answered / outcome.elapsed_s:.1f}"),
        (
            "latency p50 / p95 / p99 / max (ms)",
            " / ".join(percentile(ms, p) for p in (0.50, 0.95, 0.99, 1.0)) if ms else "-",
        ),
        ("latency mean (ms)", f"{statistics.fmean(ms):.1f}" if ms else "-"),
        ("errors", ", ".join(f"{k}: {v}" for k, v in outcome.errors.most_common()) or "0"),
        ("CPU per answered request: server / client (ms)", _cpu_per_request(outcome, answered)),
        ("server peak RSS, all its processes (MiB)", f"{rss:.0f}"),
        ("subjects asked: matched / kept answer / another worker's", _answers(outcome.answers)),
        ("interdict audit verify", f"{audit[0]} ({audit[1]:.1f} s)"),
        (
            "mix",
            f"{1 - args.match_share:.0%} /v1/screen, {args.match_share:.0%} /match/default, "
            f"{args.members} members",
        ),
        ("machine", machine()),
    ]
    for row in rows:
        table.add_row(*row)
    return table


#: The screener's answer gauges of /metrics, by what the report calls them.
ANSWER_GAUGES = {
    "interdict_screen_subjects_asked": "asked",
    "interdict_screen_answers_reused": "reused",
    "interdict_screen_answers_shared": "shared",
}


def answer_counts(base: str) -> dict[str, float]:
    """The screener's answer gauges from /metrics (summed over the workers); those a
    server does not report are left out."""
    text = httpx.get(f"{base}/metrics", timeout=30).text
    return {
        ANSWER_GAUGES[sample.name]: sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name in ANSWER_GAUGES
    }


def _answers(counts: dict[str, float]) -> str:
    if "asked" not in counts:
        return "-"
    asked, kept, shared = counts["asked"], counts.get("reused", 0), counts.get("shared", 0)
    return f"{asked:,.0f}: {asked - kept - shared:,.0f} / {kept:,.0f} / {shared:,.0f}"


def by_minute(outcome: Outcome) -> Table:
    """The run minute by minute (by when requests were due): where a whole run's tail
    comes from, a cold start (answers not yet kept, shared rows not yet made) or the
    steady state."""
    table = Table(title="bench/load.py — minute by minute (requests by when they were due)")
    for column in ("minute", "answered 2xx", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"):
        table.add_column(column, justify="right")
    minutes = int(max(outcome.due_s + outcome.error_due_s, default=0) // 60) + 1
    latencies: list[list[float]] = [[] for _ in range(minutes)]
    for due, latency in zip(outcome.due_s, outcome.latencies_s, strict=True):
        latencies[int(due // 60)].append(latency * 1000)
    errors = Counter(int(due // 60) for due in outcome.error_due_s)
    for minute, ms in enumerate(latencies):
        ms.sort()
        table.add_row(
            str(minute + 1),
            str(len(ms)),
            *(percentile(ms, p) for p in (0.50, 0.95, 0.99, 1.0)),
            str(errors.get(minute, 0)),
        )
    return table


def percentile(ms: list[float], p: float) -> str:
    """The `p` quantile of sorted `ms` (1.0: the largest), printed; "-" for none."""
    return f"{ms[min(len(ms) - 1, int(p * len(ms)))]:.1f}" if ms else "-"


def _cpu_per_request(outcome: Outcome, answered: int) -> str:
    """What a request costs whatever else runs on the machine: a server process runs
    Python on one core at a time, so workers x 1000 / its ms is its ceiling (fewer with
    the client on the same cores)."""
    if not answered:
        return "-"
    server_ms = outcome.server_cpu_s * 1000 / answered
    client_ms = outcome.client_cpu_s * 1000 / answered
    return f"{server_ms:.1f} / {client_ms:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="an empty database to create the store in")
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second")
    parser.add_argument("--duration", type=float, default=600.0, help="seconds of load")
    parser.add_argument("--members", type=int, default=8)
    parser.add_argument("--match-share", type=float, default=0.25)
    parser.add_argument("--connections", type=int, default=64, help="most requests in flight")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=1, help="`interdict serve --workers`")
    parser.add_argument("--client", choices=("h11", "httpx"), default="h11")
    args = parser.parse_args()
    console = Console()
    url, keys, listed = prepare_store(args.database_url, args.members, console)
    names = subjects(listed, int(args.rate * args.duration), args.seed)
    with serving(url, args.workers, "interdict-load-log-") as (port, server, log):
        base = f"http://127.0.0.1:{port}"
        console.print(
            f"serving on {base} (log: {log}); {args.rate:g} req/s for {args.duration:g} s"
        )
        server_before, client_before = cpu_s(server.pid), time.process_time()
        outcome = asyncio.run(drive(base, keys, names, args))
        outcome.server_cpu_s = cpu_s(server.pid) - server_before
        outcome.client_cpu_s = time.process_time() - client_before
        outcome.answers = answer_counts(base)
        rss = peak_rss_mib(server.pid)
    audit = verify_audit(url)
    console.print(report(args, url, outcome, rss, audit))
    if args.duration >= 120:
        console.print(by_minute(outcome))
    if sqlite_path(url) is not None:
        console.print(f"store: {url}")


if __name__ == "__main__":
    main()
