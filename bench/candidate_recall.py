"""Candidate retrieval recall on the full union of bundled lists, apart from the scorer's.

    python bench/candidate_recall.py [--pairs FILE.jsonl] [--database-url URL]

Screening scores only the candidates the index returns (200 by default), so a listed
person the index ranks lower can never alert, however good the scorer. This measures
that loss on its own: for every matching pair of the labelled set whose candidate is a
UN listing, the query is run against the index of all 15,000+ listed entities (every
bundled list's active version, as `interdict demo` loads them) and the rank of the
listing recorded. The table gives recall at several candidate limits, per category,
then end to end: the share of those queries for which `Screener.screen` reports the
listing at the default alert threshold.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from interdict.entities.ftm import entity_from_ftm
from interdict.entities.model import Entity
from interdict.lists.store import ListStore
from interdict.matching.candidates import DEFAULT_LIMIT
from interdict.matching.prepare import prepare
from interdict.matching.score import DEFAULT_THRESHOLDS, score
from interdict.screening.loader import active_entities
from interdict.screening.screen import Screener
from interdict.storage.engine import open_engine
from match_speed import build_store, machine

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAIRS = ROOT / "data" / "eval" / "un-pairs-dev.jsonl"
LIMITS = (10, 25, 50, 100, DEFAULT_LIMIT, 400, 1000)
UN_LIST = "un-sc-consolidated"


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    console = Console(width=130)
    url = build_store(args.database_url, console)
    screener = Screener(active_entities(ListStore(open_engine(url))))
    pairs = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines()]
    matches = [p for p in pairs if p["match"]]
    listed = {key.split("/", 1)[1] for key in screener.index.entity_keys if key.startswith(UN_LIST)}
    present = [p for p in matches if p["candidate"]["id"] in listed]
    console.print(
        f"{len(matches):,} matching pairs; {len(present):,} have their candidate in the active "
        f"UN version (the others were de-listed before it) and are measured"
    )
    ranks: dict[str, list[int | None]] = defaultdict(list)
    found: dict[str, list[bool]] = defaultdict(list)
    missed, packed = 0, 0
    for pair in present:
        wanted = f"{UN_LIST}/{pair['candidate']['id']}"
        query = entity_from_ftm(pair["query"])
        ranked = [key for key, _ in screener.index.search(prepare(query), max(LIMITS))]
        rank = ranked.index(wanted) if wanted in ranked else None
        hits = {hit.listed.screening_id for hit in screener.screen(query, limit=50)}
        for category in (pair["category"], "overall"):
            ranks[category].append(rank)
            found[category].append(wanted in hits)
        if wanted not in hits:
            missed += 1
            packed += _packed(pair["candidate"]) and _alerts(query, pair["candidate"])
    console.print(table(ranks, found))
    console.print(
        f"{missed} queries do not alert end to end; {packed} of them do alert against the dev "
        'set\'s own candidate record, whose names are packed alias fields ("X; Y", "X (Y)") '
        "that our parser splits into separate names"
    )
    console.print(machine(), style="dim")


def table(ranks: dict[str, list[int | None]], found: dict[str, list[bool]]) -> Table:
    result = Table(title="Candidate recall on all bundled lists (UN dev matches)")
    result.add_column("category")
    result.add_column("queries", justify="right")
    for limit in LIMITS:
        marker = " (default)" if limit == DEFAULT_LIMIT else ""
        result.add_column(f"R@{limit}{marker}", justify="right")
    result.add_column("alerts at 0.80", justify="right")
    for category in sorted(ranks, key=lambda c: (c == "overall", c)):
        values = ranks[category]
        cells = [f"{_share(values, limit):.4f}" for limit in LIMITS]
        alerted = sum(found[category]) / len(found[category])
        result.add_row(category, f"{len(values):,}", *cells, f"{alerted:.4f}")
    return result


def _packed(candidate: dict[str, Any]) -> bool:
    names = [*candidate["properties"].get("name", []), *candidate["properties"].get("alias", [])]
    return any(";" in name or "(" in name for name in names)


def _alerts(query: Entity, candidate: dict[str, Any]) -> bool:
    return score(query, entity_from_ftm(candidate)).score >= DEFAULT_THRESHOLDS.alert


def _share(ranks: list[int | None], limit: int) -> float:
    return sum(1 for r in ranks if r is not None and r < limit) / len(ranks)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--database-url", help="read lists from this store (default: a temp one)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    main()
