"""The `interdict` command. Commands are thin: parse, call one domain function, render.

Every InterdictError is shown as one red line and mapped to its exit code here, once;
a traceback means a bug.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from interdict.cli import (
    alerts,
    audit,
    books,
    demo,
    lists,
    media,
    members,
    monitor,
    payments,
    screen,
    screen_file,
    serve,
    spark,
    store,
    travel,
    users,
)
from interdict.cli.context import CliState
from interdict.config import Settings
from interdict.errors import InterdictError

app = typer.Typer(
    name="interdict",
    help="Counter-terrorism screening against designation lists.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def root(ctx: typer.Context) -> None:
    """Counter-terrorism screening against designation lists."""
    given = ctx.obj if isinstance(ctx.obj, Settings) else None
    ctx.obj = cli_state = CliState(given)
    ctx.call_on_close(cli_state.close)


app.add_typer(lists.app, name="lists")
app.add_typer(members.app, name="members")
app.add_typer(users.app, name="users")
app.add_typer(alerts.app, name="alerts")
app.add_typer(audit.app, name="audit")
app.add_typer(media.app, name="media")
app.add_typer(books.app, name="books")
app.add_typer(monitor.app, name="monitor")
app.add_typer(travel.app, name="travel")
app.add_typer(payments.app, name="payments")
app.command("screen")(screen.screen)
app.command("screen-file")(screen_file.screen_file)
app.command("spark-screen")(spark.spark_screen)
app.command("serve")(serve.serve)
app.command("demo")(demo.demo)
app.command("init")(store.init)
app.command("status")(store.status)

err = Console(stderr=True)


def main() -> None:
    try:
        app()
    except InterdictError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True, soft_wrap=True)
        sys.exit(exc.exit_code)
