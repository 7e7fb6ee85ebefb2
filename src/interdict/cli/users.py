"""`interdict users ...`: the people of a member who log in to the web pages."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from interdict.cli.context import services
from interdict.members.roles import Role

app = typer.Typer(help="Users of a member and their roles.", no_args_is_help=True)
out = Console()


@app.command("add")
def add(
    ctx: typer.Context,
    member: Annotated[str, typer.Argument(help="Member (organisation) name.")],
    username: Annotated[str, typer.Argument(help="Login name, unique in the coalition.")],
    role: Annotated[Role, typer.Option(help="What the user may do.")] = Role.ANALYST,
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="INTERDICT_NEW_PASSWORD",
            help="Asked for when not given; stored only as an argon2 hash.",
        ),
    ] = "",
) -> None:
    """Add a user to a member with one role (analyst, reviewer, admin, api-client)."""
    svc = services(ctx)
    user = svc.add_user(svc.members.member(member), username, password, role, actor="cli")
    out.print(f"user {user.username!r} ({user.role}) added to {user.member.name!r}")


@app.command("list")
def list_users(
    ctx: typer.Context, member: Annotated[str, typer.Argument(help="Member name.")]
) -> None:
    """The users of a member with their roles."""
    svc = services(ctx)
    for user in svc.users.users(svc.members.member(member)):
        out.print(f"{user.username}\t{user.role}", highlight=False)
