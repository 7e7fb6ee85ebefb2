"""Prometheus `/metrics`, and one structured log event per request.

`RequestObserver` (pure ASGI middleware, outermost) times every request and, once it
is answered, counts it and observes its latency under its *route* ("/v1/alerts/
{alert_id}", never the concrete path, so the series stay few) and logs one event:
member, method, route, status, latency and the list versions screened against.
What lives in the database — alerts by status, list versions and their age, the
webhook queue — is read when Prometheus scrapes (`StoreCollector`); screens and hits
are the process's own counts (services/counters.py). Each app has its own registry.

Under `interdict serve --workers N` a scrape reaches one worker, which must answer for
all: the parent sets prometheus_client's multiprocess folder (cli/workers.py), every
worker writes its requests, latencies, screens, hits, builds and kept answers there
(`SharedCounts`, published after each request and before each scrape) and a scrape
adds them up (`MultiProcessCollector`). What the store says is read once, as ever.

Like /readyz, /metrics needs no key and names only public lists; members' private
lists are counted, not named.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import generate_latest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interdict.api.logs import request_logger
from interdict.errors import NotReadyError
from interdict.services import Services
from interdict.storage.engine import as_utc

router = APIRouter(tags=["health"])
#: Latency buckets (seconds): a screen takes milliseconds, a batch or upload seconds.
LATENCY_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


#: Set by the parent of several workers (cli/workers.py); read by prometheus_client at
#: import, so a process counts in shared files from its start or never.
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"


class AppMetrics:
    """One application's registry: request metrics plus what the store says at scrape."""

    def __init__(self, app_state: Any) -> None:
        self.registry = CollectorRegistry()
        self.shared = SharedCounts() if MULTIPROCESS_DIR in os.environ else None
        # Shared: counted in the folder's files and read back, with every worker's, by
        # MultiProcessCollector; registered here too they would be this worker's alone.
        own = None if self.shared else self.registry
        self.requests = Counter(
            "interdict_http_requests",
            "HTTP requests answered, by route and status.",
            ["method", "route", "status"],
            registry=own,
        )
        self.latency = Histogram(
            "interdict_http_request_duration_seconds",
            "Time to answer an HTTP request, by route.",
            ["method", "route"],
            buckets=LATENCY_BUCKETS_S,
            registry=own,
        )
        if self.shared:
            MultiProcessCollector(self.registry)  # type: ignore[no-untyped-call]
        self.registry.register(StoreCollector(app_state, own_counts=self.shared is None))


#: Name and help of each of a process's own counts, exported by `_screening` (one
#: process) or `SharedCounts` (workers).
SCREENS = ("interdict_screens", "Entity and media screens, by way in.")
HITS = ("interdict_hits", "Hits returned, by way in.")
BUILDS = ("interdict_index_builds", "Screener (index) builds.")
BUILD_SECONDS = ("interdict_index_build_seconds", "How long the last screener (index) build took.")
ANSWERS_KEPT = (
    "interdict_screen_answers_kept",
    "Subjects whose answer the current screener keeps for when they come back.",
)
SUBJECTS_ASKED = (
    "interdict_screen_subjects_asked",
    "Subjects screened by the current screener since it was built.",
)
ANSWERS_REUSED = (
    "interdict_screen_answers_reused",
    "Of those, subjects answered from a kept answer (screening/answers.py).",
)
ANSWERS_SHARED = (
    "interdict_screen_answers_shared",
    "Of those, subjects another worker had answered clean (screening/shared_answers.py).",
)


class SharedCounts:
    """A worker's own counts (services/counters.py, the screener's kept answers) in
    prometheus_client's multiprocess files, which every worker's scrape adds up.

    `publish` adds what was counted since it last ran; a gauge of a worker that exited
    stops counting (cli/workers.py marks it dead).
    """

    def __init__(self) -> None:
        self.screens = Counter(*SCREENS, ["via"], registry=None)
        self.hits = Counter(*HITS, ["via"], registry=None)
        self.builds = Counter(*BUILDS, registry=None)
        self.build_s = Gauge(*BUILD_SECONDS, registry=None, multiprocess_mode="mostrecent")
        self.kept = Gauge(*ANSWERS_KEPT, registry=None, multiprocess_mode="livesum")
        self.asked = Gauge(*SUBJECTS_ASKED, registry=None, multiprocess_mode="livesum")
        self.reused = Gauge(*ANSWERS_REUSED, registry=None, multiprocess_mode="livesum")
        self.shared = Gauge(*ANSWERS_SHARED, registry=None, multiprocess_mode="livesum")
        self._lock = threading.Lock()
        self._screens: dict[str, int] = {}
        self._hits: dict[str, int] = {}
        self._builds = 0

    def publish(self, svc: Services) -> None:
        with self._lock:
            screens, hits = svc.counts.snapshot()
            _add_since(self.screens, screens, self._screens)
            _add_since(self.hits, hits, self._hits)
            if svc.counts.index_builds > self._builds:
                self.builds.inc(svc.counts.index_builds - self._builds)
                self._builds = svc.counts.index_builds
                if svc.counts.last_index_build_s is not None:
                    self.build_s.set(svc.counts.last_index_build_s)
            try:
                screener = svc.screener.current()
            except NotReadyError:
                return
            answers = screener.answers
            self.kept.set(len(answers))
            self.asked.set(answers.asked)
            self.reused.set(answers.answered)
            self.shared.set(screener.answers_shared)


