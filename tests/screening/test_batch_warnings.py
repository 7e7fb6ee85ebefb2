"""Batch rows are screened on what is good: a bad value is a warning, never the row.

And birth dates whose day and month could be either way round are read both ways,
unless the file says which order it writes.
"""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from interdict.cli.app import app
from interdict.config import Settings
from interdict.entities.dates import DateOrder
from interdict.entities.model import BirthDate, Entity, Schema
from interdict.errors import GuardError
from interdict.lists.importer import import_list
from interdict.lists.registry import SOURCES
from interdict.lists.store import ListStore
from interdict.matching.registry import get_matcher
from interdict.screening.batch import BatchJob, BatchSummary, screen_batch
from interdict.screening.batch_input import SubjectRow, subject_from_row
from interdict.screening.batch_pool import ListedSource
from interdict.screening.batch_resume import CHECKPOINT
from interdict.screening.screen import ListedEntity
from interdict.storage.engine import open_engine
from interdict.storage.migrate import upgrade

UN_FILE = Path(__file__).resolve().parents[2] / "data" / "lists" / "un-consolidated-2026-02-27.xml"
ZAWAHIRI = "QDi.006"  # listed born 1951-06-19, Egyptian
REFERENCE = get_matcher("interdict-v1-reference")


@pytest.fixture(scope="module")
def un_entities() -> tuple[Entity, ...]:
    return SOURCES["un-xml"].parse([UN_FILE]).entities


@pytest.fixture(scope="module")
def source(un_entities: tuple[Entity, ...]) -> ListedSource:
    return ListedSource(tuple(ListedEntity("un-sc-consolidated", 1, e) for e in un_entities))


