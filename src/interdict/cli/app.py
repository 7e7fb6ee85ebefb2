"""The `interdict` command. Commands are thin: parse, call one domain function, render.

Every InterdictError is shown as one red line and mapped to its exit code here, once;
a traceback means a bug.

A command module is imported, and its command built, only when that command runs (or
help lists it): Typer would otherwise inspect the signature of all ~50 commands on
every call, and `serve` alone brings FastAPI, uvicorn and the web pages — every
`interdict screen` would pay for both.
"""

from __future__ import annotations

import gc
import importlib
import sys
from typing import Any

import typer
import typer.main
from rich.console import Console
from typer.core import TyperGroup

from interdict.cli.context import CliState
from interdict.config import Settings
from interdict.errors import InterdictError

#: Every command, in the order help lists them: name -> "module:function" or
#: "module:app" (a group of commands, a `typer.Typer`).
COMMANDS = {
    "screen": "interdict.cli.screen:screen",
    "screen-file": "interdict.cli.screen_file:screen_file",
    "spark-screen": "interdict.cli.spark:spark_screen",
    "serve": "interdict.cli.serve:serve",
    "demo": "interdict.cli.demo:demo",
    "init": "interdict.cli.store:init",
    "status": "interdict.cli.store:status",
    "lists": "interdict.cli.lists:app",
    "members": "interdict.cli.members:app",
    "users": "interdict.cli.users:app",
    "alerts": "interdict.cli.alerts:app",
    "audit": "interdict.cli.audit:app",
    "media": "interdict.cli.media:app",
    "books": "interdict.cli.books:app",
    "monitor": "interdict.cli.monitor:app",
    "travel": "interdict.cli.travel:app",
    "payments": "interdict.cli.payments:app",
}


class _Commands(TyperGroup):
    """The `interdict` group: each of `COMMANDS` imported and built when asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            self.add_command(_build(cmd_name, COMMANDS[cmd_name]), cmd_name)
        return super().get_command(ctx, cmd_name)


def _build(name: str, target: str) -> Any:
    module, _, attribute = target.partition(":")
    found = getattr(importlib.import_module(module), attribute)
    if isinstance(found, typer.Typer):
        group = typer.main.get_group(found)
        group.name = name
        return group
    single = typer.Typer(pretty_exceptions_enable=False)
    single.command(name)(found)
    return typer.main.get_command(single)


app = typer.Typer(
    name="interdict",
    cls=_Commands,
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


err = Console(stderr=True)


def main() -> None:
    # What the imports built (every class, the settings' schemas, the SQL tables) lives
    # as long as this process: frozen, the collector never walks it again, and the
    # interpreter does not free it object by object at exit, which took ~0.2 s of every
    # command (the OS takes the memory back at once). Files and the store are closed
    # by the commands themselves, not by collection at exit.
    gc.freeze()
    try:
        app()
    except InterdictError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False, markup=True, soft_wrap=True)
        sys.exit(exc.exit_code)
