"""How ordinary a word of a firm's name is: "Golden", "Pacific", "Real Estate".

rigour's vocabulary knows the words every firm can bear (legal forms, "trading",
"general", "bank"; information.py), but not the ordinary words most firm names are
made of: "Golden Star Trading" shares "golden" with thousands of firms that no list
names, though only two listed firms carry it. So a word of a listed firm's name is
also worth no more than its frequency in ordinary text allows
(`vocabulary_information`): a word written a few times in every million ("golden",
"modern", "pacific") is worth about as little as a generic word, a name no dictionary
holds ("Mazaka", "Sepah", "Haraz") keeps the worth the lists give it.

`vocabulary.tsv` holds, for each word of a listed firm's name and each of the 40,000
most frequent English words, its highest Zipf frequency (log10 of occurrences per
billion words) in the languages firm names are mostly written in, from the `wordfreq`
package (data CC BY-SA 4.0), written by `bench/population_names.py --vocabulary`; words
at or under RARE_ZIPF are left out. Query words count too: a customer's "Standard" or
"Aviation" resembling a rarer listed word tells no more than itself (align.py).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from interdict.matching.word_tables import falling_worth, read_word_table

VOCABULARY = Path(__file__).with_name("vocabulary.tsv")
# Zipf frequency at or under which a word is as rare as a name (~1 in a million words
# or fewer: "danesh", "osama"), and from which it is as common as a generic firm word.
RARE_ZIPF = 3.0
COMMON_ZIPF = 4.5
COMMON_WORD_INFORMATION = 0.1


@lru_cache(maxsize=1)
def zipf_frequencies() -> dict[str, float]:
    """Folded word -> its highest Zipf frequency over the languages of the table."""
    return {word: float(zipf) for word, zipf in read_word_table(VOCABULARY)}


@lru_cache(maxsize=65536)
def vocabulary_information(word: str) -> float:
    """A firm-name word's worth by how ordinary it is, in [COMMON_WORD_INFORMATION, 1]."""
    zipf = zipf_frequencies().get(word, 0.0)
    if zipf <= RARE_ZIPF:
        return 1.0
    # Zipf is already a logarithm of the frequency: the worth falls linearly in it.
    return falling_worth((zipf - RARE_ZIPF) / (COMMON_ZIPF - RARE_ZIPF), COMMON_WORD_INFORMATION)
