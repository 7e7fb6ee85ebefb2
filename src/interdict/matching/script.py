"""Writing systems: look-alike letters and transliteration into Latin.

Two different problems live here. A *homoglyph* is a Cyrillic or Greek letter that
looks like a Latin one ("МОНАММАD" with a Cyrillic М); evasion or sloppy data entry
put them in Latin names, and the fix is to read them as the Latin letter they imitate.
A name genuinely *written* in another script ("محمد", "Умаров") must instead be
transliterated by sound. The homoglyph table is derived from Unicode TR39 (ICU's
confusables skeletons), restricted to single non-Latin letters whose skeleton is one
Latin letter, so it follows Unicode rather than a hand-picked list.

Arabic-script names (Arabic, Persian, Pashto, Urdu) are transliterated with our own
table rather than ICU's: ICU writes "ع" as "ʿ" and drops vowel letters unevenly, while
lists write "عبد الرحمن" as "Abdul Rahman". Short vowels are not written in Arabic, so
the result is only a consonant frame; `phonetic.py` compares it with Latin names on
their consonant skeletons.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import icu  # type: ignore[import-not-found,unused-ignore]

_SPOOF = icu.SpoofChecker()
_ANY_LATIN = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
_LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN")


def _skeleton(char: str) -> str:
    return str(_SPOOF.getSkeleton(0, char))


def _build_homoglyphs() -> dict[int, str]:
    """Map every Cyrillic/Greek/Armenian letter that TR39 says looks like one Latin letter."""
    latin: dict[tuple[str, bool], str] = {}
    for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        latin.setdefault((_skeleton(letter), letter.isupper()), letter)
    table: dict[int, str] = {}
    for code in range(0x0370, 0x0590):
        char = chr(code)
        name = unicodedata.name(char, "")
        if not char.isalpha() or not name.startswith(_LOOKALIKE_SCRIPTS):
            continue
        target = latin.get((_skeleton(char), char.isupper()))
        if target is not None:
            table[code] = target
    return table


HOMOGLYPHS: dict[int, str] = _build_homoglyphs()

# Arabic-script letters as English-language lists romanise them. Vowel letters (ا و ي)
# are handled by position in `_arabic_letter`; everything else is one fixed string.
ARABIC_CONSONANTS: dict[str, str] = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ء": "", "ة": "a", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ټ": "t",
    "ډ": "d", "ړ": "r", "ږ": "zh", "ښ": "sh", "ځ": "z", "څ": "s", "ڼ": "n", "ٹ": "t",
    "ڈ": "d", "ڑ": "r", "ں": "n", "ھ": "h", "ہ": "h", "ۀ": "a",
}  # fmt: skip

# Persian, Pashto and Urdu pronounce these Arabic letters as s/z, and Afghan and
# Pakistani names are romanised that way ("ضیا" → "Zia", not "Dia").
PERSIAN_CONSONANTS: dict[str, str] = {"ث": "s", "ذ": "z", "ض": "z", "ظ": "z"}
PERSIAN_LETTERS = frozenset("یکپچژگټډړږښځڅڼېۍګ")

# Letters folded before transliteration: alef/yeh/kaf/heh variants, hamza carriers.
ARABIC_FOLDS: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي",
    "ێ": "ي", "ے": "ي", "ئ": "ي", "ؤ": "و", "ک": "ك", "ګ": "گ", "ۃ": "ة",
}  # fmt: skip

# Whole words whose spelling hides their usual romanisation (assimilated article).
ARABIC_WORDS: dict[str, str] = {"الله": "allah", "لله": "llah", "عبدالله": "abdullah"}

# Cyrillic as English-language lists romanise it (BGN/PCGN-like), not ICU's ISO 9:
# lists write "Хаматович" as "Khamatovich", which ISO 9 would make "Hamatovič".
CYRILLIC: dict[str, str] = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "қ": "q", "ғ": "gh",
    "ҳ": "h", "ң": "ng", "ү": "u", "ұ": "u", "ә": "a", "ө": "o", "һ": "h",
}  # fmt: skip

_INITIAL_VOWELS = frozenset("اع")
_VOWEL_LETTERS = {"ا": ("a", "a"), "و": ("w", "u"), "ي": ("y", "i")}


def fold_homoglyphs(text: str) -> str:
    """Read Cyrillic/Greek look-alikes inside a Latin-script name as Latin letters."""
    return text.translate(HOMOGLYPHS)


def is_latin_letter(char: str) -> bool:
    return (char.isascii() and char.isalpha()) or unicodedata.name(char, "").startswith("LATIN")


def is_arabic_letter(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f"


def is_cyrillic_letter(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def transliterate_arabic_word(word: str, persian: bool = False) -> str:
    """One Arabic-script word in Latin letters: a consonant frame with long vowels.

    The article is split off ("الرحمن" → "al rhmn") because Latin spellings write it
    as its own part ("al-Rahman") as often as they join it.
    """
    word = "".join(ARABIC_FOLDS.get(c, c) for c in word)
    if word in ARABIC_WORDS:
        return ARABIC_WORDS[word]
    if word.startswith("ال") and len(word) > 3:
        return "al " + transliterate_arabic_word(word[2:], persian)
    if word.startswith("عبدال") and len(word) > 6:
        return "abd al " + transliterate_arabic_word(word[5:], persian)
    return "".join(_arabic_letter(word, index, persian) for index in range(len(word)))


def _arabic_letter(word: str, index: int, persian: bool) -> str:
    """Waw and yeh are consonants at the start of a syllable and long vowels elsewhere.

    A word-initial ain carries a vowel in romanisations ("عبد" → "Abd", "على" → "Ali").
    """
    char = word[index]
    if char == "ع" and index == 0:
        return "a"
    if char in _VOWEL_LETTERS:
        consonant, vowel = _VOWEL_LETTERS[char]
        syllable_start = index == 0 or (index == 1 and word[0] in _INITIAL_VOWELS)
        return consonant if syllable_start or _waw_before_alef(word, index) else vowel
    if persian and char in PERSIAN_CONSONANTS:
        return PERSIAN_CONSONANTS[char]
    return ARABIC_CONSONANTS.get(char, "" if is_arabic_letter(char) else char)


def _waw_before_alef(word: str, index: int) -> bool:
    """A waw before an alef is the consonant of "wa" ("جواد" Jawad, "نواز" Nawaz,
    "خواجه" Khwaja), not a long "u" — unless the alef begins the article ("أبوال…",
    Abu al-…). English-language lists write it "w"; French ones write "ou" ("جوادي"
    Djouadi), which this reads less well (measured in docs/benchmarks.md)."""
    return (
        word[index] == "و"
        and word[index + 1 : index + 2] == "ا"
        and word[index + 2 : index + 3] != "ل"
    )


def transliterate_cyrillic_word(word: str) -> str:
    out = []
    for char in word:
        latin = CYRILLIC.get(char.lower())
        out.append(char if latin is None else latin)
    return "".join(out)


@lru_cache(maxsize=65536)
def transliterate_other(text: str) -> str:
    """Any other script (Greek, Hangul, Han, Georgian...) through ICU's Any-Latin."""
    return str(_ANY_LATIN.transliterate(text))


