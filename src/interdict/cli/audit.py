"""`interdict audit ...`: check the hash chains of the audit log, or export it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from interdict.cli.context import services
from interdict.cli.output import JsonFlag, print_result

app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)


@app.command("verify")
def verify(
    ctx: typer.Context,
    checkpoint: Annotated[
        bool,
        typer.Option(
            help="Once checked, record every chain's head in the system chain, so that a "
            "chain removed or cut back later fails every verify after (run it daily).",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Recompute every link of every chain; exits non-zero naming the first bad record."""
    audit = services(ctx).audit
    count = audit.verify()
    if checkpoint:
        audit.checkpoint(actor="cli")
    text = f"audit log intact: {count} records, every hash and link checked"
    print_result(as_json, {"intact": True, "records": count}, text)


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
