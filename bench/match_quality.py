"""Name-matching quality: our scorer (and, with --peers, nomenklatura's) on labelled pairs.

    python bench/match_quality.py [--pairs FILE.jsonl] [--scores-out OUT.jsonl] [--peers]
                                  [--half a|b]

Each line of FILE is {"id", "category", "match", "query", "candidate"} with FtM
entities. Every pair is scored query against candidate (no database, no retrieval);
the table gives, per category and overall, precision/recall/F1 at the threshold with
the best F1, that threshold, and the recall reachable at precision >= 0.95.
`--half` keeps only the pairs whose candidate id hashes to one half, for honest
tuning: tune on one half, report the other.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from interdict.entities.ftm import entity_from_ftm
from interdict.matching import prepare
from interdict.matching.registry import DEFAULT_MATCHER, MATCHERS, get_matcher
from interdict.matching.score import DEFAULT_THRESHOLDS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAIRS = ROOT / "data" / "eval" / "un-pairs-dev.jsonl"
TARGET_PRECISION = 0.95
PEERS = ("logic-v1", "logic-v2", "name-based")

Pair = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Quality:
    """One scorer's quality on one category of pairs."""

    pairs: int
    precision: float
    recall: float
    f1: float
    threshold: float
    recall_at_precision: float


def load_pairs(path: Path, half: str | None = None) -> list[Pair]:
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    if half is None:
        return pairs
    wanted = "ab".index(half)
    return [p for p in pairs if zlib.crc32(p["candidate"]["id"].encode()) % 2 == wanted]


def our_scores(pairs: Iterable[Pair], algorithm: str | None = None) -> list[float]:
    matcher = get_matcher(algorithm)
    scores = []
    for pair in pairs:
        query = prepare(entity_from_ftm(pair["query"]))
        candidate = prepare(entity_from_ftm(pair["candidate"]))
        scores.append(matcher.score(query, candidate).score)
    return scores


def peer_scorer(name: str) -> Callable[[Pair], float]:
    """A nomenklatura algorithm as a pair scorer (imported only when asked for)."""
    from followthemoney import model
    from nomenklatura.matching import get_algorithm
    from nomenklatura.matching.types import ScoringConfig

    algorithm = get_algorithm(name)
    if algorithm is None:
        raise SystemExit(f"nomenklatura has no algorithm {name!r}")
    config = ScoringConfig.defaults()

    def run(pair: Pair) -> float:
        query = model.get_proxy(pair["query"])
        candidate = model.get_proxy(pair["candidate"])
        return float(algorithm.compare(query, candidate, config).score)

    return run


def quality(scores: Sequence[float], labels: Sequence[bool]) -> Quality:
    """Best-F1 operating point and recall at the target precision, over all thresholds."""
    ranked = sorted(zip(scores, labels, strict=True), key=lambda x: -x[0])
    positives = sum(labels)
    best = Quality(len(ranked), 0.0, 0.0, 0.0, 1.0, 0.0)
    recall_at_p = 0.0
    tp = fp = 0
    for index, (value, label) in enumerate(ranked):
        tp += label
        fp += not label
        if index + 1 < len(ranked) and ranked[index + 1][0] == value:
            continue  # a threshold keeps or drops all pairs with equal scores
        precision, recall = tp / (tp + fp), tp / positives if positives else 0.0
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        if precision >= TARGET_PRECISION:
            recall_at_p = max(recall_at_p, recall)
        if f1 > best.f1:
            best = Quality(len(ranked), precision, recall, f1, value, 0.0)
    return Quality(best.pairs, best.precision, best.recall, best.f1, best.threshold, recall_at_p)


def by_category(pairs: Sequence[Pair], scores: Sequence[float]) -> dict[str, Quality]:
    groups: dict[str, list[int]] = {}
    for index, pair in enumerate(pairs):
        groups.setdefault(pair["category"], []).append(index)
    table = {
        category: quality([scores[i] for i in rows], [pairs[i]["match"] for i in rows])
        for category, rows in sorted(groups.items())
    }
    table["overall"] = quality(scores, [p["match"] for p in pairs])
    return table


def render(title: str, results: dict[str, dict[str, Quality]]) -> Table:
    """One row per category; per scorer: P, R, F1, threshold, recall@P0.95."""
    table = Table(title=title)
    table.add_column("category")
    table.add_column("pairs", justify="right")
    for scorer in results:
        for column in ("P", "R", "F1", "thr", "R@P.95"):
            table.add_column(f"{scorer}\n{column}", justify="right")
    categories = next(iter(results.values()))
    for category, first in categories.items():
        row = [category, str(first.pairs)]
        for scorer_results in results.values():
            q = scorer_results[category]
            row += [f"{q.precision:.3f}", f"{q.recall:.3f}", f"{q.f1:.3f}"]
            row += [f"{q.threshold:.3f}", f"{q.recall_at_precision:.3f}"]
        table.add_row(*row)
    return table


def write_scores(path: Path, pairs: Sequence[Pair], scores: Sequence[float]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for pair, value in zip(pairs, scores, strict=True):
            out.write(json.dumps({"id": pair["id"], "score": round(value, 6)}) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--scores-out", type=Path)
    parser.add_argument("--peers", action="store_true", help="also run nomenklatura")
    parser.add_argument("--half", choices=("a", "b"), help="only one half, by candidate id")
    parser.add_argument(
        "--algorithm", choices=sorted(MATCHERS), default=DEFAULT_MATCHER, help="our matcher"
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLDS.alert,
        help="also report precision and recall at this score (default: the alert threshold)",
    )
    args = parser.parse_args(argv)
    pairs = load_pairs(args.pairs, args.half)
    started = time.perf_counter()
    scores = our_scores(pairs, args.algorithm)
    elapsed = time.perf_counter() - started
    if args.scores_out:
        write_scores(args.scores_out, pairs, scores)
    results = {"interdict": by_category(pairs, scores)}
    if args.peers:
        for name in PEERS:
            run = peer_scorer(name)
            results[name] = by_category(pairs, [run(pair) for pair in pairs])
    console = Console(width=max(120, 24 + 56 * len(results)))
    console.print(render(f"{args.pairs.name}: {len(pairs)} pairs", results))
    console.print(f"interdict: {elapsed:.1f} s for {len(pairs)} pairs, prepare included")
    console.print(at_threshold(scores, [bool(p["match"]) for p in pairs], args.threshold))
    return 0


def at_threshold(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> str:
    """Precision and recall of our scorer at a fixed threshold (the shipped alert default)."""
    flagged = [label for score, label in zip(scores, labels, strict=True) if score >= threshold]
    true = sum(flagged)
    precision = true / len(flagged) if flagged else 1.0
    recall = true / max(1, sum(labels))
    return f"interdict at threshold {threshold:.2f}: precision {precision:.3f}, recall {recall:.3f}"


if __name__ == "__main__":
    sys.exit(main())
