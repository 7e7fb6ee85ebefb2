"""Batch screening of CSV and Parquet files against the real UN list, with resuming."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from interdict.cli.app import app
from interdict.config import Settings
from interdict.entities.model import Entity, Schema
from interdict.errors import GuardError, InputError
from interdict.lists.importer import import_list
from interdict.lists.registry import SOURCES
from interdict.lists.store import ListStore
from interdict.screening.batch import BatchJob, BatchSummary, screen_batch
from interdict.screening.batch_pool import CHUNK_ROWS, ListedSource
from interdict.screening.screen import ListedEntity
from interdict.storage.engine import open_engine
from interdict.storage.migrate import upgrade

UN_FILE = Path(__file__).resolve().parents[2] / "data" / "lists" / "un-consolidated-2026-02-27.xml"
HEADER = ["id", "name", "dob", "nationality", "type", "gender", "document"]
MADE_UP = "Zorblax Quintavius Frobisher"


@pytest.fixture(scope="module")
def un_entities() -> tuple[Entity, ...]:
    return SOURCES["un-xml"].parse([UN_FILE]).entities


@pytest.fixture(scope="module")
def source(un_entities: tuple[Entity, ...]) -> ListedSource:
    return ListedSource(tuple(ListedEntity("un-sc-consolidated", 1, e) for e in un_entities))


@pytest.fixture(scope="module")
def persons(un_entities: tuple[Entity, ...]) -> list[Entity]:
    return [e for e in un_entities if e.schema is Schema.PERSON]


def write_csv(path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_parquet(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    columns = {h: [row[i] for row in rows] for i, h in enumerate(HEADER)}
    pq.write_table(pa.table(columns), path)
    return path


def mixed_rows(persons: list[Entity], count: int) -> list[list[str]]:
    """Every other row a listed person, the others made-up customers."""
    return [
        [f"c{i}", persons[i * 7].caption, "", "", "person", "", ""]
        if i % 2 == 0
        else [f"c{i}", f"{MADE_UP} {i}", "", "", "", "", ""]
        for i in range(count)
    ]


def hits(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def run(job: BatchJob, source: ListedSource, reports: list[int] | None = None) -> BatchSummary:
    def progress(done: int, total: int | None) -> None:
        if reports is not None:
            reports.append(done)

    return screen_batch(job, source, progress)


def test_listed_name_is_hit_and_made_up_name_is_not(
    tmp_path: Path, source: ListedSource, persons: list[Entity]
) -> None:
    listed = persons[3]
    rows = [["a", listed.caption, "", "", "", "", ""], ["b", MADE_UP, "", "", "", "", ""]]
    job = BatchJob(write_csv(tmp_path / "in.csv", rows), tmp_path / "out.parquet")
    summary = run(job, source)
    found = hits(job.output)
    assert {h["row_number"] for h in found} == {1}
    assert listed.key in {h["entity_key"] for h in found}
    assert all(h["subject_id"] == "a" and h["score"] >= job.threshold for h in found)
    assert "score" in found[0]["explanation"]
    assert (summary.rows_read, summary.rows_with_hits, summary.errors) == (2, 1, 0)
    assert not (tmp_path / "out.parquet.parts").exists()


def test_csv_and_parquet_inputs_give_the_same_hits(
    tmp_path: Path, source: ListedSource, persons: list[Entity]
) -> None:
    rows = mixed_rows(persons, 12)
    from_csv = BatchJob(write_csv(tmp_path / "in.csv", rows), tmp_path / "csv.parquet")
    from_parquet = BatchJob(write_parquet(tmp_path / "in.parquet", rows), tmp_path / "pq.parquet")
    run(from_csv, source)
    run(from_parquet, source)
    assert hits(from_csv.output) == hits(from_parquet.output)
    assert {h["row_number"] for h in hits(from_csv.output)} == {1, 3, 5, 7, 9, 11}


def test_bad_values_are_warnings_and_only_a_row_without_a_name_is_rejected(
    tmp_path: Path, source: ListedSource, persons: list[Entity]
) -> None:
    listed = persons[0].caption
    rows = [
        ["ok", listed, "", "", "", "", ""],
        ["no-name", "  ", "", "", "", "", ""],
        ["bad-country", listed, "", "Atlantis", "", "", ""],
        ["bad-date", listed, "1980-02-30", "", "", "", ""],
        ["bad-gender", listed, "", "", "", "robot", ""],
        ["bad-type", listed, "", "", "spaceship", "", ""],
        ["ok-too", MADE_UP, "1970;circa 1971", "IR;Iraq", "person", "male", "A123;B456"],
        ["no-letters", "?? ; --", "", "", "", "", ""],
    ]
    job = BatchJob(write_csv(tmp_path / "in.csv", rows), tmp_path / "out.parquet")
    summary = run(job, source)
    with job.errors_output.open(encoding="utf-8", newline="") as handle:
        errors = list(csv.DictReader(handle))
    assert [(e["row_number"], e["subject_id"], e["field"], e["severity"]) for e in errors] == [
        ("2", "no-name", "name", "error"),
        ("3", "bad-country", "nationality", "warning"),
        ("4", "bad-date", "dob", "warning"),
        ("5", "bad-gender", "gender", "warning"),
        ("6", "bad-type", "type", "warning"),
        ("8", "no-letters", "name", "error"),
    ]
    assert "'Atlantis' is not a country" in errors[1]["message"]
    assert "no such day in '1980-02-30'" in errors[2]["message"]
    assert (summary.rows_read, summary.rows_screened, summary.errors) == (8, 6, 2)
    assert summary.rows_with_warnings == 4
    found = hits(job.output)
    assert {h["row_number"] for h in found} == {1, 3, 4, 5, 6}
    warnings = {h["row_number"]: h["warnings"] for h in found}
    assert warnings[1] == ""
    assert warnings[3].startswith("nationality: 'Atlantis' is not a country")
    assert warnings[4].startswith("dob: no such day in '1980-02-30'")


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_missing_name_column_is_an_input_error_naming_the_file(
    tmp_path: Path, source: ListedSource, suffix: str
) -> None:
    path = tmp_path / f"customers{suffix}"
    if suffix == ".csv":
        write_csv(path, [["1", "John Smith"]], header=["id", "full_name"])
    else:
        pq.write_table(pa.table({"id": ["1"], "full_name": ["John Smith"]}), path)
    with pytest.raises(InputError) as caught:
        run(BatchJob(path, tmp_path / "out.parquet"), source)
    assert str(path) in str(caught.value)
    assert "'full_name'" in str(caught.value)


def interrupt_after_first_part(job: BatchJob, source: ListedSource) -> None:
    def progress(done: int, total: int | None) -> None:
        if done > job.part_rows:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        screen_batch(job, source, progress)


def test_interrupted_batch_resumes_where_it_stopped(
    tmp_path: Path, source: ListedSource, persons: list[Entity]
) -> None:
    path = write_csv(tmp_path / "in.csv", mixed_rows(persons, 100))
    reference = BatchJob(path, tmp_path / "reference.parquet", part_rows=40)
    run(reference, source)
    job = BatchJob(path, tmp_path / "out.parquet", part_rows=40)
    interrupt_after_first_part(job, source)
    checkpoint = json.loads((tmp_path / "out.parquet.parts" / "checkpoint.json").read_text())
    assert (checkpoint["last_row"], checkpoint["parts"]) == (40, 1)
    assert not job.output.exists()

    reports: list[int] = []
    summary = run(job, source, reports)
    # The second run starts after row 40 and screens rows 41-100 once, chunk by chunk.
    assert reports == list(range(40, 101, CHUNK_ROWS))
    assert (summary.rows_resumed, summary.rows_read) == (40, 100)
    assert hits(job.output) == hits(reference.output)
    assert not (tmp_path / "out.parquet.parts").exists()


def test_changed_list_versions_refuse_to_resume(
    tmp_path: Path, source: ListedSource, persons: list[Entity]
) -> None:
    path = write_csv(tmp_path / "in.csv", mixed_rows(persons, 60))
    job = BatchJob(path, tmp_path / "out.parquet", part_rows=20)
    interrupt_after_first_part(job, source)
    newer = ListedSource(tuple(ListedEntity(x.list_name, 2, x.entity) for x in source.listed))
    with pytest.raises(GuardError) as caught:
        run(job, newer)
    assert "versions" in str(caught.value)
    assert "--restart" in str(caught.value)
    summary = run(BatchJob(job.input, job.output, restart=True), newer)
    assert (summary.rows_resumed, summary.rows_read) == (0, 60)
    assert {h["version_id"] for h in hits(job.output)} == {2}


def test_two_workers_give_the_same_hits_as_one(
    tmp_path: Path, source: ListedSource, persons: list[Entity]
) -> None:
    path = write_csv(tmp_path / "in.csv", mixed_rows(persons, 50))
    one = BatchJob(path, tmp_path / "one.parquet")
    two = BatchJob(path, tmp_path / "two.parquet", workers=2, pool_min_rows=0)
    run(one, source)
    reports: list[int] = []
    run(two, source, reports)
    assert hits(two.output) == hits(one.output)
    assert reports[-1] == 50


def test_screen_file_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, persons: list[Entity]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = open_engine(url)
    upgrade(engine)
    import_list(ListStore(engine), [UN_FILE])
    engine.dispose()
    monkeypatch.setenv("COLUMNS", "200")
    settings = Settings(database_url=url)
    path = write_csv(tmp_path / "in.csv", mixed_rows(persons, 6))
    out = tmp_path / "hits.parquet"

    result = CliRunner().invoke(
        app, ["screen-file", str(path), "-o", str(out), "--limit", "1"], obj=settings
    )
    assert result.exit_code == 0, result.output
    assert "rows with hits" in result.output
    assert {h["row_number"] for h in hits(out)} == {1, 3, 5}

    missing = write_csv(tmp_path / "bad.csv", [["x"]], header=["customer"])
    result = CliRunner().invoke(app, ["screen-file", str(missing), "-o", str(out)], obj=settings)
    assert isinstance(result.exception, InputError)
