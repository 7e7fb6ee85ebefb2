"""`interdict users ...`: the people of a member who log in to the web pages."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from interdict.audit.store import AuditLog
from interdict.cli.context import open_database
from interdict.members.roles import Role
from interdict.members.store import MemberStore
from interdict.members.users import UserStore

app = typer.Typer(help="Users of a member and their roles.", no_args_is_help=True)
out = Console()


@app.command("add")
def add(
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
    engine = open_database()
    user = UserStore(engine).create_user(
        MemberStore(engine).member(member), username, password, role
    )
    AuditLog(engine).record(
        action="user.add",
        actor="cli",
        member_id=user.member.id,
        target=f"user/{user.username}",
        details={"role": user.role.value},
    )
    out.print(f"user {user.username!r} ({user.role}) added to {user.member.name!r}")


@app.command("list")
def list_users(member: Annotated[str, typer.Argument(help="Member name.")]) -> None:
    """The users of a member with their roles."""
    engine = open_database()
    for user in UserStore(engine).users(MemberStore(engine).member(member)):
        out.print(f"{user.username}\t{user.role}", highlight=False)
