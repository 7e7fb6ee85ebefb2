"""Consonant skeletons: a spelling-independent key for romanised names.

Arabic writes no short vowels, and romanisations of one name disagree mostly on
vowels and on how to write one sound ("Muhammad", "Mohamed", "محمد" → "mhmd"). The
skeleton drops vowels, merges letters that romanisations use for the same sound
(q/k/g, d/t, s/z, sh/ch, kh/gh, v/w, f/ph) and collapses doubled letters, so all of
those become "mhmt". It is a deliberately coarse key: it is used for retrieval and,
discounted, as a second opinion next to the spelling similarity — never alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Multi-letter spellings first (longest match wins), then single letters.
_DIGRAPHS = (
    ("sch", "s"),
    ("tch", "s"),
    ("sh", "s"),
    ("ch", "s"),
    ("kh", "k"),
    ("gh", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "t"),
    ("zh", "j"),
    ("dj", "j"),
    ("dz", "s"),
    ("ts", "s"),
    ("ck", "k"),
    ("ou", "u"),
)
_LETTERS = str.maketrans(
    {
        "b": "b", "p": "b", "f": "f", "v": "v", "w": "v", "d": "t", "t": "t", "s": "s",
        "z": "s", "x": "s", "k": "k", "q": "k", "g": "k", "c": "k", "j": "j", "h": "h",
        "l": "l", "r": "r", "m": "m", "n": "n",
        "a": None, "e": None, "i": None, "o": None, "u": None, "y": None,
    }
)  # fmt: skip
_DIGRAPH_RE = re.compile("|".join(d for d, _ in _DIGRAPHS))
_DIGRAPH_MAP = dict(_DIGRAPHS)
_FINAL_H = re.compile(r"(?<=[aeiouy])h$")
_SOFT_C = re.compile(r"c(?=[eiy])")
_VOWEL_W = re.compile(r"(?<=[aeiou])w(?![aeiouy])")
_REPEATS = re.compile(r"(.)\1+")
_OU_BEFORE_VOWEL = re.compile(r"ou(?=[aei])")
# The article inside a run of frame words, before a sun letter (script.ARABIC_CONSONANTS)
# and a word of three letters or more: "النا" (Elena), split as "al na", is no article.
_ASSIMILATED = re.compile(r"(?<=.)al(?=(?:th|dh|sh|[tdrzsn])[a-z]{2})")
# At the start of a frame or after a vowel letter or w/y (a frame's long vowels).
_PERSIAN_TH = re.compile(r"(?<![^aiuwy])th")
_PERSIAN_DH = re.compile(r"(?<![^aiuwy])dh")


@lru_cache(maxsize=262144)
def skeleton(word: str) -> str:
    """The consonant skeleton of one lower-case ASCII word ("muhammad" → "mhmt")."""
    return _skeleton(word, drop_vowel_w=True)


def _persian(frame: str) -> str:
    """A frame's ث ("th") and ذ ("dh", script.ARABIC_CONSONANTS) as Persian says them.

    Not after a consonant: there "th" is as often ت and ه or ح ("فتحي" fthi, Fathi, which
    read "fsi" would sound like "Fawzi").
    """
    return _PERSIAN_TH.sub("s", _PERSIAN_DH.sub("z", frame))


def _skeleton(word: str, drop_vowel_w: bool) -> str:
    word = _FINAL_H.sub("", word)
    word = _SOFT_C.sub("s", word)
    if drop_vowel_w:
        word = _VOWEL_W.sub("", word)
    word = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group(0)], word)
    return _REPEATS.sub(r"\1", word.translate(_LETTERS))


@lru_cache(maxsize=262144)
def second_skeleton(word: str, frame: bool, joined: bool = False) -> str:
    """The skeleton of a second reading of the word, where its spelling allows two
    (else its skeleton); a pair of words sounds alike by the better of their readings.

    Latin: French romanisations write the consonant w as "ou" before a vowel ("Djouadi"
    for جوادي, "Ouali" for ولي), which the first reading takes for the vowel "u" — right
    for "Mouammar" or "Souad", where the "ou" is a vowel before an ain.

    A consonant frame (Arabic script, script.py) is read the Arabic way first; its
    second reading is the Persian one that Afghan and Pakistani names written without
    Persian letters are romanised by: ث and ذ as "s" and "z" ("ثاقب" Saqib, "وثيق"
    Wassiq), and a waw after a vowel the consonant ("عوض" Ewaz), which the first reading
    drops as the diphthong of "Shawkat" — right where the Latin side writes "ou" for
    "aw" ("العوني" Ouni). Inside a joined run of frame words, the article before a sun
    letter is also read assimilated, as Latin spellings run it together ("غياث الدين"
    ghiath-al-din ~ "Ghiassouddine", "عبد الرحمن" ~ "Abderrahmane"); not at the run's start,
    where an "al" left free would pair with a query's "Ali", nor before a word of two
    letters ("حسنا النا", Hasna Elena, read "hsnana", sounded like "Hassan"). A second
    reading is trusted as much as the first (the unit's sound weight is its first
    skeleton's). Measured in docs/benchmarks.md.
    """
    if frame:
        if joined:
            word = _ASSIMILATED.sub("a", word)
        return _skeleton(_persian(word), drop_vowel_w=False)
    if "ou" in word:
        return skeleton(_OU_BEFORE_VOWEL.sub("w", word))
    return skeleton(word)


SOUND_WEIGHT = 0.9  # a sound-alike word counts 90% of an identical spelling
# Skeletons shorter than this say little: "ali" → "l"; "maria", "omar", "amir" and
# "meyer" all → "mr". Measured (bench/match_speed.py, 10,000 queries): trusting
# two-consonant skeletons at 0.9 instead of 0.75 alerted on 9.5% instead of 6.0% of
# generated names nobody listed, for 99.7% instead of 99.5% of varied listed names,
# and overall recall at precision 0.95 on the dev set 0.993 instead of 0.991.
SHORT_SKELETON = 3
SHORT_SOUND_WEIGHT = 0.75


def sound_weight(word_skeleton: str) -> float:
    """How far a skeleton match is trusted, as a factor applied on each side (√ weight)."""
    weight = SOUND_WEIGHT if len(word_skeleton) >= SHORT_SKELETON else SHORT_SOUND_WEIGHT
    return float(weight**0.5)
