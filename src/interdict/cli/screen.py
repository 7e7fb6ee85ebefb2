"""`interdict screen NAME`: screen one subject; exit code 1 when anything is hit."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from interdict.cli.context import screener_services
from interdict.cli.output import JsonFlag, console, print_json_lines
from interdict.lists.regimes import parse_regimes
from interdict.screening.screen import Hit, ListedEntity
from interdict.screening.subject import is_either_kind, subject_entity
from interdict.services import Caller, EntityScreening

out = console()


def screen(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="Name to screen; several spellings separated by '|'.")
    ],
    dob: Annotated[
        list[str] | None, typer.Option(help="Date of birth (1970, 1970-05, 17 May 1970).")
    ] = None,
    nationality: Annotated[
        list[str] | None, typer.Option(help="Nationality: country name or ISO code.")
    ] = None,
    schema: Annotated[
        str | None,
        typer.Option(
            "--type",
            help="person, org, vessel, aircraft [default: screened as a person and as an org].",
        ),
    ] = None,
    gender: Annotated[str | None, typer.Option(help="male or female.")] = None,
    document: Annotated[list[str] | None, typer.Option(help="Passport or ID number.")] = None,
    threshold: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="Lowest score that is a hit [default: settings]."),
    ] = None,
    limit: Annotated[int, typer.Option(min=1)] = 10,
    explain: Annotated[bool, typer.Option(help="Show why each hit scored as it did.")] = False,
    algorithm: Annotated[
        str | None, typer.Option(help="Matcher to score with [default: settings].")
    ] = None,
    member: Annotated[
        str | None,
        typer.Option(help="Screen as this member: its lists, hits become its alerts."),
    ] = None,
    regime: Annotated[
        list[str] | None,
        typer.Option(help="Only entries listed under this regime (terrorism, dprk, ...)."),
    ] = None,
    lists: Annotated[
        list[str] | None, typer.Option("--lists", help="Only these lists (repeat or a,b).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Screen a person or organisation against the active version of every list.

    With --json: one object per hit, each naming the versions screened against; a "no
    hit" prints no line (exit code 0) and says what it screened against on stderr.
    """
    subject = subject_entity(
        name,
        schema=schema,
        birth_dates=dob or (),
        nationalities=nationality or (),
        gender=gender,
        documents=document or (),
    )
    svc = screener_services(ctx)
    owner = None if member is None else svc.members.member(member)
    given = {
        "name": name.split("|"),
        "birthDate": dob or [],
        "nationality": nationality or [],
        "gender": [gender] if gender else [],
        "idNumber": document or [],
    }
    query = {"schema": subject.schema.value, "properties": {k: v for k, v in given.items() if v}}
    screening = svc.screen_entity(
        Caller(owner, f"cli:{member or 'operator'}", "cli"),
        subject,
        query,
        threshold=threshold,
        limit=limit,
        algorithm=algorithm,
        lists=[n.strip() for v in lists for n in v.split(",") if n.strip()] if lists else None,
        regimes=parse_regimes(regime) if regime else None,
        either_kind=is_either_kind(schema),
    )
    if as_json:
        print_json_lines(hit_rows(name, screening))
        if not screening.hits:
            console(stderr=True).print(f"no hit; {_screened_against(screening)}", highlight=False)
    else:
        render_screening(name, screening, explain)
    if regime and not as_json:
        out.print(f"[dim]only entries listed under: {', '.join(regime)}[/]", highlight=False)
    if screening.hits:
        raise typer.Exit(1)


def render_screening(name: str, screening: EntityScreening, explain: bool = False) -> None:
    """The hits, then what was screened against: a "no hit" always names its lists."""
    render_hits(name, [r.hit for r in screening.hits], explain)
    out.print(f"[dim]{_screened_against(screening)}[/]", highlight=False)


def _screened_against(screening: EntityScreening) -> str:
    versions = ", ".join(f"{n} (version id {v})" for n, v in sorted(screening.versions.items()))
    return f"screened against {versions} ({screening.matcher})"


def hit_rows(name: str, screening: EntityScreening) -> list[dict[str, Any]]:
    """One JSON row per hit: the listing, score, evidence, linked listings, its alert."""
    return [
        {
            "query": name,
            "score": round(r.hit.score, 4),
            **_listing_row(r.hit.listed),
            "matched_name": r.hit.match.candidate_name,
            "evidence": [
                {"check": e.check, "effect": round(e.effect, 4), "detail": e.detail}
                for e in r.hit.match.evidence
            ],
            "explanation": r.hit.match.explain(),
            "group_id": r.hit.group_id,
            "linked": [_listing_row(linked) for linked in r.hit.linked],
            "alert_id": r.alert_id,
            "allow_listed_by": r.suppressed_by,
            "versions": screening.versions,
            "matcher": screening.matcher,
        }
        for r in screening.hits
    ]


def _listing_row(listed: ListedEntity) -> dict[str, Any]:
    entity = listed.entity
    return {
        "list": listed.list_name,
        "version_id": listed.version_id,
        "key": entity.key,
        "caption": entity.caption,
        "programs": list(entity.programs),
        "listed_on": entity.listed_on,
    }


def render_hits(name: str, hits: list[Hit], explain: bool = False) -> None:
    if not hits:
        out.print(f"[green]no hit[/] for {name!r}", highlight=False)
        return
    table = Table(title=f"Hits for {name!r}", title_justify="left")
    columns = ("score", "list", "key", "listed as", "programme", "listed on", "matched name")
    for column in (*columns, "evidence"):
        table.add_column(column, justify="right" if column == "score" else "left")
    for hit in hits:
        match = hit.match
        evidence = "; ".join(f"{e.check} {e.effect:+.2f}" for e in match.evidence)
        table.add_row(f"{match.score:.2f}", *_listing(hit.listed), match.candidate_name, evidence)
        for linked in hit.linked:  # the same designation on the caller's other lists
            table.add_row("", *_listing(linked, "└ "), "", "same designation")
    out.print(table)
    if explain:
        for hit in hits:
            out.print(f"[bold]{hit.listed.screening_id}[/]", highlight=False)
            out.print(hit.match.explain(), highlight=False)


def _listing(listed: ListedEntity, prefix: str = "") -> tuple[str, ...]:
    entity = listed.entity
    return (
        f"{prefix}{listed.list_name}",
        entity.key,
        entity.caption,
        "; ".join(entity.programs),
        entity.listed_on or "",
    )
