"""Name symbols: which given names and surnames a word can be, across spellings.

"Hassan" and "Husayn", "Mohammad" and "Mahmud" share a consonant skeleton ("hsn",
"mhmt") but are different names, borne by different people; "Mohamed" and
"Muhammad", "Yusuf" and "Yousef" are one name spelt two ways. rigour (OpenSanctions)
tags a word with the Wikidata items of the names it can be spelling, so two words
that both are known names, but never the same one, are told apart: their sound-alike
similarity is not used, only their spelling (a typo can still match). Only name words
written in Latin script count: a name transliterated from Arabic script is a consonant
frame ("عمر" → "amr"), which may spell another known name by chance.
"""

from __future__ import annotations

from rigour._core import NameTypeTag, analyze_names

NAME_CATEGORY = "NAME"
NO_SYMBOLS: frozenset[str] = frozenset()
# Forms rigour files as names of their own that are one name in another language
# (Turkish "Mehmet" is "Muhammad"): each also carries the symbols of the other.
SAME_NAME: dict[str, str] = {
    "mehmet": "muhammad",
    "mehmed": "muhammad",
    "ahmet": "ahmad",
    "mahmut": "mahmud",
    "huseyin": "husayn",
}


def lookup_name_symbols(word: str) -> frozenset[str]:
    """The names (Wikidata ids) a folded word can be, asked of rigour (slow to load)."""
    if not word.isalpha():
        return NO_SYMBOLS
    return frozenset(
        span.symbol.id
        for name in analyze_names(
            NameTypeTag.PER,
            [word],
            phonetics=False,
            numerics=False,
            consolidate=False,
            rewrite=False,
        )
        for span in name.spans
        if span.symbol.category.value == NAME_CATEGORY
    )


def are_different_names(query: frozenset[str], candidate: frozenset[str]) -> bool:
    """Both words are known names and no name is both."""
    return bool(query) and bool(candidate) and query.isdisjoint(candidate)


def are_same_name(query: frozenset[str], candidate: frozenset[str]) -> bool:
    """Both words are known spellings of one name."""
    return not query.isdisjoint(candidate)