@pytest.fixture(scope="module")
def born_either_way(un_entities: tuple[Entity, ...]) -> ListedSource:
    """Al-Zawahiri listed three times: born 5 June 1951, 6 May 1951 and 1 Jan 1960."""
    zawahiri = next(e for e in un_entities if e.key == ZAWAHIRI)
    dates = {"june-5": "1951-06-05", "may-6": "1951-05-06", "other": "1960-01-01"}
    return ListedSource(
        tuple(
            ListedEntity(key, 1, replace(zawahiri, key=key, birth_dates=(BirthDate(dob),)))
            for key, dob in dates.items()
        )
    )


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def hits(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def errors(job: BatchJob) -> list[dict[str, str]]:
    with job.errors_output.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def screen(
    tmp_path: Path, source: ListedSource, rows: list[list[str]], **options: Any
) -> tuple[BatchJob, BatchSummary]:
    path = write_csv(tmp_path / "in.csv", ["name", "dob", "nationality", "type", "gender"], rows)
    job = BatchJob(path, tmp_path / "out.parquet", **options)
    return job, screen_batch(job, source)


def scores_by_key(found: list[dict[str, Any]]) -> dict[str, float]:
    return {h["entity_key"]: h["score"] for h in found}


def test_an_impossible_date_is_a_warning_and_the_row_still_hits(
    tmp_path: Path, source: ListedSource
) -> None:
    job, summary = screen(tmp_path, source, [["Ayman al Zawahiri", "1980-02-30", "", "", ""]])
    found = hits(job.output)
    assert found[0]["entity_key"] == ZAWAHIRI
    assert found[0]["warnings"] == "dob: no such day in '1980-02-30'; ignored"
    assert "birth_date" not in found[0]["explanation"]  # the bad date is not evidence
    assert [(e["field"], e["severity"]) for e in errors(job)] == [("dob", "warning")]
    assert (summary.rows_screened, summary.errors, summary.rows_with_warnings) == (1, 0, 1)


def test_a_row_keeps_its_good_values_beside_a_bad_one(tmp_path: Path, source: ListedSource) -> None:
    rows = [["Ayman al Zawahiri", "1951-06-19;1980-02-30", "Atlantis;Egypt", "", ""]]
    job, _ = screen(tmp_path, source, rows)
    explanation = hits(job.output)[0]["explanation"]
    assert "birth_date_exact" in explanation
    assert "nationality_match" in explanation
    assert [e["field"] for e in errors(job)] == ["dob", "nationality"]


def test_synonyms_of_type_gender_and_country_are_accepted_without_warnings(
    tmp_path: Path, source: ListedSource, un_entities: tuple[Entity, ...]
) -> None:
    company = next(e for e in un_entities if e.schema is Schema.ORGANIZATION)
    genders = ["male", "female", "other", "m", "f", "unknown", "", "O", "Divers", "FEMALE"]
    types = ["company", "Organisation", "organization", "entity", "Legal Entity"]
    rows = [["Ayman al Zawahiri", "", "EG", "individual", gender] for gender in genders]
    rows += [[company.caption, "", "", kind, ""] for kind in types]
    rows += [["Ayman al Zawahiri", "", country, "person", ""] for country in ["Egypt", "eg"]]
    job, summary = screen(tmp_path, source, rows)
    assert errors(job) == []
    assert (summary.rows_screened, summary.errors, summary.rows_with_warnings) == (17, 0, 0)
    found = hits(job.output)
    assert {h["row_number"] for h in found} == set(range(1, 18))
    company_hits = [h for h in found if h["entity_key"] == company.key]
    assert len(company_hits) == len(types)
    assert all("schema_mismatch" not in h["explanation"] for h in company_hits)


def test_a_file_with_gender_other_screens_every_row(
    tmp_path: Path, source: ListedSource, un_entities: tuple[Entity, ...]
) -> None:
    persons = [e for e in un_entities if e.schema is Schema.PERSON][:30]
    rows = [[person.caption, "", "", "", "other"] for person in persons]
    job, summary = screen(tmp_path, source, rows)
    assert (summary.rows_read, summary.rows_screened, summary.errors) == (30, 30, 0)
    assert summary.rows_with_warnings == 0
    assert {h["row_number"] for h in hits(job.output)} == set(range(1, 31))


def test_an_ambiguous_date_matches_a_listed_date_in_either_reading(
    tmp_path: Path, born_either_way: ListedSource
) -> None:
    job, _ = screen(tmp_path, born_either_way, [["Ayman al Zawahiri", "05/06/1951", "", "", ""]])
    found = hits(job.output)
    scores = scores_by_key(found)
    assert scores["june-5"] == scores["may-6"]
    assert scores.get("other", 0.0) < scores["june-5"]
    explanations = {h["entity_key"]: h["explanation"] for h in found}
    assert "both born 05/06/1951 (as 1951-06-05)" in explanations["june-5"]
    assert "both born 05/06/1951 (as 1951-05-06)" in explanations["may-6"]
    assert errors(job) == []

    unambiguous, _ = screen(
        tmp_path, born_either_way, [["Ayman al Zawahiri", "1951-06-05", "", "", ""]]
    )
    assert scores_by_key(hits(unambiguous.output))["june-5"] == scores["june-5"]


def test_a_date_valid_in_one_order_only_is_read_that_way(
    tmp_path: Path, source: ListedSource
) -> None:
    job, _ = screen(tmp_path, source, [["Ayman al Zawahiri", "06/19/1951", "", "", ""]])
    found = hits(job.output)
    assert found[0]["entity_key"] == ZAWAHIRI
    assert "birth_date_exact" in found[0]["explanation"]
    assert errors(job) == []


def test_date_order_forces_one_reading(tmp_path: Path, born_either_way: ListedSource) -> None:
    rows = [["Ayman al Zawahiri", "05/06/1951", "", "", ""]]
    job, _ = screen(tmp_path, born_either_way, rows, date_order=DateOrder.MDY)
    found = {h["entity_key"]: h for h in hits(job.output)}
    assert "birth_date_exact" in found["may-6"]["explanation"]
    assert "birth_date_transposed" in found["june-5"]["explanation"]
    assert found["june-5"]["score"] < found["may-6"]["score"]

    rows = [["Ayman al Zawahiri", "06/19/1951", "", "", ""]]
    job, summary = screen(tmp_path, born_either_way, rows, date_order=DateOrder.DMY, restart=True)
    assert [(e["field"], e["message"]) for e in errors(job)] == [
        ("dob", "month out of range in '06/19/1951'; ignored")
    ]
    assert summary.rows_with_warnings == 1

    rows = [["Ayman al Zawahiri", "05/06/1951;1951/06/05", "", "", ""]]
    job, _ = screen(tmp_path, born_either_way, rows, date_order=DateOrder.YMD, restart=True)
    assert [e["message"] for e in errors(job)] == [
        "not a year-month-day date: '05/06/1951'; ignored"
    ]
    found = {h["entity_key"]: h for h in hits(job.output)}
    assert "birth_date_exact" in found["june-5"]["explanation"]


def test_batch_scores_equal_the_per_query_and_the_reference_scores(
    tmp_path: Path, source: ListedSource, un_entities: tuple[Entity, ...]
) -> None:
    persons = [e for e in un_entities if e.schema is Schema.PERSON and e.birth_dates][:40]
    dobs = ["05/06/1951", "06/19/1951", "12/11/1970", "circa 03/04/1965", "1951-06-19"]
    rows = [[p.caption, dobs[i % len(dobs)], "", "", ""] for i, p in enumerate(persons)]
    job, _ = screen(tmp_path, source, rows)
    screener = source.build()
    expected = []
    for number, cells in enumerate(rows, start=1):
        row = SubjectRow(number, {"name": cells[0], "dob": cells[1]})
        subject = subject_from_row(row).entity
        found = screener.screen(subject, threshold=job.threshold, limit=job.limit)
        reference = screener.screen(
            subject, threshold=job.threshold, limit=job.limit, matcher=REFERENCE
        )
        assert [(h.listed.screening_id, h.match) for h in found] == [
            (h.listed.screening_id, h.match) for h in reference
        ]
        expected += [(number, h.listed.entity.key, h.score) for h in found]
    assert [(h["row_number"], h["entity_key"], h["score"]) for h in hits(job.output)] == expected


def test_a_changed_date_order_or_an_older_work_folder_refuses_to_resume(
    tmp_path: Path, born_either_way: ListedSource
) -> None:
    rows = [["Ayman al Zawahiri", "05/06/1951", "", "", ""]] * 30
    path = write_csv(tmp_path / "in.csv", ["name", "dob", "nationality", "type", "gender"], rows)
    job = BatchJob(path, tmp_path / "out.parquet", part_rows=10, date_order=DateOrder.DMY)

    def stop(done: int, total: int | None) -> None:
        if done > job.part_rows:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        screen_batch(job, born_either_way, stop)
    with pytest.raises(GuardError) as caught:
        screen_batch(replace(job, date_order=None), born_either_way)
    assert "date_order was 'dmy', now None" in str(caught.value)

    checkpoint = tmp_path / "out.parquet.parts" / CHECKPOINT
    state = json.loads(checkpoint.read_text())
    del state["key"]["batch_format"]  # as a run of the version that rejected bad rows wrote it
    checkpoint.write_text(json.dumps(state))
    with pytest.raises(GuardError) as caught:
        screen_batch(job, born_either_way)
    assert "batch_format was 1, now 2" in str(caught.value)
    assert screen_batch(replace(job, restart=True), born_either_way).rows_read == 30


def test_warnings_leave_the_exit_code_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = open_engine(url)
    upgrade(engine)
    import_list(ListStore(engine), [UN_FILE])
    engine.dispose()
    monkeypatch.setenv("COLUMNS", "200")
    settings = Settings(database_url=url)
    rows = [["Ayman al Zawahiri", "1980-02-30", "Atlantis", "spaceship", "robot"]]
    path = write_csv(tmp_path / "in.csv", ["name", "dob", "nationality", "type", "gender"], rows)
    out = tmp_path / "hits.parquet"
    result = CliRunner().invoke(app, ["screen-file", str(path), "-o", str(out)], obj=settings)
    assert result.exit_code == 0, result.output
    assert ZAWAHIRI in {h["entity_key"] for h in hits(out)}
    assert hits(out)[0]["warnings"].count("\n") == 3


@pytest.mark.parametrize(
    ("cell", "either", "warned"),
    [
        ("", True, False),
        ("Legal Entity", True, False),
        ("organisation", False, False),
        ("Person", False, False),
        ("Atlantis", True, True),
    ],
)
def test_a_row_of_no_known_type_is_screened_as_either_kind(
    cell: str, either: bool, warned: bool
) -> None:
    """No type, or one we do not know, is not guessed to be a person's."""
    found = subject_from_row(SubjectRow(1, {"name": "Congomet Trading House", "type": cell}))
    assert found.either_kind is either
    assert [w.field for w in found.warnings] == (["type"] if warned else [])
    if warned:
        assert "screened as a person and as an organization" in found.warnings[0].message
