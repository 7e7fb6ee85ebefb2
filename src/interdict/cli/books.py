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
from interdict.cli.output import console
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
) -> None:
    """Store FILE as the whole book (upsert by id, missing ids removed); screen the new
    and changed customers against the member's active lists."""
    svc = services(ctx)
    owner = svc.members.member(member)
    with job_progress() as progress:
        done = svc.import_book(
            path,
            owner,
            book,
            actor="cli",
            workers=workers or os.cpu_count() or 1,
            progress=progress,
        )
    change, counts = done.change, done.counts
    out.print(
        f"book {book!r} of {owner.name}, revision {done.book.revision}: "
        f"{len(change.added):,} added, {len(change.changed):,} changed, "
        f"{len(change.removed):,} removed, {change.unchanged:,} unchanged; "
        f"{counts.screened:,} screened, {counts.hits:,} hits, {counts.alerts:,} new alerts",
        highlight=False,
    )


@app.command("show")
def show(
    ctx: typer.Context,
    member: Annotated[str | None, typer.Option(help="Only this member's books.")] = None,
) -> None:
    """The books kept for monitoring."""
    svc = services(ctx)
    owner = None if member is None else svc.members.member(member)
    table = Table("member", "book", "revision", "customers", "updated")
    for item in svc.monitoring_status(owner).books:
        table.add_row(
            svc.members.member_by_id(item.member_id).name,
            item.name,
            str(item.revision),
            f"{item.customers:,}",
            item.updated_at.strftime("%Y-%m-%d %H:%M"),
        )
    out.print(table)


@contextmanager
def job_progress() -> Iterator[JobProgress]:
    """A Rich progress bar per phase of a monitoring job (reading, screening, indexing)."""
    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=out,
        transient=False,
    )
    tasks: dict[str, TaskID] = {}

    def report(phase: str, done: int, total: int | None) -> None:
        if phase not in tasks:
            tasks[phase] = bars.add_task(phase, total=total)
        bars.update(tasks[phase], completed=done, total=total)

    with bars:
        yield report
