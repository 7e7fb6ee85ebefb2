"""A running server screens against the newest active versions, swapped under load."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interdict.api.app import create_app
from interdict.config import Settings
from interdict.services import build_services

# Asserts how soon a new version is served under load: run alone, after the parallel
# tests (bin/test).
pytestmark = pytest.mark.timing

LISTS = Path(__file__).resolve().parents[2] / "data" / "lists"
OLD, NEW = "un-consolidated-2018-06-07.xml", "un-consolidated-2018-06-21.xml"
BODY = {"schema": "Person", "properties": {"name": ["Ayman al Zawahiri"]}}


def test_an_import_is_swapped_in_under_load_without_a_failed_request(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'swap.db'}", list_check_s=0.2)
    svc = build_services(settings, create=True)
    old = svc.import_list([LISTS / OLD], actor="test").version.id
    key = svc.members.issue_key(svc.members.create_member("bank-a"))
    seen: list[tuple[int, int]] = []  # (HTTP status, UN version screened against)
    stop = threading.Event()

    with TestClient(create_app(settings)) as client:

        def load() -> None:
            while not stop.is_set():
                answer = client.post("/v1/screen", json=BODY, headers={"X-API-Key": key})
                version = answer.json().get("versions", {}).get("un-sc-consolidated", -1)
                seen.append((answer.status_code, version))

        workers = [threading.Thread(target=load) for _ in range(4)]
        for worker in workers:
            worker.start()
        time.sleep(1.0)
        new = svc.import_list([LISTS / NEW], actor="test").version.id
        deadline = time.monotonic() + 60
        while sum(v == new for _, v in seen) < 30 and time.monotonic() < deadline:
            time.sleep(0.2)
        stop.set()
        for worker in workers:
            worker.join()
        ready = client.get("/readyz").json()
    svc.close()

    versions = [v for _, v in seen]
    print(f"{len(seen)} requests: {versions.count(old)} on the old, {versions.count(new)} new")
    assert all(status == 200 for status, _ in seen), {s for s, _ in seen}
    assert set(versions) == {old, new}
    swapped = versions.index(new)
    # Four threads append in completion order, so allow a request that started on the
    # old screener to finish just after the first one on the new: a handful at most.
    assert versions[swapped:].count(old) <= 4
    assert versions[-20:] == [new] * 20  # 30 answers on the new one at least, the last 20
    assert versions.count(old) >= 5
    assert versions.count(new) >= 5
    assert ready["ready"] is True
    assert ready["lists"][0]["loaded_version_id"] == new
