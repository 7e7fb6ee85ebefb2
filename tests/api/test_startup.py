"""What a server does before it accepts its first request."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from interdict.api.app import create_app
from interdict.entities import country
from tests.api.test_alerts_api import watch_store


def test_country_names_are_loaded_before_the_first_request(tmp_path: Path) -> None:
    """Else the first request that reads a country waits ~1 s for followthemoney's import."""
    store = watch_store(tmp_path)
    country._name_index.cache_clear()
    with TestClient(create_app(store.settings)) as client:
        assert country._name_index.cache_info().currsize == 1
        headers = {"X-API-Key": store.keys["bank-a"]}
        body = {"schema": "Person", "properties": {"name": ["Zebulon Quartermaine"]}}
        assert client.post("/v1/screen", json=body, headers=headers).status_code == 200
