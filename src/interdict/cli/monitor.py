"""`interdict monitor ...`: what monitoring re-screened, when, against which list version."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table

from interdict.cli.books import job_progress
from interdict.cli.context import services
from interdict.cli.output import JsonFlag, console, print_json_lines, print_result
from interdict.monitoring.run import Run

app = typer.Typer(help="Ongoing monitoring of customer books.", no_args_is_help=True)
out = console()


@app.command("status")
def status(
    ctx: typer.Context,
    member: Annotated[str | None, typer.Option(help="Only this member's books and runs.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Recent monitoring runs, newest first, and the alerts monitoring has marked
    (--json: a line per run, `"kind": "run"`, then one `"kind": "marks"`)."""
    svc = services(ctx)
    owner = None if member is None else svc.members.member(member)
    found = svc.monitoring_status(owner)
    books = {b.id: b.name for b in found.books}
    if as_json:
        print_json_lines(_run_row(run, books) for run in found.runs)
        print_json_lines([{"kind": "marks", "marks": found.marks}])
        return
    table = Table(
        "run",
        "started",
        "finished",
        "book",
        "trigger",
        "list version",
        "screened",
        "hits",
        "new alerts",
        "de-listed",
        title="Monitoring runs",
    )
    for run in found.runs:
        version = (
            f"{run.list_name} #{run.version_id}" if run.list_name else f"book r{run.book_revision}"
        )
        table.add_row(
            str(run.id),
            run.started_at.strftime("%Y-%m-%d %H:%M:%S"),
            run.finished_at.strftime("%H:%M:%S") if run.finished_at else "[red]unfinished[/]",
            books.get(run.book_id, str(run.book_id)),
            run.trigger.value,
            version,
            f"{run.counts.screened:,}",
            f"{run.counts.hits:,}",
            f"{run.counts.alerts:,}",
            f"{run.counts.delisted:,}",
        )
    out.print(table)
    marks = ", ".join(f"{n:,} {mark}" for mark, n in sorted(found.marks.items())) or "none"
    out.print(f"alerts marked by monitoring: {marks}", highlight=False)
    if any(run.finished_at is None for run in found.runs):
        out.print("unfinished runs: finish them with `interdict monitor run`")


@app.command("run")
def run(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Finish interrupted runs; screen books against list versions no run has covered."""
    svc = services(ctx)
    with job_progress(to_stderr=as_json) as progress:
        counts = svc.monitor_pending(actor="cli", progress=progress)
    text = (
        f"{counts.screened:,} customers screened, {counts.hits:,} hits, "
        f"{counts.alerts:,} new alerts, {counts.delisted:,} alerts marked de-listed"
    )
    print_result(as_json, asdict(counts), text)


def _run_row(run: Run, books: dict[int, str]) -> dict[str, object]:
    return {
        "kind": "run",
        "run": run.id,
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "book": books.get(run.book_id, str(run.book_id)),
        "trigger": run.trigger.value,
        "list": run.list_name,
        "version_id": run.version_id,
        "book_revision": run.book_revision,
        **asdict(run.counts),
    }
