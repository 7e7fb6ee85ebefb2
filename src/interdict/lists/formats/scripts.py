"""The writing system a name is written in, as an ISO 15924 code.

Lists publish names in their original script next to the romanised form (the UN's
NAME_ORIGINAL_SCRIPT: Arabic, Cyrillic, Chinese). Matching must know which is which,
so a Cyrillic name is compared with Cyrillic spellings or transliterated first.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

# First word of a letter's Unicode name → ISO 15924 code. Latin maps to None: the
# model leaves `Name.script` unset for the Latin names that make up most of a list.
_SCRIPTS: dict[str, str | None] = {
    "LATIN": None,
    "ARABIC": "Arab",
    "CYRILLIC": "Cyrl",
    "CJK": "Hani",
    "HANGUL": "Hang",
    "HIRAGANA": "Hira",
    "KATAKANA": "Kana",
    "HEBREW": "Hebr",
    "GREEK": "Grek",
    "GEORGIAN": "Geor",
    "ARMENIAN": "Armn",
    "ETHIOPIC": "Ethi",
    "DEVANAGARI": "Deva",
    "BENGALI": "Beng",
    "GURMUKHI": "Guru",
    "GUJARATI": "Gujr",
    "TAMIL": "Taml",
    "SINHALA": "Sinh",
    "THAI": "Thai",
    "LAO": "Laoo",
    "KHMER": "Khmr",
    "MYANMAR": "Mymr",
    "TIBETAN": "Tibt",
    "SYRIAC": "Syrc",
    "THAANA": "Thaa",
    "MONGOLIAN": "Mong",
}
_UNKNOWN = "Zyyy"  # ISO 15924 "undetermined script"


def script_of(name: str) -> str | None:
    """The script most of the letters of `name` are written in; None for Latin."""
    counts = Counter(_letter_script(ch) for ch in name if ch.isalpha())
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _letter_script(letter: str) -> str | None:
    word = unicodedata.name(letter, "").split(" ", 1)[0]
    return _SCRIPTS.get(word, _UNKNOWN)
