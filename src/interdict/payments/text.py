"""Free text scanned for listed names: a window over the words, screened where it may hit.

A name moved out of its party field ("stripping") lands in remittance information,
sender-to-receiver information or an address line, among invoice numbers and
ordinary words. Screening every run of words would cost a screen per word; instead a
word is *name-like* when the candidate index of the lists holds it (the word itself
or, from four letters, its consonant skeleton, so transliterations count), and only
runs of two to four name-like words are screened — and of those only the windows whose
words are all found in one and the same listed entity: "main street" and "street
berlin" each have listed words, but no listed name holds both, so no listed name can
match them.
A single word is not screened: scored alone
it resembles too many listed names ("London" ~ "Kala Naft London Ltd" scored 0.86 on
the shared messages) — a one-word listed name is caught in the party fields, where
the whole field is screened. Short particles ("al", "bin") inside a run keep it going.
Windows are screened at `TEXT_THRESHOLD`, above the alert threshold: two ordinary words
("bank trust" ~ "Tourism Bank", 0.81) reach the alert threshold in prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from interdict.entities.model import Schema
from interdict.matching.candidates import CandidateIndex
from interdict.matching.names import canonical_word
from interdict.matching.normalize import fold
from interdict.matching.phonetic import skeleton

LONGEST_WINDOW = 4
#: Lowest score of a free-text window that holds; the false hits of the shared
#: messages scored 0.80-0.88, planted names 0.95 and more (bench/payments_speed.py).
TEXT_THRESHOLD = 0.90
#: A word is looked up by its consonant skeleton only from this length on; shorter
#: words ("ri", "su", "al") must be a word of a listed name as written.
_SKELETON_FROM = 4
PARTICLES = frozenset(
    {
        "al",
        "el",
        "ul",
        "ud",
        "bin",
        "ibn",
        "bint",
        "abu",
        "abd",
        "van",
        "von",
        "de",
        "da",
        "di",
        "du",
    }
)


@dataclass(frozen=True, slots=True)
class NameVocabulary:
    """Which words occur in listed names, from the screener's candidate index."""

    index: CandidateIndex

    def is_name_like(self, word: str) -> bool:
        keys = self.index.keys
        return any(key in keys for key in _keys(word))

    def held_by_one(self, words: list[str]) -> bool:
        """Whether one listed entity has every word (particles aside), as written or by
        skeleton: the candidate index's postings of each word, intersected."""
        common: NDArray[np.int32] | None = None
        for word in words:
            if word in PARTICLES:
                continue
            holders = self._holders(word)
            common = holders if common is None else np.intersect1d(common, holders, True)
            if not len(common):
                return False
        return common is not None

    def _holders(self, word: str) -> NDArray[np.int32]:
        found = [self._postings(key) for key in _keys(word)]
        return found[0] if len(found) == 1 else np.unique(np.concatenate(found))

    def _postings(self, key: str) -> NDArray[np.int32]:
        index = self.index
        position = index.keys.get(key)
        if position is None:
            return np.zeros(0, dtype=np.int32)
        return index.postings[index.offsets[position] : index.offsets[position + 1]]


@lru_cache(maxsize=65536)
def _keys(word: str) -> tuple[str, ...]:
    """The index keys a word of prose may be held under: as written, as the index writes
    it for a person or a firm ("abdul" is indexed as "abd"), and by consonant skeleton."""
    if len(word) < 2 or not word.isalpha():
        return ()
    forms = {word, canonical_word(word, Schema.PERSON), canonical_word(word, Schema.ORGANIZATION)}
    keys = {"w:" + form for form in forms}
    if len(word) >= _SKELETON_FROM:
        keys.update("s:" + skeleton(form) for form in forms if len(skeleton(form)) >= 3)
    return tuple(sorted(keys))


def name_windows(text: str, vocabulary: NameVocabulary) -> list[str]:
    """The word windows of `text` worth screening, in order, each once."""
    words = fold(text).text.split()
    marks = [w in PARTICLES or vocabulary.is_name_like(w) for w in words]
    windows: dict[str, None] = {}
    start = 0
    while start < len(words):
        if not marks[start]:
            start += 1
            continue
        end = start
        while end < len(words) and marks[end]:
            end += 1
        _run_windows(words[start:end], vocabulary, windows)
        start = end
    return list(windows)


def _run_windows(run: list[str], vocabulary: NameVocabulary, windows: dict[str, None]) -> None:
    for size in range(2, min(LONGEST_WINDOW, len(run)) + 1):
        for start in range(len(run) - size + 1):
            window = run[start : start + size]
            if (window[0] not in PARTICLES or size > 2) and vocabulary.held_by_one(window):
                windows[" ".join(window)] = None
