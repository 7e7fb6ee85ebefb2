"""`lists update` against a real HTTP server on loopback, and with nothing listening."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from functools import partial
from http.server import HTTPServer, SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from sqlalchemy import Engine

from interdict.errors import SourceUnavailableError
from interdict.lists.store import ListStore
from interdict.lists.update import update_list

UN = "un-consolidated-2018-06-21.xml"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server(lists_dir: Path) -> Iterator[str]:
    handler = partial(_QuietHandler, directory=str(lists_dir))
    httpd = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_update_downloads_and_imports_then_skips_unchanged(
    engine: Engine, server: str, tmp_path: Path
) -> None:
    store = ListStore(engine)
    first = update_list(
        store,
        "un-sc-consolidated",
        "un-xml",
        [f"{server}/{UN}"],
        download_dir=tmp_path,
        timeout_s=10,
        shrink_limit=0.1,
    )
    assert first.created
    assert first.version.entity_count == 1100
    again = update_list(
        store,
        "un-sc-consolidated",
        "un-xml",
        [f"{server}/{UN}"],
        download_dir=tmp_path,
        timeout_s=10,
        shrink_limit=0.1,
    )
    assert not again.created


def test_no_network_is_said_clearly_and_keeps_the_active_version(
    engine: Engine, server: str, tmp_path: Path
) -> None:
    store = ListStore(engine)
    update_list(
        store,
        "un-sc-consolidated",
        "un-xml",
        [f"{server}/{UN}"],
        download_dir=tmp_path,
        timeout_s=10,
        shrink_limit=0.1,
    )
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    with pytest.raises(SourceUnavailableError, match=r"cannot reach .*active list version stays"):
        update_list(
            store,
            "un-sc-consolidated",
            "un-xml",
            [f"http://127.0.0.1:{dead}/consolidated.xml"],
            download_dir=tmp_path,
            timeout_s=5,
            shrink_limit=0.1,
        )
    assert len(store.versions("un-sc-consolidated")) == 1


def test_http_error_is_a_source_error(engine: Engine, server: str, tmp_path: Path) -> None:
    with pytest.raises(SourceUnavailableError, match="404"):
        update_list(
            ListStore(engine),
            "un-sc-consolidated",
            "un-xml",
            [f"{server}/missing.xml"],
            download_dir=tmp_path,
            timeout_s=5,
            shrink_limit=0.1,
        )
