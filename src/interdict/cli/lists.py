"""`interdict lists ...`: import, inspect, diff and update designation lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from interdict.audit.store import AuditLog
from interdict.cli.context import open_list_store
from interdict.config import Settings
from interdict.entities.ftm import write_ftm_lines
from interdict.errors import NotFoundError
from interdict.lists.bundle import bundled_versions
from interdict.lists.delta import ChangeKind, Delta
from interdict.lists.importer import ImportOutcome, import_list
from interdict.lists.registry import SOURCES
from interdict.lists.store import ListStore, VersionInfo
from interdict.lists.update import update_list
from interdict.members.store import MemberStore
from interdict.members.visibility import ListVisibility

app = typer.Typer(help="Designation lists: import, history, deltas, updates.", no_args_is_help=True)
out = Console()


@app.command("import")
def import_command(
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
) -> None:
    """Import list files as a new version (atomic: all or nothing)."""
    settings = Settings()
    store = open_list_store(settings)
    limit = None if accept_shrink else settings.shrink_limit
    with _progress() as bar:
        task = bar.add_task("storing", total=None)
        outcome = import_list(
            store,
            files,
            format_name=format_name,
            list_name=list_name,
            shrink_limit=limit,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    _report(store, outcome)


@app.command("load-bundled")
def load_bundled() -> None:
    """Import the list snapshots bundled in data/lists, oldest first."""
    settings = Settings()
    store = open_list_store(settings)
    for bundled in bundled_versions(settings.bundled_lists_dir):
        outcome = import_list(
            store,
            bundled.paths,
            format_name=bundled.format,
            list_name=bundled.list_name,
            shrink_limit=None,
        )
        _report(store, outcome)


@app.command("show")
def show(
    list_name: Annotated[str | None, typer.Argument(help="One list; all if omitted.")] = None,
) -> None:
    """The active version of each list, with entity, name and alias counts."""
    store = open_list_store(Settings())
    names = [list_name] if list_name else store.list_names()
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
def history(list_name: Annotated[str, typer.Argument(help="The list.")]) -> None:
    """Every version of a list, newest last, with its delta against the one before."""
    store = open_list_store(Settings())
    table = _version_table(f"History of {list_name}")
    for version in store.versions(list_name):
        _version_row(table, version)
    out.print(table)


@app.command("diff")
def diff(
    old: Annotated[int, typer.Argument(help="Version id (see `lists history`).")],
    new: Annotated[int, typer.Argument(help="Version id.")],
    details: Annotated[bool, typer.Option(help="List every changed entity.")] = False,
) -> None:
    """Entities added, removed and amended between two versions, with changed fields."""
    store = open_list_store(Settings())
    delta = store.diff(old, new)
    a, b = store.version(old), store.version(new)
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
    list_names: Annotated[
        list[str] | None, typer.Argument(help="Lists to update; all configured if omitted.")
    ] = None,
    accept_shrink: Annotated[
        bool, typer.Option(help="Accept a version much smaller than the active one.")
    ] = False,
) -> None:
    """Download the official files and import them when they changed."""
    settings = Settings()
    store = open_list_store(settings)
    for name in list_names or sorted(settings.sources):
        if name not in settings.sources:
            raise NotFoundError(
                f"no source configured for list {name!r}; known: {', '.join(settings.sources)}"
            )
        format_name, urls = settings.sources[name]
        outcome = update_list(
            store,
            name,
            format_name,
            urls,
            download_dir=settings.download_dir,
            timeout_s=settings.download_timeout_s,
            shrink_limit=None if accept_shrink else settings.shrink_limit,
        )
        _report(store, outcome)


@app.command("export")
def export(
    list_name: Annotated[str, typer.Argument(help="The list.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="FollowTheMoney JSON lines file.")],
    version_id: Annotated[
        int | None, typer.Option("--version", help="Version id; active if omitted.")
    ] = None,
) -> None:
    """Write a list version as FollowTheMoney JSON lines (one entity per line)."""
    store = open_list_store(Settings())
    version = store.version(version_id) if version_id else store.active_version(list_name)
    count = write_ftm_lines(store.entities(version.id), output)
    out.print(f"{list_name} v{version.number}: {count} FtM entities written to {output}")


@app.command("claim")
def claim(
    list_name: Annotated[str, typer.Argument(help="The list, e.g. one a member imported.")],
    member: Annotated[str, typer.Argument(help="The member it becomes private to.")],
) -> None:
    """Make a list private to one member (official lists stay public: claim only your own)."""
    store = open_list_store(Settings())
    store.active_version(list_name)  # NotFoundError for a list that is not there
    owner = MemberStore(store.engine).member(member)
    ListVisibility(store.engine).claim(list_name, owner)
    AuditLog(store.engine).record(
        action="list.claim", actor="cli", member_id=owner.id, target=f"list/{list_name}"
    )
    out.print(f"{list_name}: private to {owner.name}", highlight=False)


@app.command("share")
def share(
    list_name: Annotated[str, typer.Argument(help="A list private to OWNER.")],
    owner: Annotated[str, typer.Argument(help="The member the list belongs to.")],
    with_member: Annotated[str, typer.Argument(help="The member to share it with.")],
) -> None:
    """Let another member screen against (and see) a private list."""
    store = open_list_store(Settings())
    members = MemberStore(store.engine)
    by, to = members.member(owner), members.member(with_member)
    ListVisibility(store.engine).share(list_name, by, to)
    AuditLog(store.engine).record(
        action="list.share",
        actor="cli",
        member_id=by.id,
        target=f"list/{list_name}",
        details={"with": to.name},
    )
    out.print(f"{list_name}: shared by {by.name} with {to.name}", highlight=False)


@app.command("formats")
def formats() -> None:
    """The list formats this installation reads."""
    for source in SOURCES.values():
        out.print(f"[bold]{source.name}[/]  {source.description}")


def _report(store: ListStore, outcome: ImportOutcome) -> None:
    v = outcome.version
    if not outcome.created:
        out.print(f"{v.list_name}: unchanged (same files as active version {v.number}, id {v.id})")
        return
    _audit_import(store, v)
    out.print(
        f"{v.list_name}: version {v.number} (id {v.id}) active — {v.entity_count} entities, "
        f"{v.name_count} names, {v.alias_count} aliases; {v.added} added, {v.removed} removed, "
        f"{v.amended} amended",
        highlight=False,
    )
    notes = store.issues(v.id)
    if notes:
        kinds = sorted({i.kind.value for i in notes})
        out.print(
            f"  [yellow]{len(notes)} import notes[/] ({', '.join(kinds)}): "
            f"see `interdict lists show {v.list_name}`"
        )


def _audit_import(store: ListStore, v: VersionInfo) -> None:
    """Every new list version goes into the audit trail, with its files' checksums."""
    AuditLog(store.engine).record(
        action="list.import",
        actor="cli",
        target=f"list/{v.list_name}/{v.number}",
        details={
            "version_id": v.id,
            "files": {f.name: f.sha256 for f in v.files},
            "delta": {"added": v.added, "removed": v.removed, "amended": v.amended},
        },
    )


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
    )


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
