"""Write data/eval/original-script-pairs.jsonl: real original-script names against
the same person's or firm's listing on another list, written in Latin letters.

The dev pairs' cross-script queries are Arabic-script renderings made for the set;
these are the lists' own: the UN's NAME_ORIGINAL_SCRIPT and the UK's non-Latin names
(Arabic, Cyrillic, Han, Hangul...), paired with the listing of the same designation
on another list (`lists.linking`: the UN reference, a passport number, or a strict
name and date of birth) — OFAC, UK, EU, Canada, Australia or the UN — carrying its
Latin-script names only. Each match is followed by a hard non-match: the other
list's entity that candidate retrieval ranks first for the same query, outside the
designation group. Queries carry names only (no date of birth): names are what
this set tests.

    .venv/bin/python bench/original_script_pairs.py [--database-url URL]
    .venv/bin/python bench/match_quality.py --pairs data/eval/original-script-pairs.jsonl

Same format as data/eval/un-pairs-dev.jsonl; the category is the query's script.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parent))

from false_alerts import script_label
from interdict.entities.ftm import entity_to_ftm
from interdict.entities.model import Entity
from interdict.lists.linking import Listing, active_listings, link_designations
from interdict.lists.store import ListStore
from interdict.matching import prepare
from interdict.matching.candidates import build_index
from interdict.storage.engine import open_engine
from match_speed import build_store

OUT = Path(__file__).resolve().parents[1] / "data" / "eval" / "original-script-pairs.jsonl"
# Where the Latin-script listing is taken from, first found first.
PARTNER_ORDER = ("ofac", "uk", "un", "eu", "ca", "au")


def is_latin(text: str) -> bool:
    return script_label(text) in {"Latin", "other"}


def latin_only(entity: Entity) -> Entity | None:
    names = tuple(name for name in entity.names if is_latin(name.full))
    return dataclasses.replace(entity, names=names) if names else None


def original_only(entity: Entity) -> Entity | None:
    names = tuple(name for name in entity.names if not is_latin(name.full))
    if not names:
        return None
    return Entity(key=f"{entity.key}-original", schema=entity.schema, names=names)


def pairs(listings: list[Listing]) -> Iterator[dict[str, object]]:
    by_id = {listing.screening_id: listing for listing in listings}
    groups = link_designations(listings)
    latin = {s: latin_only(item.entity) for s, item in by_id.items()}
    ids = [s for s in by_id if latin[s] is not None]
    index = build_index(prepare(latin[s]) for s in ids)  # type: ignore[arg-type]
    for screening_id, listing in by_id.items():
        query = original_only(listing.entity)
        group = groups.group(screening_id)
        if query is None or group is None:
            continue
        partners = [m for m in group.members if m != screening_id and latin[m] is not None]
        partners.sort(key=lambda m: _rank(by_id[m].list_name))
        if not partners:
            continue
        partner = partners[0]
        list_name = by_id[partner].list_name
        positions, _ = index.search_positions(prepare(query), limit=200)
        negative = next(
            (
                ids[p]
                for p in positions.tolist()
                if ids[p] not in group.members and by_id[ids[p]].list_name == list_name
            ),
            None,
        )
        category = "original_" + script_label(query.names[0].full).lower()
        yield _pair(f"os-{screening_id}", category, True, query, latin[partner])
        if negative is not None:
            yield _pair(f"os-{screening_id}-non", category, False, query, latin[negative])


def _rank(list_name: str) -> int:
    prefix = list_name.split("-")[0]
    return PARTNER_ORDER.index(prefix) if prefix in PARTNER_ORDER else len(PARTNER_ORDER)


def _pair(
    pair_id: str, category: str, match: bool, query: Entity, candidate: Entity | None
) -> dict[str, object]:
    assert candidate is not None
    return {
        "id": pair_id,
        "category": category,
        "match": match,
        "query": entity_to_ftm(query)[0],
        "candidate": entity_to_ftm(candidate)[0],
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="read lists from this store (default: a temp one)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    url = build_store(args.database_url, Console())
    listings = list(active_listings(ListStore(open_engine(url))))
    written = list(pairs(listings))
    with args.out.open("w", encoding="utf-8") as out:
        for pair in written:
            out.write(json.dumps(pair, ensure_ascii=False, sort_keys=True) + "\n")
    matches = sum(1 for pair in written if pair["match"])
    print(f"{len(written):,} pairs ({matches:,} matches) written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
