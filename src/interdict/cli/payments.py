"""`interdict payments screen FILE...` and `interdict payments watch IN ...`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from interdict.cli.context import screener_services
from interdict.cli.output import JsonFlag, console, print_json_lines
from interdict.payments.screen import Verdict
from interdict.payments.watch import Folders, Outcome, watch
from interdict.services import Caller, Services
from interdict.services.payments import PaymentResult

app = typer.Typer(help="Screen SWIFT MT and ISO 20022 payment messages.", no_args_is_help=True)
out = console()
MemberName = Annotated[
    str | None,
    typer.Option("--member", help="Screen as this member: its lists and policy, its alerts."),
]


def _caller(svc: Services, member: str | None, via: str) -> Caller:
    owner = None if member is None else svc.members.member(member)
    return Caller(owner, f"cli:{member or 'operator'}", via)


@app.command("screen")
def screen(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(help="MT or MX files.", exists=True, dir_okay=False)
    ],
    member: MemberName = None,
    as_json: JsonFlag = False,
) -> None:
    """Screen payment files (MT or MX, told apart by content); exit 1 if any message holds
    (--json: one object per message, with its verdict and hits)."""
    svc = screener_services(ctx)
    caller = _caller(svc, member, "cli-payments")
    held = False
    for path in files:
        for result in svc.screen_payment(caller, path.read_bytes(), str(path)):
            if as_json:
                print_json_lines([{"file": str(path), **_report(result)}])
            else:
                render(result)
            held = held or result.verdict is Verdict.HOLD
    if held:
        raise typer.Exit(1)


def render(result: PaymentResult) -> None:
    message = result.screening.message
    colour = "red" if result.verdict is Verdict.HOLD else "green"
    out.print(
        f"[bold {colour}]{result.verdict.value.upper()}[/] {message.source} "
        f"{message.message_type} ref {message.reference or '-'} sha256 {message.sha256[:16]}",
        highlight=False,
    )
    if not result.screening.hits:
        return
    table = Table(show_header=True, box=None, padding=(0, 1))
    for column in ("check", "field", "value", "why", "alert"):
        table.add_column(column)
    for hit in result.screening.hits:
        recorded = result.recorded.get(hit.target_id)
        alert = (
            ""
            if recorded is None
            else str(recorded.alert_id or f"allowed {recorded.suppressed_by}")
        )
        table.add_row(hit.check.value, hit.path, hit.value, hit.explanation, alert)
    out.print(table)


@app.command("watch")
def watch_folder(
    ctx: typer.Context,
    incoming: Annotated[Path, typer.Argument(help="Folder files arrive in.", file_okay=False)],
    passed: Annotated[Path, typer.Option("--pass", help="Where passed files go.")],
    held: Annotated[Path, typer.Option("--hold", help="Where held files go.")],
    failed: Annotated[Path, typer.Option("--error", help="Where unreadable files go.")],
    member: MemberName = None,
    poll_s: Annotated[float, typer.Option(min=0.05, help="Seconds between looks at IN.")] = 1.0,
    once: Annotated[bool, typer.Option(help="Stop when IN is empty.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Screen files as they arrive in IN; move each atomically to --pass, --hold or --error
    (--json: one object per file as it is moved; the totals on stderr)."""
    svc = screener_services(ctx)
    svc.screener.start(svc.settings.list_check_s)  # a new list version is screened against
    caller = _caller(svc, member, "cli-watch")

    def screen_file(data: bytes, name: str) -> tuple[Outcome, dict[str, Any]]:
        results = svc.screen_payment(caller, data, name)
        held_any = any(r.verdict is Verdict.HOLD for r in results)
        return (Outcome.HOLD if held_any else Outcome.PASS), {
            "messages": [_report(r) for r in results]
        }

    counts = watch(
        Folders(incoming, passed, held, failed),
        screen_file,
        max_bytes=svc.settings.payment_max_bytes,
        poll_s=poll_s,
        once=once,
        on_file=lambda path, outcome: _moved(path, outcome, as_json),
    )
    totals = ", ".join(f"{n} {o.value}" for o, n in counts.items())
    console(stderr=as_json).print(totals, highlight=False)


def _moved(path: Path, outcome: Outcome, as_json: bool) -> None:
    if as_json:
        print_json_lines([{"file": path.name, "outcome": outcome.value}])
    else:
        out.print(f"{outcome.value} {path.name}", highlight=False)


def _report(result: PaymentResult) -> dict[str, Any]:
    message = result.screening.message
    return {
        "source": message.source,
        "sha256": message.sha256,
        "message_type": message.message_type,
        "verdict": result.verdict.value,
        "hits": [
            {"check": h.check.value, "path": h.path, "value": h.value, "why": h.explanation}
            for h in result.screening.hits
        ],
    }