def _add_since(counter: Counter, now: dict[str, int], before: dict[str, int]) -> None:
    for via, count in now.items():
        if count > before.get(via, 0):
            counter.labels(via).inc(count - before.get(via, 0))
            before[via] = count


class StoreCollector(Collector):
    """Screens, hits, alerts, list versions, index builds and queues, read at scrape."""

    def __init__(self, app_state: Any, *, own_counts: bool = True) -> None:
        self.state = app_state
        #: False under workers: the counts are read from the shared files instead.
        self.own_counts = own_counts

    def collect(self) -> Iterator[Metric]:
        svc: Services | None = getattr(self.state, "services", None)
        if svc is None:  # not started yet
            return
        if self.own_counts:
            yield from _screening(svc)
        yield from _lists(svc)
        alerts = GaugeMetricFamily("interdict_alerts", "Alerts by status.", labels=["status"])
        for status, count in svc.reviews.status_totals().items():
            alerts.add_metric([status.value], count)
        yield alerts
        yield GaugeMetricFamily(
            "interdict_webhook_deliveries_pending",
            "Webhook deliveries waiting for an attempt.",
            value=svc.webhooks.pending_count(),
        )


def _screening(svc: Services) -> Iterator[Metric]:
    screens, hits = svc.counts.snapshot()
    counted = CounterMetricFamily(*SCREENS, labels=["via"])
    found = CounterMetricFamily(*HITS, labels=["via"])
    for via in sorted(screens):
        counted.add_metric([via], screens[via])
        found.add_metric([via], hits.get(via, 0))
    yield counted
    yield found
    yield CounterMetricFamily(*BUILDS, value=svc.counts.index_builds)
    if svc.counts.last_index_build_s is not None:
        yield GaugeMetricFamily(*BUILD_SECONDS, value=svc.counts.last_index_build_s)
    try:
        screener = svc.screener.current()
    except NotReadyError:
        return
    answers = screener.answers
    yield GaugeMetricFamily(*ANSWERS_KEPT, value=len(answers))
    yield GaugeMetricFamily(*SUBJECTS_ASKED, value=answers.asked)
    yield GaugeMetricFamily(*ANSWERS_REUSED, value=answers.answered)
    yield GaugeMetricFamily(*ANSWERS_SHARED, value=screener.answers_shared)


def _lists(svc: Services) -> Iterator[Metric]:
    state = svc.screener.readiness()
    public = set(svc.visibility.public(v.list_name for v in state.active))
    version = GaugeMetricFamily(
        "interdict_list_version", "Active version id of each public list.", labels=["list"]
    )
    loaded = GaugeMetricFamily(
        "interdict_list_loaded_version", "Version id being screened against.", labels=["list"]
    )
    age = GaugeMetricFamily(
        "interdict_list_age_seconds", "Time since the active version was imported.", labels=["list"]
    )
    entities = GaugeMetricFamily(
        "interdict_list_entities", "Entities of the version.", labels=["list"]
    )
    now = datetime.now(UTC)
    for v in state.active:
        if v.list_name not in public:
            continue
        version.add_metric([v.list_name], v.id)
        loaded.add_metric([v.list_name], state.loaded.get(v.list_name, 0))
        age.add_metric([v.list_name], (now - as_utc(v.imported_at)).total_seconds())
        entities.add_metric([v.list_name], v.entity_count)
    yield from (version, loaded, age, entities)
    yield GaugeMetricFamily(
        "interdict_private_lists", "Members' private lists.", value=len(state.active) - len(public)
    )
    yield GaugeMetricFamily("interdict_ready", "1 when screening today's lists.", value=state.ready)


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """The Prometheus text exposition of this server's metrics."""
    found: AppMetrics = request.app.state.metrics
    svc: Services | None = getattr(request.app.state, "services", None)
    if found.shared is not None and svc is not None:
        found.shared.publish(svc)  # this worker's latest, before the files are read
    return Response(generate_latest(found.registry), media_type=CONTENT_TYPE_LATEST)


class RequestObserver:
    """Pure ASGI middleware: time, count and log every HTTP request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def observed(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, observed)
        finally:
            _observe(scope, status, time.perf_counter() - started)


def _observe(scope: Scope, status: int, seconds: float) -> None:
    state = scope["app"].state
    route = getattr(scope.get("route"), "path", None) or "unmatched"
    method = scope["method"]
    found: AppMetrics = state.metrics
    found.requests.labels(method, route, str(status)).inc()
    found.latency.labels(method, route).observe(seconds)
    member = scope.get("state", {}).get("member")
    svc: Services | None = getattr(state, "services", None)
    if found.shared is not None and svc is not None:
        found.shared.publish(svc)
    request_logger().info(
        "request",
        method=method,
        route=route,
        status=status,
        latency_ms=round(seconds * 1000, 2),
        member=getattr(member, "name", None),
        pid=os.getpid(),  # which worker answered, under `serve --workers`
        list_versions=svc.screener.readiness().loaded if svc is not None else None,
    )
