"""`interdict alerts ...`: a member's alerts from the command line."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from interdict.cli.context import services
from interdict.cli.output import console, print_json_lines
from interdict.review.alert import AlertStatus
from interdict.review.store import AlertFilter

app = typer.Typer(help="Alerts raised by screening, per member.", no_args_is_help=True)
out = console()


@app.command("list")
def list_alerts(
    ctx: typer.Context,
    member: Annotated[str, typer.Argument(help="Member name.")],
    status: Annotated[AlertStatus | None, typer.Option(help="Only alerts in this state.")] = None,
    min_score: Annotated[float | None, typer.Option(help="Only alerts scoring at least.")] = None,
    list_name: Annotated[str | None, typer.Option("--list", help="Only hits on this list.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Most alerts shown.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines, one alert a line.")] = False,
) -> None:
    """The member's alerts, newest first."""
    svc = services(ctx)
    owner = svc.members.member(member)
    alerts = svc.reviews.alerts(owner.id, AlertFilter(status, min_score, list_name, limit))
    if as_json:
        print_json_lines(
            {
                "id": a.id,
                "created_at": a.created_at.isoformat(),
                "status": a.status.value,
                "score": a.draft.score,
                "subject": a.subject_name,
                "target": a.draft.target_id,
                "caption": a.caption,
            }
            for a in alerts
        )
        return
    table = Table("id", "created", "status", "score", "subject", "list entry")
    for a in alerts:
        table.add_row(
            str(a.id),
            a.created_at.strftime("%Y-%m-%d %H:%M"),
            a.status.value,
            f"{a.draft.score:.2f}",
            a.subject_name,
            f"{a.draft.target_id} {a.caption}",
        )
    out.print(table)
