"""The request timeout, in-process (issue 16): a client is answered within
INTERDICT_API_REQUEST_TIMEOUT_S, and the work it abandoned stops."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interdict.api.app import create_app
from interdict.config import Settings
from interdict.deadline import check_deadline, deadline
from interdict.errors import RequestTimeoutError
from tests.api.test_screen_api import store_with_un_list

# Asserts a request's time limit: run alone, after the parallel tests (bin/test).
pytestmark = pytest.mark.timing

QUERIES = 2000


def test_a_batch_past_the_time_limit_is_answered_504_and_stops_between_queries(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'timeout.db'}"
    key = store_with_un_list(url, "bank-a")
    settings = Settings(
        database_url=url,
        api_request_timeout_s=1.0,
        api_batch_limit=QUERIES,
        api_max_batch_chars=1_000_000,
    )
    app = create_app(settings)
    auth = {"Authorization": f"Bearer {key}"}
    batch = {
        str(i): {"schema": "Person", "properties": {"name": [f"Ayman al Zawahiri {i}"]}}
        for i in range(QUERIES)
    }
    with TestClient(app) as client:
        started = time.monotonic()
        answer = client.post("/v1/screen/batch", json={"queries": batch}, headers=auth)
        took = time.monotonic() - started
        assert answer.status_code == 504
        assert "1 s (INTERDICT_API_REQUEST_TIMEOUT_S)" in answer.json()["detail"]
        assert took < 2.5  # 1 s, plus a loaded machine's slack
        # The server stays healthy and keeps screening.
        one = {"schema": "Person", "properties": {"name": ["Aiman al-Zawahiri"]}}
        assert client.get("/healthz").status_code == 200
        assert client.post("/v1/screen", json=one, headers=auth).status_code == 200
        # The abandoned batch stopped at its next query: each screen is audited, and the
        # count stays put, far short of the batch (about 25 ms a query here).
        time.sleep(0.5)
        screened = sum(1 for r in app.state.services.audit.records() if r.action == "screen")
        time.sleep(1.0)
        assert (
            sum(1 for r in app.state.services.audit.records() if r.action == "screen") == screened
        )
        assert screened < QUERIES / 2


def test_the_deadline_check_raises_only_past_the_deadline() -> None:
    check_deadline()  # no deadline set: the CLI, batch files
    with deadline(60) as current:
        check_deadline()
        current.expire()
        with pytest.raises(RequestTimeoutError, match="60 s"):
            check_deadline()
    check_deadline()
