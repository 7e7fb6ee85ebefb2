"""`interdict serve --workers N` as operators start it: several processes, one port.

What must hold with several workers as with one: every request answered, one audit
trail that verifies, /metrics that counts every worker's requests whichever worker is
scraped, a worker that dies replaced, SIGTERM stopping them all within the grace
period, and a worker that cannot start stopping the server instead of looping.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from interdict.cli.server import SHUTDOWN_MARGIN_S
from interdict.cli.workers import STARTUP_FAILED_STATUS, run_workers
from interdict.config import Settings
from tests.api.test_metrics import _samples
from tests.api.test_screen_api import store_with_un_list
from tests.cli.test_serve_limits import _free_port

# Starts servers that each build a screener, and times their shutdown: run alone, after
# the parallel tests (bin/test).
pytestmark = pytest.mark.timing

START_S = 90.0
GRACE_S = 2
LISTED = "Ayman al-Zawahiri"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('workers') / 'workers.db'}"
    return url, store_with_un_list(url, "bank-a")


@contextmanager
def two_workers(url: str, folder: Path) -> Iterator[tuple[subprocess.Popen[bytes], int, Path]]:
    """`interdict serve --workers 2` on a free port, both workers serving."""
    port = _free_port()
    env = {
        **os.environ,
        "INTERDICT_DATABASE_URL": url,
        "INTERDICT_SERVE_SHUTDOWN_GRACE_S": str(GRACE_S),
        "TMPDIR": str(folder),  # the parent's private folders (metrics, shared answers)
    }
    log = folder / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "interdict.cli", "serve", "--port", str(port), "--workers=2"],
            env=env,
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            give_up = time.monotonic() + START_S
            while _serving(log) < 2:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < give_up, "the workers did not start"
                time.sleep(0.2)
            yield process, port, log
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
            for pid in _workers_of(process.pid):
                os.kill(pid, signal.SIGKILL)


def _serving(log: Path) -> int:
    """How many workers the parent has seen serving (the moment a worker's death counts
    as a replacement's cause, not as a failed start)."""
    return len(re.findall(r"worker \d+ serving", log.read_text()))


def _workers_of(pid: int) -> list[int]:
    """The interdict workers among a process's children (not the resource tracker)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return []
    return [
        int(child)
        for child in children
        if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]


def _request(
    port: int, method: str, path: str, body: object = None, key: str = ""
) -> tuple[int, bytes]:
    with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=30)) as connection:
        headers = {"Content-Type": "application/json", "X-API-Key": key}
        connection.request(method, path, body=json.dumps(body) if body else None, headers=headers)
        answer = connection.getresponse()
        return answer.status, answer.read()


def _screen(port: int, key: str, name: str) -> tuple[int, int]:
    """Status and hit count of one `/v1/screen`."""
    status, body = _request(
        port, "POST", "/v1/screen", {"schema": "Person", "properties": {"name": [name]}}, key
    )
    return status, len(json.loads(body)["results"]) if status == 200 else -1


def _answering_pids(log: Path) -> set[int]:
    events = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    return {e["pid"] for e in events if e.get("event") == "request" and e["route"] == "/v1/screen"}


def test_two_workers_answer_every_request_count_together_and_keep_one_audit_trail(
    store: tuple[str, str], tmp_path: Path
) -> None:
    url, key = store
    names = [LISTED if n % 5 == 0 else f"Quentin Marlowe-Osei {n}" for n in range(120)]
    with two_workers(url, tmp_path) as (process, port, log):
        workers = _workers_of(process.pid)
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda name: _screen(port, key, name), names))
        scrapes = [_request(port, "GET", "/metrics") for _ in range(6)]
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=GRACE_S + SHUTDOWN_MARGIN_S + 10)
    assert [code for code, _ in answers] == [200] * len(names)
    assert all(hits > 0 for name, (_, hits) in zip(names, answers, strict=True) if name == LISTED)
    assert len(workers) == 2
    assert _answering_pids(log) == set(workers), "both workers answered screens"
    # Whichever worker was scraped, the counts are both workers' (the scrapes themselves
    # are counted after they answer).
    for code, text in scrapes:
        assert code == 200
        found = _samples(text.decode())
        route = (("method", "POST"), ("route", "/v1/screen"), ("status", "200"))
        assert found[("interdict_http_requests_total", route)] == len(names)
        assert found[("interdict_screens_total", (("via", "api"),))] == len(names)
        assert found[("interdict_hits_total", (("via", "api"),))] >= len(names) // 5
        assert found[("interdict_index_builds_total", ())] == 2
        assert found[("interdict_screen_subjects_asked", ())] == len(names)
    assert status == -signal.SIGTERM
    verified = subprocess.run(
        [sys.executable, "-m", "interdict.cli", "audit", "verify"],
        env={**os.environ, "INTERDICT_DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
    )
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_a_name_one_worker_found_clean_is_not_matched_again_by_the_other(
    store: tuple[str, str], tmp_path: Path
) -> None:
    """Rounds of the same clean names, each round after the last: every name is matched
    once in the whole server, its first time; after that each worker answers it from
    its own kept answer or from the clean answers the workers share."""
    url, key = store
    names = [f"Quentin Marlowe-Osei {n}" for n in range(24)]
    rounds = 6
    with two_workers(url, tmp_path) as (process, port, log):
        workers = _workers_of(process.pid)
        shared_files = list(tmp_path.glob("interdict-answers-*/clean.sqlite"))
        with ThreadPoolExecutor(4) as pool:
            for _ in range(rounds):
                answers = list(pool.map(lambda name: _screen(port, key, name), names))
                assert answers == [(200, 0)] * len(names)
        found = _samples(_request(port, "GET", "/metrics")[1].decode())
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=GRACE_S + SHUTDOWN_MARGIN_S + 10)
    assert _answering_pids(log) == set(workers), "both workers answered screens"
    asked = found[("interdict_screen_subjects_asked", ())]
    reused = found[("interdict_screen_answers_reused", ())]
    shared = found[("interdict_screen_answers_shared", ())]
    assert asked == rounds * len(names)
    assert shared > 0
    assert asked - reused - shared == len(names)  # matched: each name once
    # The file lives as long as the server.
    assert shared_files
    assert not any(path.exists() for path in shared_files)


def test_a_killed_worker_is_replaced_and_sigterm_stops_them_all(
    store: tuple[str, str], tmp_path: Path
) -> None:
    url, key = store
    with two_workers(url, tmp_path) as (process, port, log):
        first, second = _workers_of(process.pid)
        os.kill(first, signal.SIGKILL)
        give_up = time.monotonic() + START_S
        while _serving(log) < 3:
            assert time.monotonic() < give_up, "no worker replaced the killed one"
            # the other worker answers meanwhile
            assert _screen(port, key, LISTED)[0] == 200
            time.sleep(0.5)
        replacement = set(_workers_of(process.pid)) - {second}
        assert len(replacement) == 1
        assert first not in replacement
        for _ in range(20):
            assert _screen(port, key, "Quentin Marlowe-Osei") == (200, 0)
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=GRACE_S + SHUTDOWN_MARGIN_S + 10)
        took = time.monotonic() - sent
        left = [pid for pid in (second, *replacement) if Path(f"/proc/{pid}").exists()]
    assert status == -signal.SIGTERM
    assert took < GRACE_S + SHUTDOWN_MARGIN_S
    assert not left, "workers outlived the server"
    assert f"worker {first} exited with -9: starting another" in log.read_text()


def test_a_worker_that_cannot_start_stops_the_server(tmp_path: Path) -> None:
    """A store that is not there fails each worker's start: the parent stops, once,
    with its own status, rather than start workers again for ever."""
    missing = Settings(database_url=f"sqlite:///{tmp_path / 'nowhere' / 'none.db'}")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    started = time.monotonic()
    with closing(listener), pytest.raises(SystemExit) as stopped:
        run_workers(missing, listener, 2)
    assert stopped.value.code == STARTUP_FAILED_STATUS
    assert time.monotonic() - started < START_S
