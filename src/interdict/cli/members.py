"""`interdict members ...`: coalition members and the API keys they screen with."""

from __future__ import annotations

from typing import Annotated

import typer

from interdict.cli.context import services
from interdict.cli.output import console
from interdict.members.store import MemberStore

app = typer.Typer(help="Members and their API keys.", no_args_is_help=True)
out = console()


def _store(ctx: typer.Context) -> MemberStore:
    return services(ctx).members


@app.command("add")
def add(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="Member (organisation) name.")]
) -> None:
    """Register a coalition member."""
    member = _store(ctx).create_member(name)
    out.print(f"member {member.name!r} created (id {member.id})")


@app.command("key")
def key(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Member name.")],
    label: Annotated[str, typer.Option(help="What the key is for.")] = "",
) -> None:
    """Issue an API key; it is shown once and stored only as a digest."""
    store = _store(ctx)
    secret = store.issue_key(store.member(name), label)
    out.print(secret, highlight=False, soft_wrap=True)


@app.command("revoke")
def revoke(
    ctx: typer.Context,
    lookup: Annotated[str, typer.Argument(help="The key's id: the part after 'idk_'.")],
) -> None:
    """Revoke an API key at once."""
    _store(ctx).revoke_key(lookup)
    out.print(f"key {lookup} revoked")
