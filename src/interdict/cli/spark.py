"""`interdict spark-screen`: a file screened on Spark, the hits as screen-file writes them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from interdict.cli.context import services
from interdict.cli.output import JsonFlag, console, print_result
from interdict.errors import NotReadyError
from interdict.screening.batch_pool import active_source
from interdict.spark.job import SparkJob, run_spark_screen

out = console()


def spark_screen(
    ctx: typer.Context,
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help="CSV (header row) or Parquet.")
    ],
    output: Annotated[Path, typer.Argument(metavar="OUTPUT", help="Hits: a Parquet folder.")],
    master: Annotated[
        str | None, typer.Option(help="Spark master, e.g. local[2] [default: spark-submit's].")
    ] = None,
    snapshot: Annotated[
        Path | None,
        typer.Option(
            help="Screener snapshot folder: used if it holds the active versions, "
            "else written there [default: a temporary one]."
        ),
    ] = None,
    threshold: Annotated[
        float | None, typer.Option(min=0.0, max=1.0, help="Lowest hit score.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most hits reported per row.")] = 5,
    as_json: JsonFlag = False,
) -> None:
    """Screen every row of INPUT on Spark against every active list (no alerts)."""
    svc = services(ctx)
    scope = svc.scope(None)
    if not scope:
        raise NotReadyError("no list has an active version: nothing to screen")
    source = active_source(svc.lists, svc.settings.database_url, scope)
    cutoff = svc.settings.alert_threshold if threshold is None else threshold
    job = SparkJob(input_path, output, cutoff, limit, master, snapshot)
    bars = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console(stderr=True) if as_json else out,
    )
    with bars:
        task = bars.add_task("Spark tasks", total=None)
        summary = run_spark_screen(
            job, source, scope, lambda d, t: bars.update(task, completed=d, total=t)
        )
    row = {
        "hits": summary.hits,
        "rows_with_hits": summary.rows_with_hits,
        "seconds": round(summary.seconds, 3),
        "entities": summary.snapshot.entities,
        "versions": summary.snapshot.versions,
        "hits_folder": output,
    }
    text = (
        f"{summary.hits:,} hits on {summary.rows_with_hits:,} rows in {summary.seconds:,.1f} s "
        f"against {summary.snapshot.entities:,} listed entities; hits in {output}/"
    )
    print_result(as_json, row, text)
