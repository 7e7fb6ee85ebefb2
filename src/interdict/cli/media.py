"""`interdict media ...`: hash and screen images and videos, and manage hash banks."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from interdict.cli.context import services, settings
from interdict.cli.output import JsonFlag, console, print_json_lines, print_result
from interdict.media.bank import BankEntry, read_entries, write_entries
from interdict.media.content import hash_content
from interdict.media.screen import MediaHit
from interdict.media.store import BankStore
from interdict.members.store import MemberStore
from interdict.services import Caller

app = typer.Typer(
    help="Image and video hashing, hash banks, media screening.", no_args_is_help=True
)
bank_app = typer.Typer(help="Hash banks: versioned lists of known hashes.", no_args_is_help=True)
app.add_typer(bank_app, name="bank")
out = console()
Files = Annotated[list[Path], typer.Argument(help="Image or video files.", exists=True)]
BankName = Annotated[str, typer.Argument(help="Bank name.")]
MemberName = Annotated[str | None, typer.Option("--member", help="Acting member's name.")]


def _stores(ctx: typer.Context) -> tuple[BankStore, MemberStore]:
    svc = services(ctx)
    return svc.banks, svc.members


def _member_id(members: MemberStore, name: str | None) -> int | None:
    return None if name is None else members.member(name).id


@app.command("hash")
def hash_files(ctx: typer.Context, files: Files) -> None:
    """Print the MD5, SHA-256 and PDQ (or per-frame vPDQ) hashes of each file, as JSON lines."""
    media = settings(ctx).media
    for path in files:
        content = hash_content(
            path, max_pixels=media.max_pixels, frames_per_second=media.frames_per_second
        )
        signals = [
            {
                k: v
                for k, v in (
                    ("type", s.signal_type),
                    ("value", s.value),
                    ("quality", s.quality),
                    ("frame", s.frame),
                    ("timestamp", s.timestamp),
                )
                if v is not None
            }
            for s in content.signals
        ]
        print(json.dumps({"file": str(path), "kind": content.kind, "signals": signals}))


@app.command("screen")
def screen(
    ctx: typer.Context,
    files: Files,
    member: MemberName = None,
    threshold: Annotated[int | None, typer.Option(help="PDQ distance in bits.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Screen files against the banks (those `--member` may see); exit 1 on any hit.

    With `--member`, every hit also becomes one of the member's alerts (audited), as
    through `POST /v1/media/screen`. With --json: one object per file, with its hits.
    """
    svc = services(ctx)
    owner = None if member is None else svc.members.member(member)
    caller = Caller(owner, f"cli:{member}", "cli-media")
    hit_any = False
    for path in files:
        screening = svc.screen_media(caller, svc.hash_media(path), threshold)
        ids = sorted({d.alert_id for d in screening.recorded.values() if d.alert_id})
        hit_any = hit_any or bool(screening.hits)
        if as_json:
            hits = [asdict(hit) for hit in screening.hits]
            print_json_lines([{"file": str(path), "hits": hits, "alert_ids": ids}])
            continue
        out.print(_hits_table(path, screening.hits))
        if owner is not None and screening.hits:
            out.print(f"{path}: alerts {', '.join(map(str, ids)) or 'none (allow-listed)'}")
    raise typer.Exit(1 if hit_any else 0)


def _hits_table(path: Path, hits: list[MediaHit]) -> Table | str:
    if not hits:
        return f"{path}: no hit"
    table = Table(title=str(path))
    for column in ("bank", "type", "distance", "labels", "frames", "variant", "banked value"):
        table.add_column(column)
    for hit in hits:
        table.add_row(
            hit.bank,
            hit.signal_type,
            str(hit.distance),
            " ".join(hit.labels),
            str(hit.frames),
            hit.variant or "",
            hit.value,
        )
    return table


@bank_app.command("create")
def create(
    ctx: typer.Context,
    name: BankName,
    owner: Annotated[str | None, typer.Option(help="Owning member; none = coalition-wide.")] = None,
    dihedral: Annotated[bool, typer.Option(help="Also match flips and rotations.")] = True,
    as_json: JsonFlag = False,
) -> None:
    """Create an empty hash bank."""
    store, members = _stores(ctx)
    bank = store.create_bank(name, owner_id=_member_id(members, owner), match_dihedral=dihedral)
    print_result(as_json, asdict(bank), f"bank {bank.name!r} created (id {bank.id})")


