"""`interdict audit ...`: check the hash chain of the audit log, or export it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from interdict.cli.context import services
from interdict.cli.output import console

app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
out = console()


@app.command("verify")
def verify(ctx: typer.Context) -> None:
    """Recompute every link of the chain; exits non-zero naming the first bad record."""
    count = services(ctx).audit.verify()
    out.print(f"audit log intact: {count} records, every hash and link checked")


@app.command("export")
def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write; stdout if omitted.")
    ] = None,
) -> None:
    """Every record as one JSON object a line, with its hash and the previous one."""
    lines = (r.to_json() + "\n" for r in services(ctx).audit.records())
    if output is None:
        for line in lines:
            typer.echo(line, nl=False)
        return
    with output.open("w", encoding="utf-8") as handle:
        handle.writelines(lines)
