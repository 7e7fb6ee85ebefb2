"""`interdict init` and `interdict status`: create the store, say what it screens against."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from interdict.cli.context import services, settings
from interdict.cli.output import console
from interdict.services import store_status

out = console()


def init(ctx: typer.Context) -> None:
    """Create the store of INTERDICT_DATABASE_URL (or bring it to the newest schema)."""
    services(ctx, create=True)
    out.print(f"store ready: {settings(ctx).database_url}", highlight=False)


def status(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="One JSON object instead of a table."),
) -> None:
    """The active version of every list and its age; exit 9 when nothing can be screened."""
    report = store_status(services(ctx))
    if as_json:
        typer.echo(json.dumps(report))
    else:
        table = Table(title="Lists screened against")
        for column in ("list", "version id", "published", "imported", "age (days)", "entities"):
            table.add_column(column)
        for row in report["lists"]:
            table.add_row(
                row["list"],
                str(row["active_version_id"]),
                row["published"] or "",
                row["imported_at"][:16],
                f"{row['age_days']:.1f}",
                str(row["entities"]),
            )
        out.print(table)
        out.print(report["problem"] or "[green]ready[/]: every list has an active version")
    if not report["ready"]:
        raise typer.Exit(9)
