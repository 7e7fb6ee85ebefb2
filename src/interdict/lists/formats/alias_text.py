"""Splitting a list's alias text into the names it holds and the notes around them.

Some lists pack several names into one alias field: the UN list writes
"أبو بكر البغدادي (Abu Bakr al-Baghdadi al-Husayni al-Quraishi; Abu Bakr al-Baghdadi)",
"Qasim Soleimani; Qasem Sulaimani; Kasim Soleimani", "Jin Tiesan (金铁三)",
"Abubakar (original script: Абубакар)", "a) X b) Y". Kept as one string, none of those
names can match a query well: the ISIL leader's best-known name scored under the alert
threshold. Other aliases carry notes instead of names: "Encep Nurjaman (birth name)",
"Safia Farkash Mohammed Al-Hadad, born 1 Jan. 1953 (Oman passport no. …)". Those
notes must not become names either, or a passport remark would be screened as a name.

The rules are deliberately conservative: a parenthesis becomes names only when it is
in another script, lists names separated by ";", is an acronym, or renders a name
written in another script in Latin. Anything else stays a note, kept by the caller.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Words that mark a parenthesis or a comma clause as a remark about the name.
_NOTE_WORDS = frozenset(
    [
        "name",
        "birth",
        "born",
        "combat",
        "nom",
        "guerre",
        "third",
        "second",
        "first",
        "junior",
        "senior",
        "maiden",
        "formerly",
        "previously",
        "false",
        "identity",
        "identification",
        "passport",
        "number",
        "no",
        "issued",
        "expiry",
        "expired",
        "date",
        "dob",
        "nationality",
        "confiscated",
        "linked",
        "related",
        "fraudulent",
        "also",
        "known",
        "spelling",
        "variant",
        "reportedly",
        "possibly",
        "according",
        "sub-unit",
        "script",
    ]
)
# Particles and function words that lists write in lower case inside names
# ("Abu Bakr al Baghdadi", "the Victory Front", "Jama'atu Ansaril Muslimina fi Biladis").
_LOWER_WORDS = frozenset(
    [
        "al",
        "el",
        "bin",
        "bint",
        "ibn",
        "abu",
        "de",
        "du",
        "des",
        "la",
        "le",
        "van",
        "von",
        "the",
        "of",
        "and",
        "for",
        "in",
        "on",
        "fi",
        "wa",
        "li",
        "di",
        "da",
        "del",
    ]
)
# An acronym in parentheses after an organisation's name: "(AQAP)", "(LRM/A)".
_ACRONYM = re.compile(r"^[A-Z][A-Z/&.\-]{1,9}$")
_LABEL = re.compile(r"^\s*(?:original\s+script|in\s+[a-z]+)\s*:\s*", re.IGNORECASE)
_ENUMERATION = re.compile(r"(?:^|\s)[a-z]\)\s+")
_NOTE_CLAUSE = re.compile(r",\s+(?=[a-z])")
_WORD = re.compile(r"[^\W\d_][\w'’‘\-.]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class AliasText:
    """The names found in one alias field, in order, and what was said about them."""

    names: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def is_plain(self) -> bool:
        """True when the field held exactly one name and nothing else."""
        return len(self.names) == 1 and not self.notes


def split_alias(text: str) -> AliasText:
    """Names and notes of one alias field; an empty field gives neither."""
    base, groups = _split_parentheses(text)
    names: list[str] = []
    notes: list[str] = []
    head, clause = _split_clause(base)
    names.extend(_pieces(head))
    if clause:
        notes.append(clause)
    translated = _other_script(head)
    for group in groups:
        found = _names_in_group(group, translated)
        if found:
            names.extend(found)
        elif group.strip():
            notes.append(group.strip())
    unique = tuple(dict.fromkeys(n for n in names if _has_letters(n)))
    return AliasText(unique, tuple(notes))


def _split_clause(base: str) -> tuple[str, str]:
    """The name before a ", born …"-style clause, and the clause ("" when none)."""
    parts = _NOTE_CLAUSE.split(base, maxsplit=1)
    if len(parts) == 2 and _is_note(parts[1]):
        return parts[0], parts[1].strip()
    return base, ""


def _pieces(text: str) -> list[str]:
    """Names separated by ";" or enumerated "a) … b) …"."""
    pieces: list[str] = []
    for chunk in _ENUMERATION.split(text):
        pieces.extend(p.strip(" ,") for p in chunk.split(";"))
    return [p for p in pieces if p]


def _names_in_group(group: str, translated: bool) -> list[str]:
    """The names a parenthesis holds, or none when it is a remark.

    A single Latin name in parentheses counts only after a name in another script (its
    rendering: "عبدالله السندي (Abdullah Sindhi)"); after a Latin name it is more often
    a place or a remark ("… Trading (Hong Kong)") than another name.
    """
    content = _LABEL.sub("", group).strip()
    if not content:
        return []
    pieces = [_without_remarks(piece) for piece in _pieces(content)]
    pieces = [piece for piece in pieces if piece]
    if _other_script(content):
        return pieces
    if len(pieces) > 1:
        named = [p for p in pieces if _looks_like_name(p, min_words=1)]
        return named if len(named) * 2 > len(pieces) else []
    if len(pieces) == 1 and (
        (translated and _looks_like_name(pieces[0], min_words=1)) or _ACRONYM.match(pieces[0])
    ):
        return pieces
    return []


def _without_remarks(piece: str) -> str:
    """A name without its own nested parentheses or a " - sub-unit name" style tail."""
    base, _ = _parentheses(piece)
    head, dash, tail = base.partition(" - ")
    return head.strip() if dash and _is_note(tail) else base


def _looks_like_name(text: str, min_words: int) -> bool:
    words = _WORD.findall(text)
    if not min_words <= len(words) <= 8 or any(ch.isdigit() for ch in text):
        return False
    if _is_note(text):
        return False
    return all(w[0].isupper() or w.lower() in _LOWER_WORDS or "-" in w for w in words)


def _is_note(text: str) -> bool:
    return any(w.lower().strip(".") in _NOTE_WORDS for w in _WORD.findall(text))


def _other_script(text: str) -> bool:
    """True when the text has letters outside the Latin script."""
    for char in text:
        if char.isalpha() and not unicodedata.name(char, "").startswith("LATIN"):
            return True
    return False


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _split_parentheses(text: str) -> tuple[str, list[str]]:
    """The name, and the parentheses before its first word or after its last.

    "Leader (Hong Kong) International Trading Limited" and "華信船務(香港)有限公司" are
    one name each: a parenthesis inside the name stays in it. An unclosed parenthesis
    at the end runs to the end of the text (lists do truncate remarks).
    """
    rest = " ".join(text.split()).rstrip(",; ")
    trailing: list[str] = []
    while rest.endswith(")"):
        start = _opening(rest)
        if start is None or (start > 0 and not rest[start - 1].isspace()):
            break
        trailing.insert(0, rest[start + 1 : -1])
        rest = rest[:start].rstrip(",; ")
    unclosed = rest.rfind(" (")
    if unclosed >= 0 and ")" not in rest[unclosed:]:
        trailing.insert(0, rest[unclosed + 2 :])
        rest = rest[:unclosed].rstrip(",; ")
    leading: list[str] = []
    while rest.startswith("(") and ")" in rest:
        end = rest.index(")")
        leading.append(rest[1:end])
        rest = rest[end + 1 :].lstrip()
    return rest, [*leading, *trailing]


def _opening(text: str) -> int | None:
    """Index of the "(" that the final ")" of `text` closes."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                return index
    return None


def _parentheses(text: str) -> tuple[str, list[str]]:
    """Text outside top-level parentheses, and each parenthesis' content."""
    outside: list[str] = []
    groups: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "(":
            if depth:
                current.append(char)
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth:
                current.append(char)
            else:
                groups.append("".join(current))
                current = []
        elif depth:
            current.append(char)
        else:
            outside.append(char)
    if current:
        groups.append("".join(current))
    return " ".join("".join(outside).split()), groups
