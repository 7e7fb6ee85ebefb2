"""`/metrics` in Prometheus' text format, and one JSON log event per request."""

from __future__ import annotations

import io
import json
from pathlib import Path

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from interdict.api.app import create_app
from interdict.api.logs import LogFormat, configure_logging
from tests.api.test_alerts_api import WATCH_LIST, watch_store


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def test_metrics_and_request_logs(tmp_path: Path) -> None:
    store = watch_store(tmp_path)
    logs = io.StringIO()
    with TestClient(create_app(store.settings)) as client:
        configure_logging(LogFormat.JSON, "INFO", logs)
        headers = {"X-API-Key": store.keys["bank-a"]}
        body = {"schema": "Person", "properties": {"name": ["Zebulon Quartermaine"]}}
        assert client.post("/v1/screen", json=body, headers=headers).status_code == 200
        assert client.get("/v1/alerts/999999", headers=headers).status_code == 404
        assert client.get("/v1/alerts").status_code == 401
        scraped = client.get("/metrics")
    assert scraped.status_code == 200
    assert scraped.headers["content-type"].startswith("text/plain")
    found = _samples(scraped.text)
    screen = (("method", "POST"), ("route", "/v1/screen"), ("status", "200"))
    assert found[("interdict_http_requests_total", screen)] == 1
    one_alert = (("method", "GET"), ("route", "/v1/alerts/{alert_id}"), ("status", "404"))
    assert found[("interdict_http_requests_total", one_alert)] == 1
    buckets = (("le", "+Inf"), ("method", "POST"), ("route", "/v1/screen"))
    assert found[("interdict_http_request_duration_seconds_bucket", buckets)] == 1
    assert found[("interdict_screens_total", (("via", "api"),))] == 1
    assert found[("interdict_hits_total", (("via", "api"),))] >= 1
    assert found[("interdict_alerts", (("status", "open"),))] == 1
    assert found[("interdict_list_version", (("list", WATCH_LIST),))] >= 1
    assert found[("interdict_list_age_seconds", (("list", WATCH_LIST),))] >= 0
    assert found[("interdict_index_build_seconds", ())] > 0
    assert found[("interdict_screen_answers_kept", ())] >= 1
    assert found[("interdict_screen_subjects_asked", ())] >= 1
    assert found[("interdict_screen_answers_reused", ())] == 0
    assert found[("interdict_screen_answers_shared", ())] == 0  # one process: nobody to share with
    assert found[("interdict_ready", ())] == 1
    assert found[("interdict_webhook_deliveries_pending", ())] == 0
    events = [json.loads(line) for line in logs.getvalue().splitlines()]
    requests = [e for e in events if e["event"] == "request"]
    first = requests[0]
    assert first["route"] == "/v1/screen"
    assert first["status"] == 200
    assert first["member"] == "bank-a"
    assert first["latency_ms"] > 0
    assert first["list_versions"] == {
        WATCH_LIST: found[("interdict_list_version", (("list", WATCH_LIST),))]
    }
    assert first["level"] == "info"
    assert "timestamp" in first
    refused = [e for e in requests if e["status"] == 401]
    assert refused
    assert refused[0]["member"] is None
    assert store.keys["bank-a"] not in logs.getvalue()
