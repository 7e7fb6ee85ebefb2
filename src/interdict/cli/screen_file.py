"""`interdict screen-file`: screen every row of a CSV or Parquet file, resumably."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from interdict.cli.context import services
from interdict.cli.output import console, print_json_lines
from interdict.entities.dates import DateOrder
from interdict.errors import InputError
from interdict.review.batch import BatchAlerts
from interdict.screening.batch import BatchJob, BatchSummary
from interdict.screening.batch_input import InputFormat

out = console()


def screen_file(
    ctx: typer.Context,
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help="CSV (UTF-8, header row) or Parquet file.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", help="Hits file to write: .parquet, .csv or .jsonl (by extension)."
        ),
    ],
    threshold: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Lowest score that is a hit [default: settings]."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most hits reported per row.")] = 5,
    restart: Annotated[
        bool, typer.Option(help="Discard an interrupted run's progress and start over.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, help="Worker processes, each with its own screener [default: one per CPU]."
        ),
    ] = None,
    delimiter: Annotated[str, typer.Option(help="CSV field separator, e.g. ';'.")] = ",",
    encoding: Annotated[
        str, typer.Option(help="CSV text encoding, e.g. latin-1 [default: UTF-8].")
    ] = "utf-8-sig",
    column: Annotated[
        list[str] | None,
        typer.Option(
            help="FIELD=HEADER: read a field from a column of another name, e.g. "
            "name=full_name (fields: name, id, dob, nationality, type, gender, document)."
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the summary as one JSON object.")
    ] = False,
    date_order: Annotated[
        DateOrder | None,
        typer.Option(
            "--date-order",
            help="How to read dates like 05/06/1951 [default: both readings where ambiguous].",
        ),
    ] = None,
    member: Annotated[
        str | None,
        typer.Option(
            help="Screen as this member: only the lists it may see, and every hit becomes "
            "one of its alerts (audited). Without it: every list, no alerts."
        ),
    ] = None,
) -> None:
    """Screen every row of a file against the active lists; rerun to resume."""
    svc = services(ctx)
    cutoff = svc.settings.alert_threshold if threshold is None else threshold
    processes = workers or os.cpu_count() or 1
    job = BatchJob(
        input_path,
        output,
        cutoff,
        limit,
        restart=restart,
        workers=processes,
        date_order=date_order,
        input_format=InputFormat(delimiter, encoding, _columns(column or [])),
    )
    owner = None if member is None else svc.members.member(member)
    with _progress(to_stderr=as_json) as bar:
        summary, alerts = svc.screen_file(job, owner, _reporter(bar, bar.add_task("screening")))
    if as_json:
        print_json_lines([_summary_row(summary, alerts)])
    else:
        out.print(_summary_table(summary, alerts))


def _columns(given: list[str]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for text in given:
        field, sep, header = text.partition("=")
        if not sep or not field.strip() or not header.strip():
            raise InputError(f"--column: {text!r} is not FIELD=HEADER (e.g. name=full_name)")
        pairs.append((field.strip().lower(), header.strip()))
    return tuple(pairs)


def _summary_row(summary: BatchSummary, alerts: BatchAlerts | None) -> dict[str, object]:
    row: dict[str, object] = {
        "rows_read": summary.rows_read,
        "rows_screened": summary.rows_screened,
        "rows_with_hits": summary.rows_with_hits,
        "hits": summary.hits,
        "rows_with_warnings": summary.rows_with_warnings,
        "rows_rejected": summary.errors,
        "rows_resumed": summary.rows_resumed,
        "seconds": round(summary.seconds, 3),
        "hits_file": str(summary.output),
        "errors_file": str(summary.errors_output),
    }
    if alerts is not None:
        row.update(alerts_created=alerts.created, alerts_suppressed=alerts.suppressed)
    return row


class _RowsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} rows/s" if speed else "… rows/s", style="progress.data.speed")


def _progress(*, to_stderr: bool) -> Progress:
    """The progress bar; on stderr when stdout carries JSON lines."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RowsPerSecond(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console(stderr=True) if to_stderr else out,
    )


def _reporter(bar: Progress, task: TaskID) -> Callable[[int, int | None], None]:
    """Moves the bar; the first report (rows done by an earlier run) resets the speed."""
    started = False

    def report(done: int, total: int | None) -> None:
        nonlocal started
        if not started:
            bar.reset(task, total=total, completed=done)
            started = True
        bar.update(task, completed=done, total=total)

    return report


def _summary_table(summary: BatchSummary, alerts: BatchAlerts | None) -> Table:
    table = Table(title="Batch screening", show_header=False)
    rows = [
        ("rows read", f"{summary.rows_read:,}"),
        ("rows screened", f"{summary.rows_screened:,}"),
        ("rows with hits", f"{summary.rows_with_hits:,}"),
        ("hits", f"{summary.hits:,}"),
        ("rows screened with warnings (ignored values)", f"{summary.rows_with_warnings:,}"),
        ("rows rejected (no usable name)", f"{summary.errors:,}"),
        ("rows done by an earlier run", f"{summary.rows_resumed:,}"),
        ("seconds (this run)", f"{summary.seconds:,.1f}"),
        ("hits file", str(summary.output)),
        ("rejected rows and warnings file", str(summary.errors_output)),
    ]
    if alerts is not None:
        rows.append((f"alerts created for {alerts.member.name} (this run)", f"{alerts.created:,}"))
        rows.append(("hits suppressed by the allow-list (this run)", f"{alerts.suppressed:,}"))
    for label, value in rows:
        table.add_row(label, value)
    return table
