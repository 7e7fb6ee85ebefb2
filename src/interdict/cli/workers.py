"""`interdict serve --workers N`: N server processes answering on one listening socket.

Why: Python runs one thread of a process at a time, and a screen is CPU work (matching,
then the audit record), so one server process answers what one core can: ~65 screens
a second of fresh names on the benchmark machine (docs/benchmarks.md, "Load"). Several
processes use several cores. Each worker is a whole server (`create_app`): its own
services, its own screener built from the store's active versions and kept current the
same way, its own webhook deliverer (a delivery is claimed in the store before it is
attempted, so two workers never send one twice). Every audited write goes through the
store, so the audit chains, alerts and allow-lists are the same whichever worker answers.

The parent binds the socket once (a busy port is reported before anything starts),
starts the workers as fresh interpreters (spawn: no thread, lock or database
connection inherited half-way by fork), and supervises them:

- a worker that exits while the server runs is started again, and logged; one that
  exits before it ever served means the configuration or the store is broken: the
  parent stops the others and exits with STARTUP_FAILED_STATUS rather than loop;
- SIGTERM or SIGINT is passed to every worker, which finishes its requests within the
  grace period (`BoundedServer`); the parent waits that long plus the margin, kills
  whatever is left, then exits by the same signal, as a single-process server does;
- /metrics adds up the workers' counts: prometheus_client's multiprocess mode, in a
  private folder made here and removed at exit (api/metrics.py);
- a subject one worker screened clean is not screened again by the others: they share
  clean answers in a file made here and removed at exit (screening/shared_answers.py).

uvicorn has a supervisor of its own (`--workers`), but it runs uvicorn's plain server
class, not `BoundedServer` with its header-timeout protocol, and pickles the whole
configuration into each worker; this one passes the settings and runs the same server
class a single process runs (cli/server.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import socket
import tempfile
import threading
import time
from dataclasses import dataclass
from multiprocessing.context import SpawnProcess
from multiprocessing.synchronize import Event
from pathlib import Path
from types import FrameType

from interdict.api.metrics import MULTIPROCESS_DIR
from interdict.cli.server import SHUTDOWN_MARGIN_S
from interdict.config import Settings
from interdict.screening.shared_answers import SHARED_ANSWERS_ENV

log = logging.getLogger(__name__)

#: Exit status of the parent when a worker could not start (the store, the settings).
STARTUP_FAILED_STATUS = 3
#: A worker that exits is started again no sooner than this after its last start.
RESTART_PAUSE_S = 1.0
#: How often the parent looks at its workers.
WATCH_S = 0.2


@dataclass
class _Worker:
    process: SpawnProcess
    served: Event
    started_at: float
    announced: bool = False


def run_workers(settings: Settings, listener: socket.socket, count: int) -> None:
    """Serve on `listener` with `count` worker processes until SIGTERM or SIGINT, then
    exit by that signal, as a single server does."""
    stopped_by = _supervise(settings, listener, count)
    if stopped_by is not None:  # the workers' events are freed by now (no leak warning)
        signal.signal(stopped_by, signal.SIG_DFL)
        os.kill(os.getpid(), stopped_by)


def _supervise(settings: Settings, listener: socket.socket, count: int) -> int | None:
    """The signal that stopped the workers (None if they were not stopped by one)."""
    metrics_dir = tempfile.mkdtemp(prefix="interdict-metrics-")
    os.environ[MULTIPROCESS_DIR] = metrics_dir  # inherited by the workers
    answers_dir = tempfile.mkdtemp(prefix="interdict-answers-")
    os.environ[SHARED_ANSWERS_ENV] = str(Path(answers_dir) / "clean.sqlite")
    stop = threading.Event()
    received: list[int] = []

    def on_signal(sig: int, _frame: FrameType | None) -> None:
        received.append(sig)
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    context = multiprocessing.get_context("spawn")
    workers: list[_Worker] = []
    failed = False
    try:
        workers = [_start(context, settings, listener) for _ in range(count)]
        log.info("started %d workers: %s", count, ", ".join(str(w.process.pid) for w in workers))
        while not stop.wait(WATCH_S):
            for n, worker in enumerate(workers):
                if worker.process.exitcode is None:
                    if worker.served.is_set() and not worker.announced:
                        log.info("worker %s serving", worker.process.pid)
                        worker.announced = True
                    continue
                _forget(worker)
                if not worker.served.is_set():
                    log.error(
                        "worker %s exited with %s before it served: stopping",
                        worker.process.pid,
                        worker.process.exitcode,
                    )
                    failed = True
                    stop.set()
                    break
                log.error(
                    "worker %s exited with %s: starting another",
                    worker.process.pid,
                    worker.process.exitcode,
                )
                time.sleep(max(0.0, worker.started_at + RESTART_PAUSE_S - time.monotonic()))
                workers[n] = _start(context, settings, listener)
    finally:
        _stop(workers, settings.serve_shutdown_grace_s + SHUTDOWN_MARGIN_S)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        os.environ.pop(MULTIPROCESS_DIR, None)
        os.environ.pop(SHARED_ANSWERS_ENV, None)
        shutil.rmtree(metrics_dir, ignore_errors=True)
        shutil.rmtree(answers_dir, ignore_errors=True)
    if failed:
        raise SystemExit(STARTUP_FAILED_STATUS)
    return received[0] if received else None


def _start(
    context: multiprocessing.context.SpawnContext, settings: Settings, listener: socket.socket
) -> _Worker:
    served = context.Event()
    process = context.Process(
        target=serve_one, args=(settings, listener, served), name="interdict-worker", daemon=False
    )
    process.start()
    return _Worker(process, served, time.monotonic())


def _stop(workers: list[_Worker], within_s: float) -> None:
    """SIGTERM to every worker; what is left after `within_s` is killed."""
    for worker in workers:
        if worker.process.exitcode is None and worker.process.pid is not None:
            os.kill(worker.process.pid, signal.SIGTERM)
    give_up = time.monotonic() + within_s
    for worker in workers:
        worker.process.join(max(0.0, give_up - time.monotonic()))
        if worker.process.exitcode is None:
            log.error("worker %s still running after %g s: killed", worker.process.pid, within_s)
            worker.process.kill()
            worker.process.join()
        _forget(worker)


def _forget(worker: _Worker) -> None:
    """A finished worker's gauges stop counting (its counters and histograms stay)."""
    if worker.process.pid is not None and MULTIPROCESS_DIR in os.environ:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.process.pid)  # type: ignore[no-untyped-call]


def serve_one(settings: Settings, listener: socket.socket, served: Event) -> None:
    """One worker: the same server a single process runs, on the parent's socket.

    `served` is set in the server's own startup, the moment it accepts connections: a
    worker killed after that (by an operator, the OOM killer) is replaced, not taken for
    a broken start. Set later, from a thread that polled, a kill just after "Application
    startup complete" stopped the whole server.
    """
    from interdict.cli.serve import server_for

    server = server_for(settings)
    startup = server.startup

    async def startup_then_tell(sockets: list[socket.socket] | None = None) -> None:
        await startup(sockets)
        if server.started:
            served.set()

    server.startup = startup_then_tell  # type: ignore[method-assign]
    server.run(sockets=[listener])
