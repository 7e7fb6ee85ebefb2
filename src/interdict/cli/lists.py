"""`interdict lists ...`: import, inspect, diff and update designation lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from interdict.cli.context import services
from interdict.cli.output import JsonFlag, console, print_json_lines, print_result
from interdict.entities.ftm import write_ftm_lines
from interdict.entities.model import Entity
from interdict.errors import InterdictError, NotFoundError
from interdict.lists.delta import ChangeKind, Delta
from interdict.lists.freshness import freshness_of
from interdict.lists.importer import ImportOutcome
from interdict.lists.linking import active_listings, link_designations
from interdict.lists.regimes import regimes_of
from interdict.lists.registry import SOURCES
from interdict.lists.source import IssueKind
from interdict.lists.store import ListStore, VersionInfo

app = typer.Typer(help="Designation lists: import, history, deltas, updates.", no_args_is_help=True)
out = console()


@app.command("import")
def import_command(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="List file(s) of one version.")],
    format_name: Annotated[
        str | None, typer.Option("--format", help="Format; guessed if omitted.")
    ] = None,
    list_name: Annotated[
        str | None, typer.Option("--list", help="Store under this list name.")
    ] = None,
    accept_shrink: Annotated[
        bool, typer.Option(help="Accept a version much smaller than the active one.")
    ] = False,
    allow_older: Annotated[
        bool, typer.Option(help="Accept a publication older than the active version.")
    ] = False,
    owner: Annotated[
        str | None,
        typer.Option(help="Import as this member's private list (needs --list)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Import list files as a new version (atomic: all or nothing)."""
    svc = services(ctx)
    private_to = None if owner is None else svc.members.member(owner)
    with _progress() as bar:
        task = bar.add_task("storing", total=None)
        outcome = svc.import_list(
            files,
            actor="cli",
            format_name=format_name,
            list_name=list_name,
            accept_shrink=accept_shrink,
            allow_older=allow_older,
            owner=private_to,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    _report(svc.lists, outcome, as_json)


@app.command("load-bundled")
def load_bundled(ctx: typer.Context, as_json: JsonFlag = False) -> None:
    """Import the snapshots bundled in data/lists that are newer than the active versions.

    Safe to run again: what is already there is skipped, and no list is rolled back.
    """
    svc = services(ctx)
    outcomes = svc.import_bundled(actor="cli")
    for outcome in outcomes:
        _report(svc.lists, outcome, as_json)
    if any(outcome.created for outcome in outcomes):
        _prepare_screener(ctx)


@app.command("show")
def show(
    ctx: typer.Context,
    list_name: Annotated[str | None, typer.Argument(help="One list; all if omitted.")] = None,
    key: Annotated[
        str | None, typer.Argument(help="One entry of the list, with its linked records.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """The active version of each list, with entity, name and alias counts; or one entry
    of a list and the records of other lists linked to it (the same designation)."""
    store = services(ctx).lists
    if list_name and key:
        _show_entry(store, list_name, key, as_json)
        return
    names = [list_name] if list_name else store.list_names()
    if as_json:
        versions = [store.active_version(name) for name in names]
        print_json_lines(_version_json(v, store if list_name else None) for v in versions)
        return
    table = _version_table("Active list versions")
    for name in names:
        _version_row(table, store.active_version(name))
    out.print(table)
    if list_name:
        issues = store.issues(store.active_version(list_name).id)
        for issue in issues[:20]:
            out.print(
                f"  [yellow]{issue.kind}[/] {issue.key} (line {issue.line}): {issue.message}",
                highlight=False,
            )
        if len(issues) > 20:
            out.print(f"  … and {len(issues) - 20} more import notes")


@app.command("history")
def history(
    ctx: typer.Context,
    list_name: Annotated[str, typer.Argument(help="The list.")],
    as_json: JsonFlag = False,
) -> None:
    """Every version of a list, newest last, with its delta against the one before."""
    store = services(ctx).lists
    if as_json:
        print_json_lines(_version_json(v) for v in store.versions(list_name))
        return
    table = _version_table(f"History of {list_name}")
    for version in store.versions(list_name):
        _version_row(table, version)
    out.print(table)


@app.command("diff")
def diff(
    ctx: typer.Context,
    old: Annotated[int, typer.Argument(help="Version id (see `lists history`).")],
    new: Annotated[int, typer.Argument(help="Version id.")],
    details: Annotated[bool, typer.Option(help="List every changed entity.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Entities added, removed and amended between two versions, with changed fields
    (--json: one line per changed entity, --details or not)."""
    store = services(ctx).lists
    delta = store.diff(old, new)
    a, b = store.version(old), store.version(new)
    if as_json:
        print_json_lines(
            {"old": a.id, "new": b.id, "list": b.list_name, "key": c.key, "change": c.kind.value}
            | {"fields": list(c.fields)}
            for c in delta.changes
        )
        return
    out.print(
        f"{a.list_name} v{a.number} (id {a.id}, {a.published}) → {b.list_name} v{b.number} "
        f"(id {b.id}, {b.published}): [green]{delta.added} added[/], "
        f"[red]{delta.removed} removed[/], [yellow]{delta.amended} amended[/]"
    )
    _field_summary(delta)
    if details:
        for change in delta.changes:
            fields = f" ({', '.join(change.fields)})" if change.fields else ""
            out.print(f"  {change.kind:8} {change.key}{fields}", highlight=False)


@app.command("update")
def update(
    ctx: typer.Context,
    list_names: Annotated[
        list[str] | None, typer.Argument(help="Lists to update; all configured if omitted.")
    ] = None,
    accept_shrink: Annotated[
        bool, typer.Option(help="Accept a version much smaller than the active one.")
    ] = False,
    allow_older: Annotated[
        bool, typer.Option(help="Accept a publication older than the active version.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Download the official files and import them when they changed."""
    svc = services(ctx)
    sources = svc.settings.sources
    unknown = [name for name in list_names or () if name not in sources]
    if unknown:
        raise NotFoundError(
            f"no source configured for list(s) {', '.join(unknown)}; known: {', '.join(sources)}"
        )
    failed, created = [], False
    for name in list_names or sorted(sources):
        try:
            outcome = svc.update_list(
                name, actor="cli", accept_shrink=accept_shrink, allow_older=allow_older
            )
        except InterdictError as exc:  # one source failing leaves the others to update
            row = {"list": name, "updated": False, "error": str(exc)}
            print_result(as_json, row, f"{name}: [red]not updated[/] — {exc}")
            failed.append(exc)
            continue
        _report(svc.lists, outcome, as_json)
        created = created or outcome.created
        if not as_json:
            out.print(f"  {_freshness(outcome.version)}", highlight=False)
    if created:
        _prepare_screener(ctx)
    if failed:
        raise failed[0]


@app.command("export")
def export(
    ctx: typer.Context,
    list_name: Annotated[str, typer.Argument(help="The list.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="FollowTheMoney JSON lines file.")],
    version_id: Annotated[
        int | None, typer.Option("--version", help="Version id; active if omitted.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Write a list version as FollowTheMoney JSON lines (one entity per line)."""
    store = services(ctx).lists
    version = store.version(version_id) if version_id else store.active_version(list_name)
    count = write_ftm_lines(store.entities(version.id), output)
    row = {"list": list_name, "version_id": version.id, "entities": count, "output": output}
    text = f"{list_name} v{version.number}: {count} FtM entities written to {output}"
    print_result(as_json, row, text)


@app.command("claim")
def claim(
    ctx: typer.Context,
    list_name: Annotated[str, typer.Argument(help="The list, e.g. one a member imported.")],
    member: Annotated[str, typer.Argument(help="The member it becomes private to.")],
    as_json: JsonFlag = False,
) -> None:
    """Make a list private to one member (official lists stay public: claim only your own)."""
    svc = services(ctx)
    owner = svc.members.member(member)
    svc.claim_list(list_name, owner, actor="cli")
    row = {"list": list_name, "private_to": owner.name}
    print_result(as_json, row, f"{list_name}: private to {owner.name}")


@app.command("share")
def share(
    ctx: typer.Context,
    list_name: Annotated[str, typer.Argument(help="A list private to OWNER.")],
    owner: Annotated[str, typer.Argument(help="The member the list belongs to.")],
    with_member: Annotated[str, typer.Argument(help="The member to share it with.")],
    as_json: JsonFlag = False,
) -> None:
    """Let another member screen against (and see) a private list."""
    svc = services(ctx)
    by, to = svc.members.member(owner), svc.members.member(with_member)
    svc.share_list(list_name, by, to, actor="cli")
    row = {"list": list_name, "owner": by.name, "shared_with": to.name}
    print_result(as_json, row, f"{list_name}: shared by {by.name} with {to.name}")


@app.command("scope")
def scope(
    ctx: typer.Context,
    member: Annotated[str, typer.Argument(help="The member.")],
    flow: Annotated[
        str, typer.Option(help="api, api-batch, cli, web, payments, travel... or * for all.")
    ] = "*",
    regime: Annotated[
        list[str] | None, typer.Option(help="Regimes screened by default (terrorism, ...).")
    ] = None,
    lists: Annotated[
        list[str] | None, typer.Option("--lists", help="Lists screened by default.")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Set what a member screens in a flow when a request names no lists or regimes
    (neither option: forget the default, screen every list and regime)."""
    svc = services(ctx)
    names = [n.strip() for v in lists for n in v.split(",") if n.strip()] if lists else None
    svc.set_default_scope(svc.members.member(member), flow, names, regime or None)
    what = f"regimes {', '.join(regime)}" if regime else "every regime"
    where = f"lists {', '.join(names)}" if names else "every list it may see"
    row = {"member": member, "flow": flow, "regimes": regime or None, "lists": names}
    print_result(as_json, row, f"{member} screens {what} on {where} by default ({flow})")


@app.command("formats")
def formats(as_json: JsonFlag = False) -> None:
    """The list formats this installation reads."""
    if as_json:
        print_json_lines({"format": s.name, "description": s.description} for s in SOURCES.values())
        return
    for source in SOURCES.values():
        out.print(f"[bold]{source.name}[/]  {source.description}")


def _prepare_screener(ctx: typer.Context) -> None:
    """Write the screener snapshot of the new active versions now, so that the next
    `interdict screen` loads it instead of preparing every entity (cli/context.py).

    Only the commands that bring a store up to date in one go (`load-bundled`, `update`)
    do this, once at their end. A `lists import` does not: imports often come several in
    a row (a list's history, private lists), each snapshot would be replaced by the next,
    and the first screen that finds none writes it (spark/cache.py) — never an old one.
    """
    with console(stderr=True).status("preparing the screener of the new versions"):
        services(ctx).screener.refresh()


def _report(store: ListStore, outcome: ImportOutcome, as_json: bool = False) -> None:
    v = outcome.version
    if as_json:
        row = {**_version_json(v), "created": outcome.created, "note": outcome.note}
        print_json_lines([row | {"import_notes": len(store.issues(v.id))}])
        return
    if not outcome.created:
        why = outcome.note or f"same files as active version {v.number}, id {v.id}"
        out.print(f"{v.list_name}: unchanged ({why})", highlight=False)
        return
    out.print(
        f"{v.list_name}: version {v.number} (id {v.id}) active — {v.entity_count} entities, "
        f"{v.name_count} names, {v.alias_count} aliases; {v.added} added, {v.removed} removed, "
        f"{v.amended} amended",
        highlight=False,
    )
    notes = store.issues(v.id)
    for partial in (i for i in notes if i.kind is IssueKind.PARTIAL):
        out.print(f"  [bold red]PARTIAL LIST[/]: {partial.message}", highlight=False)
    if notes:
        kinds = sorted({i.kind.value for i in notes})
        out.print(
            f"  [yellow]{len(notes)} import notes[/] ({', '.join(kinds)}): "
            f"see `interdict lists show {v.list_name}`"
        )


def _show_entry(store: ListStore, list_name: str, key: str, as_json: bool) -> None:
    listings = {listing.screening_id: listing for listing in active_listings(store)}
    entry = listings.get(f"{list_name}/{key}")
    if entry is None:
        raise NotFoundError(f"no entry {key!r} in the active version of {list_name!r}")
    group = link_designations(listings.values()).group(entry.screening_id)
    if as_json:
        linked = {"group_id": group.id, "linked_because": list(group.reasons)} if group else {}
        print_json_lines(
            {**_entity_json(listings[member].list_name, listings[member].entity), **linked}
            for member in (group.members if group else (entry.screening_id,))
        )
        return
    table = Table(title=f"{list_name} {key}: {entry.entity.caption}", title_justify="left")
    for column in ("list", "key", "listed as", "programme", "regimes", "listed on"):
        table.add_column(column)
    for member in group.members if group else (entry.screening_id,):
        entity = listings[member].entity
        table.add_row(
            listings[member].list_name,
            entity.key,
            entity.caption,
            "; ".join(entity.programs),
            ", ".join(sorted(regimes_of(entity.programs))),
            entity.listed_on or "",
        )
    out.print(table)
    if group is None:
        out.print("  no linked records on the other lists", highlight=False)
        return
    out.print(f"  designation group {group.id}: " + "; ".join(group.reasons), highlight=False)


def _entity_json(list_name: str, entity: Entity) -> dict[str, Any]:
    return {
        "list": list_name,
        "key": entity.key,
        "caption": entity.caption,
        "programs": list(entity.programs),
        "regimes": sorted(regimes_of(entity.programs)),
        "listed_on": entity.listed_on,
    }


def _version_table(title: str) -> Table:
    table = Table(title=title)
    for column in (
        "id",
        "list",
        "v",
        "published",
        "imported",
        "entities",
        "names",
        "aliases",
        "+",
        "-",
        "~",
        "freshness",
    ):
        table.add_column(column, justify="right" if column not in ("list",) else "left")
    return table


def _version_row(table: Table, v: VersionInfo) -> None:
    table.add_row(
        str(v.id),
        v.list_name,
        str(v.number),
        v.published or "",
        v.imported_at.strftime("%Y-%m-%d %H:%M"),
        str(v.entity_count),
        str(v.name_count),
        str(v.alias_count),
        str(v.added),
        str(v.removed),
        str(v.amended),
        _freshness(v),
    )


def _version_json(v: VersionInfo, notes_of: ListStore | None = None) -> dict[str, Any]:
    """A version as a JSON row; with `notes_of`, its import notes too."""
    fresh = freshness_of(v)
    row: dict[str, Any] = {
        "id": v.id,
        "list": v.list_name,
        "number": v.number,
        "published": v.published,
        "imported_at": v.imported_at.isoformat(),
        "entities": v.entity_count,
        "names": v.name_count,
        "aliases": v.alias_count,
        "added": v.added,
        "removed": v.removed,
        "amended": v.amended,
        "freshness": fresh.describe(),
        "stale": fresh.is_stale,
    }
    if notes_of is not None:
        row["import_notes"] = [
            {"kind": i.kind.value, "key": i.key, "line": i.line, "message": i.message}
            for i in notes_of.issues(v.id)
        ]
    return row


def _freshness(version: VersionInfo) -> str:
    fresh = freshness_of(version)
    return f"[red]{fresh.describe()}[/]" if fresh.is_stale else fresh.describe()


def _field_summary(delta: Delta) -> None:
    counts: dict[str, int] = {}
    for change in delta.changes:
        if change.kind is ChangeKind.AMENDED:
            for field in change.fields:
                counts[field] = counts.get(field, 0) + 1
    if counts:
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        out.print("  amended fields: " + ", ".join(f"{f} {n}" for f, n in ranked), highlight=False)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    )
