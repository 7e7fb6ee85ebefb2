"""Batch screening: every row of a CSV or Parquet file against the lists, resumably.

A batch reads its input as a stream, screens it in chunks (in this process or in a
pool of workers), and commits results in numbered part files with a checkpoint after
each (see batch_resume). A value that cannot be used (an impossible date, an unknown
country) is left out with a warning and the row screened on the rest; a row without
a usable name is rejected. Both are reported and counted — never dropped silently,
and never the end of the run. At the end the parts are merged into `OUT.parquet`
(hits, with each row's warnings) and `OUT.errors.csv` (rejected rows and warnings),
and the work folder is removed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from interdict.entities.dates import DateOrder
from interdict.errors import InputError
from interdict.matching.score import DEFAULT_THRESHOLDS
from interdict.screening import batch_resume as resume
from interdict.screening.batch_input import (
    PLAIN,
    InputFormat,
    SubjectRow,
    count_rows,
    read_rows,
)
from interdict.screening.batch_output import (
    ERROR_SCHEMA,
    HIT_SCHEMA,
    OUTPUT_SUFFIXES,
    REJECTED,
    WARNING,
    merge_errors_csv,
    merge_parts,
    write_part,
)
from interdict.screening.batch_pool import (
    ChunkResult,
    RowHits,
    ScreenerSource,
    chunks,
    screen_in_pool,
    screen_in_process,
)
from interdict.screening.batch_resume import Checkpoint, Tally

#: Fewer rows than this are screened in this process even when workers are asked for:
#: each worker builds its own screener (several seconds on all lists), which a small
#: file does not pay back.
POOL_MIN_ROWS = 1_000
#: progress(rows_done, rows_total): rows done so far, this run and earlier ones.
Progress = Callable[[int, int | None], None]
#: Called with the rows that had hits, before the part holding them is committed (so
#: an interruption in between repeats the call on resume: it must be idempotent, as
#: recording alerts is). Review uses it to turn batch hits into alerts.
HitSink = Callable[[Sequence[RowHits]], None]


@dataclass(frozen=True, slots=True)
class BatchJob:
    """What to screen, where to write it, and how.

    A part is committed every `part_rows` rows or `part_seconds` seconds, whichever
    comes first: an interruption loses at most that much work. `date_order` is the
    order of the file's numeric dates ("05/06/1951"); None reads each in every order
    it is valid in.
    """

    input: Path
    output: Path
    threshold: float = DEFAULT_THRESHOLDS.alert
    limit: int = 5
    restart: bool = False
    workers: int = 1
    part_rows: int = 1_000
    part_seconds: float = 30.0
    pool_min_rows: int = POOL_MIN_ROWS
    date_order: DateOrder | None = None
    input_format: InputFormat = PLAIN

    @property
    def errors_output(self) -> Path:
        return self.output.with_name(self.output.stem + ".errors.csv")


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Totals over the whole file (earlier interrupted runs included).

    `errors` counts rejected rows (not screened); `rows_with_warnings` rows screened
    with a value left out.
    """

    rows_read: int
    rows_screened: int
    rows_with_hits: int
    hits: int
    errors: int
    rows_with_warnings: int
    rows_resumed: int
    seconds: float
    output: Path
    errors_output: Path


def screen_batch(
    job: BatchJob,
    source: ScreenerSource,
    progress: Progress | None = None,
    on_hits: HitSink | None = None,
) -> BatchSummary:
    """Screen every row of `job.input`, resuming an interrupted run of the same job."""
    _check(job)
    started = time.monotonic()
    work = resume.work_folder(job.output)
    order = None if job.date_order is None else job.date_order.value
    key = resume.run_key(job.input, source.versions, job.threshold, job.limit, order)
    checkpoint = resume.start(work, key, restart=job.restart)
    resumed = checkpoint.tally.rows
    total = count_rows(job.input, job.input_format)
    rows = read_rows(job.input, job.date_order, job.input_format)
    rows = (row for row in rows if row.number > checkpoint.last_row)
    with closing(_results(job, source, rows, total - resumed)) as results:
        checkpoint = _run(
            job, work, checkpoint, results, lambda done: _tell(progress, done, total), on_hits
        )
    _merge(job, work, checkpoint.parts)
    return _summary(job, checkpoint.tally, resumed, time.monotonic() - started)


