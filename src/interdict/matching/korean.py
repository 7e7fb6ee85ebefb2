"""Korean personal names written in Hangul: where the surname is, and how lists spell it.

Two things go wrong when a Hangul name is simply romanised by ICU. Korean names are
mostly written without a space ("최영호"), which ICU romanises as one word,
"choeyeongho", that no word of the same name written "영호 최" or "CHOE Yong Ho" is
like. And ICU follows the South Korean Revised Romanization ("gim", "jeong", "byeong",
"gwang"), while the lists write the names they carry, North Korean ones above all,
syllable by syllable as the DPRK's own romanisation does ("KIM", "Jong", "Pyong",
"Kwang"): the matcher saw unrelated words.

So a person's name of Hangul alone is read as a surname (a one-syllable word, or a
known two-syllable surname) and a given name, and each syllable is written as the
lists write it: initial consonant, vowel and final consonant from the tables below
(those of the DPRK system, as UN and OFAC listings use it), the given name's
syllables as words of their own ("영호" → "yong ho", as "Yong Ho" and "Yong-Ho" are
read; "Yongho" still matches their joined form). Surnames whose usual spelling
differs from the syllable's sound (이 "Ri", 임 "Rim") come from a small table. A name
that does not read that way is left to ICU as before.
"""

from __future__ import annotations

from collections.abc import Callable

Jamo = tuple[str, ...]

_FIRST_SYLLABLE = 0xAC00
_LAST_SYLLABLE = 0xD7A3
_VOWELS_TIMES_FINALS = 21 * 28

# Jamo in Unicode order: 19 initial consonants (ㅇ is silent), 21 vowels, 28 finals.
_INITIALS = (
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh",
    "th", "ph", "h",
)  # fmt: skip
_VOWELS = (
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
    "we", "wi", "yu", "u", "ui", "i",
)  # fmt: skip
_FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
    "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip

# Two-syllable surnames; every other Korean surname is one syllable.
TWO_SYLLABLE_SURNAMES = frozenset(("남궁", "황보", "제갈", "선우", "독고", "동방", "사공", "서문"))

# Surnames the lists spell otherwise than their sound (an initial r or n that South
# Korea drops, which lists keep).
SURNAME_SPELLINGS: dict[str, str] = {
    "이": "ri", "임": "rim", "유": "ryu", "노": "ro", "나": "ra", "여": "ryo", "양": "ryang",
}  # fmt: skip


# South Korea writes the same names by the Revised Romanization of 2000 ("Jeong-eun",
# "Geun-hye") and keeps customary spellings for surnames on passports ("Lee", "Park",
# "Choi"): a second reading of a Hangul name (`south_korean_name_words`).
_RR_INITIALS = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k",
    "t", "p", "h",
)  # fmt: skip
_RR_VOWELS = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
    "we", "wi", "yu", "eu", "ui", "i",
)  # fmt: skip
SOUTH_SURNAME_SPELLINGS: dict[str, str] = {
    "김": "kim", "이": "lee", "박": "park", "최": "choi", "정": "jung", "강": "kang",
    "조": "cho", "윤": "yoon", "장": "jang", "임": "lim", "한": "han", "오": "oh",
    "서": "seo", "신": "shin", "권": "kwon", "황": "hwang", "안": "ahn", "송": "song",
    "류": "ryu", "유": "yoo", "전": "jeon", "홍": "hong", "고": "ko", "문": "moon",
    "양": "yang", "손": "son", "배": "bae", "백": "baek", "허": "heo", "노": "noh",
    "남": "nam", "심": "shim", "하": "ha", "곽": "kwak", "성": "sung", "차": "cha",
    "주": "joo", "우": "woo", "구": "koo", "민": "min", "진": "jin", "나": "na",
    "지": "ji", "엄": "eom", "채": "chae", "원": "won", "천": "cheon", "방": "bang",
    "공": "kong", "현": "hyun", "함": "ham", "변": "byun", "염": "yeom", "여": "yeo",
    "추": "choo", "도": "do", "석": "seok", "선": "sun", "설": "seol", "길": "gil",
    "연": "yeon", "표": "pyo", "명": "myung", "기": "ki", "반": "ban", "왕": "wang",
    "금": "keum", "옥": "ok", "육": "yook", "인": "in", "맹": "maeng", "제": "je",
    "탁": "tak", "국": "kook", "은": "eun", "용": "yong", "경": "kyung", "봉": "bong",
}  # fmt: skip


def korean_name_words(full: str) -> tuple[str, ...] | None:
    """The words of a Hangul person's name as lists write them, or None if it is not one.

    "최영호", "최 영호" and "영호 최" give ("choe", "yong", "ho"), ("choe", "yong", "ho")
    and ("yong", "ho", "choe"): the surname stays where it was written.
    """
    return _read(full, _syllable, SURNAME_SPELLINGS)


def south_korean_name_words(full: str) -> tuple[str, ...] | None:
    """The same name as South Korea writes it: "김정은" → ("kim", "jeong", "eun"),
    "이명박" → ("lee", "myeong", "bak"); None where `korean_name_words` is None."""
    return _read(full, _rr_syllable, SOUTH_SURNAME_SPELLINGS)


def _read(
    full: str, syllable: Callable[[str], str], surnames: dict[str, str]
) -> tuple[str, ...] | None:
    if full.isascii():  # most names: no Hangul, said without looking at each letter
        return None
    words = full.split()
    if not 1 <= len(words) <= 3 or not all(map(_is_hangul, words)):
        return None
    if len(words) == 1:
        parts = _split_unspaced(words[0])
        if parts is None:
            return None
        words = list(parts)
    surname = next((i for i, word in enumerate(words) if _is_surname(word)), None)
    if len(words) > 1 and surname not in (0, len(words) - 1):
        return None  # no surname at either end: not a Korean name's order
    romanised: list[str] = []
    for position, word in enumerate(words):
        if position == surname:
            romanised.append(surnames.get(word) or "".join(map(syllable, word)))
        else:
            romanised += map(syllable, word)
    return tuple(romanised)


def _split_unspaced(name: str) -> tuple[str, str] | None:
    if len(name) == 4 and name[:2] in TWO_SYLLABLE_SURNAMES:
        return name[:2], name[2:]
    if 2 <= len(name) <= 3:
        return name[:1], name[1:]
    return None  # one syllable, or four and more without a known surname: not read


def _syllable(char: str, initials: Jamo = _INITIALS, vowels: Jamo = _VOWELS) -> str:
    """One Hangul syllable by one system's initials and vowels (finals are alike)."""
    code = ord(char) - _FIRST_SYLLABLE
    initial = initials[code // _VOWELS_TIMES_FINALS]
    vowel = vowels[code % _VOWELS_TIMES_FINALS // 28]
    return initial + vowel + _FINALS[code % 28]


def _rr_syllable(char: str) -> str:
    return _syllable(char, _RR_INITIALS, _RR_VOWELS)


def _is_surname(word: str) -> bool:
    return len(word) == 1 or word in TWO_SYLLABLE_SURNAMES


def _is_hangul(word: str) -> bool:
    return all(_FIRST_SYLLABLE <= ord(char) <= _LAST_SYLLABLE for char in word)
