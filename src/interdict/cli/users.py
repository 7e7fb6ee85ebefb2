"""`interdict users ...`: the people of a member who log in to the web pages.

Passwords are read from a prompt (asked twice) or from standard input, never from the
command line, where they would stay in the shell history and in `ps` for every user
of the machine to read.
"""

from __future__ import annotations

import sys
from getpass import getpass
from typing import Annotated

import typer

from interdict.cli.context import services
from interdict.cli.output import JsonFlag, console, print_json_lines, print_result
from interdict.errors import InputError
from interdict.members.roles import Role
from interdict.members.users import User
from interdict.services import UserChange

app = typer.Typer(help="Users of a member, their roles and their accounts.", no_args_is_help=True)
out = console()
Username = Annotated[str, typer.Argument(help="Login name.")]


@app.command("add")
def add(
    ctx: typer.Context,
    member: Annotated[str, typer.Argument(help="Member (organisation) name.")],
    username: Annotated[str, typer.Argument(help="Login name, unique in the coalition.")],
    role: Annotated[Role, typer.Option(help="What the user may do.")] = Role.ANALYST,
    as_json: JsonFlag = False,
) -> None:
    """Add a user to a member with one role; the password is asked for (or read from stdin)."""
    svc = services(ctx)
    owner = svc.members.member(member)
    user = svc.add_user(owner, username, read_password(), role, actor="cli")
    text = f"user {user.username!r} ({user.role}) added to {user.member.name!r}"
    print_result(as_json, _user_row(user), text)


@app.command("list")
def list_users(
    ctx: typer.Context,
    member: Annotated[str, typer.Argument(help="Member name.")],
    as_json: JsonFlag = False,
) -> None:
    """The users of a member with their roles."""
    svc = services(ctx)
    users = svc.users.users(svc.members.member(member))
    if as_json:
        print_json_lines(_user_row(user) for user in users)
        return
    for user in users:
        out.print(f"{user.username}\t{user.role}", highlight=False)


@app.command("disable")
def disable(ctx: typer.Context, username: Username, as_json: JsonFlag = False) -> None:
    """Refuse the user's logins and end every session of theirs at once."""
    _change(ctx, username, UserChange("disable"), as_json)


@app.command("enable")
def enable(ctx: typer.Context, username: Username, as_json: JsonFlag = False) -> None:
    """Let a disabled user log in again."""
    _change(ctx, username, UserChange("enable"), as_json)


@app.command("set-role")
def set_role(ctx: typer.Context, username: Username, role: Role, as_json: JsonFlag = False) -> None:
    """Give the user another role (takes effect on their next request)."""
    _change(ctx, username, UserChange("set-role", role=role), as_json)


@app.command("reset-password")
def reset_password(ctx: typer.Context, username: Username, as_json: JsonFlag = False) -> None:
    """Set a new password (asked for, or read from stdin); ends the user's sessions."""
    _change(ctx, username, UserChange("reset-password", password=read_password()), as_json)


def _change(ctx: typer.Context, username: str, change: UserChange, as_json: bool) -> None:
    user = services(ctx).change_user(username, change, actor="cli")
    row = {**_user_row(user), "action": change.action}
    print_result(as_json, row, f"user {user.username!r}: {change.action} done")


def _user_row(user: User) -> dict[str, object]:
    return {"username": user.username, "role": user.role.value, "member": user.member.name}


def read_password() -> str:
    """Twice at a prompt on a terminal; otherwise the first line of standard input."""
    if sys.stdin.isatty():
        first = getpass("password: ")
        if getpass("repeat it: ") != first:
            raise InputError("password: the two entries differ")
        return first
    line = sys.stdin.readline()
    if not line:
        raise InputError("password: none given on standard input")
    return line.rstrip("\r\n")
