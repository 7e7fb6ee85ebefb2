"""`interdict alerts ...`: a member's alerts from the command line."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from interdict.cli.context import services
from interdict.review.alert import AlertStatus
from interdict.review.store import AlertFilter

app = typer.Typer(help="Alerts raised by screening, per member.", no_args_is_help=True)
out = Console()


@app.command("list")
def list_alerts(
    ctx: typer.Context,
    member: Annotated[str, typer.Argument(help="Member name.")],
    status: Annotated[AlertStatus | None, typer.Option(help="Only alerts in this state.")] = None,
    min_score: Annotated[float | None, typer.Option(help="Only alerts scoring at least.")] = None,
    list_name: Annotated[str | None, typer.Option("--list", help="Only hits on this list.")] = None,
) -> None:
    """The member's alerts, newest first."""
    svc = services(ctx)
    owner = svc.members.member(member)
    alerts = svc.reviews.alerts(owner.id, AlertFilter(status, min_score, list_name))
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
