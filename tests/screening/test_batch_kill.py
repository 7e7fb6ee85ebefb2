"""A real `kill -9` of `interdict screen-file` mid-run loses nothing: the rerun resumes.

The CLI commits a part every 1,000 rows; the file has 1,500, so the process is killed
after its first commit, while it screens the rest, and the rerun must skip the first
1,000 rows and still produce exactly the hits of an uninterrupted run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from interdict.entities.model import Entity, Schema
from interdict.lists.importer import import_list
from interdict.lists.registry import SOURCES
from interdict.lists.store import ListStore
from interdict.screening.batch import BatchJob, screen_batch
from interdict.screening.batch_pool import ListedSource
from interdict.screening.screen import ListedEntity
from interdict.storage.engine import open_engine
from interdict.storage.migrate import upgrade

UN_FILE = Path(__file__).resolve().parents[2] / "data" / "lists" / "un-consolidated-2026-02-27.xml"
ROWS = 1_500
COMMITTED = 1_000  # the CLI's part size


def write_rows(path: Path, persons: list[Entity]) -> Path:
    lines = ["id,name"]
    for i in range(ROWS):
        name = persons[i % len(persons)].caption if i % 3 == 0 else f"Quintavius Frobisher {i}"
        lines.append(f'c{i},"{name}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def hit_rows(path: Path) -> list[tuple[int, str, float]]:
    table = pq.read_table(path, columns=["row_number", "entity_key", "score"]).to_pylist()
    return [(r["row_number"], r["entity_key"], r["score"]) for r in table]


def test_kill_mid_batch_then_rerun_gives_the_uninterrupted_hits(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lists.db'}"
    engine = open_engine(url)
    upgrade(engine)
    version = import_list(ListStore(engine), [UN_FILE]).version
    engine.dispose()
    entities = SOURCES["un-xml"].parse([UN_FILE]).entities
    persons = [e for e in entities if e.schema is Schema.PERSON]
    source = ListedSource(tuple(ListedEntity(version.list_name, version.id, e) for e in entities))
    path = write_rows(tmp_path / "customers.csv", persons)
    reference = BatchJob(path, tmp_path / "reference.parquet")
    screen_batch(reference, source, lambda done, total: None)

    output = tmp_path / "hits.parquet"
    command = [sys.executable, "-m", "interdict.cli", "screen-file", str(path), "-o", str(output)]
    env = {**os.environ, "INTERDICT_DATABASE_URL": url, "COLUMNS": "200"}
    checkpoint = tmp_path / "hits.parquet.parts" / "checkpoint.json"
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL) as child:
        deadline = time.monotonic() + 120
        while not checkpoint.exists():
            if child.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"screen-file ended or stalled before its first commit: {child.returncode}"
                )
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    state = json.loads(checkpoint.read_text())
    assert state["last_row"] == COMMITTED, "killed too late to test resuming; make ROWS larger"
    assert not output.exists()

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    resumed = next(line for line in rerun.stdout.splitlines() if "earlier run" in line)
    assert f"{COMMITTED:,}" in resumed
    assert hit_rows(output) == hit_rows(reference.output)
    assert len({row for row, _, _ in hit_rows(output)}) >= ROWS // 3 * 0.9
    assert not checkpoint.parent.exists()
