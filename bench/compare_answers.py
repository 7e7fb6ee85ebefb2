"""Do two trees answer the same? Screen generated queries, write the answers, compare.

    python bench/compare_answers.py write OUT.jsonl --database-url sqlite:///… [--queries 5000]
                                     [--seed 7] [--matcher interdict-v1-reference]
    python bench/compare_answers.py compare BEFORE.jsonl AFTER.jsonl

`write` screens `bench/match_speed.py`'s generated queries (seed 7: listed names varied
as customer data varies, and names nobody listed) against the store's active versions at
thresholds 0.8 and 0.6, limit 50, and writes each answer (screening id, score,
explanation, with the query's key and name) as one JSON line. Run it once per tree
(`PYTHONPATH=TREE/src`), then `compare` counts the answers that differ and the hits only
one side has, with their best scores: a speed change should show none, or say why; and
the varied listed names found at 0.8 by each, naming those only the first found (what a
precision change costs in recall). `--matcher
interdict-v1-reference` writes what scoring every retrieved candidate answers, which
the pruned default matcher must equal exactly.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

import match_speed
from interdict.lists.store import ListStore
from interdict.matching.registry import get_matcher
from interdict.screening.loader import active_entities
from interdict.screening.screen import Screener
from interdict.storage.engine import open_engine

THRESHOLDS = (0.8, 0.6)
LIMIT = 50


def write(out: Path, url: str, count: int, seed: int, matcher: str | None) -> None:
    listed = list(active_entities(ListStore(open_engine(url))))
    screener = Screener(listed)
    queries = match_speed.make_queries(listed, count, seed)
    chosen = get_matcher(matcher)
    with out.open("w", encoding="utf-8") as file:
        for threshold in THRESHOLDS:
            answers = screener.screen_many(
                queries, threshold=threshold, limit=LIMIT, matcher=chosen
            )
            for query, hits in zip(queries, answers, strict=True):
                answer = {
                    "query": query.key,
                    "name": query.names[0].full,
                    "threshold": threshold,
                    "hits": [(h.listed.screening_id, h.score, h.match.explain()) for h in hits],
                }
                file.write(json.dumps(answer, ensure_ascii=False) + "\n")


def compare(before: Path, after: Path, console: Console) -> None:
    old = before.read_text(encoding="utf-8").splitlines()
    new = after.read_text(encoding="utf-8").splitlines()
    if len(old) != len(new):
        raise SystemExit(f"{before} has {len(old)} answers, {after} {len(new)}: not one run")
    lost: list[float] = []
    gained: list[float] = []
    differing = 0
    found = [0, 0]  # varied listed names with a hit at the alert threshold, before / after
    missed: list[tuple[str, float]] = []
    for a, b in zip(old, new, strict=True):
        first_answer, second_answer = json.loads(a), json.loads(b)
        if first_answer["threshold"] == THRESHOLDS[0] and first_answer["query"].startswith(
            "listed-"
        ):
            found[0] += bool(first_answer["hits"])
            found[1] += bool(second_answer["hits"])
            if first_answer["hits"] and not second_answer["hits"]:
                missed.append((first_answer["name"], first_answer["hits"][0][1]))
        if a == b:
            continue
        differing += 1
        first = {hit[0]: hit[1] for hit in first_answer["hits"]}
        second = {hit[0]: hit[1] for hit in second_answer["hits"]}
        lost += [first[key] for key in first.keys() - second.keys()]
        gained += [second[key] for key in second.keys() - first.keys()]
    table = Table(title="answers before / after")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("answers", f"{len(old):,}")
    table.add_row("answers that differ", f"{differing:,}")
    table.add_row("hits before / after", f"{_hits(old):,} / {_hits(new):,}")
    table.add_row("hits only before (best score)", f"{len(lost)} ({max(lost, default=0):.4f})")
    table.add_row("hits only after (best score)", f"{len(gained)} ({max(gained, default=0):.4f})")
    table.add_row(
        f"varied listed names with a hit at {THRESHOLDS[0]}, before / after",
        f"{found[0]:,} / {found[1]:,}",
    )
    console.print(table)
    for name, score in missed:
        console.print(f"no longer found at {THRESHOLDS[0]}: {name!r} (was {score:.4f})")


def _hits(answers: Sequence[str]) -> int:
    return sum(len(json.loads(answer)["hits"]) for answer in answers)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    writing = commands.add_parser("write")
    writing.add_argument("out", type=Path)
    writing.add_argument("--database-url", required=True)
    writing.add_argument("--queries", type=int, default=5_000)
    writing.add_argument("--seed", type=int, default=7)
    writing.add_argument("--matcher", help="a registered matcher (default: the default)")
    comparing = commands.add_parser("compare")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "write":
        write(args.out, args.database_url, args.queries, args.seed, args.matcher)
    else:
        compare(args.before, args.after, Console())


if __name__ == "__main__":
    main()
