"""`interdict books ...`: members' customer books, kept and re-screened as lists change."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from interdict.cli.context import services
from interdict.cli.output import JsonFlag, console, print_json_lines, print_result
from interdict.monitoring.book import Progress as JobProgress

app = typer.Typer(help="Customer books: monitored against every list change.", no_args_is_help=True)
out = console()


@app.command("import")
def import_book(
    ctx: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="CSV or Parquet, screen-file's columns and an id."),
    ],
    member: Annotated[str, typer.Option(help="The member whose book it is.")],
    book: Annotated[str, typer.Option(help="The book's name (one member, several books).")],
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes [default: one per CPU].")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Store FILE as the whole book (upsert by id, missing ids removed); screen the new
    and changed customers against the member's active lists."""
    svc = services(ctx)
    owner = svc.members.member(member)
    with job_progress(to_stderr=as_json) as progress:
        done = svc.import_book(
            path,
            owner,
            book,
            actor="cli",
            workers=workers or os.cpu_count() or 1,
            progress=progress,
        )
    change, counts = done.change, done.counts
    row = {
        "member": owner.name,
        "book": book,
        "revision": done.book.revision,
        "added": len(change.added),
        "changed": len(change.changed),
        "removed": len(change.removed),
        "unchanged": change.unchanged,
        "screened": counts.screened,
        "hits": counts.hits,
        "alerts": counts.alerts,
    }
    text = (
        f"book {book!r} of {owner.name}, revision {done.book.revision}: "
        f"{len(change.added):,} added, {len(change.changed):,} changed, "
        f"{len(change.removed):,} removed, {change.unchanged:,} unchanged; "
        f"{counts.screened:,} screened, {counts.hits:,} hits, {counts.alerts:,} new alerts"
    )
    print_result(as_json, row, text)


@app.command("show")
def show(
    ctx: typer.Context,
    member: Annotated[str | None, typer.Option(help="Only this member's books.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """The books kept for monitoring."""
    svc = services(ctx)
    owner = None if member is None else svc.members.member(member)
    books = svc.monitoring_status(owner).books
    if as_json:
        print_json_lines(
            {
                "member": svc.members.member_by_id(item.member_id).name,
                "book": item.name,
                "revision": item.revision,
                "customers": item.customers,
                "updated_at": item.updated_at.isoformat(),
            }
            for item in books
        )
        return
    table = Table("member", "book", "revision", "customers", "updated")
    for item in books:
        table.add_row(
            svc.members.member_by_id(item.member_id).name,
            item.name,
            str(item.revision),
            f"{item.customers:,}",
            item.updated_at.strftime("%Y-%m-%d %H:%M"),
        )
    out.print(table)


@contextmanager
def job_progress(*, to_stderr: bool = False) -> Iterator[JobProgress]:
    """A Rich progress bar per phase of a monitoring job (reading, screening, indexing);
    on stderr when stdout carries JSON lines."""
    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console(stderr=True) if to_stderr else out,
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def report(phase: str, done: int, total: int | None) -> None:
        if phase not in tasks:
            tasks[phase] = bars.add_task(phase, total=total)
        bars.update(tasks[phase], completed=done, total=total)

    with bars:
        yield report
