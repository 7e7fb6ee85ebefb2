"""Two workers' matching with and without shared clean answers, on the load's requests.

`bench/load.py`'s request sequence (its names, a quarter of them as `/match` with
yente's cutoff and limit) split at random between two worker processes, each with its
own screener of the store's active versions, as `serve --workers 2` runs them. The
workers go through the sequence in lockstep chunks of 50 requests, so a subject one
worker answered is there for the other from the next chunk on, as under a steady load.
Each configuration runs in fresh processes, the two in turn (`--rounds`), so that the
machine's drift falls on both: CPU of both workers, subjects matched and answers taken.
The screeners are reached directly, without HTTP, the store or the audit: what the
sharing changes is the matching.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import tempfile
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path

from rich.console import Console
from rich.table import Table

from interdict.config import Settings
from interdict.services import build_services
from load import listed_names, subjects
from match_speed import machine

#: Requests each worker takes in turn before waiting for the other.
CHUNK = 50
#: (name, as /match, which worker).
Request = tuple[str, bool, int]


def worker(
    me: int,
    url: str,
    plan: list[Request],
    shared_file: str,
    barrier: Barrier,
    out: Queue[tuple[int, float, int, int]],
) -> None:
    """Build a screener, then answer this worker's part of each chunk in turn."""
    from interdict.entities.model import Entity, Name, Schema
    from interdict.lists.store import ListStore
    from interdict.screening.collector import set_aside
    from interdict.screening.loader import active_entities
    from interdict.screening.screen import Screener
    from interdict.screening.shared_answers import SharedCleanAnswers
    from interdict.storage.engine import open_engine

    listed = list(active_entities(ListStore(open_engine(url))))
    versions: dict[str, int] = {}
    for item in listed:
        versions.setdefault(item.list_name, item.version_id)
    screener = Screener(listed, versions)
    if shared_file:
        screener.share_clean_answers(SharedCleanAnswers(Path(shared_file)))
    set_aside()  # as a server does after each build (screening/live.py)
    barrier.wait()
    started = time.process_time()
    for chunk in range(0, len(plan), CHUNK):
        for i in range(chunk, min(chunk + CHUNK, len(plan))):
            name, as_match, who = plan[i]
            if who != me:
                continue
            subject = Entity(key=f"r{i}", schema=Schema.PERSON, names=(Name(name),))
            if as_match:  # yente's cutoff and limit (api/yente.py)
                screener.screen(subject, threshold=0.5, limit=5)
            else:
                screener.screen(subject, limit=10)
        barrier.wait()
    cpu = time.process_time() - started
    taken = screener.answers_shared
    matched = screener.answers.asked - screener.answers.answered - taken
    out.put((me, cpu, matched, taken))


def run(url: str, plan: list[Request], shared: bool) -> tuple[float, int, int]:
    """CPU seconds of both workers, subjects matched, answers taken from the other."""
    context = multiprocessing.get_context("spawn")
    shared_file = str(Path(tempfile.mkdtemp(prefix="shared-answers-")) / "clean.sqlite")
    barrier, out = context.Barrier(2), context.Queue()
    processes = [
        context.Process(
            target=worker, args=(me, url, plan, shared_file if shared else "", barrier, out)
        )
        for me in (0, 1)
    ]
    for process in processes:
        process.start()
    results = [out.get() for _ in processes]
    for process in processes:
        process.join()
    return (
        sum(r[1] for r in results),
        sum(r[2] for r in results),
        sum(r[3] for r in results),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a store with the lists loaded")
    parser.add_argument("--requests", type=int, default=30_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    svc = build_services(Settings(database_url=args.database_url))
    try:
        names = subjects(listed_names(svc), args.requests, args.seed)
    finally:
        svc.close()
    rng = random.Random(args.seed + 1)
    plan = [(name, rng.random() < 0.25, int(rng.random() < 0.5)) for name in names]
    table = Table(title="two workers, shared clean answers", caption=machine())
    for column in ("round", "shared", "CPU s", "ms a request", "matched", "taken"):
        table.add_column(column, justify="right")
    for round_ in range(args.rounds):
        for shared in (False, True) if round_ % 2 == 0 else (True, False):
            cpu, matched, taken = run(args.database_url, plan, shared)
            row = (str(round_ + 1), "yes" if shared else "no", f"{cpu:.1f}")
            table.add_row(*row, f"{cpu / len(plan) * 1e3:.2f}", f"{matched:,}", f"{taken:,}")
    Console().print(table)


if __name__ == "__main__":
    main()