@bank_app.command("share")
def share(
    ctx: typer.Context,
    name: BankName,
    member: Annotated[str, typer.Argument(help="Member name.")],
    as_json: JsonFlag = False,
) -> None:
    """Let a member screen against a bank it does not own."""
    store, members = _stores(ctx)
    store.share(name, members.member(member).id)
    row = {"bank": name, "shared_with": member}
    print_result(as_json, row, f"bank {name!r} shared with {member!r}")


@bank_app.command("import")
def import_file(
    ctx: typer.Context,
    name: BankName,
    path: Annotated[Path, typer.Argument(help="HMA/ThreatExchange CSV or JSON.", exists=True)],
    replace: Annotated[bool, typer.Option(help="The file becomes the whole bank.")] = False,
    member: MemberName = None,
    note: Annotated[str, typer.Option(help="Why, for the history.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Add the signals of an exchange file to a bank as one new version."""
    store, members = _stores(ctx)
    version = store.save_version(
        name,
        read_entries(path),
        member_id=_member_id(members, member),
        note=note or f"import {path.name}",
        replace=replace,
    )
    text = f"{name} version {version.number}: +{version.added} -{version.removed}, "
    print_result(as_json, asdict(version), text + f"{version.size} hashes")


@bank_app.command("add")
def add_media(
    ctx: typer.Context,
    name: BankName,
    files: Files,
    label: Annotated[list[str] | None, typer.Option(help="Label (repeatable).")] = None,
    member: MemberName = None,
    as_json: JsonFlag = False,
) -> None:
    """Hash media files and add their PDQ/vPDQ and exact hashes to a bank.

    Perceptual hashes under quality 50 (flat images, black frames) are not added.
    """
    svc = services(ctx)
    store, members = svc.banks, svc.members
    labels = tuple(label or ())
    entries = [
        BankEntry(s.signal_type, s.value, labels, path.name)
        for path in files
        for s in svc.hash_media(path).usable()
    ]
    version = store.save_version(
        name, entries, member_id=_member_id(members, member), note=f"add {len(files)} file(s)"
    )
    text = f"{name} version {version.number}: +{version.added}, {version.size} hashes"
    print_result(as_json, asdict(version), text)


@bank_app.command("export")
def export(
    ctx: typer.Context,
    name: BankName,
    path: Annotated[Path, typer.Argument(help="Output .csv or .json.")],
    version: Annotated[int | None, typer.Option(help="Version number; default newest.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Write a bank (as of a version) in the HMA/ThreatExchange exchange format."""
    store, _ = _stores(ctx)
    count = write_entries((s.entry for s in store.entries(name, version)), path)
    row = {"bank": name, "hashes": count, "output": path}
    print_result(as_json, row, f"{count} hashes written to {path}")


@bank_app.command("history")
def history(ctx: typer.Context, name: BankName, as_json: JsonFlag = False) -> None:
    """Every version of a bank with what it added and removed."""
    store, _ = _stores(ctx)
    if as_json:
        print_json_lines(asdict(v) for v in store.history(name))
        return
    table = Table(title=f"{name} history")
    for column in ("version", "created", "member", "size", "added", "removed", "note"):
        table.add_column(column)
    for v in store.history(name):
        table.add_row(
            str(v.number),
            v.created_at.isoformat(timespec="seconds"),
            str(v.member_id or ""),
            str(v.size),
            str(v.added),
            str(v.removed),
            v.note,
        )
    out.print(table)


@bank_app.command("list")
def list_banks(ctx: typer.Context, member: MemberName = None, as_json: JsonFlag = False) -> None:
    """Banks (those a member may see), with owner, sharing and size."""
    store, members = _stores(ctx)
    if as_json:
        print_json_lines(asdict(b) for b in store.banks(_member_id(members, member)))
        return
    table = Table(title="hash banks")
    for column in ("bank", "owner", "shared with", "dihedral", "version", "hashes"):
        table.add_column(column)
    for b in store.banks(_member_id(members, member)):
        table.add_row(
            b.name,
            str(b.owner_id or "coalition"),
            ",".join(map(str, b.shared_with)),
            str(b.match_dihedral),
            str(b.version),
            str(b.size),
        )
    out.print(table)
