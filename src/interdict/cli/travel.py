"""`interdict travel ...`: screen PAXLST/PNRGOV files, manage a member's targeting rules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from interdict.cli.context import screener_services, services
from interdict.cli.output import JsonFlag, console, print_json_lines, print_result
from interdict.errors import InputError
from interdict.services import Caller
from interdict.travel.rules import parse_rule_set
from interdict.travel.screening import Answer, MessageResult, TravellerResult

app = typer.Typer(
    help="Passenger manifests (PAXLST) and reservations (PNRGOV).", no_args_is_help=True
)
rules_app = typer.Typer(help="A member's targeting rules, versioned.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
out = console()
MemberName = Annotated[
    str | None,
    typer.Option("--member", help="Screen as this member: its lists, rules and alerts."),
]


@app.command("screen")
def screen(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="EDIFACT files.", exists=True)],
    member: MemberName = None,
    rules: Annotated[
        Path | None, typer.Option(help="A rule set to run instead of the member's.", exists=True)
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Screen every traveller of each message; a table per flight, exit 1 on any hit
    (--json: one object per traveller)."""
    svc = screener_services(ctx)
    owner = None if member is None else svc.members.member(member)
    caller = Caller(owner, f"cli:{member or 'operator'}", "cli-travel")
    rule_set = None if rules is None else parse_rule_set(_read_text(rules))
    results = [r for path in files for r in svc.screen_travel(caller, _read(path), rules=rule_set)]
    for path_result in results:
        if as_json:
            print_json_lines(traveller_rows(path_result))
        else:
            render_message(path_result)
    if any(t.hits or t.rule_hits for r in results for t in r.travellers):
        raise typer.Exit(1)


@rules_app.command("load")
def load_rules(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Rule set (TOML).", exists=True)],
    member: Annotated[str, typer.Option("--member", help="Whose rules these are.")],
    as_json: JsonFlag = False,
) -> None:
    """Check a rule set and make it the member's next version (audited)."""
    svc = services(ctx)
    owner = svc.members.member(member)
    version = svc.load_travel_rules(owner, _read_text(file), actor=f"cli:{member}")
    row = {"member": member, "version": version.number, "sha256": version.sha256}
    print_result(
        as_json, row, f"rules of {member}: version {version.number} ({version.sha256[:12]})"
    )


@rules_app.command("show")
def show_rules(
    ctx: typer.Context,
    member: Annotated[str, typer.Option("--member", help="Whose rules.")],
    as_json: JsonFlag = False,
) -> None:
    """The member's rule set versions, newest first, and the active one's text
    (--json: one object per version, each with its text)."""
    svc = services(ctx)
    history = svc.travel.rule_history(svc.members.member(member).id)
    if as_json:
        print_json_lines(
            {"member": member, "version": v.number, "sha256": v.sha256, "text": v.text}
            | {"created_by": v.created_by, "created_at": v.created_at.isoformat()}
            for v in history
        )
        return
    if not history:
        out.print(f"{member} has no targeting rules")
        return
    for version in history:
        out.print(
            f"version {version.number}  {version.created_at:%Y-%m-%d %H:%M}  {version.created_by}"
        )
    out.print(history[0].text, highlight=False, markup=False)


def render_message(result: MessageResult) -> None:
    message, flight = result.message, result.message.flight
    title = f"{message.kind.value} {message.reference}"
    if flight is not None:
        title += f": {flight.flight} {flight.origin}-{flight.destination} {flight.departs or ''}"
    table = Table(title=title, title_justify="left")
    for column in ("answer", "traveller", "born", "nationality", "document", "hits"):
        table.add_column(column)
    for row in result.travellers:
        table.add_row(*_row(row))
    out.print(table)
    for row in result.travellers:
        for line in _hit_lines(row):
            out.print(line, highlight=False, markup=False, soft_wrap=True)
    for note in message.notes:
        out.print(f"[yellow]note:[/] {note}", highlight=False)
    out.print(
        f"{len(result.travellers)} travellers, {result.referred} referred",
        highlight=False,
    )


def traveller_rows(result: MessageResult) -> list[dict[str, Any]]:
    """One JSON row per traveller: the answer, list hits and rule hits with their alerts."""
    message, flight = result.message, result.message.flight
    where = {
        "message": f"{message.kind.value} {message.reference}",
        "flight": None if flight is None else flight.flight,
        "origin": None if flight is None else flight.origin,
        "destination": None if flight is None else flight.destination,
    }
    return [{**where, **_traveller_row(row)} for row in result.travellers]


def _traveller_row(result: TravellerResult) -> dict[str, Any]:
    t = result.traveller
    return {
        "traveller": t.name,
        "born": t.birth_date,
        "nationality": t.nationality,
        "documents": [{"number": d.number, "country": d.country} for d in t.documents],
        "answer": result.answer.value,
        "hits": [
            {
                "score": round(found.hit.score, 4),
                "entry": found.hit.listed.screening_id,
                "caption": found.hit.listed.entity.caption,
                "evidence": [e.check for e in found.hit.match.evidence],
                "alert_id": found.alert_id,
                "allow_listed_by": found.suppressed_by,
            }
            for found in result.hits
        ],
        "rule_hits": [
            {
                "rule": rule.hit.rule.name,
                "severity": rule.hit.rule.severity.value,
                "alert_id": rule.alert_id,
                "allow_listed_by": rule.suppressed_by,
            }
            for rule in result.rule_hits
        ],
    }


def _row(result: TravellerResult) -> tuple[str, ...]:
    t = result.traveller
    answer = "[bold red]REFER[/]" if result.answer is Answer.REFER else "board"
    documents = ", ".join(f"{d.number} ({d.country or '?'})" for d in t.documents)
    hits = len(result.hits) + len(result.rule_hits)
    return (answer, t.name, t.birth_date or "", t.nationality or "", documents, str(hits or ""))


def _hit_lines(result: TravellerResult) -> list[str]:
    """One line per hit, below the table: list entries and rules do not fit a cell."""
    name = result.traveller.name
    lines = []
    for found in result.hits:
        hit = found.hit
        line = f"{name}: {hit.score:.2f} {hit.listed.screening_id} {hit.listed.entity.caption}"
        line += f" — {'; '.join(e.check for e in hit.match.evidence)}"
        lines.append(line + _review(found.alert_id, found.suppressed_by))
    for rule in result.rule_hits:
        line = f"{name}: rule {rule.hit.rule.name!r} ({rule.hit.rule.severity.value})"
        lines.append(line + _review(rule.alert_id, rule.suppressed_by))
    return lines


def _review(alert_id: int | None, suppressed_by: int | None) -> str:
    if suppressed_by is not None:
        return f" (allow-listed by entry {suppressed_by})"
    return f" (alert {alert_id})" if alert_id is not None else ""


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc


def _read_text(path: Path) -> str:
    try:
        return _read(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text") from exc
