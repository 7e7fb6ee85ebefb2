"""Chinese names in Han characters, read the Wade–Giles way as well as in pinyin.

Han characters are romanised in pinyin (ICU), as the mainland and most lists write them
("Zhang Xueliang"). Taiwan, Hong Kong passports of the past, and older listings write the
same syllables by Wade–Giles ("CHANG Hsueh-liang", "CHIANG Ching-kuo"), in which hardly
a consonant is spelt alike: 張學良 read in pinyin scores 0.20 against "CHANG Hsueh-liang".
So a name written in Han alone gets a second reading, each character's pinyin syllable
converted by the rules of the system (apostrophes and umlauts left out, as passports
and lists leave them out). Written by hand rather than from a library: no well-kept
Python package converts pinyin to Wade–Giles; the rules fit in the tables below.
"""

from __future__ import annotations

from functools import lru_cache

from interdict.matching.script import is_han, transliterate_other

# Whole syllables the initial and final rules below do not give.
_WHOLE = {
    "zhi": "chih", "chi": "chih", "shi": "shih", "ri": "jih", "zi": "tzu", "ci": "tzu",
    "si": "ssu", "er": "erh", "you": "yu", "yan": "yen", "ye": "yeh", "yong": "yung",
    "yue": "yueh", "yuan": "yuan", "yun": "yun", "yu": "yu", "ge": "ko", "ke": "ko",
    "he": "ho", "e": "o", "duo": "to", "tuo": "to", "nuo": "no", "luo": "lo", "zuo": "tso",
    "cuo": "tso", "suo": "so", "ruo": "jo", "guo": "kuo", "kuo": "kuo", "huo": "huo",
    "zhuo": "cho", "chuo": "cho", "shuo": "shuo", "gui": "kuei", "kui": "kuei",
    "dui": "tui", "tui": "tui", "zui": "tsui", "cui": "tsui", "sui": "sui", "rui": "jui",
    "zhui": "chui", "chui": "chui", "shui": "shui", "hui": "hui", "lü": "lu", "nü": "nu",
}  # fmt: skip
# Initials, longest first; j/q/x come before i or ü only, where Wade–Giles writes ch/ch/hs.
_INITIALS = (
    ("zh", "ch"), ("ch", "ch"), ("sh", "sh"), ("b", "p"), ("p", "p"), ("d", "t"),
    ("t", "t"), ("g", "k"), ("k", "k"), ("z", "ts"), ("c", "ts"), ("j", "ch"), ("q", "ch"),
    ("x", "hs"), ("r", "j"), ("s", "s"), ("h", "h"), ("m", "m"), ("f", "f"), ("n", "n"),
    ("l", "l"), ("w", "w"), ("y", "y"),
)  # fmt: skip
# Finals that Wade–Giles spells otherwise, checked longest first.
_FINALS = (
    ("iong", "iung"), ("ong", "ung"), ("ian", "ien"), ("ie", "ieh"), ("ue", "ueh"),
    ("üe", "ueh"), ("ü", "u"),
)  # fmt: skip


def wade_giles(syllable: str) -> str:
    """One pinyin syllable (no tone marks) in Wade–Giles: "zhang" → "chang",
    "xue" → "hsueh", "guo" → "kuo", "dong" → "tung", "ze" → "tse"."""
    if syllable in _WHOLE:
        return _WHOLE[syllable]
    initial, rest = "", syllable
    for pinyin, written in _INITIALS:
        if syllable.startswith(pinyin):
            initial, rest = written, syllable[len(pinyin) :]
            break
    if initial in ("ch", "hs") and syllable[0] in "jqx" and rest.startswith("u"):
        rest = "ü" + rest[1:]  # ju, qu, xu are jü, qü, xü
    for pinyin, written in _FINALS:
        if rest.endswith(pinyin):
            rest = rest[: -len(pinyin)] + written
            break
    return (initial + rest).replace("ü", "u")


def han_wade_giles_words(full: str) -> tuple[str, ...] | None:
    """A name written in Han characters alone as Wade–Giles syllables, one a word
    (as the pinyin reading keeps them), or None for any other name."""
    if full.isascii():  # most names: no Han, said without looking at each letter
        return None
    letters = [char for char in full if not char.isspace()]
    if not letters or not all(map(is_han, letters)):
        return None
    return tuple(wade_giles(_pinyin(char)) for char in letters)


@lru_cache(maxsize=8192)
def _pinyin(char: str) -> str:
    folded = transliterate_other(char).lower()
    return "".join(_ASCII.get(c, c) for c in folded if c.isalpha())


_ASCII = {
    "ā": "a", "á": "a", "ǎ": "a", "à": "a", "ē": "e", "é": "e", "ě": "e", "è": "e",
    "ī": "i", "í": "i", "ǐ": "i", "ì": "i", "ō": "o", "ó": "o", "ǒ": "o", "ò": "o",
    "ū": "u", "ú": "u", "ǔ": "u", "ù": "u", "ǖ": "ü", "ǘ": "ü", "ǚ": "ü", "ǜ": "ü",
}  # fmt: skip
