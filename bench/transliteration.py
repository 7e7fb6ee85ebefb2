"""Our Arabic and Cyrillic transliteration against ICU's, measured on the labelled pairs.

    python bench/transliteration.py [--pairs FILE.jsonl]

matching/script.py romanises Arabic-script and Cyrillic names with tables of its own
and leaves every other script to ICU's "Any-Latin; Latin-ASCII". The style guide asks
for the library unless our own code measures better; this is that measurement. Each
variant scores every pair in a fresh process (the normaliser caches its results):
"ours" as shipped, "icu" with Arabic and Cyrillic words handed to ICU like any other
script. The table gives recall at precision 0.95 and best F1 per category, as
bench/match_quality.py computes them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from interdict.matching import normalize
from interdict.matching.normalize import Script
from match_quality import DEFAULT_PAIRS, by_category, load_pairs, our_scores
from match_speed import machine

VARIANTS = ("ours", "icu")


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.variant:
        print(json.dumps(score_variant(args.pairs, args.variant)))
        return
    results = {variant: run_variant(args.pairs, variant) for variant in VARIANTS}
    console = Console(width=120)
    console.print(render(results))
    console.print(machine(), style="dim")


def score_variant(pairs_path: Path, variant: str) -> dict[str, tuple[float, float]]:
    """{category: (R@P.95, best F1)} of one variant, in this process."""
    if variant == "icu":
        original = normalize._latin_word

        def icu_latin(word: str, script: Script, persian: bool) -> str:
            if script in (Script.ARABIC, Script.CYRILLIC):
                return word  # ascii_words() hands anything non-ASCII to ICU
            return original(word, script, persian)

        normalize._latin_word = icu_latin
    pairs = load_pairs(pairs_path)
    results = by_category(pairs, our_scores(pairs))
    return {name: (q.recall_at_precision, q.f1) for name, q in results.items()}


def run_variant(pairs_path: Path, variant: str) -> dict[str, tuple[float, float]]:
    command = [sys.executable, __file__, "--pairs", str(pairs_path), "--variant", variant]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    parsed: dict[str, list[float]] = json.loads(output)
    return {name: (values[0], values[1]) for name, values in parsed.items()}


def render(results: dict[str, dict[str, tuple[float, float]]]) -> Table:
    table = Table(title="Transliteration: our tables vs ICU Any-Latin (dev set)")
    table.add_column("category")
    for variant in VARIANTS:
        table.add_column(f"{variant} R@P.95", justify="right")
        table.add_column(f"{variant} F1", justify="right")
    for category in sorted(results["ours"], key=lambda c: (c == "overall", c)):
        cells = []
        for variant in VARIANTS:
            recall, f1 = results[variant][category]
            cells += [f"{recall:.3f}", f"{f1:.3f}"]
        table.add_row(category, *cells)
    return table


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    main()
