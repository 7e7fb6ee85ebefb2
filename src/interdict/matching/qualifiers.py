"""Qualifiers: the words of a name that tell two otherwise alike entities apart.

"Falcon Holding 23" and "Falcon Holding 24", "Trading II" and "Trading III" are
different legal persons (or different generations of one family), however alike the
spelling: a number or a generation matches only itself. Countries in firm names
("... Mexico S.A." / "... Chile S.A.") need no rule of their own: they are generic
words (information.py) that, unmatched on both sides, leave the name score low.
"""

from __future__ import annotations

ROMAN_NUMERALS = frozenset(
    {"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv"}
)


def is_qualifier(text: str) -> bool:
    """A number or a generation; one letter alone is an initial, not a generation."""
    return any(map(str.isdigit, text)) or (len(text) > 1 and text in ROMAN_NUMERALS)
