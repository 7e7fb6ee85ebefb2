"""Freshness: each list's expected cadence, flagged where operators look."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from interdict.api.app import create_app
from interdict.lists.freshness import freshness_of
from interdict.lists.version import VersionInfo
from tests.conftest import LISTS, CliHarness

NOW = datetime(2026, 3, 20, tzinfo=UTC)


def version(list_name: str, published: str | None) -> VersionInfo:
    return VersionInfo(
        1, list_name, 1, datetime(2026, 3, 19, tzinfo=UTC), published, (), 1, 1, 0, 1, 0, 0, None
    )


def test_a_list_older_than_its_cadence_is_stale() -> None:
    fresh = freshness_of(version("un-sc-consolidated", "2026-03-10"), NOW)
    assert (fresh.age_days, fresh.cadence_days, fresh.is_stale) == (10, 14, False)
    stale = freshness_of(version("un-sc-consolidated", "2026-02-27"), NOW)
    assert stale.is_stale
    assert stale.describe() == "STALE: 21 days old, expected every 14 days"


def test_no_date_counts_from_the_import_and_own_lists_have_no_cadence() -> None:
    undated = freshness_of(version("ca-sema-consolidated", None), NOW)
    assert (undated.age_days, undated.is_stale) == (1, False)
    assert undated.describe().startswith("unknown: no publication date, imported 1 days ago")
    own = freshness_of(version("bank-a-watchlist", "2020-01-01"), NOW)
    assert not own.is_stale
    assert own.cadence_days is None


def test_a_year_or_month_counts_from_its_last_day() -> None:
    assert freshness_of(version("ofac-sdn", "2026-02"), NOW).as_of.isoformat() == "2026-02-28"


cli = CliHarness()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(LISTS)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_show_readyz_and_update_flag_a_stale_list(
    tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    sources = {
        "ca-sema-consolidated": ("ca-sema-xml", [f"{server}/ca-sema-2022-05-11.xml"]),
        "eu-fsf-consolidated": ("eu-fsf-xml", [f"{server}/no-such-file.xml"]),
        "un-sc-consolidated": ("un-xml", [f"{server}/un-consolidated-2018-06-21.xml"]),
    }
    settings = cli.use(tmp_path, sources=sources, download_dir=tmp_path / "downloads")
    updated = cli.invoke(["lists", "update"])
    # Every source is tried and reported; the one that failed fails the command.
    assert "ca-sema-consolidated: version 1" in updated.output
    # No date in the file: counted from the import, and never called fresh.
    assert "unknown: no publication date, imported 0 days ago, expected every 31" in updated.output
    assert "eu-fsf-consolidated: not updated" in updated.output
    assert "un-sc-consolidated: version 1" in updated.output
    assert "STALE" in updated.output
    assert updated.exit_code != 0
    shown = cli.invoke(["lists", "show"])
    assert shown.output.count("STALE") == 1, shown.output
    with TestClient(create_app(settings)) as client:
        ready = client.get("/readyz").json()
    assert ready["stale_lists"] == ["un-sc-consolidated"]
    stale = {row["list"]: row["stale"] for row in ready["lists"]}
    assert stale == {"ca-sema-consolidated": False, "un-sc-consolidated": True}
