"""The unlabelled prose segments of OFAC remarks, sorted by what they describe.

Besides labelled facts ("DOB ...", "Passport ..."), OFAC remarks hold short prose:
offices held ("Member of the State Duma ..."), family ties ("wife of ..."), legal
status ("ICTY indictee at large") and the reach of a designation ("all offices
worldwide"). None has a label, so they are recognised by their key words and kept
verbatim — a position stays a sentence, never a guessed structure. Key words were
read off the 2023 SDN.CSV; a segment matching none stays unparsed.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Prose(StrEnum):
    """What an unlabelled remarks segment describes; values are `extra` keys."""

    POSITION = "position"
    RELATIONSHIP = "relationship"
    STATUS = "status"
    SCOPE = "scope"


_KEY_WORDS: dict[Prose, frozenset[str]] = {
    Prose.SCOPE: frozenset({
        "worldwide"
    }),
    Prose.STATUS: frozenset({
        "indictee", "arrested", "deceased", "custody", "fugitive", "detained",
        "incarcerated", "jail"
    }),
    Prose.RELATIONSHIP: frozenset({
        "wife", "husband", "spouse", "daughter", "son", "child", "brother", "sister",
        "father", "mother", "cousin", "nephew", "niece", "relative"
    }),
    Prose.POSITION: frozenset({
        "member", "head", "director", "chairman", "chairperson", "president", "minister",
        "deputy", "chief", "commander", "governor", "general", "colonel", "major",
        "lieutenant", "brigadier", "captain", "employee", "official", "representative",
        "advisor", "adviser", "secretary", "magistrate", "judge", "prosecutor",
        "ambassador", "mayor", "leader", "founder", "owner", "manager", "rector",
        "constituent", "aide", "officer", "spokesman", "executive", "ceo", "treasurer",
        "financier", "coordinator", "chairwoman", "attorney", "senator", "shareholder",
        "emir", "amir", "sheikh", "shaykh", "commissioner", "inspector", "agent", "doctor",
        "professor", "engineer", "cleric", "imam", "mullah", "maulana", "hojjatoleslam",
        "haji", "mufti", "ayatollah", "operative", "facilitator", "militant", "spiritual",
        "administrator", "warden", "chair", "businessman", "dealer", "superintendent",
        "trustee", "partner"
    }),
}  # fmt: skip
_WORD = re.compile(r"[a-z]+")


def classify_prose(segment: str) -> Prose | None:
    """What a prose segment describes, by its key words; None when unrecognised.

    Kinds are tried from the most to the least specific, so "wife of the Minister of
    Interior" is a relationship, not a position.
    """
    words = set(_WORD.findall(segment.lower()))
    for kind in (Prose.SCOPE, Prose.STATUS, Prose.RELATIONSHIP, Prose.POSITION):
        if words & _KEY_WORDS[kind]:
            return kind
    return None
