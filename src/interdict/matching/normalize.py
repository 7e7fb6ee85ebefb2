"""Text normalisation: any written name to lower-case ASCII words.

Every comparison downstream works on this form, so two spellings that differ only in
how they were typed — compatibility characters, invisible marks, look-alike letters,
case, accents, punctuation, script — end up as the same string. The order matters:
invisible characters go first (a zero-width joiner must not split a look-alike word),
homoglyphs are folded before transliteration (a Cyrillic "а" in a Latin name is an
"a", not a sound to transliterate), and Arabic letter variants are folded before the
Arabic table is applied.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from interdict.matching.script import (
    PERSIAN_LETTERS,
    fold_homoglyphs,
    is_arabic_letter,
    is_cyrillic_letter,
    is_devanagari_letter,
    is_latin_letter,
    transliterate_arabic_word,
    transliterate_cyrillic_word,
    transliterate_devanagari_word,
    transliterate_other,
)

_TATWEEL = "\u0640"
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʿʾ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


class Script(StrEnum):
    """The writing system a name was written in before it was transliterated."""

    LATIN = "latin"
    ARABIC = "arabic"
    CYRILLIC = "cyrillic"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A name as lower-case ASCII words, and the script it came from."""

    text: str
    script: Script


def strip_invisible(text: str) -> str:
    """Drop format characters (zero-width, bidi marks), harakat and tatweel.

    They change nothing a reader sees, so they must change nothing a matcher sees.
    """
    kept = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if category == "Cf" or char == _TATWEEL:
            continue
        if category == "Mn" and is_arabic_letter(char):
            continue
        kept.append(char)
    return "".join(kept)


def script_of(text: str) -> Script:
    """The dominant script: any Latin letter makes a name Latin (homoglyphs are folded)."""
    letters = [c for c in text if c.isalpha()]
    if not letters or any(is_latin_letter(c) for c in letters):
        return Script.LATIN
    if any(is_arabic_letter(c) for c in letters):
        return Script.ARABIC
    if any(is_cyrillic_letter(c) for c in letters):
        return Script.CYRILLIC
    return Script.OTHER


@lru_cache(maxsize=131072)
def fold(text: str) -> FoldedText:
    """Normalise a name: never raises, and folding its own output changes nothing."""
    if text.isascii():
        # Most names: ASCII has no invisible marks, no look-alikes and no other
        # script, so only `ascii_words` changes it (a test holds the two ways equal).
        return FoldedText(ascii_words(text), Script.LATIN)
    return fold_unicode(text)


def fold_unicode(text: str) -> FoldedText:
    """`fold` for any text, ASCII or not."""
    clean = strip_invisible(text)
    script = script_of(clean)
    if script is Script.LATIN:
        clean = fold_homoglyphs(clean)
    persian = script is Script.ARABIC and not PERSIAN_LETTERS.isdisjoint(clean)
    words = [_latin_word(word, script, persian) for word in clean.split()]
    return FoldedText(ascii_words(" ".join(words)), script)


def _latin_word(word: str, script: Script, persian: bool) -> str:
    if script is Script.ARABIC:
        return transliterate_arabic_word(word, persian)
    if script is Script.CYRILLIC:
        return transliterate_cyrillic_word(word)
    if any(is_devanagari_letter(char) for char in word):
        return transliterate_devanagari_word(word)
    return word


def ascii_words(text: str) -> str:
    """Lower-case ASCII letters and digits, words split on anything else.

    Apostrophes vanish rather than split ("Ta'i" is one word, "tai"); whatever is left
    outside ASCII goes through ICU's Any-Latin; Latin-ASCII.
    """
    text = _APOSTROPHES.sub("", text)
    if not text.isascii():
        text = transliterate_other(text)
    return " ".join(_NON_ALNUM.split(text.casefold())).strip()
