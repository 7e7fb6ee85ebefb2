"""The store's part of a screen, in process: what every request reads and writes around
its matching, apart from HTTP.

    .venv/bin/python bench/request_reads.py [--database-url URL] [--calls 2000]
    PYTHONPATH=/tmp/before/src .venv/bin/python bench/request_reads.py ...   # an older tree

A screen of a member checks its API key (`MemberStore.authenticate`), reads what the
member may see (`Services.view`: the lists, their owners and shares, its default
scope) and appends its audit record (`ReviewStore.record_screens`, here with no hit);
`screen_entity` is all of it around an answer kept from before (no matching). Each is
timed `--calls` times, one after another; the table gives the median and the mean, in
microseconds, and the statements run and connections taken from the pool per call
(counted, so they do not drift with the machine). On PostgreSQL the database's own
backends run on the same machine, so this is wall time, theirs included.

The store is made as bench/load.py makes it (every bundled list, ~40 s) unless
--database-url names one that has them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine, event

sys.path.insert(0, str(Path(__file__).resolve().parent))

from interdict.config import Settings
from interdict.screening.subject import subject_entity
from interdict.services import Caller, build_services
from interdict.storage.engine import sqlite_path
from load import prepare_store
from match_speed import machine


def timed(
    work: Callable[[], object], calls: int, engine: Engine
) -> tuple[float, float, float, float]:
    """Median and mean microseconds of `work`, after one call to warm it, and the
    statements and pool checkouts of a call."""
    work()
    took = []
    counts = {"statements": 0, "connections": 0}

    def statement(*_: object) -> None:
        counts["statements"] += 1

    def checkout(*_: object) -> None:
        counts["connections"] += 1

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine.pool, "checkout", checkout)
    try:
        for _ in range(calls):
            started = time.perf_counter()
            work()
            took.append(time.perf_counter() - started)
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine.pool, "checkout", checkout)
    return (
        statistics.median(took) * 1e6,
        statistics.mean(took) * 1e6,
        counts["statements"] / calls,
        counts["connections"] / calls,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="a store with the bundled lists (else made)")
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    console = Console()
    url, keys, _ = prepare_store(args.database_url, 1, console)
    svc = build_services(Settings(database_url=url))
    try:
        svc.screener.refresh()
        member = svc.members.authenticate(keys[0])
        caller = Caller(member, f"api:{member.name}", "api")
        query = {"schema": "Person", "properties": {"name": ["Quentin Marlowe"]}}
        subject = subject_entity("Quentin Marlowe", schema="Person")
        parts: list[tuple[str, Callable[[], object]]] = [
            ("the API key (authenticate)", lambda: svc.members.authenticate(keys[0])),
            ("what the member sees (view)", lambda: svc.view(caller)),
            (
                "the audit record, no hit (record_screens)",
                lambda: svc.reviews.record_screens(member.id, caller.actor, "api", [("q", [])]),
            ),
            (
                "a screen, answer kept (screen_entity)",
                lambda: svc.screen_entity(caller, subject, query),
            ),
        ]
        store = "SQLite" if sqlite_path(url) is not None else "PostgreSQL"
        table = Table(title=f"bench/request_reads.py — {store}, {args.calls:,} calls each")
        table.add_column("part")
        table.add_column("median µs", justify="right")
        table.add_column("mean µs", justify="right")
        table.add_column("statements", justify="right")
        table.add_column("connections", justify="right")
        for label, work in parts:
            median, mean, statements, connections = timed(work, args.calls, svc.engine)
            table.add_row(
                label, f"{median:,.1f}", f"{mean:,.1f}", f"{statements:g}", f"{connections:g}"
            )
        table.caption = machine()
        console.print(table)
    finally:
        svc.close()


if __name__ == "__main__":
    main()
