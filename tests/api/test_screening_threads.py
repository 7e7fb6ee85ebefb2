"""Screens run in a few threads of their own (api/threads.py), however many arrive.

Many screens in the shared pool's 40 threads only take Python's lock from each other
and each costs more CPU; the bound must hold on every screening route, and requests
beyond it must wait their turn, not fail.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from interdict.api.app import create_app
from tests.api.test_alerts_api import watch_store

REQUESTS = 12


class Overlap:
    """Wraps `Services.screen_entity`, counting how many run at once (the real screen
    still runs; the pause makes screens that could overlap do so)."""

    def __init__(self, screen: Any) -> None:
        self.screen, self.running, self.most = screen, 0, 0
        self.lock = threading.Lock()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(0.05)
            return self.screen(*args, **kwargs)
        finally:
            with self.lock:
                self.running -= 1


ROUTES = {
    "/v1/screen": {"schema": "Person", "properties": {"name": ["Zebulon Quartermaine"]}},
    "/v1/screen/batch": {
        "queries": {"a": {"schema": "Person", "properties": {"name": ["Ottoline Brackenbury"]}}}
    },
    "/match/default": {
        "queries": {"q": {"schema": "Person", "properties": {"name": ["Zebulon Quartermaine"]}}}
    },
}


@pytest.mark.parametrize("threads", [1, 3])
@pytest.mark.parametrize("route", list(ROUTES))
def test_screens_at_once_never_exceed_the_screening_threads(
    tmp_path: Path, route: str, threads: int
) -> None:
    store = watch_store(tmp_path, serve_screen_threads=threads)
    with TestClient(create_app(store.settings)) as client:
        svc = client.app.state.services  # type: ignore[attr-defined]
        overlap = Overlap(svc.screen_entity)
        svc.screen_entity = overlap
        headers = {"X-API-Key": store.keys["bank-a"]}
        with ThreadPoolExecutor(REQUESTS) as pool:
            answers = list(
                pool.map(
                    lambda _: client.post(route, json=ROUTES[route], headers=headers).status_code,
                    range(REQUESTS),
                )
            )
    assert answers == [200] * REQUESTS
    assert overlap.most == threads
