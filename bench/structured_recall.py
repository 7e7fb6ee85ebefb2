"""Recall for customer records that file given and family names apart.

    python bench/structured_recall.py write OUT.jsonl --database-url sqlite:///…
    python bench/structured_recall.py compare BEFORE.jsonl AFTER.jsonl

The dev pairs' queries are whole names; a bank's or an airline's records file a first
and a last name, and the scorer reads those (a given name paired with a listed family
name counts against the match). This asks whether a designated person written that way
is still found: every listed person whose name the list files as given and family
parts becomes a query of that name alone, its parts as first/last columns (no date of
birth, nationality or document: the hardest case), screened against every list's
active version at 0.6 (limit 50). The listings the query must find are the same
person's listings on the other lists (`lists/linking.py`: the UN reference, a passport
or national ID number, or the same name and full date of birth): each spells the name
its own way ("AL-ZAWAHIRI, Ayman", "Ayman Muhammad Rabi AL-ZAWAHIRI", "Aiman
al-Zawahiri"). `write` records each one's score (none under 0.6); run it once per tree
(`PYTHONPATH=TREE/src`), then `compare` counts those found at 0.8 by each and names the
ones only the first tree found.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from interdict.entities.model import Entity, Name, NamePart, NamePartKind, Schema
from interdict.lists.store import ListStore
from interdict.screening.loader import active_entities
from interdict.screening.screen import Screener
from interdict.storage.engine import open_engine

ALERT = 0.8
FLOOR = 0.6
LIMIT = 50
_GIVEN = {NamePartKind.GIVEN, NamePartKind.SECOND, NamePartKind.THIRD, NamePartKind.FOURTH}


def write(out: Path, url: str) -> None:
    listed = list(active_entities(ListStore(open_engine(url))))
    screener = Screener(listed)
    queries: list[Entity] = []
    mates: list[list[str]] = []
    for item in listed:
        group = screener.designations.group(item.screening_id)
        query = _query(item.entity, item.screening_id)
        if group is None or query is None:
            continue
        others = [m for m in group.members if m.split("/", 1)[0] != item.list_name]
        if others:
            queries.append(query)
            mates.append(others)
    answers = screener.screen_many(queries, threshold=FLOOR, limit=LIMIT)
    with out.open("w", encoding="utf-8") as file:
        for query, others, hits in zip(queries, mates, answers, strict=True):
            scores = {hit.listed.screening_id: hit.score for hit in hits}
            record = {
                "query": query.key,
                "name": query.names[0].full,
                "mates": {mate: scores.get(mate) for mate in others},
            }
            file.write(json.dumps(record, ensure_ascii=False) + "\n")


def _query(entity: Entity, key: str) -> Entity | None:
    """The listed person's primary name as a record with first and last name columns."""
    if entity.schema is not Schema.PERSON or not entity.names:
        return None
    name = entity.names[0]
    given = " ".join(p.value.strip() for p in name.parts if p.kind in _GIVEN and p.value.strip())
    family = " ".join(
        p.value.strip() for p in name.parts if p.kind is NamePartKind.FAMILY and p.value.strip()
    )
    if not given or not family:
        return None
    parts = (NamePart(NamePartKind.GIVEN, given), NamePart(NamePartKind.FAMILY, family))
    return Entity(key=key, schema=Schema.PERSON, names=(Name(f"{given} {family}", parts=parts),))


def compare(before: Path, after: Path, console: Console) -> None:
    old = [json.loads(line) for line in before.read_text(encoding="utf-8").splitlines()]
    new = [json.loads(line) for line in after.read_text(encoding="utf-8").splitlines()]
    if [r["query"] for r in old] != [r["query"] for r in new]:
        raise SystemExit(f"{before} and {after} do not hold the same queries: not one store")
    counts = {"pairs": 0, "before": 0, "after": 0, "before_floor": 0, "after_floor": 0}
    lost: list[tuple[str, str, float, float | None]] = []
    gained = 0
    for first, second in zip(old, new, strict=True):
        for mate, score in first["mates"].items():
            later = second["mates"][mate]
            counts["pairs"] += 1
            counts["before"] += _found(score)
            counts["after"] += _found(later)
            counts["before_floor"] += score is not None
            counts["after_floor"] += later is not None
            if _found(score) and not _found(later):
                lost.append((first["name"], mate, score, later))
            gained += _found(later) and not _found(score)
    table = Table(title="listed persons as first/last records: the same person on other lists")
    table.add_column("measure")
    table.add_column("before", justify="right")
    table.add_column("after", justify="right")
    table.add_row("queries", f"{len(old):,}", f"{len(new):,}")
    table.add_row("listings to find", f"{counts['pairs']:,}", f"{counts['pairs']:,}")
    table.add_row(f"found at {ALERT}", f"{counts['before']:,}", f"{counts['after']:,}")
    table.add_row(f"found at {FLOOR}", f"{counts['before_floor']:,}", f"{counts['after_floor']:,}")
    console.print(table)
    console.print(f"found at {ALERT} only after: {gained}")
    for name, mate, score, later in lost:
        now = "under 0.6" if later is None else f"{later:.4f}"
        console.print(f"found at {ALERT} only before: {name!r} → {mate} ({score:.4f} → {now})")


def _found(score: float | None) -> bool:
    return score is not None and score >= ALERT


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    writing = commands.add_parser("write", help="screen the records, write the scores")
    writing.add_argument("out", type=Path)
    writing.add_argument("--database-url", required=True, help="the store to read lists from")
    comparing = commands.add_parser("compare", help="compare two trees' scores")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        write(args.out, args.database_url)
    else:
        compare(args.before, args.after, Console())


if __name__ == "__main__":
    main(sys.argv[1:])