# ICU writes the sibilants श and ष as "ś" and "ṣ"; Hindi names are romanised with "sh"
# ("शर्मा" Sharma, "शाह" Shah), which Latin-ASCII would make a plain "s".
_DEVANAGARI_SIBILANTS = str.maketrans({"ś": "sh", "ṣ": "sh"})


@lru_cache(maxsize=1)
def _devanagari_latin() -> icu.Transliterator:
    """ICU's Devanagari-Latin, made on first use: 10 ms nobody else should pay."""
    return icu.Transliterator.createInstance("Devanagari-Latin")


def is_devanagari_letter(char: str) -> bool:
    return "\u0900" <= char <= "\u097f"


def _is_devanagari_consonant(char: str) -> bool:
    return "\u0915" <= char <= "\u0939" or "\u0958" <= char <= "\u095f"


@lru_cache(maxsize=65536)
def transliterate_devanagari_word(word: str) -> str:
    """One Devanagari word as Hindi names are romanised.

    A consonant carries an inherent "a" that Hindi does not say at the end of a word:
    "राहुल" is Rahul and "अमित" Amit, where ICU writes "rāhula" and "amita" (Sanskrit
    spelling), which reads "Rahul" as "Rohullah" by its consonants.
    """
    latin = str(_devanagari_latin().transliterate(word)).translate(_DEVANAGARI_SIBILANTS)
    if _is_devanagari_consonant(word[-1]) and latin.endswith("a"):
        latin = latin[:-1]
    return latin


def is_han(char: str) -> bool:
    """A Han character of the CJK Unified Ideographs or their Extension A."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


_SIMPLIFIED = icu.Transliterator.createInstance("Traditional-Simplified")
_EAST_ASIAN_PREFIXES = ("CJK UNIFIED", "CJK COMPATIBILITY", "HANGUL", "HIRAGANA", "KATAKANA")


@lru_cache(maxsize=65536)
def east_asian_characters(text: str) -> str:
    """The Han (as simplified), Hangul and Kana characters of a name, in order.

    Romanised, "영호" and "용호", or "翁" (Weng) and "王" (Wang), come out one sound
    apart; written, they are different names. Both sides written in these scripts can
    be compared character by character (score.py); traditional and simplified Han
    are one spelling ("龍" = "龙").
    """
    kept = (c for c in text if unicodedata.name(c, "").startswith(_EAST_ASIAN_PREFIXES))
    return str(_SIMPLIFIED.transliterate("".join(kept)))