def _check(job: BatchJob) -> None:
    if job.output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InputError(
            f"{job.output}: the output must be {', '.join(OUTPUT_SUFFIXES)} (chosen by extension)"
        )
    if job.output.resolve() == job.input.resolve():
        raise InputError(f"{job.output}: the output would overwrite the input")
    if job.limit < 1 or job.workers < 1:
        raise InputError(f"limit and workers must be at least 1 (got {job.limit}, {job.workers})")
    if not 0.0 <= job.threshold <= 1.0:
        raise InputError(f"threshold: {job.threshold} is not between 0 and 1")


def _results(
    job: BatchJob, source: ScreenerSource, rows: Iterable[SubjectRow], remaining: int
) -> Generator[ChunkResult, None, None]:
    """Chunk results; no screener is built when no row is left (a finished run resumed)."""
    pending = chunks(rows)
    first = next(pending, None)
    if first is None:
        return
    pending = chain([first], pending)
    if job.workers > 1 and remaining >= job.pool_min_rows:
        yield from screen_in_pool(source, pending, job.threshold, job.limit, job.workers)
    else:
        yield from screen_in_process(source, pending, job.threshold, job.limit)


@dataclass(slots=True)
class _Part:
    """Chunk results not yet committed to a part file."""

    started: float = field(default_factory=time.monotonic)
    results: list[ChunkResult] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(result.rows for result in self.results)

    def is_full(self, job: BatchJob) -> bool:
        elapsed = time.monotonic() - self.started
        return self.rows >= job.part_rows or elapsed >= job.part_seconds


def _run(
    job: BatchJob,
    work: Path,
    checkpoint: Checkpoint,
    results: Iterable[ChunkResult],
    report: Callable[[int], None],
    on_hits: HitSink | None,
) -> Checkpoint:
    report(checkpoint.tally.rows)
    part = _Part()
    for result in results:
        part.results.append(result)
        if part.is_full(job):
            checkpoint, part = _commit(work, checkpoint, part, on_hits), _Part()
        report(checkpoint.tally.rows + part.rows)
    return _commit(work, checkpoint, part, on_hits) if part.results else checkpoint


def _commit(work: Path, checkpoint: Checkpoint, part: _Part, on_hits: HitSink | None) -> Checkpoint:
    """Hand on the hits, write the part's hits and errors, then the checkpoint."""
    if on_hits is not None:
        on_hits([screened for result in part.results for screened in result.screened])
    hits = [hit for result in part.results for hit in result.hits]
    errors = [error for result in part.results for error in result.errors]
    write_part(resume.hits_part(work, checkpoint.parts), hits, HIT_SCHEMA)
    write_part(resume.errors_part(work, checkpoint.parts), errors, ERROR_SCHEMA)
    with_hits = sum(result.rows_with_hits for result in part.results)
    rejected = sum(1 for error in errors if error["severity"] == REJECTED)
    warned = len({error["row_number"] for error in errors if error["severity"] == WARNING})
    tally = Tally(part.rows, rejected, with_hits, len(hits), warned)
    checkpoint = checkpoint.advance(part.results[-1].last_row, tally)
    resume.save(work, checkpoint)
    return checkpoint


def _merge(job: BatchJob, work: Path, parts: int) -> None:
    """The final outputs from the parts; the hits file last, as the sign of completion."""
    merge_errors_csv([resume.errors_part(work, n) for n in range(parts)], job.errors_output)
    merge_parts([resume.hits_part(work, n) for n in range(parts)], job.output, HIT_SCHEMA)
    resume.finish(work)


def _tell(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _summary(job: BatchJob, tally: Tally, resumed: int, seconds: float) -> BatchSummary:
    return BatchSummary(
        rows_read=tally.rows,
        rows_screened=tally.rows - tally.errors,
        rows_with_hits=tally.rows_with_hits,
        hits=tally.hits,
        errors=tally.errors,
        rows_with_warnings=tally.warned,
        rows_resumed=resumed,
        seconds=seconds,
        output=job.output,
        errors_output=job.errors_output,
    )
