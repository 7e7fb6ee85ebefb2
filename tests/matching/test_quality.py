"""Quality regression: the scorer on the labelled development pairs, via the benchmark's code."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from tests.bench_scripts import load_bench

ROOT = Path(__file__).resolve().parents[2]
DEV_PAIRS = ROOT / "data" / "eval" / "un-pairs-dev.jsonl"
WOLFSBERG = ROOT / "data" / "eval" / "wolfsberg-cases.jsonl"
# Reached when this test was written (docs/matching.md), minus a margin for noise.
MIN_RECALL_AT_P95 = 0.97
MIN_CROSS_SCRIPT_RECALL_AT_P95 = 0.93


def bench() -> ModuleType:
    return load_bench("match_quality")


def test_dev_set_recall_at_precision_095() -> None:
    quality = bench()
    pairs = quality.load_pairs(DEV_PAIRS)
    table = quality.by_category(pairs, quality.our_scores(pairs))
    assert table["overall"].recall_at_precision >= MIN_RECALL_AT_P95
    assert table["cross_script"].recall_at_precision >= MIN_CROSS_SCRIPT_RECALL_AT_P95


def test_wolfsberg_cases_are_separated() -> None:
    quality = bench()
    pairs = quality.load_pairs(WOLFSBERG)
    table = quality.by_category(pairs, quality.our_scores(pairs))
    assert table["overall"].f1 >= 0.9
