"""`interdict members ...`: coalition members and the API keys they screen with."""

from __future__ import annotations

from typing import Annotated

import typer

from interdict.cli.context import services
from interdict.cli.output import JsonFlag, print_json_lines, print_result
from interdict.members.store import MemberStore

app = typer.Typer(help="Members and their API keys.", no_args_is_help=True)


def _store(ctx: typer.Context) -> MemberStore:
    return services(ctx).members


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Member (organisation) name.")],
    as_json: JsonFlag = False,
) -> None:
    """Register a coalition member."""
    member = _store(ctx).create_member(name)
    text = f"member {member.name!r} created (id {member.id})"
    print_result(as_json, {"member": member.name, "id": member.id}, text)


@app.command("key")
def key(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Member name.")],
    label: Annotated[str, typer.Option(help="What the key is for.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Issue an API key; it is shown once and stored only as a digest."""
    store = _store(ctx)
    secret = store.issue_key(store.member(name), label)
    if as_json:
        print_json_lines([{"member": name, "label": label, "key": secret}])
    else:
        typer.echo(secret)


@app.command("revoke")
def revoke(
    ctx: typer.Context,
    lookup: Annotated[str, typer.Argument(help="The key's id: the part after 'idk_'.")],
    as_json: JsonFlag = False,
) -> None:
    """Revoke an API key at once."""
    _store(ctx).revoke_key(lookup)
    print_result(as_json, {"key_id": lookup, "revoked": True}, f"key {lookup} revoked")
