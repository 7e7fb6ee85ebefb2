"""`POST /v1/travel/messages` in-process: authenticated, bounded, board/refer per traveller."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from interdict.api.app import create_app
from interdict.services import Services

from .conftest import manifest, sample
from .test_screen import LISTED, ORDINARY


@pytest.fixture(scope="module")
def client(svc: Services) -> Iterator[tuple[TestClient, str]]:
    key = svc.members.issue_key(svc.members.member("border-a"))
    with TestClient(create_app(svc.settings)) as test_client:
        yield test_client, key


def test_refer_and_board_per_traveller(client: tuple[TestClient, str]) -> None:
    http, key = client
    response = http.post(
        "/v1/travel/messages",
        content=manifest(LISTED, ORDINARY),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/edifact"},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["answer"] == "refer"
    (message,) = body["messages"]
    assert message["flight"] == "TK1590"
    answers = {t["name"]: t["answer"] for t in message["travellers"]}
    assert answers == {"Floribert NGABU NJABU": "refer", "Maria SCHMIDT": "board"}
    hit = message["travellers"][0]["hits"][0]
    assert hit["target"] == "un-sc-consolidated/CDi.021"
    assert hit["alert_id"] is not None


def test_a_shared_pnr_file_boards(client: tuple[TestClient, str]) -> None:
    http, key = client
    data = sample("gtas-parsers-pnrMessageExample.txt").read_bytes()
    response = http.post("/v1/travel/messages", content=data, headers={"X-API-Key": key})
    assert response.status_code == 200, response.text
    assert response.json()["messages"][0]["kind"] == "PNRGOV"


def test_without_a_key_is_401(client: tuple[TestClient, str]) -> None:
    http, _ = client
    assert http.post("/v1/travel/messages", content=b"UNB").status_code == 401


def test_unreadable_message_is_422_naming_segment(client: tuple[TestClient, str]) -> None:
    http, key = client
    cut = manifest(LISTED).split(b"UNT+")[0]
    response = http.post("/v1/travel/messages", content=cut, headers={"X-API-Key": key})
    assert response.status_code == 422
    assert "no UNT trailer" in response.json()["detail"]
    assert "segment" in response.json()["detail"]


def test_oversized_body_is_413(client: tuple[TestClient, str], svc: Services) -> None:
    http, key = client
    too_big = b"x" * (svc.settings.api_max_body_bytes + 1)
    response = http.post("/v1/travel/messages", content=too_big, headers={"X-API-Key": key})
    assert response.status_code == 413
